/**
 * `iam-policy lint`: validates policy files with the same engine as the editor and prints findings
 * as text, JSON or SARIF. Exit 1 when any error was found, 0 otherwise, 2 for bad usage.
 */
import * as path from 'node:path';
import { isPolicyKind, type PolicyKind } from '../iam/document/policyKind';
import { parsePolicy } from '../iam/document/parse';
import { looksLikePolicy, resolvePolicyKind } from '../iam/document/policyKind';
import { compareCodes, severityOfCategory, validatePolicy, type Finding, type Severity } from '../iam/validate';
import { kindFromSettings, isScenarioPath } from '../service/documentAnalysis';
import { DEFAULT_SETTINGS } from '../settings';
import { describeReadError, walkFiles, type CliIo } from './cliIo';
import { linePositions } from './linePositions';
import { toSarif } from './sarif';
import { analyzeHostDocument, TEMPLATE_EXTENSIONS, TERRAFORM_EXTENSION, type HostFormat } from '../iam/sources/hostDocument';
import { terraformReady } from '../iam/sources/terraform/terraformPolicies';
import { expandSamTemplateNode } from '../iam/sources/cloudformation/samExpansion';

export const LINT_USAGE = `Usage: iam-policy lint [--type auto|identity|resource|trust|scp|rcp|boundary|session] [--format text|json|sarif] <file|dir>...`;

/** One finding in the JSON output (0-based lines and characters, as in LSP). */
export interface LintFinding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: LintRange;
  /** The pointer of the policy the finding is about (`""` for a standalone policy file). */
  readonly policy?: string;
}

type LintRange = { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };

/** One policy of a file: a standalone policy (pointer `""`) or a policy embedded in a template. */
export interface LintedPolicy {
  readonly pointer: string;
  readonly kind: PolicyKind;
  /** The template resource type that holds the policy (`AWS::IAM::Role`), null for a standalone policy. */
  readonly resourceType: string | null;
  /** The resource type the policy applies to, when the template says (`AWS::S3::Bucket` for a bucket policy). */
  readonly attachedResourceType?: string;
  readonly label?: string;
  readonly range: LintRange;
}

export interface LintedFile {
  readonly path: string;
  readonly policyType: PolicyKind | null;
  /** `policy` for a standalone policy file, else the template format. */
  readonly format?: HostFormat;
  readonly policies?: LintedPolicy[];
  readonly findings: LintFinding[];
  /** Set when the file could not be read. */
  readonly error?: string;
}

/** A command-line target: a directory's policy files and templates, or the file itself. */
function collectFiles(io: CliIo, target: string, out: Array<{ path: string; explicit: boolean }>): void {
  if (io.kindOf(target) !== 'dir') {
    out.push({ path: target, explicit: true });
    return;
  }
  for (const file of walkFiles(io, target, (base) => (/\.jsonc?$/i.test(base) || TEMPLATE_EXTENSIONS.test(base)) && !isScenarioPath(base))) out.push({ path: file, explicit: false });
}

interface LintOptions {
  type: PolicyKind | 'auto';
  format: 'text' | 'json' | 'sarif';
  targets: string[];
}

