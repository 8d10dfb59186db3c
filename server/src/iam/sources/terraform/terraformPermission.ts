/**
 * Terraform's `aws_lambda_permission` and `aws_lambda_layer_version_permission` (AWS provider
 * documentation, registry.terraform.io): the statement Lambda writes into the resource-based policy
 * of the function or layer version from the resource's arguments (see `../lambdaPermission.ts` for
 * how each argument reads). `function_name` may be a name, a partial ARN or an ARN
 * (`aws_lambda_function.f.function_name` or `.arn`); `qualifier` adds the version or alias to the
 * function's ARN. A layer's `layer_name` is a name or an ARN, and `version_number` adds the version.
 * A name gets the configuration's partition, Region and account.
 */
import type { EmbeddedPolicy, HostNode, TextPart } from '../hostTree';
import { sampleText, textPartsOf } from '../hostTree';
import { functionPolicyOf, permissionArgumentName, permissionPolicyRoot, PERMISSION_TYPES, stringArgument, type PermissionArgument, type PermissionType } from '../lambdaPermission';
import type { HclNode } from './hclTree';
import { childrenOfType, expressionToNode, firstChildOfType, hclRange } from './hclValues';
import { lambdaArnPrefix } from './references';
import type { PublicFunctionUrl } from '../functionUrls';

/** The argument `name` of a resource body, with its value as a host node; undefined when absent or `null`. */
function argumentOf(body: HclNode, name: string, host: string): PermissionArgument | undefined {
  const attribute = childrenOfType(body, 'attribute').find((candidate) => firstChildOfType(candidate, 'identifier')?.text === name);
  const key = attribute ? firstChildOfType(attribute, 'identifier') : undefined;
  const expression = attribute ? firstChildOfType(attribute, 'expression') : undefined;
  if (!attribute || !key || !expression) return undefined;
  const value = expressionToNode(expression, host);
  if (value.kind === 'scalar' && value.value === null) return undefined;
  return stringArgument({ entry: { key: name, keyRange: hclRange(key), value, range: hclRange(attribute) }, value });
}

/**
 * The ARN of the function or layer version: the resource argument as an ARN, or after the ARN's start
 * (`arn:aws:lambda:REGION:ACCOUNT:function:`, `...:layer:`); then `:` and the `qualifier` or
 * `version_number`, when given.
 */
function terraformLambdaArn(type: PermissionType, name: PermissionArgument, suffix: PermissionArgument | undefined): HostNode {
  const text = sampleText(name.value) ?? '';
  const range = name.value.range;
  const start = { start: range.start, end: range.start };
  const parts: TextPart[] = [];
  if (!text.startsWith('arn:')) {
    const prefix = lambdaArnPrefix(type);
    // A partial ARN names the account: `123456789012:function:name`.
    parts.push({ kind: 'literal', value: type === 'function' && /^\d{12}:function:/.test(text) ? prefix.slice(0, prefix.lastIndexOf(':', prefix.length - ':function:'.length - 1) + 1) : prefix, range: start });
  }
  parts.push(...textPartsOf(name.value, range, name.entry.key));
  if (suffix) parts.push({ kind: 'literal', value: ':', range: { start: suffix.value.range.start, end: suffix.value.range.start } }, ...textPartsOf(suffix.value, suffix.value.range, suffix.entry.key));
  return parts.length === 1 && parts[0]!.kind === 'literal' ? name.value : { kind: 'text', range, parts, style: 'hcl', template: 'hcl' };
}

/**
 * The policy an `aws_lambda_permission` (`type` `function`) or `aws_lambda_layer_version_permission`
 * (`layer`) resource (`address`, its `block` and `body`) adds to the resource-based policy of its
 * function or layer version.
 */
