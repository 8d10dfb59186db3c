/**
 * Hover and completion in scenario files (`*.iamtest.json`) for the policy references: the AWS managed
 * policies a scenario may name instead of a file. Hover on a name or ARN shows the policy's summary;
 * completion in a `policies`, `boundary` or `sessionPolicy` value offers the AWS managed policy names,
 * and in `scps` / `rcps` the Organizations policies `FullAWSAccess` / `RCPFullAWSAccess`. The fields
 * themselves get their completion and hover from the scenario JSON Schema.
 */
import { getLocation, type Node as JsonNode, type Segment } from 'jsonc-parser';
import { limitNesting } from '../iam/document/jsonNesting';
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { managedPolicy, managedPolicyNames } from '../iam/catalog/managedPolicies';
import { parsePolicy } from '../iam/document/parse';
import { namedPolicy, type NamedPolicy } from '../iam/scenario/runScenario';
import { summarizePolicy, type EffectSummary } from '../iam/summary/policySummary';
import { accessText, summaryHeadline } from './summary';
import { rangeOf } from './diagnostics';

/** What a policy reference is used as, from where it sits in the scenario. */
export type PolicyPlace = 'identity' | 'boundary' | 'session' | 'trust' | 'resource' | 'scp' | 'rcp';

/** How many services a hover lists before "and N more". */
const LISTED_SERVICES = 12;

/** The place of a list of policies (`policies`, `scps`, `rcps`) at a JSON path. */
function listPlace(p: readonly Segment[]): PolicyPlace | undefined {
  if (p.length === 3 && (p[0] === 'users' || p[0] === 'groups' || p[0] === 'roles') && typeof p[1] === 'number' && p[2] === 'policies') return 'identity';
  if (p.length === 5 && p[0] === 'accounts' && typeof p[1] === 'number' && p[2] === 'organization' && typeof p[3] === 'number') return p[4] === 'scps' ? 'scp' : p[4] === 'rcps' ? 'rcp' : undefined;
  return undefined;
}

/** The place of a single policy (`boundary`, `trustPolicy`, `policy`, `sessionPolicy`) at a JSON path. */
function singlePlace(p: readonly Segment[]): PolicyPlace | undefined {
  if (p.length === 3 && typeof p[1] === 'number') {
    if ((p[0] === 'users' || p[0] === 'roles') && p[2] === 'boundary') return 'boundary';
    if (p[0] === 'roles' && p[2] === 'trustPolicy') return 'trust';
    if (p[0] === 'resources' && p[2] === 'policy') return 'resource';
    if (p[0] === 'tests' && p[2] === 'sessionPolicy') return 'session';
  }
  // `assumeRole` is one step or a list of steps.
  if (p[0] === 'tests' && typeof p[1] === 'number' && p[2] === 'assumeRole' && p[p.length - 1] === 'sessionPolicy' && (p.length === 4 || (p.length === 5 && typeof p[3] === 'number'))) return 'session';
  return undefined;
}

/**
 * The place of a value at a JSON path of a scenario, or undefined when the value is not a policy
 * reference. Lists (`policies`, `scps`, `rcps`) also accept a single policy, so their element index is
 * optional.
 */
export function policyPlace(path: readonly Segment[]): PolicyPlace | undefined {
  if (typeof path[path.length - 1] === 'number') return listPlace(path.slice(0, -1));
  return listPlace(path) ?? singlePlace(path);
}

/** The string value under the cursor and its place, when it is a policy reference. */
function referenceAt(text: string, offset: number): { place: PolicyPlace; node?: JsonNode } | undefined {
  // jsonc-parser recurses per level: read the text with too-deep containers blanked (same offsets).
  const location = getLocation(limitNesting(text).text, offset);
  if (location.isAtPropertyKey) return undefined;
  const place = policyPlace(location.path);
  if (!place) return undefined;
  const node = location.previousNode;
  const inString = node?.type === 'string' && offset > node.offset && offset < node.offset + node.length;
  return { place, ...(inString ? { node } : {}) };
}

function listServices(title: string, effect: EffectSummary): string[] {
  if (effect.services.length === 0 && !effect.allServices) return [];
  const lines = [`${title}:`, ''];
  if (effect.allServices) lines.push(`- all services${effect.allServices.except.length > 0 ? ` except ${effect.allServices.except.map((a) => `\`${a}\``).join(', ')}` : ''}`);
  for (const s of effect.services.slice(0, LISTED_SERVICES)) lines.push(`- ${s.name} (\`${s.prefix}\`): ${accessText(s)}${s.conditions.length > 0 ? ', with conditions' : ''}`);
  if (effect.services.length > LISTED_SERVICES) lines.push(`- and ${effect.services.length - LISTED_SERVICES} more services`);
  lines.push('');
  return lines;
}

