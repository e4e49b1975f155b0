// The teacher's view end to end: three students on their own browsers, the teacher's live class, the key.
import type { Browser, Page } from '@playwright/test'
import { connect, connectionState, expect, shot, test, type Lab } from './fixtures.ts'

const request = (action: string, email: string) =>
  JSON.stringify({ SERVIÇO: 'Dados Pessoais', AÇÃO: action, EMAIL_USUARIO: email })

/** A student: a browser context of its own (its own sessionStorage, so its own tab id). */
async function student(browser: Browser) {
  const context = await browser.newContext()
  return { context, page: await context.newPage() }
}

/** Types `text` in the raw editor and sends it; waits for answer number `n`. */
async function send(page: Page, text: string, n: number) {
  await page.getByRole('tab', { name: 'Texto bruto' }).click()
  await page.getByLabel('Texto exato que vai para o fio').fill(text)
  await page.getByRole('button', { name: /^Enviar/ }).click()
  await expect(page.getByRole('article', { name: new RegExp(`^Resposta ${n},`) })).toBeVisible()
}

/** The tab id the page tells its student the teacher sees it as. */
async function tabId(page: Page): Promise<string> {
  const button = page.getByRole('button', { name: /^Grupo:/ })
  await button.click()
  const said = await page.getByText(/O professor vê esta aba como/).textContent()
  await page.keyboard.press('Escape')
  await expect(button).toBeFocused()
  return /como ([a-z0-9]{6})\./.exec(said ?? '')![1]!
}

/** The teacher's card for a tab's pane A, in the class view. */
const card = (teacher: Page, tab: string) =>
  teacher.getByRole('listitem').filter({
    has: teacher.getByRole('button', { name: `${tab} · Cliente A`, exact: true }),
  })

async function classOfThree(browser: Browser, lab: Lab) {
  const email = `turma-${Date.now()}@escola.br`
  // Alice creates a user and reads it back: two 200s.
  const alice = await student(browser)
  await connect(alice.page, lab)
  await send(alice.page, request('CRIAR USUARIO', email), 1)
  await send(alice.page, request('CONSULTAR USUARIO', email), 2)
  await expect(connectionState(alice.page)).toContainText('Espaço: este computador (127.0.0.1)')

  // Bruno joins group grupo-3 (typed as a person would) and asks for a user it does not hold: 404.
  const bruno = await student(browser)
  await bruno.page.setViewportSize({ width: 1024, height: 768 })
  await bruno.page.goto(lab.url)
  await bruno.page.getByRole('button', { name: 'Texto grande' }).click()
  await bruno.page.getByRole('button', { name: 'Grupo: nenhum' }).click()
  const name = bruno.page.getByLabel('Nome do grupo')
  await name.fill('grupo 3')
  await bruno.page.getByRole('button', { name: 'Entrar no grupo' }).click()
  await expect(bruno.page.getByText(/«grupo 3» não serve/)).toBeVisible()
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await name.fill('  Grupo-3 ')
  await name.press('Enter')
  await expect(name).toHaveValue('grupo-3')
  await expect(bruno.page.getByText(/Você está no grupo grupo-3\./)).toBeVisible()
  await shot(bruno.page, 'student-group-1024-large')
  await bruno.page.keyboard.press('Escape')
  await expect(bruno.page.getByRole('button', { name: 'Grupo: grupo-3' })).toBeVisible()
  await connect(bruno.page, lab)
  await expect(connectionState(bruno.page)).toContainText('Espaço: grupo grupo-3')
  await shot(bruno.page, 'student-workspace-1024-large')
  await send(bruno.page, request('CONSULTAR USUARIO', email), 1)
  await expect(
    bruno.page.getByRole('article', { name: /^Resposta 1,/ }).locator('.badge'),
  ).toHaveText('404')

  // Carla sends JSON that is not valid: 400.
  const carla = await student(browser)
  await connect(carla.page, lab)
  await send(carla.page, '{"SERVIÇO": "Dados Pessoais",}', 1)

  const tabs = {
    alice: await tabId(alice.page),
    bruno: await tabId(bruno.page),
    carla: await tabId(carla.page),
  }
  return { students: [alice, bruno, carla], tabs, email }
}

