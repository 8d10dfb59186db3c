/**
 * The tools of `iam-policy mcp`: each one a name, a description for the agent, zod schemas of its
 * input and output (the MCP SDK turns them into the JSON Schemas that `tools/list` shows and checks
 * every call and answer against them), and a handler that runs the same core as the CLI command of
 * the same job. A handler returns the structured answer and its text rendering, or throws
 * `McpToolError` with a one-line message, which the server turns into a tool result with `isError`.
 *
 * Policies come in as text (the JSON of the policy, as in a file), so that findings point at the
 * lines the agent wrote; the tools that validate, summarise and check take a template's text too
 * (every embedded policy, with the kind its place gives it). Nothing here reads files or the network.
 */
import { z } from './mcpSdk';
import { action as catalogAction } from '../iam/catalog/catalog';
import { checkNoPublicAccess, checkNotGranted, diffAccess, type PolicyCheck } from '../iam/access';
import type { PolicyDocument } from '../iam/document/model';
import { parsePolicy } from '../iam/document/parse';
import { POLICY_KINDS, resolvePolicyKind, type PolicyKind } from '../iam/document/policyKind';
import { deriveContext, evaluate, parseSimulationRequest } from '../iam/evaluate/index';
import type { EvaluationRequest } from '../iam/evaluate/types';
import { summarizeAccess } from '../iam/summary/accessSummary';
import { ACCESS_LEVELS, summarizePolicy } from '../iam/summary/policySummary';
import { accessSummaryText, blockAfter, checksText, diffText, templateDiffText } from '../service/accessReport';
import { diffTemplates } from '../service/templateAccessDiff';
import { summaryText } from '../service/summary';
import { lintText } from '../cli/lint';
import { readTemplateFile } from '../cli/templateInput';
import type { HostAnalysis } from '../iam/sources/hostDocument';
import { checkTemplatePolicies, summarizeTemplatePolicies, templateCheck } from '../service/templatePolicies';
import { explainAnswer } from '../cli/simulate';
import { denialJson, denialText } from '../cli/explainDenied';
import { explainDenial, fixPolicyName, generateFromTexts, isAccessDeniedProblem, normalizeDenied, parseAccessDenied, scenarioDenialRequest, templateCallerScenario, type FixTarget } from '../iam/author/index';
import { PolicySet, checkPolicyFiles } from '../iam/scenario/index';
import { limitNesting } from '../iam/document/jsonNesting';
import type { PolicyInput } from '../iam/evaluate/types';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';

/** A tool call that cannot be answered: bad input the schema could not catch, or text that is not a policy. */
export class McpToolError extends Error {}

/** What a handler returns: the structured content and the text the agent reads. */
export interface McpToolAnswer {
  readonly structured: Record<string, unknown>;
  readonly text: string;
}

/** What the tool handlers need from the outside world. */
export interface McpToolEnvironment {
  /** Loads the Terraform parser (WebAssembly); rejects with the reason when it cannot be loaded. */
  loadTerraform(): Promise<void>;
}

/** One tool: its schemas and its handler. */
export interface McpToolDefinition<Input extends z.ZodRawShape = z.ZodRawShape, Output extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: Input;
  readonly outputSchema: Output;
  run(input: z.infer<z.ZodObject<Input>>, environment: McpToolEnvironment): McpToolAnswer | Promise<McpToolAnswer>;
}

const policyType = z
  .enum(['auto', ...POLICY_KINDS])
  .optional()
  .describe('The policy type; `auto` (the default) detects it from the content as the editor does.');
const policyKind = z.enum(POLICY_KINDS);
const policyText = (what: string) => z.string().describe(`${what}: the policy's JSON text, as it would be in a file.`);
const position = z.object({ line: z.number().int(), character: z.number().int() });
const range = z.object({ start: position, end: position }).describe('0-based lines and characters, as in the Language Server Protocol.');
const stringList = z.array(z.string());
const contextValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);
const exampleRequest = z.object({
  action: z.string(),
  resource: z.string(),
  context: z.record(z.string(), contextValue),
  principal: z.string().optional(),
  resourceAccount: z.string().optional(),
});

/** Parses a policy text; refuses text that is not a JSON object or nests too deep to be read whole. */
function parsePolicyArgument(text: string, name: string): PolicyDocument {
  const parsed = parsePolicy(text);
  const problem = parsed.problems.find((p) => p.kind === 'syntax' || p.kind === 'depth');
  if (problem || !parsed.document.root || parsed.document.root.type !== 'object') {
    throw new McpToolError(`\`${name}\` is not a JSON policy object${problem ? ` (${problem.message.replace(/\s*\n\s*/g, ' ')})` : ''}; validate_policy reports every problem with its line.`);
  }
  return parsed.document;
}

