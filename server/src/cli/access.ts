/**
 * `iam-policy diff` and `iam-policy check`: the access analyses for CI.
 *   iam-policy diff OLD NEW [--type ...] [--format text|json|markdown] [--fail-on-new-access]
 *   iam-policy diff --git REF FILE [same options]
 *   iam-policy check FILE (--not-granted ACTION[,ACTION...] [--resource ARN]... | --no-public-access) [--type ...] [--format ...]
 * Exit codes: diff 0, or 1 with --fail-on-new-access when the verdict is not `no-new-access`;
 * check 1 when a check fails or cannot be decided; 2 for bad usage or unreadable input.
 */
import * as path from 'node:path';
import { checkNoPublicAccess, checkNotGranted, diffAccess, type PolicyCheck } from '../iam/access';
import type { PolicyDocument } from '../iam/document/model';
import { parsePolicy } from '../iam/document/parse';
import { isPolicyKind, resolvePolicyKind, type PolicyKind } from '../iam/document/policyKind';
import { checksMarkdown, checksText, diffMarkdown, diffText, templateDiffMarkdown, templateDiffText } from '../service/accessReport';
import { kindFromSettings } from '../service/documentAnalysis';
import { DEFAULT_SETTINGS } from '../settings';
import { describeReadError, type CliIo } from './cliIo';
import { diffTemplates, type TemplateAccessDiff } from '../service/templateAccessDiff';
import { TEMPLATE_EXTENSIONS } from '../iam/sources/hostDocument';
import { readTemplateFile } from './templateInput';
import { checkTemplatePolicies, templateCheck, worstResult } from '../service/templatePolicies';
import type { CliCommand } from './commands';

const DIFF_USAGE = 'iam-policy diff OLD NEW | --git REF FILE [--type auto|identity|resource|trust|scp|rcp|boundary|session] [--format text|json|markdown] [--fail-on-new-access]';
const CHECK_USAGE = 'iam-policy check FILE --not-granted ACTION[,ACTION...] [--resource ARN]... | --no-public-access [--type ...] [--format text|json|markdown]';

type Format = 'text' | 'json' | 'markdown';

interface Common {
  type: PolicyKind | 'auto';
  format: Format;
}

/** Reads `--type` and `--format`; returns an error message, `undefined` when the flag is not one of them. */
function commonFlag(flag: string, value: string | undefined, into: Common): string | undefined | true {
  if (flag !== '--type' && flag !== '--format') return undefined;
  if (value === undefined) return `\`${flag}\` needs a value`;
  if (flag === '--type') {
    if (value !== 'auto' && !isPolicyKind(value)) return `unknown policy type \`${value}\`: use auto, identity, resource, trust, scp, rcp, boundary or session`;
    into.type = value;
  } else {
    if (value !== 'text' && value !== 'json' && value !== 'markdown') return `unknown format \`${value}\`: use text, json or markdown`;
    into.format = value;
  }
  return true;
}

function splitFlag(arg: string): [string, string | undefined] {
  return arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
}

function kindFor(document: PolicyDocument, file: string, type: PolicyKind | 'auto'): PolicyKind {
  if (type !== 'auto') return type;
  const fromSetting = kindFromSettings(file, DEFAULT_SETTINGS);
  return resolvePolicyKind(document, undefined, fromSetting === 'auto' ? undefined : fromSetting).kind;
}

/** Parses a policy text, or returns a message naming the JSON problem. */
function readPolicy(text: string, name: string): PolicyDocument | string {
  const parsed = parsePolicy(text);
  const syntax = parsed.problems.find((p) => p.kind === 'syntax');
  if (syntax || !parsed.document.root || parsed.document.root.type !== 'object') return `\`${name}\` is not a JSON policy object${syntax ? ` (${syntax.message})` : ''}`;
  return parsed.document;
}

/**
 * The JSON of a template diff: the fields of a policy diff for the whole template (each group and
 * undecided entry with the `policy` it belongs to; `policyType` null, as `lint` says for a template),
 * and `policies`, each policy's own diff with its `pointer`, `label`, `policyType` and `change`.
 */
function templateDiffJson(diff: TemplateAccessDiff, oldName: string, newName: string) {
  const tagged = <T extends object>(pick: (p: TemplateAccessDiff['policies'][number]) => readonly T[]) => diff.policies.flatMap((p) => pick(p).map((entry) => ({ policy: p.pointer, ...entry })));
  return {
    old: oldName,
    new: newName,
    format: diff.format,
    policyType: null,
    verdict: diff.verdict,
    newAccess: tagged((p) => p.newAccess),
    removedAccess: tagged((p) => p.removedAccess),
    undecided: tagged((p) => p.undecided),
    unreadable: { old: tagged((p) => p.unreadable.old), new: tagged((p) => p.unreadable.new) },
    policies: diff.policies,
    unchanged: diff.unchanged,
  };
}

