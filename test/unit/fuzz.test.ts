/**
 * A short run of the property-based fuzzing in scripts/fuzz.ts (over 10,000 cases in all): the
 * parser, validation, completion and hover at every offset, the service layer and the evaluator never
 * throw, also on values nested up to 30,000 levels deep, and give well-formed results on random text and on mutations of real policies. The seed is
 * fixed so that CI is deterministic; set FUZZ_SEED to explore, and use `npm run fuzz` for long runs.
 */
import { test } from 'node:test';
import { runTarget, type TargetName } from '../../scripts/fuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

/** Cases per target: the every-offset targets cost a few hundred calls per case. */
const RUNS: Record<TargetName, number> = {
  parse: 4000,
  validate: 3000,
  completion: 150,
  hover: 1000,
  service: 500,
  evaluate: 2500,
  depth: 40,
};

for (const [name, runs] of Object.entries(RUNS) as [TargetName, number][]) {
  test(`fuzz ${name}: ${runs} cases never throw and give well-formed results`, () => {
    runTarget(name, runs, SEED);
  });
}
