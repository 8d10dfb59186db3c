/**
 * The access one policy grants that another does not: the engine behind `iam-policy diff` and
 * `iam-policy check --not-granted`.
 *
 * Soundness comes from proof, not sampling. For every `Allow` statement S of the first policy, per
 * group of actions that the same statements of both policies name (a signature), and per resource
 * entry of S, the access is proved to be granted by the second policy when one of its `Allow`
 * statements T names those actions, contains the resource entry and the principals, and has
 * conditions that S's conditions imply; and every `Deny` of the second policy that may touch it is
 * matched by a `Deny` of the first policy that is at least as broad. What is not proved is either
 * confirmed as new access by an example request that the evaluator allows under the first policy and
 * not under the second, or reported as undecided with the reason. So "nothing more" is never said
 * when a request exists that the first policy allows and the second does not, within the action
 * universe of `ActionSpace` (the catalog plus the names the policies use).
 */
import type { PolicyKind } from '../document/policyKind';
import { servicesOf, type ActionSpace } from './actionSpace';
import type { ContextValue } from '../evaluate';
import { conditionsImply, conditionsJson, violatingContext } from './conditions';
import { candidateExamples, pieceText, piecesOf, type ResourcePiece } from './examples';
import { isResourceSide, judge, type ExampleRequest } from './harness';
import { mayOverlap, patternWithin } from './patterns';
import { principalsMayOverlap, principalsWithin } from './principals';
import type { AccessPolicy, AccessStatement, PatternSet, PrincipalSet } from './statements';

/** One group of access that one policy grants and the other does not. */
export interface AccessGroup {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** For resource-based policies: the principals of the granting statement, as written. */
  readonly principals?: readonly string[];
  /** The index of the granting statement in the policy that grants the access. */
  readonly statement: number;
  /** A request that the granting policy allows and the other does not, confirmed by the evaluator. */
  readonly example: ExampleRequest;
}

/** Access that could not be decided. */
export interface UndecidedGroup {
  readonly reason: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly statement: number;
}

/** What the engine found. */
export interface ExcessResult {
  readonly groups: readonly AccessGroup[];
  readonly undecided: readonly UndecidedGroup[];
  /** Evaluator calls made, for benchmarks. */
  readonly evaluations: number;
}

/** Where to look: the whole policy, or some actions and resources (a check). */
export interface ExcessScope {
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
}

/** Settings shared by both directions of a diff. */
export interface ExcessSettings {
  readonly kind: PolicyKind;
  readonly space: ActionSpace;
  /** The account of resources (identity side) or the resource owner (resource side). */
  readonly owner: string;
  readonly outsider: string;
}

const ALLOW_EVERYTHING: AccessStatement = {
  index: -1,
  effect: 'Allow',
  actions: { not: false, patterns: ['*'] },
  resources: { not: false, patterns: ['*'] },
  conditions: [],
  json: {},
};

/**
 * The statements that grant, for a kind: RCPs grant nothing themselves (AWS attaches
 * RCPFullAWSAccess, which cannot be detached, and the evaluator ignores other RCP `Allow`
 * statements), so an RCP is read as "allow everything" minus its denies.
 */
function allowsOf(policy: AccessPolicy, kind: PolicyKind): AccessStatement[] {
  if (kind === 'rcp') return [{ ...ALLOW_EVERYTHING, principal: { not: false, any: true, values: [] } }];
  return policy.statements.filter((s) => s.effect === 'Allow');
}

function deniesOf(policy: AccessPolicy): AccessStatement[] {
  return policy.statements.filter((s) => s.effect === 'Deny');
}

/** Whether every resource of `piece` is matched by the resource element `outer`. */
export function pieceWithin(piece: ResourcePiece, outer: PatternSet | undefined): boolean {
  if (!outer) return true;
  if (!outer.not) {
    if (outer.patterns.includes('*')) return true;
    if (piece.kind === 'pattern') return outer.patterns.some((q) => patternWithin(piece.pattern, q));
    return false;
  }
  // outer = everything except its patterns.
  if (piece.kind === 'pattern') return outer.patterns.every((m) => !mayOverlap(piece.pattern, m));
  if (piece.kind === 'not') return outer.patterns.every((m) => piece.patterns.some((n) => patternWithin(m, n)));
  return outer.patterns.length === 0;
}

/** False only when no resource of `piece` can match the resource element `other`. */
function pieceMayTouch(piece: ResourcePiece, other: PatternSet | undefined): boolean {
  if (!other) return true;
  if (!other.not) {
    if (piece.kind === 'pattern') return other.patterns.some((q) => mayOverlap(piece.pattern, q));
    if (piece.kind === 'not') return !other.patterns.every((q) => piece.patterns.some((n) => patternWithin(q, n)));
    return other.patterns.length > 0;
  }
  // `NotResource: "*"` excludes every resource.
  if (other.patterns.includes('*')) return false;
  if (piece.kind === 'pattern') return !other.patterns.some((m) => patternWithin(piece.pattern, m));
  return true;
}

