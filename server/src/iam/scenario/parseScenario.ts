/**
 * `parseScenario(text)`: reads a scenario file into the positioned model and lists its problems
 * (JSON syntax, unknown fields, values of the wrong type, names that resolve to nothing). Parsing
 * never fails; a test with a problem that stops it from running is marked `broken`.
 *
 * Policy files are not read here: `policyFileRefs` lists them, and the caller (CLI or server) reads
 * them, since the core does no I/O.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ContextValue } from '../evaluate/types';
import type {
  AssumeStep,
  Expectation,
  OrganizationLevel,
  PolicyFileRef,
  PolicyRef,
  Scenario,
  ScenarioAccount,
  ScenarioGroup,
  ScenarioProblem,
  ScenarioProblemCode,
  ScenarioResource,
  ScenarioRole,
  ScenarioTest,
  ScenarioUser,
  Span,
  Spanned,
} from './scenarioModel';
import { editDistance } from '../spelling/nearestName';
import { spanOf } from '../document/model';
import { isAccountId } from '../principals/principalParse';
import { limitNesting, tooDeepMessage } from '../document/jsonNesting';

/** The result of parsing: the model plus problems. */
export interface ScenarioParse {
  readonly scenario: Scenario;
  readonly problems: readonly ScenarioProblem[];
}

