// The bot menu texts in English (loaded with en.ts, only when the page is switched to English).
import type { botMenuPt } from '../bot-menu.ts'

/** English strings of the bot menu, shaped like the Portuguese ones. */
export const botMenuEn: typeof botMenuPt = {
  botMenu: {
    heading: 'Bot menu',
    intro:
      "The lesson's last diagram, for real: every step sends its request to the server and shows the answer.",
    server: 'Server',
    user: 'User',
    noUser: 'nobody yet',
    greeting: 'Hello! This is the Dados Pessoais (personal data) desk. What is your email?',
    email: "User's email",
    enter: 'Enter',
    missing: (email) => `I could not find ${email}. Create this user?`,
    create: 'Create user',
    otherEmail: 'Use another email',
    menu: (email) => `Dados Pessoais of ${email}. Which field?`,
    switchUser: 'Switch user',
    current: (field) => `Current ${field}:`,
    modify: 'Modify',
    back: 'Back',
    newValue: (field) => `New value for ${field}:`,
    confirm: 'Confirm',
    cancel: 'Cancel',
    empty: '(empty)',
    waiting: 'Waiting for the server to answer…',
    trouble: {
      timeout: 'The server did not answer in time.',
      closed: 'The connection ended before the answer.',
      unreadable: 'Something arrived that is not a valid protocol response.',
      'no-target': 'Pick a server with a valid port before going on.',
    },
    answer: "The server's answer",
    diagram: 'Menu diagram',
    here: (where) => `You are at: ${where}.`,
    beforeMenu: 'before the menu (identifying the user)',
    legend: 'Select → and Back ←; Modify → and Confirm or Cancel ←',
    logHeading: 'Requests and answers',
    log: "Bytes of the bot's requests and answers",
    logEmpty: 'Every step of the bot sends a real request; its bytes show up here.',
  },
}