/** Whether statement `inner`'s reach (actions aside) lies within `outer`'s. */
function reachWithin(inner: AccessStatement, outer: AccessStatement): boolean {
  return principalsWithin(inner.principal, outer.principal) && piecesOf(inner).every((p) => pieceWithin(p, outer.resources)) && conditionsImply(inner.conditions, outer.conditions);
}

function principalsText(set: PrincipalSet | undefined): string[] | undefined {
  if (!set) return undefined;
  if (set.any && set.values.length === 0) return ['*'];
  return set.values.map((v) => (v.type === 'AWS' ? v.value : `${v.type}:${v.value}`));
}

/** Finds the access `grantor` grants that `other` does not. */
export function excessAccess(grantor: AccessPolicy, other: AccessPolicy | undefined, settings: ExcessSettings, scope: ExcessScope = {}): ExcessResult {
  const { kind, space } = settings;
  const grants = allowsOf(grantor, kind);
  const grantorDenies = deniesOf(grantor);
  const otherAllows = other ? allowsOf(other, kind) : [];
  const otherDenies = other ? deniesOf(other) : [];
  const tracked = [...otherAllows, ...otherDenies, ...grantorDenies];
  const membership = new Map<AccessStatement, Uint8Array>();
  const members = (s: AccessStatement) => {
    let m = membership.get(s);
    if (!m) membership.set(s, (m = space.members(s.actions)));
    return m;
  };
  let scopeMask: Uint8Array | undefined;
  if (scope.actions) scopeMask = space.members({ not: false, patterns: scope.actions });
  const groups: AccessGroup[] = [];
  const undecided: UndecidedGroup[] = [];
  let evaluations = 0;
  const resourceSide = isResourceSide(kind);
  const resourcePool = [...new Set([...grantor.statements, ...(other?.statements ?? [])].flatMap((s) => s.resources?.patterns ?? []).filter((p) => p !== '*'))];
  const exampleSettings = { resourceSide, account: settings.owner, outsider: settings.outsider, roleArn: `arn:aws:iam::${settings.owner}:role/example` };

  for (const grant of grants) {
    const mine = members(grant);
    const hits: number[] = [];
    for (let i = 0; i < mine.length; i++) if (mine[i] && (!scopeMask || scopeMask[i])) hits.push(i);
    // Only the tracked statements that share an action with this one can matter to it; services
    // tell most of them apart without looking at the actions.
    const relevant: number[] = [];
    const grantServices = servicesOf(grant.actions);
    tracked.forEach((t, index) => {
      const theirs = servicesOf(t.actions);
      if (grantServices !== 'all' && theirs !== 'all' && ![...theirs].some((p) => grantServices.has(p))) return;
      const m = members(t);
      if (hits.some((i) => m[i])) relevant.push(index);
    });
    const relevantMembers = relevant.map((index) => members(tracked[index]!));
    // Group the statement's actions by which tracked statements also name them.
    const bySignature = new Map<string, number[]>();
    for (const i of hits) {
      let key = '';
      for (let r = 0; r < relevant.length; r++) if (relevantMembers[r]![i]) key += `${relevant[r]},`;
      let list = bySignature.get(key);
      if (!list) bySignature.set(key, (list = []));
      list.push(i);
    }
    let pieces = piecesOf(grant);
    if (scope.resources) {
      // Only the listed resources matter; a grant that cannot touch them is out of scope.
      pieces = scope.resources.filter((r) => pieceMayTouch({ kind: 'pattern', pattern: r }, grant.resources)).map((pattern) => ({ kind: 'pattern', pattern }));
    }
    for (const [key, actionIndexes] of bySignature) {
      const involved = new Set(key.split(',').filter(Boolean).map((n) => tracked[Number(n)]!));
      const inGroup = (s: AccessStatement) => involved.has(s);
      for (const piece of pieces) {
        // `NotResource: "*"` matches no resource.
        if (piece.kind === 'not' && piece.patterns.includes('*')) continue;
        // Removed by one of the grantor's own denies that covers it entirely.
        // (A deny whose conditions hold whenever the grant's do takes all of it.)
        const removed = grantorDenies.some((d) => inGroup(d) && conditionsImply(grant.conditions, d.conditions) && principalsWithin(grant.principal, d.principal) && pieceWithin(piece, d.resources));
        if (removed) continue;
        let reason: string | undefined;
        let blockingDeny: AccessStatement | undefined;
        const violations: Record<string, ContextValue>[] = [];
        const cover = otherAllows.find((t) => inGroup(t) && principalsWithin(grant.principal, t.principal) && pieceWithin(piece, t.resources) && conditionsImply(grant.conditions, t.conditions));
        if (cover) {
          const blocking = otherDenies.find((d) => {
            if (!inGroup(d)) return false;
            if (!pieceMayTouch(piece, d.resources) || !principalsMayOverlap(grant.principal, d.principal)) return false;
            return !grantorDenies.some((g) => inGroup(g) && reachWithin(d, g));
          });
          if (!blocking) continue;
          blockingDeny = blocking;
          reason = `statement ${blocking.index} of the other policy denies part of it and this policy has no deny at least as broad`;
        } else {
          const partial = otherAllows.find((t) => inGroup(t) && principalsWithin(grant.principal, t.principal) && pieceWithin(piece, t.resources));
          if (partial) {
            reason = `the conditions of statement ${grant.index} cannot be shown to imply those of statement ${partial.index} of the other policy`;
            // Requests that break one of the other statement's conditions are the likely difference.
            for (const clause of partial.conditions) {
              if (conditionsImply(grant.conditions, [clause])) continue;
              const violation = violatingContext(clause);
              if (violation) violations.push(violation);
            }
          }
        }
        // Not proved: look for a confirming example.
        let example: ExampleRequest | undefined;
        let exampleConditions = grant.conditions;
        const tried = new Set<number>();
        for (const index of [actionIndexes[0]!, actionIndexes[actionIndexes.length - 1]!, actionIndexes[Math.floor(actionIndexes.length / 2)]!]) {
          if (tried.has(index) || example) continue;
          tried.add(index);
          // Requests the other policy's deny catches are the likely difference, so they come first.
          const shapes = blockingDeny ? [{ ...grant, conditions: [...grant.conditions, ...blockingDeny.conditions] }, grant] : [grant];
          const attempts: { shape: AccessStatement; fixed: Record<string, ContextValue>; piece: ResourcePiece }[] = [
            ...shapes.map((shape) => ({ shape, fixed: {}, piece })),
            ...violations.map((fixed) => ({ shape: grant, fixed, piece })),
          ];
          // Where the other policy's deny is the difference, its own resources are where to look;
          // then the resources either policy names (a `NotResource` of a deny marks where it does not apply).
          if (blockingDeny?.resources && !blockingDeny.resources.not) {
            for (const pattern of blockingDeny.resources.patterns.slice(0, 4)) attempts.push({ shape: shapes[0]!, fixed: {}, piece: { kind: 'pattern', pattern } });
          }
          // Requests that escape the grantor's own conditional denies.
          for (const d of grantorDenies) {
            if (!inGroup(d) || !pieceMayTouch(piece, d.resources)) continue;
            for (const clause of d.conditions.slice(0, 3)) {
              const escape = violatingContext(clause);
              if (escape) attempts.push({ shape: grant, fixed: escape, piece });
            }
          }
          if (piece.kind !== 'pattern' || piece.pattern === '*') {
            for (const pattern of resourcePool.slice(0, 8)) attempts.push({ shape: grant, fixed: {}, piece: { kind: 'pattern', pattern } });
          }
          for (const { shape, fixed, piece: where } of attempts) {
            for (const candidate of candidateExamples(shape, space.names[index]!, where, { ...exampleSettings, fixed })) {
              evaluations += 1;
              if (judge(kind, grantor.json, candidate, settings.owner).decision !== 'Allow') continue;
              evaluations += other ? 1 : 0;
              if (other && judge(kind, other.json, candidate, settings.owner).decision === 'Allow') continue;
              example = candidate;
              // The access is new under the conditions the example met: the other policy's deny's too.
              exampleConditions = shape.conditions;
              break;
            }
            if (example) break;
          }
        }
        const actions = space.compress(actionIndexes);
        const resources = [pieceText(piece)];
        if (example) {
          groups.push({ actions, resources, conditions: conditionsJson(exampleConditions), ...(resourceSide ? { principals: principalsText(grant.principal) } : {}), statement: grant.index, example });
        } else {
          undecided.push({ reason: reason ?? `no request could be built that statement ${grant.index} allows and the other policy does not, and the access could not be proved to be granted by the other policy`, actions, resources, statement: grant.index });
        }
      }
    }
  }
  return { groups: mergeGroups(groups), undecided: mergeUndecided(undecided), evaluations };
}