function kindOf(document: PolicyDocument, type: PolicyKind | 'auto' | undefined): PolicyKind {
  return type === undefined || type === 'auto' ? resolvePolicyKind(document).kind : type;
}

/** The file names that make `lintText` read a text as each format. */
const FORMAT_FILE_NAMES = { auto: 'input.json', policy: 'policy.json', cloudformation: 'template.yaml', terraform: 'main.tf' } as const;
type InputFormat = keyof typeof FORMAT_FILE_NAMES;

const inputFormat = z
  .enum(['auto', 'policy', 'cloudformation', 'terraform'])
  .optional()
  .describe('`auto` (the default) reads a CloudFormation/SAM template when the text is one, else a policy; Terraform must be named.');

async function loadTerraform(environment: McpToolEnvironment): Promise<void> {
  try {
    await environment.loadTerraform();
  } catch (error) {
    throw new McpToolError(`the Terraform parser could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The template a tool's text is (its policies parsed and given the kind of their place, not
 * validated), for the tools that take a policy or a template; undefined when it is a policy.
 */
async function templateArgument(text: string, format: InputFormat, environment: McpToolEnvironment): Promise<HostAnalysis | undefined> {
  if (format === 'policy') return undefined;
  if (format === 'terraform') await loadTerraform(environment);
  const host = readTemplateFile(text, FORMAT_FILE_NAMES[format]);
  if (host && 'error' in host) throw new McpToolError(host.error);
  if (!host && format === 'cloudformation') throw new McpToolError('the text is not a CloudFormation or SAM template; give `format: "policy"` for a policy');
  return host;
}

const validatePolicyTool: McpToolDefinition = {
  name: 'validate_policy',
  title: 'Validate an IAM policy or template',
  description:
    'Validates an AWS IAM policy (JSON) or every policy embedded in a CloudFormation/SAM template (JSON or YAML) or a Terraform file offline, with the checks of the IAM Policy Workbench editor (IAM Access Analyzer policy-validation codes where the check is the same). Returns every finding with its code, severity, message and 0-based range.',
  inputSchema: {
    text: z.string().describe('The policy JSON, or the template text.'),
    format: inputFormat,
    policyType: policyType.describe('For a standalone policy: its type; `auto` (the default) detects it. Template policies take their type from the template.'),
  },
  outputSchema: {
    format: z.enum(['policy', 'cloudformation', 'terraform']),
    policyType: policyKind.nullable().describe('The type of every policy, or null when they differ or there are none.'),
    policies: z.array(
      z.object({
        pointer: z.string().describe('Where the policy is in the text (`""` for a standalone policy).'),
        kind: policyKind,
        resourceType: z.string().nullable(),
        attachedResourceType: z.string().optional(),
        label: z.string().optional(),
        range,
      }),
    ),
    findings: z.array(z.object({ code: z.string(), severity: z.enum(['error', 'warning', 'info']), message: z.string(), range, policy: z.string().optional() })),
    counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  },
  async run(input, environment) {
    const { text, format = 'auto', policyType: type = 'auto' } = input as { text: string; format?: keyof typeof FORMAT_FILE_NAMES; policyType?: PolicyKind | 'auto' };
    if (format === 'terraform') await loadTerraform(environment);
    const linted = lintText(text, FORMAT_FILE_NAMES[format], type);
    if (!linted) throw new McpToolError('the text is not a CloudFormation or SAM template; give `format: "policy"` to validate it as a policy');
    if (linted.error) throw new McpToolError(linted.error);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const finding of linted.findings) counts[finding.severity]++;
    const lines = linted.findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}${f.policy ? ` (policy ${f.policy})` : ''}`);
    const policies = linted.policies ?? [];
    lines.push(`${policies.length} ${policies.length === 1 ? 'policy' : 'policies'} (${linted.format ?? format}) validated: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info.`);
    return {
      structured: { format: linted.format ?? 'policy', policyType: linted.policyType, policies, findings: linted.findings, counts },
      text: `${lines.join('\n')}\n`,
    };
  },
};

const conditionText = z.object({ operator: z.string(), key: z.string(), values: stringList });
const effectSummary = z.object({
  services: z.array(
    z.object({
      prefix: z.string(),
      name: z.string(),
      actionCount: z.number().int(),
      totalActions: z.number().int(),
      full: z.boolean(),
      levels: z.array(z.object({ level: z.enum(ACCESS_LEVELS as [string, ...string[]]), granted: z.number().int(), total: z.number().int() })),
      except: stringList.optional(),
      resources: stringList,
      conditions: z.array(conditionText),
      statements: z.array(z.number().int()),
    }),
  ),
  allServices: z.object({ except: stringList, resources: stringList, conditions: z.array(conditionText), statements: z.array(z.number().int()) }).optional(),
});

