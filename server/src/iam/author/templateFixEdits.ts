/**
 * The fix of an AccessDenied explanation written into a template: the action or resource added to a
 * statement's list, the new statement added to the policy's `Statement` list (a `statement` block of
 * a Terraform policy document), or a new policy as the caller's new inline policy, as text edits of
 * the template in its own syntax (YAML block or flow, JSON, Terraform), so that values the template
 * computes (`!Sub`, `!GetAtt`, Terraform references) stay as they are written. YAML is written as
 * YAML 1.1, which quotes what CloudFormation's reader would take for a date or a Boolean
 * (`2012-10-17`, `yes`).
 *
 * Each answer is checked before it is given: the template is read again with the edits applied, and
 * the policy at the same place must be the fixed policy the evaluator verified, value for value.
 * Anything else (`dynamic "statement"` blocks, a policy written as a JSON string with escapes) gives
 * no edits, and the explanation says to make the change by hand.
 */
import { parseTree, findNodeAtLocation, getNodeValue, modify, type Node as JsonNode } from 'jsonc-parser';
import { stringify as yamlStringify } from 'yaml';
import { renderString, type HostSyntax } from '../sources/embeddedAnalysis';
import { mapEntry, type HostNode } from '../sources/hostTree';
import { nodeAtVirtual } from '../sources/virtualPolicy';
import { templatePolicyAt, type TemplatePolicy } from '../scenario/runScenario';
import { readScenarioTemplate } from '../scenario/scenarioTemplates';
import type { TemplateDeployment } from '../scenario/scenarioModel';
import { attributeValue, DEFAULT_SAMPLE_VALUES, fillSample, refValue } from '../sources/cloudformation/resourceValues';
import { referencedLogicalIds } from '../sources/cloudformation/intrinsics';
import { terraformNamedResources } from '../sources/terraform/terraformPrincipals';
import { terraformReady } from '../sources/terraform/terraformPolicies';
import { fixEdits, type FixEdit, type ProposedFix } from './explainDenied';
import type { FixTarget } from './deniedRequest';

/** How a fix's policy is named to the user: a template's as `FILE#POINTER` (the evaluator's id adds the account it was read for). */
export function fixPolicyName(id: string, target: FixTarget | undefined): string {
  return target?.template ? `${target.template.file}#${target.template.pointer}` : id;
}

/** The edits of a fix to the file of the policy it edits: a policy file, or a template with the policy. */
export function targetFixEdits(target: FixTarget, fix: ProposedFix): FixEdit[] | undefined {
  if (fix.kind === 'new-policy') return target.template?.owner ? newInlinePolicyEdits(target.text, target.template, fix) : undefined;
  return target.template ? templateFixEdits(target.template.file, target.text, target.template.pointer, fix, target.template.deployment) : fixEdits(target.text, fix);
}

/** The name of the Terraform resource that holds the new inline policy of `owner` (`aws_iam_role.app` → `app_access`). */
function terraformPolicyLabel(text: string, owner: string): string {
  const [type, label] = owner.split('.');
  for (let n = 1; ; n++) {
    const candidate = `${label}_access${n === 1 ? '' : `_${n}`}`;
    if (!new RegExp(`resource\\s+"${type}_policy"\\s+"${candidate}"`).test(text)) return candidate;
  }
}

/**
 * Where a new inline policy of the template's role or user `owner` goes: the next item of its
 * CloudFormation `Policies`, or a new Terraform `aws_iam_role_policy` / `aws_iam_user_policy`.
 */
export function newInlinePolicyPointer(file: string, text: string, owner: string): string | undefined {
  if (/\.tf$/i.test(file)) return /^aws_iam_(role|user)\.[\w-]+$/.test(owner) ? `${owner.split('.')[0]}_policy.${terraformPolicyLabel(text, owner)}/policy` : undefined;
  const properties = templateProperties(text, owner);
  if (!properties) return undefined;
  const policies = mapEntry(properties.map, 'Policies');
  if (policies && policies.value?.kind !== 'seq') return undefined;
  // A SAM function's `Policies` item is the policy document itself; a role's is `{PolicyName, PolicyDocument}`.
  return `/Resources/${owner}/Properties/Policies/${policies?.value?.kind === 'seq' ? policies.value.items.length : 0}${properties.sam ? '' : '/PolicyDocument'}`;
}

/** The `Properties` map of a template's resource, with the template's syntax, and whether it is a SAM function or state machine. */
function templateProperties(text: string, logicalId: string): { syntax: 'json' | 'yaml'; map: Extract<HostNode, { kind: 'map' }>; sam: boolean } | undefined {
  const template = readScenarioTemplate(text);
  const properties = mapEntry(mapEntry(mapEntry(template?.root, 'Resources')?.value, logicalId)?.value, 'Properties')?.value;
  const type = template?.context.resources.get(logicalId);
  return template && properties?.kind === 'map' ? { syntax: template.syntax, map: properties, sam: type === 'AWS::Serverless::Function' || type === 'AWS::Serverless::StateMachine' } : undefined;
}

