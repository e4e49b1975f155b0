// The class view texts in English (loaded with en.ts, only when the page is switched to English).
import { plural, type classViewPt } from '../class-view.ts'

/** English (spread into en.ts's dictionary). */
export const classViewEn: typeof classViewPt = {
  cls: {
    heading: 'Class',
    intro: "Every connected page, live. Only someone with the teacher's key sees this view.",
    stream: {
      off: 'Stopped',
      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: 'Reconnecting…',
    },
    summary: (open, computers, ended) =>
      `${plural(open, 'open connection', 'open connections')} on ${plural(computers, 'computer', 'computers')}` +
      (ended > 0 ? ` · ${ended} ended` : ''),
    order: 'Order',
    orders: {
      computer: 'By computer',
      activity: 'Recent activity',
      trouble: 'Trouble first',
    },
    showEnded: 'Show ended',
    connections: 'Connections',
    none: 'No page connected yet: each student who connects shows up here.',
    allEnded: (n) => `No open connection (${n} ended).`,
    computer: (address) => `Computer ${address}`,
    openCount: (n) => `${n} open`,
    unnamed: (id) => `Connection ${id}`,
    tab: (tab, who) => `${tab} · ${who}`,
    openHint: 'Open the exchange, read-only',
    since: (ago) => `connected ${ago}`,
    ago: {
      now: 'just now',
      seconds: (n) => `${n} s ago`,
      minutes: (n) => `${n} min ago`,
      hours: (n) => `${n} h ago`,
    },
    requests: (n) => plural(n, 'request', 'requests'),
    answersBy: 'Answers by code',
    noAnswers: 'no answer',
    lastRequest: 'Request',
    lastAnswer: 'Answer',
    lastError: 'Error',
    undecodable: (what) => `bytes that make no message (${what})`,
    ended: (ago, why) => `Ended ${ago}: ${why}`,
    endedBy: {
      1000: 'the student disconnected.',
      1001: 'the bridge was shut down.',
    },
    tally: "The class's answers",
    tallyEmpty: 'No answer yet.',
    total: (n) => `${n} in all`,
    workspaces: "The server's workspaces",
    workspacesEmpty: 'No user registered yet.',
    users: (n) => plural(n, 'user', 'users'),
    pages: (n) => plural(n, 'connection', 'connections'),
    wsComputer: (address) => `computer ${address}`,
    wsGroup: (name) => `group ${name}`,
    wsClass: 'the whole class',
    feed: 'Happening now',
    feedEmpty: 'Nothing yet.',
    feedKind: {
      connected: 'connected to',
      request: 'asked',
      answer: 'got',
      closed: 'ended',
    },
    back: 'Back to the class',
    exchangeOf: (who) => `Exchange of ${who}`,
    refresh: 'Refresh',
    follow: 'Follow live',
    loading: 'Loading the exchange…',
    gone: 'The bridge no longer keeps this connection.',
    failed: 'Could not get the exchange. Try Refresh.',
    dropped: (items) =>
      `${plural(items, 'oldest item is', 'oldest items are')} no longer kept: each student's history is bounded.`,
    keyHeading: "Teacher's view",
    keyNeeded: "This view shows the whole class's traffic and needs the teacher's key.",
    keyHow:
      'Open the teacher URL that npm start printed in the terminal (the one ending in #class?key=…), or paste the key here.',
    keyRefused:
      'The key was not accepted. If npm start was restarted, it made a new key: open the new teacher URL.',
    studentsGo: 'Students do not need this view: go back to the',
    keyLabel: "Teacher's key",
    keySubmit: 'Open the class',
    checking: 'Checking the key…',
    unreachable: 'The bridge did not answer. Trying again…',
    incompatible:
      'The bridge answered something this page cannot read (different versions?). Reload the page.',
  },
}
