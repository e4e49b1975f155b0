// What the page explains in words: a value the server still holds, close codes, a student's own server
// that does not answer in the lesson's protocol, and a message past the server's size limit.
import { createServer, type Server } from 'node:net'
import { connect, connectionState, expect, shot, startLab, stopLab, test } from './fixtures.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
const BROKEN = '{"SERVIÇO": "Dados Pessoais",'
const FORM_TEXT =
  '{"SERVI\\u00c7O": "Dados Pessoais", "A\\u00c7\\u00c3O": "CONSULTAR USUARIO", "EMAIL_USUARIO": "eu@gmail.com"}'

test('after "JSON quebrado" the page says what the server holds, and each way out works', async ({
  page,
  lab,
}) => {
  await connect(page, lab)
  const send = page.getByRole('button', { name: 'Enviar', exact: true })
  const held = page.getByRole('status').filter({ hasText: 'O servidor guarda' })
  await page.getByRole('button', { name: 'JSON quebrado' }).click()
  await send.click()
  const brokenSize = utf8(BROKEN).length
  await expect(held).toContainText(
    `O servidor guarda ${brokenSize} bytes de um valor JSON que não fechou: ele vai ler os seus próximos bytes como parte desse valor`,
  )
  await expect(connectionState(page)).toContainText('Conectado')

  // Back on the form, Send sends what the form shows, not the broken text again; the server still holds it all.
  await page.getByRole('tab', { name: 'Formulário' }).click()
  await send.click()
  const formSize = utf8(FORM_TEXT).length
  await expect(
    page.getByRole('article', { name: `enviado, pedaço #2, ${formSize} bytes` }),
  ).toHaveCount(1)
  await expect(held).toContainText(`O servidor guarda ${brokenSize + formSize} bytes`)
  await expect(page.getByRole('article', { name: /^Resposta \d+,/ })).toHaveCount(0)
  await shot(page, 'held-value')

  // Way out 1: the characters that close the value. The server answers (400: it is not valid JSON).
  await held.getByRole('button', { name: 'Enviar } que falta' }).click()
  await expect(page.getByRole('article', { name: /^Resposta 1,/ }).locator('.badge')).toHaveText(
    '400',
  )
  await expect(held).toHaveCount(0)
  await send.click()
  await expect(page.getByRole('article', { name: /^Resposta 2,/ }).locator('.badge')).toHaveText(
    '404',
  )

  // Way out 2: a fresh connection, where the server holds nothing.
  await page.getByRole('button', { name: 'JSON quebrado' }).click()
  await send.click()
  await expect(held).toContainText(`O servidor guarda ${brokenSize} bytes`)
  await held.getByRole('button', { name: 'Reconectar (começa do zero)' }).click()
  await expect(connectionState(page)).toContainText('Conectado')
  await expect(held).toHaveCount(0)
  await page.getByRole('tab', { name: 'Formulário' }).click()
  await send.click()
  // The log numbers messages across its connections: this is its third answer.
  await expect(page.getByRole('article', { name: /^Resposta 3,/ }).locator('.badge')).toHaveText(
    '404',
  )
})

test('a close shows its code and meaning in the page language, never the bridge English', async ({
  page,
  lab,
}) => {
  await connect(page, lab)
  await page.getByRole('button', { name: 'Desconectar' }).click()
  await expect(connectionState(page)).toContainText(
    'Você encerrou a conexão. Código 1000: fechamento normal.',
  )
  await page.getByRole('button', { name: 'English' }).click()
  await expect(connectionState(page)).toContainText('You closed the connection. Code 1000')
})

test('a message past the limit: the hint says 413 and a close, and the status says who closed', async ({
  page,
  lab,
}) => {
  await connect(page, lab)
  await page.getByRole('tab', { name: 'Texto bruto' }).click()
  const big = `{"SERVIÇO": "${'x'.repeat(70 * 1024)}"}`
  await page.getByLabel('Texto exato que vai para o fio').fill(big)
  const hints = page.locator('.raw-editor .hints')
  await expect(hints).toContainText(
    'Mensagem excede o limite de 65536 bytes; a conexão será encerrada',
  )
  await expect(hints).toContainText(
    'Passa do limite de 64 KiB do servidor: ele responde 413 e fecha a conexão.',
  )
  await expect(hints).not.toContainText('não iniciam um valor JSON')
  await page.getByRole('button', { name: /^Enviar/ }).click()
  await expect(page.getByRole('article', { name: /^Resposta 1,/ }).locator('.badge')).toHaveText(
    '413',
  )
  // The server closed: the status names the code, in Portuguese; the bridge's words stay in the log's detail.
  const state = connectionState(page)
  await expect(state).toContainText('Encerrada')
  await expect(state).toContainText('O servidor TCP encerrou a conexão (FIN)')
  await expect(state).toContainText('(4000)')
  await expect(state).not.toContainText('target closed')
  const closed = page.locator('.event-text', { hasText: 'A ponte fechou o WebSocket' })
  await expect(closed).toHaveText(
    /^A ponte fechou o WebSocket \(código 4000\)\. \d+ bytes enviados/,
  )
  await expect(closed.locator('.event-detail')).toContainText('«target closed the connection»')
})

