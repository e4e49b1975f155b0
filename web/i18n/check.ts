// Strings of the server checker (the conformance suite in the page), Portuguese (default) and English.
import type { Lang } from '../../shared/conformance/types.ts'
import type { CodeMode } from '../../shared/protocol.ts'
import type { RowStatus } from '../modes/check/check-view.ts'

/** Portuguese strings of the checker. */
export const checkPt = {
  check: {
    /** Which side of the suite's pt/en sentences this dictionary shows. */
    lang: 'pt' as Lang,
    heading: 'Verificar servidor',
    intro:
      'Seu servidor fala o protocolo da aula byte a byte? Escolha-o, execute os casos e veja cada resposta ao lado da esperada, com o primeiro byte diferente marcado e o que está errado, nos termos da aula.',
    settings: 'O que verificar',
    server: 'Servidor',
    ownServers: 'servidores dos alunos',
    framingOfTarget: (framing: string) => `o alvo usa ${framing}`,
    level: 'Casos',
    levelOption: { lesson: 'O nível da aula', all: 'Todos os casos (também além da aula)' },
    codes: 'Códigos das recusas',
    codesOption: {
      auto: 'detectar na primeira recusa',
      lesson: '404 como na aula',
      http: 'códigos HTTP precisos',
    } satisfies Record<CodeMode | 'auto', string>,
    run: 'Executar',
    stop: 'Parar',
    runHint: 'Cada execução usa emails novos, então pode ser repetida.',
    chooseServer: 'Escolha um servidor (e uma porta válida).',
    progress: (n: number, total: number) => `Caso ${n} de ${total}`,
    stopping: 'Parando depois do caso atual…',
    finished: (n: number) => `${n} ${n === 1 ? 'caso executado' : 'casos executados'}.`,
    rerunDone: (n: number) =>
      `${n === 1 ? 'O caso foi executado' : `${n} casos foram executados`} de novo.`,
    results: 'Resultado',
    resultsOf: (target: string, framing: string) => `${target}, framing ${framing}`,
    codesUsed: (mode: string, how: string) => `Códigos: ${mode} (${how}).`,
    codesHow: {
      asked: 'como pedido',
      detected: (id: string) => `detectados em ${id}`,
      default: 'supostos: nenhuma recusa os distinguiu',
    },
    notYet: 'Ainda não executado: estes são os casos que a execução vai cobrir.',
    levelName: { lesson: 'O nível da aula', beyond: 'Além da aula' },
    tallyLabel: (name: string, text: string) => `${name}: ${text}`,
    stoppedHeading: 'A execução parou',
    allPassed: 'Todos os casos executados passaram.',
    rerunFailed: 'Repetir os que falharam',
    rerunOne: 'Repetir este caso',
    status: {
      pass: 'passou',
      fail: 'falhou',
      'not-run': 'não executado',
      'not-applicable': 'não se aplica',
      running: 'executando…',
      queued: 'na fila',
      idle: 'ainda não executado',
    } satisfies Record<RowStatus, string>,
    whatWrong: 'O que está errado',
    teaches: 'O que este caso verifica',
    sent: 'Enviado',
    stepOf: (i: number, n: number, conn: number) => `passo ${i} de ${n}, conexão ${conn}`,
    answerOf: (i: number, n: number) => `resposta ${i} de ${n}`,
    expected: 'Esperado',
    received: 'Recebido',
    text: 'texto',
    hex: 'hex',
    firstDiff: (n: number) => `primeiro byte diferente: ${n}`,
    sameBytes: 'Os bytes são iguais.',
    nothing: '(nada)',
    end: 'fim',
    shapeOnly: 'O texto desta recusa é do seu servidor: só a forma é verificada.',
    crashed: (message: string) => `O verificador falhou (um erro do wire-lab): ${message}`,
  },
}