const EXPECTATIONS: readonly Expectation[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny', 'Deny'];

/** The fields each object of a scenario may have (schemas/scenario.schema.json lists the same). */
export const SCENARIO_FIELDS = {
  root: ['$schema', 'description', 'accounts', 'users', 'groups', 'roles', 'resources', 'tests'],
  account: ['id', 'name', 'organization', 'managementAccount'],
  level: ['name', 'scps', 'rcps'],
  user: ['name', 'account', 'arn', 'path', 'groups', 'policies', 'boundary', 'tags', 'template'],
  group: ['name', 'account', 'policies', 'template'],
  role: ['name', 'account', 'arn', 'path', 'trustPolicy', 'policies', 'boundary', 'tags', 'template'],
  resource: ['arn', 'account', 'policy'],
  test: ['name', 'principal', 'assumeRole', 'sessionName', 'sessionPolicy', 'action', 'resource', 'context', 'deriveContext', 'expect'],
  assume: ['role', 'sessionName', 'sessionPolicy'],
} as const;
const FIELDS = SCENARIO_FIELDS;

/** Spans of the statements of a policy written as a JSON node (inline or a whole file). */
export function statementSpansOf(policy: JsonNode | undefined): Span[] {
  if (!policy || policy.type !== 'object') return [];
  const statement = property(policy, 'Statement');
  if (!statement?.value) return [];
  if (statement.value.type === 'array') return (statement.value.children ?? []).map(spanOf);
  if (statement.value.type === 'object') return [spanOf(statement.value)];
  return [];
}

interface Prop {
  readonly key: string;
  readonly keyNode: JsonNode;
  readonly value?: JsonNode;
}

function properties(node: JsonNode): Prop[] {
  const out: Prop[] = [];
  for (const child of node.children ?? []) {
    const keyNode = child.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    out.push({ key: keyNode.value, keyNode, value: child.children?.[1] });
  }
  return out;
}

function property(node: JsonNode, key: string): Prop | undefined {
  return properties(node).find((p) => p.key === key);
}

/** Parses scenario text. */
export function parseScenario(text: string): ScenarioParse {
  const problems: ScenarioProblem[] = [];
  const errors: ParseError[] = [];
  // The parser and getNodeValue recurse once per level: too-deep content is blanked before parsing.
  const limited = limitNesting(text);
  const root = parseTree(limited.text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) {
    problems.push({
      code: 'SCENARIO_JSON_SYNTAX',
      severity: 'error',
      message: `JSON syntax: ${printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
      span: { offset: Math.min(error.offset, Math.max(0, text.length - 1)), length: Math.max(1, error.length) },
    });
  }
  const problem = (code: ScenarioProblemCode, message: string, span: Span, testIndex?: number, severity: 'error' | 'warning' = 'error') =>
    problems.push({ code, severity, message, span, ...(testIndex !== undefined ? { testIndex } : {}) });

  const empty: Scenario = { accounts: [], users: [], groups: [], roles: [], resources: [], tests: [] };
  if (!root) return { scenario: empty, problems };
  // A test read from blanked content would run something other than what the file says: none runs.
  if (limited.tooDeep.length > 0) {
    for (const span of limited.tooDeep) problem('SCENARIO_TOO_DEEP', tooDeepMessage(text, span), span);
    return { scenario: empty, problems };
  }
  if (root.type !== 'object') {
    problem('SCENARIO_INVALID_VALUE', 'A scenario file is a JSON object with `accounts`, `users`, `roles`, ... and `tests`', spanOf(root));
    return { scenario: empty, problems };
  }

  /** Reports unknown and duplicate fields of an object and returns its properties by name. */
  const fieldsOf = (node: JsonNode, allowed: readonly string[], what: string, testIndex?: number): Map<string, Prop> => {
    const map = new Map<string, Prop>();
    for (const p of properties(node)) {
      if (!allowed.includes(p.key)) {
        const near = allowed.find((a) => editDistance(a.toLowerCase(), p.key.toLowerCase(), 2) <= 2);
        problem('SCENARIO_UNKNOWN_FIELD', `Unknown field \`${p.key}\` in ${what}${near ? `: did you mean \`${near}\`?` : `; expected one of ${allowed.map((a) => `\`${a}\``).join(', ')}`}`, spanOf(p.keyNode), testIndex, 'warning');
        continue;
      }
      if (map.has(p.key)) problem('SCENARIO_DUPLICATE_NAME', `\`${p.key}\` is given twice in ${what}; the last one counts`, spanOf(p.keyNode), testIndex, 'warning');
      map.set(p.key, p);
    }
    return map;
  };

  const stringOf = (p: Prop | undefined, what: string, testIndex?: number): Spanned<string> | undefined => {
    if (!p?.value) return undefined;
    if (p.value.type !== 'string' || p.value.value === '') {
      problem('SCENARIO_INVALID_VALUE', `\`${p.key}\` of ${what} must be a non-empty string`, spanOf(p.value), testIndex);
      return undefined;
    }
    return { value: p.value.value as string, span: spanOf(p.value) };
  };

  const booleanOf = (p: Prop | undefined, what: string, fallback: boolean, testIndex?: number): boolean => {
    if (!p?.value) return fallback;
    if (p.value.type !== 'boolean') {
      problem('SCENARIO_INVALID_VALUE', `\`${p.key}\` of ${what} must be true or false`, spanOf(p.value), testIndex);
      return fallback;
    }
    return p.value.value as boolean;
  };

  const arrayOf = (p: Prop | undefined, what: string): JsonNode[] => {
    if (!p?.value) return [];
    if (p.value.type !== 'array') {
      problem('SCENARIO_INVALID_VALUE', `\`${p.key}\` of ${what} must be an array`, spanOf(p.value));
      return [];
    }
    return p.value.children ?? [];
  };

  const policyRef = (node: JsonNode, where: string, testIndex?: number): PolicyRef | undefined => {
    if (node.type === 'string' && node.value !== '') return { kind: 'file', path: node.value as string, span: spanOf(node), where };
    if (node.type === 'object') {
      if (!property(node, 'Statement')) problem('SCENARIO_POLICY_INVALID', `The inline policy at \`${where}\` has no \`Statement\``, spanOf(node), testIndex);
      return { kind: 'inline', document: getNodeValue(node), span: spanOf(node), statementSpans: statementSpansOf(node), where };
    }
    problem('SCENARIO_INVALID_VALUE', `\`${where}\` must be a policy: a path relative to this file, or an inline policy object`, spanOf(node), testIndex);
    return undefined;
  };

  const policyOf = (p: Prop | undefined, where: string, testIndex?: number): PolicyRef | undefined => (p?.value ? policyRef(p.value, where, testIndex) : undefined);

  const policyList = (p: Prop | undefined, where: string): PolicyRef[] => {
    if (!p?.value) return [];
    // A single policy is accepted where a list is expected: `"policies": "admin.json"`.
    if (p.value.type !== 'array') {
      const one = policyRef(p.value, `${where}[0]`);
      return one ? [one] : [];
    }
    const out: PolicyRef[] = [];
    (p.value.children ?? []).forEach((child, i) => {
      const ref = policyRef(child, `${where}[${i}]`);
      if (ref) out.push(ref);
    });
    return out;
  };

  const objectsOf = (key: string): JsonNode[] => {
    const p = property(root, key);
    if (!p?.value) return [];
    if (p.value.type !== 'array') {
      problem('SCENARIO_INVALID_VALUE', `\`${key}\` must be an array of objects`, spanOf(p.value));
      return [];
    }
    const out: JsonNode[] = [];
    for (const child of p.value.children ?? []) {
      if (child.type === 'object') out.push(child);
      else problem('SCENARIO_INVALID_VALUE', `Each entry of \`${key}\` must be an object`, spanOf(child));
    }
    return out;
  };

  const top = fieldsOf(root, FIELDS.root, 'the scenario');
  const description = top.get('description')?.value?.type === 'string' ? (top.get('description')!.value!.value as string) : undefined;

  // Accounts first: users, roles and resources name them.
  const accounts: ScenarioAccount[] = [];
  for (const node of objectsOf('accounts')) {
    const f = fieldsOf(node, FIELDS.account, 'an account');
    const id = stringOf(f.get('id'), 'an account');
    if (!id) {
      if (!f.get('id')) problem('SCENARIO_MISSING_FIELD', 'An account needs an `id`: its 12-digit account id', spanOf(node));
      continue;
    }
    if (!isAccountId(id.value)) problem('SCENARIO_INVALID_VALUE', `Account id \`${id.value}\` must be 12 digits`, id.span);
    const name = stringOf(f.get('name'), 'an account')?.value;
    const label = name ?? id.value;
    const organization: OrganizationLevel[] = [];
    arrayOf(f.get('organization'), `account \`${label}\``).forEach((levelNode, i) => {
      if (levelNode.type !== 'object') {
        problem('SCENARIO_INVALID_VALUE', 'Each organization level is an object `{"name": ..., "scps": [...], "rcps": [...]}`, root first', spanOf(levelNode));
        return;
      }
      const lf = fieldsOf(levelNode, FIELDS.level, 'an organization level');
      const where = `accounts[${label}].organization[${i}]`;
      const levelName = stringOf(lf.get('name'), 'an organization level')?.value;
      organization.push({ ...(levelName ? { name: levelName } : {}), scps: policyList(lf.get('scps'), `${where}.scps`), rcps: policyList(lf.get('rcps'), `${where}.rcps`) });
    });
    if (accounts.some((a) => a.id === id.value)) problem('SCENARIO_DUPLICATE_NAME', `Account \`${id.value}\` is defined twice`, id.span);
    accounts.push({ id: id.value, ...(name ? { name } : {}), managementAccount: booleanOf(f.get('managementAccount'), 'an account', false), organization, span: spanOf(node) });
  }

  /** An account given by id or by the name of an entry of `accounts`. */
  const accountRef = (value: Spanned<string> | undefined, testIndex?: number): string | undefined => {
    if (!value) return undefined;
    if (isAccountId(value.value)) return value.value;
    const byName = accounts.find((a) => a.name === value.value);
    if (byName) return byName.id;
    problem('SCENARIO_UNKNOWN_ACCOUNT', `Unknown account \`${value.value}\`: give a 12-digit id or the \`name\` of an entry of \`accounts\``, value.span, testIndex);
    return undefined;
  };

  const tagsOf = (p: Prop | undefined, what: string): Record<string, string> => {
    const tags: Record<string, string> = {};
    if (!p?.value) return tags;
    if (p.value.type !== 'object') {
      problem('SCENARIO_INVALID_VALUE', `\`tags\` of ${what} must be an object of strings`, spanOf(p.value));
      return tags;
    }
    for (const t of properties(p.value)) {
      if (t.value?.type === 'string') tags[t.key] = t.value.value as string;
      else problem('SCENARIO_INVALID_VALUE', `Tag \`${t.key}\` must have a string value`, spanOf(t.value ?? t.keyNode));
    }
    return tags;
  };

  /** Name, account and ARN of a user or role, from `arn` or from `name` + `account` (+ `path`). */
  const identity = (node: JsonNode, f: Map<string, Prop>, kind: 'user' | 'role'): { name: string; account: string; arn: string; nameSpan: Span; template?: Spanned<string> } | undefined => {
    const arn = stringOf(f.get('arn'), `a ${kind}`);
    const template = stringOf(f.get('template'), `a ${kind}`);
    // A principal from a template is named after its logical id unless `name` says otherwise.
    const fromTemplate = template && template.value.includes('#') ? { value: template.value.slice(template.value.indexOf('#') + 1), span: template.span } : undefined;
    const name = stringOf(f.get('name'), `a ${kind}`) ?? fromTemplate;
    const withTemplate = <T extends object>(value: T): T & { template?: Spanned<string> } => (template ? { ...value, template } : value);
    if (arn) {
      const match = new RegExp(`^arn:([^:]+):iam::(\\d{12}):${kind}/(?:.*/)?([^/]+)$`).exec(arn.value);
      if (!match) {
        problem('SCENARIO_INVALID_VALUE', `\`${arn.value}\` is not an IAM ${kind} ARN (\`arn:aws:iam::ACCOUNT:${kind}/NAME\`)`, arn.span);
        return undefined;
      }
      if (name && name.value !== match[3]) problem('SCENARIO_INVALID_VALUE', `\`name\` \`${name.value}\` differs from the name in the ARN, \`${match[3]}\``, name.span);
      return withTemplate({ name: match[3]!, account: match[2]!, arn: arn.value, nameSpan: arn.span });
    }
    if (!name) {
      problem('SCENARIO_MISSING_FIELD', `A ${kind} needs \`name\` and \`account\`, or an \`arn\``, spanOf(node));
      return undefined;
    }
    const accountValue = stringOf(f.get('account'), `${kind} \`${name.value}\``);
    if (!accountValue) {
      if (!f.get('account')) problem('SCENARIO_MISSING_FIELD', `${kind === 'user' ? 'User' : 'Role'} \`${name.value}\` needs an \`account\` (id or account name) or an \`arn\``, name.span);
      return undefined;
    }
    const account = accountRef(accountValue);
    if (!account) return undefined;
    const pathValue = stringOf(f.get('path'), `${kind} \`${name.value}\``)?.value ?? '/';
    const path = pathValue.startsWith('/') ? pathValue : `/${pathValue}`;
    return withTemplate({ name: name.value, account, arn: `arn:aws:iam::${account}:${kind}${path.endsWith('/') ? path : `${path}/`}${name.value}`, nameSpan: name.span });
  };

  const groups: ScenarioGroup[] = [];
  for (const node of objectsOf('groups')) {
    const f = fieldsOf(node, FIELDS.group, 'a group');
    const template = stringOf(f.get('template'), 'a group');
    const name = stringOf(f.get('name'), 'a group') ?? (template && template.value.includes('#') ? { value: template.value.slice(template.value.indexOf('#') + 1), span: template.span } : undefined);
    if (!name) {
      if (!f.get('name')) problem('SCENARIO_MISSING_FIELD', 'A group needs a `name`', spanOf(node));
      continue;
    }
    const account = accountRef(stringOf(f.get('account'), `group \`${name.value}\``));
    if (groups.some((g) => g.name === name.value)) problem('SCENARIO_DUPLICATE_NAME', `Group \`${name.value}\` is defined twice`, name.span);
    groups.push({ name: name.value, ...(account ? { account } : {}), policies: policyList(f.get('policies'), `groups[${name.value}].policies`), span: spanOf(node), ...(template ? { template } : {}) });
  }

  const users: ScenarioUser[] = [];
  for (const node of objectsOf('users')) {
    const f = fieldsOf(node, FIELDS.user, 'a user');
    const id = identity(node, f, 'user');
    if (!id) continue;
    const userGroups: Spanned<string>[] = [];
    for (const g of arrayOf(f.get('groups'), `user \`${id.name}\``)) {
      if (g.type !== 'string') {
        problem('SCENARIO_INVALID_VALUE', 'Group names are strings', spanOf(g));
        continue;
      }
      if (!groups.some((group) => group.name === g.value)) problem('SCENARIO_UNKNOWN_GROUP', `Unknown group \`${g.value}\`: define it in \`groups\``, spanOf(g));
      userGroups.push({ value: g.value as string, span: spanOf(g) });
    }
    if (users.some((u) => u.arn === id.arn)) problem('SCENARIO_DUPLICATE_NAME', `User \`${id.arn}\` is defined twice`, id.nameSpan);
    const boundary = policyOf(f.get('boundary'), `users[${id.name}].boundary`);
    users.push({
      ...id,
      groups: userGroups,
      policies: policyList(f.get('policies'), `users[${id.name}].policies`),
      ...(boundary ? { boundary } : {}),
      tags: tagsOf(f.get('tags'), `user \`${id.name}\``),
      span: spanOf(node),
    });
  }

  const roles: ScenarioRole[] = [];
  for (const node of objectsOf('roles')) {
    const f = fieldsOf(node, FIELDS.role, 'a role');
    const id = identity(node, f, 'role');
    if (!id) continue;
    if (roles.some((r) => r.arn === id.arn)) problem('SCENARIO_DUPLICATE_NAME', `Role \`${id.arn}\` is defined twice`, id.nameSpan);
    const boundary = policyOf(f.get('boundary'), `roles[${id.name}].boundary`);
    const trustPolicy = policyOf(f.get('trustPolicy'), `roles[${id.name}].trustPolicy`);
    if (!trustPolicy && !id.template) problem('SCENARIO_MISSING_FIELD', `Role \`${id.name}\` has no \`trustPolicy\`, so nobody can assume it`, id.nameSpan, undefined, 'warning');
    roles.push({
      ...id,
      ...(trustPolicy ? { trustPolicy } : {}),
      policies: policyList(f.get('policies'), `roles[${id.name}].policies`),
      ...(boundary ? { boundary } : {}),
      tags: tagsOf(f.get('tags'), `role \`${id.name}\``),
      span: spanOf(node),
    });
  }

  const resources: ScenarioResource[] = [];
  for (const node of objectsOf('resources')) {
    const f = fieldsOf(node, FIELDS.resource, 'a resource');
    const arn = stringOf(f.get('arn'), 'a resource');
    if (!arn) {
      if (!f.get('arn')) problem('SCENARIO_MISSING_FIELD', 'A resource needs an `arn`', spanOf(node));
      continue;
    }
    if (!arn.value.startsWith('arn:')) problem('SCENARIO_INVALID_VALUE', `\`${arn.value}\` is not an ARN`, arn.span);
    const account = accountRef(stringOf(f.get('account'), `resource \`${arn.value}\``));
    const policy = policyOf(f.get('policy'), `resources[${arn.value}].policy`);
    resources.push({ arn: arn.value, ...(account ? { account } : {}), ...(policy ? { policy } : {}), span: spanOf(node) });
  }

  const tests: ScenarioTest[] = [];
  const testsProp = property(root, 'tests');
  if (!testsProp?.value) problem('SCENARIO_MISSING_FIELD', 'The scenario has no `tests`: add `"tests": [{"name": ..., "principal": ..., "action": ..., "resource": ..., "expect": "Allow"}]`', { offset: root.offset, length: 1 }, undefined, 'warning');
  objectsOf('tests').forEach((node, index) => {
    const before = problems.length;
    const what = `test ${index + 1}`;
    const f = fieldsOf(node, FIELDS.test, what, index);
    const name = stringOf(f.get('name'), what, index)?.value ?? `test ${index + 1}`;
    const required = (key: 'principal' | 'action' | 'resource' | 'expect'): Spanned<string> | undefined => {
      const value = stringOf(f.get(key), `test \`${name}\``, index);
      if (!f.get(key)) problem('SCENARIO_MISSING_FIELD', `Test \`${name}\` needs \`${key}\``, spanOf(node.children?.[0]?.children?.[0] ?? node), index);
      return value;
    };
    const principal = required('principal');
    const action = required('action');
    const resource = required('resource');
    const expectValue = required('expect');
    if (action && !/^[^:\s]+:[^:\s]+$/.test(action.value)) problem('SCENARIO_INVALID_VALUE', `Action \`${action.value}\` must be \`service:Action\`, e.g. \`s3:GetObject\``, action.span, index);
    let expect: Spanned<Expectation> | undefined;
    if (expectValue) {
      const found = EXPECTATIONS.find((e) => e.toLowerCase() === expectValue.value.toLowerCase());
      if (found) expect = { value: found, span: expectValue.span };
      else problem('SCENARIO_INVALID_VALUE', `\`expect\` must be \`Allow\`, \`ExplicitDeny\`, \`ImplicitDeny\` or \`Deny\` (either denial), not \`${expectValue.value}\``, expectValue.span, index);
    }

    const context: Record<string, ContextValue> = {};
    const contextProp = f.get('context');
    if (contextProp?.value) {
      if (contextProp.value.type !== 'object') problem('SCENARIO_INVALID_VALUE', '`context` must be an object of context keys, e.g. `{"aws:SourceIp": "203.0.113.7"}`', spanOf(contextProp.value), index);
      else {
        for (const p of properties(contextProp.value)) {
          const v = p.value ? getNodeValue(p.value) : undefined;
          const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
          if (scalar(v) || (Array.isArray(v) && v.every(scalar))) context[p.key] = v as ContextValue;
          else problem('SCENARIO_INVALID_VALUE', `Context key \`${p.key}\` needs a string, number, boolean or an array of them`, spanOf(p.value ?? p.keyNode), index);
        }
      }
    }

    const assumeRole: AssumeStep[] = [];
    const assumeProp = f.get('assumeRole');
    if (assumeProp?.value) {
      const items = assumeProp.value.type === 'array' ? (assumeProp.value.children ?? []) : [assumeProp.value];
      items.forEach((item, i) => {
        const where = `tests[${name}].assumeRole[${i}]`;
        if (item.type === 'string' && item.value !== '') {
          assumeRole.push({ role: { value: item.value as string, span: spanOf(item) } });
        } else if (item.type === 'object') {
          const af = fieldsOf(item, FIELDS.assume, 'an assume-role step', index);
          const role = stringOf(af.get('role'), 'an assume-role step', index);
          if (!role) {
            if (!af.get('role')) problem('SCENARIO_MISSING_FIELD', 'An assume-role step needs a `role` (name or ARN)', spanOf(item), index);
            return;
          }
          const sessionName = stringOf(af.get('sessionName'), 'an assume-role step', index)?.value;
          const sessionPolicy = policyOf(af.get('sessionPolicy'), `${where}.sessionPolicy`, index);
          assumeRole.push({ role, ...(sessionName ? { sessionName } : {}), ...(sessionPolicy ? { sessionPolicy } : {}) });
        } else {
          problem('SCENARIO_INVALID_VALUE', '`assumeRole` is a role name or ARN, a step object `{"role": ..., "sessionName": ..., "sessionPolicy": ...}`, or a list of them for a chain', spanOf(item), index);
        }
      });
    }
    // `sessionName` and `sessionPolicy` on the test apply to the last hop of the chain.
    const sessionName = stringOf(f.get('sessionName'), `test \`${name}\``, index)?.value;
    const sessionPolicy = policyOf(f.get('sessionPolicy'), `tests[${name}].sessionPolicy`, index);
    if ((sessionName || sessionPolicy) && assumeRole.length === 0) {
      problem('SCENARIO_INVALID_VALUE', '`sessionName` and `sessionPolicy` need `assumeRole`: they describe the role session', spanOf((f.get('sessionPolicy') ?? f.get('sessionName'))!.keyNode), index);
    } else if (assumeRole.length > 0) {
      const last = assumeRole[assumeRole.length - 1]!;
      assumeRole[assumeRole.length - 1] = {
        ...last,
        ...(sessionName && !last.sessionName ? { sessionName } : {}),
        ...(sessionPolicy && !last.sessionPolicy ? { sessionPolicy } : {}),
      };
    }

    const broken = problems.slice(before).some((p) => p.severity === 'error') || !principal || !action || !resource || !expect;
    tests.push({
      index,
      name,
      principal: principal ?? { value: '', span: spanOf(node) },
      action: action ?? { value: '', span: spanOf(node) },
      resource: resource ?? { value: '', span: spanOf(node) },
      context,
      deriveContext: booleanOf(f.get('deriveContext'), `test \`${name}\``, true, index),
      assumeRole,
      expect: expect ?? { value: 'Allow', span: spanOf(node) },
      span: spanOf(node),
      broken,
    });
  });

  const scenario: Scenario = {
    ...(description ? { description } : {}),
    accounts,
    users,
    groups,
    roles,
    resources,
    tests,
    ...(testsProp?.value ? { testsSpan: spanOf(testsProp.value) } : {}),
  };

  // Names that tests use must resolve; a test that names nothing is broken.
  const resolved = tests.map((test) => {
    if (test.broken) return test;
    let broken = false;
    const p = resolvePrincipal(scenario, test.principal.value);
    if ('error' in p) {
      problem(p.code, p.error, test.principal.span, test.index);
      broken = true;
    }
    for (const step of test.assumeRole) {
      const r = resolveRole(scenario, step.role.value);
      if ('error' in r) {
        problem('SCENARIO_UNKNOWN_ROLE', r.error, step.role.span, test.index);
        broken = true;
      }
    }
    return broken ? { ...test, broken } : test;
  });
  return { scenario: { ...scenario, tests: resolved }, problems };
}

