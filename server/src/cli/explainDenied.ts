/**
 * `iam-policy explain-denied [--scenario FILE | --template FILE] [--policy FILE]... [--format text|json] - | MESSAGE`:
 * reads an AccessDenied message, simulates the request it describes against the given scenario and
 * policies, says which kind of policy denies it, and proposes the smallest edit that allows exactly
 * that request (never when a guardrail or an explicit Deny denies).
 *
 * Exit codes: 0 explained (a verified fix, or the deny is an explicit Deny or a guardrail), 1 no fix
 * found (or the given policies allow the request), 2 bad usage or a message that cannot be read.
 */
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { limitNesting } from '../iam/document/jsonNesting';
import { action as catalogAction } from '../iam/catalog/catalog';
import { withPolicyNames } from '../service/explainDeniedView';
import { aPolicyOf, explainDenial, fixPolicyName, isAccessDeniedProblem, targetFixEdits, templateCallerScenario, type FixTarget, normalizeDenied, parseAccessDenied, policyTypeLabel, scenarioDenialRequest, type AccessDeniedMessage, type DenialExplanation } from '../iam/author/index';
import type { EvaluationRequest, PolicyInput } from '../iam/evaluate/types';
import { checkPolicyFiles, isUnreadableScenarioProblem, parseScenario, type Scenario } from '../iam/scenario/index';
import { describeReadError, scenarioPolicies, type CliIo } from './cliIo';
import type { CliCommand } from './commands';

const EXPLAIN_DENIED_USAGE = 'iam-policy explain-denied [--scenario FILE | --template FILE [--account ID]] [--policy FILE]... [--resource-policy FILE] [--boundary FILE] [--scp FILE]... [--session-policy FILE] [--format text|json] - | MESSAGE';

const HELP = `${EXPLAIN_DENIED_USAGE}

Reads an AccessDenied message (\`-\`: from stdin) as AWS SDKs and the AWS CLI print it, or the JSON of
\`aws sts decode-authorization-message\`, simulates the request against the given policies, says which
kind of policy denies it and proposes the smallest edit that allows exactly that request, checked
by simulating again. No Allow is proposed when an SCP, a boundary, a session policy or an explicit
Deny denies.
  --scenario FILE         a scenario (*.iamtest.json): the caller's policies, boundary, SCPs and the
                          resource's policy come from it (the principal is matched by ARN)
  --template FILE         a CloudFormation/SAM template or Terraform file that defines the caller: the
                          role or user the message names (by its name, or the name CloudFormation
                          generates from its logical id), with the policies the file attaches to it;
                          a fix to one of them is an edit of the file; or that defines the resource
                          (its policy is simulated, and a caller of another account has no policies)
  --account ID            with --template: the account the file is deployed into (else the caller's,
                          or the one the resource's ARN shows when the file does not define the caller)
  --policy FILE           an identity-based policy of the caller (repeatable)
  --resource-policy FILE  the resource's resource-based policy
  --boundary FILE         the caller's permissions boundary
  --scp FILE              an SCP (repeatable; all in one organization level)
  --session-policy FILE   the session policy
  --format text|json      text (default) or JSON
Exit codes: 0 explained, 1 no fix found, 2 bad usage or unreadable message.
`;

interface Options {
  scenario?: string;
  template?: string;
  account?: string;
  policies: string[];
  resourcePolicy?: string;
  boundary?: string;
  scps: string[];
  sessionPolicy?: string;
  format: 'text' | 'json';
  message: string[];
}

