/**
 * The evaluator's public API: `evaluate`, `deriveContext` and `parseSimulationRequest`, plus the
 * request and answer types. Everything else in this folder is an implementation detail.
 */
export { evaluate, type EvaluateOptions } from './evaluator';
export { deriveContext, type DerivedContext } from './deriveContext';
export { parseSimulationRequest, type ParsedSimulationRequest } from './simulationRequest';
export type * from './types';
