/**
 * Concrete example requests inside a statement's reach: an action, a resource, a caller and a
 * context that satisfy the statement. The evaluator then says whether each policy allows them; an
 * example is only ever reported after the evaluator confirmed it.
 */
import { action as catalogAction, resourceType } from '../catalog/catalog';
import { deriveContext, type ContextValue } from '../evaluate';
import { matchWildcard } from '../arn/wildcard';
import { satisfyingContext } from './conditions';
import { identityCaller, type ExampleRequest } from './harness';
import { instancesOf } from './patterns';
import { callerOfArn, exampleCallers } from './principals';
import type { AccessStatement } from './statements';
import { isAccountId } from '../principals/principalParse';

/** Which resources an example draws from. */
export type ResourcePiece =
  | { readonly kind: 'pattern'; readonly pattern: string }
  | { readonly kind: 'not'; readonly patterns: readonly string[] }
  | { readonly kind: 'any' };

/** The piece as reports write it. */
export function pieceText(piece: ResourcePiece): string {
  if (piece.kind === 'pattern') return piece.pattern;
  if (piece.kind === 'not') return `not ${piece.patterns.join(', not ')}`;
  return '*';
}

/** The resource pieces of a statement: each `Resource` entry, the `NotResource` set, or any. */
export function piecesOf(statement: AccessStatement): ResourcePiece[] {
  if (!statement.resources) return [{ kind: 'any' }];
  if (statement.resources.not) return [{ kind: 'not', patterns: statement.resources.patterns }];
  return statement.resources.patterns.map((pattern) => ({ kind: 'pattern', pattern }));
}

/** ARNs of the resource types an action accepts, with placeholders filled. */
export function resourcesForAction(action: string, account: string): string[] {
  const info = catalogAction(action);
  const out: string[] = [];
  for (const type of info?.resourceTypes ?? []) {
    const rt = resourceType(info!.service, type.name);
    for (const template of rt?.arnTemplates ?? []) {
      const arn = template.replace(/\$\{([^}]*)\}/g, (_, name: string) => (name === 'Partition' ? 'aws' : name === 'Region' ? 'us-east-1' : name === 'Account' ? account : 'example'));
      if (!out.includes(arn)) out.push(arn);
    }
    if (out.length >= 2) break;
  }
  if (out.length === 0) out.push('*');
  return out;
}

/** The value an example gives a policy variable, recorded in the context. */
function variableResolver(context: Record<string, ContextValue>): (raw: string) => string {
  return (raw: string) => {
    const key = raw.split(',')[0]!.trim();
    if (key === '*' || key === '?' || key === '$') return key;
    const existing = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (existing && typeof existing[1] !== 'object') return String(existing[1]);
    context[key] = 'example';
    return 'example';
  };
}

function callerFromContext(context: Readonly<Record<string, ContextValue>>): string | undefined {
  const get = (name: string) => Object.entries(context).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const arn = get('aws:PrincipalArn');
  if (typeof arn === 'string' && /^arn:[^:]+:iam::\d{12}:(user|role)\//.test(arn) && !arn.includes('*')) {
    return callerOfArn(arn);
  }
  const account = get('aws:PrincipalAccount');
  if (typeof account === 'string' && isAccountId(account)) return `arn:aws:iam::${account}:user/example`;
  return undefined;
}

/** Options for example building. */
export interface ExampleSettings {
  /** True for resource-based policies, whose examples name a caller. */
  readonly resourceSide: boolean;
  /** The account of resources in examples. */
  readonly account: string;
  /** An account no policy names, for callers from anywhere. */
  readonly outsider: string;
  /** The resource of a role trust policy. */
  readonly roleArn: string;
  /** Context keys the example must carry (a method's `iam:PassedToService`, ...). */
  readonly fixed?: Readonly<Record<string, ContextValue>>;
  /** Resources to draw from instead of the statement's own (a check's `--resource`). */
  readonly resources?: readonly string[];
}

/** Candidate example requests for `action` inside `statement` and `piece`, most ordinary first. */
export function candidateExamples(statement: AccessStatement, action: string, piece: ResourcePiece, settings: ExampleSettings, limit = 6): ExampleRequest[] {
  const out: ExampleRequest[] = [];
  const base: Record<string, ContextValue> = {};
  const resolve = variableResolver(base);
  const contexts: Record<string, ContextValue>[] = [];
  const widest = Math.max(1, ...statement.conditions.map((c) => Math.min(c.values.length, 3)));
  for (let variant = 0; variant < widest; variant++) {
    const context = satisfyingContext(statement.conditions, settings.fixed ?? {}, resolve, variant);
    if (context && !contexts.some((c) => JSON.stringify(c) === JSON.stringify(context))) contexts.push(context);
  }
  if (contexts.length === 0) return out;
  let resources: string[];
  if (settings.resources) resources = settings.resources.flatMap((r) => instancesOf(r, resolve));
  else if (piece.kind === 'pattern' && piece.pattern !== '*') resources = instancesOf(piece.pattern, resolve);
  else if (piece.kind === 'any' && settings.roleArn && statement.resources === undefined && /^sts:/i.test(action)) resources = [settings.roleArn];
  else {
    resources = resourcesForAction(action, settings.account);
    if (piece.kind === 'not') {
      resources = resources.filter((r) => !piece.patterns.some((p) => matchWildcard(p, r, false)));
      if (resources.length === 0) resources = [`arn:aws:example:us-east-1:${settings.account}:example/example`];
    }
  }
  for (const context of contexts) {
    const merged = { ...context, ...base };
    // Identity-side examples name the caller the harness uses, so that they can be replayed as they are.
    for (const resource of resources) {
      const callers = settings.resourceSide ? [callerFromContext(merged), ...exampleCallers(statement.principal, settings.outsider)].filter((c): c is string => c !== undefined) : [identityCaller(resource)];
      for (const principal of callers) {
        const request = { principal, action, resource, context: merged, ...(settings.resourceSide ? { resourceAccount: settings.account } : {}) };
        const derived = settings.resourceSide ? deriveContext(request).context : merged;
        const owner = settings.resourceSide ? { resourceAccount: settings.account } : {};
        out.push({ action, resource, context: derived, principal, ...owner });
        if (settings.resourceSide && Object.keys(derived).length !== Object.keys(merged).length) out.push({ action, resource, context: merged, principal, ...owner });
        if (out.length >= limit * contexts.length) return out;
      }
    }
  }
  return out;
}
