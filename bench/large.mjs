/**
 * Large document: the spawned server (dist/server.js) opens a ~10 MB policy while a client asks for
 * completion in a small document every 25 ms. Reports when the big document's diagnostics arrive
 * and the worst completion latency meanwhile: how long the server is blocked.
 */
import { largePolicy, summarize, emit } from './common.mjs';
import { spawnServer } from './stdioClient.mjs';

const SMALL = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:Get", "Resource": "*"}]\n}';
const position = { line: 2, character: SMALL.split('\n')[2].indexOf('s3:Get') + 6 };
const { text } = largePolicy(42_000);
const server = spawnServer();
await server.initialize();
const small = 'file:///workspace/small.json';
const big = 'file:///workspace/big.json';
const first = server.diagnosticsFor([small]);
server.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'json', version: 1, text: SMALL } });
await first;
const start = performance.now();
let done = false;
const published = server.diagnosticsFor([big]).then(() => {
  done = true;
  return performance.now() - start;
});
server.notify('textDocument/didOpen', { textDocument: { uri: big, languageId: 'json', version: 1, text } });
const latencies = [];
while (!done) {
  const sent = performance.now();
  const answer = await server.request('textDocument/completion', { textDocument: { uri: small }, position });
  latencies.push(performance.now() - sent);
  if (!answer.result || answer.result.items.length === 0) throw new Error('no completion while the big document is validated');
  await new Promise((resolve) => setTimeout(resolve, 25));
}
const diagnosticsMs = await published;
await server.stop();
emit({ name: 'large-document', chars: text.length, statements: 42_000, bigDiagnosticsMs: diagnosticsMs, completionWhileValidating: summarize(latencies) });
