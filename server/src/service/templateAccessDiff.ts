/**
 * The access diff of a template (CloudFormation/SAM, Terraform) against another version of it: each
 * embedded policy is compared with the policy at the same place (its pointer) in the other version,
 * as `iam-policy diff` compares two policy files (`diffAccess`), with the kind the place gives it. A
 * policy that only one version has is compared with an empty policy: everything it allows is new
 * (added) or removed (removed). Policies whose printed text is the same in both versions are not
 * compared. Holes (parameters, references) are compared as their samples, as the checks see them.
 */
import { diffAccess, type AccessDiff } from '../iam/access';
import type { DiffVerdict } from '../iam/access/accessDiff';
import type { PolicyDocument } from '../iam/document/model';
import { parsePolicy } from '../iam/document/parse';
import type { PolicyKind } from '../iam/document/policyKind';
import { analyzeHostDocument, type HostAnalysis, type HostFormat } from '../iam/sources/hostDocument';
import type { EmbeddedPolicyAnalysis } from '../iam/sources/embeddedAnalysis';

/** The diff of one embedded policy. */
export interface EmbeddedAccessDiff extends AccessDiff {
  /** The policy's place in the template (a JSON Pointer, or a Terraform address path). */
  readonly pointer: string;
  readonly label: string;
  readonly policyType: PolicyKind;
  /** `added`: only the new version has it; `removed`: only the old one; `changed`: its text differs. */
  readonly change: 'added' | 'removed' | 'changed';
}

/** The diff of a whole template. */
export interface TemplateAccessDiff {
  readonly format: Exclude<HostFormat, 'policy'>;
  /** `new-access` when some policy grants new access, else `undecided` when some is undecided. */
  readonly verdict: DiffVerdict;
  /** The policies that differ, in the new version's order, then those it removed. */
  readonly policies: readonly EmbeddedAccessDiff[];
  /** How many policies are the same in both versions. */
  readonly unchanged: number;
}

const EMPTY_POLICY: PolicyDocument = parsePolicy('{"Version": "2012-10-17", "Statement": []}').document;

function byPointer(policies: readonly EmbeddedPolicyAnalysis[]): Map<string, EmbeddedPolicyAnalysis> {
  const map = new Map<string, EmbeddedPolicyAnalysis>();
  for (const policy of policies) if (!map.has(policy.policy.pointer)) map.set(policy.policy.pointer, policy);
  return map;
}

/**
 * Compares the policies of two versions of a template; undefined when the new text is not a template
 * (then it is a policy file, or nothing to compare). `path` decides the format as `lint` does (`.tf`
 * is Terraform, whose parser must be loaded). An old text that is not a template (a file new in
 * this change) has no policies. `current`, the new text's analysis when the caller has it (the
 * editor), saves reading it again.
 */
export function diffTemplates(oldText: string, newText: string, path: string, current?: HostAnalysis): TemplateAccessDiff | undefined {
  const newer = current ?? analyzeHostDocument(newText, { validate: false }, path);
  if (!newer) return undefined;
  const older = analyzeHostDocument(oldText, { validate: false }, path);
  const before = byPointer(older?.policies ?? []);
  const after = byPointer(newer.policies);
  const policies: EmbeddedAccessDiff[] = [];
  let unchanged = 0;
  for (const [pointer, policy] of after) {
    const previous = before.get(pointer);
    if (previous && previous.virtual.text === policy.virtual.text) {
      unchanged++;
      continue;
    }
    const kind = policy.kind.kind;
    policies.push({ pointer, label: policy.policy.label, policyType: kind, change: previous ? 'changed' : 'added', ...diffAccess(previous ? previous.parse.document : EMPTY_POLICY, policy.parse.document, kind) });
  }
  for (const [pointer, policy] of before) {
    if (after.has(pointer)) continue;
    const kind = policy.kind.kind;
    policies.push({ pointer, label: policy.policy.label, policyType: kind, change: 'removed', ...diffAccess(policy.parse.document, EMPTY_POLICY, kind) });
  }
  const verdict: DiffVerdict = policies.some((p) => p.verdict === 'new-access') ? 'new-access' : policies.some((p) => p.verdict === 'undecided') ? 'undecided' : 'no-new-access';
  return { format: newer.format, verdict, policies, unchanged };
}