const accessOutput = z.object({
  policyType: policyKind,
  whoCanGetIn: z
    .object({
      owner: z.string().optional(),
      statements: z.array(
        z.object({
          statement: z.number().int(),
          sid: z.string().optional(),
          summary: z.string(),
          public: z.boolean(),
          externalAccounts: stringList,
          organizations: stringList,
          services: stringList,
          identityProviders: stringList,
          limitedBy: stringList,
        }),
      ),
    })
    .optional(),
  risks: z.array(z.object({ family: z.enum(['privilege-escalation', 'resource-exposure', 'credential-exposure']), method: z.string(), title: z.string(), statements: z.array(z.number().int()), source: z.string() })).optional(),
});

/** Where a template's policy is, and the type its place gives it. */
const templatePolicyPlace = {
  pointer: z.string().describe('Where the policy is in the template (a JSON Pointer, or a Terraform address).'),
  label: z.string(),
  policyType: policyKind,
};

const summarizePolicyTool: McpToolDefinition = {
  name: 'summarize_policy',
  title: 'Summarize an IAM policy or the policies of a template',
  description:
    'Summarizes what an AWS IAM policy allows and denies, per service and access level (List, Read, Write, Permissions management, Tagging) as the IAM console does, and who can get in (resource-based and trust policies) or which privilege-escalation and exposure methods it gives (identity policies). Given a CloudFormation/SAM template (JSON or YAML) or a Terraform file, summarizes each embedded policy, with the type its place gives it, in `policies`.',
  inputSchema: {
    policy: z.string().describe('The policy\'s JSON text, as it would be in a file, or the text of a template.'),
    format: inputFormat,
    policyType: policyType.describe('For a standalone policy: its type; `auto` (the default) detects it. Template policies take their type from the template.'),
    account: z.string().regex(/^\d{12}$/).optional().describe('The 12-digit account that owns the resource (for "who can get in": other accounts are external). For a template, the default is the account it deploys into.'),
  },
  outputSchema: {
    statementCount: z.number().int().optional().describe('For a policy; a template gives each policy\'s in `policies`.'),
    allow: effectSummary.optional(),
    deny: effectSummary.optional(),
    unknownActions: stringList.optional(),
    access: accessOutput.optional(),
    format: z.enum(['cloudformation', 'terraform']).optional().describe('For a template: its format.'),
    policies: z
      .array(z.object({ ...templatePolicyPlace, statementCount: z.number().int(), allow: effectSummary, deny: effectSummary, unknownActions: stringList, access: accessOutput }))
      .optional()
      .describe('For a template: each embedded policy, summarized.'),
  },
  async run(input, environment) {
    const { policy, format = 'auto', policyType: type, account } = input as { policy: string; format?: InputFormat; policyType?: PolicyKind | 'auto'; account?: string };
    const host = await templateArgument(policy, format, environment);
    if (host) {
      const policies = summarizeTemplatePolicies(host, account);
      const text = policies.length === 0 ? 'The template has no policies.\n' : policies.map((p) => `${p.label} (${p.pointer}, ${p.policyType}):\n${summaryText(p.summary)}${blockAfter(accessSummaryText(p.access))}`).join('\n');
      return { structured: { format: host.format, policies: policies.map(({ summary, ...place }) => ({ ...place, ...summary })) }, text };
    }
    const document = parsePolicyArgument(policy, 'policy');
    const summary = summarizePolicy(document);
    const access = summarizeAccess(document, kindOf(document, type), account ? { ownerAccount: account } : {});
    return { structured: { ...summary, access }, text: `${summaryText(summary)}${blockAfter(accessSummaryText(access))}` };
  },
};


const policyObject = z.record(z.string(), z.unknown()).describe('A policy document as a JSON object.');
const conditionTrace = z.object({ operator: z.string(), key: z.string(), policyValues: stringList, requestValues: stringList.optional(), matched: z.boolean(), explanation: z.string() });
const policyRole = z.enum(['identity', 'resource', 'boundary', 'scp', 'rcp', 'session']);

