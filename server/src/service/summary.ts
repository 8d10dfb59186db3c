/**
 * The policy summary in words: a one-line headline (for the code lens), markdown (for the summary
 * view) and plain text (for the CLI), all rendered from the pure model of iam/summary.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { summarizePolicy, type AllServicesAccess, type ConditionText, type EffectSummary, type PolicySummary, type ServiceAccess } from '../iam/summary/policySummary';
import type { DocumentAnalysis } from './documentAnalysis';
import { accessHeadline, summarizeAccess } from '../iam/summary/accessSummary';
import { accessSummaryMarkdown } from './accessReport';
import { plural } from './plural';

/** The command the summary code lens runs; its argument is the document uri. */
export const SHOW_SUMMARY_COMMAND = 'iamPolicy.showSummary';

;

/** A short name for a service in the headline: `S3` for `Amazon S3`, else the prefix. */
function shortName(s: ServiceAccess): string {
  const abbreviation = /\(([A-Z0-9][A-Za-z0-9 ]{1,15})\)$/.exec(s.name);
  if (abbreviation) return abbreviation[1]!;
  const stripped = s.name.replace(/^(Amazon|AWS)\s+/, '');
  return stripped.length <= 24 ? stripped : s.prefix;
}

/** `Full access`, or `Full: List, Read; Limited: Write` in the console's style. */
export function accessText(s: ServiceAccess): string {
  if (s.full) return 'Full access';
  const full = s.levels.filter((l) => l.granted === l.total).map((l) => l.level);
  const limited = s.levels.filter((l) => l.granted < l.total).map((l) => l.level);
  const parts: string[] = [];
  if (full.length > 0) parts.push(`Full: ${full.join(', ')}`);
  if (limited.length > 0) parts.push(`Limited: ${limited.join(', ')}`);
  if (s.except) parts.push(`all except ${plural(s.totalActions - s.actionCount, 'action')}`);
  return parts.join('; ') || 'No known actions';
}

function conditionText(c: ConditionText): string {
  return `${c.operator} ${c.key}: ${c.values.join(', ')}`;
}

/** The one-line headline of a summary, e.g. `3 services, Full access to S3, Limited: Read to EC2`. */
export function summaryHeadline(summary: PolicySummary): string {
  const allow = summary.allow;
  const parts: string[] = [];
  if (allow.allServices) {
    parts.push(allow.allServices.except.length === 0 ? 'Full access to all services' : `All services except ${plural(allow.allServices.except.length, 'action pattern')}`);
  } else {
    parts.push(plural(allow.services.length, 'service'));
  }
  for (const s of allow.services.slice(0, 3)) parts.push(`${accessText(s)} to ${shortName(s)}`);
  if (allow.services.length > 3) parts.push(`${allow.services.length - 3} more`);
  const denied = summary.deny.services.length + (summary.deny.allServices ? 1 : 0);
  if (denied > 0) parts.push(`denies ${summary.deny.allServices ? 'all services' : plural(summary.deny.services.length, 'service')}`);
  if (summary.allow.services.length === 0 && !allow.allServices && denied === 0) return 'Grants nothing';
  return parts.join(', ');
}

function levelsMarkdown(s: ServiceAccess): string {
  return s.levels.map((l) => `${l.level} ${l.granted}/${l.total}`).join(', ');
}

function effectMarkdown(title: string, effect: EffectSummary): string[] {
  const lines: string[] = [];
  if (effect.services.length === 0 && !effect.allServices) return lines;
  lines.push(`## ${title}`, '');
  if (effect.allServices) lines.push(...allServicesMarkdown(effect.allServices), '');
  if (effect.services.length > 0) {
    lines.push('| Service | Access | Actions by level | Resources | Conditions |', '|---|---|---|---|---|');
    for (const s of effect.services) {
      const resources = s.resources.length === 0 ? '_none_' : s.resources.map((r) => `\`${r}\``).join('<br>');
      const conditions = s.conditions.length === 0 ? 'None' : s.conditions.map((c) => `\`${conditionText(c)}\``).join('<br>');
      const except = s.except ? `<br>except ${s.except.map((a) => `\`${a}\``).join(', ')}` : '';
      lines.push(`| ${s.name} (\`${s.prefix}\`) | ${accessText(s)}${except} | ${levelsMarkdown(s)} | ${resources} | ${conditions} |`);
    }
    lines.push('');
  }
  return lines;
}

