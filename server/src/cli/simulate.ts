/**
 * `iam-policy simulate`: evaluates one request (`--request FILE|-`) or many (`--batch FILE|-`) and
 * prints the evaluator's answer as JSON, or a readable trace with `--explain`. `--derive-context`
 * first fills the context keys that follow from the principal and resource, and shows what it added.
 *
 * Exit codes: 0 when every request was evaluated (whatever the decisions), 2 for bad usage or input
 * that cannot be read or parsed; messages go to stderr without stack traces.
 */
import { action as catalogAction } from '../iam/catalog/catalog';
import { deriveContext, evaluate, parseSimulationRequest, StatementMemo, type EvaluateOptions } from '../iam/evaluate/index';
import { isJsonObject } from '../iam/document/model';
import type { EvaluationAnswer, EvaluationRequest, StatementTrace } from '../iam/evaluate/types';
import { describeReadError, writeStdout, writeStdoutBytes } from './cliIo';
import { parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { limitNesting, MAX_NESTING_DEPTH, valueNestsDeeperThan } from '../iam/document/jsonNesting';
import type { Span } from '../iam/document/model';

/** What `simulate` needs from the outside world; `CliIo` satisfies it. */
export interface SimulateIo {
  readFile(path: string): string;
  readStdin(): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const SIMULATE_USAGE = 'iam-policy simulate (--request FILE|- | --batch FILE|-) [--explain] [--derive-context]';

const HELP = `${SIMULATE_USAGE}

Evaluates AWS IAM requests offline.
  --request FILE|-   one request as JSON (- reads stdin)
  --batch FILE|-     a JSON array of requests; answers come back as a JSON array in the same order
  --explain          print a readable trace instead of JSON
  --derive-context   fill aws:PrincipalArn, aws:username, aws:PrincipalAccount... from the principal
                     and resource first (never overwriting keys you set) and show what was added
Request fields: principal, action, resource (required); context, principalAccount, resourceAccount,
identityPolicies, resourcePolicy, permissionBoundary, sessionPolicy, scps, rcps,
principalIsManagementAccount, resourceIsManagementAccount.
`;

interface Options {
  request?: string;
  batch?: string;
  explain: boolean;
  deriveContext: boolean;
  help: boolean;
}

function parseSimulateArgs(argv: readonly string[]): Options | string {
  const options: Options = { explain: false, deriveContext: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    switch (arg) {
      case '--request':
      case '--batch': {
        const value = argv[i + 1];
        if (value === undefined || (value.startsWith('--') && value !== '-')) return `\`${arg}\` needs a file name or \`-\` for stdin`;
        if (options.request !== undefined || options.batch !== undefined) return 'give one `--request` or one `--batch`, not both or twice';
        if (arg === '--request') options.request = value;
        else options.batch = value;
        i++;
        break;
      }
      case '--explain':
        options.explain = true;
        break;
      case '--derive-context':
        options.deriveContext = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        return `unknown argument \`${arg}\``;
    }
  }
  if (!options.help && options.request === undefined && options.batch === undefined) return 'give `--request FILE|-` or `--batch FILE|-`';
  return options;
}

/** Runs `iam-policy simulate` with the arguments after the word `simulate`. */
export function runSimulate(argv: readonly string[], io: SimulateIo): number {
  const options = parseSimulateArgs(argv);
  if (typeof options === 'string') {
    io.stderr(`iam-policy simulate: ${options}.\nUsage: ${SIMULATE_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(HELP);
    return 0;
  }
  const source = (options.request ?? options.batch)!;
  let text: string;
  try {
    text = source === '-' ? io.readStdin() : io.readFile(source);
  } catch (error) {
    io.stderr(`iam-policy simulate: cannot read \`${source}\`: ${describeReadError(error)}.\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(`iam-policy simulate: \`${source}\` is not valid JSON: ${error instanceof Error ? error.message : String(error)}.\n`);
    return 2;
  }

  // JSON.parse reads any depth, but the evaluator, its messages and JSON.stringify recurse per level:
  // requests nested too deep are refused (in a batch, only the requests that hold such content).
  const limited = valueNestsDeeperThan(json) ? limitNesting(text) : { text, tooDeep: [] };
  let lines: TextDocument | undefined;
  const where = (span: Span) => {
    lines ??= TextDocument.create('file:///request', 'json', 0, text);
    const at = lines.positionAt(span.offset);
    return `${at.line + 1}:${at.character + 1}`;
  };
  const tooDeep = `nests JSON more than ${MAX_NESTING_DEPTH} levels deep`;

  if (options.request !== undefined) {
    if (limited.tooDeep.length > 0) {
      io.stderr(`iam-policy simulate: \`${source}\` is not a valid request: it ${tooDeep} (at ${limited.tooDeep.map(where).join(', ')}).\n`);
      return 2;
    }
    const result = simulateOne(json, options, newBatchState());
    if ('error' in result) {
      io.stderr(`iam-policy simulate: \`${source}\` is not a valid request:\n${result.error}\n`);
      return 2;
    }
    io.stdout(options.explain ? result.text() : JSON.stringify(result.json, null, 2) + '\n');
    return 0;
  }

  if (!Array.isArray(json)) {
    io.stderr(`iam-policy simulate: \`${source}\` must hold a JSON array of requests for \`--batch\`.\n`);
    return 2;
  }
  const deepItems = new Map<number, Span[]>();
  if (limited.tooDeep.length > 0) {
    // The text is valid JSON (JSON.parse took it), so the blanked text's items are the array's items.
    const items = parseTree(limited.text)?.children ?? [];
    for (const span of limited.tooDeep) {
      const index = items.findIndex((item) => item.offset <= span.offset && span.offset < item.offset + item.length);
      deepItems.set(index, [...(deepItems.get(index) ?? []), span]);
    }
  }
  // Answers are printed one by one as soon as they are known, in the text that
  // `JSON.stringify(answers, null, 2)` (or the joined `--explain` texts) would give, so that answers
  // die young instead of being promoted for the garbage collector to copy: an answer printed as a
  // one-element array without its brackets is that text's slice for that answer.
  const output = bufferedOutput(io);
  const batch = newBatchState();
  let printed = 0;
  const answer = (index: number, value: unknown, text: () => string) => {
    if (options.explain) output.write(`${index === 0 ? '' : '\n'}${text()}`);
    else {
      output.write(printed++ === 0 ? '[\n' : ',\n');
      printAnswer(value, batch.traceTexts, output);
    }
  };
  json.forEach((item, index) => {
    const deep = deepItems.get(index);
    const result: SimulateResult = deep ? { error: `  - the request ${tooDeep} (at ${deep.map(where).join(', ')})` } : simulateOne(item, options, batch);
    if ('error' in result) {
      // One bad request does not stop the batch: its slot says what is wrong with it.
      answer(index, { error: result.error }, () => `Request ${index}: not evaluated:\n${result.error}\n`);
    } else {
      answer(index, result.json, () => `Request ${index}:\n${result.text()}`);
    }
  });
  if (!options.explain) {
    output.write(printed === 0 ? '[]\n' : '\n]\n');
  }
  output.flush();
  return 0;
}

/** Where output goes, piece by piece. */
interface Output {
  write(text: string): void;
  flush(): void;
}

/** The size of the pieces output is handed to stdout in. */
const OUTPUT_CHUNK = 1 << 20;

/**
 * Collects output and hands it to stdout in pieces of about a megabyte. When the io writes to the
 * process's stdout, the pieces are encoded into a Buffer as they come: concatenating them into a
 * megabyte string first would cost flattening that string before encoding it.
 */
function bufferedOutput(io: SimulateIo): Output {
  if (io.stdout === writeStdout) {
    let buffer = Buffer.allocUnsafe(OUTPUT_CHUNK);
    let used = 0;
    return {
      write(text) {
        // A UTF-16 code unit takes at most three bytes in UTF-8 (a surrogate pair four for two units).
        if (used + text.length * 3 > buffer.length) {
          this.flush();
          if (text.length * 3 > buffer.length) {
            writeStdoutBytes(Buffer.from(text, 'utf8'));
            return;
          }
        }
        used += buffer.write(text, used);
      },
      flush() {
        if (used === 0) return;
        // The buffer is handed over, not reused: a stream may still hold it.
        writeStdoutBytes(buffer.subarray(0, used));
        buffer = Buffer.allocUnsafe(OUTPUT_CHUNK);
        used = 0;
      },
    };
  }
  let pending = '';
  return {
    write(text) {
      pending += text;
      if (pending.length >= OUTPUT_CHUNK) this.flush();
    },
    flush() {
      if (pending !== '') io.stdout(pending);
      pending = '';
    },
  };
}

/** The catalog's answer per action name: the requests of a batch name the same few actions over and over. */
const knownActions = new Map<string, boolean>();

function isKnownAction(name: string): boolean {
  let known = knownActions.get(name);
  if (known === undefined) {
    known = catalogAction(name) !== undefined;
    if (knownActions.size >= 10_000) knownActions.clear();
    knownActions.set(name, known);
  }
  return known;
}

/**
 * What one run of `simulate` keeps between the requests of a batch: the policy document last seen
 * in each place of a request (see `sharePolicyDocuments`) and the evaluator's statement memo.
 */
interface BatchState {
  readonly documents: SharedDocuments;
  readonly options: EvaluateOptions;
  /** The printed text of each statement trace object (see `printAnswer`). */
  readonly traceTexts: WeakMap<object, string>;
}

/** The policy document last seen in each place of a request (see `sharePolicyDocuments`). */
interface SharedDocuments {
  readonly single: Map<string | number, unknown>;
  readonly identity: Map<string | number, unknown>;
  readonly scps: Array<Map<string | number, unknown>>;
  readonly rcps: Array<Map<string | number, unknown>>;
}

const SINGLE_POLICY_FIELDS = ['resourcePolicy', 'permissionBoundary', 'sessionPolicy'] as const;

function newBatchState(): BatchState {
  return { documents: { single: new Map(), identity: new Map(), scps: [], rcps: [] }, options: { isKnownAction, memo: new StatementMemo() }, traceTexts: new WeakMap() };
}

/** `text` (JSON.stringify output with a gap of two spaces) nested at `indent`: every line break of such text is structural, since strings escape theirs. */
function nested(text: string, indent: string): string {
  return text.includes('\n') ? text.replaceAll('\n', `\n${indent}`) : text;
}

/**
 * Writes one answer as it stands in the batch output: exactly `JSON.stringify([answer], null, 2)
 * .slice(2, -2)`, i.e. the answer as an element of the pretty-printed array. The statement traces
 * are printed once per trace object and their text reused: the statement memo shares the traces of
 * identical statement outcomes between answers, and they are most of the output. The fields before
 * and after `statements` are printed by JSON.stringify as the members of a one-element array's
 * object, which puts them at the answer's depth with the layout it gives the whole.
 */
function printAnswer(answer: unknown, traceTexts: WeakMap<object, string>, output: Output): void {
  const keys = isJsonObject(answer) && Array.isArray(answer['statements']) && typeof answer['toJSON'] !== 'function' ? Object.keys(answer) : undefined;
  if (!keys || keys.includes('__proto__')) {
    output.write(JSON.stringify([answer], null, 2).slice(2, -2));
    return;
  }
  const record = answer as Record<string, unknown>;
  const at = keys.indexOf('statements');
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) if (i !== at) (i < at ? before : after)[keys[i]!] = record[keys[i]!];
  const head = members(before);
  output.write(head === '' ? '  {\n    "statements": ' : `  {\n${head},\n    "statements": `);
  printTraces(record['statements'] as unknown[], traceTexts, output);
  const tail = members(after);
  output.write(tail === '' ? '\n  }' : `,\n${tail}\n  }`);
}

/** The members of `object` as JSON.stringify lays them out in an object that is an item of a top-level array, or '' when it has none. */
function members(object: Record<string, unknown>): string {
  const text = JSON.stringify([object], null, 2);
  // `[\n  {\n` ... `\n  }\n]`, or `[\n  {}\n]` without members.
  return text.length === 8 ? '' : text.slice(6, -6);
}

/** The `statements` array of an answer as `printAnswer` nests it. */
function printTraces(traces: readonly unknown[], traceTexts: WeakMap<object, string>, output: Output): void {
  if (traces.length === 0) {
    output.write('[]');
    return;
  }
  for (let i = 0; i < traces.length; i++) {
    const trace = traces[i];
    let item: string | undefined;
    if (typeof trace === 'object' && trace !== null) {
      item = traceTexts.get(trace);
      if (item === undefined) {
        item = nested(JSON.stringify(trace, null, 2), '      ');
        traceTexts.set(trace, item);
      }
    } else {
      // As in JSON.stringify, an array item that JSON has no text for is `null`.
      item = nested(JSON.stringify(trace, null, 2) ?? 'null', '      ');
    }
    output.write(i === 0 ? '[\n      ' : ',\n      ');
    output.write(item);
  }
  output.write('\n    ]');
}

/** Whether two parsed JSON values are equal: same types, same array items, same keys in the same order, same values. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // Parsed JSON objects have only own, enumerable properties, which is what `for...in` visits, in
  // `Object.keys` order: the keys of `b` are compared with those of `a` without a second array.
  const keys = Object.keys(a);
  let count = 0;
  for (const key in b) if (key !== keys[count++]) return false;
  if (count !== keys.length) return false;
  for (const key of keys) if (!jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * Replaces each policy document of a request that equals (as JSON, key order included) the document
 * in the same place of the previous request by that very object, so that the evaluator's statement
 * memo recognises statements it has already evaluated: the requests of a batch usually carry
 * identical policies, each parsed into objects of its own. The evaluator reads nothing but the JSON
 * content, so its answers do not change; nothing changes the documents afterwards. `request` must
 * have passed the nesting bound (jsonEqual recurses).
 */
function sharePolicyDocuments(request: unknown, documents: SharedDocuments): void {
  if (!isJsonObject(request)) return;
  // The document last seen in each place: by field, by index in `identityPolicies`, by level and index in `scps` and `rcps`.
  const share = (container: Record<string, unknown> | unknown[], key: string | number, last: Map<string | number, unknown>) => {
    const value: unknown = (container as Record<string | number, unknown>)[key];
    if (typeof value !== 'object' || value === null) return;
    const previous = last.get(key);
    if (previous !== undefined && previous !== value && jsonEqual(previous, value)) (container as Record<string | number, unknown>)[key] = previous;
    else last.set(key, value);
  };
  for (const field of SINGLE_POLICY_FIELDS) if (request[field] !== undefined) share(request, field, documents.single);
  const identity = request['identityPolicies'];
  if (Array.isArray(identity)) for (let i = 0; i < identity.length; i++) share(identity, i, documents.identity);
  for (const field of ['scps', 'rcps'] as const) {
    const levels = request[field];
    if (!Array.isArray(levels)) continue;
    for (let i = 0; i < levels.length; i++) {
      const level: unknown = levels[i];
      if (!Array.isArray(level)) continue;
      let last = documents[field][i];
      if (last === undefined) documents[field][i] = last = new Map();
      for (let j = 0; j < level.length; j++) share(level, j, last);
    }
  }
}

/** One answer: its JSON, and its `--explain` text, written only when asked for. */
type SimulateResult = { json: unknown; text: () => string } | { error: string };

function simulateOne(json: unknown, options: Options, batch: BatchState): SimulateResult {
  sharePolicyDocuments(json, batch.documents);
  const parsed = parseSimulationRequest(json);
  if (!parsed.request) return { error: parsed.errors.map((e) => `  - ${e}`).join('\n') };
  let request: EvaluationRequest = parsed.request;
  let derived: string[] | undefined;
  if (options.deriveContext) {
    const result = deriveContext(request);
    request = { ...request, context: result.context };
    derived = result.derived;
  }
  const evaluated = evaluate(request, batch.options);
  const answer: EvaluationAnswer = parsed.warnings?.length ? { ...evaluated, warnings: [...parsed.warnings, ...evaluated.warnings] } : evaluated;
  const out = derived ? { ...answer, derivedContext: derived, context: request.context ?? {} } : answer;
  return { json: out, text: () => explainAnswer(answer, derived) };
}

/** The readable form `--explain` prints: the explanation, the derived keys and the statement trace. */
export function explainAnswer(answer: EvaluationAnswer, derived?: readonly string[]): string {
  const lines: string[] = [answer.explanation];
  if (derived) {
    lines.push('', derived.length > 0 ? 'Derived context:' : 'Derived context: nothing (every derivable key was already set or is unknowable).');
    for (const d of derived) lines.push(`  ${d}`);
  }
  if (answer.statements.length > 0) {
    lines.push('', 'Statements:');
    for (const s of answer.statements) lines.push(...describeTrace(s));
  }
  if (answer.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of answer.warnings) lines.push(`  - ${w}`);
  }
  if (answer.errors.length > 0) {
    lines.push('', 'Errors:');
    for (const e of answer.errors) lines.push(`  - ${e}`);
  }
  return lines.join('\n') + '\n';
}

function mark(value: boolean): string {
  return value ? 'yes' : 'no';
}

function describeTrace(s: StatementTrace): string[] {
  const name = s.sid ? `\`${s.sid}\` (index ${s.statementIndex})` : `index ${s.statementIndex}`;
  const principal = s.principalMatched === undefined ? '' : `, principal ${mark(s.principalMatched)}`;
  const lines = [
    `  [${s.policyRole}] \`${s.policyId}\` statement ${name}, ${s.effect}: ${s.applies ? 'APPLIES' : 'does not apply'} (action ${mark(s.actionMatched)}, resource ${mark(s.resourceMatched)}${principal})`,
  ];
  for (const c of s.conditions) lines.push(`      ${c.matched ? 'true ' : 'false'} ${c.explanation}`);
  return lines;
}

/** The command entry for the CLI dispatcher's table. */
export const simulateCommand = {
  name: 'simulate',
  usage: SIMULATE_USAGE,
  run: runSimulate,
} as const;
