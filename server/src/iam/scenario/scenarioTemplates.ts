/**
 * Policy tests over templates. A scenario's role, user or group can come from a CloudFormation or SAM
 * template (`"template": "account-a/template.yaml#AppRole"`), and any policy reference can point into
 * a template (`"account-a/template.yaml#/Resources/AppRole/Properties/AssumeRolePolicyDocument"`).
 * This module reads such a principal's policies from its template: the role's trust policy, inline
 * policies, `ManagedPolicyArns` (AWS managed policies by ARN, or managed policies of the template),
 * `PermissionsBoundary`, the `AWS::IAM::Policy` / `ManagedPolicy` / `RolePolicy` resources that attach
 * to it, and a user's `Groups`. Values computed at deploy time are filled with the account the
 * scenario gives the principal (`AWS::AccountId`) and the names the template gives its resources.
 */
import { mapEntry, sampleText, type HostMap, type HostNode } from '../sources/hostTree';
import { intrinsicName, NO_VALUE, resolveIntrinsics } from '../sources/cloudformation/intrinsics';
import { readCloudFormationTemplate, type CloudFormationTemplate } from '../sources/cloudformation/template';
import { DEFAULT_SAMPLE_VALUES } from '../sources/cloudformation/resourceValues';
import { expandSamTemplateNode } from '../sources/cloudformation/samExpansion';
import type { PolicyFileRef, Scenario, ScenarioGroup, ScenarioProblem, ScenarioRole, ScenarioUser, Spanned, TemplateDeployment } from './scenarioModel';
import { extractTerraformPolicies, terraformReady } from '../sources/terraform/terraformPolicies';
import { terraformPrincipal } from '../sources/terraform/terraformPrincipals';

/** Reads a file given by its path as written in the scenario. */
export type TemplateReader = (relativePath: string) => { readonly text: string } | { readonly error: string };

/** Splits `file#rest` at the first `#`. */
export function splitTemplateReference(reference: string): { file: string; rest: string } | undefined {
  const at = reference.indexOf('#');
  return at > 0 ? { file: reference.slice(0, at), rest: reference.slice(at + 1) } : undefined;
}

/** Reads a template as `deployment` deploys it (its account is the value of `AWS::AccountId`). */
export function readScenarioTemplate(text: string, deployment?: TemplateDeployment): CloudFormationTemplate | undefined {
  const values = deployment && (deployment.account || deployment.region || deployment.names || deployment.suffixes) ? { ...DEFAULT_SAMPLE_VALUES, ...deployment } : undefined;
  try {
    return readCloudFormationTemplate(text, expandSamTemplateNode, values);
  } catch {
    return undefined;
  }
}

/** The logical id a `!Ref` names, or undefined. */
function refTarget(node: HostNode | undefined): string | undefined {
  if (!node || intrinsicName(node) !== 'Ref') return undefined;
  const target = (node as HostMap).entries[0]!.value;
  return target?.kind === 'scalar' && typeof target.value === 'string' ? target.value : undefined;
}

/** The text of a value with its holes filled with their samples. */
function resolvedText(node: HostNode, template: CloudFormationTemplate): string | undefined {
  const resolved = resolveIntrinsics(node, template.context);
  return resolved === NO_VALUE ? undefined : sampleText(resolved);
}

interface Expansion {
  readonly policies: string[];
  trust?: string;
  boundary?: string;
  readonly groups: string[];
}

