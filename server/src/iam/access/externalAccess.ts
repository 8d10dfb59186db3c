/**
 * Who a resource-based policy or a role trust policy lets in, statement by statement: anyone
 * (public), named accounts, principals of an organization, AWS services, identity providers, or
 * only the owning account. The rules follow IAM Access Analyzer's documented reading of policies
 * (IAM User Guide, "IAM Access Analyzer findings" and "Previewing access with IAM Access Analyzer
 * APIs"; see docs/access.md): a statement whose principal is `*` is public unless a condition bounds
 * the principals (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`,
 * `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceOwner`, `aws:SourceVpc`, `aws:SourceVpce`,
 * `aws:SourceOrgID`, `kms:CallerAccount`, ...) or a `Deny` does; an identity provider's users are
 * bounded by the provider's `aud` / `sub` keys. A condition bounds only with a positive operator,
 * without `IfExists`, and with values that are not wildcards only. Public access is confirmed by an
 * example request from an outside caller that the evaluator allows.
 */
import type { PolicyDocument } from '../document/model';
import type { PolicyKind } from '../document/policyKind';
import { evaluatedOperator } from './conditions';
import { ActionSpace } from './actionSpace';
import { candidateExamples, piecesOf } from './examples';
import { pieceWithin } from './excess';
import { judge, unnamedAccount, type ExampleRequest } from './harness';
import { accountOfPrincipal } from './principals';
import { readPolicyDocument, type AccessStatement, type ConditionClause, type PatternSet } from './statements';
import { action as catalogAction, firstAction as catalogFirstAction } from '../catalog/catalog';
import { hasWildcard } from '../arn/wildcard';
import { isAccountId } from '../principals/principalParse';

/** Who one statement lets in. */
export interface StatementAccess {
  readonly index: number;
  readonly sid?: string;
  /** The statement's actions and resources as written (`NotAction` / `NotResource` entries prefixed `not `). */
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** True when anyone can get in (every principal, or every user of an identity provider). */
  readonly public: boolean;
  /** Accounts named by the principal or by a bounding condition, other than the owner. */
  readonly externalAccounts: readonly string[];
  /** True when the owning account's principals are named. */
  readonly sameAccount: boolean;
  /** Organizations (or organization paths) that bound the principals. */
  readonly organizations: readonly string[];
  readonly services: readonly string[];
  readonly identityProviders: readonly string[];
  /** Canonical user ids (S3), which name other accounts' principals. */
  readonly canonicalUsers: readonly string[];
  /** Condition keys that bound who gets in. */
  readonly limitedBy: readonly string[];
  /** `Deny` statements that take away what the statement would otherwise let in. */
  readonly deniedBy: readonly number[];
  /** One line: who gets in. */
  readonly summary: string;
  /** For public access: a request from an outside caller that the evaluator allows. */
  readonly example?: ExampleRequest;
}

/** The analysis of a whole policy. */
export interface ExternalAccessAnalysis {
  /** The owning account: given, or read from the policy's resource ARNs, or unknown. */
  readonly owner?: string;
  readonly statements: readonly StatementAccess[];
}

/** Options of the analysis. */
export interface ExternalAccessOptions {
  /** The account the resource or role belongs to; same-account principals are not external. */
  readonly ownerAccount?: string;
  /**
   * The sample that stands for the account a template deploys into (`${AWS::AccountId}`,
   * `data.aws_caller_identity.current.account_id`): principals written with it are the owner's. It
   * is not the owner's number, so other accounts are still only possibly external.
   */
  readonly hostAccount?: string;
}

const ORG_KEYS = new Set(['aws:principalorgid', 'aws:principalorgpaths', 'aws:sourceorgid', 'aws:sourceorgpaths']);
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner', 'kms:calleraccount']);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);
const VPC_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce']);
const ID_KEYS = new Set(['aws:userid']);
const KNOWN_WEB_PROVIDERS = new Set(['cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com', 'accounts.google.com']);

function unbounded(value: string): boolean {
  return value === '' || /^[*?]+$/.test(value) || value === 'repo:*';
}

interface Bound {
  readonly key: string;
  readonly accounts: string[];
  readonly organizations: string[];
  readonly kind: 'account' | 'organization' | 'vpc' | 'principal' | 'service';
}