/** The hover text of a named policy: what it is and the summary of its document. */
function namedPolicyMarkdown(named: NamedPolicy): string {
  const parse = parsePolicy(JSON.stringify(named.document, null, 2));
  const summary = summarizePolicy(parse.document);
  const lines =
    named.source === 'iam'
      ? [`**AWS managed policy \`${named.name}\`**`, '', `\`${named.arn}\``, '']
      : [`**AWS Organizations managed policy \`${named.name}\`**`, '', 'Attached by default at every level of an organization.', ''];
  lines.push(`${summaryHeadline(summary)}. ${summary.statementCount} statement${summary.statementCount === 1 ? '' : 's'}.`, '');
  lines.push(...listServices('Allows', summary.allow), ...listServices('Denies', summary.deny));
  return lines.join('\n').trimEnd();
}

/**
 * The hover markdown of an AWS managed IAM policy named by name, path or ARN (for any host format, e.g.
 * a template's `ManagedPolicyArns`), or undefined when the reference names none.
 */
export function managedPolicyHoverMarkdown(reference: string): string | undefined {
  const managed = managedPolicy(reference);
  return managed ? namedPolicyMarkdown({ name: managed.name, arn: managed.arn, document: managed.document, source: 'iam' }) : undefined;
}

/** Hover on an AWS managed policy named in a scenario file. */
export function scenarioHover(document: TextDocument, position: Position): Hover | null {
  const text = document.getText();
  const at = referenceAt(text, document.offsetAt(position));
  if (!at?.node || typeof at.node.value !== 'string') return null;
  const named = namedPolicy(at.node.value);
  if (!named) return null;
  return { contents: { kind: MarkupKind.Markdown, value: namedPolicyMarkdown(named) }, range: rangeOf(document, { offset: at.node.offset, length: at.node.length }) };
}

/** The names offered at a place. */
function candidates(place: PolicyPlace): readonly string[] {
  switch (place) {
    case 'identity':
    case 'boundary':
    case 'session':
      return managedPolicyNames();
    case 'scp':
      return ['FullAWSAccess'];
    case 'rcp':
      return ['RCPFullAWSAccess'];
    default:
      // Trust and resource-based policies are never AWS managed policies.
      return [];
  }
}

/** Completion of AWS managed policy names in a scenario's policy references. */
export function scenarioCompletions(document: TextDocument, position: Position, maxItems: number): CompletionList {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const at = referenceAt(text, offset);
  if (!at) return { isIncomplete: false, items: [] };
  const names = candidates(at.place);
  if (names.length === 0) return { isIncomplete: false, items: [] };
  let range: Range;
  let typed = '';
  let quote = '"';
  if (at.node) {
    // Replace the string's content, keeping its quotes.
    const end = text[at.node.offset + at.node.length - 1] === '"' && at.node.length > 1 ? at.node.offset + at.node.length - 1 : at.node.offset + at.node.length;
    range = rangeOf(document, { offset: at.node.offset + 1, length: end - at.node.offset - 1 });
    typed = text.slice(at.node.offset + 1, offset).toLowerCase();
    quote = '';
  } else {
    range = { start: position, end: position };
  }
  if (range.start.line !== range.end.line) range = { start: range.start, end: position };
  const matching = typed ? names.filter((n) => n.toLowerCase().includes(typed)) : names;
  // Names that start with what was typed come first, then the rest in alphabetical order.
  const ordered = typed ? [...matching.filter((n) => n.toLowerCase().startsWith(typed)), ...matching.filter((n) => !n.toLowerCase().startsWith(typed))] : matching;
  const items: CompletionItem[] = ordered.slice(0, maxItems).map((name, i) => ({
    label: name,
    kind: CompletionItemKind.Reference,
    detail: at.place === 'scp' || at.place === 'rcp' ? 'AWS Organizations managed policy' : 'AWS managed policy',
    sortText: String(i).padStart(5, '0'),
    filterText: name,
    textEdit: { range, newText: `${quote}${name}${quote}` },
  }));
  return { isIncomplete: ordered.length > maxItems, items };
}