function parseArgs(argv: readonly string[]): Options | { help: true } | string {
  const options: Options = { policies: [], scps: [], format: 'text', message: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`\`${arg}\` needs a value`);
      i++;
      return next;
    };
    try {
      switch (arg) {
        case '-h':
        case '--help':
          return { help: true };
        case '--scenario':
          options.scenario = value();
          break;
        case '--template':
          options.template = value();
          break;
        case '--account': {
          const account = value();
          if (!/^\d{12}$/.test(account)) return `\`--account\` takes a 12-digit account id, not \`${account}\``;
          options.account = account;
          break;
        }
        case '--policy':
          options.policies.push(value());
          break;
        case '--resource-policy':
          options.resourcePolicy = value();
          break;
        case '--boundary':
          options.boundary = value();
          break;
        case '--scp':
          options.scps.push(value());
          break;
        case '--session-policy':
          options.sessionPolicy = value();
          break;
        case '--format': {
          const format = value();
          if (format !== 'text' && format !== 'json') return `\`--format\` takes \`text\` or \`json\`, not \`${format}\``;
          options.format = format;
          break;
        }
        default:
          if (arg.startsWith('--')) return `unknown option \`${arg}\``;
          options.message.push(arg);
      }
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
  }
  if (options.message.length === 0) return 'give the message as an argument or `-` to read it from stdin';
  if (options.scenario !== undefined && options.template !== undefined) return 'give `--scenario` or `--template`, not both';
  if (options.account !== undefined && options.template === undefined) return '`--account` goes with `--template`';
  return options;
}

class UsageError extends Error {}

function readPolicyInput(io: CliIo, file: string, texts: Map<string, FixTarget>): PolicyInput | string {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    return `cannot read \`${file}\`: ${describeReadError(error)}`;
  }
  // Policy files may carry comments and trailing commas, as the editor allows (JSONC).
  // The parser recurses once per level, so depth is checked first.
  if (limitNesting(text).tooDeep.length > 0) return `\`${file}\` nests JSON too deep to be a policy`;
  const errors: ParseError[] = [];
  const document: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || document === undefined) return `\`${file}\` is not valid JSON`;
  texts.set(file, { text });
  return { id: file, document };
}

interface BuiltRequest {
  readonly request: EvaluationRequest;
  readonly dir: string;
  readonly fixedPolicies: ReadonlySet<string>;
}

/**
 * The request of the message with the policies of a scenario file (`--scenario`), or of the scenario
 * that takes the caller from a template (`--template`); policy files are read relative to the file.
 */
function fileRequest(io: CliIo, file: string, from: 'scenario' | 'template', message: AccessDeniedMessage, resource: string, notes: string[], texts: Map<string, FixTarget>, account?: string): BuiltRequest | string {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    return `cannot read \`${file}\`: ${describeReadError(error)}`;
  }
  let scenario: Scenario;
  if (from === 'scenario') {
    const parsed = parseScenario(text);
    if (parsed.problems.some(isUnreadableScenarioProblem)) return `\`${file}\` is not valid JSON`;
    scenario = parsed.scenario;
  } else {
    const found = templateCallerScenario(file, text, message.principal, resource, message.action, account);
    if (!found) return `\`${file}\` defines no role or user that the message's caller \`${message.principal}\` is, nor its resource`;
    scenario = found.scenario;
    notes.push(...found.notes);
  }
  const policies = scenarioPolicies(io, file);
  for (const problem of checkPolicyFiles(scenario, policies)) notes.push(`${from === 'scenario' ? 'Scenario' : 'Template'}: ${problem.message}.`);
  const built = scenarioDenialRequest(scenario, policies, message, resource, notes, from);
  if (typeof built === 'string') return built;
  for (const [id, target] of built.texts) texts.set(id, target);
  return { request: built.request, dir: path.dirname(file), fixedPolicies: built.fixedPolicies };
}