/** Runs `iam-policy diff`. */
function runDiff(argv: readonly string[], io: CliIo): number {
  const options: Common = { type: 'auto', format: 'text' };
  let failOnNew = false;
  let gitRef: string | undefined;
  const files: string[] = [];
  const usage = (message: string) => {
    io.stderr(`iam-policy diff: ${message}.\nUsage: ${DIFF_USAGE}\n`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]!);
    const common = commonFlag(flag, flag === '--type' || flag === '--format' ? inline ?? argv[++i] : undefined, options);
    if (typeof common === 'string') return usage(common);
    if (common) continue;
    if (flag === '--fail-on-new-access') failOnNew = true;
    else if (flag === '--git') {
      gitRef = inline ?? argv[++i];
      if (!gitRef) return usage('`--git` needs a revision');
    } else if (flag === '--help' || flag === '-h') {
      io.stdout(`Usage: ${DIFF_USAGE}\n`);
      return 0;
    } else if (flag.startsWith('-') && flag !== '-') return usage(`unknown option \`${flag}\``);
    else files.push(flag);
  }
  let oldText: string;
  let newText: string;
  let oldName: string;
  let newName: string;
  if (gitRef !== undefined) {
    if (files.length !== 1) return usage('`--git REF` takes exactly one file');
    if (!io.gitShow) return usage('git is not available here');
    newName = files[0]!;
    oldName = `${gitRef}:${newName}`;
    try {
      oldText = io.gitShow(gitRef, newName);
    } catch (error) {
      io.stderr(`iam-policy diff: cannot read \`${oldName}\` from git (${error instanceof Error ? error.message : String(error)}).\n`);
      return 2;
    }
  } else {
    if (files.length !== 2) return usage(files.length < 2 ? 'give the OLD and the NEW policy file' : 'give exactly two policy files');
    [oldName, newName] = [files[0]!, files[1]!];
    try {
      oldText = io.readFile(oldName);
    } catch (error) {
      io.stderr(`iam-policy diff: cannot read \`${oldName}\` (${describeReadError(error)}).\n`);
      return 2;
    }
  }
  try {
    newText = io.readFile(newName);
  } catch (error) {
    io.stderr(`iam-policy diff: cannot read \`${newName}\` (${describeReadError(error)}).\n`);
    return 2;
  }
  // A template (CloudFormation/SAM, Terraform) is compared policy by policy, at the same places.
  if (TEMPLATE_EXTENSIONS.test(newName)) {
    const template = readTemplateFile(newText, newName);
    if (template && 'error' in template) {
      io.stderr(`iam-policy diff: ${template.error}.\n`);
      return 2;
    }
    const templates = template ? diffTemplates(oldText, newText, newName, template) : undefined;
    if (templates) {
      if (options.format === 'json') io.stdout(`${JSON.stringify(templateDiffJson(templates, oldName, newName), null, 2)}\n`);
      else if (options.format === 'markdown') io.stdout(templateDiffMarkdown(templates, oldName, newName));
      else io.stdout(templateDiffText(templates, oldName, newName));
      return failOnNew && templates.verdict !== 'no-new-access' ? 1 : 0;
    }
    // A YAML file that is not a template holds no policy, as `lint` says: nothing to compare.
    if (!/\.json$/i.test(newName)) {
      if (options.format === 'json') io.stdout(`${JSON.stringify({ old: oldName, new: newName, format: null, policyType: null, verdict: 'no-new-access', newAccess: [], removedAccess: [], undecided: [], unreadable: { old: [], new: [] }, policies: [], unchanged: 0 }, null, 2)}\n`);
      else io.stdout(`${newName} is not a template or a policy: nothing to compare.\n`);
      return 0;
    }
  }
  const oldDoc = readPolicy(oldText, oldName);
  const newDoc = readPolicy(newText, newName);
  for (const doc of [oldDoc, newDoc]) if (typeof doc === 'string') {
    io.stderr(`iam-policy diff: ${doc}.\n`);
    return 2;
  }
  const newDocument = newDoc as PolicyDocument;
  const oldDocument = oldDoc as PolicyDocument;
  const kind = kindFor(newDocument, newName, options.type);
  const diff = diffAccess(oldDocument, newDocument, kind);
  if (options.format === 'json') io.stdout(`${JSON.stringify({ old: oldName, new: newName, policyType: kind, ...diff }, null, 2)}\n`);
  else if (options.format === 'markdown') io.stdout(diffMarkdown(diff, oldName, newName));
  else io.stdout(diffText(diff, oldName, newName));
  return failOnNew && diff.verdict !== 'no-new-access' ? 1 : 0;
}