const simulateRequestTool: McpToolDefinition = {
  name: 'simulate_request',
  title: 'Simulate an AWS request against IAM policies',
  description:
    "Decides offline whether AWS would allow one request, with the IAM policy evaluation logic (identity and resource-based policies, permissions boundary, session policy, SCPs and RCPs, cross-account rules), and explains which statements and conditions decided. The request has the shape of `iam-policy simulate --request`.",
  inputSchema: {
    principal: z.string().describe('The caller\'s ARN, e.g. `arn:aws:iam::111122223333:role/app`.'),
    action: z.string().describe('`service:Action`, e.g. `s3:GetObject`.'),
    resource: z.string().describe('The resource ARN, or `*`.'),
    context: z.record(z.string(), contextValue).optional().describe('Request context keys, e.g. `{"aws:SourceIp": "203.0.113.7"}`.'),
    principalAccount: z.string().optional().describe('12-digit account of the caller, when the principal ARN does not say.'),
    resourceAccount: z.string().optional().describe('12-digit account that owns the resource (cross-account evaluation when it differs).'),
    identityPolicies: z.array(policyObject).optional(),
    resourcePolicy: policyObject.optional(),
    permissionBoundary: policyObject.optional(),
    sessionPolicy: policyObject.optional(),
    scps: z.array(z.array(policyObject)).optional().describe('SCPs per level of the organization, root first; each level a list of policies.'),
    rcps: z.array(z.array(policyObject)).optional().describe('RCPs per level, root first.'),
    principalIsManagementAccount: z.boolean().optional(),
    resourceIsManagementAccount: z.boolean().optional(),
    deriveContext: z.boolean().optional().describe('Fill aws:PrincipalArn, aws:username, aws:PrincipalAccount... from the principal and resource first (never overwriting keys you set).'),
  },
  outputSchema: {
    decision: z.enum(['Allow', 'ExplicitDeny', 'ImplicitDeny']),
    reasons: z.array(z.object({ policyId: z.string(), policyRole, statementIndex: z.number().int(), sid: z.string().optional(), effect: z.enum(['Allow', 'Deny']) })),
    explanation: z.string(),
    statements: z.array(
      z.object({
        policyId: z.string(),
        policyRole,
        statementIndex: z.number().int(),
        sid: z.string().optional(),
        effect: z.enum(['Allow', 'Deny']),
        actionMatched: z.boolean(),
        resourceMatched: z.boolean(),
        principalMatched: z.boolean().optional(),
        conditions: z.array(conditionTrace),
        applies: z.boolean(),
      }),
    ),
    missingContextKeys: stringList,
    warnings: stringList,
    errors: stringList,
    derivedContext: stringList.optional().describe('With `deriveContext`: the keys that were added.'),
    context: z.record(z.string(), contextValue).optional().describe('With `deriveContext`: the context that was evaluated.'),
  },
  run(input) {
    const { deriveContext: derive, ...fields } = input as Record<string, unknown> & { deriveContext?: boolean };
    const parsed = parseSimulationRequest(fields);
    if (!parsed.request) throw new McpToolError(`not a valid request: ${parsed.errors.join('; ')}`);
    let request: EvaluationRequest = parsed.request;
    let derived: string[] | undefined;
    if (derive) {
      const result = deriveContext(request);
      request = { ...request, context: result.context };
      derived = result.derived;
    }
    const evaluated = evaluate(request, { isKnownAction: (name) => catalogAction(name) !== undefined });
    const answer = parsed.warnings?.length ? { ...evaluated, warnings: [...parsed.warnings, ...evaluated.warnings] } : evaluated;
    const structured = derived ? { ...answer, derivedContext: derived, context: request.context ?? {} } : answer;
    return { structured: structured as unknown as Record<string, unknown>, text: explainAnswer(answer, derived) };
  },
};

const accessGroup = z.object({
  actions: stringList,
  resources: stringList,
  conditions: z.record(z.string(), z.record(z.string(), stringList)),
  principals: stringList.optional(),
  statement: z.number().int(),
  example: exampleRequest,
});
const unreadable = z.array(z.object({ index: z.number().int(), reason: z.string() }));

const diffPoliciesTool: McpToolDefinition = {
  name: 'diff_policies',
  title: 'Compare the access of two IAM policies',
  description:
    'Compares two versions of an AWS IAM policy offline: the access the new one grants that the old one does not and the access it removes, each group with an example request confirmed by the evaluator. The verdict (`no-new-access`, `new-access`, `undecided`) answers what IAM Access Analyzer CheckNoNewAccess asks.',
  inputSchema: {
    oldPolicy: policyText('The old policy'),
    newPolicy: policyText('The new policy'),
    policyType: policyType.describe('The type of both policies; `auto` (the default) detects it from the new policy.'),
  },
  outputSchema: {
    policyType: policyKind,
    verdict: z.enum(['no-new-access', 'new-access', 'undecided']),
    newAccess: z.array(accessGroup),
    removedAccess: z.array(accessGroup),
    undecided: z.array(z.object({ reason: z.string(), actions: stringList, resources: stringList, statement: z.number().int(), direction: z.enum(['new', 'removed']) })),
    unreadable: z.object({ old: unreadable, new: unreadable }),
  },
  run(input) {
    const { oldPolicy, newPolicy, policyType: type } = input as { oldPolicy: string; newPolicy: string; policyType?: PolicyKind | 'auto' };
    const oldDocument = parsePolicyArgument(oldPolicy, 'oldPolicy');
    const newDocument = parsePolicyArgument(newPolicy, 'newPolicy');
    const kind = kindOf(newDocument, type);
    const diff = diffAccess(oldDocument, newDocument, kind);
    return { structured: { policyType: kind, ...diff }, text: diffText(diff, 'oldPolicy', 'newPolicy') };
  },
};

