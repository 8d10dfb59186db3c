/**
 * The policy features on every policy of a document, standalone or embedded in a template: each
 * feature runs on the policy's view (policyViews.ts) and its ranges and edits are mapped back into
 * the template, in the template's syntax.
 */
import { MarkupKind, SymbolKind, type CodeLens, type CompletionItem, type CompletionList, type DocumentSymbol, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { renderString, type HostSyntax } from '../iam/sources/embeddedAnalysis';
import { POLICY_KIND_LABELS } from '../iam/document/policyKind';
import type { Settings } from '../settings';
import type { DocumentAnalysis } from './documentAnalysis';
import { getCompletions } from './completion';
import { getHover } from './hover';
import { getDocumentSymbols } from './symbols';
import { getSummaryCodeLenses, getSummaryMarkdown } from './summary';
import { simulationCodeLenses } from './simulation';
import { policyViewAt, policyViews, type PolicyView } from './policyViews';
import { managedPolicyHoverMarkdown } from './scenarioAssist';
import { managedPolicy, managedPolicyNames } from '../iam/catalog/managedPolicies';
import { samPolicyTemplate, samPolicyTemplateNames } from '../iam/catalog/samPolicyTemplates';
import type { PolicyReference } from '../iam/sources/cloudformation/template';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { complete } from '../iam/completion/complete';
import { RESOURCE_VALUES, fillSample } from '../iam/sources/cloudformation/resourceValues';
import { PERMISSION_TYPES } from '../iam/sources/lambdaPermission';

/** The separator between a document's uri and an embedded policy's pointer in view uris. */
const POINTER_SEPARATOR = '#';

/** Splits a view uri (`file:///t.yaml#%2FResources%2F...`) into the document uri and the pointer. */
export function splitViewUri(uri: string): { uri: string; pointer?: string } {
  const at = uri.indexOf(POINTER_SEPARATOR);
  if (at < 0) return { uri };
  try {
    return { uri: uri.slice(0, at), pointer: decodeURIComponent(uri.slice(at + 1)) };
  } catch {
    return { uri: uri.slice(0, at) };
  }
}

function hostSyntax(analysis: DocumentAnalysis): HostSyntax {
  return analysis.host?.syntax ?? 'json';
}

/** A completion's text in the template's syntax, or undefined when it cannot be written there. */
function hostCompletionText(syntax: HostSyntax, newText: string, snippet: boolean): string | undefined {
  if (syntax === 'json') return newText;
  if (syntax === 'hcl') return hclCompletionText(newText, snippet);
  // A string value: `"s3:GetObject"` → `s3:GetObject` (or quoted when YAML needs it).
  const stringLiteral = /^"((?:[^"\\]|\\.)*)"$/.exec(newText);
  if (stringLiteral) {
    if (snippet && /\$\{?\d/.test(stringLiteral[1]!)) {
      // A snippet with placeholders inside a string: keep the placeholders, drop the JSON quotes.
      return /^[A-Za-z0-9_:*?/.${}\-]+$/.test(stringLiteral[1]!) ? stringLiteral[1]! : undefined;
    }
    let value: string;
    try {
      value = JSON.parse(newText) as string;
    } catch {
      return undefined;
    }
    return renderString(syntax, undefined, value);
  }
  // A key with a simple value: `"Effect": "$1"` → `Effect: $1`.
  const key = /^"([A-Za-z0-9:_/-]+)"(?:: ?"?(\$\{?\d[^"]*)?"?)?$/.exec(newText);
  if (key) return key[2] !== undefined ? `${key[1]}: ${key[2]}` : key[1];
  return undefined;
}

/**
 * A completion's JSON text in Terraform: strings stay quoted, with a literal `${` or `%{` (a policy
 * variable) written `$${` / `%%{` as Terraform's string templates require ("String Templates" in the
 * Terraform language documentation); keys are written `Key = value`, quoted unless identifiers.
 */