/** What a test's `principal` names. */
export type ResolvedPrincipal =
  | { readonly kind: 'user'; readonly user: ScenarioUser }
  | { readonly kind: 'role'; readonly role: ScenarioRole }
  /** An ARN or service principal not defined in the scenario: it has no policies. */
  | { readonly kind: 'external'; readonly arn: string };

/** Resolves a test principal: a user or role name, an ARN, a service principal or `*`. */
export function resolvePrincipal(scenario: Scenario, text: string): ResolvedPrincipal | { error: string; code: ScenarioProblemCode } {
  if (text.startsWith('arn:')) {
    const user = scenario.users.find((u) => u.arn === text || sameEntity(u.arn, text, 'user'));
    if (user) return { kind: 'user', user };
    const role = scenario.roles.find((r) => r.arn === text || sameEntity(r.arn, text, 'role'));
    if (role) return { kind: 'role', role };
    return { kind: 'external', arn: text };
  }
  if (text === '*' || /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(text) || isAccountId(text)) return { kind: 'external', arn: text };
  const users = scenario.users.filter((u) => u.name === text);
  const roles = scenario.roles.filter((r) => r.name === text);
  if (users.length + roles.length > 1) {
    return { code: 'SCENARIO_AMBIGUOUS_PRINCIPAL', error: `\`${text}\` names ${users.length + roles.length} users and roles; write its ARN instead` };
  }
  if (users[0]) return { kind: 'user', user: users[0] };
  if (roles[0]) return { kind: 'role', role: roles[0] };
  const known = [...scenario.users.map((u) => u.name), ...scenario.roles.map((r) => r.name)];
  return {
    code: 'SCENARIO_UNKNOWN_PRINCIPAL',
    error: `Unknown principal \`${text}\`: define it in \`users\` or \`roles\`, or give an ARN${known.length > 0 ? ` (known: ${known.map((k) => `\`${k}\``).join(', ')})` : ''}`,
  };
}

