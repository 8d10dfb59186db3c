/**
 * Benchmark 1: lint every AWS managed policy (latest version) in one process, against parsing the same
 * texts with jsonc-parser alone. Cold = the first pass in a fresh process (module load reported
 * separately; catalog decoding, which is lazy, falls into the first pass); warm = median of later passes.
 */
import { loadLibrary, managedPolicyTexts, median, time, emit } from './common.mjs';

const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 7);
const policies = managedPolicyTexts();
const texts = policies.map((p) => p.text);
const bytes = texts.reduce((n, t) => n + t.length, 0);
const { lib, loadMs } = loadLibrary();
const options = { kind: 'identity', awsManaged: true };

const lintAll = () => {
  let findings = 0;
  for (const text of texts) findings += lib.validatePolicy(text, options).findings.length;
  return findings;
};
const jsoncAll = () => {
  let nodes = 0;
  for (const text of texts) nodes += lib.parseTree(text, [], { allowTrailingComma: true, disallowComments: false })?.children?.length ?? 0;
  return nodes;
};
const parsePolicyAll = () => {
  let statements = 0;
  for (const text of texts) statements += lib.parsePolicy(text).document.statements.length;
  return statements;
};

// Catalog decoding alone: one tiny policy that touches the action and key indexes.
const catalogWarmup = time(() => lib.validatePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalTag/x":"y"}}}]}', options));
const cold = time(lintAll);
const warm = [];
const jsonc = [];
const parse = [];
for (let i = 0; i < WARM_RUNS; i++) {
  jsonc.push(time(jsoncAll).ms);
  parse.push(time(parsePolicyAll).ms);
  warm.push(time(lintAll).ms);
}
// Per-policy: the slowest policies on a warm pass.
const perPolicy = policies.map((p) => ({ name: p.name, ms: time(() => lib.validatePolicy(p.text, options)).ms, chars: p.text.length })).sort((a, b) => b.ms - a.ms);
const warmMedian = median(warm);
const jsoncMedian = median(jsonc);
emit({
  name: 'lint-managed-policies',
  policies: policies.length,
  megabytes: Math.round((bytes / 1e6) * 100) / 100,
  findings: cold.value,
  moduleLoadMs: loadMs,
  catalogFirstUseMs: catalogWarmup.ms,
  coldPassMs: cold.ms,
  warmMs: warmMedian,
  warmPerPolicyUs: (warmMedian / policies.length) * 1000,
  jsoncParseMs: jsoncMedian,
  parsePolicyMs: median(parse),
  ratioToJsonc: warmMedian / jsoncMedian,
  slowest: perPolicy.slice(0, 5).map((p) => `${p.name} ${p.ms.toFixed(2)} ms (${p.chars} chars)`),
});
