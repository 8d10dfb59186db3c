/**
 * `AWS::Lambda::Permission` and `AWS::Lambda::LayerVersionPermission`: a template grants access to a
 * function or a layer version not with a policy document but with a resource whose properties Lambda
 * writes as one statement of its resource-based policy (see `../lambdaPermission.ts` for how each
 * property reads). `FunctionName` may be a name, a partial ARN (`123456789012:function:name`) or an
 * ARN, with a version or alias or not: a name gets the stack's partition, Region and account.
 * `LayerVersionArn` is the layer version's ARN.
 */
import type { EmbeddedPolicy, HostEntry, HostMap, HostNode, HostRange } from '../hostTree';
import { mapEntry, sampleText } from '../hostTree';
import { addedScalar, functionPolicyOf, hostEntry, permissionArgumentName, permissionPolicyRoot, PERMISSION_TYPES, stringArgument, type PermissionArgument, type PermissionReader, type PermissionType } from '../lambdaPermission';
import { NO_VALUE, resolveIntrinsics, type TemplateContext } from './intrinsics';
import type { PublicFunctionUrl } from '../functionUrls';
import type { TextEdit } from '../../validate/engine/findings';

/** `Ref` of a pseudo parameter, for the function's ARN (resolved with the template's sample values). */
function pseudo(name: string, range: HostRange): HostMap {
  return { kind: 'map', range, entries: [hostEntry('Ref', range, addedScalar(name, range))] };
}

/** The property's value resolved, or undefined when absent or `AWS::NoValue`. */
function resolved(properties: HostNode, key: string, context: TemplateContext): PermissionArgument | undefined {
  const found = mapEntry(properties, key);
  if (!found?.value) return undefined;
  const value = resolveIntrinsics(found.value, context);
  return value === NO_VALUE ? undefined : stringArgument({ entry: found, value });
}

/** The function's ARN from `FunctionName`. */
function templateFunctionArn(name: PermissionArgument, context: TemplateContext): HostNode {
  const text = sampleText(name.value) ?? '';
  if (text.startsWith('arn:')) return name.value;
  const range = name.value.range;
  const pieces: HostNode[] = [addedScalar('arn:', range), pseudo('AWS::Partition', range), addedScalar(':lambda:', range), pseudo('AWS::Region', range), addedScalar(':', range)];
  // A partial ARN names the account: `123456789012:function:name`.
  if (!/^\d{12}:function:/.test(text)) pieces.push(pseudo('AWS::AccountId', range), addedScalar(':function:', range));
  pieces.push(name.entry.value!);
  const join: HostMap = { kind: 'map', range, entries: [hostEntry('Fn::Join', { start: range.start, end: range.start }, { kind: 'seq', range, items: [addedScalar('', range), { kind: 'seq', range, items: pieces }] })] };
  const value = resolveIntrinsics(join, context);
  return value === NO_VALUE ? name.value : value;
}

/**
 * The statement an `AWS::Lambda::Permission` (`type` `function`) or `AWS::Lambda::LayerVersionPermission`
 * (`layer`) resource (`resource`, at `/Resources/<id>`) adds to the resource-based policy of its
 * function or layer version, as a policy; undefined when the resource has no `Properties` map.
 */
export function lambdaPermissionPolicy(resource: HostEntry, base: string, context: TemplateContext, type: PermissionType): EmbeddedPolicy | undefined {
  const properties = mapEntry(resource.value, 'Properties')?.value;
  if (properties?.kind !== 'map') return undefined;
  const read = (name: Parameters<typeof permissionArgumentName>[1]): PermissionArgument | undefined => {
    const property = permissionArgumentName(type, name, 'cloudformation');
    return property === undefined ? undefined : resolved(properties, property, context);
  };
  return {
    pointer: `${base}/Properties`,
    kind: 'resource',
    hostResourceType: type === 'function' ? 'AWS::Lambda::Permission' : 'AWS::Lambda::LayerVersionPermission',
    attachedResourceType: PERMISSION_TYPES[type].resourceType,
    label: `${resource.key} ${type === 'function' ? 'function' : 'layer version'} permission`,
    root: permissionPolicyRoot(properties.range, [read], (argument) => (type === 'function' ? templateFunctionArn(argument, context) : argument.value)),
    range: properties.range,
    rendered: type,
  };
}