/** What a role, user or group of a template has attached, as policy references (`file#pointer` or a managed policy ARN). */
function expand(template: CloudFormationTemplate, file: string, logicalId: string, nameOf: (id: string) => string): Expansion | { error: string } {
  const resources = mapEntry(template.root, 'Resources')?.value;
  const resource = mapEntry(resources, logicalId);
  if (!resources || resources.kind !== 'map' || !resource) return { error: `\`${file}\` has no resource \`${logicalId}\`` };
  const type = template.context.resources.get(logicalId);
  const base = `/Resources/${logicalId}`;
  const out: Expansion = { policies: [], groups: [] };
  for (const policy of template.policies) {
    if (policy.pointer === `${base}/Properties/AssumeRolePolicyDocument`) out.trust = `${file}#${policy.pointer}`;
    else if (policy.pointer.startsWith(`${base}/Properties/Policies/`)) out.policies.push(`${file}#${policy.pointer}`);
  }
  const properties = mapEntry(resource.value, 'Properties')?.value;
  // A SAM function or state machine without `Role` gets a role of its own (AWS SAM Developer Guide,
  // "AWS::Serverless::Function", Policies and Role): the AWS managed policies its `Policies` name, and
  // for a function AWSLambdaBasicExecutionRole, which SAM always attaches.
  if ((type === 'AWS::Serverless::Function' || type === 'AWS::Serverless::StateMachine') && !mapEntry(properties, 'Role')) {
    for (const reference of template.references) {
      if (reference.type === 'managed' && reference.pointer.startsWith(`${base}/Properties/Policies/`) && reference.name !== '') out.policies.push(reference.name);
    }
    if (type === 'AWS::Serverless::Function' && !out.policies.includes('AWSLambdaBasicExecutionRole')) out.policies.push('AWSLambdaBasicExecutionRole');
  }
  const managed = mapEntry(properties, 'ManagedPolicyArns')?.value;
  if (managed?.kind === 'seq') {
    for (const item of managed.items) {
      const target = refTarget(item);
      if (target && template.context.resources.get(target) === 'AWS::IAM::ManagedPolicy') out.policies.push(`${file}#/Resources/${target}/Properties/PolicyDocument`);
      else {
        const arn = resolvedText(item, template);
        if (arn) out.policies.push(arn);
      }
    }
  }
  const boundary = mapEntry(properties, 'PermissionsBoundary')?.value;
  if (boundary) {
    const target = refTarget(boundary);
    out.boundary = target ? `${file}#/Resources/${target}/Properties/PolicyDocument` : resolvedText(boundary, template);
  }
  const groups = mapEntry(properties, 'Groups')?.value;
  if (groups?.kind === 'seq') {
    for (const item of groups.items) {
      const target = refTarget(item);
      const name = target ? nameOf(target) : resolvedText(item, template);
      if (name) out.groups.push(name);
    }
  }
  // Policies that attach themselves: AWS::IAM::Policy and ManagedPolicy list Roles, Users and Groups;
  // RolePolicy, UserPolicy and GroupPolicy name one.
  const list = type === 'AWS::IAM::Role' ? 'Roles' : type === 'AWS::IAM::User' ? 'Users' : type === 'AWS::IAM::Group' ? 'Groups' : undefined;
  const single = type === 'AWS::IAM::Role' ? 'RoleName' : type === 'AWS::IAM::User' ? 'UserName' : type === 'AWS::IAM::Group' ? 'GroupName' : undefined;
  const ownName = nameOf(logicalId);
  const names = (node: HostNode | undefined): boolean => {
    if (!node) return false;
    const target = refTarget(node);
    if (target) return target === logicalId;
    return resolvedText(node, template) === ownName;
  };
  for (const other of resources.entries) {
    const otherType = template.context.resources.get(other.key);
    const otherProperties = mapEntry(other.value, 'Properties')?.value;
    const pointer = `${file}#/Resources/${other.key}/Properties/PolicyDocument`;
    if ((otherType === 'AWS::IAM::Policy' || otherType === 'AWS::IAM::ManagedPolicy') && list) {
      const attached = mapEntry(otherProperties, list)?.value;
      if (attached?.kind === 'seq' && attached.items.some(names)) out.policies.push(pointer);
    }
    if (single && (otherType === 'AWS::IAM::RolePolicy' || otherType === 'AWS::IAM::UserPolicy' || otherType === 'AWS::IAM::GroupPolicy') && names(mapEntry(otherProperties, single)?.value)) out.policies.push(pointer);
  }
  return out;
}

