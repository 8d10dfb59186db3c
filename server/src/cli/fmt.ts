/**
 * `iam-policy fmt [--check] [--shrink] [--type KIND] [--indent N|tab] <file|dir|->...`: formats
 * standalone policy files in place with the checked formatter (`iam/format/`), or with `--shrink`
 * rewrites them in their smallest form of the same access. `--check` writes nothing and exits 1 when a
 * file would change. Exit codes as everywhere: 0 done (nothing to change with `--check`), 1 a file
 * would change (`--check`) or could not be formatted (syntax errors, access not provably the same, not
 * a policy), 2 bad usage or a file that cannot be read or written.
 */
import * as path from 'node:path';
import { isPolicyKind, resolvePolicyKind, type PolicyKind } from '../iam/document/policyKind';
import { parsePolicy } from '../iam/document/parse';
import { DEFAULT_INDENT, formatPolicy, shrinkPolicy, type IndentOptions } from '../iam/format';
import { isScenarioPath, kindFromSettings } from '../service/documentAnalysis';
import { DEFAULT_SETTINGS } from '../settings';
import { describeReadError, walkFiles, type CliIo } from './cliIo';
import type { CliCommand } from './commands';

const FMT_USAGE = 'iam-policy fmt [--check] [--shrink] [--type auto|identity|resource|trust|scp|rcp|boundary|session] [--indent N|tab] <file|dir|->...';

interface FmtOptions {
  check: boolean;
  shrink: boolean;
  type: PolicyKind | 'auto';
  indent: IndentOptions;
  targets: string[];
}