const diffTemplatesTool: McpToolDefinition = {
  name: 'diff_templates',
  title: 'Compare the access of two versions of a template',
  description:
    'Compares two versions of a CloudFormation/SAM template (JSON or YAML) or a Terraform file offline, policy by policy: each embedded IAM policy against the one at the same place in the other version (a policy only one version has against an empty policy), as diff_policies compares two policies, with the policy type its place gives it. The verdict is `new-access` when some policy grants new access.',
  inputSchema: {
    oldText: z.string().describe('The old version of the template (empty for a template new in the change).'),
    newText: z.string().describe('The new version of the template.'),
    format: z.enum(['auto', 'cloudformation', 'terraform']).optional().describe('`auto` (the default) reads a CloudFormation/SAM template; Terraform must be named.'),
  },
  outputSchema: {
    format: z.enum(['cloudformation', 'terraform']),
    verdict: z.enum(['no-new-access', 'new-access', 'undecided']),
    unchanged: z.number().int().describe('Policies whose text is the same in both versions (not compared).'),
    policies: z.array(
      z.object({
        pointer: z.string(),
        label: z.string(),
        policyType: policyKind,
        change: z.enum(['added', 'removed', 'changed']),
        verdict: z.enum(['no-new-access', 'new-access', 'undecided']),
        newAccess: z.array(accessGroup),
        removedAccess: z.array(accessGroup),
        undecided: z.array(z.object({ reason: z.string(), actions: stringList, resources: stringList, statement: z.number().int(), direction: z.enum(['new', 'removed']) })),
        unreadable: z.object({ old: unreadable, new: unreadable }),
      }),
    ),
  },
  async run(input, environment) {
    const { oldText, newText, format = 'auto' } = input as { oldText: string; newText: string; format?: 'auto' | 'cloudformation' | 'terraform' };
    if (format === 'terraform') await loadTerraform(environment);
    const diff = diffTemplates(oldText, newText, format === 'terraform' ? 'main.tf' : 'template.yaml');
    if (!diff) throw new McpToolError('`newText` is not a CloudFormation or SAM template; give `format: "terraform"` for a Terraform file, or use diff_policies for two policies');
    return { structured: { format: diff.format, verdict: diff.verdict, unchanged: diff.unchanged, policies: diff.policies }, text: templateDiffText(diff, 'oldText', 'newText') };
  },
};

const checkFinding = z.object({ statement: z.number().int(), sid: z.string().optional(), actions: stringList, resources: stringList, example: exampleRequest, access: z.string().optional() });
const checkUndecided = z.object({ reason: z.string(), statement: z.number().int(), actions: stringList.optional(), resources: stringList.optional() });
const checkResult = z.enum(['PASS', 'FAIL', 'UNDECIDED']);
const checkOutput = {
  policyType: policyKind.nullable().describe('The policy\'s type; null for a template (each policy\'s is in `policies`).'),
  check: z.enum(['not-granted', 'no-public-access']),
  result: checkResult.describe('For a template: FAIL when some policy fails, else UNDECIDED when one is, else PASS.'),
  findings: z.array(checkFinding.extend({ policy: z.string().optional().describe('For a template: the pointer of the policy.') })),
  undecided: z.array(checkUndecided.extend({ policy: z.string().optional() })),
  format: z.enum(['cloudformation', 'terraform']).optional().describe('For a template: its format.'),
  policies: z
    .array(z.object({ ...templatePolicyPlace, result: checkResult, findings: z.array(checkFinding), undecided: z.array(checkUndecided) }))
    .optional()
    .describe('For a template: each embedded policy and its result.'),
};

const policyOrTemplate = z.string().describe('The policy\'s JSON text, as it would be in a file, or the text of a template (every embedded policy is checked).');

/** Runs one check on the policy or on every policy of the template the text is. */
async function runCheckTool(
  name: PolicyCheck['check'],
  text: string,
  format: InputFormat,
  type: PolicyKind | 'auto' | undefined,
  environment: McpToolEnvironment,
  run: (document: PolicyDocument, kind: PolicyKind) => PolicyCheck,
): Promise<McpToolAnswer> {
  const host = await templateArgument(text, format, environment);
  if (host) {
    const policies = checkTemplatePolicies(host, (document, kind) => [run(document, kind)]);
    return {
      structured: {
        policyType: null,
        ...templateCheck(policies, name),
        format: host.format,
        policies: policies.map(({ checks, ...place }) => ({ ...place, findings: checks[0]!.findings, undecided: checks[0]!.undecided })),
      },
      text: policies.length === 0 ? 'The template has no policies: PASS.\n' : policies.map((p) => checksText(p.checks, `${p.label} (${p.pointer})`)).join(''),
    };
  }
  const document = parsePolicyArgument(text, 'policy');
  const kind = kindOf(document, type);
  const check = run(document, kind);
  return { structured: { policyType: kind, ...check }, text: checksText([check], 'policy') };
}

