/**
 * `parseSimulationRequest(json)`: checks the JSON request that `iam-policy simulate` reads and turns
 * it into an `EvaluationRequest`, giving each policy an id such as `identityPolicies[0]` or
 * `scps[1][0]`. Errors name the field, e.g. "identityPolicies[1]: expected an object".
 */
import type { ContextValue, EvaluationRequest, PolicyInput } from './types';
import { isJsonObject } from '../document/model';
import { isAccountId } from '../principals/principalParse';

/** The result of reading a request: a request when there were no errors. */
export interface ParsedSimulationRequest {
  readonly request?: EvaluationRequest;
  readonly errors: string[];
  /** Things that were ignored (unknown fields, empty placeholder policies); the answer carries them. */
  readonly warnings?: string[];
}

const KNOWN_FIELDS = new Set([
  'principal', 'action', 'resource', 'context', 'principalAccount', 'resourceAccount',
  'identityPolicies', 'resourcePolicy', 'permissionBoundary', 'scps', 'rcps', 'sessionPolicy',
  'principalIsManagementAccount', 'resourceIsManagementAccount',
]);

const REQUIRED_FIELDS = new Set(['principal', 'action', 'resource']);

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Validates and converts one simulate request. */
export function parseSimulationRequest(json: unknown): ParsedSimulationRequest {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isJsonObject(json)) return { errors: ['request: expected an object'] };
  // Unknown fields (names, comments, expected answers kept next to a request) are ignored, not
  // fatal, so that annotated request files still run; the answer lists them as warnings.
  // `null` means "not given" for every optional field.
  for (const key of Object.keys(json)) {
    if (!KNOWN_FIELDS.has(key)) warnings.push(`request field \`${key}\` is not used by the evaluator and was ignored`);
    if (json[key] === null && !REQUIRED_FIELDS.has(key)) delete json[key];
  }
  const str = (field: string, required: boolean): string | undefined => {
    const value = json[field];
    if (value === undefined) {
      if (required) errors.push(`${field}: required, expected a string`);
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      errors.push(`${field}: expected a non-empty string`);
      return undefined;
    }
    return value;
  };
  const bool = (field: string): boolean | undefined => {
    const value = json[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      errors.push(`${field}: expected true or false`);
      return undefined;
    }
    return value;
  };
  const policy = (value: unknown, id: string): PolicyInput | undefined => {
    if (!isJsonObject(value)) {
      errors.push(`${id}: expected an object`);
      return undefined;
    }
    // An empty object is a placeholder for "no policy" (as in the documented request shape), not a
    // policy without statements, which IAM would reject anyway.
    if (Object.keys(value).length === 0) {
      warnings.push(`${id} is an empty object and was treated as absent`);
      return undefined;
    }
    return { id, document: value };
  };
  const policyList = (field: string, value: unknown): PolicyInput[] | undefined => {
    if (!Array.isArray(value)) {
      errors.push(`${field}: expected an array of policy objects`);
      return undefined;
    }
    const out: PolicyInput[] = [];
    value.forEach((item, i) => {
      const p = policy(item, `${field}[${i}]`);
      if (p) out.push(p);
    });
    return out;
  };
  const levels = (field: string): PolicyInput[][] | undefined => {
    const value = json[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      errors.push(`${field}: expected an array of levels, each an array of policy objects (root first)`);
      return undefined;
    }
    const out: PolicyInput[][] = [];
    value.forEach((level, i) => {
      const list = policyList(`${field}[${i}]`, level);
      // A level made only of placeholders is no level at all.
      if (list && (list.length > 0 || (Array.isArray(level) && level.length === 0))) out.push(list);
    });
    return out.length > 0 ? out : undefined;
  };

  const principal = str('principal', true);
  const action = str('action', true);
  const resource = str('resource', true);
  if (action !== undefined && !/^[^:\s]+:[^:\s]+$/.test(action)) errors.push('action: expected `service:Action`, e.g. `s3:GetObject`');
  const principalAccount = str('principalAccount', false);
  const resourceAccount = str('resourceAccount', false);
  if (principalAccount !== undefined && !isAccountId(principalAccount)) errors.push('principalAccount: expected a 12-digit account id');
  if (resourceAccount !== undefined && !isAccountId(resourceAccount)) errors.push('resourceAccount: expected a 12-digit account id');

  let context: Record<string, ContextValue> | undefined;
  if (json['context'] !== undefined) {
    if (!isJsonObject(json['context'])) errors.push('context: expected an object of context keys');
    else {
      context = {};
      const given = json['context'];
      for (const key of Object.keys(given)) {
        const value = given[key];
        if (isScalar(value)) context[key] = value;
        else if (Array.isArray(value) && value.every(isScalar)) context[key] = value;
        else errors.push(`context.${key}: expected a string, number, boolean or an array of them`);
      }
    }
  }

  const identityPolicies = json['identityPolicies'] === undefined ? undefined : policyList('identityPolicies', json['identityPolicies']);
  const resourcePolicy = json['resourcePolicy'] === undefined ? undefined : policy(json['resourcePolicy'], 'resourcePolicy');
  const permissionBoundary = json['permissionBoundary'] === undefined ? undefined : policy(json['permissionBoundary'], 'permissionBoundary');
  const sessionPolicy = json['sessionPolicy'] === undefined ? undefined : policy(json['sessionPolicy'], 'sessionPolicy');
  const scps = levels('scps');
  const rcps = levels('rcps');
  const principalIsManagementAccount = bool('principalIsManagementAccount');
  const resourceIsManagementAccount = bool('resourceIsManagementAccount');

  if (errors.length > 0 || principal === undefined || action === undefined || resource === undefined) return { errors, warnings };
  // Set field by field rather than spread from conditional objects: a batch reads thousands of requests.
  const request: { -readonly [K in keyof EvaluationRequest]: EvaluationRequest[K] } = { principal, action, resource };
  if (context) request.context = context;
  if (principalAccount) request.principalAccount = principalAccount;
  if (resourceAccount) request.resourceAccount = resourceAccount;
  if (identityPolicies) request.identityPolicies = identityPolicies;
  if (resourcePolicy) request.resourcePolicy = resourcePolicy;
  if (permissionBoundary) request.permissionBoundary = permissionBoundary;
  if (sessionPolicy) request.sessionPolicy = sessionPolicy;
  if (scps) request.scps = scps;
  if (rcps) request.rcps = rcps;
  if (principalIsManagementAccount !== undefined) request.principalIsManagementAccount = principalIsManagementAccount;
  if (resourceIsManagementAccount !== undefined) request.resourceIsManagementAccount = resourceIsManagementAccount;
  return { request, errors, warnings };
}
