/**
 * What a Terraform role, user or group has attached, for policy tests (`"template":
 * "main.tf#aws_iam_role.cross_account"`): its trust policy (`assume_role_policy`), inline policies
 * (`inline_policy` blocks, `aws_iam_role_policy` / `aws_iam_user_policy` / `aws_iam_group_policy`
 * naming it), attached policies (`aws_iam_*_policy_attachment` and `managed_policy_arns`, to an
 * `aws_iam_policy` of the file or an AWS managed policy by ARN), its `permissions_boundary`, and a
 * user's groups (`aws_iam_user_group_membership`, `aws_iam_group_membership`). Policies are given as
 * the pointers of `extractTerraformPolicies`; AWS managed policies as their ARN.
 */
import { literalNames, type EmbeddedPolicy } from '../hostTree';
import { parseHcl } from './hclParser';
import { copyTree, type HclNode } from './hclTree';
import { childrenOfType, firstChildOfType, traversalOf, unwrapExpression } from './hclValues';
import { blockHeader } from './policyDocument';
import { placesOf } from './policyPlaces';
import { arnForm, nameAttribute } from './references';

export interface TerraformPrincipal {
  readonly trust?: string;
  readonly policies: readonly string[];
  readonly boundary?: string;
  readonly groups: readonly string[];
  /** The name the principal is given (`name` argument), when it is a literal. */
  readonly name?: string;
}

interface Resource {
  readonly type: string;
  readonly name: string;
  readonly body: HclNode | undefined;
}

function terraformResources(text: string): Resource[] {
  const root = copyTree(parseHcl(text), text);
  const out: Resource[] = [];
  const body = firstChildOfType(root, 'body') ?? root;
  for (const block of childrenOfType(body, 'block')) {
    const header = blockHeader(block);
    if (header.type !== 'resource' || header.labels.length < 2) continue;
    out.push({ type: header.labels[0]!, name: header.labels[1]!, body: firstChildOfType(block, 'body') });
  }
  return out;
}

/** The roles and users of a Terraform file: their address and the name they are given, when it is a literal. */
export function terraformPrincipalNames(text: string): Array<{ readonly address: string; readonly kind: 'role' | 'user'; readonly name?: string }> {
  return terraformResources(text)
    .filter((resource) => resource.type === 'aws_iam_role' || resource.type === 'aws_iam_user')
    .map((resource) => {
      const name = literal(attribute(resource.body, 'name'));
      return { address: `${resource.type}.${resource.name}`, kind: resource.type === 'aws_iam_role' ? ('role' as const) : ('user' as const), ...(name !== undefined ? { name } : {}) };
    });
}

function attribute(body: HclNode | undefined, name: string): HclNode | undefined {
  if (!body) return undefined;
  for (const candidate of childrenOfType(body, 'attribute')) {
    if (firstChildOfType(candidate, 'identifier')?.text === name) return firstChildOfType(candidate, 'expression');
  }
  return undefined;
}

/** A literal string value (`"text"`), when the expression is one. */
function literal(expression: HclNode | undefined): string | undefined {
  if (!expression) return undefined;
  const text = unwrapExpression(expression).text.trim();
  return /^"[^"$%\\]*"$/.test(text) ? text.slice(1, -1) : undefined;
}

/** `aws_iam_role.x.id` / `.name` / `.arn` → `aws_iam_role.x`. */
function referencedAddress(expression: HclNode | undefined): string | undefined {
  if (!expression) return undefined;
  const traversal = traversalOf(unwrapExpression(expression));
  return traversal && traversal.names.length >= 1 ? `${traversal.root}.${traversal.names[0]}` : undefined;
}

/** The items of a list expression (`[a, b]`), or the expression itself. */
function items(expression: HclNode | undefined): HclNode[] {
  if (!expression) return [];
  const inner = unwrapExpression(expression);
  const tuple = inner.type === 'collection_value' ? firstChildOfType(inner, 'tuple') : inner.type === 'tuple' ? inner : undefined;
  if (!tuple) return [expression];
  return childrenOfType(tuple, 'expression');
}

/** The pointer of the policy a place uses: the place's own policy, or the document it references. */
function policyAt(policies: readonly EmbeddedPolicy[], place: string): string | undefined {
  return policies.find((policy) => policy.pointer === place || policy.pointer.startsWith(`${place}/`))?.pointer ?? policies.find((policy) => policy.usedAt?.includes(place))?.pointer;
}

