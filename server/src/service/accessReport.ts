/**
 * Wording of the access analyses for people: the access diff and the policy checks as plain text
 * and as a compact Markdown comment for pull requests, and "who can get in" lines for summaries.
 * Pure: data in, text out.
 */
import type { AccessDiff, AccessGroup, ExampleRequest, PolicyCheck } from '../iam/access';
import type { AccessSummary } from '../iam/summary/accessSummary';
import type { TemplateAccessDiff } from './templateAccessDiff';

function inlineCode(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function codes(values: readonly string[], limit = 8): string {
  const shown = values.slice(0, limit).map(inlineCode).join(', ');
  return values.length > limit ? `${shown} and ${values.length - limit} more` : shown;
}

function conditionsText(conditions: AccessGroup['conditions']): string {
  const parts: string[] = [];
  for (const [operator, keys] of Object.entries(conditions)) for (const [key, values] of Object.entries(keys)) parts.push(`${operator} ${key} ${values.join(', ')}`);
  return parts.join('; ');
}

/** One example request in one line. */
function exampleText(example: ExampleRequest): string {
  const context = Object.entries(example.context);
  return `${example.principal ? `${example.principal} ` : ''}${example.action} on ${example.resource}${context.length > 0 ? ` with ${context.map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`).join(', ')}` : ''}`;
}

function groupLines(groups: readonly AccessGroup[], sign: string): string[] {
  return groups.flatMap((g) => {
    const conditions = conditionsText(g.conditions);
    return [
      `  ${sign} ${g.actions.slice(0, 12).join(', ')}${g.actions.length > 12 ? ` (+${g.actions.length - 12} more)` : ''} on ${g.resources.join(', ')}${g.principals ? ` for ${g.principals.join(', ')}` : ''}${conditions ? ` when ${conditions}` : ''} (statement ${g.statement})`,
      `      example: ${exampleText(g.example)}`,
    ];
  });
}

const VERDICT_WORDS: Record<AccessDiff['verdict'], string> = {
  'no-new-access': 'no new access',
  'new-access': 'new access',
  undecided: 'undecided',
};

/** The diff as text for a terminal. */
export function diffText(diff: AccessDiff, oldName: string, newName: string): string {
  const lines = [`${newName} compared with ${oldName}: ${VERDICT_WORDS[diff.verdict]}`];
  if (diff.newAccess.length > 0) lines.push(`Grants (${diff.newAccess.length}):`, ...groupLines(diff.newAccess, '+'));
  if (diff.removedAccess.length > 0) lines.push(`Removes (${diff.removedAccess.length}):`, ...groupLines(diff.removedAccess, '-'));
  if (diff.undecided.length > 0) {
    lines.push(`Undecided (${diff.undecided.length}):`);
    for (const u of diff.undecided) lines.push(`  ? ${u.direction === 'new' ? 'grants' : 'removes'} ${u.actions.slice(0, 8).join(', ')} on ${u.resources.join(', ')}: ${u.reason}`);
  }
  if (diff.newAccess.length === 0 && diff.removedAccess.length === 0 && diff.undecided.length === 0) lines.push('The policies allow the same requests.');
  return `${lines.join('\n')}\n`;
}

function groupRows(groups: readonly AccessGroup[]): string[] {
  return groups.map((g) => `| ${codes(g.actions)} | ${codes(g.resources)}${g.principals ? ` for ${codes(g.principals)}` : ''} | ${conditionsText(g.conditions) ? inlineCode(conditionsText(g.conditions)) : ''} | ${inlineCode(exampleText(g.example))} |`);
}

/** The diff as a compact Markdown comment. */
export function diffMarkdown(diff: AccessDiff, oldName: string, newName: string): string {
  const icon = diff.verdict === 'no-new-access' ? '✅' : diff.verdict === 'new-access' ? '⚠️' : '❔';
  const lines = [`### ${icon} Access diff: ${inlineCode(newName)} vs ${inlineCode(oldName)} — ${VERDICT_WORDS[diff.verdict]}`, ''];
  const table = (title: string, groups: readonly AccessGroup[]) => {
    if (groups.length === 0) return;
    lines.push(`**${title}** (${groups.length})`, '', '| Actions | Resources | Conditions | Example request |', '| --- | --- | --- | --- |', ...groupRows(groups), '');
  };
  table('Grants', diff.newAccess);
  table('Removes', diff.removedAccess);
  if (diff.undecided.length > 0) {
    lines.push(`**Undecided** (${diff.undecided.length})`, '');
    for (const u of diff.undecided) lines.push(`- ${u.direction === 'new' ? 'grants' : 'removes'} ${codes(u.actions, 5)} on ${codes(u.resources)}: ${u.reason}`);
    lines.push('');
  }
  if (diff.newAccess.length === 0 && diff.removedAccess.length === 0 && diff.undecided.length === 0) lines.push('The policies allow the same requests.', '');
  return lines.join('\n');
}

const CHECK_TITLES: Record<PolicyCheck['check'], string> = {
  'not-granted': 'access not granted',
  'no-public-access': 'no public access',
};

/** Checks as text. */
export function checksText(checks: readonly PolicyCheck[], file: string): string {
  const lines: string[] = [];
  for (const c of checks) {
    lines.push(`${file}: ${CHECK_TITLES[c.check]}: ${c.result}`);
    for (const f of c.findings) lines.push(`  statement ${f.statement}${f.sid ? ` (${f.sid})` : ''}: ${f.access ? `${f.access}: ` : ''}${f.actions.slice(0, 8).join(', ')} on ${f.resources.join(', ')}`, `      example: ${exampleText(f.example)}`);
    for (const u of c.undecided) lines.push(`  ? statement ${u.statement}: ${u.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Checks as a compact Markdown comment. */
export function checksMarkdown(checks: readonly PolicyCheck[], file: string): string {
  const lines: string[] = [];
  for (const c of checks) {
    const icon = c.result === 'PASS' ? '✅' : c.result === 'FAIL' ? '❌' : '❔';
    lines.push(`### ${icon} ${inlineCode(file)}: ${CHECK_TITLES[c.check]} — ${c.result}`, '');
    if (c.findings.length > 0) {
      lines.push('| Statement | Actions | Resources | Example request |', '| --- | --- | --- | --- |');
      for (const f of c.findings) lines.push(`| ${f.sid ? inlineCode(f.sid) : f.statement} | ${codes(f.actions)} | ${codes(f.resources)} | ${inlineCode(exampleText(f.example))} |`);
      lines.push('');
    }
    for (const u of c.undecided) lines.push(`- statement ${u.statement}: ${u.reason}`);
    if (c.undecided.length > 0) lines.push('');
  }
  return lines.join('\n');
}

/** The access part of a summary as plain text lines (empty when there is nothing to say). */
/** Lines set after a summary as a block of their own: empty when there are none. */
export function blockAfter(lines: readonly string[]): string {
  return lines.length > 0 ? `\n${lines.join('\n')}\n` : '';
}

export function accessSummaryText(summary: AccessSummary): string[] {
  if (summary.whoCanGetIn && summary.whoCanGetIn.statements.length > 0) {
    return ['Who can get in:', ...summary.whoCanGetIn.statements.map((s) => `  ${s.sid ? s.sid : `statement ${s.statement}`}: ${s.summary.replace(/`/g, '')}${s.limitedBy.length > 0 ? ` (bounded by ${s.limitedBy.join(', ')})` : ''}`)];
  }
  if (summary.risks && summary.risks.length > 0) return ['Risks:', ...summary.risks.map((r) => `  ${r.family}: ${r.method} (statement ${r.statements.join(', ')})`)];
  return [];
}

/** The access part of a summary as Markdown lines. */
export function accessSummaryMarkdown(summary: AccessSummary): string[] {
  if (summary.whoCanGetIn && summary.whoCanGetIn.statements.length > 0) {
    return ['## Who can get in', '', ...summary.whoCanGetIn.statements.map((s) => `- ${s.sid ? `\`${s.sid}\`` : `Statement ${s.statement}`}: ${s.public ? '**' : ''}${s.summary}${s.public ? '**' : ''}${s.limitedBy.length > 0 ? ` (bounded by ${s.limitedBy.map((k) => `\`${k}\``).join(', ')})` : ''}`), ''];
  }
  if (summary.risks && summary.risks.length > 0) return ['## Risks', '', ...summary.risks.map((r) => `- ${r.family}: \`${r.method}\` — ${r.title} (statement ${r.statements.join(', ')})`), ''];
  return [];
}

