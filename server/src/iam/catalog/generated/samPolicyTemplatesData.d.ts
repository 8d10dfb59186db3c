/**
 * Shape of the generated `samPolicyTemplatesData.js` (written by `scripts/update-sam-templates.mjs`;
 * maintained by hand). The module exports SAM's `policy_templates.json` as one JSON string, with the
 * source recorded beside it; only `samPolicyTemplates.ts` parses it.
 */

/** One template exactly as SAM's file has it. */
export interface SamPolicyTemplateSource {
  readonly Description: string;
  /** Parameter name → `{ Description }`. */
  readonly Parameters: { readonly [name: string]: { readonly Description?: string } };
  /** The policy document, with CloudFormation intrinsic functions as JSON objects. */
  readonly Definition: { readonly Statement: readonly unknown[]; readonly [key: string]: unknown };
}

/** What `JSON.parse(samPolicyTemplatesJson)` returns. */
export interface SamPolicyTemplatesData {
  /** `https://github.com/aws/serverless-application-model`. */
  readonly repository: string;
  /** `samtranslator/policy_templates_data/policy_templates.json`. */
  readonly path: string;
  /** The commit the file was taken from. */
  readonly commit: string;
  /** The samtranslator version at that commit. */
  readonly samVersion: string;
  /** The file's own `Version` field. */
  readonly formatVersion: string;
  readonly templates: { readonly [name: string]: SamPolicyTemplateSource };
}

export declare const samPolicyTemplatesJson: string;
