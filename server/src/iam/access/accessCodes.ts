/**
 * The diagnostic codes of the access analyses. Their facts (category, title, description,
 * resolution) live in the rule registry (validate/engine/registry.ts) like every other code; this
 * module names them for the analyses. These are our own codes: Access Analyzer reports external access
 * as findings of a deployed resource, not as policy checks, so no code of its policy-check reference
 * applies.
 */
import { ruleFor, type RuleMeta } from '../validate/engine/registry';

/** The codes `accessFindings` may report. */
const CODES = ['PUBLIC_ACCESS', 'CROSS_ACCOUNT_ACCESS', 'SERVICE_ACCESS_WITHOUT_SOURCE', 'PRIVILEGE_ESCALATION', 'RESOURCE_EXPOSURE', 'CREDENTIAL_EXPOSURE'] as const;

export type AccessCodeName = (typeof CODES)[number];

function registryEntry(code: AccessCodeName): RuleMeta {
  const rule = ruleFor(code);
  if (!rule) throw new Error(`the rule registry has no registryEntry for ${code}`);
  return rule;
}

/** Every code `accessFindings` may report, by name. */
export const ACCESS_CODES: Readonly<Record<AccessCodeName, RuleMeta>> = Object.fromEntries(CODES.map((code) => [code, registryEntry(code)])) as Record<AccessCodeName, RuleMeta>;