/** What a role, user or group of a Terraform file has attached; undefined when the file has no such resource. */
export function terraformPrincipal(text: string, address: string, policies: readonly EmbeddedPolicy[]): TerraformPrincipal | undefined {
  const resources = terraformResources(text);
  const [type, name] = address.split('.');
  const self = resources.find((resource) => resource.type === type && resource.name === name);
  if (!self || !['aws_iam_role', 'aws_iam_user', 'aws_iam_group'].includes(self.type)) return undefined;
  const ownName = literal(attribute(self.body, 'name'));
  const names = (expression: HclNode | undefined) => referencedAddress(expression) === address || (ownName !== undefined && literal(expression) === ownName);
  const out: string[] = [];
  const add = (pointer: string | undefined) => {
    if (pointer && !out.includes(pointer)) out.push(pointer);
  };
  const managedOrPolicy = (expression: HclNode) => {
    const target = referencedAddress(expression);
    if (target?.startsWith('aws_iam_policy.')) add(policyAt(policies, `${target}/policy`));
    else add(literal(expression));
  };
  let trust: string | undefined;
  if (self.type === 'aws_iam_role') {
    trust = policyAt(policies, `${address}/assume_role_policy`);
    for (const policy of policies) if (policy.pointer.startsWith(`${address}/inline_policy`) || policy.usedAt?.some((place) => place.startsWith(`${address}/inline_policy`))) add(policy.pointer);
  }
  for (const item of items(attribute(self.body, 'managed_policy_arns'))) managedOrPolicy(item);
  const boundaryExpression = attribute(self.body, 'permissions_boundary');
  let boundary: string | undefined;
  if (boundaryExpression) {
    const target = referencedAddress(boundaryExpression);
    boundary = target?.startsWith('aws_iam_policy.') ? policyAt(policies, `${target}/policy`) : literal(boundaryExpression);
  }
  const kind = self.type.slice('aws_iam_'.length);
  const groups: string[] = [];
  for (const resource of resources) {
    const here = `${resource.type}.${resource.name}`;
    if (resource.type === `aws_iam_${kind}_policy` && names(attribute(resource.body, kind))) add(policyAt(policies, `${here}/policy`));
    if (resource.type === `aws_iam_${kind}_policy_attachment` && names(attribute(resource.body, kind))) {
      const arn = attribute(resource.body, 'policy_arn');
      if (arn) managedOrPolicy(arn);
    }
    if (resource.type === 'aws_iam_policy_attachment' && items(attribute(resource.body, `${kind}s`)).some(names)) {
      const arn = attribute(resource.body, 'policy_arn');
      if (arn) managedOrPolicy(arn);
    }
    if (kind === 'user' && resource.type === 'aws_iam_user_group_membership' && names(attribute(resource.body, 'user'))) {
      for (const group of items(attribute(resource.body, 'groups'))) {
        const target = referencedAddress(group);
        const groupName = target ? literal(attribute(resources.find((r) => `${r.type}.${r.name}` === target)?.body, 'name')) ?? target.split('.')[1] : literal(group);
        if (groupName) groups.push(groupName);
      }
    }
    if (kind === 'user' && resource.type === 'aws_iam_group_membership' && items(attribute(resource.body, 'users')).some(names)) {
      const group = attribute(resource.body, 'group');
      const target = referencedAddress(group);
      const groupName = target ? literal(attribute(resources.find((r) => `${r.type}.${r.name}` === target)?.body, 'name')) ?? target.split('.')[1] : literal(group);
      if (groupName) groups.push(groupName);
    }
  }
  return { ...(trust ? { trust } : {}), policies: out, ...(boundary ? { boundary } : {}), groups, ...(ownName ? { name: ownName } : {}) };
}

/** The resources of a Terraform file that it gives a literal name, with the form of their ARN (see `arnForm`). */
export function terraformNamedResources(text: string): Array<{ readonly address: string; readonly type: string; readonly name: string; readonly arn: string }> {
  const out: Array<{ address: string; type: string; name: string; arn: string }> = [];
  for (const resource of terraformResources(text)) {
    const form = arnForm(resource.type);
    const name = form ? literal(attribute(resource.body, nameAttribute(resource.type)!)) : undefined;
    if (form && name) out.push({ address: `${resource.type}.${resource.name}`, type: resource.type, name, arn: form });
  }
  return out;
}

/**
 * The pointer of the resource-based policy of the resource at `address` (named `name`): a policy the
 * resource holds itself (`aws_kms_key.policy`), or the policy of another resource of the file that
 * names it in an argument other than the policy (an `aws_s3_bucket_policy`'s `bucket`, an
 * `aws_sqs_queue_policy`'s `queue_url`, an `aws_sns_topic_policy`'s `arn`), by reference or by name.
 */
export function terraformResourcePolicy(text: string, address: string, name: string, policies: readonly EmbeddedPolicy[]): string | undefined {
  for (const holder of terraformResources(text)) {
    const here = `${holder.type}.${holder.name}`;
    for (const place of placesOf(holder.type)) {
      if (place.kind !== 'resource' || place.path.length !== 1) continue;
      const names = (expression: HclNode | undefined): boolean => {
        if (referencedAddress(expression) === address) return true;
        const value = literal(expression);
        return value !== undefined && literalNames(value, name);
      };
      const other = holder.body ? childrenOfType(holder.body, 'attribute').filter((candidate) => firstChildOfType(candidate, 'identifier')?.text !== place.path[0]) : [];
      if (here === address || other.some((candidate) => names(firstChildOfType(candidate, 'expression')))) {
        const pointer = policyAt(policies, `${here}/${place.path[0]}`);
        if (pointer) return pointer;
      }
    }
  }
  return undefined;
}