function hclCompletionText(newText: string, snippet: boolean): string | undefined {
  const stringLiteral = /^"((?:[^"\\]|\\.)*)"$/.exec(newText);
  if (stringLiteral) {
    // In a snippet a literal `${` is written `\${`: it becomes `$\${`, which the editor expands to `$${`.
    if (snippet) return `"${stringLiteral[1]!.replace(/\\\$\{/g, '$\\${').replace(/%\{/g, '%%{')}"`;
    try {
      return renderString('hcl', undefined, JSON.parse(newText) as string);
    } catch {
      return undefined;
    }
  }
  const key = /^"([A-Za-z0-9:_/-]+)": ?("\$\{?\d[^"]*"|\$\{?\d[^"]*)$/.exec(newText);
  if (key) return `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key[1]!) ? key[1] : `"${key[1]}"`} = ${key[2]!.startsWith('"') ? key[2] : `"${key[2]}"`}`;
  return undefined;
}

/** The managed policy or SAM policy template a template names at an offset. */
function templateReferenceAt(analysis: DocumentAnalysis, offset: number): PolicyReference | undefined {
  return analysis.host?.references.find((reference) => reference.range.start <= offset && offset <= reference.range.end);
}

/** Whether a host range holds an offset (its ends included). */
function holds(range: { readonly start: number; readonly end: number }, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

/**
 * Names of AWS managed policies where a template attaches them: full ARNs in `ManagedPolicyArns`
 * (with the partition the text names, else `aws`), bare names or SAM policy template names in SAM
 * `Policies`; on the name of a SAM policy template (a mapping's key), SAM policy template names only.
 */
function managedPolicyCompletions(document: TextDocument, analysis: DocumentAnalysis, reference: PolicyReference, maxItems: number): CompletionList {
  const samName = reference.type === 'sam-template' ? reference.nameRange : undefined;
  const hostRange = samName ?? reference.range;
  const range: Range = { start: document.positionAt(hostRange.start), end: document.positionAt(hostRange.end) };
  if (range.start.line !== range.end.line) return { isIncomplete: false, items: [] };
  const typed = document.getText(range).replace(/^["']|["']$/g, '');
  const asArn = !samName && (reference.pointer.includes('/ManagedPolicyArns/') || typed.startsWith('arn:'));
  const partition = /^arn:([^:]*):/.exec(typed)?.[1] || 'aws';
  const syntax = hostSyntax(analysis);
  const items: CompletionItem[] = [];
  for (const name of samName ? [] : managedPolicyNames()) {
    const policy = managedPolicy(name);
    const value = asArn ? `arn:${partition}:iam::aws:policy${policy?.path ?? '/'}${name}` : name;
    items.push({ label: name, kind: CompletionItemKind.Module, detail: 'AWS managed policy', filterText: asArn ? value : name, textEdit: { range, newText: renderString(syntax, undefined, value) } });
  }
  if (!asArn) {
    for (const name of samPolicyTemplateNames()) {
      const template = samPolicyTemplate(name);
      items.push({ label: name, kind: CompletionItemKind.Snippet, detail: 'SAM policy template', documentation: template?.description, filterText: name, textEdit: { range, newText: syntax === 'json' ? JSON.stringify(name) : name } });
    }
  }
  const word = typed.toLowerCase();
  const matching = items.filter((item) => (item.filterText ?? item.label).toLowerCase().includes(word.slice(word.lastIndexOf('/') + 1)));
  return { isIncomplete: matching.length > maxItems, items: matching.slice(0, maxItems) };
}

/** Completion at a position of any document with policies. */
export function completionsAt(document: TextDocument, analysis: DocumentAnalysis, position: Position, settings: Settings): CompletionList {
  if (analysis.role !== 'template') return getCompletions(document, analysis, position, settings);
  const offset = document.offsetAt(position);
  const reference = templateReferenceAt(analysis, offset);
  if (reference?.type === 'managed') return managedPolicyCompletions(document, analysis, reference, settings.completionMaxItems);
  // On a SAM policy template: its name completes to the names of SAM policy templates; its parameters
  // are names and ids, not the policy they expand to.
  if (reference?.type === 'sam-template') {
    return reference.nameRange && holds(reference.nameRange, offset) ? managedPolicyCompletions(document, analysis, reference, settings.completionMaxItems) : { isIncomplete: false, items: [] };
  }
  const view = policyViewAt(document, analysis, position);
  if (!view) return { isIncomplete: false, items: [] };
  const starting = startingPolicyCompletions(document, analysis, view, offset);
  if (starting) return starting;
  const viewPosition = view.toViewPosition(position);
  if (!viewPosition) return { isIncomplete: false, items: [] };
  const list = getCompletions(view.document, view.analysis, viewPosition, settings);
  const syntax = hostSyntax(analysis);
  const items: CompletionItem[] = [];
  for (const item of list.items) {
    const edit = item.textEdit;
    if (!edit || !('range' in edit)) continue;
    const range = view.toHostRange(edit.range);
    // The replaced host text must be a plain value or key: never across a `!Sub` hole, never an
    // intrinsic function (`!GetAtt Role.Arn`, `{"Ref": "Team"}`) that stands for the value.
    const newText = hostCompletionText(syntax, edit.newText, item.insertTextFormat === 2);
    if (newText === undefined) continue;
    if (range.start.line !== range.end.line) continue;
    const replaced = document.getText(range);
    if (/^[!{[]/.test(replaced)) continue;
    // Nor a Terraform expression (`aws_kms_key.k.arn`, `var.team`, `format(...)`) or a string with an
    // interpolation (`"${aws_s3_bucket.b.arn}/*"`; `$${aws:username}` is a literal): only strings and keys.
    if (syntax === 'hcl' && ((!replaced.startsWith('"') && /[.([]/.test(replaced)) || /(?:^|[^$])\$\{|(?:^|[^%])%\{/.test(replaced))) continue;
    items.push({ ...item, textEdit: { range, newText }, filterText: item.filterText ? stripQuotes(item.filterText, syntax) : undefined });
  }
  const idiom = templateArnCompletions(view, viewPosition, analysis, settings);
  if (idiom.length > 0) {
    const range = items.find((item) => item.textEdit && 'range' in item.textEdit)?.textEdit as { range: Range } | undefined;
    const target = range?.range ?? { start: position, end: position };
    for (const candidate of idiom) items.unshift({ ...candidate, textEdit: { range: target, newText: candidate.textEdit as unknown as string } });
  }
  return { isIncomplete: list.isIncomplete, items };
}

/**
 * A YAML policy being started: a word typed on its own line under `PolicyDocument:` (which YAML reads
 * as a string) completes to the policy's first keys, `Version` and `Statement` with a first statement,
 * written at the word's indentation.
 */
function startingPolicyCompletions(document: TextDocument, analysis: DocumentAnalysis, view: PolicyView, offset: number): CompletionList | undefined {
  const root = view.embedded?.policy.root;
  if (hostSyntax(analysis) !== 'yaml' || root?.kind !== 'scalar' || typeof root.value !== 'string' || root.style !== 'yaml-plain') return undefined;
  const text = document.getText();
  const { start, end } = root.range;
  if (offset < start || offset > end || !/^[A-Za-z]*$/.test(text.slice(start, end))) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  // Only a word on a line of its own (below the key), where a key of the policy can be written.
  if (!/^[ \t]+$/.test(indent)) return undefined;
  const range: Range = { start: document.positionAt(start), end: document.positionAt(end) };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const statement = ['Statement:', '  - Effect: ${1|Allow,Deny|}', '    Action: $2', '    Resource: $3'].join(`${eol}${indent}`);
  return {
    isIncomplete: false,
    items: [
      // The indentation is written out: the editor must not add the line's own again (asIs).
      { label: 'Version', kind: CompletionItemKind.Property, detail: 'Policy language version', documentation: 'Use 2012-10-17: with 2008-10-17 (or none), policy variables are plain text.', insertTextFormat: 2, insertTextMode: 1, textEdit: { range, newText: `Version: '2012-10-17'${eol}${indent}$0` }, sortText: '0' },
      { label: 'Statement', kind: CompletionItemKind.Property, detail: 'The policy\'s statements', documentation: 'A list of statements: Effect, Action (or NotAction), Resource (or NotResource), and optional Condition.', insertTextFormat: 2, insertTextMode: 1, textEdit: { range, newText: statement }, sortText: '1' },
    ],
  };
}

/** Whether an ARN fits an ARN format of the catalog (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`). */
function fitsArnFormat(format: string, arn: string): boolean {
  const literals = format.split(/\$\{[^}]*\}/);
  if (!arn.startsWith(literals[0]!)) return false;
  let at = literals[0]!.length;
  for (let i = 1; i < literals.length; i++) {
    const literal = literals[i]!;
    if (i === literals.length - 1) return literal === '' ? arn.length > at : arn.endsWith(literal) && arn.length - literal.length > at;
    const found = arn.indexOf(literal, at + 1);
    if (found < 0) return false;
    at = found + literal.length;
  }
  return true;
}

/**
 * ARNs in the template's own idiom, at a Resource value: `!GetAtt Bucket.Arn` and
 * `!Sub '${Bucket.Arn}/*'` for the template's resources whose ARN fits a resource type that the
 * statement's actions accept, and `!Sub 'arn:${AWS::Partition}:...'` for each accepted ARN format.
 */
function templateArnCompletions(view: PolicyView, viewPosition: Position, analysis: DocumentAnalysis, settings: Settings): Array<Omit<CompletionItem, 'textEdit'> & { textEdit: string }> {
  // The idiom is CloudFormation's: `!Sub` and `Fn::GetAtt` are not Terraform.
  if (hostSyntax(analysis) === 'hcl') return [];
  const answer = complete(view.analysis.parse.document, view.document.offsetAt(viewPosition), { kind: view.analysis.kind?.kind, maxItems: settings.completionMaxItems, defaultPartition: settings.defaultPartition, defaultAccount: settings.defaultAccount });
  if (answer.context.slot !== 'resource') return [];
  const formats = new Map<string, string>();
  for (const item of answer.items) if (item.info.kind === 'arnTemplate') formats.set(item.info.template, `${item.info.service}:${item.info.resourceType}`);
  if (formats.size === 0) return [];
  const syntax = hostSyntax(analysis);
  const write = (kind: 'getatt' | 'sub', expression: string): string =>
    syntax === 'json'
      ? kind === 'getatt'
        ? `{ "Fn::GetAtt": ${JSON.stringify(expression.split('.'))} }`
        : `{ "Fn::Sub": ${JSON.stringify(expression)} }`
      : kind === 'getatt'
        ? `!GetAtt ${expression}`
        : `!Sub '${expression.replace(/'/g, "''")}'`;
  const out: Array<Omit<CompletionItem, 'textEdit'> & { textEdit: string }> = [];
  const resources = analysis.host?.resources ?? new Map<string, string>();
  for (const [logicalId, type] of resources) {
    const arn = RESOURCE_VALUES[type]?.attributes?.Arn ?? RESOURCE_VALUES[type]?.attributes?.TopicArn;
    if (!arn) continue;
    const sample = fillSample(arn.sample, logicalId);
    const attribute = RESOURCE_VALUES[type]?.attributes?.Arn ? 'Arn' : 'TopicArn';
    for (const [format, typeName] of formats) {
      if (fitsArnFormat(format, sample)) out.push({ label: write('getatt', `${logicalId}.${attribute}`), kind: CompletionItemKind.Reference, detail: `${typeName} of ${logicalId} (${type})`, sortText: '0', filterText: logicalId, textEdit: write('getatt', `${logicalId}.${attribute}`) });
      else if (fitsArnFormat(format, `${sample}/x`)) out.push({ label: write('sub', `\${${logicalId}.${attribute}}/*`), kind: CompletionItemKind.Reference, detail: `${typeName} in ${logicalId} (${type})`, sortText: '0', filterText: logicalId, textEdit: write('sub', `\${${logicalId}.${attribute}}/*`) });
    }
  }
  for (const [format, typeName] of formats) {
    const sub = format.replace('${Partition}', '${AWS::Partition}').replace('${Region}', '${AWS::Region}').replace('${Account}', '${AWS::AccountId}');
    out.push({ label: write('sub', sub), kind: CompletionItemKind.Snippet, detail: typeName, sortText: '1', filterText: format, textEdit: write('sub', sub) });
  }
  const seen = new Set<string>();
  return out.filter((item) => !seen.has(item.label) && seen.add(item.label));
}

function stripQuotes(text: string, syntax: HostSyntax): string {
  return syntax === 'json' ? text : text.replace(/^"|"$/g, '');
}

/**
 * On a resource from whose arguments the service writes a policy (a Lambda permission): that policy,
 * as it is checked, so that the reader sees what the permission grants.
 */
function renderedPolicyHover(document: TextDocument, analysis: DocumentAnalysis, offset: number): Hover | null {
  const embedded = analysis.host?.policies.filter((candidate) => candidate.policy.rendered && holds(candidate.policy.range, offset)).sort((a, b) => a.policy.range.end - a.policy.range.start - (b.policy.range.end - b.policy.range.start))[0];
  if (!embedded) return null;
  let written: string;
  try {
    written = JSON.stringify(JSON.parse(embedded.virtual.text), null, 2);
  } catch {
    return null;
  }
  const range = { start: document.positionAt(embedded.policy.range.start), end: document.positionAt(embedded.policy.range.end) };
  const owner = PERMISSION_TYPES[embedded.policy.rendered!].owner;
  return { contents: { kind: MarkupKind.Markdown, value: `**${embedded.policy.label}**: the statement Lambda writes into the ${owner}'s resource-based policy, as it is checked.\n\n\`\`\`json\n${written}\n\`\`\`` }, range };
}

/** Hover at a position of any document with policies. */
export function hoverAt(document: TextDocument, analysis: DocumentAnalysis, position: Position): Hover | null {
  if (analysis.role !== 'template') return getHover(document, analysis, position);
  const offset = document.offsetAt(position);
  const found = templateReferenceAt(analysis, offset);
  // A SAM policy template's hover is on its name; its parameters are values of the template.
  const reference = found?.type === 'sam-template' && !(found.nameRange && holds(found.nameRange, offset)) ? undefined : found;
  if (reference) {
    const range = { start: document.positionAt(reference.range.start), end: document.positionAt(reference.range.end) };
    if (reference.type === 'managed') {
      const markdown = managedPolicyHoverMarkdown(reference.name);
      return { contents: { kind: MarkupKind.Markdown, value: markdown ?? `\`${reference.name}\` is not an AWS managed policy in the bundled data.` }, range };
    }
    const template = samPolicyTemplate(reference.name);
    if (template) {
      const parameters = template.parameters.map((name) => `- \`${name}\`: ${template.parameterDescriptions[name] ?? ''}`).join('\n');
      return { contents: { kind: MarkupKind.Markdown, value: `**${template.name}** (SAM policy template)\n\n${template.description}${parameters ? `\n\nParameters:\n${parameters}` : ''}` }, range: reference.nameRange ? { start: document.positionAt(reference.nameRange.start), end: document.positionAt(reference.nameRange.end) } : range };
    }
  }
  const view = policyViewAt(document, analysis, position);
  if (!view?.embedded) return renderedPolicyHover(document, analysis, offset);
  const viewPosition = view.toViewPosition(position);
  if (!viewPosition) return null;
  const hover = getHover(view.document, view.analysis, viewPosition);
  // A hole under the cursor: say what the template value stands for and how it was checked.
  const hole = view.embedded.virtual.holes.find((candidate) => candidate.host.start <= offset && offset <= candidate.host.end);
  const holeText = hole
    ? `\`${hole.hole.source}\`: ${hole.hole.description}. ${hole.hole.shaped ? `Checked as \`${hole.hole.sample}\`.` : hostSyntax(analysis) === 'hcl' ? 'Checks that depend on it are skipped.' : 'Its value is known only when the stack deploys, so checks that depend on it are skipped.'}`
    : undefined;
  if (!hover && !holeText) return null;
  // An unknown value that is the whole string: the policy hover would describe its placeholder (say,
  // that `bucket-arn` is not an ARN), which the template never wrote.
  const wholeUnknown = hole !== undefined && !hole.hole.shaped && hole.vStart === hole.literalStart + 1 && hole.vEnd === hole.literalEnd - 1;
  const base = !wholeUnknown && hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  const value = [holeText, base].filter(Boolean).join('\n\n---\n\n');
  const range = hover?.range ? view.toHostRange(hover.range) : hole ? { start: document.positionAt(hole.host.start), end: document.positionAt(hole.host.end) } : undefined;
  return { contents: { kind: MarkupKind.Markdown, value }, ...(range ? { range } : {}) };
}

function mapSymbol(view: PolicyView, symbol: DocumentSymbol): DocumentSymbol {
  return {
    ...symbol,
    range: view.toHostRange(symbol.range),
    selectionRange: view.toHostRange(symbol.selectionRange),
    children: symbol.children?.map((child) => mapSymbol(view, child)),
  };
}

/** The outline: for a template, one entry per embedded policy with its statements inside. */
export function symbolsOf(document: TextDocument, analysis: DocumentAnalysis): DocumentSymbol[] {
  if (analysis.role === 'policy') return getDocumentSymbols(document, analysis);
  return policyViews(document, analysis).map((view) => {
    const range: Range = { start: document.positionAt(view.embedded!.policy.range.start), end: document.positionAt(view.embedded!.policy.range.end) };
    const inner = getDocumentSymbols(view.document, view.analysis).map((symbol) => mapSymbol(view, symbol));
    const children = inner.length === 1 && inner[0]!.children ? inner[0]!.children : inner;
    return {
      name: view.embedded!.policy.label,
      detail: POLICY_KIND_LABELS[view.analysis.kind!.kind],
      kind: SymbolKind.Object,
      range,
      selectionRange: { start: range.start, end: range.start },
      children,
    };
  });
}

/** The summary and simulate lenses, at the top of each policy. */
export function policyLenses(document: TextDocument, analysis: DocumentAnalysis, which: 'summary' | 'simulate'): CodeLens[] {
  if (analysis.role === 'policy') return which === 'summary' ? getSummaryCodeLenses(document, analysis) : simulationCodeLenses(document, analysis);
  const lenses: CodeLens[] = [];
  for (const view of policyViews(document, analysis)) {
    const inner = which === 'summary' ? getSummaryCodeLenses(view.document, view.analysis) : simulationCodeLenses(view.document, view.analysis);
    const start = document.positionAt(view.embedded!.policy.range.start);
    for (const lens of inner) {
      const title = which === 'summary' ? lens.command!.title.replace(/^Policy summary/, view.embedded!.policy.label) : lens.command!.title;
      lenses.push({ range: { start, end: start }, command: { ...lens.command!, title } });
    }
  }
  return lenses;
}

/** The summary markdown of a document, or of one embedded policy. */
export function summaryMarkdownOf(document: TextDocument | undefined, analysis: DocumentAnalysis, pointer?: string): string {
  if (analysis.role !== 'template' || !document) return getSummaryMarkdown(analysis);
  const views = policyViews(document, analysis).filter((view) => pointer === undefined || view.pointer === pointer);
  if (views.length === 0) return '# Policy summary\n\nThe template holds no policy at that place.';
  return views.map((view) => getSummaryMarkdown(view.analysis).replace(/^# Policy summary/, `# ${view.embedded!.policy.label}`)).join('\n\n');
}
