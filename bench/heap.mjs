/**
 * The JavaScript heap behind the server's memory, measured in-process on the bench bundle (run with
 * --expose-gc): after loading the bundle (catalog data), after the first analysis (catalog decoded),
 * and with the analyses of 100 typical and 100 heavy managed policies kept, as the server caches them.
 */
import { loadLibrary, managedPolicyTexts, emit } from './common.mjs';

const heapMB = () => {
  globalThis.gc();
  globalThis.gc();
  return Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10;
};
const policies = managedPolicyTexts();
const typical = policies.filter((_, i) => i % 16 === 0).slice(0, 100);
const heavy = [...policies].sort((a, b) => b.text.length - a.text.length).slice(0, 100);
const baseline = heapMB();
const { lib } = loadLibrary();
const analyse = (p) => lib.analyzeDocument({ text: p.text, path: `${p.name}.json`, settings: lib.DEFAULT_SETTINGS });
const loaded = heapMB();
analyse(typical[0]);
const decoded = heapMB();
let kept = typical.map(analyse);
const withTypical = heapMB();
kept = heavy.map(analyse);
const withHeavy = heapMB();
emit({ name: 'heap', note: 'MB of heapUsed after full GC; the test data itself is in the baseline', baselineMB: baseline, bundleMB: loaded - baseline, firstAnalysisMB: decoded - loaded, typical100MB: withTypical - decoded, heavy100MB: withHeavy - decoded, totalWithTypicalMB: withTypical - baseline, totalWithHeavyMB: withHeavy - baseline, kept: kept.length });
