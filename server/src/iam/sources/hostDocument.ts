/**
 * The entry point of the host formats: which policies does this text hold? A standalone policy is
 * handled by the existing document pipeline; this module recognises templates (CloudFormation and
 * SAM, JSON and YAML) and analyses each policy they embed.
 */
import { removalFix, type Finding, type Fix } from '../validate';
import type { PolicyKind } from '../document/policyKind';
import { readCloudFormationTemplate, type CloudFormationTemplate, type PolicyReference, type SamTemplateExpander } from './cloudformation/template';
import { urlPermissionEdit } from './cloudformation/lambdaPermission';
import { analyzeEmbeddedPolicy, type EmbeddedPolicyAnalysis, type HostSyntax } from './embeddedAnalysis';
import { expandSamTemplateNode } from './cloudformation/samExpansion';
import { urlsWithoutInvokePermission, type FunctionUrlTerms } from './functionUrls';
import { extractTerraformPolicies, terraformReady, type TerraformPolicyFile } from './terraform/terraformPolicies';
import type { EmbeddedPolicy, HostRange } from './hostTree';
import { tooDeepMessage } from '../document/jsonNesting';
import { DEFAULT_SAMPLE_VALUES } from './cloudformation/resourceValues';
import { TERRAFORM_SAMPLE_ACCOUNT } from './terraform/references';
import { compareCodes, ruleFor } from '../validate/engine/registry';

/** The host formats, as the CLI's JSON output names them. */
export type HostFormat = 'policy' | 'cloudformation' | 'terraform';

/** A template with its policies analysed. */
export interface HostAnalysis {
  readonly format: Exclude<HostFormat, 'policy'>;
  readonly syntax: HostSyntax;
  readonly policies: readonly EmbeddedPolicyAnalysis[];
  /** Policies the template names rather than writes (managed policies, SAM policy templates). */
  readonly references: readonly PolicyReference[];
  /** The template's resources: logical id → resource type. */
  readonly resources: ReadonlyMap<string, string>;
  /** Policy files a Terraform module reads with `file()` / `templatefile()`, with the kind their use gives them. */
  readonly policyFiles: readonly TerraformPolicyFile[];
  /** Every policy's findings, in host offsets, sorted. */
  readonly findings: readonly Finding[];
  /** Internal failures of check families and of the host's reader, for the log. */
  readonly errors: readonly string[];
}

export interface HostAnalysisOptions {
  readonly extraActions?: readonly string[];
  readonly override?: PolicyKind;
  readonly validate?: boolean;
  readonly expandSamTemplate?: SamTemplateExpander;
}

/** Template file names: the extensions a template may have (the content decides). */
export const TEMPLATE_EXTENSIONS = /\.(json|ya?ml|template|cfn|tf)$/i;

/** Terraform files. */
export const TERRAFORM_EXTENSION = /\.tf$/i;

/** Reads a CloudFormation template; undefined when the text is not one. */
function readTemplate(text: string, expandSamTemplate?: SamTemplateExpander): CloudFormationTemplate | undefined {
  try {
    return readCloudFormationTemplate(text, expandSamTemplate);
  } catch {
    return undefined;
  }
}

/**
 * Analyses every policy of a template (CloudFormation/SAM, or Terraform when `path` ends in `.tf`
 * and the parser is loaded); undefined when the text is not a template. Never throws.
 */