/**
 * The permissions SAM adds for a function URL that needs no authentication: an
 * `AWS::Serverless::Function` with `FunctionUrlConfig.AuthType: NONE` (literal, as SAM tests it)
 * gets `<Id>UrlPublicPermissions`, which lets `*` call `lambda:InvokeFunctionUrl` under
 * `lambda:FunctionUrlAuthType` `NONE`, and `<Id>URLInvokeAllowPublicAccess`, which lets `*` call
 * `lambda:InvokeFunction` under `lambda:InvokedViaFunctionUrl` `true`: since October 2025 a new
 * function URL needs both (Lambda Developer Guide, "Control access to Lambda function URLs"; SAM's
 * translator, `_construct_url_permission` and `_construct_invoke_permission`). With
 * `AutoPublishAlias` both name the alias, as the URL does. What SAM writes maps to `FunctionUrlConfig`
 * and `AuthType`; undefined for any other function.
 */
export function samFunctionUrlPolicy(resource: HostEntry, base: string, context: TemplateContext): EmbeddedPolicy | undefined {
  const properties = mapEntry(resource.value, 'Properties')?.value;
  const config = mapEntry(properties, 'FunctionUrlConfig');
  const authType = mapEntry(config?.value, 'AuthType');
  if (!config?.value || config.value.kind !== 'map' || authType?.value?.kind !== 'scalar' || authType.value.value !== 'NONE') return undefined;
  const keyAt = { start: config.keyRange.start, end: config.keyRange.start };
  const added = (value: string, range: HostRange): PermissionArgument => ({ entry: hostEntry('', keyAt, addedScalar(value, range), config.range), value: addedScalar(value, range) });
  const function_ = () => samPermissionTarget(resource, properties, config.keyRange, config.range, context);
  const urlPermission: PermissionReader = (name) => {
    if (name === 'principal') return added('*', authType.value!.range);
    if (name === 'action') return added('lambda:InvokeFunctionUrl', config.keyRange);
    if (name === 'functionUrlAuthType') return { entry: authType, value: authType.value! };
    return name === 'resource' ? function_() : undefined;
  };
  const invokePermission: PermissionReader = (name) => {
    if (name === 'principal') return added('*', authType.value!.range);
    if (name === 'action') return added('lambda:InvokeFunction', config.keyRange);
    if (name === 'invokedViaFunctionUrl') return added('true', authType.value!.range);
    return name === 'resource' ? function_() : undefined;
  };
  return {
    pointer: `${base}/Properties/FunctionUrlConfig`,
    kind: 'resource',
    hostResourceType: 'AWS::Lambda::Permission',
    attachedResourceType: 'AWS::Lambda::Function',
    label: `${resource.key} function URL permissions (SAM)`,
    root: permissionPolicyRoot(config.value.range, [urlPermission, invokePermission], (name) => templateFunctionArn(name, context)),
    range: config.range,
    rendered: 'function',
  };
}

/**
 * The function a permission SAM adds names: the function (`Ref`, its name), or with `AutoPublishAlias`
 * the alias (`<function>:<alias>`), as SAM's translator passes the alias to the URL and to event
 * sources. Placed at `range` (its key at `keyRange`'s start).
 */
function samPermissionTarget(resource: HostEntry, properties: HostNode | undefined, keyRange: HostRange, range: HostRange, context: TemplateContext): PermissionArgument | undefined {
  const keyAt = { start: keyRange.start, end: keyRange.start };
  const alias = mapEntry(properties, 'AutoPublishAlias')?.value;
  const functionRef: HostMap = { kind: 'map', range: keyRange, entries: [hostEntry('Ref', keyAt, addedScalar(resource.key, keyRange))] };
  const target: HostNode = alias ? joined(keyRange, ':', [functionRef, alias]) : functionRef;
  const value = resolveIntrinsics(target, context);
  return value === NO_VALUE ? undefined : { entry: hostEntry('', keyAt, target, range), value };
}

/** `Fn::Join` of `items` with `separator`, at `range`. */
function joined(range: HostRange, separator: string, items: HostNode[]): HostMap {
  return { kind: 'map', range, entries: [hostEntry('Fn::Join', { start: range.start, end: range.start }, { kind: 'seq', range, items: [addedScalar(separator, range), { kind: 'seq', range, items }] })] };
}

/** The service principal of each SAM event source type that makes a permission, as SAM's translator writes it (`eventsources/push.py`). */
const SAM_EVENT_PRINCIPALS: Readonly<Record<string, string>> = {
  Api: 'apigateway.amazonaws.com',
  HttpApi: 'apigateway.amazonaws.com',
  S3: 's3.amazonaws.com',
  SNS: 'sns.amazonaws.com',
  Schedule: 'events.amazonaws.com',
  CloudWatchEvent: 'events.amazonaws.com',
  EventBridgeRule: 'events.amazonaws.com',
  IoTRule: 'iot.amazonaws.com',
  Cognito: 'cognito-idp.amazonaws.com',
  AlexaSkill: 'alexa-appkit.amazon.com',
};

