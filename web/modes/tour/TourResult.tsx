// What a tour step's try-it did: the sentence that reads it, then the step's own view of the bytes and answers.
import { useSyncExternalStore } from 'react'
import type { Endpoint } from '../../../shared/bridge-protocol.ts'
import { CODE, EXPLANATION, type UserRecord } from '../../../shared/protocol.ts'
import { CodeBadge } from '../../ui/CodeBadge.tsx'
import type { ClientSession } from '../../session/client-session.ts'
import { SessionContext } from '../../session/use-session.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { FramingColumn } from '../framing-lab/FramingColumn.tsx'
import { ModeLog } from '../../log/ModeLog.tsx'
import { probeRows, readSockets, recordOf, requestSummary, type Who } from './tour.ts'
import type { TourRun, TourRunState } from './tour-run.ts'
import { resultSentence, troubleSentence } from './tour-sentence.ts'

const never = () => () => {}
const none = () => undefined

/** A run's state, or undefined before the step was tried; re-renders on every change. */
export function useTourRun(run: TourRun | undefined): TourRunState | undefined {
  return useSyncExternalStore(run?.subscribe ?? never, run?.getSnapshot ?? none)
}

/** The result area of a step that was tried: the sentence first, the evidence under it. */
export function TourResult({ run }: { run: TourRun }) {
  const t = useT().tour
  const state = useTourRun(run)
  if (!state) return null
  return (
    <section className="tour-result" aria-labelledby="tour-result-title">
      <h4 id="tour-result-title">{t.result}</h4>
      <div aria-live="polite">
        <Verdict run={run} state={state} />
      </div>
      <Evidence run={run} state={state} />
    </section>
  )
}

// Waiting, failed with its reason, or the sentence that interprets the answers.
function Verdict({ run, state }: { run: TourRun; state: TourRunState }) {
  const all = useT()
  if (state.phase === 'running') {
    return (
      <div className="verdict verdict-pending tour-verdict" aria-busy="true">
        <p>{all.tour.waiting}</p>
      </div>
    )
  }
  if (state.phase === 'failed') {
    return (
      <div className="verdict verdict-bad tour-verdict" role="alert">
        <p>
          <span className="verdict-icon" aria-hidden="true">
            ✕{' '}
          </span>
          {state.trouble ? troubleSentence(state.trouble, run.step, all) : all.tour.trouble.timeout}
        </p>
      </div>
    )
  }
  const framing = run.framing && {
    naive: run.framing.naive.run.getSnapshot().codes,
    json: run.framing.json.run.getSnapshot().codes,
  }
  const sentence = resultSentence(
    { step: run.step, trace: state.trace, data: run.data, ...(framing ? { framing } : {}) },
    all,
  )
  const tone = sentence.tone === 'info' ? 'pending' : sentence.tone
  return (
    <div className={`verdict verdict-${tone} tour-verdict`}>
      <p>
        <span className="verdict-icon" aria-hidden="true">
          {sentence.tone === 'ok' ? '✓ ' : sentence.tone === 'bad' ? '✕ ' : '• '}
        </span>
        {sentence.text}
      </p>
    </div>
  )
}

// The step's evidence: the ends of the socket, the refusals' codes, the framing columns, A beside B.
function Evidence({ run, state }: { run: TourRun; state: TourRunState }) {
  const all = useT()
  const t = all.tour
  const a = run.clients.A
  switch (run.step) {
    case 'sockets': {
      const ends = readSockets(state.trace)
      return (
        <>
          {ends && <SocketEnds local={ends.local} remote={ends.remote} />}
          {a && <ClientLog session={a.session} label={t.log} events="all" />}
        </>
      )
    }
    case 'messages':
      return a ? <ClientLog session={a.session} label={t.log} /> : null
    case 'codes':
      return (
        <>
          <ProbeTable state={state} />
          {a && <ClientLog session={a.session} label={t.log} />}
        </>
      )
    case 'framing':
      return (
        <>
          {run.framing && (
            <div className="fl-columns">
              {[run.framing.naive, run.framing.json].map(({ target, run: column }) => (
                <FramingColumn key={target.id} target={target} run={column} preview={column.plan} />
              ))}
            </div>
          )}
          <p>
            <a className="tour-link" href="#framing">
              {t.framing.openLab} <span aria-hidden="true">→</span>
            </a>
          </p>
        </>
      )
    case 'concurrency':
      return (
        <>
          <Timeline state={state} />
          <div className="fl-columns">
            {(['A', 'B'] as const).map((who) => (
              <ClientColumn key={who} run={run} state={state} who={who} />
            ))}
          </div>
        </>
      )
  }
}

