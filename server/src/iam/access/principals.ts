/**
 * Principal elements as sets of callers: containment, possible overlap and example callers, with
 * the evaluator's matching rules ("AWS JSON policy elements: Principal" and "NotPrincipal"; see
 * `iam/evaluate/principal.ts`). In `Principal` an account delegates to every principal of the
 * account and a role ARN names the role's sessions; in `NotPrincipal` an entry spares only the
 * principal it names.
 */
import type { PrincipalSet, AccessPrincipalValue } from './statements';
import { parsePrincipalValue } from '../principals/principalParse';

/** The account of an `AWS` principal value (an account id or an ARN), if it names one. */
export function accountOfPrincipal(value: string): string | undefined {
  return parsePrincipalValue('AWS', value).account;
}

/** True for an account id or an account root ARN. */
function isAccountValue(value: string): boolean {
  const kind = parsePrincipalValue('AWS', value).kind;
  return kind === 'accountId' || kind === 'accountRoot';
}

function sameValue(a: AccessPrincipalValue, b: AccessPrincipalValue): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'AWS') {
    if (isAccountValue(a.value) && isAccountValue(b.value)) return accountOfPrincipal(a.value) === accountOfPrincipal(b.value);
    return a.value === b.value;
  }
  return a.value.toLowerCase() === b.value.toLowerCase();
}

/** Whether the callers one `Principal` value names are all named by `outer` (a `Principal` element). */
function principalValueWithin(value: AccessPrincipalValue, outer: PrincipalSet): boolean {
  if (outer.any) return true;
  if (value.value === '*') return outer.values.some((o) => o.type === value.type && o.value === '*');
  return outer.values.some((o) => {
    if (sameValue(value, o)) return true;
    if (o.type === 'Service' && o.value === '*' && value.type === 'Service') return true;
    // An account in `Principal` covers every principal of that account.
    return value.type === 'AWS' && o.type === 'AWS' && isAccountValue(o.value) && accountOfPrincipal(o.value) === accountOfPrincipal(value.value) && accountOfPrincipal(o.value) !== undefined;
  });
}

/**
 * True when every caller `inner` applies to, `outer` applies to too. Undefined elements (policies
 * without principals) apply to every caller.
 */
export function principalsWithin(inner: PrincipalSet | undefined, outer: PrincipalSet | undefined): boolean {
  if (!outer) return true;
  if (!inner) return !outer.not && outer.any;
  if (!outer.not) {
    if (outer.any) return true;
    if (inner.not || inner.any) return false;
    return inner.values.every((v) => principalValueWithin(v, outer));
  }
  // outer = everyone except the principals it names exactly.
  if (inner.not) return outer.values.every((o) => inner.values.some((i) => i.type === o.type && i.value === o.value));
  if (inner.any) return outer.values.length === 0;
  // A named principal is outside what `outer` spares unless `outer` names it exactly.
  return inner.values.every((v) => !outer.values.some((o) => o.type === v.type && (o.value === v.value || o.value === '*' || (v.type === 'AWS' && (isAccountValue(v.value) || accountOfPrincipal(o.value) === accountOfPrincipal(v.value))))));
}

/** False only when no caller can be in both elements. */
export function principalsMayOverlap(a: PrincipalSet | undefined, b: PrincipalSet | undefined): boolean {
  if (!a || !b || a.any || b.any || a.not || b.not) return true;
  return a.values.some((x) =>
    b.values.some((y) => {
      if (x.type !== y.type) return false;
      if (x.value === '*' || y.value === '*') return true;
      if (x.type !== 'AWS') return x.value.toLowerCase() === y.value.toLowerCase();
      const ax = accountOfPrincipal(x.value);
      const ay = accountOfPrincipal(y.value);
      return ax === undefined || ay === undefined || ax === ay;
    }),
  );
}

/** A caller named by one principal value, for example requests. */
function exampleCaller(value: AccessPrincipalValue, outsider: string): string {
  if (value.type !== 'AWS') return value.value;
  if (value.value === '*') return `arn:aws:iam::${outsider}:user/example`;
  if (isAccountValue(value.value)) return `arn:aws:iam::${accountOfPrincipal(value.value)}:user/example`;
  return callerOfArn(value.value);
}

/**
 * The caller an identity ARN stands for in example requests: a role acts through its sessions
 * (IAM User Guide, "AWS JSON policy elements: Principal", "IAM role principals"), so a role ARN
 * becomes the session `arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/example`; other ARNs are callers
 * themselves.
 */
export function callerOfArn(arn: string): string {
  const parts = arn.split(':');
  const resource = parts.slice(5).join(':');
  if (parts[2] === 'iam' && resource.startsWith('role/')) return `arn:${parts[1]}:sts::${parts[4]}:assumed-role/${resource.slice(resource.lastIndexOf('/') + 1)}/example`;
  return arn;
}

/** Example callers of a `Principal` element, most ordinary first. */
export function exampleCallers(set: PrincipalSet | undefined, outsider: string): string[] {
  if (!set || set.any) return [`arn:aws:iam::${outsider}:user/example`, '*'];
  const out: string[] = [];
  for (const value of set.values) {
    const caller = exampleCaller(value, outsider);
    if (!out.includes(caller)) out.push(caller);
  }
  return out;
}
