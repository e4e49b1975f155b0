// Strings of the bot menu, Portuguese (default) and English, spread into pt.ts and en.ts.

/** Portuguese strings of the bot menu. */
export const botMenuPt = {
  botMenu: {
    heading: 'Menu do bot',
    intro:
      'O menu do último diagrama da aula, de verdade: cada passo envia o pedido ao servidor e mostra a resposta.',
    server: 'Servidor',
    user: 'Usuário',
    noUser: 'ninguém ainda',
    greeting: 'Olá! Aqui é o atendimento de Dados Pessoais. Qual é o seu email?',
    email: 'Email do usuário',
    enter: 'Entrar',
    missing: (email: string) => `Não encontrei ${email}. Quer criar esse usuário?`,
    create: 'Criar usuário',
    otherEmail: 'Usar outro email',
    menu: (email: string) => `Dados Pessoais de ${email}. Qual campo?`,
    switchUser: 'Trocar de usuário',
    current: (field: string) => `${field} atual:`,
    modify: 'Modificar',
    back: 'Voltar',
    newValue: (field: string) => `Novo valor de ${field}:`,
    confirm: 'Confirmar',
    cancel: 'Cancelar',
    empty: '(vazio)',
    waiting: 'Aguardando a resposta do servidor…',
    trouble: {
      timeout: 'O servidor não respondeu a tempo.',
      closed: 'A conexão terminou antes da resposta.',
      unreadable: 'Chegou algo que não é uma resposta válida do protocolo.',
      'no-target': 'Escolha um servidor com uma porta válida antes de continuar.',
    },
    answer: 'Resposta do servidor',
    diagram: 'Diagrama do menu',
    here: (where: string) => `Você está em: ${where}.`,
    beforeMenu: 'antes do menu (identificar o usuário)',
    legend: 'Selecionar → e Voltar ←; Modificar → e Confirmar ou Cancelar ←',
    logHeading: 'Pedidos e respostas',
    log: 'Bytes dos pedidos e respostas do bot',
    logEmpty: 'Cada passo do bot envia um pedido de verdade; os bytes aparecem aqui.',
  },
}
