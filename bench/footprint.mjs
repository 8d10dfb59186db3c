/**
 * Benchmark 5: the .vsix size (`vsce package --no-dependencies` after the build) and the memory of
 * the spawned server after it has loaded the catalog and validated 100 open documents (VmRSS and
 * VmHWM of the child from /proc; the heap is not observable from outside without a custom request).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, managedPolicyTexts, emit } from './common.mjs';
import { spawnServer } from './stdioClient.mjs';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 100);

function vsixSize() {
  if (process.env.BENCH_SKIP_VSIX) return undefined;
  const out = join('/tmp', `iam-bench-${process.pid}.vsix`);
  try {
    execFileSync('npx', ['vsce', 'package', '--no-dependencies', '-o', out], { cwd: ROOT, stdio: 'pipe', timeout: 180_000 });
    return statSync(out).size;
  } catch (error) {
    process.stderr.write(`vsce package failed: ${error.stderr?.toString() ?? error.message}\n`);
    return undefined;
  } finally {
    rmSync(out, { force: true });
  }
}

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, peakRssMB: kb('VmHWM') / 1024 };
}

/** RSS of a fresh server before and after opening `texts` and receiving all their diagnostics. */
async function serverMemory(texts) {
  const server = spawnServer();
  await server.initialize();
  const idle = memoryOf(server.child.pid);
  const uris = texts.map((p) => `file:///workspace/${p.name}.json`);
  const published = server.diagnosticsFor(uris);
  texts.forEach((p, i) => server.notify('textDocument/didOpen', { textDocument: { uri: uris[i], languageId: 'json', version: 1, text: p.text } }));
  await published;
  // Let the heap settle a moment after the last validation.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const loaded = memoryOf(server.child.pid);
  await server.stop();
  return { documents: texts.length, documentsMB: Math.round((texts.reduce((n, p) => n + p.text.length, 0) / 1e6) * 100) / 100, idleRssMB: Math.round(idle.rssMB), rssMB: Math.round(loaded.rssMB), peakRssMB: Math.round(loaded.peakRssMB) };
}

const policies = managedPolicyTexts();
// Typical documents: every 16th managed policy in name order; heavy: the largest ones.
const typical = await serverMemory(policies.filter((_, i) => i % 16 === 0).slice(0, DOCUMENTS));
const heavy = await serverMemory([...policies].sort((a, b) => b.text.length - a.text.length).slice(0, DOCUMENTS));
const bytes = vsixSize();
emit({ name: 'footprint', vsixBytes: bytes, vsixMB: bytes === undefined ? undefined : Math.round((bytes / 1048576) * 100) / 100, typical, heavy });
