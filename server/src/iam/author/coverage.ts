/**
 * Statement coverage of policy tests: which statements of which policies decided at least one test
 * (an allowing statement of an allowed request — SCP Allow statements that applied included — or a
 * denying statement of an explicitly denied one, in any step of the test, assume-role hops
 * included), and which never did. AWS managed and
 * Organizations policies named by a scenario are left out: they are not the author's to cover.
 */
import type { PolicyInput } from '../evaluate/types';
import type { PolicySet, ResolvedPolicy, TestResult } from '../scenario/runScenario';
import type { PolicyRef, Scenario, Span } from '../scenario/scenarioModel';
import { policyRefs } from '../scenario/parseScenario';

/** One statement and the tests it decided. */
export interface StatementCoverage {
  readonly index: number;
  readonly sid?: string;
  readonly effect?: string;
  /** The statement's span: in the policy file's text, or in the scenario text for inline policies. */
  readonly span?: Span;
  /** Names of the tests it decided, in test order. */
  readonly tests: readonly string[];
}

/** The coverage of one policy. */
export interface PolicyCoverage {
  /** The evaluator id: the path as written in the scenario, or where the inline policy is. */
  readonly id: string;
  /** `file` when the spans are in `text` (a policy file or a template), `inline` when in the scenario text. */
  readonly kind: 'file' | 'inline';
  /** For file policies: the file's path as written (a template reference without its `#/pointer`). */
  readonly file?: string;
  readonly text?: string;
  readonly statements: readonly StatementCoverage[];
  readonly covered: number;
  readonly total: number;
}

function policyStatements(document: unknown): Record<string, unknown>[] {
  if (!document || typeof document !== 'object') return [];
  const statement = (document as Record<string, unknown>).Statement;
  if (Array.isArray(statement)) return statement.map((s) => (s && typeof s === 'object' ? (s as Record<string, unknown>) : {}));
  return statement && typeof statement === 'object' ? [statement as Record<string, unknown>] : [];
}

/** The coverage of every policy a scenario's tests used or its model names, in first-seen order. */
export function statementCoverage(scenario: Scenario, results: readonly TestResult[], policies: PolicySet): PolicyCoverage[] {
  const resolved = new Map<string, ResolvedPolicy>();
  const consider = (ref: PolicyRef | undefined) => {
    if (!ref) return;
    const policy = policies.resolve(ref);
    if (policy.named || policy.error || policy.document === undefined) return;
    if (!resolved.has(policy.id)) resolved.set(policy.id, policy);
  };
  policyRefs(scenario).forEach(consider);
  const hits = new Map<string, Map<number, string[]>>();
  for (const result of results) {
    for (const step of result.steps) {
      const r = step.request;
      const inputs: (PolicyInput | undefined)[] = [...(r.identityPolicies ?? []), r.resourcePolicy, r.permissionBoundary, r.sessionPolicy, ...(r.scps ?? []).flat(), ...(r.rcps ?? []).flat()];
      // Policies of template principals are known only from the requests; inputs remember their reference.
      for (const input of inputs) consider((input as (PolicyInput & { ref?: PolicyRef }) | undefined)?.ref);
      // Every SCP level must allow an allowed request, but the evaluator names only the identity-side
      // and resource-side statements as reasons: the SCP Allow statements that applied decided it too.
      const scpAllows = step.answer.decision === 'Allow' ? step.answer.statements.filter((t) => t.policyRole === 'scp' && t.effect === 'Allow' && t.applies) : [];
      for (const reason of [...step.answer.reasons, ...scpAllows]) {
        const byStatement = hits.get(reason.policyId) ?? new Map<number, string[]>();
        hits.set(reason.policyId, byStatement);
        const tests = byStatement.get(reason.statementIndex) ?? [];
        if (!tests.includes(result.test.name)) tests.push(result.test.name);
        byStatement.set(reason.statementIndex, tests);
      }
    }
  }
  const out: PolicyCoverage[] = [];
  for (const policy of resolved.values()) {
    const statements = policyStatements(policy.document).map((s, index): StatementCoverage => {
      const span = policy.statementSpans[index];
      return {
        index,
        ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
        ...(typeof s.Effect === 'string' ? { effect: s.Effect } : {}),
        ...(span ? { span } : {}),
        tests: hits.get(policy.id)?.get(index) ?? [],
      };
    });
    const file = policy.ref.kind === 'file' ? policy.ref.path.split('#')[0]! : undefined;
    out.push({
      id: policy.id,
      kind: policy.ref.kind === 'file' ? 'file' : 'inline',
      ...(file !== undefined ? { file } : {}),
      ...(policy.text !== undefined ? { text: policy.text } : {}),
      statements,
      covered: statements.filter((s) => s.tests.length > 0).length,
      total: statements.length,
    });
  }
  return out;
}