/**
 * The new policy of a fix as an inline policy of the template's role or user, checked: the template
 * read again holds the new policy at the place the target names.
 */
function newInlinePolicyEdits(text: string, place: NonNullable<FixTarget['template']>, fix: ProposedFix): FixEdit[] | undefined {
  return checkedEdits(text, place.file, place.pointer, place.deployment, fix, fix.document, (proposed) => newInlinePolicyText(text, place, proposed));
}

/** The edits that add the new policy of `fix` as an inline policy of `place.owner`, unchecked. */
function newInlinePolicyText(text: string, place: NonNullable<FixTarget['template']>, fix: ProposedFix): FixEdit[] | undefined {
  const owner = place.owner!;
  const document = fix.document as Record<string, unknown>;
  const name = typeof fix.statement.Sid === 'string' ? fix.statement.Sid : 'AccessFix';
  let edits: FixEdit[] | undefined;
  if (/\.tf$/i.test(place.file)) {
    const kind = owner.split('.')[0]!.slice('aws_iam_'.length);
    const label = /^aws_iam_\w+_policy\.([\w-]+)\/policy$/.exec(place.pointer)?.[1];
    if (!label) return undefined;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const block = [`resource "aws_iam_${kind}_policy" "${label}" {`, `  name   = ${renderString('hcl', undefined, name)}`, `  ${kind.padEnd(6)} = ${owner}.${kind === 'role' ? 'id' : 'name'}`, `  policy = jsonencode(${hclValue(document)})`, '}'].join(eol);
    edits = [{ offset: text.length, length: 0, newText: `${/\n$/.test(text) ? '' : eol}${eol}${block}${eol}` }];
  } else {
    const properties = templateProperties(text, owner);
    if (!properties) return undefined;
    const item = properties.sam ? document : { PolicyName: name, PolicyDocument: document };
    const policies = mapEntry(properties.map, 'Policies')?.value;
    if (properties.syntax === 'json') {
      const root = parseTree(text, [], { allowTrailingComma: true });
      if (!root) return undefined;
      const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
      const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
      if (policies) {
        edits = modify(text, ['Resources', owner, 'Properties', 'Policies', -1], item, { formattingOptions, isArrayInsertion: true }).map((edit) => ({ offset: edit.offset, length: edit.length, newText: edit.content }));
      } else {
        // A new last entry of `Properties`, at its keys' indentation; the entries before it are left as they are.
        const last = properties.map.entries[properties.map.entries.length - 1];
        if (!last) return undefined;
        const keyIndent = text.slice(text.lastIndexOf('\n', last.keyRange.start - 1) + 1, last.keyRange.start);
        // `Properties` written on one line: jsonc-parser adds the entry in its own layout.
        if (!/^\s*$/.test(keyIndent)) return modify(text, ['Resources', owner, 'Properties', 'Policies'], [item], { formattingOptions }).map((edit) => ({ offset: edit.offset, length: edit.length, newText: edit.content }));
        const unit = formattingOptions.insertSpaces ? ' '.repeat(formattingOptions.tabSize) : '\t';
        const value = JSON.stringify([item], null, unit).split('\n').join(`${formattingOptions.eol}${keyIndent}`);
        edits = [{ offset: last.range.end, length: 0, newText: `,${formattingOptions.eol}${keyIndent}"Policies": ${value}` }];
      }
    } else if (policies?.kind === 'seq') {
      edits = appendItem(text, 'yaml', policies, [{ statement: item }]);
    } else {
      // No `Policies` yet: a new entry after the last one of `Properties`.
      edits = yamlNewEntry(text, properties.map, { Policies: [item] });
    }
  }
  return edits;
}

/**
 * The edit that adds `entry` (one key and its value) after the last entry of a YAML block map, at its
 * keys' indentation; undefined for an empty or flow map. YAML 1.1, as CloudFormation reads it.
 */
function yamlNewEntry(text: string, map: Extract<HostNode, { kind: 'map' }>, entry: Record<string, unknown>): FixEdit[] | undefined {
  const last = map.entries[map.entries.length - 1];
  if (!last) return undefined;
  const keyLine = text.lastIndexOf('\n', last.keyRange.start - 1) + 1;
  const indent = text.slice(keyLine, last.keyRange.start);
  if (!/^\s*$/.test(indent)) return undefined;
  let lastEnd = last.range.end;
  while (lastEnd > last.range.start && /\s/.test(text[lastEnd - 1]!)) lastEnd--;
  let end = text.indexOf('\n', lastEnd);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = yamlStringify(entry, { lineWidth: 0, version: '1.1' }).replace(/\n$/, '').split('\n');
  return [{ offset: end, length: 0, newText: lines.map((line) => `${eol}${indent}${line}`).join('') }];
}

