/**
 * Authoring from evidence: the public API of this folder. Pure (no I/O): reading AccessDenied
 * messages and explaining them with a verified fix, generating least-privilege policies from
 * actions, messages or CloudTrail records, and statement coverage of policy tests.
 */
export { parseAccessDenied, isAccessDeniedProblem, principalTypeOf, identityArnOf, type AccessDeniedMessage, type AccessDeniedProblem, type DeniedPolicyType, type DeniedPrincipalType } from './accessDenied';
export { applyFixEdits, arnForNamedResource, explainDenial, fixEdits, policyTypeLabel, type DenialExplanation, type FixEdit, type DenyingPolicy, type ExplainOptions, type FixVerification, type ProposedFix } from './explainDenied';
export { generatePolicy, type CompactWildcard, type GenerateOptions, type GenerateRequest, type GeneratedPolicy, type GeneratedStatement } from './generatePolicy';
export { actionForEvent, cloudTrailRecords, requestsFromCloudTrail } from './cloudTrail';
export { statementCoverage, type PolicyCoverage, type StatementCoverage } from './coverage';