export function terraformPermissionPolicy(block: HclNode, body: HclNode, address: string, host: string, type: PermissionType): EmbeddedPolicy {
  const range = hclRange(block);
  const suffix = argumentOf(body, type === 'function' ? 'qualifier' : 'version_number', host);
  const read = (name: Parameters<typeof permissionArgumentName>[1]): PermissionArgument | undefined => {
    const argument = permissionArgumentName(type, name, 'terraform');
    return argument === undefined ? undefined : argumentOf(body, argument, host);
  };
  return {
    pointer: address,
    kind: 'resource',
    hostResourceType: type === 'function' ? 'aws_lambda_permission' : 'aws_lambda_layer_version_permission',
    attachedResourceType: PERMISSION_TYPES[type].resourceType,
    label: `${address} ${type === 'function' ? 'function' : 'layer version'} permission`,
    root: permissionPolicyRoot(range, [read], (argument) => terraformLambdaArn(type, argument, suffix)),
    range,
    rendered: type,
  };
}

/**
 * An `aws_lambda_function_url` with `authorization_type = "NONE"` (`block`, `body`, labelled
 * `label`, in the configuration `host`): its `function_name` (a name or an ARN) and where its
 * authorization type is written, with the edit that adds after it the `aws_lambda_permission` a
 * public URL needs (`lambda:InvokeFunction` for `*` through the URL, `invoked_via_function_url =
 * true`; `function_name` and `qualifier` as the URL writes them); undefined for any other URL.
 */
export function terraformPublicFunctionUrl(block: HclNode, body: HclNode, label: string, host: string): PublicFunctionUrl | undefined {
  const authType = argumentOf(body, 'authorization_type', host);
  const target = argumentOf(body, 'function_name', host);
  if (!authType || !target || sampleText(authType.value) !== 'NONE') return undefined;
  const qualifier = argumentOf(body, 'qualifier', host);
  const written = host.slice(target.value.range.start, target.value.range.end);
  const writtenQualifier = qualifier ? host.slice(qualifier.value.range.start, qualifier.value.range.end) : undefined;
  const eol = host.includes('\r\n') ? '\r\n' : '\n';
  let name = `${label}_invoke`;
  for (let n = 2; new RegExp(`resource\\s+"aws_lambda_permission"\\s+"${name}"`).test(host); n++) name = `${label}_invoke_${n}`;
  const lines = [
    `resource "aws_lambda_permission" "${name}" {`,
    '  action                   = "lambda:InvokeFunction"',
    `  function_name            = ${written}`,
    ...(writtenQualifier !== undefined ? [`  qualifier                = ${writtenQualifier}`] : []),
    '  principal                = "*"',
    '  invoked_via_function_url = true',
    '}',
  ];
  const addPermission = /[\r\n]/.test(written + (writtenQualifier ?? '')) ? undefined : { offset: hclRange(block).end, length: 0, newText: `${eol}${eol}${lines.join(eol)}` };
  return { target: target.value, authType: authType.value.range, ...(qualifier ? { qualifier: qualifier.value } : {}), ...(addPermission ? { addPermission } : {}) };
}

/**
 * The resource-based policy of the function `address` (`aws_lambda_function.<label>` of the
 * configuration `text`, named `name`): the statements of the configuration's `aws_lambda_permission`
 * resources that reference it or give its name, at the pointer `address`. Undefined when none does.
 * `policies` are the configuration's.
 */
export function terraformFunctionPolicy(text: string, policies: readonly EmbeddedPolicy[], address: string, name: string | undefined): EmbeddedPolicy | undefined {
  const label = address.slice('aws_lambda_function.'.length);
  const start = Math.max(0, text.search(new RegExp(`resource\\s+"aws_lambda_function"\\s+"${label.replace(/[^\w-]/g, '')}"`)));
  const at = { pointer: address, range: { start, end: start }, label: `${address} function policy (its \`aws_lambda_permission\` resources)` };
  return functionPolicyOf(policies, at, (expression) => expression.startsWith(`${address}.`), name);
}