function parseFmtArgs(argv: readonly string[]): FmtOptions | string {
  const options: FmtOptions = { check: false, shrink: false, type: 'auto', indent: DEFAULT_INDENT, targets: [] };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--check') options.check = true;
    else if (flag === '--shrink') options.shrink = true;
    else if (flag === '--type' || flag === '--indent') {
      const value = inline ?? argv[++index];
      if (value === undefined) return `${flag} needs a value.`;
      if (flag === '--type') {
        if (value !== 'auto' && !isPolicyKind(value)) return `Unknown policy type \`${value}\`: use auto, identity, resource, trust, scp, rcp, boundary or session.`;
        options.type = value;
      } else if (value === 'tab') {
        options.indent = { tabSize: 1, insertSpaces: false };
      } else if (/^[0-8]$/.test(value)) {
        options.indent = { tabSize: Number(value), insertSpaces: true };
      } else {
        return `Unknown indent \`${value}\`: use a number of spaces from 0 to 8, or tab.`;
      }
    } else if (arg === '--') {
      options.targets.push(...argv.slice(index + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `Unknown option \`${arg}\`.`;
    } else {
      options.targets.push(arg);
    }
  }
  if (options.targets.length === 0) return 'No files given (use `-` for standard input).';
  if (options.targets.includes('-') && options.targets.length > 1) return '`-` (standard input) cannot be combined with files.';
  return options;
}

/** Policy files of a directory, recursively: `*.json`/`*.jsonc` without scenario files; non-policies are left out later. */
function collectPolicyFiles(io: CliIo, target: string, out: Array<{ path: string; explicit: boolean }>): void {
  for (const file of walkFiles(io, target, (base) => /\.jsonc?$/i.test(base) && !isScenarioPath(base))) out.push({ path: file, explicit: false });
}

type Outcome = { kind: 'unchanged' } | { kind: 'changed'; text: string; note?: string } | { kind: 'skipped' } | { kind: 'refused'; reason: string };

/** Formats or shrinks one text. */
function formatOne(text: string, filePath: string, options: FmtOptions, explicit: boolean): Outcome {
  const document = parsePolicy(text).document;
  const isPolicy = document.root?.type === 'object' && document.properties.some((property) => property.key === 'Statement');
  if (!isPolicy) return explicit ? { kind: 'refused', reason: 'not a standalone IAM policy (no `Statement`): templates and scenario files are not formatted' } : { kind: 'skipped' };
  const fromSetting = kindFromSettings(filePath, DEFAULT_SETTINGS);
  const kind = options.type !== 'auto' ? options.type : resolvePolicyKind(document, undefined, fromSetting === 'auto' ? undefined : fromSetting).kind;
  if (options.shrink) {
    const shrunk = shrinkPolicy(text, kind);
    if (shrunk.ok) return { kind: 'changed', text: shrunk.text, note: `${shrunk.before} → ${shrunk.after} characters${shrunk.quota !== undefined ? ` (quota ${shrunk.quota})` : ''}` };
    return shrunk.reason.includes('already as small') ? { kind: 'unchanged' } : { kind: 'refused', reason: shrunk.reason };
  }
  const formatted = formatPolicy(text, { indent: options.indent, kind });
  if (!formatted.ok) return { kind: 'refused', reason: formatted.reason };
  return formatted.changed ? { kind: 'changed', text: formatted.text } : { kind: 'unchanged' };
}

/** Runs `iam-policy fmt` with the arguments after `fmt`. Returns the exit code. */
function runFmt(argv: readonly string[], io: CliIo): number {
  const options = parseFmtArgs(argv);
  if (typeof options === 'string') {
    io.stderr(`iam-policy fmt: ${options}\nUsage: ${FMT_USAGE}\n`);
    return 2;
  }
  if (options.targets[0] === '-') {
    let text: string;
    try {
      text = io.readStdin();
    } catch (error) {
      io.stderr(`iam-policy fmt: cannot read standard input: ${describeReadError(error)}\n`);
      return 2;
    }
    const outcome = formatOne(text, '<stdin>', options, true);
    if (outcome.kind === 'refused') {
      io.stderr(`iam-policy fmt: <stdin>: ${outcome.reason}\n`);
      // The input goes through unchanged, so that a pipe never loses the text.
      if (!options.check) io.stdout(text);
      return 1;
    }
    if (options.check) {
      if (outcome.kind === 'changed') io.stdout(`<stdin>${outcome.note ? `: ${outcome.note}` : ''}\n`);
      return outcome.kind === 'changed' ? 1 : 0;
    }
    io.stdout(outcome.kind === 'changed' ? outcome.text : text);
    return 0;
  }

  const files: Array<{ path: string; explicit: boolean }> = [];
  let ioError = false;
  for (const target of options.targets) {
    const kind = io.kindOf(target);
    if (kind === 'dir') collectPolicyFiles(io, target, files);
    else if (kind === 'file') files.push({ path: target, explicit: true });
    else {
      io.stderr(`iam-policy fmt: cannot read \`${target}\`: ${kind === 'other' ? 'not a regular file' : 'no such file'}\n`);
      ioError = true;
    }
  }
  let changed = 0;
  let refused = 0;
  for (const file of files) {
    const display = path.isAbsolute(file.path) ? file.path : path.normalize(file.path);
    let text: string;
    try {
      text = io.readFile(file.path);
    } catch (error) {
      io.stderr(`iam-policy fmt: cannot read \`${display}\`: ${describeReadError(error)}\n`);
      ioError = true;
      continue;
    }
    const outcome = formatOne(text, display, options, file.explicit);
    if (outcome.kind === 'refused') {
      io.stderr(`iam-policy fmt: ${display}: ${outcome.reason}\n`);
      refused++;
      continue;
    }
    if (outcome.kind !== 'changed') continue;
    if (!options.check) {
      try {
        if (!io.writeFile) throw new Error('writing files is not available');
        io.writeFile(file.path, outcome.text);
      } catch (error) {
        io.stderr(`iam-policy fmt: cannot write \`${display}\`: ${describeReadError(error)}\n`);
        ioError = true;
        continue;
      }
    }
    changed++;
    io.stdout(`${display}${outcome.note ? `: ${outcome.note}` : ''}\n`);
  }
  if (files.length === 0 && !ioError) io.stderr('iam-policy fmt: no policy files found.\n');
  if (ioError) return 2;
  return refused > 0 || (options.check && changed > 0) ? 1 : 0;
}

/** The `fmt` entry of the CLI's command table. */
export const fmtCommand: CliCommand = { name: 'fmt', usage: FMT_USAGE, run: runFmt };
