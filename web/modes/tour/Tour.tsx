// The guided tour mode: five short steps through the lesson, one at a time, each with a try-it that runs live.
import { useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode, type Ref } from 'react'
import { useT } from '../../i18n/use-i18n.ts'
import { TargetsFailed } from '../../targets/TargetFields.tsx'
import type { TargetsState, TargetsStore } from '../../targets/targets-store.ts'
import { useTargets } from '../../targets/use-targets.ts'
import { TOUR_STEPS, moveStep } from './tour.ts'
import { tourTargets, type TourRun } from './tour-run.ts'
import type { TourStore } from './tour-store.ts'
import { TourResult, useTourRun } from './TourResult.tsx'

/** The tour: the list of steps, and the current step with its text, its try-it and what it showed. */
export function Tour({ store, targets }: { store: TourStore; targets: TargetsStore }) {
  const t = useT().tour
  const { index, runs } = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const targetsState = useTargets(targets)
  const servers = useMemo(
    () => (targetsState.status === 'ready' ? tourTargets(targetsState.options) : undefined),
    [targetsState],
  )

  // A person's move puts focus on the new step's title, so a screen reader reads it and Tab goes on
  // to its try-it; opening the mode leaves focus where it was.
  const title = useRef<HTMLHeadingElement>(null)
  const moved = useRef(false)
  useEffect(() => {
    if (moved.current) title.current?.focus()
  }, [index])
  const go = (next: number) => {
    moved.current = true
    store.go(next)
  }

  const step = TOUR_STEPS[index] ?? TOUR_STEPS[0]
  const text = t.steps[step]
  const run = runs[step]

  // A new try-it scrolls its box to the top once its result area exists, so the answer shows up
  // right under the button, on a projector's screen too.
  const tryBox = useRef<HTMLDivElement>(null)
  const tried = useRef(false)
  useEffect(() => {
    if (!tried.current) return
    tried.current = false
    tryBox.current?.scrollIntoView({ block: 'start' })
  }, [run])
  const tryIt = () => {
    if (!servers) return
    store.tryIt(servers)
    tried.current = true
  }
  const last = TOUR_STEPS.length - 1

  return (
    <div className="mode-page tour">
      <div className="mode-intro">
        <h2>{t.heading}</h2>
        <p>{t.intro}</p>
      </div>
      <div className="mode-columns tour-grid">
        <nav className="card tour-nav mode-aside" aria-label={t.stepsLabel}>
          <ol className="stack-list">
            {TOUR_STEPS.map((s, i) => (
              <NavItem
                key={s}
                n={i + 1}
                name={t.steps[s].name}
                current={i === index}
                run={runs[s]}
                onPick={() => go(i)}
              />
            ))}
          </ol>
        </nav>
        <section className="card tour-step" aria-labelledby="tour-step-title">
          <div className="tour-head">
            <p className="tour-count">{t.stepOf(index + 1, TOUR_STEPS.length)}</p>
            <div className="tour-progress" aria-hidden="true">
              <span style={{ width: `${((index + 1) / TOUR_STEPS.length) * 100}%` }} />
            </div>
            <div className="tour-moves">
              <button
                type="button"
                className="button big"
                disabled={index === 0}
                onClick={() => go(moveStep(index, 'previous'))}
              >
                <span aria-hidden="true">← </span>
                {t.previous}
              </button>
              <button
                type="button"
                className="button big"
                disabled={index === last}
                onClick={() => go(moveStep(index, 'next'))}
              >
                {t.next}
                <span aria-hidden="true"> →</span>
              </button>
            </div>
          </div>
          <h3 id="tour-step-title" className="tour-title" ref={title} tabIndex={-1}>
            {text.title}
          </h3>
          <div className="tour-text">
            {text.body.map((paragraph, i) => (
              <p key={i}>{withCode(paragraph)}</p>
            ))}
          </div>
          <TryIt
            boxRef={tryBox}
            action={text.action}
            run={run}
            targetsState={targetsState}
            targetsUrl={targets.url}
            onRetry={targets.retry}
            onTry={tryIt}
          />
          {run && <TourResult run={run} />}
        </section>
      </div>
    </div>
  )
}

// One step in the list: its number (a check once tried), its name; the current one is marked.
function NavItem(props: {
  n: number
  name: string
  current: boolean
  run: TourRun | undefined
  onPick: () => void
}) {
  const t = useT().tour
  const done = useTourRun(props.run)?.phase === 'done'
  return (
    <li>
      <button
        type="button"
        className={`tour-nav-item${done ? ' done' : ''}`}
        aria-current={props.current ? 'step' : undefined}
        onClick={props.onPick}
      >
        <span className="tour-nav-n" aria-hidden="true">
          {done ? '✓' : props.n}
        </span>
        <span className="tour-nav-name">{props.name}</span>
        {done && <span className="sr-only"> ({t.tried})</span>}
      </button>
    </li>
  )
}

// The try-it button and what it does; it never disables itself while focused (aria-disabled instead),
// so a keyboard user keeps their place while it runs.
function TryIt({
  boxRef,
  ...props
}: {
  boxRef: Ref<HTMLDivElement>
  action: string
  run: TourRun | undefined
  targetsState: TargetsState
  targetsUrl: string
  onRetry: () => void
  onTry: () => void
}) {
  const all = useT()
  const t = all.tour
  const busy = useTourRun(props.run)?.phase === 'running'
  const ready = props.targetsState.status === 'ready'
  return (
    <div className="tour-try" ref={boxRef}>
      <div className="tour-try-row">
        <button
          type="button"
          className="button primary big tour-try-button"
          aria-disabled={!ready || busy}
          onClick={() => {
            if (ready && !busy) props.onTry()
          }}
        >
          <span aria-hidden="true">▶ </span>
          {busy ? t.running : props.run ? t.tryAgain : t.tryIt}
        </button>
        <p className="tour-try-what">{props.action}</p>
      </div>
      {props.targetsState.status === 'loading' && <p className="muted">{all.targetsLoading}</p>}
      {props.targetsState.status === 'error' && (
        <TargetsFailed
          failure={props.targetsState}
          targetsUrl={props.targetsUrl}
          onRetry={props.onRetry}
          text={t.targetsFailed}
          className="tour-targets-error"
          alert
        />
      )}
    </div>
  )
}

// Text with `backticks` around protocol words, shown as code.
function withCode(text: string): ReactNode[] {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))
    .filter((part) => part !== '')
}
