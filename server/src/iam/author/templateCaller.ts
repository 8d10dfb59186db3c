/**
 * The caller of an AccessDenied message found in a template: the role or user that a CloudFormation/
 * SAM template or a Terraform file defines under the name in the message, as a scenario that takes it
 * from the template (`"template": "file#LogicalId"`, docs/scenarios.md), so that the explanation sees
 * the policies the template attaches to it and its fix edits the template.
 *
 * Names: a CloudFormation role or user is named by its `RoleName`/`UserName`; without one,
 * CloudFormation generates `stack-LogicalId-RANDOM` (CloudFormation User Guide, "Name type": the
 * stack name, the logical id and a random string, each part cut to fit the name's length limit); the
 * role SAM makes for a function or state machine without `Role` has the logical id `<Id>Role`. A
 * Terraform one by its literal `name`, or its resource name.
 */
import { parseScenario, type Scenario } from '../scenario/index';
import { readScenarioTemplate } from '../scenario/scenarioTemplates';
import type { HostNode } from '../sources/hostTree';
import { terraformPrincipalNames } from '../sources/terraform/terraformPrincipals';
import { terraformReady } from '../sources/terraform/terraformPolicies';

/** The role or user and account an ARN of the message names (a role session as its role). */
function callerName(principal: string): { kind: 'role' | 'user'; name: string; account: string } | undefined {
  const session = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  if (session) return { kind: 'role', name: session[2]!, account: session[1]! };
  const identity = /^arn:[^:]+:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(principal);
  return identity ? { kind: identity[2] as 'role' | 'user', name: identity[3]!, account: identity[1]! } : undefined;
}

/** Whether a name CloudFormation generated for a resource without a name property is this logical id's. */
function generatedFor(name: string, logicalId: string): boolean {
  const parts = /^(.+)-([A-Za-z0-9]+)-([A-Za-z0-9]{8,})$/.exec(name);
  if (!parts) return false;
  const middle = parts[2]!;
  return middle === logicalId || (middle.length >= 8 && logicalId.startsWith(middle));
}

/** Whether a SAM function or state machine names a role of its own (`Role`), instead of getting one from SAM. */
function samRoleOf(root: HostNode, logicalId: string): boolean {
  const entry = (node: HostNode | undefined, key: string) => (node?.kind === 'map' ? node.entries.find((candidate) => candidate.key === key)?.value : undefined);
  return entry(entry(entry(entry(root, 'Resources'), logicalId), 'Properties'), 'Role') !== undefined;
}

/**
 * A scenario with the message's caller taken from the template `file` (its text `text`), or
 * undefined when the template defines no role or user of that name. `what` names it for the report.
 */
export function templateCallerScenario(file: string, text: string, principal: string): { scenario: Scenario; what: string } | undefined {
  const caller = callerName(principal);
  if (!caller) return undefined;
  const base = file.split(/[\\/]/).pop() || file;
  let reference: string | undefined;
  if (/\.tf$/i.test(file)) {
    if (!terraformReady()) return undefined;
    const found = terraformPrincipalNames(text).filter((candidate) => candidate.kind === caller.kind);
    reference = (found.find((candidate) => candidate.name === caller.name) ?? found.find((candidate) => candidate.name === undefined && candidate.address.endsWith(`.${caller.name}`)))?.address;
  } else {
    const template = readScenarioTemplate(text, caller.account);
    if (!template) return undefined;
    const type = caller.kind === 'role' ? 'AWS::IAM::Role' : 'AWS::IAM::User';
    const ids = [...template.context.resources].filter(([, resourceType]) => resourceType === type).map(([id]) => id);
    const named = (id: string) => template.context.physicalNames?.get(id);
    reference = ids.find((id) => named(id) === caller.name) ?? ids.find((id) => named(id) === undefined && id === caller.name) ?? ids.find((id) => named(id) === undefined && generatedFor(caller.name, id));
    // The role SAM makes for a function or state machine without `Role`: logical id `<Id>Role`.
    if (!reference && caller.kind === 'role') {
      const sam = [...template.context.resources].filter(([id, resourceType]) => (resourceType === 'AWS::Serverless::Function' || resourceType === 'AWS::Serverless::StateMachine') && !samRoleOf(template.root, id)).map(([id]) => id);
      reference = sam.find((id) => generatedFor(caller.name, `${id}Role`));
    }
  }
  if (!reference) return undefined;
  const principalEntry = { name: caller.name, account: caller.account, template: `${base}#${reference}` };
  const parsed = parseScenario(JSON.stringify({ accounts: [{ id: caller.account }], [caller.kind === 'role' ? 'roles' : 'users']: [principalEntry], tests: [] }));
  return { scenario: parsed.scenario, what: `the ${caller.kind} \`${reference}\` of the template \`${base}\`` };
}

/** Whether a text is a template rather than a policy: a Terraform or YAML file, or a CloudFormation template in JSON. */
export function isTemplateText(file: string, text: string): boolean {
  return /\.(tf|ya?ml)$/i.test(file) || readScenarioTemplate(text) !== undefined;
}