/** Runs `iam-policy check`. */
function runCheck(argv: readonly string[], io: CliIo): number {
  const options: Common = { type: 'auto', format: 'text' };
  const actions: string[] = [];
  const resources: string[] = [];
  let notGranted = false;
  let noPublic = false;
  const files: string[] = [];
  const usage = (message: string) => {
    io.stderr(`iam-policy check: ${message}.\nUsage: ${CHECK_USAGE}\n`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]!);
    const common = commonFlag(flag, flag === '--type' || flag === '--format' ? inline ?? argv[++i] : undefined, options);
    if (typeof common === 'string') return usage(common);
    if (common) continue;
    if (flag === '--not-granted') {
      const value = inline ?? argv[++i];
      if (!value || value.startsWith('--')) return usage('`--not-granted` needs a comma-separated list of actions');
      for (const a of value.split(',').map((x) => x.trim()).filter(Boolean)) {
        if (!/^[^:\s]+:[^:\s]+$/.test(a) && a !== '*') return usage(`\`${a}\` is not a \`service:Action\` action`);
        actions.push(a);
      }
      notGranted = true;
    } else if (flag === '--resource') {
      const value = inline ?? argv[++i];
      if (!value || value.startsWith('--')) return usage('`--resource` needs an ARN');
      resources.push(value);
    } else if (flag === '--no-public-access') noPublic = true;
    else if (flag === '--help' || flag === '-h') {
      io.stdout(`Usage: ${CHECK_USAGE}\n`);
      return 0;
    } else if (flag.startsWith('-') && flag !== '-') return usage(`unknown option \`${flag}\``);
    else files.push(flag);
  }
  if (files.length !== 1) return usage(files.length === 0 ? 'a policy file is required' : 'give exactly one policy file');
  if (!notGranted && !noPublic) return usage('give `--not-granted ACTIONS` or `--no-public-access`');
  if (resources.length > 0 && !notGranted) return usage('`--resource` goes with `--not-granted`');
  const file = files[0]!;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    io.stderr(`iam-policy check: cannot read \`${file}\` (${describeReadError(error)}).\n`);
    return 2;
  }
  const runChecks = (doc: PolicyDocument, kind: PolicyKind): PolicyCheck[] => [
    ...(notGranted ? [checkNotGranted(doc, kind, actions, resources)] : []),
    ...(noPublic ? [checkNoPublicAccess(doc, kind)] : []),
  ];
  const display = path.normalize(file);
  // A template (CloudFormation/SAM, Terraform): every embedded policy is checked, with the kind its place gives it.
  const host = readTemplateFile(text, file);
  if (host && 'error' in host) {
    io.stderr(`iam-policy check: ${host.error}.\n`);
    return 2;
  }
  if (host) {
    const policies = checkTemplatePolicies(host, runChecks);
    const result = worstResult(policies);
    if (options.format === 'json') {
      // The checks of the whole template, each finding and undecided entry naming its `policy`, then each policy's own.
      const checks = (['not-granted', 'no-public-access'] as const).filter((name) => (name === 'not-granted' ? notGranted : noPublic)).map((name) => templateCheck(policies, name));
      io.stdout(`${JSON.stringify({ file: display, format: host.format, policyType: null, result, checks, policies }, null, 2)}\n`);
    } else {
      const render = options.format === 'markdown' ? checksMarkdown : checksText;
      io.stdout(policies.length === 0 ? `${display}: no policies\n` : policies.map((p) => render(p.checks, `${display}#${p.pointer}`)).join(options.format === 'markdown' ? '\n' : ''));
    }
    return result === 'PASS' ? 0 : 1;
  }
  const doc = readPolicy(text, file);
  if (typeof doc === 'string') {
    io.stderr(`iam-policy check: ${doc}.\n`);
    return 2;
  }
  const kind = kindFor(doc, file, options.type);
  const checks = runChecks(doc, kind);
  const result = worstResult(checks);
  if (options.format === 'json') io.stdout(`${JSON.stringify({ file: display, policyType: kind, result, checks }, null, 2)}\n`);
  else if (options.format === 'markdown') io.stdout(checksMarkdown(checks, display));
  else io.stdout(checksText(checks, display));
  return result === 'PASS' ? 0 : 1;
}

export const diffCommand: CliCommand = { name: 'diff', usage: DIFF_USAGE, run: runDiff };
export const checkCommand: CliCommand = { name: 'check', usage: CHECK_USAGE, run: runCheck };
