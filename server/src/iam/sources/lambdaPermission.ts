/**
 * A Lambda permission as the statement Lambda writes into a resource-based policy: a function's
 * (Lambda API Reference, `AddPermission`; Lambda Developer Guide, "Viewing resource-based IAM
 * policies in Lambda" and "Control access to Lambda function URLs") or a layer version's
 * (`AddLayerVersionPermission`), for the host formats that declare permissions as resources rather
 * than policy documents (CloudFormation's `AWS::Lambda::Permission` and
 * `AWS::Lambda::LayerVersionPermission`, Terraform's `aws_lambda_permission` and
 * `aws_lambda_layer_version_permission`). Rendered as a policy tree whose nodes are the resource's
 * own arguments, so that lint, "who can get in", `check --no-public-access`, the access diff and
 * AccessDenied explanations read it like any resource-based policy:
 *
 * - `Principal`: `*` stays `*`; an account id or an ARN is `{"AWS": ...}`; anything else (a service
 *   principal such as `s3.amazonaws.com`) is `{"Service": ...}`.
 * - `Action` is the statement's action; the function (`FunctionName`, with its partition, Region and
 *   account when written as a name) or the layer version (`LayerVersionArn`) is its `Resource`.
 * - `SourceArn` is `ArnLike aws:SourceArn`; `SourceAccount` and `PrincipalOrgID` (a layer's
 *   `OrganizationId`) are `StringEquals` on `aws:SourceAccount` and `aws:PrincipalOrgID`;
 *   `FunctionUrlAuthType` and `EventSourceToken` are `StringEquals` on `lambda:FunctionUrlAuthType`
 *   and `lambda:EventSourceToken`; `InvokedViaFunctionUrl: true` is `Bool lambda:InvokedViaFunctionUrl`.
 *
 * Keys map to the argument that gives them and values to its value; what Lambda adds (`Version`,
 * `Effect`, the principal's type, the operators) maps to the start of the argument or resource.
 */
import type { EmbeddedPolicy, HostEntry, HostMap, HostNode, HostRange, HostScalar } from './hostTree';
import { mapEntry, sampleText } from './hostTree';

const at = (range: HostRange): HostRange => ({ start: range.start, end: range.start });

/** A value the service adds (the host does not write it), at `range`. */
export function addedScalar(value: string, range: HostRange): HostScalar {
  return { kind: 'scalar', range, value, style: 'other' };
}

/** A map entry; its range runs from the key to the end of the value unless given. */
export function hostEntry(key: string, keyRange: HostRange, value: HostNode, range: HostRange = { start: keyRange.start, end: value.range.end }): HostEntry {
  return { key, keyRange, value, range };
}

/** An argument of the permission as the host writes it: its entry (key and range) and its value (resolved). */
export interface PermissionArgument {
  readonly entry: HostEntry;
  readonly value: HostNode;
}

/**
 * The argument with a number or boolean value as the string it is: the permission's arguments are
 * strings, and CloudFormation and Terraform convert a number written for a string (`Principal:
 * 123456789012`, `SourceAccount = 123456789012`) to its text.
 */
export function stringArgument(argument: PermissionArgument): PermissionArgument {
  const value = argument.value;
  if (value.kind !== 'scalar' || (typeof value.value !== 'number' && typeof value.value !== 'boolean')) return argument;
  return { entry: argument.entry, value: { ...value, value: String(value.value) } };
}

/** The kinds of Lambda permission: a function's (`AddPermission`) and a layer version's (`AddLayerVersionPermission`). */
export type PermissionType = 'function' | 'layer';

/** The arguments a permission may have (the resource is the function, or the layer version). */
export type PermissionArgumentName = 'principal' | 'action' | 'resource' | 'sourceArn' | 'sourceAccount' | 'principalOrgId' | 'functionUrlAuthType' | 'eventSourceToken' | 'invokedViaFunctionUrl';

/**
 * Where a permission's arguments are written: an `AWS::Lambda::Permission` (or layer version
 * permission), a Terraform `aws_lambda_permission` (or layer version permission), or the event of an
 * `AWS::Serverless::Function` that SAM turns into a permission (`samEvent`: only the arguments the
 * event's own properties give, the others SAM computes).
 */
export type PermissionFormat = 'cloudformation' | 'terraform' | 'samEvent';

/**
 * Each kind's arguments, by their names in each host format (CloudFormation properties of
 * `AWS::Lambda::Permission` / `AWS::Lambda::LayerVersionPermission`, arguments of Terraform's
 * `aws_lambda_permission` / `aws_lambda_layer_version_permission`, properties of a SAM event source).
 * A layer's `layer_name` is its name or ARN without the version, which `version_number` adds.
 */