/**
 * The API Gateway route of an `Api` or `HttpApi` event as its permission's `SourceArn` ends:
 * `<METHOD><path>`, the method upper-cased or `*` for `any`, the path without a trailing slash and
 * with each `{parameter}` / `{proxy+}` as `*` (SAM's `get_path_without_trailing_slash`). An `HttpApi`
 * event without `Path` and `Method` is the API's default route, `$default` for any method, whose
 * permission SAM writes as `*` (every method and path). Undefined unless they are literal.
 */
function apiRoute(type: 'Api' | 'HttpApi', event: HostNode | undefined): string | undefined {
  const path = mapEntry(event, 'Path')?.value;
  const method = mapEntry(event, 'Method')?.value;
  if (type === 'HttpApi' && !path && !method) return '*';
  if (path?.kind !== 'scalar' || typeof path.value !== 'string' || method?.kind !== 'scalar' || typeof method.value !== 'string') return undefined;
  const trimmed = path.value.length > 1 ? path.value.replace(/\/$/, '') : path.value;
  const route = type === 'HttpApi' && trimmed === '$default' ? '' : trimmed.replace(/\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)\}/g, '*');
  const any = method.value.toLowerCase() === 'any' || (type === 'HttpApi' && method.value.toLowerCase() === 'x-amazon-apigateway-any-method');
  return `${any ? '*' : method.value.toUpperCase()}${route}`;
}

/**
 * The permissions SAM adds for the event sources of an `AWS::Serverless::Function` (`resource`, at
 * `base`) that a service pushes to (SAM's translator, `eventsources/push.py`, `_construct_permission`:
 * `lambda:InvokeFunction` on the function, or its alias with `AutoPublishAlias`, for the source's
 * service principal):
 * - `Api` / `HttpApi`: `apigateway.amazonaws.com`, `SourceArn`
 *   `arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:<api>/*\/<METHOD><path>` (every
 *   stage), `<api>` being `RestApiId` / `ApiId` or SAM's implicit `ServerlessRestApi` /
 *   `ServerlessHttpApi`;
 * - `S3`: `s3.amazonaws.com`, `SourceAccount` the stack's account;
 * - `SNS` (without `SqsSubscription`): `sns.amazonaws.com`, `SourceArn` the `Topic`;
 * - `Schedule`, `CloudWatchEvent`, `EventBridgeRule`: `events.amazonaws.com`, `SourceArn` the rule SAM
 *   creates (`<function><event>`), `arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/<name>`;
 * - `IoTRule`: `iot.amazonaws.com`, `SourceArn` the rule SAM creates, `SourceAccount` the stack's;
 * - `Cognito`: `cognito-idp.amazonaws.com`, `SourceArn` the `UserPool`'s ARN;
 * - `AlexaSkill`: `alexa-appkit.amazon.com`, `EventSourceToken` the `SkillId` when it is given
 *   (without one, any skill can invoke the function: principals/serviceSource.ts).
 * One policy per event, at `<base>/Properties/Events/<event>`; what SAM writes maps to the event.
 * Not read: the pull sources (SQS, Kinesis, DynamoDB, ...), which SAM serves with the function's
 * role, not a permission.
 */
