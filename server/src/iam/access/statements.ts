/**
 * Policies as the access analyses read them: each statement reduced to its effect, action, resource
 * and principal sets and its conditions, read from the same JSON the evaluator reads. A statement
 * the evaluator would refuse (and so never apply) is marked unreadable with the reason; the rules
 * mirror `iam/evaluate/policyEvaluation.ts` so that what is analysed is what is evaluated.
 */
import { getNodeValue } from 'jsonc-parser';
import type { PolicyDocument } from '../document/model';
import type { PolicyKind } from '../document/policyKind';
import { evaluatedOperator } from './conditions';
import { readConditionValues } from '../evaluate/conditions/conditionEvaluation';

/** An action or resource element: the patterns and whether they are the `Not...` form. */
export interface PatternSet {
  readonly not: boolean;
  readonly patterns: readonly string[];
}

/** One entry of a principal element, e.g. `{type: 'AWS', value: '111122223333'}`. */
export interface AccessPrincipalValue {
  readonly type: string;
  readonly value: string;
}

/** A `Principal` or `NotPrincipal` element. */
export interface PrincipalSet {
  readonly not: boolean;
  /** True for `"*"` and for an `AWS` entry `"*"`: every principal. */
  readonly any: boolean;
  readonly values: readonly AccessPrincipalValue[];
}

/** One condition: operator as written, key, values as strings. */
export interface ConditionClause {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** One statement, normalised. */
export interface AccessStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: PatternSet;
  /** Undefined when the statement has no resource element (a role trust policy): every resource. */
  readonly resources?: PatternSet;
  /** Undefined for policies that name no principals. */
  readonly principal?: PrincipalSet;
  readonly conditions: readonly ConditionClause[];
  /** The statement as JSON, for the evaluator. */
  readonly json: Record<string, unknown>;
}

/** A statement the evaluator would not apply, with the reason. */
export interface UnreadableStatement {
  readonly index: number;
  readonly reason: string;
}

/** A whole policy, normalised. */
export interface AccessPolicy {
  /** The policy as JSON, for the evaluator (undefined when the text is not a JSON object). */
  readonly json?: Record<string, unknown>;
  readonly statements: readonly AccessStatement[];
  readonly unreadable: readonly UnreadableStatement[];
  /** True when the policy's `Version` is `2012-10-17`, so policy variables are resolved. */
  readonly variables: boolean;
}

/** True for the kinds whose statements name principals (resource-based policies and RCPs). */
function statementNamesPrincipals(kind: PolicyKind): boolean {
  return kind === 'resource' || kind === 'trust' || kind === 'rcp';
}

function stringValuesOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function readPrincipal(raw: unknown, not: boolean): PrincipalSet | string {
  if (raw === '*') return { not, any: true, values: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'the principal element must be `"*"` or an object';
  const values: AccessPrincipalValue[] = [];
  let any = false;
  for (const [type, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (!PRINCIPAL_TYPES.has(type)) return `\`${type}\` is not a principal type`;
    const list = stringValuesOf(entry);
    if (!list) return `\`${type}\` must be a string or an array of strings`;
    for (const value of list) {
      if (type === 'AWS' && value === '*') any = true;
      values.push({ type, value });
    }
  }
  return { not, any, values };
}

/** Reads one statement as the evaluator would, or returns why it would not apply. */
function readStatement(raw: unknown, index: number, kind: PolicyKind): AccessStatement | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'a statement must be a JSON object';
  const s = raw as Record<string, unknown>;
  const effect = s['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') return '`Effect` must be `Allow` or `Deny`';
  const hasAction = 'Action' in s;
  if (hasAction === 'NotAction' in s) return 'a statement needs exactly one of `Action` and `NotAction`';
  const actionList = stringValuesOf(hasAction ? s['Action'] : s['NotAction']);
  if (!actionList) return 'the action element must be a string or an array of strings';
  const hasResource = 'Resource' in s;
  const hasNotResource = 'NotResource' in s;
  let resources: PatternSet | undefined;
  if (hasResource && hasNotResource) return 'a statement cannot have both `Resource` and `NotResource`';
  if (hasResource || hasNotResource) {
    const list = stringValuesOf(hasResource ? s['Resource'] : s['NotResource']);
    if (!list) return 'the resource element must be a string or an array of strings';
    resources = { not: !hasResource, patterns: list };
  } else if (kind !== 'resource' && kind !== 'trust') return 'a statement needs `Resource` or `NotResource`';
  let principal: PrincipalSet | undefined;
  const hasPrincipal = 'Principal' in s;
  const hasNotPrincipal = 'NotPrincipal' in s;
  if (statementNamesPrincipals(kind)) {
    if (hasPrincipal === hasNotPrincipal) return 'a statement of a resource-based policy needs exactly one of `Principal` and `NotPrincipal`';
    if (hasNotPrincipal && (kind === 'rcp' || kind === 'trust')) return '`NotPrincipal` is not supported here';
    if (hasNotPrincipal && effect !== 'Deny') return '`NotPrincipal` is supported only with `Deny`';
    const read = readPrincipal(hasPrincipal ? s['Principal'] : s['NotPrincipal'], hasNotPrincipal);
    if (typeof read === 'string') return read;
    principal = read;
  } else if (hasPrincipal || hasNotPrincipal) return 'this kind of policy cannot name principals';
  const conditions: ConditionClause[] = [];
  if ('Condition' in s) {
    const block = s['Condition'];
    if (typeof block !== 'object' || block === null || Array.isArray(block)) return '`Condition` must be an object';
    for (const [operator, keys] of Object.entries(block as Record<string, unknown>)) {
      if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) return `\`${operator}\` must map condition keys to values`;
      const parsed = evaluatedOperator(operator);
      if ('error' in parsed) return parsed.error;
      for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
        const list = readConditionValues(values);
        if (!list) return `\`${operator}\` \`${key}\`: values must be strings, numbers or booleans`;
        conditions.push({ operator, key, values: list });
      }
    }
  }
  return {
    index,
    ...(typeof s['Sid'] === 'string' ? { sid: s['Sid'] as string } : {}),
    effect,
    actions: { not: !hasAction, patterns: actionList },
    ...(resources ? { resources } : {}),
    ...(principal ? { principal } : {}),
    conditions,
    json: s,
  };
}

/** Normalises a policy given as parsed JSON. */
function readPolicyJson(json: unknown, kind: PolicyKind): AccessPolicy {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { statements: [], unreadable: [{ index: 0, reason: 'the policy must be a JSON object' }], variables: false };
  const record = json as Record<string, unknown>;
  const raw = record['Statement'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: AccessStatement[] = [];
  const unreadable: UnreadableStatement[] = [];
  list.forEach((item, index) => {
    const read = readStatement(item, index, kind);
    if (typeof read === 'string') unreadable.push({ index, reason: read });
    else statements.push(read);
  });
  return { json: record, statements, unreadable, variables: record['Version'] === '2012-10-17' };
}

/** Normalises a parsed policy document (the model keeps the JSON tree). */
export function readPolicyDocument(document: PolicyDocument, kind: PolicyKind): AccessPolicy {
  const json = document.root ? (getNodeValue(document.root) as unknown) : undefined;
  return readPolicyJson(json, kind);
}

/** Names a statement in messages: `statement \`Sid\` (index 2)` or `statement 2`. */
export function statementLabel(statement: { index: number; sid?: string }): string {
  return statement.sid ? `statement \`${statement.sid}\` (index ${statement.index})` : `statement ${statement.index}`;
}
