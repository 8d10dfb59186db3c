/**
 * A minimal LSP client over the stdio of a spawned `node dist/server.js --stdio`: Content-Length
 * framing, requests with promises, and a hook for notifications. Enough for the cold-start and memory
 * benchmarks, which must measure the shipped bundle in its own process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './common.mjs';

export function spawnServer() {
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method === undefined) {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      } else if (message.id !== undefined) {
        // A request from the server (workspace/configuration, registerCapability): answer simply.
        send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? message.params.items.map(() => ({})) : null });
      } else {
        for (const listener of listeners) listener(message);
      }
    }
  });
  child.stderr.resume();
  function send(message) {
    const body = Buffer.from(JSON.stringify(message));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  }
  return {
    child,
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ jsonrpc: '2.0', id, method, params });
      });
    },
    notify(method, params) {
      send({ jsonrpc: '2.0', method, params });
    },
    onNotification(listener) {
      listeners.push(listener);
    },
    async initialize() {
      const result = await this.request('initialize', { processId: process.pid, rootUri: 'file:///workspace', capabilities: {}, workspaceFolders: [{ uri: 'file:///workspace', name: 'w' }] });
      this.notify('initialized', {});
      return result;
    },
    /** Resolves when diagnostics for every uri have been published. */
    diagnosticsFor(uris) {
      const waiting = new Set(uris);
      return new Promise((resolve) => {
        listeners.push((message) => {
          if (message.method === 'textDocument/publishDiagnostics' && waiting.delete(message.params.uri) && waiting.size === 0) resolve();
        });
      });
    },
    async stop() {
      await this.request('shutdown', null);
      this.notify('exit', null);
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    },
  };
}