const checkNotGrantedTool: McpToolDefinition = {
  name: 'check_not_granted',
  title: 'Check that a policy or template does not grant actions',
  description:
    'The offline counterpart of IAM Access Analyzer CheckAccessNotGranted: FAIL when the policy allows any of the actions (on any of the resources, when given), with the statement and a confirmed example request; UNDECIDED when a statement reaches them but neither an example nor a proof was found; else PASS. Given a CloudFormation/SAM template or a Terraform file, checks every embedded policy with the type its place gives it.',
  inputSchema: {
    policy: policyOrTemplate,
    actions: z.array(z.string().regex(/^([^:\s]+:[^:\s]+|\*)$/, 'expected `service:Action`')).min(1).describe('Actions that must not be granted, e.g. `["s3:DeleteBucket", "iam:Pass*"]`.'),
    resources: stringList.optional().describe('Resource ARNs the check is limited to.'),
    policyType,
    format: inputFormat,
  },
  outputSchema: checkOutput,
  run(input, environment) {
    const { policy, actions, resources, policyType: type, format = 'auto' } = input as { policy: string; actions: string[]; resources?: string[]; policyType?: PolicyKind | 'auto'; format?: InputFormat };
    return runCheckTool('not-granted', policy, format, type, environment, (document, kind) => checkNotGranted(document, kind, actions, resources));
  },
};

const checkNoPublicAccessTool: McpToolDefinition = {
  name: 'check_no_public_access',
  title: 'Check that a policy or template grants no public access',
  description:
    'The offline counterpart of IAM Access Analyzer CheckNoPublicAccess: FAIL when a resource-based or trust policy lets in anyone, confirmed by an example request from an outside caller. Policies that name no principals (identity policies, SCPs) PASS. Given a CloudFormation/SAM template or a Terraform file, checks every embedded policy with the type its place gives it.',
  inputSchema: { policy: policyOrTemplate, policyType, format: inputFormat },
  outputSchema: checkOutput,
  run(input, environment) {
    const { policy, policyType: type, format = 'auto' } = input as { policy: string; policyType?: PolicyKind | 'auto'; format?: InputFormat };
    return runCheckTool('no-public-access', policy, format, type, environment, checkNoPublicAccess);
  },
};

const generatePolicyTool: McpToolDefinition = {
  name: 'generate_policy',
  title: 'Generate a least-privilege IAM policy',
  description:
    'Generates a least-privilege identity-based policy offline from what a workload does: a list of actions (one a line, optionally followed by a resource ARN), AccessDenied messages, or CloudTrail records (a trail log file, `aws cloudtrail lookup-events` output or an array of records). Statements are grouped by service and resource, with ARNs of a resource type each action takes; actions without resource-level permissions are on `*` in their own statement. No wildcard unless `compact` (then only wildcards that match exactly the listed actions in the bundled data). The policy is validated with the same checks as validate_policy. Same core as `iam-policy generate`.',
  inputSchema: {
    input: z.string().describe('Actions (one a line: `service:Action [resource-ARN]`), AccessDenied messages (one a line), or CloudTrail JSON.'),
    from: z.enum(['auto', 'actions', 'denied', 'cloudtrail']).optional().describe('What `input` is; `auto` (the default) detects it.'),
    compact: z.boolean().optional().describe('Use `Prefix*` wildcards where they match exactly the listed actions.'),
    account: z.string().regex(/^\d{12}$/).optional().describe('12-digit account for ARNs built from patterns (default `*`).'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/).optional().describe('Region for ARNs built from patterns (default `*`).'),
    partition: z.string().regex(/^aws(-[a-z]+)*$/).optional().describe('Partition for ARNs built from patterns (default `aws`).'),
  },
  outputSchema: {
    policy: z.record(z.string(), z.unknown()).describe('The generated policy document.'),
    statements: z.array(z.object({ sid: z.string(), service: z.string(), actions: stringList, resources: stringList, resourceTypes: stringList })),
    wildcards: z.array(z.object({ pattern: z.string(), covers: stringList })),
    skipped: stringList.describe('Inputs and requests left out, with why.'),
    notes: stringList,
    findings: z.array(z.object({ code: z.string(), message: z.string() })).describe('What validation reports on the generated policy (none is the goal).'),
  },
  run(input) {
    const { input: text, from = 'auto', compact = false, account, region, partition } = input as { input: string; from?: 'auto' | 'actions' | 'denied' | 'cloudtrail'; compact?: boolean; account?: string; region?: string; partition?: string };
    const result = generateFromTexts([text], from, { compact, ...(account ? { account } : {}), ...(region ? { region } : {}), ...(partition ? { partition } : {}) });
    if ('error' in result) throw new McpToolError(`${result.error}${result.problems.length > 0 ? ` (${result.problems.join('; ')})` : ''}`);
    const { generated, skipped, findings } = result;
    const lines = [result.text, ...skipped.map((s) => `skipped: ${s}`), ...generated.notes.map((n) => `note: ${n}`), ...findings.map((f) => `finding: ${f.code} ${f.message}`)];
    return {
      structured: { policy: generated.policy, statements: generated.statements, wildcards: generated.wildcards, skipped, notes: generated.notes, findings: findings.map((f) => ({ code: f.code, message: f.message })) },
      text: `${lines.join('\n')}\n`,
    };
  },
};

