/**
 * Benchmark 4: server cold start. Spawns `node dist/server.js --stdio`, initializes, opens a policy
 * and waits for its first diagnostics; the median of several runs. Each phase is reported from the
 * spawn: initialize answered, first diagnostics published.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, median, emit } from './common.mjs';
import { spawnServer } from './stdioClient.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const text = readFileSync(join(ROOT, 'examples', 'identity', 'developer-s3-readwrite.json'), 'utf8');
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const server = spawnServer();
  await server.initialize();
  const initialized = performance.now() - start;
  const uri = 'file:///workspace/developer-s3-readwrite.json';
  const published = server.diagnosticsFor([uri]);
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
  await published;
  const diagnostics = performance.now() - start;
  await server.stop();
  runs.push({ initialized, diagnostics });
}
emit({ name: 'coldstart', runs: RUNS, initializeMs: median(runs.map((r) => r.initialized)), firstDiagnosticsMs: median(runs.map((r) => r.diagnostics)), all: runs.map((r) => Math.round(r.diagnostics)) });
