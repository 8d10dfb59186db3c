/**
 * Authoring from evidence: the public API of this folder. Pure (no I/O): reading AccessDenied
 * messages and explaining them with a verified fix, generating least-privilege policies from
 * actions, messages or CloudTrail records, and statement coverage of policy tests.
 */
export { parseAccessDenied, isAccessDeniedProblem, identityArnOf, type AccessDeniedMessage } from './accessDenied';
export { aPolicyOf, applyFixEdits, explainDenial, fixEdits, policyTypeLabel, type DenialExplanation } from './explainDenied';
export { generatePolicy, type GenerateRequest } from './generatePolicy';
export { generateFromTexts, type GenerateSource } from './generateInput';
export { normalizeDenied, scenarioDefinesCaller, scenarioDenialRequest, type FixTarget } from './deniedRequest';
export { fixPolicyName, targetFixEdits } from './templateFixEdits';
export { isTemplateText, templateCallerScenario } from './templateCaller';
export { actionForEvent, requestsFromCloudTrail } from './cloudTrail';
export { statementCoverage } from './coverage';