/** Joins groups of the same statement, resources and conditions (actions of several signatures). */
function mergeGroups(groups: readonly AccessGroup[]): AccessGroup[] {
  const byResources = new Map<string, AccessGroup>();
  for (const g of groups) {
    const key = JSON.stringify([g.statement, g.resources, g.conditions]);
    const existing = byResources.get(key);
    if (!existing) byResources.set(key, g);
    else byResources.set(key, { ...existing, actions: [...existing.actions, ...g.actions.filter((a) => !existing.actions.includes(a))] });
  }
  // Then the resources of groups with the same statement, actions and conditions.
  const out = new Map<string, AccessGroup>();
  for (const g of byResources.values()) {
    const key = JSON.stringify([g.statement, [...g.actions].sort(), g.conditions]);
    const existing = out.get(key);
    if (!existing) out.set(key, g);
    else out.set(key, { ...existing, resources: [...existing.resources, ...g.resources.filter((r) => !existing.resources.includes(r))] });
  }
  return [...out.values()];
}

function mergeUndecided(items: readonly UndecidedGroup[]): UndecidedGroup[] {
  const out = new Map<string, UndecidedGroup>();
  for (const u of items) {
    const key = JSON.stringify([u.statement, u.resources, u.reason]);
    const existing = out.get(key);
    if (!existing) out.set(key, u);
    else out.set(key, { ...existing, actions: [...existing.actions, ...u.actions.filter((a) => !existing.actions.includes(a))] });
  }
  return [...out.values()];
}
