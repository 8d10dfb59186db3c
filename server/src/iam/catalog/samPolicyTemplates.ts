/**
 * SAM policy templates (`Policies: [{S3ReadPolicy: {BucketName: !Ref B}}]` on an
 * `AWS::Serverless::Function` or `AWS::Serverless::StateMachine`), from the definitions SAM publishes
 * in `samtranslator/policy_templates_data/policy_templates.json`, generated into
 * `generated/samPolicyTemplatesData.js` by `scripts/update-sam-templates.mjs`.
 *
 * A template's definition is returned exactly as SAM defines it: its `Ref`s to the template's
 * parameters, `Fn::Sub`, `Fn::Join` and pseudo parameters stay JSON objects for the caller to
 * substitute. SAM replaces each `{"Ref": "<Parameter>"}` with the value given for that parameter and
 * leaves everything else to CloudFormation.
 */
import { samPolicyTemplatesJson, type SamPolicyTemplatesData } from './generated/samPolicyTemplatesData.js';

/** One SAM policy template. */
export interface SamPolicyTemplate {
  /** E.g. `S3ReadPolicy`. */
  readonly name: string;
  /** SAM's one-line description. */
  readonly description: string;
  /** The parameter names in SAM's order, e.g. `["BucketName"]`; empty for templates that take `{}`. */
  readonly parameters: readonly string[];
  /** Parameter name → SAM's description of it. */
  readonly parameterDescriptions: Readonly<Record<string, string>>;
  /** The policy document with intrinsic functions as JSON objects. Shared and frozen: do not modify. */
  readonly definition: { readonly Statement: readonly unknown[]; readonly [key: string]: unknown };
}

/** The policy document a template gives for some parameter values, or why it gives none. */
export type SamPolicyTemplateExpansion =
  | { readonly document: { readonly Statement: readonly unknown[]; readonly [key: string]: unknown } }
  | { readonly error: string };

/** Where the bundled definitions come from. */
export interface SamPolicyTemplatesSource {
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  readonly samVersion: string;
}

let data: SamPolicyTemplatesData | undefined;
const cache = new Map<string, SamPolicyTemplate>();

function loadTemplates(): SamPolicyTemplatesData {
  data ??= JSON.parse(samPolicyTemplatesJson) as SamPolicyTemplatesData;
  return data;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The SAM policy template of that name (case-sensitive, as SAM matches it), or undefined. */
export function samPolicyTemplate(name: string): SamPolicyTemplate | undefined {
  const cached = cache.get(name);
  if (cached) return cached;
  const templates = loadTemplates().templates;
  if (!Object.prototype.hasOwnProperty.call(templates, name)) return undefined;
  const source = templates[name]!;
  const parameters = Object.keys(source.Parameters);
  const template: SamPolicyTemplate = deepFreeze({
    name,
    description: source.Description,
    parameters,
    parameterDescriptions: Object.fromEntries(parameters.map((p) => [p, source.Parameters[p]?.Description ?? ''])),
    definition: source.Definition,
  });
  cache.set(name, template);
  return template;
}

/** Every SAM policy template name, sorted; for completion. */
export function samPolicyTemplateNames(): readonly string[] {
  return Object.keys(loadTemplates().templates).sort();
}

/** Where the bundled definitions come from (repository, path, commit, samtranslator version). */
export function samPolicyTemplatesSource(): SamPolicyTemplatesSource {
  const { repository, path, commit, samVersion } = loadTemplates();
  return { repository, path, commit, samVersion };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A template's policy document for the values given to it in a template (`{BucketName: {Ref: B}}`),
 * as SAM computes it (`samtranslator/policy_template_processor/template.py`, `Template.to_statement`):
 * every parameter must have a value; each `{"Ref": P}` (an object with that single key) naming one of
 * the template's parameters is replaced by the value given for P, as written (often an intrinsic such
 * as `{"Ref": "MyBucket"}`); values for unknown parameters are ignored; nothing else is resolved, so
 * `Fn::Sub` and pseudo parameters stay for CloudFormation. The result is a fresh, unfrozen copy.
 */
export function expandSamPolicyTemplate(name: string, parameterValues: unknown): SamPolicyTemplateExpansion {
  const template = samPolicyTemplate(name);
  if (!template) return { error: `\`${name}\` is not a SAM policy template` };
  if (!isObject(parameterValues)) return { error: `SAM policy template \`${name}\` needs an object of parameter values${template.parameters.length === 0 ? ' (`{}` when it takes none)' : ''}` };
  const missing = template.parameters.filter((p) => !Object.prototype.hasOwnProperty.call(parameterValues, p));
  if (missing.length > 0) return { error: `SAM policy template \`${name}\` needs a value for ${missing.map((p) => `\`${p}\``).join(', ')}` };
  const parameters = new Set(template.parameters);
  const substitute = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(substitute);
    if (!isObject(node)) return node;
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === 'Ref' && typeof node.Ref === 'string' && parameters.has(node.Ref)) return parameterValues[node.Ref];
    return Object.fromEntries(keys.map((key) => [key, substitute(node[key])]));
  };
  return { document: substitute(template.definition) as { Statement: unknown[] } };
}
