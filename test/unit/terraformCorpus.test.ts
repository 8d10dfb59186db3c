/**
 * The Terraform files of the real-world corpus (see `helpers/realWorldCorpus.ts` for its one
 * configurable path): every policy that the corpus manifest lists is found, at its lines, with the
 * kind that its place gives it. For policies whose kind the manifest guessed from their content
 * (`kindBasis: content`), the kind comes from the place when the file gives one, else from the
 * content detection of the policy parser; agreement with the manifest's guess is reported, not
 * required. Problems (JSON syntax errors in policy strings) are allowed only in the files that are
 * other tools' deliberately broken fixtures. When the corpus is absent, the test says that it did not run; the spellings are covered
 * by terraformPolicies.test.ts in any case.
 */
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePolicy } from '../../server/src/iam/document/parse';
import { detectPolicyKind } from '../../server/src/iam/document/policyKind';
import { extractTerraformPolicies } from '../../server/src/iam/sources/terraform/terraformPolicies';
import { flatten, rangeProblems } from './helpers/hostTreeFlatten';
import { realWorldCorpusDir } from './helpers/realWorldCorpus';
import { initTerraformForTests } from './helpers/terraformParser';

interface ManifestPolicy {
  readonly kind: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly path: string;
  readonly kindBasis: 'usage' | 'content';
}
interface ManifestEntry {
  readonly file: string;
  readonly format: string;
  readonly policies: readonly ManifestPolicy[];
  /** Set for other tools' test fixtures, which may be broken on purpose. */
  readonly fixture?: unknown;
}

/**
 * Usage-based kinds that cannot be read from the file: its `aws_organizations_policy` argument
 * follows an unterminated string (`description = "...` with no closing quote), so Terraform itself
 * rejects the file and the parser's error recovery loses the block that uses the document.
 */
const UNREADABLE_USAGES = new Set(['iac/ScaleSec__terraform_aws_scp__security_controls_scp__modules__kms__deny_kms_custom_key_store.tf data.aws_iam_policy_document.deny_kms_custom_key_store']);

before(() => initTerraformForTests());

test('the real-world Terraform files yield every listed policy with the right kind', (context) => {
  const dir = realWorldCorpusDir();
  if (!dir) {
    context.diagnostic('The real-world corpus is absent (set IAM_CORPUS_DIR): this test did not run.');
    return;
  }
  const manifest = (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[]).filter((entry) => entry.format === 'terraform');
  let expected = 0;
  let found = 0;
  let unreadable = 0;
  let contentGuesses = 0;
  let contentAgreements = 0;
  const missing: string[] = [];
  const wrongKind: string[] = [];
  const undeservedProblems: string[] = [];
  const badRanges: string[] = [];
  let fixtureProblems = 0;
  for (const entry of manifest) {
    const text = readFileSync(path.join(dir, entry.file), 'utf8');
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
    const lineOf = (offset: number): number => {
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (lineStarts[middle]! <= offset) low = middle;
        else high = middle - 1;
      }
      return low + 1;
    };
    const { policies, problems } = extractTerraformPolicies(text);
    // Problems (invalid JSON in a policy string) are deserved only in deliberately broken fixtures.
    if (entry.fixture) fixtureProblems += problems.length;
    else undeservedProblems.push(...problems.map((problem) => `${entry.file}:${lineOf(problem.range.start)} ${problem.message}`));
    for (const policy of policies) badRanges.push(...rangeProblems(policy.root, text.length).map((problem) => `${entry.file} ${policy.pointer}${problem}`));
    const used = new Set<number>();
    for (const listed of entry.policies) {
      expected += 1;
      // The manifest's start line is the line of the value or the block; a heredoc's JSON may start a line later.
      const index = policies.findIndex((policy, i) => !used.has(i) && lineOf(policy.range.start) >= listed.startLine - 1 && lineOf(policy.range.start) <= listed.endLine);
      if (index < 0) {
        missing.push(`${entry.file} ${listed.path} (lines ${listed.startLine}-${listed.endLine})`);
        continue;
      }
      used.add(index);
      const policy = policies[index]!;
      const parsed = parsePolicy(JSON.stringify(flatten(policy.root))).document;
      const kind = policy.kind ?? (parsed ? detectPolicyKind(parsed) : undefined);
      if (listed.kindBasis === 'content') {
        contentGuesses += 1;
        if (kind === listed.kind) contentAgreements += 1;
        found += 1;
      } else if (kind === listed.kind) {
        found += 1;
      } else if (UNREADABLE_USAGES.has(`${entry.file} ${listed.path}`)) {
        unreadable += 1;
      } else {
        wrongKind.push(`${entry.file} ${listed.path}: ${listed.kind} expected, ${kind} found`);
      }
    }
  }
  context.diagnostic(`Terraform corpus: ${found}/${expected} policies found with the right kind in ${manifest.length} files (${unreadable} more found without the kind of a use that Terraform cannot parse); content-guessed kinds agreeing: ${contentAgreements}/${contentGuesses}; problems in other tools' fixtures: ${fixtureProblems}.`);
  assert.deepEqual(undeservedProblems, []);
  assert.deepEqual(badRanges.slice(0, 20), []);
  assert.deepEqual(missing, []);
  assert.deepEqual(wrongKind, []);
  assert.equal(found + unreadable, expected);
  assert.ok(unreadable <= UNREADABLE_USAGES.size);
  assert.ok(manifest.length >= 200, `the corpus has ${manifest.length} Terraform files`);
});