/** The bound a positive condition puts on principals, or undefined when it bounds nothing. */
function boundOf(clause: ConditionClause, negatedAllowed: boolean): Bound | undefined {
  const parsed = evaluatedOperator(clause.operator);
  if ('error' in parsed) return undefined;
  const op = parsed.operator;
  if (parsed.ifExists && !negatedAllowed) return undefined;
  if (parsed.qualifier === 'ForAllValues' && !negatedAllowed) return undefined;
  if (op.negated !== negatedAllowed) return undefined;
  const key = clause.key.toLowerCase();
  if (clause.values.length === 0 || clause.values.some(unbounded)) return undefined;
  if (key === 'aws:principalisawsservice') return op.family === 'Bool' && clause.values.every((v) => v.toLowerCase() === (negatedAllowed ? 'false' : 'true')) ? { key: clause.key, accounts: [], organizations: [], kind: 'service' } : undefined;
  if (op.family !== 'String' && op.family !== 'Arn') return undefined;
  if (ORG_KEYS.has(key)) return { key: clause.key, accounts: [], organizations: [...clause.values], kind: 'organization' };
  if (ACCOUNT_KEYS.has(key)) {
    if (!clause.values.every((v) => isAccountId(v))) return undefined;
    return { key: clause.key, accounts: [...clause.values], organizations: [], kind: 'account' };
  }
  if (ARN_KEYS.has(key)) {
    const accounts = clause.values.map((v) => v.split(':')[4] ?? '');
    if (!accounts.every((a) => isAccountId(a))) return undefined;
    return { key: clause.key, accounts: [...new Set(accounts)], organizations: [], kind: 'account' };
  }
  if (VPC_KEYS.has(key)) return { key: clause.key, accounts: [], organizations: [], kind: 'vpc' };
  if (ID_KEYS.has(key)) return { key: clause.key, accounts: [], organizations: [], kind: 'principal' };
  return undefined;
}

/** The host of an identity provider principal: `token.actions.githubusercontent.com`, `accounts.google.com`. */
function providerHost(value: string): string | undefined {
  const lower = value.toLowerCase();
  if (KNOWN_WEB_PROVIDERS.has(lower)) return lower;
  const match = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/i.exec(value);
  return match ? match[1]!.toLowerCase() : undefined;
}

/** Whether the statement bounds the users of an OIDC provider with its `aud` or `sub` keys. */
function providerBounded(host: string, conditions: readonly ConditionClause[]): string | undefined {
  // GitHub's audience is always `sts.amazonaws.com`, so only `sub` tells repositories apart.
  const keys = host === 'token.actions.githubusercontent.com' ? [`${host}:sub`] : [`${host}:aud`, `${host}:sub`, `${host}:oaud`];
  for (const clause of conditions) {
    if (!keys.includes(clause.key.toLowerCase())) continue;
    const parsed = evaluatedOperator(clause.operator);
    if ('error' in parsed || parsed.operator.negated || parsed.ifExists) continue;
    if (clause.values.length > 0 && !clause.values.some(unbounded)) return clause.key;
  }
  return undefined;
}

function written(statement: AccessStatement): { actions: string[]; resources: string[] } {
  const actions = statement.actions.patterns.map((a) => (statement.actions.not ? `not ${a}` : a));
  const resources = statement.resources ? statement.resources.patterns.map((r) => (statement.resources!.not ? `not ${r}` : r)) : ['*'];
  return { actions, resources };
}

function ownerFrom(statements: readonly AccessStatement[]): string | undefined {
  const accounts = new Set<string>();
  for (const s of statements) for (const r of s.resources && !s.resources.not ? s.resources.patterns : []) {
    const account = r.split(':')[4];
    if (account && isAccountId(account)) accounts.add(account);
  }
  return accounts.size === 1 ? [...accounts][0] : undefined;
}

function listOf(values: readonly string[]): string {
  return values.map((v) => `\`${v}\``).join(', ');
}

/**
 * The action an example request of a statement names: one its `Action` writes (wildcards removed) that
 * the universe knows, else the first of the universe it matches. For `"Action": "*"` that is the
 * catalog's first action, found without building the universe of every action.
 */
function firstActionOf(actions: PatternSet, literalNames: ReadonlySet<string>, spaceOf: () => ActionSpace, mineOf: () => Uint8Array): string | undefined {
  if (!actions.not) {
    if (actions.patterns.length > 0 && actions.patterns.every((pattern) => pattern === '*')) return catalogFirstAction()?.fullName;
    // The universe holds exactly the catalog's actions and the well-formed literal names the policy
    // writes (`ActionSpace`), so a written action is looked up there without building it.
    const written = actions.patterns.map((p) => p.replace(/\*/g, '').replace(/\?/g, '')).find((a) => catalogAction(a) !== undefined || literalNames.has(a.toLowerCase()));
    if (written !== undefined) return written;
    // A name without wildcards matches only itself: if none is in the universe, the statement names no action of it.
    if (!actions.patterns.some(hasWildcard)) return undefined;
  }
  const space = spaceOf();
  const mine = mineOf();
  return space.names.find((_, i) => mine[i]);
}

