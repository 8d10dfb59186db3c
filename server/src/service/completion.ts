/**
 * Completion for the editor: the core's candidates (iam/completion) turned into LSP completion items
 * with text edits over the token being typed, and the wording of their details and documentation.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { complete } from '../iam/completion/complete';
import type { CandidateInfo, CompletionCandidate } from '../iam/completion/candidate';
import type { AccessLevel, ActionInfo, ServiceInfo } from '../iam/catalog/types';
import { service } from '../iam/catalog/catalog';
import type { DocumentAnalysis } from './documentAnalysis';
import type { Settings } from '../settings';
import { rangeOf } from './diagnostics';
import { scenarioCompletions } from './scenarioAssist';
import { plural } from './plural';

/** Characters after which the editor asks for completions by itself. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', ':', '/', '{'];

/** The Service Authorization Reference page of a service, derived from its display name. */
export function serviceReferenceUrl(info: Pick<ServiceInfo, 'name' | 'url'>): string {
  if (info.url) return info.url;
  return `https://docs.aws.amazon.com/service-authorization/latest/reference/list_${info.name.toLowerCase().replace(/[^a-z0-9]/g, '')}.html`;
}

/** Access levels in the order the reference lists them. */
const ACCESS_LEVEL_ORDER: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** `3 Read, 2 Write` from counts by level. */
export function levelCounts(byLevel: Readonly<Partial<Record<AccessLevel, number>>>): string {
  return ACCESS_LEVEL_ORDER.filter((level) => byLevel[level])
    .map((level) => `${byLevel[level]} ${level}`)
    .join(', ');
}

function actionDocumentation(a: ActionInfo, serviceName: string): string {
  const lines = [`**${a.fullName}** (${(a.accessLevels ?? [a.accessLevel]).join(', ')})`, '', a.description || '_No description in the reference._'];
  if (a.resourceTypes.length > 0) {
    lines.push('', `Resource types: ${a.resourceTypes.map((r) => `\`${r.name}\`${r.required ? '*' : ''}`).join(', ')}`);
  }
  lines.push('', `[Service Authorization Reference](${serviceReferenceUrl({ name: serviceName })})`);
  return lines.join('\n');
}

const KIND: Record<CandidateInfo['kind'], CompletionItemKind> = {
  element: CompletionItemKind.Property,
  template: CompletionItemKind.Snippet,
  value: CompletionItemKind.Value,
  service: CompletionItemKind.Module,
  action: CompletionItemKind.Function,
  actionWildcard: CompletionItemKind.Constant,
  arnTemplate: CompletionItemKind.Reference,
  operator: CompletionItemKind.Operator,
  conditionKey: CompletionItemKind.Field,
  variable: CompletionItemKind.Variable,
  principalType: CompletionItemKind.Property,
  principal: CompletionItemKind.Reference,
};

const ELEMENT_DOCS: Record<string, string> = {
  Version: 'The policy language version. Use `2012-10-17`: with the older `2008-10-17`, policy variables are not replaced.',
  Id: 'An optional identifier for the policy.',
  Statement: 'The statements of the policy: one object or an array of objects.',
  Sid: 'An optional statement identifier, unique within the policy.',
  Effect: '`Allow` or `Deny`.',
  Principal: 'Who the statement applies to (resource and trust policies only).',
  NotPrincipal: 'Everyone except the principals listed (resource policies; rarely what you want).',
  Action: 'The actions the statement covers, e.g. `s3:GetObject`; wildcards allowed.',
  NotAction: 'Every action except those listed.',
  Resource: 'The resources the statement covers, as ARNs; wildcards allowed.',
  NotResource: 'Every resource except those listed.',
  Condition: 'Conditions under which the statement applies: operator → key → values.',
};

const TEMPLATE_LABELS: Record<string, string> = {
  policy: 'A complete policy with one Allow statement',
  statement: 'A statement',
  allowStatement: 'An Allow statement with Sid, Action and Resource',
  denyStatement: 'A Deny statement with Sid, Action and Resource',
  statementBody: 'The elements of a statement',
  principalAws: 'An AWS account, user or role principal',
  principalService: 'An AWS service principal',
  principalFederated: 'A federated (SAML or OIDC) principal',
  conditionBlock: 'A condition block',
  genericArn: 'An ARN: arn:partition:service:region:account:resource',
};

const PRINCIPAL_FORMS: Record<string, string> = {
  anyone: 'Anyone (all principals, including anonymous ones)',
  account: 'The account: any principal of it that its own IAM policies allow',
  accountId: 'The account (same as its root ARN)',
  role: 'An IAM role',
  user: 'An IAM user',
  assumedRole: 'A role session',
  federatedUser: 'A federated user session',
  service: 'An AWS service principal',
  samlProvider: 'A SAML identity provider',
  oidcProvider: 'An OIDC identity provider',
  webIdentity: 'A web identity provider',
  canonicalUser: 'An S3 canonical user id',
};

/** Detail (one line) and documentation (markdown) of a candidate. */
function describeCandidate(info: CandidateInfo): { detail?: string; documentation?: string } {
  switch (info.kind) {
    case 'element':
      return { detail: info.level === 'top' ? 'Policy element' : 'Statement element', documentation: ELEMENT_DOCS[info.name] };
    case 'template':
      return { detail: TEMPLATE_LABELS[info.name] };
    case 'value':
      if (info.element === 'Version') return { detail: info.value === '2012-10-17' ? 'Current policy language version' : 'Old version: policy variables are not supported' };
      if (info.element === 'Effect') return { detail: info.value === 'Allow' ? 'Allows the actions' : 'Denies the actions (overrides any Allow)' };
      if (info.element === 'Resource' && info.value === '*') return { detail: 'All resources' };
      return { detail: info.note };
    case 'service':
      return {
        detail: info.actionCount >= 0 ? `${info.service.name} · ${plural(info.actionCount, 'action')}` : info.service.name,
        documentation: `**${info.service.name}** (\`${info.service.prefix}\`)\n\n[Service Authorization Reference](${serviceReferenceUrl(info.service)})`,
      };
    case 'action': {
      const a = info.action;
      return { detail: `${(a.accessLevels ?? [a.accessLevel]).join(', ')} · ${a.description.split('. ')[0] ?? ''}`.slice(0, 120), documentation: actionDocumentation(a, service(a.service)?.name ?? a.service) };
    }
    case 'actionWildcard':
      if (info.count < 0) return { detail: 'All actions of all services' };
      return {
        detail: `${plural(info.count, 'action')}: ${levelCounts(info.byLevel)}`,
        documentation: `\`${info.pattern}\` matches ${plural(info.count, 'action')}${info.service ? ` of ${info.service.name}` : ''}: ${levelCounts(info.byLevel)}.`,
      };
    case 'arnTemplate':
      return {
        detail: `${info.service} ${info.resourceType}`,
        documentation:
          `Resource type \`${info.resourceType}\` of \`${info.service}\`\n\n\`${info.template}\`` +
          (info.actionCount > 0 ? `\n\nAccepted by ${info.actions.map((a) => `\`${a}\``).join(', ')}${info.actionCount > info.actions.length ? ` and ${info.actionCount - info.actions.length} more` : ''}` : ''),
      };
    case 'operator':
      return { detail: `${info.family} operator${info.ifExists ? ', true when the key is absent' : ''}${info.qualifier ? `, ${info.qualifier === 'ForAllValues' ? 'every' : 'at least one'} request value` : ''}` };
    case 'conditionKey': {
      const k = info.key;
      const support = info.key.global ? 'global key' : info.actionCount > 0 ? `supported by ${info.supportedBy} of ${plural(info.actionCount, 'action')}` : 'service key';
      return { detail: `${k.type} · ${support}`, documentation: [`**${k.key}** (${k.type})`, '', k.description || '_No description in the reference._', ...(k.availability ? ['', k.availability] : [])].join('\n') };
    }
    case 'variable':
      if (!info.name) return { detail: 'Insert a policy variable' };
      return { detail: 'Policy variable', documentation: `Replaced by the request's value of \`${info.name}\` when the policy is evaluated (Version 2012-10-17 only).${info.key?.description ? `\n\n${info.key.description}` : ''}` };
    case 'principalType':
      return { detail: 'Principal type' };
    case 'principal':
      return { detail: PRINCIPAL_FORMS[info.form] };
  }
}