test('the teacher sees three students live, their codes, and opens one exchange read-only', async ({
  browser,
  ownLab: lab,
}) => {
  // Four browsers, each loading the page: the work of about four tests in one flow.
  test.slow()
  // A lab of its own: the class view shows every connection the bridge has seen.
  const { students, tabs } = await classOfThree(browser, lab)
  expect(new Set(Object.values(tabs)).size).toBe(3)

  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  const teacher = await teacherContext.newPage()
  await teacher.goto(`${lab.url}#class?key=${encodeURIComponent(lab.teacherKey)}`)
  // The key leaves the address bar at once, so a projected URL bar never shows it.
  await expect(teacher).toHaveURL(/#class$/)
  await expect(teacher.getByRole('tab', { name: 'Turma' })).toHaveAttribute('aria-selected', 'true')
  await expect(teacher.getByRole('status').filter({ hasText: 'Ao vivo' })).toBeVisible()
  await expect(teacher.getByText('3 conexões abertas em 1 computador')).toBeVisible()
  await expect(teacher.getByRole('heading', { name: /^Computador 127\.0\.0\.1/ })).toBeVisible()

  await expect(
    card(teacher, tabs.alice).getByRole('list', { name: 'Respostas por código' }),
  ).toHaveText('200 ×2')
  await expect(card(teacher, tabs.alice)).toContainText('2 pedidos')
  await expect(card(teacher, tabs.alice)).toContainText(/json · conectou (agora|há \d+ (s|min))/)
  await expect(
    card(teacher, tabs.bruno).getByRole('list', { name: 'Respostas por código' }),
  ).toHaveText('404 ×1')
  await expect(card(teacher, tabs.bruno)).toContainText('grupo grupo-3')
  await expect(card(teacher, tabs.bruno)).toContainText('Usuário não registrado')
  await expect(
    card(teacher, tabs.carla).getByRole('list', { name: 'Respostas por código' }),
  ).toHaveText('400 ×1')
  await expect(card(teacher, tabs.carla)).toContainText('Erro')

  const tally = teacher.getByRole('region', { name: 'Respostas da turma' })
  await expect(tally.getByRole('listitem')).toHaveText([
    '200 2 (sucesso)',
    '400 1 (pedido malformado)',
    /^404 1 \(recusado/,
  ])
  await expect(tally).toContainText('4 no total')
  const workspaces = teacher.getByRole('region', { name: 'Espaços no servidor' })
  await expect(workspaces).toContainText('grupo grupo-3')
  await expect(workspaces).toContainText('computador 127.0.0.1')

  await teacher.getByRole('button', { name: 'Texto grande' }).click()
  await shot(teacher, 'class-1024-large')

  // Live: a fourth request shows up without a reload.
  await send(students[0]!.page, request('CONSULTAR USUARIO', 'ninguem@escola.br'), 3)
  await expect(
    card(teacher, tabs.alice).getByRole('list', { name: 'Respostas por código' }),
  ).toHaveText('200 ×2404 ×1')

  // Bruno's exchange, by keyboard, in the log view a student has.
  const open = teacher.getByRole('button', { name: `${tabs.bruno} · Cliente A`, exact: true })
  await open.focus()
  await open.press('Enter')
  await expect(
    teacher.getByRole('heading', { name: `Troca de 127.0.0.1 · ${tabs.bruno} · Cliente A` }),
  ).toBeVisible()
  // A read-only log opens at its start, as a reviewed file does; End goes to the newest entry.
  await expect(teacher.getByRole('log')).toContainText('grupo grupo-3: cabeçalho PROXY v2')
  await teacher.getByRole('log').press('End')
  const answer = teacher.getByRole('article', { name: /^Resposta 1,/ })
  await expect(answer.locator('.badge')).toHaveText('404')
  await expect(answer).toContainText('Usuário não registrado')
  await shot(teacher, 'class-exchange-1024-large')
  await teacher.keyboard.press('Escape')
  await expect(open).toBeFocused()

  await teacher.setViewportSize({ width: 1920, height: 1080 })
  await shot(teacher, 'class-1920-large')
  await teacher.getByRole('button', { name: 'Texto grande' }).click()
  await shot(teacher, 'class-1920')
  for (const s of students) await s.context.close()
  await teacherContext.close()
})

test('without the key, or with a wrong one, the class view refuses and shows nothing of the class', async ({
  page,
  request: api,
  lab,
}) => {
  // Someone is connected, so there is something not to show.
  await connect(page, lab)
  await send(page, request('CONSULTAR USUARIO', 'x@escola.br'), 1)

  expect((await api.get(`${lab.url}api/class`)).status()).toBe(401)
  expect((await api.get(`${lab.url}api/class/events?key=wrong`)).status()).toBe(401)
  expect((await api.get(`${lab.url}api/class?key=${lab.teacherKey}`)).status()).toBe(200)

  // A student's page has no class tab.
  await expect(page.getByRole('tab', { name: 'Playground' })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Turma' })).toHaveCount(0)

  await page.goto(`${lab.url}#class`)
  await expect(page.getByRole('heading', { name: 'Visão do professor' })).toBeVisible()
  await expect(page.getByText(/precisa da chave do professor/)).toBeVisible()
  await expect(page.getByText(/Computador 127/)).toHaveCount(0)

  // The teacher URL pasted into an open tab: only the fragment changes, and the key is taken still.
  await page.goto(`${lab.url}#class?key=wrong-key`)
  await expect(page).toHaveURL(/#class$/)
  await expect(page.getByRole('alert')).toContainText('A chave não foi aceita')
  await expect(page.getByText(/Computador 127/)).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Cliente A/ })).toHaveCount(0)
  await shot(page, 'class-refused')
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('tab', { name: 'Class' })).toBeVisible()
  await expect(page.getByRole('alert')).toContainText('The key was not accepted')
  await page.getByRole('button', { name: 'Português' }).click()

  // The right key typed into the panel opens the class.
  await page.getByLabel('Chave do professor').fill(lab.teacherKey)
  await page.getByRole('button', { name: 'Abrir a turma' }).click()
  await expect(page.getByRole('heading', { name: /^Computador 127\.0\.0\.1/ })).toBeVisible()
})

