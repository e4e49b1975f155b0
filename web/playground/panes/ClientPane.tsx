// One client pane: its own session, connection bar, request builder, examples, scenario and log or diagram.
import { useEffect, useReducer, useRef, useState } from 'react'
import { parseTarget } from '../../../shared/bridge-protocol.ts'
import { byteExamples } from '../../../shared/editor/byte-examples.ts'
import { presetsFor } from '../../../shared/editor/presets.ts'
import type { Framing } from '../../../shared/framing.ts'
import type { Protocol } from '../../../shared/protocols/types.ts'
import type { Pane } from './panes.ts'
import { INITIAL_FORM, builderFromForm, builderReducer, textToSend } from '../request/request.ts'
import {
  currentSelection,
  defaultOption,
  resolveTarget,
  type BridgeLocation,
  type Selection,
} from '../../targets/targets.ts'
import { SessionContext, useConnectionState, useSession } from '../../session/use-session.ts'
import { useT } from '../../i18n/use-i18n.ts'
import { PanePrefix } from './use-pane.ts'
import type { TargetsStore } from '../../targets/targets-store.ts'
import { useTargets } from '../../targets/use-targets.ts'
import { ConnectionBar } from '../connection/ConnectionBar.tsx'
import { HeldNotice } from '../connection/HeldNotice.tsx'
import { ExchangeCard } from './ExchangeCard.tsx'
import { Presets } from '../request/Presets.tsx'
import { RequestBuilder } from '../request/RequestBuilder.tsx'
import { ScenarioPanel } from '../scenario/ScenarioPanel.tsx'
import { bytesEditorFrom, bytesEditorReducer } from '../request/bytes-editor.ts'
import {
  codeTarget,
  requestAsPython,
  requestAsShell,
  scenarioAsPython,
} from '../request/as-code.ts'
import type { CodeRequest } from '../../../shared/editor/as-python.ts'
import { ProtocolPresets } from '../request/ProtocolPresets.tsx'
import { ProtocolRequest } from '../request/ProtocolRequest.tsx'

interface Props {
  pane: Pane
  bridge: BridgeLocation
  /** The page's allow-list, shared by every pane and mode. */
  targets: TargetsStore
  /** The only pane: the wide two-column layout, and Ctrl+Enter sends from anywhere on the page. */
  solo: boolean
  onRemove?: () => void
}

/** A pane around its ClientSession: the ids inside are prefixed with the pane's letter (`b-target`). */
export function ClientPane(props: Props) {
  return (
    <PanePrefix.Provider value={props.pane.name.toLowerCase()}>
      <SessionContext.Provider value={props.pane.session}>
        <PaneBody {...props} />
      </SessionContext.Provider>
    </PanePrefix.Provider>
  )
}

