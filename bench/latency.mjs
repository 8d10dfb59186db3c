/**
 * Benchmark 2: completion and hover latency at action, ARN and condition-key positions of a
 * 500-statement policy. Service layer: the analysis is computed once (as the server caches it per
 * version) and each request converts the offset, completes or hovers, and builds the LSP items.
 * Server: the real server in-process over streams (test/lsp/harness.ts), one request at a time, so
 * the numbers include JSON-RPC encoding and the cached-analysis lookup.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BENCH_DIR, loadLibrary, largePolicy, summarize, emit, time } from './common.mjs';

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 500);
const PER_KIND = Number(process.env.BENCH_SAMPLES ?? 500);
const { lib } = loadLibrary();
const { text, positions } = largePolicy(STATEMENTS);
const uri = 'file:///workspace/large.json';
const document = lib.TextDocument.create(uri, 'json', 1, text);
const settings = lib.DEFAULT_SETTINGS;
const analysisTime = time(() => lib.analyzeDocument({ text, path: 'large.json', settings }));
const analysis = analysisTime.value;

/** Offsets spread over the whole document, PER_KIND of them, repeating statements if needed. */
function sample(offsets) {
  return Array.from({ length: PER_KIND }, (_, i) => offsets[Math.floor((i * offsets.length) / PER_KIND) % offsets.length]);
}

const service = {};
const counts = {};
for (const [kind, offsets] of Object.entries(positions)) {
  const chosen = sample(offsets);
  // One untimed round per kind warms the catalog slices these positions touch.
  for (const offset of chosen.slice(0, 20)) {
    lib.getCompletions(document, analysis, document.positionAt(offset), settings);
    lib.getHover(document, analysis, document.positionAt(offset));
  }
  const completion = [];
  const hover = [];
  let items = 0;
  for (const offset of chosen) {
    const position = document.positionAt(offset);
    const c = time(() => lib.getCompletions(document, analysis, position, settings));
    completion.push(c.ms);
    items += c.value.items.length;
    const h = time(() => lib.getHover(document, analysis, position));
    if (!h.value) throw new Error(`no hover at ${kind} offset ${offset}`);
    hover.push(h.ms);
  }
  if (items === 0) throw new Error(`no completions at ${kind} positions`);
  counts[kind] = Math.round(items / chosen.length);
  service[`completion ${kind}`] = summarize(completion);
  service[`hover ${kind}`] = summarize(hover);
}

// The real server over the in-process harness.
const { startHarness } = createRequire(import.meta.url)(join(BENCH_DIR, 'harness.cjs'));
const harness = await startHarness();
const server = {};
try {
  const published = harness.diagnostics(uri);
  const openStart = performance.now();
  harness.open(uri, text);
  const diagnostics = await published;
  const firstDiagnosticsMs = performance.now() - openStart;
  for (const [kind, offsets] of Object.entries(positions)) {
    const chosen = sample(offsets).slice(0, Math.min(PER_KIND, 300));
    const completion = [];
    const hover = [];
    for (const offset of chosen) {
      const position = document.positionAt(offset);
      let start = performance.now();
      const list = await harness.client.sendRequest('textDocument/completion', { textDocument: { uri }, position });
      completion.push(performance.now() - start);
      if (!list || list.items.length === 0) throw new Error(`server: no completions at ${kind}`);
      start = performance.now();
      const h = await harness.client.sendRequest('textDocument/hover', { textDocument: { uri }, position });
      hover.push(performance.now() - start);
      if (!h) throw new Error(`server: no hover at ${kind}`);
    }
    server[`completion ${kind}`] = summarize(completion);
    server[`hover ${kind}`] = summarize(hover);
  }
  server.firstDiagnosticsMs = firstDiagnosticsMs;
  server.diagnostics = diagnostics.diagnostics.length;
} finally {
  harness.dispose();
}

emit({ name: 'latency', statements: STATEMENTS, chars: text.length, analysisMs: analysisTime.ms, itemsPerCompletion: counts, service, server });
// The in-process server keeps timers of its own; the benchmark is done.
process.exit(0);