/** The name a template gives a role, user or group: its name property, else its logical id. */
function physicalName(template: CloudFormationTemplate, logicalId: string): string {
  return template.context.physicalNames?.get(logicalId) ?? logicalId;
}

/** A deployment's key in ids and caches: empty for none. */
export function deploymentKey(deployment: TemplateDeployment | undefined): string {
  if (!deployment) return '';
  const parts = [
    deployment.account ? `account ${deployment.account}` : '',
    deployment.region ? `Region ${deployment.region}` : '',
    ...Object.entries(deployment.names ?? {}).map(([id, name]) => `${id} ${name}`),
    ...Object.entries(deployment.suffixes ?? {}).map(([id, suffix]) => `${id} -${suffix}`),
  ].filter((part) => part !== '');
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The deployment of `file` for a principal of `account`: the scenario's Region and names for the file, if any. */
export function deploymentOf(scenario: Scenario, file: string, account: string | undefined): TemplateDeployment | undefined {
  const known = scenario.templateDeployments && Object.prototype.hasOwnProperty.call(scenario.templateDeployments, file) ? scenario.templateDeployments[file] : undefined;
  if (!account && !known) return undefined;
  return { ...known, ...(account ? { account } : {}) };
}

/** A reference to a policy a template principal has: one inside a template is read as the scenario deploys that template. */
function fileRef(scenario: Scenario, path: string, origin: Spanned<string>, where: string, account: string | undefined): PolicyFileRef {
  const file = splitTemplateReference(path)?.file;
  const deployment = file === undefined ? undefined : deploymentOf(scenario, file, account);
  return { kind: 'file', path, span: origin.span, where, ...(deployment ? { templateDeployment: deployment } : {}) };
}

/**
 * The scenario with the policies of its template principals filled in, and the problems found
 * (unreadable template, unknown logical id). Principals without `template` are unchanged.
 */
export function expandScenarioTemplates(scenario: Scenario, read: TemplateReader): { scenario: Scenario; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  const templates = new Map<string, CloudFormationTemplate | { error: string }>();
  const terraform = (file: string, address: string, what: string): Expansion | { error: string } => {
    if (!terraformReady()) return { error: `the Terraform parser is not loaded, so \`${file}\` cannot be read` };
    const text = read(file);
    if ('error' in text) return { error: text.error };
    const policies = extractTerraformPolicies(text.text).policies;
    const principal = terraformPrincipal(text.text, address, policies);
    if (!principal) return { error: `\`${file}\` has no \`aws_iam_role\`, \`aws_iam_user\` or \`aws_iam_group\` \`${address}\` for ${what}` };
    const ref = (pointer: string) => (/^arn:/.test(pointer) ? pointer : `${file}#${pointer}`);
    return {
      policies: principal.policies.map(ref),
      ...(principal.trust ? { trust: ref(principal.trust) } : {}),
      ...(principal.boundary ? { boundary: ref(principal.boundary) } : {}),
      groups: [...principal.groups],
    };
  };
  const load = (file: string, account: string | undefined): CloudFormationTemplate | { error: string } => {
    const deployment = deploymentOf(scenario, file, account);
    const key = `${file}\u0000${deploymentKey(deployment)}`;
    let loaded = templates.get(key);
    if (!loaded) {
      const text = read(file);
      if ('error' in text) loaded = { error: text.error };
      else loaded = readScenarioTemplate(text.text, deployment) ?? { error: `\`${file}\` is not a CloudFormation or SAM template` };
      templates.set(key, loaded);
    }
    return loaded;
  };
  const expandOne = (origin: Spanned<string>, account: string | undefined, what: string): Expansion | undefined => {
    const reference = splitTemplateReference(origin.value);
    if (!reference) {
      problems.push({ code: 'SCENARIO_INVALID_VALUE', severity: 'error', message: `\`template\` is \`file#LogicalId\`, e.g. \`template.yaml#AppRole\`; got \`${origin.value}\``, span: origin.span });
      return undefined;
    }
    if (/\.tf$/i.test(reference.file)) {
      const result = terraform(reference.file, reference.rest, what);
      if ('error' in result) {
        problems.push({ code: 'SCENARIO_POLICY_FILE', severity: 'error', message: result.error, span: origin.span });
        return undefined;
      }
      return result;
    }
    const template = load(reference.file, account);
    if ('error' in template) {
      problems.push({ code: 'SCENARIO_POLICY_FILE', severity: 'error', message: template.error, span: origin.span });
      return undefined;
    }
    const result = expand(template, reference.file, reference.rest, (id) => physicalName(template, id));
    if ('error' in result) {
      problems.push({ code: 'SCENARIO_POLICY_FILE', severity: 'error', message: `${result.error} for ${what}`, span: origin.span });
      return undefined;
    }
    return result;
  };
  const roles = scenario.roles.map((role): ScenarioRole => {
    if (!role.template) return role;
    const found = expandOne(role.template, role.account, `role \`${role.name}\``);
    if (!found) return role;
    const where = `roles[${role.name}]`;
    return {
      ...role,
      trustPolicy: role.trustPolicy ?? (found.trust ? fileRef(scenario, found.trust, role.template, `${where}.trustPolicy`, role.account) : undefined),
      policies: [...role.policies, ...found.policies.map((path) => fileRef(scenario, path, role.template!, `${where}.policies`, role.account))],
      boundary: role.boundary ?? (found.boundary ? fileRef(scenario, found.boundary, role.template, `${where}.boundary`, role.account) : undefined),
    };
  });
  const users = scenario.users.map((user): ScenarioUser => {
    if (!user.template) return user;
    const found = expandOne(user.template, user.account, `user \`${user.name}\``);
    if (!found) return user;
    const where = `users[${user.name}]`;
    const groups = [...user.groups];
    for (const name of found.groups) if (!groups.some((group) => group.value === name)) groups.push({ value: name, span: user.template.span });
    return {
      ...user,
      groups,
      policies: [...user.policies, ...found.policies.map((path) => fileRef(scenario, path, user.template!, `${where}.policies`, user.account))],
      boundary: user.boundary ?? (found.boundary ? fileRef(scenario, found.boundary, user.template, `${where}.boundary`, user.account) : undefined),
    };
  });
  const groups = scenario.groups.map((group): ScenarioGroup => {
    if (!group.template) return group;
    const found = expandOne(group.template, group.account, `group \`${group.name}\``);
    if (!found) return group;
    return { ...group, policies: [...group.policies, ...found.policies.map((path) => fileRef(scenario, path, group.template!, `groups[${group.name}].policies`, group.account))] };
  });
  for (const user of users) {
    for (const group of user.groups) {
      if (!groups.some((candidate) => candidate.name === group.value)) {
        problems.push({ code: 'SCENARIO_UNKNOWN_GROUP', severity: 'error', message: `User \`${user.name}\` is in group \`${group.value}\` in its template: define the group in \`groups\` (it may come from a template too)`, span: group.span });
      }
    }
  }
  // A resource's policy in a template is read as the resource's account deploys it (`AWS::AccountId`
  // in the ARNs it names: a function's, a queue's), as a principal's policies are.
  const resources = scenario.resources.map((resource) => {
    const policy = resource.policy;
    if (policy?.kind !== 'file' || policy.templateDeployment) return resource;
    const file = splitTemplateReference(policy.path)?.file;
    const deployment = file === undefined ? undefined : deploymentOf(scenario, file, resource.account);
    return deployment ? { ...resource, policy: { ...policy, templateDeployment: deployment } } : resource;
  });
  return { scenario: { ...scenario, roles, users, groups, resources }, problems };
}