/**
 * Edits of a template's text that make the policy at `pointer` what `fix` proposes; undefined when
 * they cannot be written there or do not give exactly that policy. `deployment` is what the scenario
 * read the template with.
 */
function templateFixEdits(file: string, text: string, pointer: string, fix: ProposedFix, deployment?: TemplateDeployment): FixEdit[] | undefined {
  if (fix.kind === 'new-policy') return undefined;
  const found = templatePolicyAt(file, text, pointer, deployment);
  if (typeof found === 'string') return undefined;
  // A function's policy is made of `AWS::Lambda::Permission` resources: a new statement is a new one.
  if (found.policy.rendered) return fix.kind === 'add-statement' ? newPermissionEdits(file, text, pointer, fix, deployment) : undefined;
  return checkedEdits(text, file, pointer, deployment, fix, withoutAddedVersion(found, fix), (proposed) => proposeEdits(text, found, proposed));
}

/**
 * A new `AWS::Lambda::Permission` (Terraform: `aws_lambda_permission`) for the function at `pointer`
 * (`/Resources/<id>`, `aws_lambda_function.<label>`) that makes the statement of `fix` (Lambda API
 * Reference, `AddPermission`: one action and one principal, an account, an ARN, a service or `*`);
 * its function is `!GetAtt <id>.Arn` (`aws_lambda_function.<label>.arn`). Undefined when the
 * statement has conditions or more than one action or principal, or when the file read again does
 * not give the function exactly that statement.
 */
function newPermissionEdits(file: string, text: string, pointer: string, fix: ProposedFix, deployment: TemplateDeployment | undefined): FixEdit[] | undefined {
  const terraform = /\.tf$/i.test(file);
  const id = terraform ? /^aws_lambda_function\.([\w-]+)$/.exec(pointer)?.[1] : /^\/Resources\/([^/]+)$/.exec(pointer)?.[1];
  const { Sid: _sid, ...statement } = fix.statement;
  const action = toList(statement.Action);
  const principal = statement.Principal === '*' ? ['*'] : statement.Principal !== null && typeof statement.Principal === 'object' ? Object.values(statement.Principal as Record<string, unknown>).flatMap((value) => toList(value) ?? []) : [];
  if (id === undefined || statement.Effect !== 'Allow' || statement.Condition !== undefined || action?.length !== 1 || principal.length !== 1) return undefined;
  const check = (edits: FixEdit[]): FixEdit[] | undefined => {
    const after = templatePolicyAt(file, applyEdits(text, edits), pointer, deployment);
    if (typeof after === 'string') return undefined;
    const root = parseTree(after.virtual.text);
    const written: unknown = root ? getNodeValue(root)?.Statement : undefined;
    const statements = Array.isArray(written) ? written : [written];
    return samePolicyValue(statements[statements.length - 1], statement) ? edits : undefined;
  };
  if (terraform) {
    let label = `${id}_invoke`;
    for (let n = 2; new RegExp(`resource\\s+"aws_lambda_permission"\\s+"${label}"`).test(text); n++) label = `${id}_invoke_${n}`;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const block = [`resource "aws_lambda_permission" "${label}" {`, `  action        = ${renderString('hcl', undefined, action[0]!)}`, `  function_name = ${pointer}.arn`, `  principal     = ${renderString('hcl', undefined, principal[0]!)}`, '}'].join(eol);
    return check([{ offset: text.length, length: 0, newText: `${/\n$/.test(text) ? '' : eol}${eol}${block}${eol}` }]);
  }
  const template = readScenarioTemplate(text);
  const resources = mapEntry(template?.root, 'Resources')?.value;
  if (!template || resources?.kind !== 'map') return undefined;
  let name = `${id}InvokePermission`;
  for (let n = 2; template.context.resources.has(name); n++) name = `${id}InvokePermission${n}`;
  const properties = { Action: action[0], FunctionName: 'IAMFIXFUNCTION', Principal: principal[0] };
  let edits: FixEdit[] | undefined;
  if (template.syntax === 'json') {
    const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
    edits = modify(text, ['Resources', name], { Type: 'AWS::Lambda::Permission', Properties: properties }, { formattingOptions }).map((edit) => ({ offset: edit.offset, length: edit.length, newText: edit.content.replace('"IAMFIXFUNCTION"', `{ "Fn::GetAtt": [${JSON.stringify(id)}, "Arn"] }`) }));
  } else {
    edits = yamlNewEntry(text, resources, { [name]: { Type: 'AWS::Lambda::Permission', Properties: properties } })?.map((edit) => ({ ...edit, newText: edit.newText.replace('IAMFIXFUNCTION', `!GetAtt ${id}.Arn`) }));
  }
  return edits ? check(edits) : undefined;
}