/** A policy given as text, read as the evaluator reads policy files (JSONC). */
function policyInputArgument(text: string, id: string, texts: Map<string, FixTarget>): PolicyInput {
  if (limitNesting(text).tooDeep.length > 0) throw new McpToolError(`\`${id}\` nests JSON too deep to be a policy`);
  const errors: ParseError[] = [];
  const document: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || document === null || typeof document !== 'object' || Array.isArray(document)) throw new McpToolError(`\`${id}\` is not a JSON policy object; validate_policy reports every problem with its line`);
  texts.set(id, { text });
  return { id, document };
}

const deniedPolicyType = z.enum(['identity', 'resource', 'boundary', 'scp', 'rcp', 'session', 'vpce']);

const explainDeniedTool: McpToolDefinition = {
  name: 'explain_access_denied',
  title: 'Explain an AccessDenied message and propose the smallest fix',
  description:
    'Reads an AccessDenied message as AWS SDKs and the AWS CLI print it (with or without the "because ..." part; explicit-deny, SCP, boundary and session-policy variants) or the JSON of `aws sts decode-authorization-message`, simulates the request against the given policies offline, says which kind of policy denies it, and proposes the smallest edit that allows exactly that request (an added action or resource, or a new statement; never `*`), checked by simulating again and comparing access. When an SCP, RCP, permissions boundary, session policy or explicit Deny denies, it says so and proposes no Allow. Same core as `iam-policy explain-denied`.',
  inputSchema: {
    message: z.string().describe('The AccessDenied message.'),
    identityPolicies: z.array(z.string()).optional().describe("The caller's identity-based policies, each as JSON text."),
    resourcePolicy: z.string().optional().describe("The resource's resource-based policy, as JSON text."),
    permissionBoundary: z.string().optional().describe("The caller's permissions boundary, as JSON text."),
    sessionPolicy: z.string().optional().describe('The session policy, as JSON text.'),
    scps: z.array(z.string()).optional().describe('SCPs that apply to the caller\'s account (one organization level), each as JSON text.'),
    template: z
      .string()
      .optional()
      .describe('The text of a CloudFormation/SAM template (JSON or YAML) or a Terraform file that defines the caller: the role or user the message names (by its name, or the name CloudFormation generates from its logical id), with the policies the template attaches to it; a fix to one of them is a text edit of this template. Or that defines the resource of the message: its resource-based policy is simulated, and a caller of another account has no policies.'),
    templateFormat: z.enum(['auto', 'cloudformation', 'terraform']).optional().describe('`auto` (the default) reads a CloudFormation/SAM template; Terraform must be named.'),
    templateAccount: z.string().regex(/^\d{12}$/).optional().describe("The account the template is deployed into (else the caller's, or the one the resource's ARN shows when the template does not define the caller)."),
  },
  outputSchema: {
    message: z.object({
      principal: z.string(),
      principalType: z.string(),
      action: z.string(),
      resource: z.string().nullable(),
      denial: z.string(),
      policyType: deniedPolicyType.nullable(),
      policyArn: z.string().optional(),
      operation: z.string().optional(),
      errorCode: z.string().optional(),
      format: z.string(),
    }),
    status: z.enum(['fix', 'explicit-deny', 'guardrail', 'not-reproduced', 'no-fix']),
    request: z.object({ principal: z.string(), action: z.string(), resource: z.string() }),
    simulated: z.object({ decision: z.enum(['Allow', 'ExplicitDeny', 'ImplicitDeny']), reasons: z.array(z.record(z.string(), z.unknown())), explanation: z.string() }),
    deniedBy: z.array(z.object({ policyType: deniedPolicyType, explicit: z.boolean(), policy: z.string().optional(), statementIndex: z.number().int().optional(), sid: z.string().optional(), why: z.string() })),
    agreesWithMessage: z.boolean().nullable(),
    fixes: z.array(
      z.object({
        kind: z.enum(['add-action', 'add-resource', 'add-statement', 'new-policy']),
        policyType: z.enum(['identity', 'resource']),
        policy: z.string().describe('`identityPolicies[N]`, `resourcePolicy`, `template.yaml#POINTER` / `main.tf#ADDRESS` (a policy of `template`), or `new-policy` / `new-resource-policy`.'),
        statementIndex: z.number().int(),
        description: z.string(),
        statement: z.record(z.string(), z.unknown()),
        document: z.unknown(),
        edits: z.array(z.object({ offset: z.number().int(), length: z.number().int(), newText: z.string() })).nullable().describe('Text edits to the given policy text (or to `template`, for a policy of the template) that make the fix; null for a new policy, or a template policy written in a way the edit cannot be made to.'),
      }),
    ),
    verification: z.object({ decision: z.enum(['Allow', 'ExplicitDeny', 'ImplicitDeny']), newAccess: z.array(z.object({ policy: z.string(), actions: stringList, resources: stringList })), exact: z.boolean() }).nullable(),
    notes: stringList,
  },
  async run(input, environment) {
    const args = input as { message: string; identityPolicies?: string[]; resourcePolicy?: string; permissionBoundary?: string; sessionPolicy?: string; scps?: string[]; template?: string; templateFormat?: 'auto' | 'cloudformation' | 'terraform'; templateAccount?: string };
    const parsedMessage = parseAccessDenied(args.message);
    if (isAccessDeniedProblem(parsedMessage)) throw new McpToolError(parsedMessage.error);
    const { message, resource, notes } = normalizeDenied(parsedMessage);
    const texts = new Map<string, FixTarget>();
    // The caller from the template: its policies, and the fix as edits of the template's text.
    let fromTemplate: EvaluationRequest | undefined;
    let fixedPolicies: ReadonlySet<string> = new Set();
    if (args.template !== undefined) {
      if (args.templateFormat === 'terraform') await loadTerraform(environment);
      const file = args.templateFormat === 'terraform' ? 'main.tf' : 'template.yaml';
      const template = args.template;
      const found = templateCallerScenario(file, template, message.principal, resource, message.action, args.templateAccount);
      if (!found) throw new McpToolError(`\`template\` defines no role or user that the message's caller \`${message.principal}\` is, nor its resource`);
      notes.push(...found.notes);
      const policies = new PolicySet((relative) => (relative === file ? { text: template } : { error: `\`${relative}\` is not given (the tools read no files)` }));
      for (const problem of checkPolicyFiles(found.scenario, policies)) notes.push(`Template: ${problem.message}.`);
      const built = scenarioDenialRequest(found.scenario, policies, message, resource, notes, 'template');
      if (typeof built === 'string') throw new McpToolError(built);
      fromTemplate = built.request;
      fixedPolicies = built.fixedPolicies;
      for (const [id, target] of built.texts) texts.set(id, target);
    }
    const identityPolicies = [...(fromTemplate?.identityPolicies ?? []), ...(args.identityPolicies ?? []).map((text, i) => policyInputArgument(text, `identityPolicies[${i}]`, texts))];
    const request: EvaluationRequest = {
      ...(fromTemplate ?? {}),
      principal: fromTemplate?.principal ?? (message.principal === 'anonymous' ? '*' : message.principal),
      action: message.action,
      resource,
      ...(message.context ? { context: { ...(fromTemplate?.context ?? {}), ...message.context } } : {}),
      ...(identityPolicies.length > 0 ? { identityPolicies } : {}),
      ...(args.resourcePolicy !== undefined ? { resourcePolicy: policyInputArgument(args.resourcePolicy, 'resourcePolicy', texts) } : {}),
      ...(args.permissionBoundary !== undefined ? { permissionBoundary: policyInputArgument(args.permissionBoundary, 'permissionBoundary', texts) } : {}),
      ...(args.sessionPolicy !== undefined ? { sessionPolicy: policyInputArgument(args.sessionPolicy, 'sessionPolicy', texts) } : {}),
      ...(args.scps?.length ? { scps: [args.scps.map((text, i) => policyInputArgument(text, `scps[${i}]`, texts))] } : {}),
    };
    if (!args.identityPolicies?.length && args.resourcePolicy === undefined && args.template === undefined) notes.push('No policies were given (identityPolicies, resourcePolicy, template): the caller was simulated with none.');
    const explanation = explainDenial(message, request, { isKnownAction: (name) => catalogAction(name) !== undefined, fixedPolicies });
    const allNotes = [...notes, ...explanation.notes];
    const name = (id: string) => fixPolicyName(id, texts.get(id));
    return { structured: denialJson(message, explanation, name, allNotes, texts) as Record<string, unknown>, text: denialText(message, explanation, name, allNotes) };
  },
};

/** Every tool the MCP server offers, in the order `tools/list` shows them. */
export const MCP_TOOLS: readonly McpToolDefinition[] = [validatePolicyTool, summarizePolicyTool, simulateRequestTool, diffPoliciesTool, diffTemplatesTool, checkNotGrantedTool, checkNoPublicAccessTool, generatePolicyTool, explainDeniedTool];

