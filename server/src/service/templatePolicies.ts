/**
 * Access Analyzer's custom checks and the policy summary for a template (CloudFormation/SAM,
 * Terraform), policy by policy, each policy with the kind its place gives it. One implementation
 * for `iam-policy check` / `iam-policy summary` and the MCP tools `check_*` / `summarize_policy`.
 */
import type { PolicyCheck } from '../iam/access';
import type { PolicyDocument } from '../iam/document/model';
import type { PolicyKind } from '../iam/document/policyKind';
import type { HostAnalysis } from '../iam/sources/hostDocument';
import { summarizeAccess, type AccessSummary } from '../iam/summary/accessSummary';
import { summarizePolicy, type PolicySummary } from '../iam/summary/policySummary';

type CheckResult = PolicyCheck['result'];

/** FAIL when one is FAIL, else UNDECIDED when one is, else PASS (PASS for none). */
export function worstResult(items: readonly { readonly result: CheckResult }[]): CheckResult {
  return items.some((c) => c.result === 'FAIL') ? 'FAIL' : items.some((c) => c.result === 'UNDECIDED') ? 'UNDECIDED' : 'PASS';
}

/** One policy of a template and the checks run on it. */
export interface TemplatePolicyChecks {
  readonly pointer: string;
  readonly label: string;
  readonly policyType: PolicyKind;
  readonly result: CheckResult;
  readonly checks: readonly PolicyCheck[];
}

/** One check over the whole template: every policy's findings and undecided entries, each naming its `policy` (pointer). */
export interface TemplateCheck {
  readonly check: PolicyCheck['check'];
  readonly result: CheckResult;
  readonly findings: ReadonlyArray<PolicyCheck['findings'][number] & { readonly policy: string }>;
  readonly undecided: ReadonlyArray<PolicyCheck['undecided'][number] & { readonly policy: string }>;
}

/** Runs `run` on every policy of the template, with the kind of its place. */
export function checkTemplatePolicies(host: HostAnalysis, run: (document: PolicyDocument, kind: PolicyKind) => PolicyCheck[]): TemplatePolicyChecks[] {
  return host.policies.map((embedded) => {
    const checks = run(embedded.parse.document, embedded.kind.kind);
    return { pointer: embedded.policy.pointer, label: embedded.policy.label, policyType: embedded.kind.kind, result: worstResult(checks), checks };
  });
}

/** The template's policies' results of one check, merged (in the order of the policies). */
export function templateCheck(policies: readonly TemplatePolicyChecks[], name: PolicyCheck['check']): TemplateCheck {
  const own = policies.flatMap((p) => p.checks.filter((c) => c.check === name).map((check) => ({ policy: p.pointer, check })));
  return {
    check: name,
    result: worstResult(own.map((o) => o.check)),
    findings: own.flatMap((o) => o.check.findings.map((f) => ({ policy: o.policy, ...f }))),
    undecided: own.flatMap((o) => o.check.undecided.map((u) => ({ policy: o.policy, ...u }))),
  };
}

/** One policy of a template, summarised. */
export interface TemplatePolicySummary {
  readonly pointer: string;
  readonly label: string;
  readonly policyType: PolicyKind;
  readonly summary: PolicySummary;
  readonly access: AccessSummary;
}

/**
 * Summarises every policy of the template. `account` owns the resources when given; else the
 * account the template deploys into does (`${AWS::AccountId}`, Terraform's caller identity).
 */
export function summarizeTemplatePolicies(host: HostAnalysis, account?: string): TemplatePolicySummary[] {
  return host.policies.map((embedded) => {
    const policyType = embedded.kind.kind;
    const options = account ? { ownerAccount: account } : embedded.hostAccount ? { hostAccount: embedded.hostAccount } : {};
    return { pointer: embedded.policy.pointer, label: embedded.policy.label, policyType, summary: summarizePolicy(embedded.parse.document), access: summarizeAccess(embedded.parse.document, policyType, options) };
  });
}
