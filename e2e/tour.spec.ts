// The guided tour end to end: five steps, each try-it live against the real server, by mouse and by keyboard.
import type { Locator, Page } from '@playwright/test'
import { expect, shot, startLab, stopLab, test } from './fixtures.ts'

const EMAIL = /aluno-[a-z0-9]{6}@escola\.br/

// Presses `key` until `target` has focus, as a keyboard user would; fails if it is not reachable.
async function pressUntilFocused(page: Page, key: string, target: Locator, max = 25) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el.matches(':focus'))) return
    await page.keyboard.press(key)
  }
  await expect(target).toBeFocused()
}

// The result area of the current step (named by its heading).
const resultOf = (page: Page, name = 'O que aconteceu') => page.getByRole('region', { name })

test('the tour walks its five steps, each try-it running live against the real server', async ({
  page,
  lab,
}) => {
  const json = lab.server.ports.json
  await page.goto(`${lab.url}#tour`)
  await expect(page.getByRole('tab', { name: 'Tour guiado' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  const steps = page.getByRole('navigation', { name: 'Passos do tour' })
  const next = page.getByRole('button', { name: 'Próximo' })
  const tryIt = page.getByRole('button', { name: /^Experimente/ })
  const result = resultOf(page)

  // 1. Sockets: the bridge's connected event with both ends, then the page's close.
  await expect(page.getByText('Passo 1 de 5')).toBeVisible()
  await expect(steps.getByRole('button', { name: 'Sockets' })).toHaveAttribute(
    'aria-current',
    'step',
  )
  await expect(page.getByRole('button', { name: 'Anterior' })).toBeDisabled()
  await tryIt.click()
  await expect(result).toContainText(
    new RegExp(
      `A conexão abriu: a ponta do cliente é 127\\.0\\.0\\.1:\\d+ e a do servidor é 127\\.0\\.0\\.1:${json}\\.`,
    ),
  )
  const ends = result.getByRole('figure', { name: 'As duas pontas da conexão TCP' })
  await expect(ends.getByRole('definition')).toHaveText([
    '127.0.0.1',
    /^\d+$/,
    '127.0.0.1',
    `${json}`,
  ])
  const log1 = result.getByRole('log', { name: 'Bytes e mensagens deste passo' })
  await expect(log1).toContainText(
    new RegExp(`TCP conectado: 127\\.0\\.0\\.1:\\d+ → 127\\.0\\.0\\.1:${json}`),
  )
  await expect(log1).toContainText('Conexão encerrada: Você encerrou a conexão.')
  await expect(tryIt).toHaveText(/Experimente de novo/)
  await shot(page, 'tour-1-sockets')

  // 2. Messages: CRIAR and CONSULTAR for a fresh email, the request bytes and the record.
  await next.click()
  await expect(
    page.getByRole('heading', { name: 'Mensagens: pedidos e respostas em JSON' }),
  ).toBeFocused()
  await expect(page.getByText('Passo 2 de 5')).toBeVisible()
  await tryIt.click()
  await expect(result).toContainText(
    /O servidor respondeu 200 ao CRIAR e 200 ao CONSULTAR: criou aluno-/,
  )
  const log2 = result.getByRole('log', { name: 'Bytes e mensagens deste passo' })
  await expect(log2.getByRole('article', { name: /^Pedido 1,/ })).toContainText('CRIAR USUARIO')
  await expect(log2.getByRole('article', { name: /^enviado, pedaço #1,/ })).toBeVisible()
  await expect(log2.getByRole('article', { name: /^Resposta 2,/ }).locator('.badge')).toHaveText(
    '200',
  )
  const record = log2.getByRole('table', { name: 'Registro do usuário' })
  await expect(record.getByRole('cell')).toHaveText(['— (vazio)', '— (vazio)', '— (vazio)', EMAIL])
  await shot(page, 'tour-2-messages')

  // 3. Status codes: four refusals, their codes read from the answers.
  await next.click()
  await tryIt.click()
  const table = result.getByRole('table', { name: 'Os pedidos recusados e as respostas' })
  await expect(table.getByRole('row')).toHaveCount(5)
  const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) })
  await expect(row('Usuário que não existe')).toContainText(/404.*Usuário não registrado:colega-/)
  await expect(row('Email já cadastrado')).toContainText(/404.*Usuário já registrado:aluno-/)
  await expect(row('Pedido sem EMAIL_USUARIO')).toContainText(
    /404.*Mensagem não contém uma entrada de EMAIL_USUARIO/,
  )
  await expect(row('JSON quebrado')).toContainText(/400.*Mensagem não é um JSON válido/)
  await expect(result).toContainText(
    'As três recusas de pedidos vieram com o mesmo código, 404, como na aula',
  )
  await expect(result).toContainText('recebeu 400.')
  await shot(page, 'tour-3-codes')

  // 4. Framing: the same request in two halves; naive refuses each half, json answers once.
  await next.click()
  await tryIt.click()
  await expect(result).toContainText(
    'O servidor naive respondeu 400, 400: cada metade chegou numa leitura separada',
  )
  await expect(result).toContainText('respondeu uma vez só, com 200.')
  const naive = result.getByRole('region', { name: /^naive / })
  const jsonColumn = result.getByRole('region', { name: /^json / })
  await expect(naive.getByRole('list', { name: 'Respostas' }).getByRole('listitem')).toHaveText([
    '400',
    '400',
  ])
  await expect(
    jsonColumn.getByRole('list', { name: 'Respostas' }).getByRole('listitem'),
  ).toHaveText(['200'])
  await expect(
    result.getByRole('link', { name: 'Abrir no laboratório de framing' }),
  ).toHaveAttribute('href', '#framing')
  await shot(page, 'tour-4-framing')

  // 5. Concurrency: A and B open at once; B reads the Telefone A wrote.
  await next.click()
  await expect(next).toBeDisabled()
  await tryIt.click()
  await expect(result).toContainText(/B leu o Telefone 9\d{7} que A tinha acabado de gravar/)
  const phone = /Telefone (9\d{7})/.exec((await result.textContent()) ?? '')?.[1] ?? ''
  const clientA = result.getByRole('region', { name: /^Cliente A · porta local \d+$/ })
  const clientB = result.getByRole('region', { name: /^Cliente B · porta local \d+$/ })
  await expect(clientA.getByRole('log')).toContainText(`VALOR ${phone}`)
  const read = clientB.getByRole('table', { name: 'Registro do usuário' })
  await expect(read.getByRole('cell')).toHaveText(['— (vazio)', '— (vazio)', phone, EMAIL])
  await shot(page, 'tour-5-concurrency')

  // Every step is marked as tried in the list; a step keeps its result after a visit elsewhere.
  await expect(steps.getByRole('button', { name: /experimentado/ })).toHaveCount(5)
  await page.getByRole('tab', { name: 'Menu do bot' }).click()
  await page.getByRole('tab', { name: 'Tour guiado' }).click()
  await expect(page.getByText('Passo 5 de 5')).toBeVisible()
  await steps.getByRole('button', { name: /^Sockets/ }).click()
  await expect(result).toContainText('A conexão abriu')
})

test('in English, dark and large, the codes step reads precise codes from an http-codes server', async ({
  page,
}) => {
  const lab = await startLab({ codes: 'http' })
  try {
    await page.goto(`${lab.url}#tour`)
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('button', { name: 'Dark theme' }).click()
    await page.getByRole('button', { name: 'Large text' }).click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect(page.locator('html')).toHaveAttribute('data-size', 'large')
    const steps = page.getByRole('navigation', { name: 'Tour steps' })
    const result = resultOf(page, 'What happened')

    await page.getByRole('button', { name: 'Try it' }).click()
    await expect(result).toContainText(
      /The connection opened: the client's end is 127\.0\.0\.1:\d+/,
    )
    await shot(page, 'tour-1-sockets-en-dark-large')

    await steps.getByRole('button', { name: 'Status codes' }).click()
    await expect(
      page.getByRole('heading', { name: 'Status codes: when the server says no' }),
    ).toBeFocused()
    await expect(page.getByText('Step 3 of 5')).toBeVisible()
    await page.getByRole('button', { name: 'Try it' }).click()
    await expect(result).toContainText(
      'This server uses precise codes: 404 for the user who does not exist, 409 for the repeated email, 400 for the missing field and 400 for the broken JSON.',
    )
    const table = result.getByRole('table', { name: 'The refused requests and the answers' })
    await expect(table.getByRole('row', { name: /^An email already registered/ })).toContainText(
      '409',
    )
    await shot(page, 'tour-3-codes-en-dark-large')

    await steps.getByRole('button', { name: 'Concurrency' }).click()
    await page.getByRole('button', { name: 'Try it' }).click()
    await expect(result).toContainText(/B read the Telefone 9\d{7} that A had just written/)
    await shot(page, 'tour-5-concurrency-en-dark-large')

    await steps.getByRole('button', { name: 'Framing' }).click()
    await page.getByRole('button', { name: 'Try it' }).click()
    await expect(result).toContainText('The naive server answered 400, 400')
    await shot(page, 'tour-4-framing-en-dark-large')
  } finally {
    await stopLab(lab)
  }
})

test('the whole tour by keyboard alone: Tab to Try it, Enter, Shift+Tab to Next', async ({
  page,
  lab,
}) => {
  await page.goto(`${lab.url}#tour`)
  const tryIt = page.getByRole('button', { name: /^Experimente/ })
  const next = page.getByRole('button', { name: 'Próximo' })
  const result = resultOf(page)
  const verdicts = [
    /A conexão abriu: a ponta do cliente é 127\.0\.0\.1:\d+/,
    /O servidor respondeu 200 ao CRIAR e 200 ao CONSULTAR/,
    /As três recusas de pedidos vieram com o mesmo código, 404/,
    /O servidor naive respondeu 400, 400/,
    /B leu o Telefone 9\d{7}/,
  ]
  const titles = [
    'Sockets: as duas pontas de uma conexão',
    'Mensagens: pedidos e respostas em JSON',
    'Códigos de status: quando o servidor diz não',
    'Framing: onde termina uma mensagem?',
    'Concorrência: dois clientes ao mesmo tempo',
  ]

  await expect(tryIt).not.toHaveAttribute('aria-disabled', 'true')
  await pressUntilFocused(page, 'Tab', tryIt)
  for (const [i, verdict] of verdicts.entries()) {
    if (i > 0) {
      // Next is one Shift+Tab back from Try it; after it, the new step's title has focus and the
      // next Tab is its Try it.
      await page.keyboard.press('Shift+Tab')
      await expect(next).toBeFocused()
      await page.keyboard.press('Enter')
      await expect(page.getByRole('heading', { name: titles[i] })).toBeFocused()
      await page.keyboard.press('Tab')
      await expect(tryIt).toBeFocused()
    }
    await page.keyboard.press('Enter')
    await expect(result).toContainText(verdict)
    // The button keeps focus through the run, ready to run it again.
    await expect(tryIt).toBeFocused()
    await expect(tryIt).toHaveText(/Experimente de novo/)
  }
  await expect(next).toBeDisabled()

  // The step list is keyboard-reachable too, and a visited step keeps its result.
  const first = page.getByRole('navigation', { name: 'Passos do tour' }).getByRole('button', {
    name: /^Sockets/,
  })
  await pressUntilFocused(page, 'Shift+Tab', first)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: titles[0] })).toBeFocused()
  await expect(result).toContainText(verdicts[0]!)
  await shot(page, 'tour-keyboard')
})

test('a try-it says plainly when the server or the bridge is down, and never hangs', async ({
  page,
  ownLab,
}) => {
  await page.goto(`${ownLab.url}#tour`)
  const tryIt = page.getByRole('button', { name: /^Experimente/ })
  // The allow-list has loaded: the button is live.
  await expect(tryIt).not.toHaveAttribute('aria-disabled', 'true')

  await ownLab.server.close()
  await tryIt.click()
  await expect(page.getByRole('alert')).toHaveText(
    '✕ O experimento não terminou. O servidor TCP recusou a conexão (ECONNREFUSED). Ele está rodando nessa porta?',
  )
  await expect(tryIt).toHaveText(/Experimente de novo/)
  await shot(page, 'tour-server-down')

  await ownLab.bridge.close()
  await page
    .getByRole('navigation', { name: 'Passos do tour' })
    .getByRole('button', { name: 'Framing' })
    .click()
  await tryIt.click()
  await expect(page.getByRole('alert')).toContainText(
    'O experimento não terminou. Não foi possível falar com a ponte WebSocket',
  )
  await expect(tryIt).toHaveText(/Experimente de novo/)
})