/** The literal action names (no wildcard, `service:action`) that some statement writes, lower case. */
function literalActionNames(statements: readonly AccessStatement[]): Set<string> {
  const names = new Set<string>();
  for (const statement of statements) for (const pattern of statement.actions.patterns) if (!hasWildcard(pattern) && /^[^:\s]+:[^:\s]+$/.test(pattern)) names.add(pattern.toLowerCase());
  return names;
}

/** Analyses who each `Allow` statement of a resource-based or trust policy lets in. */
export function analyzeExternalAccess(document: PolicyDocument, kind: PolicyKind, options: ExternalAccessOptions = {}): ExternalAccessAnalysis {
  const policy = readPolicyDocument(document, kind);
  const host = options.hostAccount;
  // A resource ARN of the template's own account says no more than the sample does.
  const derived = ownerFrom(policy.statements);
  const owner = options.ownerAccount ?? (derived === host ? undefined : derived);
  const isOwn = (account: string): boolean => account === owner || account === host;
  const outsider = unnamedAccount([document.text, owner ?? '', host ?? ''], 444455556666);
  const resourceOwner = owner ?? host ?? unnamedAccount([document.text, outsider]);
  // The action universe (for `*`, every action of the catalog) is built only when a statement is
  // compared with a `Deny` or confirmed public with an example request.
  let actionSpace: ActionSpace | undefined;
  const spaceOf = (): ActionSpace => (actionSpace ??= new ActionSpace(policy.statements.map((s) => s.actions)));
  let literalNames: Set<string> | undefined;
  const denies = policy.statements.filter((s) => s.effect === 'Deny');
  const out: StatementAccess[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow' || !statement.principal) continue;
    const externalAccounts = new Set<string>();
    const organizations = new Set<string>();
    const services: string[] = [];
    const providers: string[] = [];
    const canonical: string[] = [];
    const limitedBy = new Set<string>();
    let sameAccount = false;
    let everyone = statement.principal.any;
    let publicProvider: string | undefined;
    for (const value of statement.principal.values) {
      if (value.type === 'AWS' && value.value !== '*') {
        const account = accountOfPrincipal(value.value);
        if (account && isOwn(account)) sameAccount = true;
        else if (account) externalAccounts.add(account);
      } else if (value.type === 'Service') {
        if (value.value === '*') everyone = true;
        else services.push(value.value);
      } else if (value.type === 'Federated') {
        providers.push(value.value);
        const host = providerHost(value.value);
        if (host) {
          const key = providerBounded(host, statement.conditions);
          if (key) limitedBy.add(key);
          else publicProvider ??= value.value;
        }
      } else if (value.type === 'CanonicalUser') canonical.push(value.value);
    }
    // Bounds from the statement's own conditions, and from denies that cover the whole statement.
    const bounds = statement.conditions.map((c) => boundOf(c, false)).filter((b): b is Bound => b !== undefined);
    const deniedBy: number[] = [];
    let membership: Uint8Array | undefined;
    const mineOf = (): Uint8Array => (membership ??= spaceOf().members(statement.actions));
    for (const deny of denies) {
      const mine = mineOf();
      const theirs = spaceOf().members(deny.actions);
      let covers = true;
      for (let i = 0; i < mine.length && covers; i++) if (mine[i] && !theirs[i]) covers = false;
      if (!covers || !piecesOf(statement).every((p) => pieceWithin(p, deny.resources))) continue;
      if (deny.principal && deny.principal.not && deny.conditions.length === 0) {
        // Everyone except the named principals is denied: only they can get in.
        const accounts = deny.principal.values.map((v) => accountOfPrincipal(v.value)).filter((a): a is string => a !== undefined);
        if (accounts.length === deny.principal.values.length) {
          bounds.push({ key: 'NotPrincipal', accounts: [...new Set(accounts)], organizations: [], kind: 'account' });
          deniedBy.push(deny.index);
        }
        continue;
      }
      if (!deny.principal || !deny.principal.any || deny.principal.not) continue;
      const denyBounds = deny.conditions.map((c) => boundOf(c, true));
      if (deny.conditions.length === 1 && denyBounds[0]) {
        bounds.push(denyBounds[0]);
        deniedBy.push(deny.index);
      }
    }
    for (const b of bounds) limitedBy.add(b.key);
    const boundAccounts = bounds.filter((b) => b.kind === 'account');
    if (everyone && boundAccounts.length > 0) {
      // Several bounds are AND: the accounts all of them allow.
      let allowed = new Set(boundAccounts[0]!.accounts);
      for (const b of boundAccounts.slice(1)) allowed = new Set([...allowed].filter((a) => b.accounts.includes(a)));
      for (const a of allowed) {
        if (isOwn(a)) sameAccount = true;
        else externalAccounts.add(a);
      }
    }
    for (const b of bounds) for (const o of b.organizations) organizations.add(o);
    const boundedEveryone = everyone && bounds.length > 0;
    let isPublic = (everyone && !boundedEveryone) || publicProvider !== undefined;
    let example: ExampleRequest | undefined;
    const { actions, resources } = written(statement);
    if (isPublic) {
      // Confirm with a request from an outside caller; a Deny that stops every such request rules it out.
      const outsiderStatement: AccessStatement = publicProvider ? { ...statement, principal: { not: false, any: false, values: [{ type: 'Federated', value: publicProvider }] } } : { ...statement, principal: { not: false, any: true, values: [] } };
      const firstAction = firstActionOf(statement.actions, (literalNames ??= literalActionNames(policy.statements)), spaceOf, mineOf);
      const explicitDenies = new Set<number>();
      if (firstAction) {
        for (const piece of piecesOf(statement)) {
          for (const candidate of candidateExamples(outsiderStatement, firstAction, piece, { resourceSide: true, account: resourceOwner, outsider, roleArn: `arn:aws:iam::${resourceOwner}:role/example` })) {
            if (candidate.principal && candidate.principal !== '*' && !candidate.principal.includes(outsider) && !publicProvider) continue;
            const answer = judge(kind, policy.json, candidate, resourceOwner);
            if (answer.decision === 'Allow') {
              example = candidate;
              break;
            }
            if (answer.decision === 'ExplicitDeny') for (const r of answer.reasons) explicitDenies.add(r.statementIndex);
          }
          if (example) break;
        }
      }
      if (!example && explicitDenies.size > 0) {
        isPublic = false;
        deniedBy.push(...[...explicitDenies].filter((d) => !deniedBy.includes(d)));
      }
    }
    const parts: string[] = [];
    if (isPublic) parts.push(publicProvider ? `anyone who can sign in with \`${publicProvider}\`` : 'anyone (public)');
    else if (everyone && bounds.length > 0) {
      if (organizations.size > 0) parts.push(`principals of organization ${listOf([...organizations])}`);
      if (bounds.some((b) => b.kind === 'vpc')) parts.push(`callers from the VPC(s) or endpoint(s) in ${listOf([...new Set(bounds.filter((b) => b.kind === 'vpc').map((b) => b.key))])}`);
      if (bounds.some((b) => b.kind === 'service')) parts.push('AWS services');
      if (bounds.some((b) => b.kind === 'principal')) parts.push('the principals `aws:userid` names');
    } else if (everyone && !isPublic && deniedBy.length > 0) parts.push('nobody outside what the `Deny` statements leave');
    if (externalAccounts.size > 0) parts.push(`${owner ? 'other ' : ''}account(s) ${listOf([...externalAccounts])}`);
    if (sameAccount) parts.push(owner ? `the owning account \`${owner}\`` : 'the owning account');
    if (services.length > 0) parts.push(`AWS service(s) ${listOf(services)}`);
    const boundedProviders = providers.filter((p) => p !== publicProvider);
    if (boundedProviders.length > 0) parts.push(`users of identity provider(s) ${listOf(boundedProviders)}`);
    if (canonical.length > 0) parts.push(`canonical user(s) ${listOf(canonical)}`);
    out.push({
      index: statement.index,
      ...(statement.sid ? { sid: statement.sid } : {}),
      actions,
      resources,
      public: isPublic,
      externalAccounts: [...externalAccounts],
      sameAccount,
      organizations: [...organizations],
      services,
      identityProviders: providers,
      canonicalUsers: canonical,
      limitedBy: [...limitedBy],
      deniedBy,
      summary: parts.length > 0 ? parts.join('; ') : 'nobody',
      ...(example ? { example } : {}),
    });
  }
  return { ...(owner ? { owner } : {}), statements: out };
}
