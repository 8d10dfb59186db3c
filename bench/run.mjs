#!/usr/bin/env node
/**
 * `npm run bench`: builds dist/ (scripts/build.mjs) and the bench bundle, runs every benchmark in its
 * own process (so that cold numbers are cold), prints a table against the targets and writes all
 * results with the machine description to test-output/bench.json.
 *
 * Options: `--only lint,wholeprocess,latency,terraform,templates,format,...` to run some; `--no-build` to reuse dist/ and .bench/.
 * Benchmarks print numbers; nothing here fails on a missed target (the machine may be busy).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT, median, machine } from './common.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);

function run(script, env = {}, nodeArgs = []) {
  const out = execFileSync(process.execPath, [...nodeArgs, join(ROOT, 'bench', script)], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`${script} printed no result`);
  return JSON.parse(line.slice('RESULT '.length));
}

if (!args.includes('--no-build')) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, ['bench/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

const results = { date: new Date().toISOString(), machine: { ...machine(), cpus: cpus().length } };
const rows = [];
const ms = (n) => (n === undefined ? '-' : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
const want = (name) => !only || only.includes(name);

if (want('lint')) {
  // Each run is a fresh process: the cold pass is cold every time; the medians over runs are reported.
  const runs = Array.from({ length: COLD_RUNS }, () => run('lint.mjs'));
  const pick = (key) => median(runs.map((r) => r[key]));
  const lint = { ...runs[0], runs: COLD_RUNS, moduleLoadMs: pick('moduleLoadMs'), catalogFirstUseMs: pick('catalogFirstUseMs'), coldPassMs: pick('coldPassMs'), warmMs: pick('warmMs'), jsoncParseMs: pick('jsoncParseMs'), parsePolicyMs: pick('parsePolicyMs'), ratioToJsonc: pick('ratioToJsonc') };
  results.lint = lint;
  rows.push([`lint ${lint.policies} managed policies, warm`, ms(lint.warmMs), '< 1000 ms', lint.warmMs < 1000]);
  rows.push(['  cold first pass (after catalog first use)', ms(lint.coldPassMs), '', undefined]);
  rows.push(['  bundle load / catalog first use', `${ms(lint.moduleLoadMs)} / ${ms(lint.catalogFirstUseMs)}`, '', undefined]);
  rows.push(['  per policy, warm', `${lint.warmPerPolicyUs.toFixed(0)} µs`, '', undefined]);
  rows.push(['  jsonc-parser alone / parsePolicy alone', `${ms(lint.jsoncParseMs)} / ${ms(lint.parsePolicyMs)}`, '', undefined]);
  rows.push(['  lint ÷ jsonc-parser alone', `${lint.ratioToJsonc.toFixed(2)}x`, '<= 3x', lint.ratioToJsonc <= 3]);
}
if (want('wholeprocess')) {
  // Whole processes as a CI job runs them, next to node doing only the reading and parsing.
  const whole = run('wholeProcess.mjs');
  results.wholeProcess = whole;
  const pair = (a, b) => `${ms(a.medianMs)} / ${ms(b.medianMs)}`;
  rows.push([`whole process: lint ${whole.policies} managed policies / read+parse floor (median)`, pair(whole.lintAll, whole.readParseAll), '< 1000 ms', whole.lintAll.medianMs < 1000]);
  rows.push(['  lint ÷ read+parse floor', `${whole.lintAllRatio.toFixed(2)}x`, '<= 3x', whole.lintAllRatio <= 3]);
  rows.push(['  min over runs: lint / floor', `${ms(whole.lintAll.minMs)} / ${ms(whole.readParseAll.minMs)}`, '', undefined]);
  rows.push(['  read + parse into trees with offsets (jsonc-parser), median', ms(whole.readParseTreeAll.medianMs), '', undefined]);
  rows.push(['  lint ÷ read+parse-into-trees floor', `${whole.lintAllTreeRatio.toFixed(2)}x`, '<= 3x', whole.lintAllTreeRatio <= 3]);
  rows.push(['whole process: lint one small policy / node -e 0 (median)', pair(whole.lintSmall, whole.nodeBare), '< 150 ms', whole.lintSmall.medianMs < 150]);
  rows.push(['  min over runs: small lint / node -e 0', `${ms(whole.lintSmall.minMs)} / ${ms(whole.nodeBare.minMs)}`, '', undefined]);
  rows.push([`whole process: simulate --batch ${whole.batchRequests} / read+parse+print floor (median)`, pair(whole.simulateBatch, whole.readParsePrintBatch), '', undefined]);
  rows.push(['  simulate ÷ read+parse+print floor', `${whole.simulateBatchRatio.toFixed(2)}x`, '<= 2x', whole.simulateBatchRatio <= 2]);
  rows.push(['  min over runs: simulate / floor', `${ms(whole.simulateBatch.minMs)} / ${ms(whole.readParsePrintBatch.minMs)}`, '', undefined]);
}
if (want('latency')) {
  const latency = run('latency.mjs');
  results.latency = latency;
  for (const layer of ['service', 'server']) {
    for (const [name, s] of Object.entries(latency[layer])) {
      if (typeof s !== 'object') continue;
      rows.push([`${layer}: ${name} (500 statements) p50/p95/p99`, `${s.p50.toFixed(2)} / ${s.p95.toFixed(2)} / ${s.p99.toFixed(2)} ms`, 'p95 < 10 ms', s.p95 < 10]);
    }
  }
}
if (want('evaluate')) {
  const evaluate = run('evaluate.mjs');
  results.evaluate = evaluate;
  for (const w of evaluate.workloads) rows.push([`evaluate ${w.name} (${w.statementsPerRequest} statements/request)`, `${w.decisionsPerSecond} decisions/s`, '', undefined]);
}
if (want('format')) {
  const format = run('format.mjs');
  results.format = format;
  const f = format.format;
  rows.push([`format ${format.policies} managed policies (with access check), per policy p50/p95/mean`, `${f.perPolicy.p50.toFixed(2)} / ${f.perPolicy.p95.toFixed(2)} / ${f.meanMs.toFixed(2)} ms`, '', undefined]);
  rows.push(['  total / formatted', `${ms(f.totalMs)} / ${f.ok}`, '', undefined]);
  const s = format.shrink;
  rows.push(['  shrink, per policy p50/p95/mean', `${s.perPolicy.p50.toFixed(2)} / ${s.perPolicy.p95.toFixed(2)} / ${s.meanMs.toFixed(2)} ms`, '', undefined]);
}
if (want('access')) {
  const access = run('access.mjs');
  results.access = access;
  const d = access.diff50;
  rows.push([`diff of two 50-statement policies (changed), p50/p95`, `${d.changed.p50.toFixed(1)} / ${d.changed.p95.toFixed(1)} ms`, '< 200 ms', d.changed.p95 < 200]);
  rows.push([`  identical pair (all proved), p50/p95`, `${d.identical.p50.toFixed(1)} / ${d.identical.p95.toFixed(1)} ms`, '< 200 ms', d.identical.p95 < 200]);
  rows.push([`  first call (catalog action index built)`, ms(d.coldMs), '', undefined]);
  const r = access.risks;
  rows.push([`risk analysis per managed policy (${r.policies}), p50/p95/mean`, `${r.perPolicy.p50.toFixed(2)} / ${r.perPolicy.p95.toFixed(2)} / ${r.meanMs.toFixed(2)} ms`, 'p50 < 5 ms', r.perPolicy.p50 < 5]);
  rows.push([`  validation of the same policies, p50/p95/mean`, `${r.validatePerPolicy.p50.toFixed(2)} / ${r.validatePerPolicy.p95.toFixed(2)} / ${r.validateMeanMs.toFixed(2)} ms`, '', undefined]);
  rows.push([`external access per resource policy, p50/p95`, `${access.external.perPolicy.p50.toFixed(2)} / ${access.external.perPolicy.p95.toFixed(2)} ms`, '< 5 ms', access.external.perPolicy.p95 < 5]);
}
if (want('coldstart')) {
  const coldstart = run('coldstart.mjs');
  results.coldstart = coldstart;
  rows.push(['server cold start: initialize answered', ms(coldstart.initializeMs), '', undefined]);
  rows.push(['server cold start: first diagnostics (median)', ms(coldstart.firstDiagnosticsMs), '< 300 ms', coldstart.firstDiagnosticsMs < 300]);
}
if (want('templates')) {
  const templates = run('templates.mjs');
  results.templates = templates;
  rows.push([`template: ${templates.lines} lines, ${templates.policies} policies, validation after an edit`, ms(templates.validationWarmMs), '< 100 ms', templates.validationWarmMs < 100]);
  rows.push(['template: validation with every policy new', ms(templates.validationAllNewMs), '', undefined]);
  rows.push(['template: completion inside it p50/p95', `${templates.completion.p50.toFixed(2)} / ${templates.completion.p95.toFixed(2)} ms`, 'p95 < 10 ms', templates.completion.p95 < 10]);
}
if (want('large')) {
  const large = run('large.mjs');
  results.large = large;
  rows.push([`10 MB document: diagnostics`, ms(large.bigDiagnosticsMs), '', undefined]);
  rows.push([`10 MB document: worst completion wait elsewhere`, ms(large.completionWhileValidating.max), '', undefined]);
}
if (want('terraform')) {
  // Each run is a fresh process, so that the WebAssembly start-up is cold every time.
  const runs = Array.from({ length: COLD_RUNS }, () => run('terraform.mjs'));
  const pick = (key) => median(runs.map((r) => r[key]));
  const terraform = { ...runs[0], runs: COLD_RUNS };
  for (const key of ['startupMs', 'extractColdMs', 'extractScratchMs', 'extractEditMs', 'extractUnchangedMs', 'lintScratchMs', 'lintEditMs']) terraform[key] = pick(key);
  results.terraform = terraform;
  rows.push(['terraform: parser start-up (WebAssembly load)', ms(terraform.startupMs), '< 100 ms', terraform.startupMs < 100]);
  rows.push([`terraform: extract ${terraform.policies} policies from ${terraform.lines} lines, first call`, ms(terraform.extractColdMs), '', undefined]);
  rows.push(['  warm: parsed from scratch / after a 1-char edit / unchanged', `${ms(terraform.extractScratchMs)} / ${ms(terraform.extractEditMs)} / ${ms(terraform.extractUnchangedMs)}`, '', undefined]);
  rows.push(['  extract + lint every policy, after a 1-char edit (no printer)', ms(terraform.lintEditMs), '< 100 ms', terraform.lintEditMs < 100]);
  rows.push(['  extract + lint every policy, parsed from scratch', ms(terraform.lintScratchMs), '< 100 ms', terraform.lintScratchMs < 100]);
}
if (want('footprint')) {
  const footprint = run('footprint.mjs');
  results.footprint = footprint;
  // The budget is 2.5 MB since the AWS managed policies ship in the .vsix (issue 10).
  rows.push(['.vsix size', footprint.vsixMB === undefined ? 'not built' : `${footprint.vsixMB} MB`, '< 2.5 MB', footprint.vsixMB === undefined ? undefined : footprint.vsixMB < 2.5]);
  const heap = run('heap.mjs', {}, ['--expose-gc']);
  results.heap = heap;
  for (const set of ['typical', 'heavy']) {
    const m = footprint[set];
    rows.push([`server RSS, idle → ${m.documents} ${set} documents (${m.documentsMB} MB)`, `${m.idleRssMB} → ${m.rssMB} MB`, '< 100 MB', m.rssMB < 100]);
    const h = set === 'typical' ? heap.totalWithTypicalMB : heap.totalWithHeavyMB;
    rows.push([`  JS heap (in-process, after GC): bundle + catalog + ${set} analyses`, `${h.toFixed(1)} MB`, '< 100 MB', h < 100]);
  }
}

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${results.machine.cpus} × ${results.machine.cpu}, Node ${results.machine.node}, load average ${results.machine.loadavg}\n`);
for (const [name, value, target, met] of rows) {
  console.log(`${name.padEnd(width)}  ${String(value).padStart(24)}  ${target.padEnd(12)} ${met === undefined ? '' : met ? 'met' : 'MISSED'}`);
}
mkdirSync(join(ROOT, 'test-output'), { recursive: true });
writeFileSync(join(ROOT, 'test-output', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten to test-output/bench.json');
