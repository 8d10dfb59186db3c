/**
 * Keeping a simulation as a scenario test: the text edit that appends the test to a scenario file
 * (or the text of a new one) and attaches the simulated policy where its type says, so that the test
 * asks the same question the simulation did:
 * - identity policy: to the user or role that made the request (a role session's role);
 * - resource policy: to a `resources` entry for the resource;
 * - trust policy: as the `trustPolicy` of the role that is the resource.
 * Boundaries, SCPs, RCPs and session policies were simulated against a stand-in allow-all policy,
 * which a scenario would have to invent; they are refused with a message for now.
 */
import { applyEdits, getNodeValue, modify, parseTree, type JSONPath, type ParseError } from 'jsonc-parser';
import { limitNesting, MAX_NESTING_DEPTH } from '../iam/document/jsonNesting';
import type { TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyKind } from '../iam/document/policyKind';
import type { SaveSimulationAsTestArguments } from '../protocol';
import { isJsonObject } from '../iam/document/model';

export interface AddTestInput {
  /** The simulated policy's path relative to the scenario file, with `/` separators. */
  readonly policyPath: string;
  readonly kind: PolicyKind;
  readonly simulation: SaveSimulationAsTestArguments;
  readonly name?: string;
}

/** The new text and the edit that turns the old text into it. */
export type AddTestResult = { readonly text: string; readonly edits: TextEdit[] } | { readonly error: string };

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

type Json = Record<string, unknown>;

/** `arn:aws:iam::ACCT:user/NAME`, or the role of a role (session) ARN, with its kind. */
function entityOf(principal: string): { kind: 'users' | 'roles'; arn: string } | undefined {
  const user = /^arn:([^:]+):iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(principal);
  if (user) return { kind: 'users', arn: principal };
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principal);
  if (role) return { kind: 'roles', arn: principal };
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(principal);
  if (session) return { kind: 'roles', arn: `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` };
  return undefined;
}

/** The index of the entry of `users`/`roles`/`resources` that is `arn`, comparing names and accounts. */
function findEntry(list: unknown, arn: string, accounts: unknown): number {
  if (!Array.isArray(list)) return -1;
  const parsed = /^arn:[^:]+:(?:iam|sts)::(\d{12}):(?:user|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  return list.findIndex((entry) => {
    if (!isJsonObject(entry)) return false;
    if (entry['arn'] === arn) return true;
    if (!parsed || typeof entry['name'] !== 'string' || entry['name'] !== parsed[2]) return false;
    const account = entry['account'];
    const byName = Array.isArray(accounts) ? accounts.find((a) => isJsonObject(a) && a['name'] === account) : undefined;
    return account === parsed[1] || (isJsonObject(byName) && byName['id'] === parsed[1]);
  });
}

/** Appends a test for the simulation to `text` (undefined: a new file). */
export function scenarioAddTestEdit(text: string | undefined, input: AddTestInput): AddTestResult {
  const original = text ?? '';
  let current = text === undefined || text.trim() === '' ? '{}\n' : text;
  const errors: ParseError[] = [];
  // jsonc-parser's parse, getNodeValue and modify recurse once per level.
  if (limitNesting(current).tooDeep.length > 0) return { error: `The scenario file nests JSON more than ${MAX_NESTING_DEPTH} levels deep; fix it first` };
  const root = parseTree(current, errors, { allowTrailingComma: true });
  if (!root || errors.length > 0 || root.type !== 'object') return { error: 'The scenario file is not a valid JSON object; fix it first' };
  const value = getNodeValue(root) as Json;
  const set = (jsonPath: JSONPath, v: unknown) => {
    current = applyEdits(current, modify(current, jsonPath, v, FORMAT));
  };
  const append = (key: string, list: unknown, v: unknown) => {
    if (Array.isArray(list)) set([key, -1], v);
    else set([key], [v]);
  };

  const sim = input.simulation;
  let principal = sim.principal;
  switch (input.kind) {
    case 'identity': {
      const entity = entityOf(sim.principal);
      if (!entity) return { error: `Identity policies attach to users and roles; simulate with a user or role ARN (not \`${sim.principal}\`) to save the test` };
      principal = entity.arn;
      const index = findEntry(value[entity.kind], entity.arn, value['accounts']);
      if (index < 0) append(entity.kind, value[entity.kind], { arn: entity.arn, policies: [input.policyPath] });
      else {
        const entry = (value[entity.kind] as Json[])[index]!;
        const policies = entry['policies'];
        if (Array.isArray(policies)) {
          if (!policies.includes(input.policyPath)) set([entity.kind, index, 'policies', -1], input.policyPath);
        } else if (policies === undefined) set([entity.kind, index, 'policies'], [input.policyPath]);
        else if (policies !== input.policyPath) set([entity.kind, index, 'policies'], [policies, input.policyPath]);
      }
      break;
    }
    case 'resource': {
      const list = value['resources'];
      const index = Array.isArray(list) ? list.findIndex((r) => isJsonObject(r) && r['arn'] === sim.resource) : -1;
      if (index < 0) append('resources', list, { arn: sim.resource, policy: input.policyPath });
      else {
        const existing = (list as Json[])[index]!['policy'];
        if (existing === undefined) set(['resources', index, 'policy'], input.policyPath);
        else if (existing !== input.policyPath) return { error: `The resource \`${sim.resource}\` already has another policy in this scenario` };
      }
      break;
    }
    case 'trust': {
      const entity = entityOf(sim.resource);
      if (!entity || entity.kind !== 'roles') return { error: `A trust policy's resource is the role: simulate on a role ARN (not \`${sim.resource}\`) to save the test` };
      const index = findEntry(value['roles'], entity.arn, value['accounts']);
      if (index < 0) append('roles', value['roles'], { arn: entity.arn, trustPolicy: input.policyPath });
      else {
        const existing = (value['roles'] as Json[])[index]!['trustPolicy'];
        if (existing === undefined) set(['roles', index, 'trustPolicy'], input.policyPath);
        else if (existing !== input.policyPath) return { error: `The role \`${entity.arn}\` already has another trust policy in this scenario` };
      }
      break;
    }
    default:
      return { error: `Saving a simulation of a ${input.kind === 'scp' || input.kind === 'rcp' ? input.kind.toUpperCase() : `${input.kind} policy`} as a test is not supported yet; write the test by hand (see docs/scenarios.md)` };
  }

  const test: Json = {
    name: input.name ?? `${principal.split(/[/:]/).pop()} ${sim.decision === 'Allow' ? 'can' : 'cannot'} ${sim.action}`,
    principal,
    action: sim.action,
    resource: sim.resource,
    ...(sim.context && Object.keys(sim.context).length > 0 ? { context: sim.context } : {}),
    expect: sim.decision,
  };
  append('tests', value['tests'], test);

  const before = TextDocument.create('scenario', 'json', 0, original);
  const edits: TextEdit[] = [{ range: { start: { line: 0, character: 0 }, end: before.positionAt(original.length) }, newText: current }];
  return { text: current, edits };
}
