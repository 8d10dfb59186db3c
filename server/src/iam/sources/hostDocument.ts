/**
 * The entry point of the host formats: which policies does this text hold? A standalone policy is
 * handled by the existing document pipeline; this module recognises templates (CloudFormation and
 * SAM, JSON and YAML) and analyses each policy they embed.
 */
import type { Finding } from '../validate';
import type { PolicyKind } from '../document/policyKind';
import { readCloudFormationTemplate, type CloudFormationTemplate, type PolicyReference, type SamTemplateExpander } from './cloudformation/template';
import { analyzeEmbeddedPolicy, type EmbeddedPolicyAnalysis, type HostSyntax } from './embeddedAnalysis';
import { expandSamTemplateNode } from './cloudformation/samExpansion';
import { extractTerraformPolicies, terraformReady, type TerraformPolicyFile } from './terraform/terraformPolicies';
import type { EmbeddedPolicy, HostRange } from './hostTree';
import { tooDeepMessage } from '../document/jsonNesting';
import { ruleFor } from '../validate/engine/registry';

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
  /** Problems reading the host (Terraform: conflicting uses of one document). */
  readonly problems: ReadonlyArray<{ readonly message: string; readonly range: HostRange }>;
  /** Every policy's findings, in host offsets, sorted. */
  readonly findings: readonly Finding[];
  /** Internal failures of check families, for the log. */
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
  const analyzed = analyzePolicies(text, template.syntax, template.policies, options);
  const { policies, findings, errors } = template.tooDeep.length > 0 ? withTooDeep(text, analyzed, template.tooDeep) : analyzed;
  return { format: 'cloudformation', syntax: template.syntax, policies, references: template.references, resources: template.context.resources, policyFiles: [], problems: [], findings, errors };
}

/** A Terraform file's policies, when the HCL parser is loaded (the server and the CLI load it at start). */
function analyzeTerraform(text: string, options: HostAnalysisOptions): HostAnalysis | undefined {
  if (!terraformReady()) return undefined;
  let extraction;
  try {
    extraction = extractTerraformPolicies(text);
  } catch {
    return undefined;
  }
  const analyzed = analyzePolicies(text, 'hcl', extraction.policies, options);
  const { policies, findings, errors } = extraction.tooDeep.length > 0 ? withTooDeep(text, analyzed, extraction.tooDeep) : analyzed;
  return { format: 'terraform', syntax: 'hcl', policies, references: [], resources: new Map(), policyFiles: extraction.files, problems: extraction.problems, findings, errors };
}

/**
 * A POLICY_TOO_DEEP finding in the policy that holds each too-deep container of the template (a
 * CloudFormation template, or JSON in a Terraform string): its
 * content was never read, as in a standalone policy (iam/document/jsonNesting.ts). Nesting outside
 * every policy is the template's business, not a policy finding.
 */
function withTooDeep(text: string, analyzed: { policies: EmbeddedPolicyAnalysis[]; findings: Finding[]; errors: string[] }, tooDeep: readonly HostRange[]): { policies: EmbeddedPolicyAnalysis[]; findings: Finding[]; errors: string[] } {
  const rule = ruleFor('POLICY_TOO_DEEP')!;
  const added: Finding[] = [];
  const policies = analyzed.policies.map((analysis) => {
    const { start, end } = analysis.policy.range;
    const inside = tooDeep.filter((range) => range.start >= start && range.start < end);
    if (inside.length === 0) return analysis;
    const mine = inside.map((range): Finding => {
      const span = { offset: range.start, length: Math.max(0, Math.min(range.end, text.length) - range.start) };
      return { code: rule.code, category: rule.category, message: tooDeepMessage(text, span), span };
    });
    added.push(...mine);
    return { ...analysis, findings: [...analysis.findings, ...mine].sort(byPlace) };
  });
  return { policies, findings: [...analyzed.findings, ...added].sort(byPlace), errors: analyzed.errors };
}

function byPlace(a: Finding, b: Finding): number {
  return a.span.offset - b.span.offset || a.code.localeCompare(b.code);
}

function analyzePolicies(text: string, syntax: HostSyntax, embedded: readonly EmbeddedPolicy[], options: HostAnalysisOptions): { policies: EmbeddedPolicyAnalysis[]; findings: Finding[]; errors: string[] } {
  const policies: EmbeddedPolicyAnalysis[] = [];
  const errors: string[] = [];
  for (const policy of embedded) {
    try {
      const analysis = analyzeEmbeddedPolicy(text, syntax, policy, { extraActions: options.extraActions, override: options.override, validate: options.validate });
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
  for (const finding of policies.flatMap((policy) => policy.findings).sort((a, b) => a.span.offset - b.span.offset || a.code.localeCompare(b.code))) {
    const key = `${finding.code}\u0000${finding.span.offset}\u0000${finding.span.length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return { policies, findings, errors };
}