/** Runs `iam-policy explain-denied` with the arguments after the command name. */
function runExplainDenied(argv: readonly string[], io: CliIo): number {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    io.stderr(`iam-policy explain-denied: ${options}.\nUsage: ${EXPLAIN_DENIED_USAGE}\n`);
    return 2;
  }
  if ('help' in options) {
    io.stdout(HELP);
    return 0;
  }
  let text: string;
  if (options.message.length === 1 && options.message[0] === '-') {
    try {
      text = io.readStdin();
    } catch (error) {
      io.stderr(`iam-policy explain-denied: cannot read stdin: ${describeReadError(error)}.\n`);
      return 2;
    }
  } else text = options.message.join(' ');

  const result = parseAccessDenied(text);
  if (isAccessDeniedProblem(result)) {
    const parsed = result;
    if (options.format === 'json') io.stdout(JSON.stringify({ error: parsed.error, kind: parsed.kind, ...(parsed.operation ? { operation: parsed.operation } : {}), ...(parsed.errorCode ? { errorCode: parsed.errorCode } : {}), ...(parsed.encodedMessage ? { encodedMessage: parsed.encodedMessage } : {}) }, null, 2) + '\n');
    io.stderr(`iam-policy explain-denied: ${parsed.error}.\n`);
    return 2;
  }
  const normalized = normalizeDenied(result);
  const parsed = normalized.message;
  const resource = normalized.resource;
  const notes = normalized.notes;
  const texts = new Map<string, FixTarget>();
  let request: EvaluationRequest = { principal: parsed.principal === 'anonymous' ? '*' : parsed.principal, action: parsed.action, resource, ...(parsed.context ? { context: parsed.context } : {}) };
  let scenarioDir: string | undefined;
  let fixedPolicies: ReadonlySet<string> = new Set();
  const source = options.scenario !== undefined ? fileRequest(io, options.scenario, 'scenario', parsed, resource, notes, texts) : options.template !== undefined ? fileRequest(io, options.template, 'template', parsed, resource, notes, texts, options.account) : undefined;
  if (typeof source === 'string') {
    io.stderr(`iam-policy explain-denied: ${source}.\n`);
    return 2;
  }
  if (source) {
    request = source.request;
    scenarioDir = source.dir;
    fixedPolicies = source.fixedPolicies;
  }
  const read = (file: string): PolicyInput => {
    const policy = readPolicyInput(io, file, texts);
    if (typeof policy === 'string') throw new UsageError(policy);
    return policy;
  };
  try {
    if (options.policies.length > 0) request = { ...request, identityPolicies: [...(request.identityPolicies ?? []), ...options.policies.map(read)] };
    if (options.resourcePolicy !== undefined) request = { ...request, resourcePolicy: read(options.resourcePolicy) };
    if (options.boundary !== undefined) request = { ...request, permissionBoundary: read(options.boundary) };
    if (options.sessionPolicy !== undefined) request = { ...request, sessionPolicy: read(options.sessionPolicy) };
    if (options.scps.length > 0) request = { ...request, scps: [...(request.scps ?? []), options.scps.map(read)] };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`iam-policy explain-denied: ${error.message}.\n`);
    return 2;
  }
  if (options.scenario === undefined && options.template === undefined && options.policies.length === 0 && !request.resourcePolicy) notes.push('No policies were given (--scenario, --template, --policy): the caller was simulated with none.');

  const explanation = explainDenial(parsed, request, { isKnownAction: (name) => catalogAction(name) !== undefined, fixedPolicies });
  // A template's policy is `FILE#POINTER` (the evaluator's id adds the account the scenario read it for).
  const fileOf = (id: string) => {
    const target = texts.get(id);
    if (target?.template && scenarioDir !== undefined) return path.join(scenarioDir, fixPolicyName(id, target));
    return scenarioDir !== undefined && !options.policies.includes(id) && id !== options.resourcePolicy && id !== options.boundary && id !== options.sessionPolicy && !options.scps.includes(id) && id !== 'new-policy' && id !== 'new-resource-policy' ? path.join(scenarioDir, id) : id;
  };
  const allNotes = [...notes, ...explanation.notes];
  const code = explanation.status === 'fix' || explanation.status === 'explicit-deny' || explanation.status === 'guardrail' ? 0 : 1;
  if (options.format === 'json') {
    io.stdout(JSON.stringify(denialJson(parsed, explanation, fileOf, allNotes, texts), null, 2) + '\n');
  } else {
    io.stdout(denialText(parsed, explanation, fileOf, allNotes));
  }
  return code;
}

