// Strings of the guided tour in both languages, spread into pt.ts and en.ts; `code` marks protocol words.
import type { Probe, TourStep } from '../modes/tour/tour.ts'

/** One step's texts: its name in the list, its title, a few short paragraphs and what its try-it does. */
interface StepText {
  name: string
  title: string
  body: readonly string[]
  action: string
}

/** Portuguese strings of the tour. */
export const tourPt = {
  tour: {
    heading: 'Tour guiado',
    intro:
      'Cinco passos curtos pela aula. Em cada um, o botão Experimente faz a coisa de verdade: fala com o servidor pela ponte e mostra os bytes que passaram pelo fio.',
    stepsLabel: 'Passos do tour',
    stepOf: (n: number, total: number) => `Passo ${n} de ${total}`,
    previous: 'Anterior',
    next: 'Próximo',
    tryIt: 'Experimente',
    tryAgain: 'Experimente de novo',
    running: 'Executando…',
    tried: 'experimentado',
    result: 'O que aconteceu',
    waiting: 'Conversando com o servidor…',
    targetsFailed: (url: string) =>
      `A página não conseguiu a lista de servidores da ponte (${url}). A ponte está rodando?`,
    steps: {
      sockets: {
        name: 'Sockets',
        title: 'Sockets: as duas pontas de uma conexão',
        body: [
          'Para conversar pela rede, um programa pede um socket ao sistema operacional. O servidor amarra o seu socket a um endereço e a uma porta, avisa que aceita conexões e fica esperando.',
          'O cliente cria o seu socket e pede a conexão ao endereço e à porta do servidor. Quando o aperto de mão do TCP termina, cada ponta da conexão é um par (endereço, porta): a porta do servidor é combinada antes, a do cliente o sistema escolhe na hora.',
          'Um navegador não abre conexões TCP. Aqui quem abre é a ponte, a pedido da página, e ela conta à página cada coisa que acontece do lado TCP.',
        ],
        action: 'Abre uma conexão com o servidor, mostra as duas pontas e fecha a conexão.',
      },
      messages: {
        name: 'Mensagens',
        title: 'Mensagens: pedidos e respostas em JSON',
        body: [
          'Uma conexão só carrega bytes. Para que eles signifiquem algo, cliente e servidor seguem um protocolo de aplicação: que mensagens existem, que campos elas têm e o que cada campo quer dizer.',
          'Aqui cada pedido é um objeto JSON com `SERVIÇO`, `AÇÃO` e `EMAIL_USUARIO` (para modificar, também `CAMPO` e `VALOR`), e cada resposta é um objeto com `CODIGO DE ERRO` e `EXPLICAÇÃO`.',
          'Repare nos bytes: letras como Ç e Ã viajam como `\\u00c7` e `\\u00c3`, do jeito que o `json.dumps` do Python escreve.',
        ],
        action: 'Cria um usuário com um email novo e depois consulta o registro dele.',
      },
      codes: {
        name: 'Códigos de status',
        title: 'Códigos de status: quando o servidor diz não',
        body: [
          'Toda resposta traz um `CODIGO DE ERRO` tirado dos códigos de status do HTTP: os que começam com 2 dizem que deu certo, os que começam com 4 dizem que o pedido foi recusado.',
          'A aula usa o mesmo código para todas as recusas; um servidor também pode dar um código preciso para cada tipo de problema. De um jeito ou de outro, a `EXPLICAÇÃO` diz em palavras o que houve.',
          'O experimento faz quatro pedidos errados de propósito, cada um de um tipo, e mostra o código e a explicação que o servidor deu a cada um.',
        ],
        action: 'Envia quatro pedidos que o servidor deve recusar.',
      },
      framing: {
        name: 'Framing',
        title: 'Framing: onde termina uma mensagem?',
        body: [
          'O TCP entrega um fluxo de bytes, não mensagens: o que foi escrito de uma vez pode chegar em duas leituras, e duas escritas podem chegar juntas numa leitura só.',
          'O servidor da aula trata cada leitura de até 512 bytes como um pedido inteiro. Isso funciona enquanto cada pedido chega sozinho e completo; o servidor `naive` daqui faz a mesma coisa.',
          'O servidor `json` não confia nas leituras: ele junta os bytes até achar o `}` que fecha o objeto. O experimento manda o mesmo pedido aos dois, cortado em duas metades com uma pausa entre elas.',
        ],
        action: 'Envia um pedido em duas metades ao servidor naive e ao json.',
      },
      concurrency: {
        name: 'Concorrência',
        title: 'Concorrência: dois clientes ao mesmo tempo',
        body: [
          'Quando o servidor aceita uma conexão, ele ganha um socket novo só para aquele cliente, e o socket de escuta continua livre para o próximo. Para atender vários clientes juntos, ele cuida de cada um sem deixar os outros esperando.',
          'O servidor da aula atende um cliente de cada vez: um segundo cliente ficaria parado na fila, sem resposta, até o primeiro ir embora. No código da aula ele nem chegaria a ser atendido, porque o servidor fecha o socket de escuta depois do primeiro cliente.',
          'O experimento abre duas conexões ao mesmo tempo, A e B. A cria um usuário e grava um Telefone; B, pela sua própria conexão, consulta esse usuário.',
        ],
        action: 'Abre os clientes A e B juntos: A grava um Telefone e B o lê.',
      },
    } satisfies Record<TourStep, StepText>,
    sockets: {
      figure: 'As duas pontas da conexão TCP',
      client: 'Cliente (o socket da ponte)',
      server: 'Servidor',
      address: 'endereço',
      port: 'porta',
      ok: (local: string, remote: string) =>
        `A conexão abriu: a ponta do cliente é ${local} e a do servidor é ${remote}. Depois a página a fechou, e a ponte avisou o servidor com um FIN, o “terminei” do TCP.`,
    },
    messages: {
      ok: (email: string, created: string, consulted: string) =>
        `O servidor respondeu ${created} ao CRIAR e ${consulted} ao CONSULTAR: criou ${email} e devolveu o registro como um objeto JSON, com Nome, Endereço e Telefone ainda vazios (null).`,
      unexpected: (created: string, consulted: string) =>
        `Respostas inesperadas (${created} e ${consulted}): a EXPLICAÇÃO de cada uma, no registro abaixo, diz por quê.`,
    },
    codes: {
      probe: {
        unknown: 'Usuário que não existe',
        conflict: 'Email já cadastrado',
        missing: 'Pedido sem EMAIL_USUARIO',
        broken: 'JSON quebrado',
      } satisfies Record<Probe, string>,
      table: 'Os pedidos recusados e as respostas',
      request: 'Pedido',
      code: 'Código',
      oneCode: (code: string, broken: string) =>
        `As três recusas de pedidos vieram com o mesmo código, ${code}, como na aula: só a EXPLICAÇÃO diz qual foi o problema. O JSON quebrado, que nem chega a ser um pedido, recebeu ${broken}.`,
      precise: (codes: Readonly<Record<Probe, string>>) =>
        `Este servidor usa códigos precisos: ${codes.unknown} para o usuário que não existe, ${codes.conflict} para o email repetido, ${codes.missing} para o campo que falta e ${codes.broken} para o JSON quebrado.`,
    },
    framing: {
      asExpected: (naive: string, json: string) =>
        `O servidor naive respondeu ${naive}: cada metade chegou numa leitura separada, e nenhuma era um JSON completo. O json juntou as metades e respondeu uma vez só, com ${json}.`,
      lucky:
        'Desta vez as duas metades chegaram juntas numa leitura só, e o servidor naive acertou por sorte. Experimente de novo.',
      other: (naive: string, json: string) =>
        `Respostas do servidor naive: ${naive}. Do json: ${json}.`,
      openLab: 'Abrir no laboratório de framing',
      noTargets: 'A ponte não oferece os servidores naive e json, e este passo precisa dos dois.',
    },
    concurrency: {
      ok: (phone: string, a: number, b: number) =>
        `B leu o Telefone ${phone} que A tinha acabado de gravar, com as duas conexões abertas ao mesmo tempo (portas locais ${a} e ${b}). Com o servidor da aula, B ficaria esperando A terminar.`,
      missed: (code: string) => `B não encontrou o Telefone que A gravou (resposta ${code}).`,
      localPort: (port: number) => `porta local ${port}`,
      timeline: 'Na ordem em que aconteceu',
      opened: (port: number) => `abriu a conexão (porta local ${port})`,
    },
    trouble: {
      closed: (why: string) => `O experimento não terminou. ${why}`,
      timeout: 'O experimento não terminou: o servidor não respondeu a tempo.',
      unreadable: 'O experimento não terminou: chegou algo que não é uma resposta do protocolo.',
      noTarget: 'A ponte não oferece nenhum servidor para este passo.',
    },
    log: 'Bytes e mensagens deste passo',
    logOf: (client: string) => `Bytes e mensagens do ${client}`,
    logEmpty: 'Os bytes aparecem aqui quando você experimentar.',
  },
}
