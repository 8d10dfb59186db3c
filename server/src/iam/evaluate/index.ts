/**
 * The evaluator's public API: `evaluate`, `deriveContext` and `parseSimulationRequest`, plus the
 * request and answer types (and, for the access analyses, `evaluateDecision` and `statementMayApply`). Everything else in this folder is an implementation detail.
 */
export { evaluate, evaluateDecision } from './evaluator';
export type { EvaluateOptions } from './evaluator';
export { StatementMemo } from './statementMemo';
export { statementMayApply } from './policyEvaluation';
export { deriveContext } from './deriveContext';
export { parseSimulationRequest } from './simulationRequest';
export type * from './types';
