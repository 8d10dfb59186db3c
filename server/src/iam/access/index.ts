/**
 * The access analyses: who a resource-based or trust policy lets in, what risks an identity policy
 * carries, what a change grants or removes, and the offline policy checks. Pure: no I/O.
 */
export { ACCESS_CODES } from './accessCodes';
export { accessFindings } from './accessFindings';
export { analyzeExternalAccess, type ExternalAccessOptions } from './externalAccess';
export { analyzeRisks } from './risks';
export { RISK_METHODS, type RiskFamily } from './riskMethods';
export { diffAccess, checkNotGranted, checkNoPublicAccess, type AccessDiff, type PolicyCheck } from './accessDiff';
export type { AccessGroup } from './excess';
export type { ExampleRequest } from './harness';