test('a group chosen while connected applies from the next connection, as the pane says', async ({
  page,
  lab,
}) => {
  await connect(page, lab)
  const state = connectionState(page)
  await expect(state).toContainText('Espaço: este computador (127.0.0.1)')
  await page.getByRole('button', { name: 'Grupo: nenhum' }).click()
  await page.getByLabel('Nome do grupo').fill('g-e2e')
  await page.getByRole('button', { name: 'Entrar no grupo' }).click()
  await page.keyboard.press('Escape')
  await expect(state).toContainText('Reconecte para entrar no grupo g-e2e.')
  await page.getByRole('button', { name: 'Desconectar' }).click()
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(state).toContainText('Espaço: grupo g-e2e')
  await expect(state).not.toContainText('Reconecte')
  // Kept for the tab: a reload is still in the group.
  await page.reload()
  await expect(page.getByRole('button', { name: 'Grupo: g-e2e' })).toBeVisible()
})

test('a student who disconnects stays on the board, greyed, saying how it ended', async ({
  browser,
  ownLab: lab,
}) => {
  const carla = await student(browser)
  await connect(carla.page, lab)
  const tab = await tabId(carla.page)
  const teacher = await browser.newPage()
  await teacher.goto(`${lab.url}#class?key=${encodeURIComponent(lab.teacherKey)}`)
  await expect(card(teacher, tab)).toContainText('json · conectou')
  await carla.page.getByRole('button', { name: 'Desconectar' }).click()
  await expect(card(teacher, tab)).toContainText('Encerrada agora: o aluno desconectou.')
  await expect(teacher.getByText('Nenhuma conexão aberta (1 encerrada).')).toHaveCount(0)
  await teacher.getByLabel('Mostrar encerradas').uncheck()
  await expect(teacher.getByText('Nenhuma conexão aberta (1 encerrada).')).toBeVisible()
  await carla.context.close()
})
