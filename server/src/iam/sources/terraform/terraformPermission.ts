/**
 * Terraform's `aws_lambda_permission` (AWS provider documentation, registry.terraform.io): the
 * statement Lambda writes into the function's resource-based policy from the resource's arguments
 * (see `../lambdaPermission.ts` for how each argument reads). `function_name` may be a name, a
 * partial ARN or an ARN (`aws_lambda_function.f.function_name` or `.arn`); `qualifier` adds the
 * version or alias to the function's ARN. A name gets the configuration's partition, Region and
 * account.
 */
import type { EmbeddedPolicy, HostNode, TextPart } from '../hostTree';
import { sampleText, textPartsOf } from '../hostTree';
import { functionPolicyOf, PERMISSION_ARGUMENTS, permissionPolicyRoot, stringArgument, type PermissionArgument } from '../lambdaPermission';
import type { HclNode } from './hclTree';
import { childrenOfType, expressionToNode, firstChildOfType, hclRange } from './hclValues';
import { lambdaFunctionArnPrefix } from './references';

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

/** The function's ARN: `function_name` as an ARN, or after the ARN's start; then `:qualifier`. */
function terraformFunctionArn(name: PermissionArgument, qualifier: PermissionArgument | undefined): HostNode {
  const text = sampleText(name.value) ?? '';
  const range = name.value.range;
  const start = { start: range.start, end: range.start };
  const parts: TextPart[] = [];
  if (!text.startsWith('arn:')) {
    const prefix = lambdaFunctionArnPrefix();
    // A partial ARN names the account: `123456789012:function:name`.
    parts.push({ kind: 'literal', value: /^\d{12}:function:/.test(text) ? prefix.slice(0, prefix.lastIndexOf(':', prefix.length - ':function:'.length - 1) + 1) : prefix, range: start });
  }
  parts.push(...textPartsOf(name.value, range, 'function_name'));
  if (qualifier) parts.push({ kind: 'literal', value: ':', range: { start: qualifier.value.range.start, end: qualifier.value.range.start } }, ...textPartsOf(qualifier.value, qualifier.value.range, 'qualifier'));
  return parts.length === 1 && parts[0]!.kind === 'literal' ? name.value : { kind: 'text', range, parts, style: 'hcl', template: 'hcl' };
}

/** The policy an `aws_lambda_permission` resource (`address`, its `body`) adds to its function's resource-based policy. */
export function terraformPermissionPolicy(block: HclNode, body: HclNode, address: string, host: string): EmbeddedPolicy {
  const range = hclRange(block);
  const qualifier = argumentOf(body, 'qualifier', host);
  return {
    pointer: address,
    kind: 'resource',
    hostResourceType: 'aws_lambda_permission',
    attachedResourceType: 'AWS::Lambda::Function',
    label: `${address} function permission`,
    root: permissionPolicyRoot(range, (name) => argumentOf(body, PERMISSION_ARGUMENTS[name].terraform, host), (name) => terraformFunctionArn(name, qualifier)),
    range,
    rendered: true,
  };
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