function allServicesMarkdown(all: AllServicesAccess): string[] {
  const lines = [all.except.length === 0 ? '**All actions of all services** (`*`)' : `**All actions of all services except** ${all.except.map((p) => `\`${p}\``).join(', ')}`];
  lines.push(`- Resources: ${all.resources.length === 0 ? '_none_' : all.resources.map((r) => `\`${r}\``).join(', ')}`);
  lines.push(`- Conditions: ${all.conditions.length === 0 ? 'None' : all.conditions.map((c) => `\`${conditionText(c)}\``).join(', ')}`);
  return lines;
}

/** The summary as markdown. */
export function summaryMarkdown(summary: PolicySummary, title = 'Policy summary'): string {
  const lines = [`# ${title}`, '', `${summaryHeadline(summary)}.`, '', `${plural(summary.statementCount, 'statement')}.`, ''];
  lines.push(...effectMarkdown('Allowed', summary.allow));
  lines.push(...effectMarkdown('Denied', summary.deny));
  if (summary.unknownActions.length > 0) lines.push('## Unrecognised actions', '', ...summary.unknownActions.map((a) => `- \`${a}\``), '');
  return lines.join('\n');
}

function effectText(title: string, effect: EffectSummary): string[] {
  const lines: string[] = [];
  if (effect.services.length === 0 && !effect.allServices) return lines;
  lines.push(`${title}:`);
  if (effect.allServices) {
    const all = effect.allServices;
    lines.push(`  All services${all.except.length > 0 ? ` except ${all.except.join(', ')}` : ''}`);
    if (all.resources.length > 0) lines.push(`    resources: ${all.resources.join(', ')}`);
    for (const c of all.conditions) lines.push(`    condition: ${conditionText(c)}`);
  }
  for (const s of effect.services) {
    lines.push(`  ${s.name} (${s.prefix}): ${accessText(s)} [${levelsMarkdown(s)}]`);
    if (s.except) lines.push(`    except: ${s.except.join(', ')}`);
    if (s.resources.length > 0) lines.push(`    resources: ${s.resources.join(', ')}`);
    for (const c of s.conditions) lines.push(`    condition: ${conditionText(c)}`);
  }
  return lines;
}

/** The summary as plain text (CLI). */
export function summaryText(summary: PolicySummary): string {
  const lines = [`Policy summary: ${summaryHeadline(summary)}`, ''];
  lines.push(...effectText('Allow', summary.allow));
  lines.push(...effectText('Deny', summary.deny));
  if (summary.unknownActions.length > 0) lines.push('Unrecognised actions:', ...summary.unknownActions.map((a) => `  ${a}`));
  return lines.join('\n').trimEnd() + '\n';
}

/** A template's own account is not another account (ExternalAccessOptions.hostAccount). */
function accessOptions(analysis: DocumentAnalysis): { hostAccount?: string } {
  return analysis.hostAccount ? { hostAccount: analysis.hostAccount } : {};
}

/** The markdown summary of an analysed document, for PolicySummaryRequest. */
export function getSummaryMarkdown(analysis: DocumentAnalysis): string {
  if (analysis.role !== 'policy') return '# Policy summary\n\nThis document is not an IAM policy.';
  const markdown = summaryMarkdown(summarizePolicy(analysis.parse.document));
  if (!analysis.kind) return markdown;
  // Who can get in (resource and trust policies) or the risks (identity policies), as `iam-policy summary` shows them.
  const access = accessSummaryMarkdown(summarizeAccess(analysis.parse.document, analysis.kind.kind, accessOptions(analysis)));
  return access.length > 0 ? `${markdown.trimEnd()}\n\n${access.join('\n')}\n` : markdown;
}

/** The code lens at the top of a policy document. */
export function getSummaryCodeLenses(document: TextDocument, analysis: DocumentAnalysis): CodeLens[] {
  if (analysis.role !== 'policy' || analysis.parse.document.statements.length === 0) return [];
  const summary = summarizePolicy(analysis.parse.document);
  const root = analysis.parse.document.root;
  const start = document.positionAt(root?.offset ?? 0);
  const access = analysis.kind ? accessHeadline(summarizeAccess(analysis.parse.document, analysis.kind.kind, accessOptions(analysis))) : undefined;
  return [
    {
      range: { start, end: start },
      command: { title: `Policy summary: ${summaryHeadline(summary)}${access ? ` · ${access}` : ''}`, command: SHOW_SUMMARY_COMMAND, arguments: [document.uri] },
    },
  ];
}
