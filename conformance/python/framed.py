#!/usr/bin/env python3
# A complete server of PROTOCOL.md in Python, over ndjson (one JSON value per line), for the checker's
# tests. With --mistake NAME it makes exactly one deliberate mistake, which the checker must name.
# python3 framed.py [--port N] [--mistake NAME]; prints "framed listening on 127.0.0.1 port N".
# --each serves the correct server and every mistake at once, each on its own free port, printing
# "NAME listening on 127.0.0.1 port N" per line (one process for all of the tests).
import argparse
import json
import os
import re
import socket
import threading

MAX = 64 * 1024
ACOES = ["CRIAR USUARIO", "CONSULTAR USUARIO", "MODIFICAR USUARIO", "REMOVER USUARIO"]
CAMPOS = ["Nome", "Endereço", "Telefone", "Email"]
# The entries PROTOCOL.md checks, in its order, each with its known values (None: any string).
REQUEST_ENTRIES = (("SERVIÇO", ["Dados Pessoais"]), ("AÇÃO", ACOES), ("EMAIL_USUARIO", None))
MODIFY_ENTRIES = (("CAMPO", CAMPOS), ("VALOR", None))
MISTAKES = [
    "compact",  # separators=(",", ":")
    "raw-utf8",  # ensure_ascii=False
    "uppercase-hex",  # \u00C7 instead of \u00c7
    "key-order",  # EXPLICAÇÃO before CODIGO DE ERRO
    "wrong-code",  # 201 for a created user
    "crash-on-invalid-json",  # json.loads without try: the client's thread dies
    "exit-on-invalid-json",  # invalid JSON ends the whole process, as the lesson's one-thread server does
    "one-client",  # serves clients one after another, in the accepting thread
    "no-framing",  # each recv(512) is one message, as in the lesson
]


def as_text(value):
    """PROTOCOL.md's {X}: a string as is, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def entry_refusal(request, entries):
    """PROTOCOL.md's refusal for the first entry missing or invalid (not a string, or not among its known
    values when it has them), or None when every entry is there and valid."""
    for name, known in entries:
        if name not in request:
            return "404", f"Mensagem não contém uma entrada de {name}"
        value = request[name]
        if not isinstance(value, str) or (known is not None and value not in known):
            return "404", f"Mensagem contém uma entrada inválida de {name}:{as_text(value)}"
    return None


class Server:
    def __init__(self, mistake):
        self.mistake = mistake
        self.users = {}
        self.lock = threading.Lock()

    def encode(self, code, explanation):
        answer = {"CODIGO DE ERRO": code, "EXPLICAÇÃO": explanation}
        if self.mistake == "key-order":
            answer = {"EXPLICAÇÃO": explanation, "CODIGO DE ERRO": code}
        if self.mistake == "compact":
            text = json.dumps(answer, separators=(",", ":"))
        elif self.mistake == "raw-utf8":
            text = json.dumps(answer, ensure_ascii=False)
        else:
            text = json.dumps(answer)
        if self.mistake == "uppercase-hex":
            text = re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), text)
        return text.encode("utf-8") + b"\n"

    def check(self, request):
        if not isinstance(request, dict):
            return "400", "Mensagem deve ser um objeto JSON"
        refusal = entry_refusal(request, REQUEST_ENTRIES)
        if refusal:
            return refusal
        with self.lock:
            return self.act(request, request["AÇÃO"], request["EMAIL_USUARIO"])

    def act(self, request, action, email):
        if email not in self.users:
            if action != "CRIAR USUARIO":
                return "404", f"Usuário não registrado:{email}"
            self.users[email] = {"Nome": None, "Endereço": None, "Telefone": None, "Email": email}
            return ("201" if self.mistake == "wrong-code" else "200"), f"Novo usuário registrado com email:{email}"
        if action == "CRIAR USUARIO":
            return "404", f"Usuário já registrado:{email}"
        if action == "CONSULTAR USUARIO":
            return "200", dict(self.users[email])
        if action == "REMOVER USUARIO":
            del self.users[email]
            return "200", f"Usuário removido:{email}"
        refusal = entry_refusal(request, MODIFY_ENTRIES)
        if refusal:
            return refusal
        field, value = request["CAMPO"], request["VALOR"]
        if field == "Email" and value != email and value in self.users:
            return "404", f"Usuário já registrado:{value}"
        record = self.users.pop(email) if field == "Email" else self.users[email]
        record[field] = value
        self.users[value if field == "Email" else email] = record
        return "200", f"Usuário {email} teve o CAMPO:{field} atualizado para o VALOR:{value}"

    def message(self, body):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as err:
            return self.encode("400", f"Mensagem não é UTF-8 válido: byte inválido na posição {err.start}")
        if self.mistake == "crash-on-invalid-json":
            request = json.loads(text)
        elif self.mistake == "exit-on-invalid-json":
            try:
                request = json.loads(text)
            except ValueError:
                os._exit(1)
        else:
            try:
                request = json.loads(text)
            except ValueError as err:
                return self.encode("400", f"Mensagem não é um JSON válido: {err}")
        return self.encode(*self.check(request))

    def serve(self, conn):
        with conn:
            if self.mistake == "no-framing":
                while True:
                    data = conn.recv(512)
                    if not data:
                        return
                    conn.sendall(self.message(data.strip()))
            pending = b""
            skipping = False  # inside a line past the limit: drop bytes up to its newline
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                pending += data
                while True:
                    end = pending.find(b"\n")
                    if skipping:
                        if end < 0:
                            pending = b""
                            break
                        pending, skipping = pending[end + 1 :], False
                        continue
                    if end < 0:
                        if len(pending) > MAX:
                            conn.sendall(self.too_large())
                            pending, skipping = b"", True
                        break
                    line, pending = pending[:end], pending[end + 1 :]
                    if len(line) > MAX:
                        conn.sendall(self.too_large())
                    elif line.strip():
                        conn.sendall(self.message(line))

    def too_large(self):
        return self.encode("413", f"Mensagem excede o limite de {MAX} bytes; o restante dela foi descartado")


def listen(port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen()
    return listener


def accept_loop(listener, mistake):
    server = Server(mistake)
    while True:
        conn, _ = listener.accept()
        if mistake == "one-client":
            server.serve(conn)
        else:
            threading.Thread(target=server.serve, args=(conn,), daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description="PROTOCOL.md over ndjson, with an optional mistake")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mistake", choices=MISTAKES)
    parser.add_argument("--each", action="store_true", help="every mistake at once, one port each")
    args = parser.parse_args()
    if args.each:
        # Not the mistake that ends the process: it would take every other variant down with it.
        each = [m for m in MISTAKES if m != "exit-on-invalid-json"]
        servers = [("correct", None, listen(0))] + [(m, m, listen(0)) for m in each]
    else:
        servers = [("framed", args.mistake, listen(args.port))]
    for name, _, listener in servers:
        print(f"{name} listening on 127.0.0.1 port {listener.getsockname()[1]}", flush=True)
    for _, mistake, listener in servers[1:]:
        threading.Thread(target=accept_loop, args=(listener, mistake), daemon=True).start()
    accept_loop(servers[0][2], servers[0][1])


if __name__ == "__main__":
    main()