// A student's server that echoes what it reads (not the lesson's answers), on 127.0.0.1, port 0.
function startEcho(): Promise<Server & { port: number }> {
  const server = createServer((socket) => {
    socket.on('error', () => socket.destroy())
    socket.on('data', (data) => socket.write(data))
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(
        Object.assign(server, { port: typeof address === 'object' && address ? address.port : 0 }),
      )
    })
  })
}

test("a student's own server goes by its name, and its echo is said not to be the lesson's", async ({
  page,
}) => {
  const echo = await startEcho()
  const lab = await startLab({
    allow: [
      { host: '127.0.0.1', from: echo.port, to: echo.port, label: 'Servidor da Ana' },
      { host: '127.0.0.1', from: 6379, to: 6379, protocol: 'resp', label: 'Redis' },
    ],
  })
  try {
    await page.goto(lab.url)
    const target = page.getByLabel('Alvo')
    await expect(target.locator('option', { hasText: 'Servidor da Ana' })).toHaveText(
      `Servidor da Ana — 127.0.0.1:${echo.port}`,
    )
    await expect(target.locator('option', { hasText: 'Redis' })).toHaveText(
      'Redis — 127.0.0.1:6379 · Redis (RESP)',
    )
    await expect(target.locator('option', { hasText: /— \?$/ })).toHaveCount(0)
    await target.selectOption(`127.0.0.1:${echo.port}`)
    await page.getByRole('button', { name: 'Conectar' }).click()
    await expect(connectionState(page)).toContainText('Conectado')
    await page.getByRole('button', { name: /^Enviar/ }).click()
    const answer = page.getByRole('article', { name: /^Resposta 1,/ })
    await expect(answer).toContainText(
      'Esta resposta não é do protocolo da aula: falta a chave "CODIGO DE ERRO".',
    )
    await expect(answer.locator('.wire-text')).toHaveText(FORM_TEXT)
    await expect(answer).toContainText('Como bytes')
    await expect(answer).toContainText('7b 22 53 45 52 56 49')
    await expect(answer).not.toContainText('Entrada inválida')
    await expect(answer).not.toContainText('undefined')
    await shot(page, 'own-server-echo')

    // The bot speaks only the lesson's protocol: Redis is not offered there.
    await page.getByRole('tab', { name: 'Menu do bot' }).click()
    const botTarget = page.getByRole('region', { name: 'Menu do bot' }).getByLabel('Servidor')
    await expect(botTarget.locator('option', { hasText: 'Servidor da Ana' })).toHaveCount(1)
    await expect(botTarget.locator('option', { hasText: 'Redis' })).toHaveCount(0)
  } finally {
    await stopLab(lab)
    await new Promise((resolve) => echo.close(resolve))
  }
})

test('terms explain themselves on hover and keyboard focus, and the log has a legend, in both languages', async ({
  page,
  lab,
}) => {
  const tip = page.getByRole('tooltip')
  // Before connecting, the status names the bridge: a term with its explanation.
  await page.goto(lab.url)
  await page.getByRole('button', { name: 'Ponte' }).hover()
  await expect(tip).toContainText('O navegador não abre conexões TCP')
  await connect(page, lab)
  await page.getByRole('button', { name: /^Enviar/ }).click()
  await expect(page.getByRole('article', { name: /^Resposta 1,/ })).toBeVisible()
  // Keyboard: Tab onto the "?" beside Framing shows what framing is; Escape hides it.
  const framing = page.getByRole('button', { name: 'O que termina uma mensagem?' })
  await framing.focus()
  await expect(tip).toBeVisible()
  await expect(tip).toContainText('Framing é a regra que diz onde cada mensagem termina')
  await expect(framing).toHaveAccessibleDescription(/O TCP entrega um fluxo de bytes/)
  await page.keyboard.press('Escape')
  await expect(tip).toBeHidden()
  // Hover: why there are four ports, and how to read the bytes on the wire.
  await page.getByRole('button', { name: 'Por que quatro portas?' }).hover()
  await expect(tip).toContainText('O mesmo servidor escuta em quatro portas')
  await page.getByRole('button', { name: 'Como ler os bytes' }).hover()
  await expect(tip).toContainText('"… 88 bytes" no meio são bytes omitidos')
  // The legend opens over the log (the log keeps its rows) and closes with Escape.
  const rows = await page.locator('.log-row').count()
  const legendButton = page.getByRole('button', { name: 'Legenda: como ler o registro' })
  await legendButton.focus()
  await page.keyboard.press('Enter')
  const legend = page.getByRole('dialog', { name: 'Como ler o registro' })
  await expect(legend).toBeVisible()
  await expect(legend).toContainText('⟦1 e 1⟧ marcam onde a mensagem 1 começa e termina')
  await expect(legend).toContainText('· é um espaço')
  await expect(legend).toContainText('Pedido e Resposta: a mensagem decodificada dos pedaços acima')
  expect(await page.locator('.log-row').count()).toBe(rows)
  await shot(page, 'legend')
  await page.keyboard.press('Escape')
  await expect(legend).toBeHidden()
  await expect(legendButton).toBeFocused()

  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('button', { name: 'What ends a message?' }).focus()
  await expect(tip).toContainText('Framing is the rule that says where each message ends')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Legend: how to read the log' }).click()
  await expect(page.getByRole('dialog', { name: 'How to read the log' })).toContainText(
    'A chunk: what one TCP write (sent) or read (received) carried at once.',
  )
})