function PaneBody({ pane, bridge, targets: targetsStore, solo, onRemove }: Props) {
  const t = useT()
  const session = useSession()
  const root = useRef<HTMLElement>(null)
  const state = useConnectionState()
  const targets = useTargets(targetsStore)
  const [picked, setPicked] = useState<Selection | undefined>()
  const [framingChoice, setFramingChoice] = useState<Framing | undefined>()
  const [protocolChoice, setProtocolChoice] = useState<Protocol | undefined>()
  const options = targets.status === 'ready' ? targets.options : []
  // Until the user picks, the bridge's default target is selected; the framing follows the target.
  const fallback = targets.status === 'ready' ? defaultOption(targets.info, options) : undefined
  const selection: Selection =
    picked && targets.status === 'error' ? picked : currentSelection(picked, options, fallback)
  const option = options.find((o) => o.id === selection.optionId)
  const busy = state.status === 'connecting' || state.status === 'open'
  const framing: Framing = busy
    ? session.currentFraming
    : (framingChoice ?? option?.framing ?? 'json')
  // The allow-list says what a target speaks; a port of the bundled server always speaks the lesson's.
  const protocol: Protocol = busy
    ? session.currentProtocol
    : option?.framing
      ? 'lesson'
      : (protocolChoice ?? option?.protocol ?? 'lesson')

  const [builder, dispatch] = useReducer(builderReducer, INITIAL_FORM, builderFromForm)
  const [bytes, bytesDispatch] = useReducer(bytesEditorReducer, new Uint8Array(0), bytesEditorFrom)
  const canSend = state.status === 'open'
  const asBytes = protocol !== 'lesson' || builder.tab === 'bytes'
  const sendNow = () =>
    asBytes ? session.sendBytes(bytes.bytes) : session.send(textToSend(builder))

  // Where the copied code connects: the open connection's target, else the one chosen.
  const chosen = busy
    ? state.target
    : option
      ? resolveTarget(option, selection.port)
      : parseTarget(selection.port) && selection.port
  const code = codeTarget(chosen, framing, protocol)
  const request: CodeRequest = asBytes
    ? { kind: 'bytes', bytes: bytes.bytes }
    : { kind: 'text', text: textToSend(builder) }
  const copy = [
    { label: t.copyPython, code: code && (() => requestAsPython(request, code)) },
    { label: t.copyShell, code: code && (() => requestAsShell(request, code)) },
  ]
  const hostPort = code ? { host: code.host, port: code.port } : { host: '127.0.0.1', port: 80 }

  useEffect(() => {
    // Ctrl+Enter (Cmd+Enter on a Mac) sends: from anywhere with one pane, from inside the pane with two.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return
      if (!solo && !root.current?.contains(document.activeElement)) return
      e.preventDefault()
      sendNow()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const name = t.clientName(pane.name)
  const id = (s: string) => `${pane.name.toLowerCase()}-${s}`
  const loadBytes = (b: Uint8Array) => bytesDispatch({ type: 'load', bytes: b })
  const extras =
    protocol === 'lesson' ? (
      <>
        <ScenarioPanel
          scenario={pane.scenario}
          connected={canSend}
          copy={{ label: t.copyScenarioPython, code: code && (() => scenarioAsPython(code)) }}
        />
        <Presets onLoad={(raw) => dispatch({ type: 'load', raw })} />
      </>
    ) : (
      <ProtocolPresets
        presets={presetsFor(protocol, hostPort)}
        heading={`${t.protocolPresetsHeading}: ${t.protocolName[protocol]}`}
        help={t.protocolPresetsHelp}
        onLoad={loadBytes}
      />
    )

  return (
    <section
      ref={root}
      className={`pane pane-${pane.name.toLowerCase()} ${solo ? 'solo' : 'duo'}`}
      aria-labelledby={id('pane-heading')}
    >
      <div className={solo ? 'sr-only' : 'pane-head'}>
        <h2 id={id('pane-heading')} className="pane-name">
          <span className="pane-dot" aria-hidden="true" />
          {name}
        </h2>
        {onRemove && (
          <button
            type="button"
            className="button ghost small"
            aria-label={t.removeClient(pane.name)}
            title={t.removeClient(pane.name)}
            onClick={onRemove}
          >
            <span aria-hidden="true">✕ </span>
            {t.remove}
          </button>
        )}
      </div>
      <ConnectionBar
        targets={targets}
        onRetryTargets={targetsStore.retry}
        selection={selection}
        onSelection={(next) => {
          if (next.optionId !== selection.optionId) {
            setFramingChoice(undefined)
            setProtocolChoice(undefined)
          }
          setPicked(next)
        }}
        framing={framing}
        onFraming={setFramingChoice}
        protocol={protocol}
        onProtocol={setProtocolChoice}
        state={state}
        bridgeUrl={bridge.wsUrl}
        targetsUrl={targetsStore.url}
        onConnect={(target) => session.connect(bridge.wsUrl, target, framing, framing, protocol)}
        onDisconnect={() => session.disconnect()}
        compact={!solo}
      />
      <HeldNotice
        onReconnect={() =>
          state.target && session.connect(bridge.wsUrl, state.target, framing, framing, protocol)
        }
      />
      <div className="workspace">
        <div className="column">
          {protocol === 'lesson' ? (
            <RequestBuilder
              builder={builder}
              dispatch={(action) => {
                // The Bytes tab opens on the bytes the raw text puts on the wire, framing included.
                if (action.type === 'tab' && action.tab === 'bytes' && bytes.text === '')
                  loadBytes(session.frame(textToSend(builder), framing))
                dispatch(action)
              }}
              framing={framing}
              canSend={canSend}
              onSend={sendNow}
              shortcut={solo ? t.sendShortcut : t.sendFromPane}
              bytes={bytes}
              bytesDispatch={bytesDispatch}
              copy={copy}
              examples={
                <ProtocolPresets
                  presets={byteExamples(framing)}
                  heading={t.byteExamplesHeading}
                  help={t.byteExamplesHelp}
                  onLoad={loadBytes}
                />
              }
            />
          ) : (
            <ProtocolRequest
              state={bytes}
              dispatch={bytesDispatch}
              canSend={canSend}
              onSend={sendNow}
              shortcut={solo ? t.sendShortcut : t.sendFromPane}
              copy={copy}
            />
          )}
          {solo ? (
            extras
          ) : (
            <details className="card extras">
              <summary>{t.moreTools}</summary>
              {extras}
            </details>
          )}
        </div>
        <ExchangeCard svgName={`wire-lab-${pane.name.toLowerCase()}.svg`} />
      </div>
    </section>
  )
}
