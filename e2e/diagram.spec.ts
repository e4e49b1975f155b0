// The live sequence diagram: one arrow per hop for every request and response, light and dark, and as SVG.
import { readFile } from 'node:fs/promises'
import { connect, expect, shot, test } from './fixtures.ts'

const HOPS = [
  ['request', 'page-bridge'],
  ['request', 'bridge-server'],
  ['response', 'server-bridge'],
  ['response', 'bridge-page'],
] as const

test('the diagram draws the lesson scenario with one arrow per hop per message', async ({
  page,
  lab,
}, testInfo) => {
  await connect(page, lab)
  await page.getByRole('button', { name: 'Executar tudo' }).click()
  await expect(page.getByText('Cenário concluído')).toBeVisible()
  await page.getByRole('button', { name: 'Diagrama', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Diagrama de sequência' })).toBeVisible()
  const diagram = page.getByRole('list', { name: 'Setas da conversa, de cima para baixo' })
  for (const [kind, hop] of HOPS) {
    await expect(diagram.locator(`[data-kind="${kind}"][data-hop="${hop}"]`)).toHaveCount(10)
  }
  const port = lab.server.ports.json
  await expect(
    diagram.getByRole('listitem', {
      name: `Ponte → Servidor TCP: connect 127.0.0.1:${port} (SYN)`,
    }),
  ).toHaveCount(1)
  await expect(
    diagram.getByRole('listitem', {
      name: 'Pedido 1, Página → Ponte: CONSULTAR USUARIO eu@gmail.com',
    }),
  ).toHaveCount(1)
  await expect(
    diagram.getByRole('listitem', {
      name: 'Resposta 1, Servidor TCP → Ponte: 404 Usuário não registrado',
    }),
  ).toHaveCount(1)
  await expect(
    diagram.getByRole('listitem', { name: 'Resposta 2, Ponte → Página: 200' }),
  ).toHaveCount(1)
  await shot(page, '6a-diagram-light')

  await page.getByRole('button', { name: 'Desconectar' }).click()
  await expect(
    diagram.getByRole('listitem', { name: 'Página → Ponte: a página fecha (1000)' }),
  ).toHaveCount(1)
  await page.getByRole('button', { name: 'Tema escuro' }).click()
  await shot(page, '6a-diagram-dark')
  // Large text redraws the diagram with larger labels, still one arrow per hop.
  const label = diagram.getByRole('listitem', { name: 'Resposta 2, Ponte → Página: 200' })
  const small = await label.boundingBox()
  await page.getByRole('button', { name: 'Texto grande' }).click()
  await expect.poll(async () => (await label.boundingBox())?.height).toBeGreaterThan(small!.height)
  await expect(diagram.locator('[data-kind="request"][data-hop="page-bridge"]')).toHaveCount(10)
  await shot(page, '6a-large-text')

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Baixar SVG' }).click()
  const file = testInfo.outputPath('diagram.svg')
  await (await download).saveAs(file)
  const svg = await readFile(file, 'utf8')
  expect(svg).toMatch(
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
  )
  expect(svg.match(/xmlns="/g)).toHaveLength(1)
  expect(svg.match(/data-kind="request"/g)).toHaveLength(20)
  expect(svg).toContain('#151c28')
  expect(svg).not.toMatch(/class=|var\(--/)
})
