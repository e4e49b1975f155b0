// Strings of the teacher's class mode (the live view of every student's connection), in both languages.

/** `n` and the word for it: "1 message", "3 messages". */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** Portuguese (spread into pt.ts's dictionary). */
export const classViewPt = {
  cls: {
    heading: 'Turma',
    intro: 'Cada página conectada, ao vivo. Só quem tem a chave do professor vê esta visão.',
    stream: {
      off: 'Parado',
      connecting: 'Conectando…',
      live: 'Ao vivo',
      reconnecting: 'Reconectando…',
    },
    summary: (open: number, computers: number, ended: number) =>
      `${plural(open, 'conexão aberta', 'conexões abertas')} em ${plural(computers, 'computador', 'computadores')}` +
      (ended > 0 ? ` · ${plural(ended, 'encerrada', 'encerradas')}` : ''),
    order: 'Ordem',
    orders: {
      computer: 'Por computador',
      activity: 'Atividade recente',
      trouble: 'Problemas primeiro',
    },
    showEnded: 'Mostrar encerradas',
    connections: 'Conexões',
    none: 'Nenhuma página conectada ainda: cada aluno que conectar aparece aqui.',
    allEnded: (n: number) => `Nenhuma conexão aberta (${plural(n, 'encerrada', 'encerradas')}).`,
    computer: (address: string) => `Computador ${address}`,
    openCount: (n: number) => plural(n, 'aberta', 'abertas'),
    unnamed: (id: number) => `Conexão ${id}`,
    tab: (tab: string, who: string) => `${tab} · ${who}`,
    openHint: 'Abrir a troca, somente leitura',
    since: (ago: string) => `conectou ${ago}`,
    ago: {
      now: 'agora',
      seconds: (n: number) => `há ${n} s`,
      minutes: (n: number) => `há ${n} min`,
      hours: (n: number) => `há ${n} h`,
    },
    requests: (n: number) => plural(n, 'pedido', 'pedidos'),
    answersBy: 'Respostas por código',
    noAnswers: 'nenhuma resposta',
    lastRequest: 'Pedido',
    lastAnswer: 'Resposta',
    lastError: 'Erro',
    undecodable: (what: string) => `bytes que não formam mensagem (${what})`,
    ended: (ago: string, why: string) => `Encerrada ${ago}: ${why}`,
    endedBy: {
      1000: 'o aluno desconectou.',
      1001: 'a ponte foi desligada.',
    } as Record<number, string>,
    tally: 'Respostas da turma',
    tallyEmpty: 'Nenhuma resposta ainda.',
    total: (n: number) => `${n} no total`,
    workspaces: 'Espaços no servidor',
    workspacesEmpty: 'Nenhum usuário registrado ainda.',
    users: (n: number) => plural(n, 'usuário', 'usuários'),
    pages: (n: number) => plural(n, 'conexão', 'conexões'),
    wsComputer: (address: string) => `computador ${address}`,
    wsGroup: (name: string) => `grupo ${name}`,
    wsClass: 'a turma inteira',
    feed: 'Acontecendo agora',
    feedEmpty: 'Nada ainda.',
    feedKind: {
      connected: 'conectou a',
      request: 'pediu',
      answer: 'recebeu',
      closed: 'encerrou',
    },
    back: 'Voltar à turma',
    exchangeOf: (who: string) => `Troca de ${who}`,
    refresh: 'Atualizar',
    follow: 'Acompanhar ao vivo',
    loading: 'Carregando a troca…',
    gone: 'A ponte não guarda mais esta conexão.',
    failed: 'Não foi possível obter a troca. Tente Atualizar.',
    dropped: (items: number) =>
      `${plural(items, 'item mais antigo não é mais guardado', 'itens mais antigos não são mais guardados')}: o histórico de cada aluno é limitado.`,
    keyHeading: 'Visão do professor',
    keyNeeded: 'Esta visão mostra o tráfego de toda a turma e precisa da chave do professor.',
    keyHow:
      'Abra o endereço do professor que o npm start mostrou no terminal (o que termina em #class?key=…), ou cole a chave aqui.',
    keyRefused:
      'A chave não foi aceita. Se o npm start foi reiniciado, ele gerou uma chave nova: abra o novo endereço do professor.',
    studentsGo: 'Alunos não precisam desta visão: voltem ao',
    keyLabel: 'Chave do professor',
    keySubmit: 'Abrir a turma',
    checking: 'Verificando a chave…',
    unreachable: 'A ponte não respondeu. Tentando de novo…',
    incompatible:
      'A ponte respondeu algo que esta página não entende (versões diferentes?). Recarregue a página.',
  },
}
