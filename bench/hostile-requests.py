#!/usr/bin/env python3
"""hostile-requests.py — the server against requests and sessions chosen to be expensive.

    bench/hostile-requests.py [BINARY] [DOCUMENTS]

BINARY defaults to build/lsp/glossary-ls, DOCUMENTS to 1000. Prints:
  codeAction  a whole-document textDocument/codeAction on one 320 KB line of
              "Lora " (64,000 findings): reply time, size, actions, server peak;
  memory      DOCUMENTS Markdown documents of 1.6 KB opened, then closed, three
              rounds: RSS before, with them open, and 2.5 s after the last close.
The server runs with the cache off and without G_SLICE, as an editor starts it.
"""
import json
import os
import re
import subprocess
import sys
import time

binary = sys.argv[1] if len(sys.argv) > 1 else 'build/lsp/glossary-ls'
documents = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
env = {k: v for k, v in os.environ.items() if k != 'G_SLICE'}
env['GLOSSARY_LS_CACHE_DIR'] = ''


class Server:
    def __init__(self):
        self.p = subprocess.Popen([binary, '--stdio'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env=env)
        self.send({'id': 0, 'method': 'initialize', 'params': {
            'processId': None, 'rootUri': None, 'capabilities': {},
            'initializationOptions': {'diagnosticsDelay': 0}}})
        self.wait(0)
        self.send({'method': 'initialized', 'params': {}})

    def send(self, message):
        body = json.dumps({'jsonrpc': '2.0', **message}).encode()
        self.p.stdin.write(b'Content-Length: %d\r\n\r\n' % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        header = b''
        while not header.endswith(b'\r\n\r\n'):
            header += self.p.stdout.read(1)
        n = int(re.search(rb'Content-Length: (\d+)', header).group(1))
        return n, json.loads(self.p.stdout.read(n))

    def wait(self, id):
        while True:
            n, m = self.read()
            if m.get('id') == id:
                return n, m

    def status(self, key):
        return int(re.search(key + r':\s+(\d+) kB', open(f'/proc/{self.p.pid}/status').read()).group(1))

    def hover(self, id, uri):
        self.send({'id': id, 'method': 'textDocument/hover', 'params': {
            'textDocument': {'uri': uri}, 'position': {'line': 0, 'character': 30}}})
        self.wait(id)

    def stop(self):
        self.send({'id': 'stop', 'method': 'shutdown'})
        self.wait('stop')
        self.send({'method': 'exit'})
        self.p.wait()


s = Server()
s.send({'method': 'textDocument/didOpen', 'params': {'textDocument': {
    'uri': 'file:///big.md', 'languageId': 'markdown', 'version': 1, 'text': 'Lora ' * 64000 + '\n'}}})
while s.read()[1].get('method') != 'textDocument/publishDiagnostics':
    pass
start = time.time()
s.send({'id': 1, 'method': 'textDocument/codeAction', 'params': {
    'textDocument': {'uri': 'file:///big.md'},
    'range': {'start': {'line': 0, 'character': 0}, 'end': {'line': 1, 'character': 0}},
    'context': {'diagnostics': []}}})
n, reply = s.wait(1)
print('codeAction  %.3f s, %d bytes, %d actions, server peak %d MiB'
      % (time.time() - start, n, len(reply['result']), s.status('VmHWM') // 1024))
s.stop()

s = Server()
text = ('We fine-tune the model with Lora and Pytorch on rotary position embedding. ' * 21)[:1600]
s.hover('warm', 'file:///none.md')
time.sleep(1)
base = s.status('VmRSS')
for r in range(3):
    for i in range(documents):
        s.send({'method': 'textDocument/didOpen', 'params': {'textDocument': {
            'uri': f'file:///d{i}.md', 'languageId': 'markdown', 'version': 1, 'text': text}}})
    s.hover(f'open{r}', 'file:///d0.md')
    time.sleep(1)
    opened = s.status('VmRSS')
    for i in range(documents):
        s.send({'method': 'textDocument/didClose', 'params': {'textDocument': {'uri': f'file:///d{i}.md'}}})
    s.hover(f'closed{r}', 'file:///d0.md')
    time.sleep(2.5)
    closed = s.status('VmRSS')
    print('memory      round %d: base %d KiB; %d open %d KiB (%.1f KiB each); closed %d KiB (%.1f KiB each kept)'
          % (r, base, documents, opened, (opened - base) / documents, closed, (closed - base) / documents))
s.stop()
