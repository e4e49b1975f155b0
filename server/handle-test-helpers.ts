// Shared setup for the handler's tests: a registry with one user, and requests built in a line.
import type { CodeMode } from '../shared/protocol.ts'
import { explanationOf } from '../test-support/requests.ts'
import { handleRequest, type Reply } from './handle.ts'
import { MemoryRegistry } from './registry.ts'

/** UTF-8 bytes of a string. */
export const utf8 = (s: string) => new TextEncoder().encode(s)
/** The one SERVIÇO there is. */
export const DP = 'Dados Pessoais'
/** A reply as its code and its EXPLICAÇÃO, read back from its text. */
export const view = (r: Reply) => ({ code: r.code, explanation: explanationOf(r.text) })

/** A registry with eu@gmail.com created, and a function answering one request against it. */
export function setup(mode: CodeMode = 'lesson') {
  const registry = new MemoryRegistry()
  registry.create('eu@gmail.com')
  const ask = (request: unknown) => {
    const { code, explanation } = view(handleRequest(request, registry, mode))
    return [code, explanation]
  }
  return { registry, ask }
}

/** A MODIFICAR USUARIO request; an undefined CAMPO or VALOR is left out. */
export const mod = (campo: unknown, valor: unknown, email = 'eu@gmail.com') => ({
  SERVIÇO: DP,
  AÇÃO: 'MODIFICAR USUARIO',
  EMAIL_USUARIO: email,
  ...(campo === undefined ? {} : { CAMPO: campo }),
  ...(valor === undefined ? {} : { VALOR: valor }),
})
