/**
 * The access analyses: who a resource-based or trust policy lets in, what risks an identity policy
 * carries, what a change grants or removes, and the offline policy checks. Pure: no I/O.
 */
export { ACCESS_CODES, ACCESS_CODE_LIST, type AccessCode } from './accessCodes';
export { accessFindings, type AccessFindingOptions } from './accessFindings';
export { analyzeExternalAccess, type ExternalAccessAnalysis, type ExternalAccessOptions, type StatementAccess } from './externalAccess';
export { analyzeRisks, type RiskResult, type RiskOptions } from './risks';
export { RISK_METHODS, type RiskMethod, type RiskStep, type RiskFamily } from './riskMethods';
export { diffAccess, checkNotGranted, checkNoPublicAccess, type AccessDiff, type DiffVerdict, type PolicyCheck, type CheckFinding, type CheckResult } from './accessDiff';
export type { AccessGroup, UndecidedGroup } from './excess';
export type { ExampleRequest } from './harness';
