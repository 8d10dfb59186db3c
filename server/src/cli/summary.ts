/**
 * `iam-policy summary FILE [--type ...] [--account ID] [--format text|json|markdown]`: prints what a
 * policy grants and denies, per service and access level, and who can get in (resource-based and
 * trust policies) or which risk methods it gives (identity policies). The main CLI dispatcher
 * passes the arguments after `summary`.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePolicy } from '../iam/document/parse';
import { isPolicyKind, resolvePolicyKind, type PolicyKind } from '../iam/document/policyKind';
import { summarizeAccess } from '../iam/summary/accessSummary';
import { summarizePolicy } from '../iam/summary/policySummary';
import { accessSummaryMarkdown, accessSummaryText, blockAfter } from '../service/accessReport';
import { kindFromSettings } from '../service/documentAnalysis';
import { summaryMarkdown, summaryText } from '../service/summary';
import { DEFAULT_SETTINGS } from '../settings';
import { isAccountId } from '../iam/principals/principalParse';
import { readTemplateFile } from './templateInput';
import { summarizeTemplatePolicies } from '../service/templatePolicies';

/** What the command needs from the outside world, so that tests can run it in memory. */
export interface SummaryIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = 'Usage: iam-policy summary FILE [--type auto|identity|resource|trust|scp|rcp|boundary|session] [--account ID] [--format text|json|markdown]\n';
const FORMATS = new Set(['text', 'json', 'markdown']);


/** Runs the command; returns the exit code (0 on success, 2 on bad usage or an unreadable file). */
export function runSummary(argv: string[], io: SummaryIo): number {
  let format = 'text';
  let type: PolicyKind | 'auto' = 'auto';
  let account: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--format' || flag === '-f') {
      const value = inline ?? argv[++i];
      if (value === undefined || !FORMATS.has(value)) {
        io.stderr(`iam-policy summary: \`--format\` must be text, json or markdown${value === undefined ? '' : `, not \`${value}\``}.\n${USAGE}`);
        return 2;
      }
      format = value;
    } else if (flag === '--type') {
      const value = inline ?? argv[++i];
      if (value === undefined || (value !== 'auto' && !isPolicyKind(value))) {
        io.stderr(`iam-policy summary: \`--type\` must be auto, identity, resource, trust, scp, rcp, boundary or session${value === undefined ? '' : `, not \`${value}\``}.\n${USAGE}`);
        return 2;
      }
      type = value;
    } else if (flag === '--account') {
      const value = inline ?? argv[++i];
      if (value === undefined || !isAccountId(value)) {
        io.stderr(`iam-policy summary: \`--account\` must be a 12-digit account id${value === undefined ? '' : `, not \`${value}\``}.\n${USAGE}`);
        return 2;
      }
      account = value;
    } else if (arg === '--help' || arg === '-h') {
      io.stdout(USAGE);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`iam-policy summary: unknown option \`${arg}\`.\n${USAGE}`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) {
    io.stderr(`iam-policy summary: ${files.length === 0 ? 'a policy file is required' : 'give exactly one policy file'}.\n${USAGE}`);
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : error instanceof Error ? error.message : String(error);
    io.stderr(`iam-policy summary: cannot read \`${file}\` (${reason}).\n`);
    return 2;
  }
  // A template (CloudFormation/SAM, Terraform): each embedded policy, with the kind of its place.
  const host = readTemplateFile(text, file);
  if (host && 'error' in host) {
    io.stderr(`iam-policy summary: ${host.error}.\n`);
    return 2;
  }
  if (host) {
    const policies = summarizeTemplatePolicies(host, account);
    if (format === 'json') {
      io.stdout(`${JSON.stringify({ file, format: host.format, policies: policies.map(({ summary, ...rest }) => ({ ...rest, ...summary })) }, null, 2)}\n`);
    } else if (policies.length === 0) {
      io.stdout(`${file}: no policies\n`);
    } else if (format === 'markdown') {
      io.stdout(policies.map((p) => `${summaryMarkdown(p.summary, `${p.label} (${file}#${p.pointer})`)}${blockAfter(accessSummaryMarkdown(p.access))}`).join('\n'));
    } else {
      io.stdout(policies.map((p) => `${p.label} (${file}#${p.pointer}, ${p.policyType}):\n${summaryText(p.summary)}${blockAfter(accessSummaryText(p.access))}`).join('\n'));
    }
    return 0;
  }
  const parsed = parsePolicy(text);
  const syntax = parsed.problems.find((problem) => problem.kind === 'syntax');
  if (syntax || parsed.document.root?.type !== 'object') {
    // A summary of a document that does not parse would describe a policy that is not there.
    io.stderr(`iam-policy summary: \`${file}\` is not a JSON policy object${syntax ? ` (${syntax.message})` : ''}.\n`);
    return 2;
  }
  // A summary of blanked too-deep content would describe a different policy.
  const tooDeep = parsed.problems.filter((problem) => problem.kind === 'depth');
  if (tooDeep.length > 0) {
    const document = TextDocument.create('file:///summary', 'json', 0, text);
    for (const problem of tooDeep) {
      const at = document.positionAt(problem.span.offset);
      io.stderr(`${file}:${at.line + 1}:${at.character + 1}: ${problem.message}\n`);
    }
    io.stderr(`iam-policy summary: \`${file}\` nests JSON too deep to be summarised.\n`);
    return 2;
  }
  const summary = summarizePolicy(parsed.document);
  const fromSetting = kindFromSettings(file, DEFAULT_SETTINGS);
  const kind = type === 'auto' ? resolvePolicyKind(parsed.document, undefined, fromSetting === 'auto' ? undefined : fromSetting).kind : type;
  const access = summarizeAccess(parsed.document, kind, account ? { ownerAccount: account } : {});
  if (format === 'json') io.stdout(`${JSON.stringify({ file, ...summary, access }, null, 2)}\n`);
  else if (format === 'markdown') {
    const extra = accessSummaryMarkdown(access);
    io.stdout(`${summaryMarkdown(summary, `Policy summary: ${file}`)}${extra.length > 0 ? `\n${extra.join('\n')}` : ''}\n`);
  } else {
    const extra = accessSummaryText(access);
    io.stdout(`${summaryText(summary)}${extra.length > 0 ? `\n${extra.join('\n')}\n` : ''}`);
  }
  return 0;
}