export function analyzeHostDocument(text: string, options: HostAnalysisOptions = {}, path?: string): HostAnalysis | undefined {
  if (path !== undefined && TERRAFORM_EXTENSION.test(path)) return analyzeTerraform(text, options);
  const template = readTemplate(text, options.expandSamTemplate ?? expandSamTemplateNode);
  if (!template) return undefined;
  const analyzed = analyzePolicies(text, template.syntax, template.policies, options, (template.context.sampleValues ?? DEFAULT_SAMPLE_VALUES).account);
  const syntaxCode = template.syntax === 'yaml' ? ('TEMPLATE_SYNTAX_ERROR' as const) : ('JSON_SYNTAX_ERROR' as const);
  // Past a YAML error a quoted string may have been read only in part, so its JSON may seem broken
  // when it is not: then only the YAML error is reported.
  const stringErrors = template.syntax === 'yaml' && template.syntaxErrors.length > 0 ? [] : template.jsonStringErrors;
  const hostProblems: HostProblem[] = [
    // A comment or trailing comma of a JSON template gets the fix it gets in a policy file.
    ...template.syntaxErrors.map(({ message, range, removable }) => ({ message, range, code: syntaxCode, ...(removable ? { fixes: [removalFix(removable, { offset: range.start, length: range.end - range.start })] } : {}) })),
    ...stringErrors.map(({ message, range, removable }) => ({ message, range, code: 'JSON_SYNTAX_ERROR', ...(removable ? { fixes: [removalFix(removable, { offset: range.start, length: range.end - range.start })] } : {}) })),
    ...urlsWithoutInvokePermission(
      template.publicFunctionUrls.map((url) => ({ ...url, addPermission: urlPermissionEdit(text, template.syntax, url, (name) => template.context.resources.has(name)) })),
      template.policies,
      CLOUDFORMATION_URL_TERMS,
    ),
  ];
  const { policies, findings, errors } = withHostFindings(text, analyzed, template.tooDeep, hostProblems);
  return { format: 'cloudformation', syntax: template.syntax, policies, references: template.references, resources: template.context.resources, policyFiles: [], findings, errors };
}

/** How a template names a function (`Worker` of `Worker.Arn`) and the permission a public URL lacks. */
const CLOUDFORMATION_URL_TERMS: FunctionUrlTerms = {
  referenceOf: (expression) => expression.split('.')[0]!,
  permission: "an `AWS::Lambda::Permission` with `Action: lambda:InvokeFunction`, `Principal: '*'` and `InvokedViaFunctionUrl: true`",
};

/** How a configuration names a function (`aws_lambda_function.worker` of `aws_lambda_function.worker.arn`) and the permission a public URL lacks. */
const TERRAFORM_URL_TERMS: FunctionUrlTerms = {
  referenceOf: (expression) => expression.split('.').slice(0, 2).join('.'),
  permission: 'an `aws_lambda_permission` with `action = "lambda:InvokeFunction"`, `principal = "*"` and `invoked_via_function_url = true`',
};

/** A Terraform file's policies, when the HCL parser is loaded (the server and the CLI load it at start). */
function analyzeTerraform(text: string, options: HostAnalysisOptions): HostAnalysis | undefined {
  if (!terraformReady()) return undefined;
  let extraction;
  try {
    extraction = extractTerraformPolicies(text);
  } catch {
    return undefined;
  }
  const analyzed = analyzePolicies(text, 'hcl', extraction.policies, options, TERRAFORM_SAMPLE_ACCOUNT);
  // A document used as several kinds is checked as one of them: the file says so where the document
  // is. A defect of the reader is ours, not the file's: it goes to the log with the families' failures.
  const hostProblems: HostProblem[] = [
    ...extraction.syntaxErrors.map(({ message, range, removable }) => ({ message, range, code: 'JSON_SYNTAX_ERROR', ...(removable ? { fixes: [removalFix(removable, { offset: range.start, length: range.end - range.start })] } : {}) })),
    ...extraction.problems.filter((problem) => problem.cause === 'kinds').map((problem) => ({ message: problem.message, range: problem.range, code: 'POLICY_USED_AS_SEVERAL_KINDS' })),
    ...urlsWithoutInvokePermission(extraction.publicFunctionUrls, extraction.policies, TERRAFORM_URL_TERMS),
  ];
  const hosted = withHostFindings(text, analyzed, extraction.tooDeep, hostProblems);
  const defects = extraction.problems.filter((problem) => problem.cause === 'defect').map((problem) => `${lineOf(text, problem.range.start)}: ${problem.message}`);
  return { format: 'terraform', syntax: 'hcl', policies: hosted.policies, references: [], resources: new Map(), policyFiles: extraction.files, findings: hosted.findings, errors: [...defects, ...hosted.errors] };
}

/** `line N` (1-based) of an offset, for log lines. */
function lineOf(text: string, offset: number): string {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return `line ${line}`;
}

