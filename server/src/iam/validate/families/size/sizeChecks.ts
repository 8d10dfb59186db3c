/**
 * Check family `size`: policy size against the quota of the policy's kind (counting in document/policySize.ts). Access
 * Analyzer policy check reference: "Policy size exceeds identity policy quota", "... role trust
 * policy quota", "... SCP quota" and "... RCP quota". Resource policies have per-service quotas and
 * no resource type is known here, so POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA is not reported.
 * AWS managed policies are exempt from the customer managed quota (context.options.awsManaged).
 */
import { policySize, SIZE_QUOTAS } from '../../../document/policySize';
import type { PolicyKind } from '../../../document/policyKind';
import type { CheckContext, CheckFamily } from '../../engine/checkContext';

const CODE_BY_KIND: Readonly<Partial<Record<PolicyKind, string>>> = {
  identity: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  boundary: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  trust: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
  scp: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
  rcp: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
  session: 'POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA',
};

function advice(kind: PolicyKind): string {
  switch (kind) {
    case 'trust':
      return 'request a higher role trust policy length quota in Service Quotas, or ignore this if it was already raised.';
    case 'session':
      return 'STS rejects longer session policies; pass a managed session policy ARN or shorten the policy.';
    case 'scp':
    case 'rcp':
      return 'white space counts too: remove it, or split the statements into several policies.';
    default:
      return 'split the statements into several smaller policies.';
  }
}

/** Reports the size finding on the document's opening brace. */
function checkPolicySize(context: CheckContext): void {
  if (context.options.awsManaged) return;
  const code = CODE_BY_KIND[context.kind];
  const root = context.document.root;
  if (!code || !root) return;
  // The count never exceeds the text's length, so a text within the quota needs no count (most do).
  const limit = SIZE_QUOTAS[context.kind];
  if (limit === undefined || context.text.length <= limit) return;
  const { characters, quota } = policySize(context.text, context.kind);
  if (quota === undefined || characters <= quota) return;
  const counted = context.kind === 'scp' || context.kind === 'rcp' ? 'characters' : 'characters, excluding white space,';
  context.report(code, { offset: root.offset, length: 1 }, `The policy has ${characters} ${counted} over the ${quota}-character quota: ${advice(context.kind)}`);
}

/** The size family. */
export const sizeChecks: CheckFamily = {
  name: 'size',
  check: checkPolicySize,
};
