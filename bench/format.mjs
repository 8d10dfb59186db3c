/**
 * Benchmark: the checked policy formatter (docs/ARCHITECTURE.md, `format/`) over every AWS managed
 * policy, as compact JSON (so that nearly every one has something to format), warm: per policy the
 * layout, the structural check and the access comparison with the evaluator (`formatPolicy`), and
 * the shrinker (`shrinkPolicy`, up to five attempts each with its access comparison) on the
 * pretty-printed texts. Median, p95 and mean per policy, and the total.
 */
import { loadLibrary, managedPolicyTexts, summarize, emit } from './common.mjs';

const { lib } = loadLibrary();
const policies = managedPolicyTexts().map(({ name, text }) => ({ name, pretty: text, compact: JSON.stringify(JSON.parse(text)) }));

// Warm-up: the catalog and the access comparison's action index.
for (const p of policies.slice(0, 100)) lib.formatPolicy(p.compact, { kind: 'identity' });

function pass(fn) {
  const samples = [];
  let ok = 0;
  const start = performance.now();
  for (const p of policies) {
    const t = performance.now();
    if (fn(p).ok) ok++;
    samples.push(performance.now() - t);
  }
  const total = performance.now() - start;
  return { perPolicy: summarize(samples), meanMs: total / policies.length, totalMs: total, ok };
}

const format = pass((p) => lib.formatPolicy(p.compact, { kind: 'identity' }));
const shrink = pass((p) => lib.shrinkPolicy(p.pretty, 'identity'));
emit({ name: 'format', policies: policies.length, format, shrink });