const ARGUMENTS: Readonly<Record<PermissionType, Partial<Record<PermissionArgumentName, { readonly cloudformation: string; readonly terraform: string; readonly samEvent?: string }>>>> = {
  function: {
    principal: { cloudformation: 'Principal', terraform: 'principal' },
    action: { cloudformation: 'Action', terraform: 'action' },
    resource: { cloudformation: 'FunctionName', terraform: 'function_name' },
    sourceArn: { cloudformation: 'SourceArn', terraform: 'source_arn' },
    sourceAccount: { cloudformation: 'SourceAccount', terraform: 'source_account' },
    principalOrgId: { cloudformation: 'PrincipalOrgID', terraform: 'principal_org_id' },
    functionUrlAuthType: { cloudformation: 'FunctionUrlAuthType', terraform: 'function_url_auth_type' },
    eventSourceToken: { cloudformation: 'EventSourceToken', terraform: 'event_source_token', samEvent: 'SkillId' },
    invokedViaFunctionUrl: { cloudformation: 'InvokedViaFunctionUrl', terraform: 'invoked_via_function_url' },
  },
  layer: {
    principal: { cloudformation: 'Principal', terraform: 'principal' },
    action: { cloudformation: 'Action', terraform: 'action' },
    resource: { cloudformation: 'LayerVersionArn', terraform: 'layer_name' },
    principalOrgId: { cloudformation: 'OrganizationId', terraform: 'organization_id' },
  },
};

/** The name of a permission's argument in a host format, or undefined when that kind has no such argument. */
export function permissionArgumentName(type: PermissionType, name: PermissionArgumentName, format: PermissionFormat): string | undefined {
  return ARGUMENTS[type][name]?.[format];
}

/** What each kind is called in messages, and the resource whose policy it makes. */
export const PERMISSION_TYPES: Readonly<Record<PermissionType, { readonly label: string; readonly owner: string; readonly resourceType: string }>> = {
  function: { label: 'Lambda permission', owner: 'function', resourceType: 'AWS::Lambda::Function' },
  layer: { label: 'Lambda layer permission', owner: 'layer version', resourceType: 'AWS::Lambda::LayerVersion' },
};

/** Argument → the condition it becomes. */
const CONDITIONS: ReadonlyArray<{ argument: PermissionArgumentName; operator: string; key: string }> = [
  { argument: 'sourceArn', operator: 'ArnLike', key: 'aws:SourceArn' },
  { argument: 'sourceAccount', operator: 'StringEquals', key: 'aws:SourceAccount' },
  { argument: 'principalOrgId', operator: 'StringEquals', key: 'aws:PrincipalOrgID' },
  { argument: 'functionUrlAuthType', operator: 'StringEquals', key: 'lambda:FunctionUrlAuthType' },
  { argument: 'eventSourceToken', operator: 'StringEquals', key: 'lambda:EventSourceToken' },
];

/**
 * A message about a permission's policy with the condition keys it names said as the permission's
 * arguments: "`aws:SourceArn` is `SourceArn` here". Messages speak policy language; a permission has
 * no `Condition` to add to, only these arguments.
 */
export function withPermissionTerms(message: string, type: PermissionType, format: PermissionFormat): string {
  const terms: ReadonlyArray<{ key: string; argument: PermissionArgumentName }> = [...ELEMENTS, ...CONDITIONS];
  const named = terms.flatMap(({ key, argument }) => {
    const written = permissionArgumentName(type, argument, format);
    return written !== undefined && written !== key && message.includes(`\`${key}\``) ? [`\`${key}\` is \`${written}\``] : [];
  });
  const where = format === 'samEvent' ? 'the SAM event' : `a ${PERMISSION_TYPES[type].label}`;
  return named.length === 0 ? message : `${message} (In ${where}: ${named.join(', ')}.)`;
}

/** Policy elements → the argument that gives them. */
const ELEMENTS: ReadonlyArray<{ key: string; argument: PermissionArgumentName }> = [
  { key: 'Principal', argument: 'principal' },
  { key: 'Action', argument: 'action' },
  { key: 'Resource', argument: 'resource' },
];

/** The principal element Lambda writes for the principal argument (see the module comment). */
function permissionPrincipal(principal: PermissionArgument): HostNode {
  const text = sampleText(principal.value);
  if (text === '*') return principal.value;
  const type = text !== undefined && !/^\d{12}$/.test(text) && !text.startsWith('arn:') ? 'Service' : 'AWS';
  return { kind: 'map', range: principal.value.range, entries: [hostEntry(type, principal.value.range, principal.value, principal.value.range)] };
}