/**
 * A finding about the host text itself, with its code: a syntax error (JSON_SYNTAX_ERROR,
 * TEMPLATE_SYNTAX_ERROR), a comment or trailing comma in a JSON template (JSON_SYNTAX_ERROR, with the
 * fix that removes it), a document used as several kinds (POLICY_USED_AS_SEVERAL_KINDS).
 */
interface HostProblem {
  readonly message: string;
  readonly range: HostRange;
  readonly code: string;
  readonly fixes?: readonly Fix[];
}

type Analyzed = { policies: EmbeddedPolicyAnalysis[]; findings: Finding[]; errors: string[] };

/**
 * Findings about how the host text itself reads, beside the policies' own: a value nested past the
 * JSON parse bound (POLICY_TOO_DEEP: its content was never read, as in a standalone policy,
 * iam/document/jsonNesting.ts) and the host's problems (a syntax error, JSON_SYNTAX_ERROR in JSON,
 * TEMPLATE_SYNTAX_ERROR in YAML: IAM or CloudFormation rejects the text, and the policy may be read
 * incompletely; a Terraform document used as several kinds). Each belongs to the policy whose range
 * holds it; a host problem outside every policy belongs to the file. A too-deep value outside every
 * policy is the template's business, not a finding.
 */
function withHostFindings(text: string, analyzed: Analyzed, tooDeep: readonly HostRange[], hostProblems: readonly HostProblem[]): Analyzed {
  if (tooDeep.length === 0 && hostProblems.length === 0) return analyzed;
  const finding = (code: string, message: (span: { offset: number; length: number }) => string, range: HostRange, fixes?: readonly Fix[]): Finding => {
    const rule = ruleFor(code)!;
    const offset = Math.min(range.start, Math.max(text.length - 1, 0));
    const span = { offset, length: Math.max(0, Math.min(range.end, text.length) - offset) };
    return { code: rule.code, category: rule.category, message: message(span), span, ...(fixes ? { fixes } : {}) };
  };
  const extra = [
    ...tooDeep.map((range) => ({ range, finding: finding('POLICY_TOO_DEEP', (span) => tooDeepMessage(text, span), range), fileLevel: false })),
    ...hostProblems.map((problem) => ({ range: problem.range, finding: finding(problem.code, () => problem.message, problem.range, problem.fixes), fileLevel: true })),
  ];
  const placed = new Set<Finding>();
  const policies = analyzed.policies.map((analysis) => {
    const { start, end } = analysis.policy.range;
    const mine = extra.filter((item) => item.range.start >= start && item.range.start < end).map((item) => item.finding);
    if (mine.length === 0) return analysis;
    for (const item of mine) placed.add(item);
    return { ...analysis, findings: [...analysis.findings, ...mine].sort(byPlace) };
  });
  const added = extra.filter((item) => placed.has(item.finding) || item.fileLevel).map((item) => item.finding);
  return { policies, findings: [...analyzed.findings, ...added].sort(byPlace), errors: analyzed.errors };
}

function byPlace(a: Finding, b: Finding): number {
  return a.span.offset - b.span.offset || compareCodes(a.code, b.code);
}

/** Analyses each embedded policy; `hostAccount` is the sample that stands for the account the host deploys into. */
function analyzePolicies(text: string, syntax: HostSyntax, embedded: readonly EmbeddedPolicy[], options: HostAnalysisOptions, hostAccount: string): { policies: EmbeddedPolicyAnalysis[]; findings: Finding[]; errors: string[] } {
  const policies: EmbeddedPolicyAnalysis[] = [];
  const errors: string[] = [];
  for (const policy of embedded) {
    try {
      const analysis = analyzeEmbeddedPolicy(text, syntax, policy, { extraActions: options.extraActions, override: options.override, validate: options.validate, hostAccount });
      policies.push(analysis);
      for (const error of analysis.validation?.errors ?? []) errors.push(`${policy.pointer}: ${error}`);
    } catch (error) {
      errors.push(`${policy.pointer}: analysis failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // A statement merged into several documents (Terraform's source_policy_documents) maps to the same
  // text in each: one finding per code and text.
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const finding of policies.flatMap((policy) => policy.findings).sort(byPlace)) {
    const key = `${finding.code}\u0000${finding.span.offset}\u0000${finding.span.length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return { policies, findings, errors };
}