function parseLintArgs(argv: readonly string[]): LintOptions | string {
  const options: LintOptions = { type: 'auto', format: 'text', targets: [] };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--type' || flag === '--format') {
      const value = inline ?? argv[++index];
      if (value === undefined) return `${flag} needs a value.`;
      if (flag === '--type') {
        if (value !== 'auto' && !isPolicyKind(value)) return `Unknown policy type \`${value}\`: use auto, identity, resource, trust, scp, rcp, boundary or session.`;
        options.type = value;
      } else {
        if (value !== 'text' && value !== 'json' && value !== 'sarif') return `Unknown format \`${value}\`: use text, json or sarif.`;
        options.format = value;
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
  if (options.targets.length === 0) return 'No files given.';
  return options;
}

/** Lints one text; exported for tests and for the benchmark. */
export function lintText(text: string, filePath: string, type: PolicyKind | 'auto', explicit = true): LintedFile | undefined {
  const fromSetting = kindFromSettings(filePath, DEFAULT_SETTINGS);
  // A template is a template whatever its name: the policy-type globs name standalone policies.
  if (TEMPLATE_EXTENSIONS.test(filePath) || !/\.jsonc?$/i.test(filePath)) {
    const template = lintTemplate(text, filePath);
    if (template) return template;
    // A YAML file that is not a template is not ours, even when named explicitly.
    if (/\.ya?ml$/i.test(filePath)) return undefined;
  }
  const parse = parsePolicy(text);
  if (type === 'auto' && !explicit && fromSetting === undefined && !looksLikePolicy(parse.document)) return undefined;
  const kind = type === 'auto' ? resolvePolicyKind(parse.document, undefined, fromSetting === 'auto' ? undefined : fromSetting).kind : type;
  const result = validatePolicy(parse, { kind });
  const positionAt = linePositions(text);
  const findings = result.findings.map((finding): LintFinding => ({
    code: finding.code,
    severity: severityOfCategory(finding.category),
    message: finding.message,
    range: { start: positionAt(finding.span.offset), end: positionAt(finding.span.offset + finding.span.length) },
    policy: '',
  }));
  // The policy's range (the whole file) is placed only when an output reads it: placing the end of a
  // file finds all its line starts, which the text output, and a file without findings, never need.
  let end: LintRange['end'] | undefined;
  const policy: LintedPolicy = {
    pointer: '',
    kind,
    resourceType: null,
    get range(): LintRange {
      return { start: { line: 0, character: 0 }, end: (end ??= positionAt(text.length)) };
    },
  };
  return { path: filePath, policyType: kind, format: 'policy', policies: [policy], findings };
}

/** Per linted Terraform file: the policy files it reads with `file()` / `templatefile()`. */
const linkedPolicyFiles = new Map<string, Array<{ path: string; kind?: PolicyKind }>>();

/** Lints a CloudFormation/SAM template: every embedded policy, findings at their template lines. */
function lintTemplate(text: string, filePath: string): LintedFile | undefined {
  if (TERRAFORM_EXTENSION.test(filePath) && !terraformReady()) return { path: filePath, policyType: null, format: 'terraform', policies: [], findings: [], error: `cannot read \`${filePath}\`: the Terraform parser is not loaded` };
  const host = analyzeHostDocument(text, { expandSamTemplate: expandSamTemplateNode }, filePath);
  if (!host) return TERRAFORM_EXTENSION.test(filePath) ? { path: filePath, policyType: null, format: 'terraform', policies: [], findings: [] } : undefined;
  const positionAt = linePositions(text);
  const range = (start: number, end: number): LintRange => ({ start: positionAt(start), end: positionAt(end) });
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding, pointer: string) => {
    // A statement merged into several Terraform documents is one finding, on its first policy.
    const key = `${finding.code}\u0000${finding.span.offset}\u0000${finding.span.length}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ code: finding.code, severity: severityOfCategory(finding.category), message: finding.message, range: range(finding.span.offset, finding.span.offset + finding.span.length), policy: pointer });
  };
  for (const policy of host.policies) for (const finding of policy.findings) add(finding, policy.policy.pointer);
  // What belongs to the file rather than to one policy (a syntax error outside every policy): pointer "".
  for (const finding of host.findings) add(finding, '');
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareCodes(a.code, b.code));
  const policies = host.policies.map((policy): LintedPolicy => ({
    pointer: policy.policy.pointer,
    kind: policy.kind.kind,
    resourceType: policy.policy.hostResourceType ?? null,
    ...(policy.policy.attachedResourceType ? { attachedResourceType: policy.policy.attachedResourceType } : {}),
    label: policy.policy.label,
    range: range(policy.policy.range.start, policy.policy.range.end),
  }));
  const linked = host.policyFiles.filter((file) => file.path !== undefined && file.function === 'file').map((file) => ({ path: file.path!, ...(file.kind ? { kind: file.kind } : {}) }));
  if (linked.length > 0) linkedPolicyFiles.set(filePath, linked);
  const kinds = new Set(policies.map((policy) => policy.kind));
  return { path: filePath, policyType: kinds.size === 1 ? [...kinds][0]! : null, format: host.format, policies, findings };
}

/** Runs `iam-policy lint` with the arguments after `lint`. Returns the exit code. */
export function runLint(argv: readonly string[], io: CliIo): number {
  const options = parseLintArgs(argv);
  if (typeof options === 'string') {
    io.stderr(`iam-policy lint: ${options}\n${LINT_USAGE}\n`);
    return 2;
  }
  const files: Array<{ path: string; explicit: boolean; kind?: PolicyKind }> = [];
  for (const target of options.targets) collectFiles(io, target, files);
  const results: LintedFile[] = [];
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    const display = path.isAbsolute(file.path) ? file.path : path.normalize(file.path);
    let text: string;
    try {
      text = io.readFile(file.path);
    } catch (error) {
      results.push({ path: display, policyType: null, findings: [], error: `cannot read \`${display}\`: ${describeReadError(error)}` });
      continue;
    }
    const linted = lintText(text, display, file.kind ?? options.type, file.explicit);
    if (linted) results.push(linted);
    // Policy files a Terraform module reads with file() are linted with the kind their use gives them.
    for (const linked of linkedPolicyFiles.get(display) ?? []) {
      const target = path.join(path.dirname(file.path), linked.path);
      const existing = files.findIndex((candidate) => path.resolve(candidate.path) === path.resolve(target));
      if (existing > index) files[existing] = { ...files[existing]!, kind: linked.kind ?? files[existing]!.kind, explicit: true };
      else if (existing < 0) files.push({ path: target, explicit: true, kind: linked.kind });
    }
  }

  const unreadable = results.filter((result) => result.error);
  for (const result of unreadable) io.stderr(`iam-policy lint: ${result.error}\n`);
  const all = results.flatMap((result) => result.findings);
  const errors = all.filter((finding) => finding.severity === 'error').length;

  if (options.format === 'json') {
    const files = results.filter((result) => !result.error).map(({ path: filePath, policyType, format, policies, findings }) => ({ path: filePath, policyType, format, policies, findings }));
    io.stdout(`${JSON.stringify({ files }, null, 2)}\n`);
  } else if (options.format === 'sarif') {
    io.stdout(`${JSON.stringify(toSarif(results.filter((result) => !result.error), io.cwd()), null, 2)}\n`);
  } else {
    // Written in chunks of about 64 KB, not a write (a system call) per finding.
    let chunk = '';
    for (const result of results) {
      for (const finding of result.findings) {
        chunk += `${result.path}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.severity} ${finding.code} ${finding.message}\n`;
        if (chunk.length >= 65_536) {
          io.stdout(chunk);
          chunk = '';
        }
      }
    }
    if (chunk !== '') io.stdout(chunk);
    const warnings = all.filter((finding) => finding.severity === 'warning').length;
    const infos = all.length - errors - warnings;
    const linted = results.length - unreadable.length;
    io.stdout(`${linted} file${linted === 1 ? '' : 's'} linted: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info${unreadable.length ? `; ${unreadable.length} unreadable` : ''}\n`);
  }
  if (files.length === 0) io.stderr('iam-policy lint: no policy files found.\n');
  return errors > 0 || unreadable.length > 0 ? 1 : 0;
}