/** Resolves a role given by name or ARN (the path is ignored when comparing ARNs). */
export function resolveRole(scenario: Scenario, text: string): { role: ScenarioRole } | { error: string } {
  const matches = text.startsWith('arn:') ? scenario.roles.filter((r) => r.arn === text || sameEntity(r.arn, text, 'role')) : scenario.roles.filter((r) => r.name === text);
  if (matches.length === 1) return { role: matches[0]! };
  if (matches.length > 1) return { error: `\`${text}\` names ${matches.length} roles; write its ARN instead` };
  const known = scenario.roles.map((r) => `\`${r.name}\``);
  return { error: `Unknown role \`${text}\`: define it in \`roles\` with its \`trustPolicy\`${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}` };
}

/** Whether two IAM ARNs name the same user or role, ignoring paths. */
function sameEntity(a: string, b: string, kind: 'user' | 'role'): boolean {
  const re = new RegExp(`^arn:([^:]+):iam::(\\d{12}):${kind}/(?:.*/)?([^/]+)$`);
  const x = re.exec(a);
  const y = re.exec(b);
  return !!x && !!y && x[2] === y[2] && x[3] === y[3];
}

/** Every policy reference of the scenario (files and inline documents), duplicates included. */
export function policyRefs(scenario: Scenario): PolicyRef[] {
  const out: PolicyRef[] = [];
  const add = (ref: PolicyRef | undefined) => {
    if (ref) out.push(ref);
  };
  for (const a of scenario.accounts) for (const level of a.organization) [...level.scps, ...level.rcps].forEach(add);
  for (const g of scenario.groups) g.policies.forEach(add);
  for (const u of scenario.users) {
    u.policies.forEach(add);
    add(u.boundary);
  }
  for (const r of scenario.roles) {
    add(r.trustPolicy);
    r.policies.forEach(add);
    add(r.boundary);
  }
  for (const r of scenario.resources) add(r.policy);
  for (const t of scenario.tests) for (const s of t.assumeRole) add(s.sessionPolicy);
  return out;
}

/** Every policy file the scenario refers to, in document order (duplicates included). */
export function policyFileRefs(scenario: Scenario): PolicyFileRef[] {
  return policyRefs(scenario)
    .filter((ref): ref is PolicyFileRef => ref.kind === 'file')
    .sort((a, b) => a.span.offset - b.span.offset);
}
