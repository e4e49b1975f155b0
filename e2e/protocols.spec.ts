// Other protocols through the bridge: a real redis-server and a real node:http server, decoded in the log,
// and the copied Python run by python3 against the server, getting the answers the page showed.
import { startRedis as startTestRedis } from '../test-support/redis.ts'
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { INVALID_UTF8_OFFSET } from '../shared/editor/byte-examples.ts'
import { connect, connectionState, expect, shot, startLab, stopLab, test } from './fixtures.ts'

const cleanups: (() => Promise<void> | void)[] = []
test.afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** Debian's redis-server on a free port without persistence, stopped after the test. */
async function startRedis(): Promise<number> {
  const redis = await startTestRedis()
  cleanups.push(() => redis.stop())
  return redis.port
}

/** node:http on port 0: `/` says olá with a Content-Length, `/chunked` streams, anything else is 404. */
async function startHttp(): Promise<number> {
  const server = http.createServer((req, res) => {
    if (req.url === '/')
      return res.setHeader('Content-Type', 'text/plain; charset=utf-8').end('olá')
    if (req.url === '/chunked') {
      res.write('a')
      return res.end('bb')
    }
    res.statusCode = 404
    res.end('não existe')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  server.on('connection', (s) => cleanups.push(() => void s.destroy()))
  return (server.address() as net.AddressInfo).port
}

/** A lab whose bridge also allows `port`, speaking `protocol`. */
async function labFor(port: number, protocol: 'resp' | 'http', label: string) {
  const lab = await startLab({
    allow: [{ host: '127.0.0.1', from: port, to: port, protocol, label }],
  })
  cleanups.push(() => stopLab(lab))
  return lab
}

async function connectTo(page: Page, url: string, port: number): Promise<void> {
  await page.goto(url)
  await page.getByLabel('Alvo').selectOption(`127.0.0.1:${port}`)
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(page)).toContainText('Conectado')
}

/** Runs a script with python3 and returns what it printed. */
function python(script: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'wire-lab-py-')), 'copiado.py')
  writeFileSync(file, script)
  return new Promise((resolve, reject) =>
    execFile('python3', [file], (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  )
}

// `Cliente: b'...'` lines -> the bytes' text (the answers here are ASCII: only \\ and \' are escaped).
function printedAnswers(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('Cliente: '))
    .map((l) => {
      const repr = /^Cliente: b(['"])(.*)\1$/.exec(l)![2]!
      return repr.replace(/\\(.)/g, (_, c: string) => ({ r: '\r', n: '\n', t: '\t' })[c] ?? c)
    })
}

test('Redis: PING, SET and GET as RESP cards, an error reply as an error, and the copied Python', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const port = await startRedis()
  const lab = await labFor(port, 'resp', 'Redis')
  await page.goto(lab.url)
  await page.getByLabel('Alvo').selectOption(`127.0.0.1:${port}`)
  await expect(page.getByLabel('Protocolo', { exact: true })).toHaveValue('resp')
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(page)).toContainText('Conectado')

  const send = async (preset: string) => {
    await page.getByRole('button', { name: preset, exact: true }).click()
    await page.getByRole('button', { name: 'Enviar' }).click()
  }
  await send('PING')
  await expect(page.getByRole('article', { name: /^Pedido 1,/ })).toContainText('PING')
  const pong = page.getByRole('article', { name: /^Resposta 1,/ })
  await expect(pong).toContainText('texto simples')
  await expect(pong).toContainText('PONG')
  await send('SET aluno Ana')
  await expect(page.getByRole('article', { name: /^Resposta 2,/ })).toContainText('OK')
  await send('GET aluno')
  await expect(page.getByRole('article', { name: /^Resposta 3,/ })).toContainText('"Ana"')
  // SET then INCR of the same key in one write: +OK, then an error reply.
  await send('INCR de um texto (erro)')
  const error = page.getByRole('article', { name: /^Resposta 5,/ })
  await expect(error).toContainText('Resposta de erro do Redis')
  await expect(error).toContainText('ERR value is not an integer or out of range')
  await expect(error).toHaveClass(/problem/)

  // The request as Python, run by python3 against the same Redis: the answer the page showed.
  await page.getByRole('button', { name: 'GET aluno', exact: true }).click()
  await page.getByRole('button', { name: 'Copiar como Python' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Copiado' })).toBeVisible()
  const script = String(await page.evaluate('navigator.clipboard.readText()'))
  expect(script).toContain('cliente.sendall(mensagem_bytes)')
  expect(printedAnswers(await python(script))).toEqual(['$3\r\nAna\r\n'])

  await page.getByRole('button', { name: 'Copiar como shell' }).click()
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(
    `printf '*2\\r\\n$3\\r\\nGET\\r\\n$5\\r\\naluno\\r\\n' | nc 127.0.0.1 ${port}`,
  )
})

test('HTTP: two requests on one keep-alive connection, status, headers and body as cards', async ({
  page,
}) => {
  const port = await startHttp()
  const lab = await labFor(port, 'http', 'Web')
  await connectTo(page, lab.url, port)
  await page.getByRole('button', { name: 'Dois GET na mesma conexão' }).click()
  await expect(page.getByLabel('Texto com escapes')).toHaveValue(/^GET \/ HTTP\/1\.1\\r\n/)
  await page.getByRole('button', { name: 'Enviar' }).click()

  // One connection for both: the server closes it after the second (Connection: close).
  await expect(connectionState(page)).toContainText('Encerrada')
  // Messages only, so the four cards are the log's rows.
  await page.getByRole('button', { name: /^Pedaços/ }).click()
  await page.getByRole('button', { name: /^Eventos/ }).click()
  const ok = page.getByRole('article', { name: /^Resposta 1,/ })
  await expect(ok.locator('.http-start')).toHaveText('HTTP/1.1 200 OK')
  const headers = ok.getByRole('table', { name: 'Cabeçalhos' })
  await expect(headers.getByRole('row', { name: /Content-Length/ })).toContainText('4')
  await expect(ok).toContainText('Corpo: 4 bytes (Content-Length)')
  await expect(ok.locator('.http-body')).toHaveText('olá')
  const missing = page.getByRole('article', { name: /^Resposta 2,/ })
  await expect(missing.locator('.http-start')).toHaveText('HTTP/1.1 404 Not Found')
  await expect(missing.locator('.http-body')).toHaveText('não existe')
  await expect(page.getByRole('article', { name: /^Resposta 3,/ })).toHaveCount(0)
  // The oldest rows: the two requests, each decoded from its own bytes.
  await page.getByRole('log').press('Home')
  const first = page.getByRole('article', { name: /^Pedido 1,/ })
  await expect(first.locator('.http-start')).toHaveText('GET / HTTP/1.1')
  await expect(first.getByRole('table', { name: 'Cabeçalhos' })).toContainText('keep-alive')
  await expect(page.getByRole('article', { name: /^Pedido 2,/ })).toContainText('GET /nao-existe')
})

test('bytes mode: invalid UTF-8 is one click away and the server names its offset', async ({
  page,
  lab,
}) => {
  await connect(page, lab, 'json')
  await page.getByRole('tab', { name: 'Bytes' }).click()
  await page.getByRole('button', { name: 'Byte 0xff (UTF-8 inválido)' }).click()
  await expect(page.getByLabel('Texto com escapes')).toHaveValue(/eu\\xff@gmail\.com/)
  await page.getByRole('button', { name: 'Hex', exact: true }).click()
  await expect(page.getByLabel('Bytes em hexadecimal')).toHaveValue(/65 75 ff 40/)
  await shot(page, 'protocols-lesson-bytes')
  await page.getByRole('button', { name: 'Enviar' }).click()
  const answer = page.getByRole('article', { name: /^Resposta 1,/ })
  await expect(answer).toContainText('400')
  await expect(answer).toContainText(`byte inválido na posição ${INVALID_UTF8_OFFSET}`)
})

test('the scenario copied as Python gets, from python3, the answers the page showed', async ({
  page,
  context,
  lab,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await connect(page, lab, 'json')
  await page.getByRole('button', { name: 'Executar tudo' }).click()
  await expect(page.getByText('Cenário concluído')).toBeVisible()
  const steps = page.getByRole('list', { name: 'Passos do cenário' }).getByRole('listitem')
  await expect(steps).toHaveCount(10)
  const shown = (await steps.locator('.badge').allInnerTexts()).map((s) => s.trim())
  expect(shown).toHaveLength(10)

  await page.getByRole('button', { name: 'Copiar cenário como Python' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Copiado' })).toBeVisible()
  const script = String(await page.evaluate('navigator.clipboard.readText()'))
  expect(script).toContain('json.dumps(mensagem).encode("utf-8")')
  const answers = printedAnswers(await python(script)).map(
    (text) => (JSON.parse(text) as Record<string, unknown>)['CODIGO DE ERRO'],
  )
  expect(answers).toEqual(shown)
})

test('at 1024x768 with large text, a Redis answer and the bytes editor read on a projector', async ({
  page,
}) => {
  const port = await startRedis()
  const lab = await labFor(port, 'resp', 'Redis')
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.goto(lab.url)
  await page.getByRole('button', { name: 'Texto grande' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-size', 'large')
  await page.getByLabel('Alvo').selectOption(`127.0.0.1:${port}`)
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(page)).toContainText('Conectado')
  await page.getByRole('button', { name: 'SET aluno Ana', exact: true }).click()
  await page.getByRole('button', { name: 'Enviar', exact: true }).click()
  await page.getByRole('button', { name: 'GET aluno', exact: true }).click()
  await page.getByRole('button', { name: 'Enviar', exact: true }).click()
  const answer = page.getByRole('article', { name: /^Resposta 2,/ })
  await expect(answer).toContainText('"Ana"')
  await expect(answer).toBeInViewport()
  await shot(page, 'protocols-redis-1024-large')
  await page.getByLabel('Texto com escapes').scrollIntoViewIfNeeded()
  await expect(page.getByLabel('Texto com escapes')).toBeInViewport()
  await shot(page, 'protocols-bytes-1024-large')
})

test('the protocol is switched on the page: Redis read as text lines, typed in the bytes editor', async ({
  page,
}) => {
  const port = await startRedis()
  const lab = await labFor(port, 'resp', 'Redis')
  await page.goto(lab.url)
  await page.getByLabel('Alvo').selectOption(`127.0.0.1:${port}`)
  await page.getByLabel('Protocolo', { exact: true }).selectOption('lines')
  await expect(page.getByText('A ponte diz que este alvo fala Redis (RESP).')).toBeVisible()
  await page.getByRole('button', { name: 'Conectar' }).click()
  await expect(connectionState(page)).toContainText('linhas de texto')
  // An inline command, typed with its escapes: Redis answers one line.
  await page.getByLabel('Texto com escapes').fill('PING\\r\\n')
  await expect(page.getByText('= 6 bytes')).toBeVisible()
  await page.getByRole('button', { name: 'Enviar', exact: true }).click()
  const line = page.getByRole('article', { name: /^Linha recebida 1,/ })
  await expect(line.locator('.wire-text')).toHaveText('+PONG')
  await expect(line).toContainText('termina em CRLF')
})