/** A template's access diff as text: a line for the template, then each policy that differs. */
export function templateDiffText(diff: TemplateAccessDiff, oldName: string, newName: string): string {
  const lines = [`${newName} compared with ${oldName}: ${diff.policies.length} ${diff.policies.length === 1 ? 'policy differs' : 'policies differ'}, ${diff.unchanged} unchanged`];
  for (const policy of diff.policies) lines.push('', `${policy.label} (${policy.pointer}, ${policy.change}):`, diffText(policy, `${oldName}#${policy.pointer}`, `${newName}#${policy.pointer}`).trimEnd());
  return `${lines.join('\n')}\n`;
}

/** A template's access diff as Markdown: a heading for the template, then each policy that differs. */
export function templateDiffMarkdown(diff: TemplateAccessDiff, oldName: string, newName: string): string {
  const parts = [`## Access diff of \`${newName}\`: ${diff.policies.length} ${diff.policies.length === 1 ? 'policy differs' : 'policies differ'}, ${diff.unchanged} unchanged`, ''];
  for (const policy of diff.policies) parts.push(`**${policy.label}** (\`${policy.pointer}\`, ${policy.change})`, '', diffMarkdown(policy, `${oldName}#${policy.pointer}`, `${newName}#${policy.pointer}`).trimEnd(), '');
  return `${parts.join('\n').trimEnd()}\n`;
}
