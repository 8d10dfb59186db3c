/**
 * How `diff`, `check` and `summary` read a file as a template: by name (`*.json`, `*.yaml`, `*.yml`,
 * `*.template`, `*.tf`) and then by content, as `lint` does, with the embedded policies parsed and
 * given their kind but not validated.
 */
import { analyzeHostDocument, TEMPLATE_EXTENSIONS, TERRAFORM_EXTENSION, type HostAnalysis } from '../iam/sources/hostDocument';
import { terraformReady } from '../iam/sources/terraform/terraformPolicies';

/** The template's policies; `{ error }` when a Terraform file cannot be read; undefined when the text is not a template. */
export function readTemplateFile(text: string, file: string): HostAnalysis | { readonly error: string } | undefined {
  if (!TEMPLATE_EXTENSIONS.test(file)) return undefined;
  if (TERRAFORM_EXTENSION.test(file) && !terraformReady()) return { error: `cannot read \`${file}\`: the Terraform parser is not loaded` };
  return analyzeHostDocument(text, { validate: false }, file);
}
