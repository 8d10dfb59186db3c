/**
 * The diagnostic codes of the access analyses, one table: code, category (Access Analyzer's
 * categories, which decide default severities), title and a one-line description. These are our own
 * codes; Access Analyzer reports external access as findings of a deployed resource, not as policy
 * checks, so no code of its policy-check reference applies.
 */
import type { FindingCategory } from '../validate/findings';

/** One code of the access analyses. */
export interface AccessCode {
  readonly code: string;
  readonly category: FindingCategory;
  readonly title: string;
  readonly description: string;
}

/** Every code `accessFindings` may report. */
export const ACCESS_CODES = {
  PUBLIC_ACCESS: { code: 'PUBLIC_ACCESS', category: 'SECURITY_WARNING', title: 'Public access', description: 'A resource-based or trust policy statement lets in anyone: every principal, or every user of an identity provider, with no condition that bounds them.' },
  CROSS_ACCOUNT_ACCESS: { code: 'CROSS_ACCOUNT_ACCESS', category: 'SUGGESTION', title: 'Cross-account access', description: 'A resource-based or trust policy statement lets in principals of other accounts, named in the principal or in a bounding condition.' },
  SERVICE_ACCESS_WITHOUT_SOURCE: { code: 'SERVICE_ACCESS_WITHOUT_SOURCE', category: 'SUGGESTION', title: 'Service access without a source', description: 'A resource-based policy statement lets in an AWS service without `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID`, so the service may act for any account (the confused deputy problem).' },
  PRIVILEGE_ESCALATION: { code: 'PRIVILEGE_ESCALATION', category: 'SECURITY_WARNING', title: 'Privilege escalation', description: 'An identity policy gives a published privilege-escalation method: the holder can give itself more permissions.' },
  RESOURCE_EXPOSURE: { code: 'RESOURCE_EXPOSURE', category: 'SECURITY_WARNING', title: 'Resource exposure', description: 'An identity policy allows rewriting resource policies or ACLs on resources it does not name, which can open them to other accounts or the public.' },
  CREDENTIAL_EXPOSURE: { code: 'CREDENTIAL_EXPOSURE', category: 'SUGGESTION', title: 'Credential exposure', description: 'An identity policy allows actions that return credentials, on resources it does not name.' },
} as const satisfies Record<string, AccessCode>;

/** The codes as a list, for registries. */
export const ACCESS_CODE_LIST: readonly AccessCode[] = Object.values(ACCESS_CODES);
