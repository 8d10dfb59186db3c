/**
 * `diffAccess(old, new, kind)`: the access the new policy grants that the old one does not, and the
 * access it removes, each group with an example request confirmed by the evaluator; and the offline
 * counterparts of Access Analyzer's custom policy checks, `checkNotGranted` (CheckAccessNotGranted)
 * and `checkNoPublicAccess` (CheckNoPublicAccess). For SCPs, RCPs, boundaries and session policies,
 * "grants" means "allows more" (see `harness.ts`).
 */
import type { PolicyDocument } from '../document/model';
import type { PolicyKind } from '../document/policyKind';
import { ActionSpace } from './actionSpace';
import { excessAccess, type AccessGroup, type UndecidedGroup } from './excess';
import { analyzeExternalAccess, type StatementAccess } from './externalAccess';
import { CALLER_ACCOUNT, isResourceSide, unnamedAccount, type ExampleRequest } from './harness';
import { readPolicyDocument, type AccessPolicy, type PatternSet } from './statements';

/** The verdict of a diff, as Access Analyzer's CheckNoNewAccess would say it. */
export type DiffVerdict = 'no-new-access' | 'new-access' | 'undecided';

/** The result of `diffAccess`; the JSON of `iam-policy diff`. */
export interface AccessDiff {
  readonly verdict: DiffVerdict;
  readonly newAccess: readonly AccessGroup[];
  readonly removedAccess: readonly AccessGroup[];
  readonly undecided: ReadonlyArray<UndecidedGroup & { readonly direction: 'new' | 'removed' }>;
  /** Statements that no request can match because the evaluator would refuse them, per side. */
  readonly unreadable: { readonly old: readonly { index: number; reason: string }[]; readonly new: readonly { index: number; reason: string }[] };
}

function actionSets(policies: readonly AccessPolicy[]): PatternSet[] {
  return policies.flatMap((p) => p.statements.map((s) => s.actions));
}

function accountsFor(texts: readonly string[], kind: PolicyKind): { owner: string; outsider: string } {
  const outsider = unnamedAccount(texts, 444455556666);
  return { owner: isResourceSide(kind) ? unnamedAccount([...texts, outsider]) : CALLER_ACCOUNT, outsider };
}

/** Compares two policies of the same kind. */
export function diffAccess(oldDocument: PolicyDocument, newDocument: PolicyDocument, kind: PolicyKind): AccessDiff {
  const oldPolicy = readPolicyDocument(oldDocument, kind);
  const newPolicy = readPolicyDocument(newDocument, kind);
  const space = new ActionSpace(actionSets([oldPolicy, newPolicy]).concat(kind === 'rcp' ? [{ not: false, patterns: ['*'] }] : []));
  const settings = { kind, space, ...accountsFor([oldDocument.text, newDocument.text], kind) };
  const added = excessAccess(newPolicy, oldPolicy, settings);
  const removed = excessAccess(oldPolicy, newPolicy, settings);
  const verdict: DiffVerdict = added.groups.length > 0 ? 'new-access' : added.undecided.length > 0 ? 'undecided' : 'no-new-access';
  return {
    verdict,
    newAccess: added.groups,
    removedAccess: removed.groups,
    undecided: [...added.undecided.map((u) => ({ ...u, direction: 'new' as const })), ...removed.undecided.map((u) => ({ ...u, direction: 'removed' as const }))],
    unreadable: { old: oldPolicy.unreadable, new: newPolicy.unreadable },
  };
}

/** Verdicts of the checks: Access Analyzer's PASS / FAIL, plus what cannot be decided offline. */
export type CheckResult = 'PASS' | 'FAIL' | 'UNDECIDED';

/** One statement that grants what a check forbids. */
export interface CheckFinding {
  readonly statement: number;
  readonly sid?: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly example: ExampleRequest;
  /** For the public-access check: who gets in. */
  readonly access?: string;
}

/** The result of a check; the JSON of `iam-policy check`. */
export interface PolicyCheck {
  readonly check: 'not-granted' | 'no-public-access';
  readonly result: CheckResult;
  readonly findings: readonly CheckFinding[];
  readonly undecided: readonly { readonly reason: string; readonly statement: number; readonly actions?: readonly string[]; readonly resources?: readonly string[] }[];
}

/**
 * CheckAccessNotGranted, offline: FAIL when the policy allows any of `actions` (on any of
 * `resources` when given), with the statement and a confirmed example; UNDECIDED when a statement
 * reaches them but neither an example nor a proof that nothing is allowed was found.
 */
export function checkNotGranted(document: PolicyDocument, kind: PolicyKind, actions: readonly string[], resources?: readonly string[]): PolicyCheck {
  const policy = readPolicyDocument(document, kind);
  const space = new ActionSpace([...actionSets([policy]), { not: false, patterns: actions }, ...(kind === 'rcp' ? [{ not: false, patterns: ['*'] }] : [])]);
  const settings = { kind, space, ...accountsFor([document.text, ...(resources ?? [])], kind) };
  const result = excessAccess(policy, undefined, settings, { actions, ...(resources && resources.length > 0 ? { resources } : {}) });
  const sidOf = (index: number) => policy.statements.find((s) => s.index === index)?.sid;
  const findings = result.groups.map((g) => ({ statement: g.statement, ...(sidOf(g.statement) ? { sid: sidOf(g.statement) } : {}), actions: g.actions, resources: g.resources, example: g.example }));
  return {
    check: 'not-granted',
    result: findings.length > 0 ? 'FAIL' : result.undecided.length > 0 ? 'UNDECIDED' : 'PASS',
    findings,
    undecided: result.undecided.map((u) => ({ reason: u.reason, statement: u.statement, actions: u.actions, resources: u.resources })),
  };
}

/**
 * CheckNoPublicAccess, offline: FAIL when a resource-based or trust policy lets in anyone (see
 * `externalAccess.ts`), confirmed by an example request from an outside caller. Policies that name
 * no principals grant no public access by themselves and PASS.
 */
export function checkNoPublicAccess(document: PolicyDocument, kind: PolicyKind): PolicyCheck {
  if (!isResourceSide(kind)) return { check: 'no-public-access', result: 'PASS', findings: [], undecided: [] };
  const analysis = analyzeExternalAccess(document, kind);
  const findings: CheckFinding[] = [];
  const undecided: { reason: string; statement: number }[] = [];
  for (const s of analysis.statements) {
    if (s.public && s.example) findings.push(publicFinding(s, s.example));
    else if (s.public) undecided.push({ reason: `statement ${s.index} names every principal but no request from an outside caller could be confirmed`, statement: s.index });
  }
  return { check: 'no-public-access', result: findings.length > 0 ? 'FAIL' : undecided.length > 0 ? 'UNDECIDED' : 'PASS', findings, undecided };
}

function publicFinding(s: StatementAccess, example: ExampleRequest): CheckFinding {
  return { statement: s.index, ...(s.sid ? { sid: s.sid } : {}), actions: s.actions, resources: s.resources, example, access: s.summary };
}
