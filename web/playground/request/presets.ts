// Ready-made requests for the presets panel, valid and deliberately broken, as wire text.
import { dumps } from '../../../shared/codec.ts'
import { ACTION, EMAIL, SERVICE, SERVICES } from '../../../shared/protocol.ts'

/** Preset names; their labels live in i18n/pt.ts and i18n/en.ts under `presets`. */
export const PRESETS = {
  create: dumps({ [SERVICE]: SERVICES[0], [ACTION]: 'CRIAR USUARIO', [EMAIL]: 'aluno@escola.br' }),
  noService: dumps({ [ACTION]: 'CONSULTAR USUARIO', [EMAIL]: 'eu@gmail.com' }),
  badAction: dumps({ [SERVICE]: SERVICES[0], [ACTION]: 'APAGAR TUDO', [EMAIL]: 'eu@gmail.com' }),
  // Unterminated on purpose: with the json framing the server keeps waiting for the closing brace.
  broken: `{"${SERVICE}": "${SERVICES[0]}",`,
  trailingComma: `{"${SERVICE}": "${SERVICES[0]}", "${ACTION}": "CRIAR USUARIO",}`,
  notObject: '[1, 2, 3]',
  garbage: 'olá, servidor!',
} as const

/** The name of a preset. */
export type PresetName = keyof typeof PRESETS
