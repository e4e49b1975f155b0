#!/usr/bin/env python3
# Um servidor como o que um aluno escreve depois da aula: recv(512), json.dumps, uma thread por cliente.
# Passa no nível da aula e falha onde o servidor da aula falha (JSON inválido derruba o cliente, troca de
# Email sobrescreve, sem framing). Usado pelos testes do verificador: python3 student.py [PORTA]
# Com --um-cliente ele atende como o da aula: um único cliente, na própria thread de escuta (Thread.run),
# fecha o socket de escuta quando o cliente sai, e um JSON inválido derruba o processo inteiro.
import json
import socket
import sys
import threading

ACOES = ["CRIAR USUARIO", "CONSULTAR USUARIO", "MODIFICAR USUARIO", "REMOVER USUARIO"]
CAMPOS = ["Nome", "Endereço", "Telefone", "Email"]

usuarios = {}


def resposta(codigo, explicacao):
    return {"CODIGO DE ERRO": codigo, "EXPLICAÇÃO": explicacao}


def falta(nome):
    return resposta("404", "Mensagem não contém uma entrada de " + nome)


def invalida(nome, valor):
    return resposta("404", f"Mensagem contém uma entrada inválida de {nome}:{valor}")


def confere(pedido, entradas):
    """A resposta de erro da primeira entrada que falta ou não está entre as válidas (None: qualquer valor)."""
    for nome, validas in entradas:
        if nome not in pedido:
            return falta(nome)
        if validas is not None and pedido[nome] not in validas:
            return invalida(nome, pedido[nome])
    return None


def trata(pedido):
    erro = confere(pedido, [("SERVIÇO", ["Dados Pessoais"]), ("AÇÃO", ACOES), ("EMAIL_USUARIO", None)])
    if erro:
        return erro
    acao = pedido["AÇÃO"]
    email = pedido["EMAIL_USUARIO"]

    if email not in usuarios:
        if acao != "CRIAR USUARIO":
            return resposta("404", f"Usuário não registrado:{email}")
        usuarios[email] = {"Nome": None, "Endereço": None, "Telefone": None, "Email": email}
        return resposta("200", f"Novo usuário registrado com email:{email}")
    if acao == "CRIAR USUARIO":
        return resposta("404", f"Usuário já registrado:{email}")
    if acao == "CONSULTAR USUARIO":
        return resposta("200", usuarios[email])
    if acao == "REMOVER USUARIO":
        del usuarios[email]
        return resposta("200", f"Usuário removido:{email}")

    erro = confere(pedido, [("CAMPO", CAMPOS), ("VALOR", None)])
    if erro:
        return erro
    campo = pedido["CAMPO"]
    valor = pedido["VALOR"]
    usuarios[email][campo] = valor
    if campo == "Email":
        # Como na aula: guarda na chave nova e apaga a antiga (se forem iguais, o usuário some).
        usuarios[valor] = usuarios[email]
        del usuarios[email]
    return resposta("200", f"Usuário {email} teve o CAMPO:{campo} atualizado para o VALOR:{valor}")


def atende_cliente(conexao):
    with conexao:
        while True:
            dados = conexao.recv(512)
            if not dados:
                break
            pedido = json.loads(dados.decode("utf-8"))
            conexao.send(json.dumps(trata(pedido)).encode("utf-8"))


def main():
    numeros = [a for a in sys.argv[1:] if not a.startswith("--")]
    porta = int(numeros[0]) if numeros else 3213
    servidor = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    servidor.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    servidor.bind(("127.0.0.1", porta))
    servidor.listen()
    print(f"student listening on 127.0.0.1 port {servidor.getsockname()[1]}", flush=True)
    if "--um-cliente" in sys.argv:
        conexao, _ = servidor.accept()
        atende_cliente(conexao)
        servidor.close()
        return
    while True:
        conexao, _ = servidor.accept()
        threading.Thread(target=atende_cliente, args=(conexao,), daemon=True).start()


if __name__ == "__main__":
    main()
