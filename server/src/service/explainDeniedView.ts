/**
 * An explained AccessDenied message in editor words: a markdown report (who may not do what, the
 * simulated decision, which kind of policy denies and why, the fix and how it was checked) for the
 * command *IAM Policy: Explain access denied…*. Pure: the caller simulates.
 */
import type { AccessDeniedMessage, DenialExplanation } from '../iam/author/index';
import { aPolicyOf, policyTypeLabel } from '../iam/author/index';

/**
 * The explanation and notes with every policy named as its fixes name it: a template's policy as
 * `FILE#POINTER`, without the account, Region and names the evaluator's id says it was read with.
 */
export function withPolicyNames(e: DenialExplanation, notes: readonly string[], fileOf: (id: string) => string): { e: DenialExplanation; notes: readonly string[] } {
  const renamed = [...new Set([...e.simulated.statements.map((s) => s.policyId), ...e.deniedBy.map((d) => d.policy ?? '')])].filter((id) => id !== '' && fileOf(id) !== id).sort((a, b) => b.length - a.length);
  if (renamed.length === 0) return { e, notes };
  const name = (text: string) => renamed.reduce((out, id) => out.split(id).join(fileOf(id)), text);
  return {
    e: { ...e, simulated: { ...e.simulated, explanation: name(e.simulated.explanation), reasons: e.simulated.reasons.map((r) => ({ ...r, policyId: name(r.policyId) })) }, deniedBy: e.deniedBy.map((d) => ({ ...d, ...(d.policy ? { policy: name(d.policy) } : {}), why: name(d.why) })) },
    notes: notes.map(name),
  };
}


const HEADLINES: Readonly<Record<DenialExplanation['status'], string>> = {
  fix: 'An edit allows exactly this request',
  'explicit-deny': 'An explicit Deny denies it: no Allow can lift it, so none is proposed',
  guardrail: 'A guardrail denies it (SCP, RCP, permissions boundary, session or endpoint policy): no Allow is proposed',
  'not-reproduced': 'The policies allow this request',
  'no-fix': 'No edit could be shown to allow exactly this request',
};

/**
 * The report. `source` says what was simulated against (a scenario file, a policy, nothing);
 * `policyName` turns an evaluator policy id into the name the reader knows.
 */
export function explainDeniedMarkdown(message: AccessDeniedMessage, given: DenialExplanation, givenNotes: readonly string[], source: string, policyName: (id: string) => string): string {
  const { e: explanation, notes } = withPolicyNames(given, givenNotes, policyName);
  const reason = message.denial === 'explicit' ? `an explicit deny in ${message.policyType ? aPolicyOf(message.policyType) : 'a policy'}` : message.denial === 'implicit' ? `no ${message.policyType ? policyTypeLabel(message.policyType) : 'policy'} allows it` : 'the message gives no reason';
  const r = explanation.request;
  const lines = [
    `# Access denied: \`${r.action}\``,
    '',
    `**${HEADLINES[explanation.status]}.**`,
    '',
    `- caller: \`${r.principal}\``,
    `- action: \`${r.action}\``,
    `- resource: \`${r.resource}\``,
    `- the message says: ${reason}`,
    `- simulated against ${source}: **${explanation.simulated.decision}**`,
    '',
  ];
  if (explanation.deniedBy.length > 0) {
    lines.push('## Denied by', '');
    for (const d of explanation.deniedBy) lines.push(`- **${policyTypeLabel(d.policyType)}**${d.explicit ? ' (explicit Deny)' : ''}: ${d.why}`);
    lines.push('');
  }
  for (const fix of explanation.fixes) {
    const id = `\`${fix.policy}\``;
    lines.push('## Fix', '', `${fix.description.replace(id, `\`${policyName(fix.policy)}\``)}:`, '', '```json', JSON.stringify(fix.statement, null, 2), '```', '');
  }
  if (explanation.verification) {
    const v = explanation.verification;
    const added = v.newAccess.map((g) => `${g.actions.map((a) => `\`${a}\``).join(', ')} on ${g.resources.map((x) => `\`${x}\``).join(', ')}`).join('; ') || 'none';
    lines.push('## Checked', '', `Simulated again with the edit: **${v.decision}**. New access: ${added}${v.exact ? ' (exactly the request)' : ''}.`, '');
  }
  const allNotes = [...notes, ...withPolicyNames(given, given.notes, policyName).notes];
  if (allNotes.length > 0) lines.push('## Notes', '', ...allNotes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}
