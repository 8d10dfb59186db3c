/**
 * Test helper for the evaluator: a compact description of a request (policies as plain JSON, defaults
 * for principal, action and resource) turned into an `EvaluationRequest` with the policy ids the CLI
 * gives (`identityPolicies[0]`, `scps[1][0]`, ...).
 */
import type { ContextValue, EvaluationRequest, PolicyInput } from '../../../server/src/iam/evaluate/types';

export interface RequestSetup {
  principal?: string;
  action?: string;
  resource?: string;
  context?: Record<string, ContextValue>;
  principalAccount?: string;
  resourceAccount?: string;
  identity?: unknown[];
  resourcePolicy?: unknown;
  boundary?: unknown;
  session?: unknown;
  scps?: unknown[][];
  rcps?: unknown[][];
  principalIsManagementAccount?: boolean;
  resourceIsManagementAccount?: boolean;
}

/** The request a setup describes; `defaults` fill principal, action and resource when absent. */
export function requestFrom(s: RequestSetup, defaults: { principal: string; action: string; resource: string }): EvaluationRequest {
  const p = (id: string, document: unknown): PolicyInput => ({ id, document });
  return {
    principal: s.principal ?? defaults.principal,
    action: s.action ?? defaults.action,
    resource: s.resource ?? defaults.resource,
    ...(s.context ? { context: s.context } : {}),
    ...(s.principalAccount ? { principalAccount: s.principalAccount } : {}),
    ...(s.resourceAccount ? { resourceAccount: s.resourceAccount } : {}),
    ...(s.identity ? { identityPolicies: s.identity.map((d, i) => p(`identityPolicies[${i}]`, d)) } : {}),
    ...(s.resourcePolicy !== undefined ? { resourcePolicy: p('resourcePolicy', s.resourcePolicy) } : {}),
    ...(s.boundary !== undefined ? { permissionBoundary: p('permissionBoundary', s.boundary) } : {}),
    ...(s.session !== undefined ? { sessionPolicy: p('sessionPolicy', s.session) } : {}),
    ...(s.scps ? { scps: s.scps.map((level, i) => level.map((d, j) => p(`scps[${i}][${j}]`, d))) } : {}),
    ...(s.rcps ? { rcps: s.rcps.map((level, i) => level.map((d, j) => p(`rcps[${i}][${j}]`, d))) } : {}),
    ...(s.principalIsManagementAccount !== undefined ? { principalIsManagementAccount: s.principalIsManagementAccount } : {}),
    ...(s.resourceIsManagementAccount !== undefined ? { resourceIsManagementAccount: s.resourceIsManagementAccount } : {}),
  };
}