/** Converts one candidate to an LSP item whose edit replaces the token. */
function toItem(candidate: CompletionCandidate, range: ReturnType<typeof rangeOf>): CompletionItem {
  const { detail, documentation } = describeCandidate(candidate.info);
  const item: CompletionItem = {
    label: candidate.label,
    kind: KIND[candidate.info.kind],
    detail,
    sortText: candidate.sortText,
    filterText: candidate.filterText,
    textEdit: { range, newText: candidate.insertText },
    insertTextFormat: candidate.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (documentation) item.documentation = { kind: MarkupKind.Markdown, value: documentation };
  if (candidate.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return item;
}

/** Completions at a position of an analysed document. */
export function getCompletions(document: TextDocument, analysis: DocumentAnalysis, position: Position, settings: Settings): CompletionList {
  if (analysis.role === 'scenario') return scenarioCompletions(document, position, settings.completionMaxItems);
  if (analysis.role !== 'policy') return { isIncomplete: false, items: [] };
  const offset = document.offsetAt(position);
  const answer = complete(analysis.parse.document, offset, {
    kind: analysis.kind?.kind,
    maxItems: settings.completionMaxItems,
    defaultPartition: settings.defaultPartition,
    defaultAccount: settings.defaultAccount,
  });
  // The token may extend past the cursor on the same line only; the editor requires a single line.
  let range = rangeOf(document, answer.context.token);
  if (range.start.line !== range.end.line) range = { start: range.start, end: position };
  if (range.start.line !== position.line) range = { start: position, end: position };
  return { isIncomplete: answer.isIncomplete, items: answer.items.map((c) => toItem(c, range)) };
}