/**
 * The edits `propose` writes for `fix`, kept only when the template read again with them holds
 * `expected` at `pointer`. Values that name a resource of the template by the name CloudFormation
 * generated for it (which changes with every new stack) are written as the template names it,
 * `!GetAtt Id.Arn` or `!Sub '${Id.Arn}/key'` (`Fn::GetAtt`/`Fn::Sub` in JSON), when that reads
 * back the same; else as they are.
 */
function checkedEdits(text: string, file: string, pointer: string, deployment: TemplateDeployment | undefined, fix: ProposedFix, expected: unknown, propose: (fix: ProposedFix) => FixEdit[] | undefined): FixEdit[] | undefined {
  // A resource's properties cannot name the resource itself, or one that depends on it: CloudFormation
  // refuses a circular dependency. Such a resource keeps the name the message shows.
  const terraform = /\.tf$/i.test(file);
  const owner = terraform ? pointer.split('/')[0] : /^\/Resources\/([^/]+)\//.exec(pointer)?.[1];
  const known = terraform ? terraformExpressions(text, deployment) : templateExpressions(text, deployment);
  const edges = known && owner !== undefined ? (terraform ? terraformDependencies : templateDependencies)(text) : undefined;
  const expressions = known?.filter((expression) => !edges || !reaches(expression.id, owner!, edges));
  for (const written of expressions && expressions.length > 0 ? [expressions, undefined] : [undefined]) {
    const tokens: Array<{ id: string; rest: string; ref?: true }> = [];
    const proposed = written ? withTokens(fix, written, tokens) : fix;
    const raw = propose(proposed);
    if (!raw) continue;
    const edits = tokens.length > 0 ? raw.map((edit) => ({ ...edit, newText: edit.newText.replace(/(["']?)IAMFIXVALUE(\d+)TOKEN\1/g, (_whole, quote: string, index: string) => expressionText(file, text, tokens[Number(index)]!, quote === '"')) })) : raw;
    const after = templatePolicyAt(file, applyEdits(text, edits), pointer, deployment);
    if (typeof after === 'string') continue;
    const root = parseTree(after.virtual.text);
    if (root && samePolicyValue(getNodeValue(root), expected)) return edits;
    if (tokens.length === 0) return undefined;
  }
  return undefined;
}

/**
 * What each resource of a template depends on: what its definition refers to (`Ref`, `Fn::GetAtt`,
 * `Fn::Sub`) or names in `DependsOn` (CloudFormation User Guide, "DependsOn attribute": references
 * order resource creation as `DependsOn` does).
 */
function templateDependencies(text: string): (id: string) => Set<string> {
  const resources = mapEntry(readScenarioTemplate(text)?.root, 'Resources')?.value;
  return (id) => {
    const node = mapEntry(resources, id)?.value;
    const out = referencedLogicalIds(node);
    const explicit = mapEntry(node, 'DependsOn')?.value;
    for (const item of explicit?.kind === 'seq' ? explicit.items : explicit ? [explicit] : []) if (item.kind === 'scalar' && typeof item.value === 'string') out.add(item.value);
    return out;
  };
}

/** Whether `to` is `from` or can be reached from it by following `edges` (a dependency graph's). */
function reaches(from: string, to: string, edges: (node: string) => Iterable<string>): boolean {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (node === to) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    queue.push(...edges(node));
  }
  return false;
}

/**
 * The ARNs of the template's resources whose name is known (its name property, or the name a
 * deployment gave it), by logical id: what a fix can name by `!GetAtt`.
 */
function templateExpressions(text: string, deployment: TemplateDeployment | undefined): Array<{ id: string; arn: string; ref?: true }> | undefined {
  const template = readScenarioTemplate(text, deployment);
  if (!template) return undefined;
  const values = { ...DEFAULT_SAMPLE_VALUES, ...deployment };
  const out: Array<{ id: string; arn: string; ref?: true }> = [];
  for (const [id, name] of template.context.physicalNames ?? []) {
    const type = template.context.resources.get(id);
    const arn = type ? attributeValue(type, 'Arn') : undefined;
    // A type whose `Ref` is its ARN and that has no `Arn` attribute (a secret) is written `!Ref Id`.
    const ref = type && !arn ? refValue(type) : undefined;
    if (arn) out.push({ id, arn: fillSample(arn.sample, id, name, values) });
    else if (ref?.sample.startsWith('arn:')) out.push({ id, arn: fillSample(ref.sample, id, name, values), ref: true });
  }
  return out.length > 0 ? out : undefined;
}

/** The ARNs of a Terraform file's resources that it names literally, by address: what a fix can name by reference. */
function terraformExpressions(text: string, deployment: TemplateDeployment | undefined): Array<{ id: string; arn: string }> | undefined {
  if (!terraformReady()) return undefined;
  const values = { ...DEFAULT_SAMPLE_VALUES, ...deployment };
  const out = terraformNamedResources(text).map((resource) => ({ id: resource.address, arn: fillSample(resource.arn, resource.address, resource.name, values) }));
  return out.length > 0 ? out : undefined;
}

/**
 * What each resource or data source of a Terraform file refers to (Terraform language, "Resource
 * dependencies": a reference in a block's arguments makes it depend on the referenced object; a
 * configuration with a cycle is refused).
 */
function terraformDependencies(text: string): (address: string) => string[] {
  const blocks = new Map<string, string>();
  for (const match of text.matchAll(/^(resource|data)\s+"([\w-]+)"\s+"([\w-]+)"/gm)) {
    const address = `${match[1] === 'data' ? 'data.' : ''}${match[2]}.${match[3]}`;
    const next = text.slice(match.index! + match[0].length).search(/^(resource|data|module|locals|variable|output|provider|terraform)\b/m);
    blocks.set(address, text.slice(match.index!, next < 0 ? text.length : match.index! + match[0].length + next));
  }
  return (address) => {
    const body = blocks.get(address) ?? '';
    return [...blocks.keys()].filter((other) => other !== address && new RegExp(`(^|[^\\w.])${other.replace(/\./g, '\\.')}\\.`).test(body));
  };
}

/**
 * The fix with each new string that names one of `expressions` (the ARN, or inside it) replaced by a
 * token recorded in `tokens`: the added action or resource, or every value of a new statement or policy.
 */
function withTokens(fix: ProposedFix, expressions: ReadonlyArray<{ id: string; arn: string; ref?: true }>, tokens: Array<{ id: string; rest: string; ref?: true }>): ProposedFix {
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const found = value.includes('${') ? undefined : expressions.find(({ arn }) => value === arn || value.startsWith(`${arn}/`) || value.startsWith(`${arn}:`));
      if (!found) return value;
      tokens.push({ id: found.id, rest: value.slice(found.arn.length), ...(found.ref ? { ref: true as const } : {}) });
      return `IAMFIXVALUE${tokens.length - 1}TOKEN`;
    }
    if (Array.isArray(value)) return value.map(swap);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, swap(item)]));
    return value;
  };
  if (fix.kind === 'add-action' || fix.kind === 'add-resource') {
    // The list as the policy holds it, then the added value: only that one is new.
    const element = fix.kind === 'add-action' ? 'Action' : 'Resource';
    const list = toList(fix.statement[element]);
    if (!list || list.length === 0) return fix;
    return { ...fix, statement: { ...fix.statement, [element]: [...list.slice(0, -1), swap(list[list.length - 1])] } };
  }
  return { ...fix, statement: swap(fix.statement) as Record<string, unknown>, document: swap(fix.document) };
}