/** The JSON answer of `explain-denied --format json` (and of the MCP tool `explain_access_denied`). */
export function denialJson(message: AccessDeniedMessage, explanation: DenialExplanation, fileOf: (id: string) => string, allNotes: readonly string[], texts: ReadonlyMap<string, FixTarget>): unknown {
  const { e, notes } = withPolicyNames(explanation, allNotes, fileOf);
  return {
    message: {
      principal: message.principal,
      principalType: message.principalType,
      action: message.action,
      resource: message.resource ?? null,
      denial: message.denial,
      policyType: message.policyType ?? null,
      ...(message.policyArn ? { policyArn: message.policyArn } : {}),
      ...(message.operation ? { operation: message.operation } : {}),
      ...(message.errorCode ? { errorCode: message.errorCode } : {}),
      format: message.format,
    },
    status: e.status,
    request: e.request,
    simulated: { decision: e.simulated.decision, reasons: e.simulated.reasons, explanation: e.simulated.explanation },
    deniedBy: e.deniedBy,
    agreesWithMessage: e.agreesWithMessage,
    fixes: e.fixes.map((f) => ({ kind: f.kind, policyType: f.policyType, policy: fileOf(f.policy), statementIndex: f.statementIndex, description: f.description, statement: f.statement, document: f.document, edits: texts.has(f.policy) ? targetFixEdits(texts.get(f.policy)!, f) ?? null : null })),
    verification: e.verification ? { ...e.verification, newAccess: e.verification.newAccess.map((g) => ({ ...g, policy: fileOf(g.policy) })) } : null,
    notes,
  };
}

/** The text answer of `explain-denied` (and the text of the MCP tool `explain_access_denied`). */
export function denialText(message: AccessDeniedMessage, explanation: DenialExplanation, fileOf: (id: string) => string, allNotes: readonly string[]): string {
  const { e, notes } = withPolicyNames(explanation, allNotes, fileOf);
  const reason = message.denial === 'explicit' ? `an explicit deny in ${message.policyType ? aPolicyOf(message.policyType) : 'a policy'}` : message.denial === 'implicit' ? `no ${message.policyType ? policyTypeLabel(message.policyType) : 'policy'} allows it` : 'no reason given';
  const lines = [
    `Message: \`${message.principal}\` may not call \`${message.action}\` on \`${message.resource ?? '*'}\` (${reason}).`,
    `Simulated: ${e.simulated.decision}.`,
  ];
  if (e.deniedBy.length > 0) {
    lines.push('Denied by:');
    for (const d of e.deniedBy) lines.push(`  - ${policyTypeLabel(d.policyType)}${d.explicit ? ' (explicit Deny)' : ''}: ${d.why}`);
  }
  for (const fix of e.fixes) {
    // A new policy that a template can hold as its caller's inline policy says where.
    const place = fix.kind === 'new-policy' && fileOf(fix.policy) !== fix.policy ? ` (as the inline policy \`${fileOf(fix.policy)}\`)` : '';
    lines.push(`Fix: ${fix.description.replace(`\`${fix.policy}\``, `\`${fileOf(fix.policy)}\``)}${place}:`);
    lines.push(...JSON.stringify(fix.statement, null, 2).split('\n').map((l) => `  ${l}`));
  }
  if (e.verification) {
    lines.push(`Verified: simulated again with the edit: ${e.verification.decision}; new access: ${e.verification.newAccess.map((g) => `${g.actions.map((a) => `\`${a}\``).join(', ')} on ${g.resources.map((r) => `\`${r}\``).join(', ')}`).join('; ') || 'none'}${e.verification.exact ? ' (exactly the request)' : ''}.`);
  }
  for (const note of notes) lines.push(`Note: ${note}`);
  return lines.join('\n') + '\n';
}

/** The command entry for the CLI dispatcher's table. */
export const explainDeniedCommand: CliCommand = { name: 'explain-denied', usage: EXPLAIN_DENIED_USAGE, run: runExplainDenied };
