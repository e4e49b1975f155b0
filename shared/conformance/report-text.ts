// A run's report as terminal text: a line per case, each failure with its sentence and a marked diff.
import { hexWindow, textWindow } from './diff-view.ts'
import type { AnswerCheck, CaseResult, Lang, Level, RunReport, StepResult, Tally } from './types.ts'

/** How to print a report. */
export interface TextOptions {
  lang: Lang
  /** ANSI colours (a terminal that wants them). */
  color?: boolean
}

const WORDS = {
  en: {
    title: 'wire-lab conformance',
    framing: 'framing',
    codes: 'codes',
    asked: 'as asked',
    detected: (id: string) => `detected at ${id}`,
    assumed: 'assumed: no refusal told',
    run: 'run',
    level: { lesson: "the lesson's level", beyond: 'beyond the lesson' } as Record<Level, string>,
    notApplicable: 'not applicable',
    notRun: 'not run',
    step: (i: number, n: number, conn: number) => `step ${i} of ${n}, connection ${conn}`,
    at: (conn: number) => `connection ${conn}`,
    sent: 'sent',
    answer: (i: number) => `answer ${i}`,
    expected: 'expected',
    received: 'received',
    nothing: '(nothing)',
    shape: '(the text is the server’s own: its shape is checked)',
    byte: (n: number) => `byte ${n}`,
    also: 'also',
    stopped: 'stopped',
  },
  pt: {
    title: 'wire-lab conformidade',
    framing: 'framing',
    codes: 'códigos',
    asked: 'como pedido',
    detected: (id: string) => `detectados em ${id}`,
    assumed: 'supostos: nenhuma recusa os distinguiu',
    run: 'execução',
    level: { lesson: 'o nível da aula', beyond: 'além da aula' } as Record<Level, string>,
    notApplicable: 'não se aplica',
    notRun: 'não executado',
    step: (i: number, n: number, conn: number) => `passo ${i} de ${n}, conexão ${conn}`,
    at: (conn: number) => `conexão ${conn}`,
    sent: 'enviado',
    answer: (i: number) => `resposta ${i}`,
    expected: 'esperado',
    received: 'recebido',
    nothing: '(nada)',
    shape: '(o texto é do próprio servidor: verifica-se a forma)',
    byte: (n: number) => `byte ${n}`,
    also: 'também',
    stopped: 'parou',
  },
}

const ANSI = { red: '\u001b[31m', green: '\u001b[32m', dim: '\u001b[2m', bold: '\u001b[1m' }
const RESET = '\u001b[0m'

/** The whole report as text, ending with the per-level tallies. */
export function formatReport(report: RunReport, options: TextOptions): string {
  const { lang } = options
  const w = WORDS[lang]
  const paint = (style: keyof typeof ANSI, s: string) =>
    options.color ? ANSI[style] + s + RESET : s
  const codes =
    report.codes.source === 'asked'
      ? w.asked
      : report.codes.source === 'detected'
        ? w.detected(report.codes.from ?? '?')
        : w.assumed
  const lines = [
    paint(
      'bold',
      `${w.title}: ${report.target}, ${w.framing} ${report.framing}, ${w.codes} ${report.codes.mode} (${codes}), ${w.run} ${report.runId}`,
    ),
  ]
  const width = Math.max(...report.cases.map((c) => c.id.length))
  for (const level of ['lesson', 'beyond'] as const) {
    const cases = report.cases.filter((c) => c.level === level)
    if (cases.length === 0) continue
    lines.push('', paint('bold', w.level[level]))
    for (const c of cases) lines.push(...caseLines(c, width, options, paint))
  }
  lines.push('')
  for (const level of ['lesson', 'beyond'] as const) {
    const t = report.tallies[level]
    if (t.total > 0) lines.push(`${w.level[level]}: ${tallyText(t, lang)}`)
  }
  if (report.stopped) lines.push(paint('red', `${w.stopped}: ${report.stopped.text[lang]}`))
  return lines.join('\n') + '\n'
}

/** "12/12", or "7/10 (3 not applicable, 2 not run)". */
export function tallyText(t: Tally, lang: Lang): string {
  const w = WORDS[lang]
  const notes = [
    t.notApplicable > 0 ? `${t.notApplicable} ${w.notApplicable}` : '',
    t.notRun > 0 ? `${t.notRun} ${w.notRun}` : '',
  ].filter(Boolean)
  const score = `${t.passed}/${t.total - t.notApplicable}`
  return notes.length > 0 ? `${score} (${notes.join(', ')})` : score
}

type Paint = (style: keyof typeof ANSI, s: string) => string

function caseLines(c: CaseResult, width: number, options: TextOptions, paint: Paint): string[] {
  const { lang } = options
  const w = WORDS[lang]
  const head = `${c.id.padEnd(width)}  ${c.title[lang]}`
  switch (c.status) {
    case 'pass':
      return [`  ${paint('green', '✓')} ${head}`]
    case 'not-applicable':
      return [paint('dim', `  – ${head} (${w.notApplicable}: ${c.why?.[lang] ?? ''})`)]
    case 'not-run':
      return [paint('dim', `  · ${head} (${w.notRun})`)]
    case 'fail':
      return [
        `  ${paint('red', '✗')} ${head}`,
        ...failureLines(c, options).map((l) => '      ' + l),
      ]
  }
}

/** The failure of a case: its sentences, the step that failed, and the diff of that answer. */
export function failureLines(c: CaseResult, options: TextOptions): string[] {
  const { lang } = options
  const w = WORDS[lang]
  const failure = c.failure
  if (!failure) return []
  const step = c.steps.find((s) => s.index === failure.step)
  const [first, ...more] = failure.findings
  const lines: string[] = []
  if (first) lines.push(first.text[lang])
  for (const f of more) lines.push(`${w.also}: ${f.text[lang]}`)
  lines.push(c.teaches[lang])
  if (!step) return lines
  const position = c.steps.filter((s) => !s.cleanup && s.op === 'send').indexOf(step) + 1
  const where =
    step.op === 'send' ? w.step(position, c.planned, step.conn + 1) : w.at(step.conn + 1)
  lines.push(`${where}; ${step.op === 'send' ? w.sent + ': ' : ''}${step.what[lang]}`)
  const answer = step.answers[failure.answer]
  if (answer) lines.push(...diffLines(answer, step, options))
  return lines
}

function diffLines(a: AnswerCheck, step: StepResult, options: TextOptions): string[] {
  const w = WORDS[options.lang]
  const label = (s: string) => s.padEnd(9)
  const lines: string[] = []
  if (step.answers.length > 1) lines.push(w.answer(step.answers.indexOf(a) + 1))
  if (a.expected.length === 0 && a.received.length === 0) return lines
  const win = textWindow(a.expected, a.received, a.firstDiff)
  lines.push(`${label(w.expected)} ${win.expected}${a.shapeOnly ? '  ' + w.shape : ''}`)
  lines.push(`${label(w.received)} ${a.received.length === 0 ? w.nothing : win.received}`)
  if (a.received.length > 0 && win.caret >= 0) {
    lines.push(`${label('')} ${' '.repeat(win.caret)}^ ${w.byte(a.firstDiff)}`)
    lines.push(`${label('hex')} ${w.expected} ${hexWindow(a.expected, a.firstDiff)}`)
    lines.push(`${label('')} ${w.received} ${hexWindow(a.received, a.firstDiff)}`)
  }
  return lines
}