/**
 * A resource's ARN as the template writes it: `!GetAtt Id.Arn`, or `!Sub` with what follows it;
 * `Fn::` objects in a JSON template, and where the value was written as JSON (`inJson`: a flow
 * collection of a YAML template written in JSON's style, where YAML reads them too).
 */
function expressionText(file: string, text: string, token: { id: string; rest: string; ref?: true }, inJson: boolean): string {
  // Terraform: an interpolation of the resource's `arn` in a string (in HCL, `jsonencode` and heredocs alike).
  if (/\.tf$/i.test(file)) return `"\${${token.id}.arn}${token.rest.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
  const json = inJson || /\.json$/i.test(file) || /^\s*\{/.test(text);
  if (token.rest === '' && token.ref) return json ? `{"Ref": ${JSON.stringify(token.id)}}` : `!Ref ${token.id}`;
  if (token.rest === '') return json ? `{"Fn::GetAtt": ${JSON.stringify([token.id, 'Arn'])}}` : `!GetAtt ${token.id}.Arn`;
  const template = `\${${token.ref ? token.id : `${token.id}.Arn`}}${token.rest}`;
  return json ? `{"Fn::Sub": ${JSON.stringify(template)}}` : `!Sub ${renderString('yaml', 'yaml-single', template)}`;
}

/**
 * The fixed policy as the template will hold it: the explanation writes `Version` into a policy that
 * has none, which the template keeps as it is (its added values hold no policy variable, where the
 * version would matter).
 */
function withoutAddedVersion(template: TemplatePolicy, fix: ProposedFix): unknown {
  const document = fix.document;
  const root = parseTree(template.virtual.text);
  if (!root || findNodeAtLocation(root, ['Version']) || document === null || typeof document !== 'object' || JSON.stringify(fix.statement).includes('${')) return document;
  const { Version: _added, ...rest } = document as Record<string, unknown>;
  return rest;
}

function proposeEdits(text: string, template: TemplatePolicy, fix: ProposedFix): FixEdit[] | undefined {
  const { virtual, syntax } = template;
  const root = parseTree(virtual.text);
  if (!root || root.type !== 'object') return undefined;
  const statements = findNodeAtLocation(root, ['Statement']);
  if (!statements) return undefined;
  if (fix.kind === 'add-statement') {
    const host = hostNodeOf(template, statements);
    if (statements.type === 'object' && host?.kind === 'map') return statementToList(text, syntax, template, root, host, fix.statement);
    if (statements.type !== 'array' || host?.kind !== 'seq') return undefined;
    return appendItem(text, syntax, host, [{ statement: fix.statement }]);
  }
  const element = fix.kind === 'add-action' ? 'Action' : 'Resource';
  const statement = statements.type === 'array' ? statements.children?.[fix.statementIndex] : statements;
  const valueNode = statement?.type === 'object' ? findNodeAtLocation(statement, [element]) : undefined;
  if (!valueNode) return undefined;
  const current = toList(getNodeValue(valueNode));
  const wanted = toList(fix.statement[element]);
  if (!current || !wanted || wanted.length <= current.length || current.some((value, index) => value !== wanted[index])) return undefined;
  const added = wanted.slice(current.length);
  const host = hostNodeOf(template, valueNode);
  if (!host) return undefined;
  if (host.kind === 'seq') return appendItem(text, syntax, host, added.map((value) => ({ value })));
  if (host.kind === 'scalar' || host.kind === 'text') {
    // A single value becomes a list: the value as written (with its `!Sub` or `Fn::Sub`), then the added ones.
    const statementHost = statement ? hostNodeOf(template, statement) : undefined;
    const extent = statementHost?.kind === 'map' ? valueExtent(text, statementHost, host) : undefined;
    if (!extent) return undefined;
    const written = text.slice(extent.start, extent.end);
    if (syntax === 'yaml' && /^[|>]/.test(written)) return undefined;
    return [{ offset: extent.start, length: extent.end - extent.start, newText: `[${[written, ...added.map((value) => flowValue(syntax, value, written))].join(', ')}]` }];
  }
  return undefined;
}

/**
 * A `Statement` written as one statement becomes a list of it and the new one: in a YAML block, the
 * statement's lines under a `- ` (two more spaces of indentation), then the new one; elsewhere (a
 * flow mapping, JSON, Terraform) `[statement, new]`.
 */
function statementToList(text: string, syntax: HostSyntax, template: TemplatePolicy, root: JsonNode, map: Extract<HostNode, { kind: 'map' }>, statement: Record<string, unknown>): FixEdit[] | undefined {
  const first = map.entries[0];
  if (!first) return undefined;
  const lineStart = text.lastIndexOf('\n', first.keyRange.start - 1) + 1;
  const indent = text.slice(lineStart, first.keyRange.start);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (syntax === 'yaml' && /^[ \t]*$/.test(indent) && text[map.range.start] !== '{') {
    let end = map.range.end;
    while (end > map.range.start && /\s/.test(text[end - 1]!)) end--;
    const lines = text.slice(lineStart, end).split(/\r?\n/);
    const moved = lines.map((line, index) => (index === 0 ? `${indent}- ${line.slice(indent.length)}` : line.trim() === '' ? line : `  ${line}`));
    const added = yamlStringify(statement, { lineWidth: 0, version: '1.1' }).replace(/\n$/, '').split('\n').map((line, index) => `${indent}${index === 0 ? '- ' : '  '}${line}`);
    return [{ offset: lineStart, length: end - lineStart, newText: [...moved, ...added].join(eol) }];
  }
  // The statement as written (its entry's value), then the new one, in a flow list.
  const parentNode = findNodeAtLocation(root, []);
  const parent = parentNode ? hostNodeOf(template, parentNode) : undefined;
  const extent = parent?.kind === 'map' ? valueExtent(text, parent, map) : undefined;
  if (!extent) return undefined;
  const written = text.slice(extent.start, extent.end);
  const rendered = syntax === 'hcl' && !/^\{\s*"[^"]*"\s*:/.test(written) ? hclValue(statement) : JSON.stringify(statement);
  return [{ offset: extent.start, length: extent.end - extent.start, newText: `[${written}, ${rendered}]` }];
}

/** Where the value of the map entry whose value is `value` is written: after its key and `:` (or `=`), tags and intrinsic objects included. */
function valueExtent(text: string, map: Extract<HostNode, { kind: 'map' }>, value: HostNode): { start: number; end: number } | undefined {
  const entry = map.entries.find((candidate) => candidate.value === value);
  if (!entry) return undefined;
  const separator = /^["']?\s*[:=]\s*/.exec(text.slice(entry.keyRange.end, entry.range.end));
  if (!separator) return undefined;
  const start = entry.keyRange.end + separator[0].length;
  const end = entry.range.start + text.slice(entry.range.start, entry.range.end).trimEnd().length;
  return start <= value.range.start && value.range.end <= end ? { start, end } : undefined;
}

function toList(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  return list.every((item): item is string => typeof item === 'string') ? list : undefined;
}

/** The host node printed at a virtual node. */
function hostNodeOf(template: TemplatePolicy, node: JsonNode): HostNode | undefined {
  const mapped = nodeAtVirtual(template.virtual, node.offset, node.offset + node.length);
  return mapped && mapped.vStart === node.offset && mapped.vEnd === node.offset + node.length ? mapped.node : undefined;
}

/** A string in a flow list of the host, written the way its neighbour is (JSON strings beside JSON strings). */
function flowValue(syntax: HostSyntax, value: string, neighbour: string | undefined): string {
  if (syntax === 'hcl') return renderString('hcl', undefined, value);
  if (syntax === 'json' || neighbour?.startsWith('"')) return JSON.stringify(value);
  return renderString('yaml', 'yaml-single', value);
}

/** An object as a Terraform object constructor (`{ Effect = "Allow", ... }`), for `jsonencode`. */
function hclValue(value: unknown): string {
  if (typeof value === 'string') return renderString('hcl', undefined, value);
  if (Array.isArray(value)) return `[${value.map(hclValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : renderString('hcl', undefined, key)} = ${hclValue(item)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

type NewItem = { readonly value: string } | { readonly statement: Record<string, unknown> };

/** Appends values or a statement to a host list: a YAML block sequence, or a flow list of any syntax. */
function appendItem(text: string, syntax: HostSyntax, list: Extract<HostNode, { kind: 'seq' }>, items: readonly NewItem[]): FixEdit[] | undefined {
  const last = list.items[list.items.length - 1];
  if (!last || items.length === 0) return undefined;
  if (text[list.range.start] === '[') {
    const neighbour = text.slice(last.range.start, last.range.end);
    const statement = items.find((item): item is { statement: Record<string, unknown> } => 'statement' in item)?.statement;
    if (statement && syntax === 'json') return items.length === 1 ? jsonStatementInsertion(text, list, statement) : undefined;
    const written = items.map((item) => ('value' in item ? flowValue(syntax, item.value, neighbour) : syntax === 'hcl' && !/^\{\s*"[^"]*"\s*:/.test(neighbour) ? hclValue(item.statement) : JSON.stringify(item.statement)));
    // After the last item as written: an intrinsic function object (`{"Fn::Sub": "..."}`) ends after
    // the string its node stands for, so the item ends where the list's `]` is, less white space.
    let end = list.range.end - 1;
    while (end > last.range.end && /\s/.test(text[end - 1]!)) end--;
    const between = text.slice(last.range.end, end);
    const offset = text[list.range.end - 1] === ']' && /^[\s}]*$/.test(between) ? end : last.range.end;
    return [{ offset, length: 0, newText: written.map((item) => `, ${item}`).join('') }];
  }
  const first = list.items[0]!;
  const lineStart = text.lastIndexOf('\n', first.range.start - 1) + 1;
  const before = text.slice(lineStart, first.range.start);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // After the last item's lines (a block node's range may run past its last line's break).
  let lastEnd = last.range.end;
  while (lastEnd > last.range.start && /\s/.test(text[lastEnd - 1]!)) lastEnd--;
  let end = text.indexOf('\n', lastEnd);
  if (end < 0) end = text.length;
  const rest = text.slice(lastEnd, end).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  if (text[end - 1] === '\r') end--;
  if (syntax === 'hcl') {
    // `statement` blocks of a Terraform policy document: a new block at their indentation.
    const block = /^(\s*)$/.test(before) && text.startsWith('statement', first.range.start) ? before : undefined;
    const statement = items.length === 1 && 'statement' in items[0]! ? items[0].statement : undefined;
    const written = block !== undefined && statement ? statementBlock(statement, block, eol) : undefined;
    return written ? [{ offset: end, length: 0, newText: `${eol}${eol}${written}` }] : undefined;
  }
  if (syntax !== 'yaml') return undefined;
  // A block sequence: `- item` at the indentation of the others (a tag such as `!Sub` may follow the
  // dash), or `-` on a line of its own with the item below it.
  let indent: string;
  let content: string | undefined;
  const dash = /^(\s*)-\s+(?:!\S+\s+)?$/.exec(before);
  if (dash) indent = dash[1]!;
  else {
    const previousEnd = lineStart - 1;
    const previous = /^(\s*)-\s*$/.exec(text.slice(text.lastIndexOf('\n', previousEnd - 1) + 1, previousEnd).replace(/\r$/, ''));
    if (!previous || !/^\s*$/.test(before)) return undefined;
    indent = previous[1]!;
    content = before;
  }
  const lines = items.flatMap((item) => {
    if ('value' in item) return [`${indent}- ${renderString('yaml', undefined, item.value)}`];
    const itemLines = yamlStringify(item.statement, { lineWidth: 0, version: '1.1' }).replace(/\n$/, '').split('\n');
    if (content !== undefined) return [`${indent}-`, ...itemLines.map((line) => `${content}${line}`)];
    return itemLines.map((line, index) => (index === 0 ? `${indent}- ${line}` : `${indent}  ${line}`));
  });
  return [{ offset: end, length: 0, newText: lines.map((line) => `${eol}${line}`).join('') }];
}

/** The arguments of a policy document's `statement` block for each element of a statement (Terraform `aws_iam_policy_document`). */
const STATEMENT_ARGUMENTS: Readonly<Record<string, string>> = { Sid: 'sid', Effect: 'effect', Action: 'actions', NotAction: 'not_actions', Resource: 'resources', NotResource: 'not_resources' };

/** A statement as a `statement` block of a Terraform policy document; undefined for what one cannot say. */
function statementBlock(statement: Record<string, unknown>, indent: string, eol: string): string | undefined {
  const lines: string[] = [];
  const strings = (value: unknown): string[] | undefined => toList(value);
  const keys = Object.keys(statement).filter((key) => STATEMENT_ARGUMENTS[key]);
  const width = Math.max(...keys.map((key) => STATEMENT_ARGUMENTS[key]!.length));
  for (const [key, value] of Object.entries(statement)) {
    const argument = STATEMENT_ARGUMENTS[key];
    if (argument) {
      const list = strings(value);
      if (!list) return undefined;
      const written = key === 'Sid' || key === 'Effect' ? (typeof value === 'string' ? renderString('hcl', undefined, value) : undefined) : `[${list.map((item) => renderString('hcl', undefined, item)).join(', ')}]`;
      if (written === undefined) return undefined;
      lines.push(`${indent}  ${argument.padEnd(width)} = ${written}`);
    } else if (key === 'Condition' && value !== null && typeof value === 'object') {
      for (const [test, byKey] of Object.entries(value)) {
        if (byKey === null || typeof byKey !== 'object') return undefined;
        for (const [variable, values] of Object.entries(byKey)) {
          const list = strings(values);
          if (!list) return undefined;
          lines.push(`${indent}  condition {`, `${indent}    test     = ${renderString('hcl', undefined, test)}`, `${indent}    variable = ${renderString('hcl', undefined, variable)}`, `${indent}    values   = [${list.map((item) => renderString('hcl', undefined, item)).join(', ')}]`, `${indent}  }`);
        }
      }
    } else if (key === 'Principal' && value !== null && typeof value === 'object') {
      for (const [type, identifiers] of Object.entries(value)) {
        const list = strings(identifiers);
        if (!list) return undefined;
        lines.push(`${indent}  principals {`, `${indent}    type        = ${renderString('hcl', undefined, type)}`, `${indent}    identifiers = [${list.map((item) => renderString('hcl', undefined, item)).join(', ')}]`, `${indent}  }`);
      }
    } else {
      return undefined;
    }
  }
  return [`${indent}statement {`, ...lines, `${indent}}`].join(eol);
}

/** A statement added to a JSON template's `Statement` array, formatted as the template is. */
function jsonStatementInsertion(text: string, list: Extract<HostNode, { kind: 'seq' }>, statement: Record<string, unknown>): FixEdit[] | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const path = root ? pathTo(root, list.range.start) : undefined;
  if (!path) return undefined;
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  return modify(text, [...path, -1], statement, { formattingOptions, isArrayInsertion: true }).map((edit) => ({ offset: edit.offset, length: edit.length, newText: edit.content }));
}

/** The JSON path of the array that starts at `offset`, when the host is JSON and it is one. */
function pathTo(root: JsonNode, offset: number): Array<string | number> | undefined {
  const walk = (node: JsonNode, path: Array<string | number>): Array<string | number> | undefined => {
    if (node.offset === offset && node.type === 'array') return path;
    if (offset < node.offset || offset >= node.offset + node.length) return undefined;
    for (const [index, child] of (node.children ?? []).entries()) {
      if (node.type === 'object' && child.type === 'property') {
        const key = child.children?.[0]?.value as string;
        const value = child.children?.[1];
        const found = value ? walk(value, [...path, key]) : undefined;
        if (found) return found;
      } else if (node.type === 'array') {
        const found = walk(child, [...path, index]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(root, []);
}

function applyEdits(text: string, edits: readonly FixEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.newText + out.slice(edit.offset + edit.length);
  return out;
}

/**
 * Equal policy values, whatever the order of object keys, and a single value equal to a list of it
 * (IAM reads `"Action": "s3:GetObject"` and `"Action": ["s3:GetObject"]` alike; Terraform's policy
 * documents always write lists).
 */
function samePolicyValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && a.length === 1 && !Array.isArray(b)) return samePolicyValue(a[0], b);
  if (Array.isArray(b) && b.length === 1 && !Array.isArray(a)) return samePolicyValue(a, b[0]);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => samePolicyValue(item, b[index]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && samePolicyValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}
