// The bridge's allow-list for the whole page: fetched once, shared by every pane and mode, again on retry.
import type { TargetsInfo } from '../../shared/bridge-protocol.ts'
import { SnapshotStore } from '../lib/snapshot-store.ts'
import {
  TargetsError,
  fetchTargets,
  targetOptions,
  type TargetOption,
  type TargetsErrorCode,
} from './targets.ts'

/** The allow-list as the target selects need it; a failure keeps its code (and HTTP status). */
export type TargetsState =
  | { status: 'loading' }
  | { status: 'ready'; info: TargetsInfo; options: TargetOption[] }
  | { status: 'error'; code: TargetsErrorCode; httpStatus?: number }

/** One fetch of `url` per page load (and one per retry), whatever the number of subscribers. */
export class TargetsStore extends SnapshotStore<TargetsState> {
  private attempt = 0

  constructor(
    /** The allow-list's HTTP URL, which the failure texts show. */
    readonly url: string,
    private readonly fetcher: typeof fetch = fetch,
  ) {
    super({ status: 'loading' })
  }

  /** Starts the first fetch; later calls do nothing. */
  load(): void {
    if (this.attempt === 0) this.fetch()
  }

  /** Fetches again (after a failure, or when the bridge may have changed). */
  retry = (): void => {
    this.replace({ status: 'loading' })
    this.fetch()
  }

  private fetch(): void {
    const attempt = ++this.attempt
    // Only the newest fetch may answer: an older one's late answer changes nothing.
    fetchTargets(this.url, this.fetcher).then(
      (info) => {
        if (attempt === this.attempt)
          this.replace({ status: 'ready', info, options: targetOptions(info) })
      },
      (err: unknown) => {
        if (!(err instanceof TargetsError)) throw err
        if (attempt !== this.attempt) return
        const { code, status } = err
        this.replace({
          status: 'error',
          code,
          ...(status !== undefined ? { httpStatus: status } : {}),
        })
      },
    )
  }
}