export function samEventPermissionPolicies(resource: HostEntry, base: string, context: TemplateContext): EmbeddedPolicy[] {
  const properties = mapEntry(resource.value, 'Properties')?.value;
  const events = mapEntry(properties, 'Events')?.value;
  if (events?.kind !== 'map') return [];
  const policies: EmbeddedPolicy[] = [];
  for (const event of events.entries) {
    const typeEntry = mapEntry(event.value, 'Type');
    const type = typeEntry?.value?.kind === 'scalar' ? String(typeEntry.value.value) : undefined;
    const principal = type === undefined ? undefined : SAM_EVENT_PRINCIPALS[type];
    if (!typeEntry?.value || !principal || event.value?.kind !== 'map') continue;
    const eventProperties = mapEntry(event.value, 'Properties')?.value;
    const range = event.range;
    const at = typeEntry.value.range;
    const keyAt = { start: at.start, end: at.start };
    const added = (value: string): PermissionArgument => ({ entry: hostEntry('', keyAt, addedScalar(value, at), at), value: addedScalar(value, at) });
    const ref = (name: string): HostMap => ({ kind: 'map', range: at, entries: [hostEntry('Ref', keyAt, addedScalar(name, at))] });
    const getAtt = (name: string): HostMap => ({ kind: 'map', range: at, entries: [hostEntry('Fn::GetAtt', keyAt, addedScalar(`${name}.Arn`, at))] });
    const argument = (node: HostNode | undefined, entry?: HostEntry): PermissionArgument | undefined => {
      if (!node) return undefined;
      const value = resolveIntrinsics(node, context);
      return value === NO_VALUE ? undefined : stringArgument({ entry: entry ?? hostEntry('', keyAt, node, at), value });
    };
    const arn = (service: string, rest: HostNode[]): HostMap => joined(at, '', [addedScalar('arn:', at), ref('AWS::Partition'), addedScalar(`:${service}:`, at), ref('AWS::Region'), addedScalar(':', at), ref('AWS::AccountId'), addedScalar(':', at), ...rest]);
    const rule = `${resource.key}${event.key}`;
    let sourceArn: PermissionArgument | undefined;
    let sourceAccount: PermissionArgument | undefined;
    let eventSourceToken: PermissionArgument | undefined;
    if (type === 'AlexaSkill') {
      const skill = mapEntry(eventProperties, 'SkillId');
      eventSourceToken = argument(skill?.value, skill);
    } else if (type === 'Api' || type === 'HttpApi') {
      const route = apiRoute(type, eventProperties);
      if (route === undefined) continue;
      const api = mapEntry(eventProperties, type === 'Api' ? 'RestApiId' : 'ApiId')?.value ?? ref(type === 'Api' ? 'ServerlessRestApi' : 'ServerlessHttpApi');
      sourceArn = argument(arn('execute-api', [api, addedScalar(`/*/${route}`, at)]));
    } else if (type === 'S3') {
      sourceAccount = argument(ref('AWS::AccountId'));
    } else if (type === 'SNS') {
      const sqs = mapEntry(eventProperties, 'SqsSubscription')?.value;
      if (sqs && !(sqs.kind === 'scalar' && (sqs.value === false || sqs.value === 'false'))) continue;
      const topic = mapEntry(eventProperties, 'Topic');
      sourceArn = argument(topic?.value, topic);
    } else if (type === 'IoTRule') {
      sourceArn = argument(arn('iot', [addedScalar('rule/', at), ref(rule)]));
      sourceAccount = argument(ref('AWS::AccountId'));
    } else if (type === 'Cognito') {
      const pool = mapEntry(eventProperties, 'UserPool')?.value;
      const poolId = pool?.kind === 'map' ? mapEntry(pool, 'Ref')?.value : undefined;
      if (poolId?.kind !== 'scalar' || typeof poolId.value !== 'string') continue;
      sourceArn = argument(getAtt(poolId.value));
    } else {
      sourceArn = argument(arn('events', [addedScalar('rule/', at), ref(rule)]));
    }
    const read: PermissionReader = (name) => {
      if (name === 'principal') return added(principal);
      if (name === 'action') return added('lambda:InvokeFunction');
      if (name === 'resource') return samPermissionTarget(resource, properties, at, range, context);
      if (name === 'sourceArn') return sourceArn;
      if (name === 'eventSourceToken') return eventSourceToken;
      return name === 'sourceAccount' ? sourceAccount : undefined;
    };
    policies.push({
      pointer: `${base}/Properties/Events/${event.key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      kind: 'resource',
      hostResourceType: 'AWS::Lambda::Permission',
      attachedResourceType: 'AWS::Lambda::Function',
      label: `${resource.key} ${event.key} event permission (SAM)`,
      root: permissionPolicyRoot(range, [read], (name) => templateFunctionArn(name, context)),
      range,
      rendered: 'function',
      samEvent: true,
    });
  }
  return policies;
}

/** An `AWS::Lambda::Url` with `AuthType: NONE`, with its resource entry and its `TargetFunctionArn` entry (for the fix). */
export interface TemplateFunctionUrl extends PublicFunctionUrl {
  readonly resource: HostEntry;
  readonly targetEntry: HostEntry;
}

/**
 * An `AWS::Lambda::Url` with `AuthType: NONE` (resolved): its `TargetFunctionArn` (a name or an ARN,
 * of the function or an alias) and where its auth type is written; undefined for any other URL.
 */
export function publicFunctionUrl(resource: HostEntry, context: TemplateContext): TemplateFunctionUrl | undefined {
  const properties = mapEntry(resource.value, 'Properties')?.value;
  const authType = mapEntry(properties, 'AuthType')?.value;
  const targetEntry = mapEntry(properties, 'TargetFunctionArn');
  if (!authType || !targetEntry?.value) return undefined;
  const resolvedAuth = resolveIntrinsics(authType, context);
  if (resolvedAuth === NO_VALUE || sampleText(resolvedAuth) !== 'NONE') return undefined;
  const value = resolveIntrinsics(targetEntry.value, context);
  if (value === NO_VALUE) return undefined;
  const qualifierNode = mapEntry(properties, 'Qualifier')?.value;
  const qualifier = qualifierNode ? resolveIntrinsics(qualifierNode, context) : NO_VALUE;
  return { target: value, authType: authType.range, resource, targetEntry, ...(qualifier !== NO_VALUE ? { qualifier } : {}) };
}

/**
 * The edit that adds, after the URL's resource, the `AWS::Lambda::Permission` its function lacks:
 * `lambda:InvokeFunction` for `*` through the URL (`InvokedViaFunctionUrl: true`), whose
 * `FunctionName` is the URL's `TargetFunctionArn` as written. Undefined when the resource is not laid
 * out one key per line or the target spans lines (it is then copied as it is written), and for a URL
 * with a `Qualifier`, whose permission must name the alias.
 */
export function urlPermissionEdit(text: string, syntax: 'json' | 'yaml', url: TemplateFunctionUrl, taken: (name: string) => boolean): TextEdit | undefined {
  const { resource, targetEntry } = url;
  // A URL on an alias needs the permission on the alias, which `TargetFunctionArn` does not name.
  if (url.qualifier) return undefined;
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const keyIndent = text.slice(lineStart(resource.keyRange.start), resource.keyRange.start);
  const type = mapEntry(resource.value, 'Type');
  const inner = type ? text.slice(lineStart(type.keyRange.start), type.keyRange.start) : '';
  if (!/^[ \t]*$/.test(keyIndent) || !/^[ \t]+$/.test(inner) || !inner.startsWith(keyIndent) || inner.length <= keyIndent.length) return undefined;
  const unit = inner.slice(keyIndent.length);
  const targetText = text.slice(targetEntry.value!.range.start, targetEntry.value!.range.end);
  if (/[\r\n]/.test(targetText)) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let name = `${resource.key}InvokePermission`;
  for (let n = 2; taken(name); n++) name = `${resource.key}InvokePermission${n}`;
  let end = resource.range.end;
  while (end > resource.range.start && /\s/.test(text[end - 1]!)) end--;
  if (syntax === 'json') {
    const lines = [`"${name}": {`, `${unit}"Type": "AWS::Lambda::Permission",`, `${unit}"Properties": {`, `${unit}${unit}"Action": "lambda:InvokeFunction",`, `${unit}${unit}"FunctionName": ${targetText},`, `${unit}${unit}"Principal": "*",`, `${unit}${unit}"InvokedViaFunctionUrl": true`, `${unit}}`, '}'];
    return { offset: end, length: 0, newText: `,${lines.map((line) => `${eol}${keyIndent}${line}`).join('')}` };
  }
  // YAML: the target's tag (`!GetAtt`) sits before its value's range: copy from after the key's colon.
  const written = text.slice(targetEntry.keyRange.end, targetEntry.value!.range.end).replace(/^\s*:\s*/, '');
  if (/[\r\n]/.test(written)) return undefined;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const lines = [`${name}:`, `${unit}Type: AWS::Lambda::Permission`, `${unit}Properties:`, `${unit}${unit}Action: lambda:InvokeFunction`, `${unit}${unit}FunctionName: ${written}`, `${unit}${unit}Principal: '*'`, `${unit}${unit}InvokedViaFunctionUrl: true`];
  return { offset: lineEnd, length: 0, newText: lines.map((line) => `${eol}${keyIndent}${line}`).join('') };
}

/**
 * A function's resource-based policy as the template makes it: the statements of every
 * `AWS::Lambda::Permission` whose `FunctionName` names the function `logicalId` (by `Ref`, `GetAtt`,
 * `Sub`, or by its name `name` as a literal), at the pointer `/Resources/<logicalId>`. Undefined when
 * no permission names it. `policies` are the template's policies.
 */
export function functionResourcePolicy(root: HostNode, policies: readonly EmbeddedPolicy[], logicalId: string, name: string | undefined): EmbeddedPolicy | undefined {
  const functionEntry = mapEntry(mapEntry(root, 'Resources')?.value, logicalId);
  if (!functionEntry?.value) return undefined;
  const at = { pointer: `/Resources/${logicalId}`, range: functionEntry.range, label: `${logicalId} function policy (its \`AWS::Lambda::Permission\` resources)` };
  return functionPolicyOf(policies, at, (expression) => expression === logicalId || expression.startsWith(`${logicalId}.`), name);
}