function permissionConditions(read: PermissionReader): HostEntry | undefined {
  const operators = new Map<string, HostEntry[]>();
  const add = (operator: string, key: string, argument: PermissionArgument): void => {
    const list = operators.get(operator) ?? [];
    list.push(hostEntry(key, argument.entry.keyRange, argument.value, argument.entry.range));
    operators.set(operator, list);
  };
  for (const { argument, operator, key } of CONDITIONS) {
    const found = read(argument);
    if (found) add(operator, key, found);
  }
  const viaUrl = read('invokedViaFunctionUrl');
  if (viaUrl && String(sampleText(viaUrl.value)).toLowerCase() === 'true') add('Bool', 'lambda:InvokedViaFunctionUrl', viaUrl);
  if (operators.size === 0) return undefined;
  const first = [...operators.values()][0]![0]!;
  const entries = [...operators].map(([operator, keys]) => {
    const range = { start: Math.min(...keys.map((key) => key.range.start)), end: Math.max(...keys.map((key) => key.range.end)) };
    return hostEntry(operator, at(keys[0]!.keyRange), { kind: 'map', range, entries: keys }, range);
  });
  const range = { start: Math.min(...entries.map((item) => item.range.start)), end: Math.max(...entries.map((item) => item.range.end)) };
  return hostEntry('Condition', at(first.keyRange), { kind: 'map', range, entries }, range);
}

/** What one permission reads: each argument (undefined when absent). */
export type PermissionReader = (name: PermissionArgumentName) => PermissionArgument | undefined;

/**
 * The policy of the permissions `reads` (one statement each, as Lambda adds one per permission):
 * `resourceArn` turns the resource argument into the function's or layer version's ARN; `range` is
 * the permission's (its properties or body), where what Lambda adds maps.
 */
export function permissionPolicyRoot(range: HostRange, reads: readonly PermissionReader[], resourceArn: (resource: PermissionArgument) => HostNode): HostMap {
  return policyOfStatements(
    range,
    reads.map((read): HostMap => {
      const statement: HostEntry[] = [hostEntry('Effect', at(range), addedScalar('Allow', at(range)))];
      const principal = read('principal');
      if (principal) statement.push(hostEntry('Principal', principal.entry.keyRange, permissionPrincipal(principal), principal.entry.range));
      const action = read('action');
      if (action) statement.push(hostEntry('Action', action.entry.keyRange, action.value, action.entry.range));
      const resource = read('resource');
      if (resource) statement.push(hostEntry('Resource', resource.entry.keyRange, resourceArn(resource), resource.entry.range));
      const condition = permissionConditions(read);
      if (condition) statement.push(condition);
      return { kind: 'map', range, entries: statement };
    }),
  );
}

/** A policy of these statements, with the `Version` Lambda writes, at `range`. */
function policyOfStatements(range: HostRange, statements: HostNode[]): HostMap {
  return {
    kind: 'map',
    range,
    entries: [hostEntry('Version', at(range), addedScalar('2012-10-17', at(range))), hostEntry('Statement', at(range), { kind: 'seq', range, items: statements }, range)],
  };
}

/** The function's name in a function name or ARN: `name`, `name:alias`, `123456789012:function:name`, `arn:...:function:name:1`. */
export function functionNameOf(value: string): string {
  return functionPart(value).split(':')[0]!;
}

/** The qualifier (alias or version) in a function name or ARN, '' when it has none: `live` of `name:live` or `arn:...:function:name:live`. */
export function functionQualifierOf(value: string): string {
  const rest = functionPart(value);
  const colon = rest.indexOf(':');
  return colon < 0 ? '' : rest.slice(colon + 1);
}

/** What follows `:function:` in an ARN, or the whole value. */
function functionPart(value: string): string {
  const at = value.indexOf(':function:');
  return at >= 0 ? value.slice(at + ':function:'.length) : value;
}

/**
 * A function's resource-based policy as a template or configuration makes it: the statements of
 * every rendered permission (`permissions`) whose function is this one, by a reference the host
 * writes (`names(expression)`: `Worker`, `Worker.Arn`, `aws_lambda_function.worker.arn`) or by its
 * name `name`. Placed at `pointer` and `range` (the function's), with `label`; undefined when no
 * permission names the function.
 */
export function functionPolicyOf(permissions: readonly EmbeddedPolicy[], at: { pointer: string; range: HostRange; label: string }, names: (expression: string) => boolean, name: string | undefined): EmbeddedPolicy | undefined {
  const statements: HostNode[] = [];
  for (const permission of permissions) {
    if (permission.rendered !== 'function') continue;
    const list = mapEntry(permission.root, 'Statement')?.value;
    for (const statement of list?.kind === 'seq' ? list.items : []) {
      const resource = mapEntry(statement, 'Resource')?.value;
      const referenced = resource?.kind === 'text' && resource.parts.some((part) => part.kind === 'hole' && part.hole.templateExpression !== undefined && names(part.hole.templateExpression));
      const text = sampleText(resource);
      if (referenced || (name !== undefined && text !== undefined && functionNameOf(text) === name)) statements.push(statement);
    }
  }
  if (statements.length === 0) return undefined;
  return { pointer: at.pointer, kind: 'resource', hostResourceType: permissions[0]!.hostResourceType, attachedResourceType: 'AWS::Lambda::Function', label: at.label, root: policyOfStatements(at.range, statements), range: at.range, rendered: 'function' };
}