// The concurrency step's events across both connections, in order: B was open before A wrote.
function Timeline({ state }: { state: TourRunState }) {
  const all = useT()
  const t = all.tour.concurrency
  if (state.trace.length === 0) return null
  return (
    <figure className="tour-timeline">
      <figcaption>{t.timeline}</figcaption>
      <ol>
        {state.trace.map((item, i) => (
          <li key={i}>
            <strong>{all.clientName(item.who)}</strong>{' '}
            {item.type === 'open' ? (
              t.opened(item.local?.port ?? 0)
            ) : (
              <>
                <span aria-hidden="true">→ </span>
                <span className="mono">{requestSummary(item.sent)}</span>{' '}
                <CodeBadge code={item.response[CODE]} size="small" />
                <Phone record={recordOf(item.response)} />
              </>
            )}
          </li>
        ))}
      </ol>
    </figure>
  )
}

// The Telefone a CONSULTAR answer carried, when it has one.
function Phone({ record }: { record: UserRecord | undefined }) {
  return record?.Telefone ? <span className="mono"> Telefone={record.Telefone}</span> : null
}

// One client of the concurrency step: its name, its local port once open, and its log.
function ClientColumn({ run, state, who }: { run: TourRun; state: TourRunState; who: Who }) {
  const all = useT()
  const client = run.clients[who]
  if (!client) return null
  const name = all.clientName(who)
  const open = state.trace.find((item) => item.type === 'open' && item.who === who)
  const port = open?.type === 'open' ? open.local?.port : undefined
  return (
    <section className="card tour-client" aria-labelledby={`tour-client-${who}`}>
      <h5 id={`tour-client-${who}`}>
        {name}
        {port !== undefined && (
          <span className="tour-client-port"> · {all.tour.concurrency.localPort(port)}</span>
        )}
      </h5>
      <ClientLog session={client.session} label={all.tour.logOf(name)} />
    </section>
  )
}

// A compact log of one of the run's ClientSessions.
function ClientLog(props: { session: ClientSession; label: string; events?: 'all' }) {
  const t = useT().tour
  return (
    <SessionContext.Provider value={props.session}>
      <ModeLog
        label={props.label}
        empty={t.logEmpty}
        {...(props.events ? { events: props.events } : {})}
      />
    </SessionContext.Provider>
  )
}

// Both ends of the connection as (address, port) pairs, client on the left, server on the right.
function SocketEnds({ local, remote }: { local: Endpoint; remote: Endpoint }) {
  const t = useT().tour.sockets
  const end = (role: string, e: Endpoint) => (
    <div className="tour-end">
      <p className="tour-end-role">{role}</p>
      <dl className="tour-end-pair">
        <div>
          <dt>{t.address}</dt>
          <dd>{e.address}</dd>
        </div>
        <div>
          <dt>{t.port}</dt>
          <dd>{e.port}</dd>
        </div>
      </dl>
    </div>
  )
  return (
    <figure className="tour-ends">
      <figcaption className="tour-ends-caption">{t.figure}</figcaption>
      <div className="tour-ends-row">
        {end(t.client, local)}
        <span className="tour-wire" aria-hidden="true">
          ⇄
        </span>
        {end(t.server, remote)}
      </div>
    </figure>
  )
}

// Each refusal the codes step earned, with the code and EXPLICAÇÃO the server gave it.
function ProbeTable({ state }: { state: TourRunState }) {
  const t = useT().tour.codes
  const rows = probeRows(state.trace)
  if (rows.length === 0) return null
  return (
    <table className="tour-codes">
      <caption>{t.table}</caption>
      <thead>
        <tr>
          <th scope="col">{t.request}</th>
          <th scope="col">{t.code}</th>
          <th scope="col">{EXPLANATION}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.probe}>
            <th scope="row">{t.probe[row.probe]}</th>
            <td>
              <CodeBadge code={row.code} />
            </td>
            <td className="tour-codes-text">{row.text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
