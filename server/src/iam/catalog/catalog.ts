/**
 * The one lookup module over the IAM catalog (services, actions, resource types, condition keys).
 *
 * The data is the generated `generated/catalogData.js`, imported rather than read from disk so that the
 * pure core never needs `fs`. Decoding is lazy, and so is parsing: the index
 * (service names, resource types, condition keys) is parsed and built on the first call, a service's
 * action rows are parsed and turned into objects only when that service is first asked about, and its
 * action descriptions only when one is read, so that linting `s3:GetObject` does not pay for all 22,000
 * actions (docs/performance.md, "cold path"). All name lookups are case-insensitive, as IAM itself treats action names and condition keys.
 *
 * Under tsx the import is the generated module itself. The bundles replace it (scripts/external-data.mjs)
 * so that the data ships once, as dist/catalogData.jsonl (`readCatalogLines`): in the Node server and
 * CLI the stand-in's `catalogText()` reads that file beside the bundle when the data is first needed;
 * the browser server cannot load a file beside itself, so its client reads the same file and the
 * server hands the text in (`provideCatalogText`) before any lookup. The reading is the build's
 * stand-in module, in place of the import, so the core still does no I/O of its own.
 */

import * as generated from './generated/catalogData.js';
import type { ActionRow, CatalogIndexData, ServiceRow } from './generated/catalogData.js';
import { GLOBAL_KEY_DOCS } from './globalKeys.js';
import { hasWildcard, matchWildcard } from '../arn/wildcard.js';
import { editDistance } from '../spelling/nearestName.js';
import type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  ConditionKeyInfo,
  ResourceTypeInfo,
  ServiceInfo,
} from './types.js';

/** Everything decoded for one service; the arrays are filled on first use of that service. */
interface ServiceState {
  readonly info: ServiceInfo;
  readonly row: ServiceRow;
  /** The service's place in the generated data, for its action rows and descriptions. */
  readonly position: number;
  actionRows?: readonly ActionRow[];
  actionNamesLower?: readonly string[];
  descriptions?: readonly string[];
  actions?: readonly ActionInfo[];
  actionByName?: Map<string, ActionInfo>;
  resourceTypes?: readonly ResourceTypeInfo[];
  resourceTypeByName?: Map<string, ResourceTypeInfo>;
  actionKeySets?: readonly (readonly string[])[];
}

/** The lazily built top-level index. */
interface CatalogIndex {
  readonly services: readonly ServiceInfo[];
  readonly byPrefix: Map<string, ServiceState>;
  readonly actionCount: number;
  readonly resourceTypeCount: number;
}

/** The lazily built condition key index (global and service keys). */
interface KeyIndex {
  /** Lower-cased exact key → info; template keys are in here too under their template text. */
  readonly exact: Map<string, ConditionKeyInfo>;
  /** Template keys with their compiled wildcard pattern, tried when the exact lookup misses. */
  readonly templates: readonly { readonly pattern: string; readonly info: ConditionKeyInfo }[];
  readonly globals: readonly ConditionKeyInfo[];
  /** Service prefix → the keys that service defines (without the `aws:` ones). */
  readonly byService: Map<string, readonly ConditionKeyInfo[]>;
  readonly distinctCount: number;
}

/**
 * The first line of the catalog as the build writes it beside the bundles (dist/catalogData.jsonl,
 * JSON Lines). The lines after it are each piece that the generated module parses on demand, as the
 * JSON text it parses: line 1 the index (`CatalogIndexData`), then per service in index order the
 * JSON of its action rows, then per service its action descriptions. Reading the file parses
 * nothing; a piece is parsed when it is first used (the whole file as one JSON document cost a
 * one-file lint 20 ms of start-up, its pieces escaped inside strings).
 */
interface CatalogHeader {
  readonly packageVersion: string;
  readonly dataDate: string;
  readonly accessLevels: readonly string[];
  /** How many services follow (each has a line of actions and a line of descriptions). */
  readonly services: number;
}

/** What the lookups read: the generated module's shape, whichever way the data arrived. */
interface CatalogSource {
  readonly accessLevels: readonly AccessLevel[];
  readonly index: () => CatalogIndexData;
  readonly actions: ReadonlyArray<() => readonly ActionRow[]>;
  readonly descriptions: ReadonlyArray<() => readonly string[]>;
}

/** What a bundle's stand-in for the generated module may carry instead of the data. */
interface BundledCatalog {
  /** The Node bundles' stand-in: reads dist/catalogData.jsonl beside the bundle. */
  readonly catalogText?: () => string;
  readonly index?: unknown;
}

/** The data's text as an edge handed it in, until the data is first needed. */
let handedIn: string | undefined;
let source: CatalogSource | undefined;
/** Why the data could not be loaded, so that later lookups fail at once with the same error. */
let loadError: Error | undefined;

const isStringArray = (value: unknown): value is readonly string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * The lookups' view of the JSON Lines form (`CatalogHeader`), after checking that it is the file the
 * build writes: its header parses and the number of lines fits it. A piece is parsed on first use.
 */
function readCatalogLines(text: string): CatalogSource {
  const invalid = () => new Error('the IAM catalog handed to this server is not the data the build writes (dist/catalogData.jsonl)');
  // Where each line starts; every line, the last one too, ends with a line break.
  const starts = [0];
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', end + 1)) starts.push(end + 1);
  const line = (index: number): string => text.slice(starts[index], starts[index + 1]! - 1);
  let header: Partial<Record<keyof CatalogHeader, unknown>> | null;
  try {
    header = JSON.parse(line(0)) as typeof header;
  } catch {
    throw invalid();
  }
  const count = header?.services;
  if (!header || typeof header !== 'object' || !isStringArray(header.accessLevels) || typeof count !== 'number' || !Number.isInteger(count) || count < 0 || starts.length !== 2 * count + 3 || starts[starts.length - 1] !== text.length) throw invalid();
  const parser = <T>(index: number) => (): T => JSON.parse(line(index)) as T;
  return {
    accessLevels: header.accessLevels as readonly AccessLevel[],
    index: parser<CatalogIndexData>(1),
    actions: Array.from({ length: count }, (_, position) => parser<readonly ActionRow[]>(2 + position)),
    descriptions: Array.from({ length: count }, (_, position) => parser<readonly string[]>(2 + count + position)),
  };
}

/**
 * The data, found on first use: the handed-in text, else the JSON beside the bundle, else the generated
 * module itself (under tsx). Throws when none is there (a browser server whose client could not read
 * the JSON) rather than answering that no service exists.
 */
function catalogSource(): CatalogSource {
  if (source) return source;
  if (loadError) throw loadError;
  try {
    source = readSource();
  } catch (error) {
    loadError = error instanceof Error ? error : new Error(String(error));
    throw loadError;
  }
  return source;
}

function readSource(): CatalogSource {
  if (handedIn !== undefined) {
    const text = handedIn;
    handedIn = undefined;
    return readCatalogLines(text);
  }
  const bundled = generated as BundledCatalog;
  if (bundled.catalogText) return readCatalogLines(bundled.catalogText());
  if (typeof bundled.index !== 'function') throw new Error('the IAM catalog was not handed to this server (the browser client sends it in `initializationOptions.catalogData`)');
  return { accessLevels: generated.accessLevels as readonly AccessLevel[], index: generated.index, actions: generated.actions, descriptions: generated.descriptions };
}

let indexData: CatalogIndexData | undefined;

/**
 * Hands the data in as the text of dist/catalogData.jsonl, for a server that cannot read it itself
 * (the browser server, whose client reads the file); call it before any lookup. The text is read
 * when the data is first needed, not here, so that start-up does not pay for it; it replaces any data
 * loaded before.
 */
export function provideCatalogText(text: string): void {
  handedIn = text;
  source = undefined;
  loadError = undefined;
  indexData = undefined;
  catalogIndex = undefined;
  keyIndex = undefined;
  globalKeys = undefined;
  allActions = undefined;
  templateCache.clear();
  serviceSuggestionCache.clear();
}

/** The parsed index part of the data. */
function data(): CatalogIndexData {
  return (indexData ??= catalogSource().index());
}
const EMPTY: readonly never[] = Object.freeze([]);

let catalogIndex: CatalogIndex | undefined;
let keyIndex: KeyIndex | undefined;
let globalKeys: GlobalKeyIndex | undefined;
let allActions: readonly ActionInfo[] | undefined;

function index(): CatalogIndex {
  if (catalogIndex) return catalogIndex;
  const byPrefix = new Map<string, ServiceState>();
  const services: ServiceInfo[] = [];
  let actionCount = 0;
  let resourceTypeCount = 0;
  data().services.forEach((row, position) => {
    const info: ServiceInfo = Object.freeze({ prefix: row[0], name: row[1] });
    services.push(info);
    byPrefix.set(row[0].toLowerCase(), { info, row, position });
    actionCount += row[2];
    resourceTypeCount += row[3].length;
  });
  services.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  catalogIndex = { services: Object.freeze(services), byPrefix, actionCount, resourceTypeCount };
  return catalogIndex;
}

function refs(list: readonly number[] | undefined, strings: readonly string[]): readonly string[] {
  return list && list.length > 0 ? list.map((i) => strings[i]!) : EMPTY;
}

/** A service's action rows, parsed on first use. */
function actionRows(state: ServiceState): readonly ActionRow[] {
  return (state.actionRows ??= catalogSource().actions[state.position]!());
}

/** A service's lower-cased action names, for suggestions and wildcard matching without decoding. */
function actionNamesLower(state: ServiceState): readonly string[] {
  return (state.actionNamesLower ??= actionRows(state).map((row) => row[0].toLowerCase()));
}

/** A service's action descriptions (in the order of its rows), parsed when one is first read. */
function descriptionsOf(state: ServiceState): readonly string[] {
  return (state.descriptions ??= catalogSource().descriptions[state.position]!());
}

/**
 * One decoded action. A class rather than an object literal with its own getter: a cold run decodes
 * thousands of actions, and each literal would carry a closure for its description.
 */
class DecodedAction implements ActionInfo {
  readonly service: string;
  readonly name: string;
  readonly fullName: string;
  readonly #state: ServiceState;
  readonly #row: ActionRow;
  readonly #position: number;
  #accessLevels: readonly AccessLevel[] | undefined;
  #resourceTypes: readonly ActionResourceType[] | undefined;
  #conditionKeys: readonly string[] | undefined;
  #dependentActions: readonly string[] | undefined;

  constructor(state: ServiceState, row: ActionRow, position: number) {
    this.service = state.info.prefix;
    this.name = row[0];
    this.fullName = `${state.info.prefix}:${row[0]}`;
    this.#state = state;
    this.#row = row;
    this.#position = position;
  }

  // The other fields are read from the row on first use: a lint decodes whole services (a wildcard
  // expands to their actions) but reads resource types and keys of few of their actions.

  get accessLevels(): readonly AccessLevel[] {
    if (this.#accessLevels === undefined) {
      const accessLevels = catalogSource().accessLevels;
      const codes = this.#row[1];
      this.#accessLevels = typeof codes === 'number' ? [accessLevels[codes]!] : codes.map((c) => accessLevels[c]!);
    }
    return this.#accessLevels;
  }

  get accessLevel(): AccessLevel {
    return this.accessLevels[0]!;
  }

  get resourceTypes(): readonly ActionResourceType[] {
    if (this.#resourceTypes === undefined) {
      const strings = data().strings;
      const types = this.#row[2];
      this.#resourceTypes = types && types.length > 0 ? types.map((r) => ({ name: strings[r[0]]!, required: r[1] === 1, conditionKeys: refs(r[2], strings) })) : EMPTY;
    }
    return this.#resourceTypes;
  }

  get conditionKeys(): readonly string[] {
    return (this.#conditionKeys ??= refs(this.#row[3], data().strings));
  }

  get dependentActions(): readonly string[] {
    return (this.#dependentActions ??= refs(this.#row[4], data().strings));
  }

  /** Descriptions are half the data and only hovers and completion details read them. */
  get description(): string {
    return descriptionsOf(this.#state)[this.#position] ?? '';
  }
}

function decodeAction(state: ServiceState, row: ActionRow, position: number): ActionInfo {
  return new DecodedAction(state, row, position);
}

function serviceState(prefix: string): ServiceState | undefined {
  return index().byPrefix.get(prefix.toLowerCase());
}

function decodedActions(state: ServiceState): readonly ActionInfo[] {
  if (!state.actions) {
    // One plain loop (no pair array for the map): a lint of many policies decodes hundreds of services
    // before this code is optimised. The lower-cased names are shared with suggestions and wildcards.
    const rows = actionRows(state);
    const names = actionNamesLower(state);
    const actions: ActionInfo[] = [];
    const byName = new Map<string, ActionInfo>();
    for (let position = 0; position < rows.length; position++) {
      const decoded = decodeAction(state, rows[position]!, position);
      actions.push(decoded);
      byName.set(names[position]!, decoded);
    }
    state.actions = Object.freeze(actions);
    state.actionByName = byName;
  }
  return state.actions;
}

function decodedResourceTypes(state: ServiceState): readonly ResourceTypeInfo[] {
  if (!state.resourceTypes) {
    const prefix = state.info.prefix;
    const strings = data().strings;
    const types = state.row[3].map((row) => {
      const arn = row[1];
      const arnTemplates = arn === undefined ? EMPTY : typeof arn === 'string' ? [arn] : arn;
      return Object.freeze({
        service: prefix,
        name: strings[row[0]]!,
        arnTemplates: Object.freeze([...arnTemplates]),
        conditionKeys: refs(row[2], strings),
      });
    });
    state.resourceTypes = Object.freeze(types);
    state.resourceTypeByName = new Map(types.map((t) => [t.name.toLowerCase(), t]));
  }
  return state.resourceTypes;
}

/**
 * Turns a documented key template into a wildcard pattern: each `${Name}` or `<name>` placeholder
 * becomes `?*`, i.e. at least one character. Returns undefined for keys without a placeholder. Keys
 * never contain `*` or `?` themselves (checked by the catalog tests), so the result is unambiguous.
 */
function templatePattern(key: string): string | undefined {
  let out = '';
  let found = false;
  let i = 0;
  while (i < key.length) {
    const c = key[i]!;
    const close = c === '$' && key[i + 1] === '{' ? '}' : c === '<' ? '>' : undefined;
    if (close !== undefined) {
      const end = key.indexOf(close, i + 1);
      if (end > i) {
        out += '?*';
        found = true;
        i = end + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return found ? out : undefined;
}

const templateCache = new Map<string, string | null>();
function cachedTemplate(key: string): string | undefined {
  let pattern = templateCache.get(key);
  if (pattern === undefined) {
    pattern = templatePattern(key) ?? null;
    templateCache.set(key, pattern);
  }
  return pattern ?? undefined;
}

/** Whether the concrete or template key `candidate` (as documented) covers the key the user wrote. */
function keyMatches(candidate: string, written: string): boolean {
  if (candidate.length === written.length && candidate.toLowerCase() === written.toLowerCase()) return true;
  const pattern = cachedTemplate(candidate);
  return pattern !== undefined && matchWildcard(pattern, written, true);
}

/** The global keys alone, looked up as `keys()` looks them up; the start of `keys()`. */
interface GlobalKeyIndex {
  readonly globals: readonly ConditionKeyInfo[];
  /** Lower-cased documented global keys. */
  readonly documented: ReadonlySet<string>;
  readonly exact: ReadonlyMap<string, ConditionKeyInfo>;
  readonly templates: readonly { pattern: string; info: ConditionKeyInfo }[];
}

/** Adds a key to an index under construction: the first key of a lower-cased name wins. */
function addKey(exact: Map<string, ConditionKeyInfo>, templates: { pattern: string; info: ConditionKeyInfo }[], info: ConditionKeyInfo): void {
  const lower = info.key.toLowerCase();
  if (exact.has(lower)) return;
  exact.set(lower, info);
  const pattern = templatePattern(info.key);
  if (pattern !== undefined) templates.push({ pattern, info });
}

function globalKeyIndex(): GlobalKeyIndex {
  if (globalKeys) return globalKeys;
  // Global keys: our documentation first, then any key the package lists that we have not documented
  // yet, so that a newer package never loses a key.
  const globals: ConditionKeyInfo[] = [];
  const documented = new Set<string>();
  for (const doc of GLOBAL_KEY_DOCS) {
    documented.add(doc.key.toLowerCase());
    globals.push(
      Object.freeze({
        key: doc.key,
        type: doc.type,
        description: doc.description,
        global: true,
        multiValued: doc.type.startsWith('ArrayOf'),
        alwaysPresent: doc.alwaysPresent,
        availability: doc.availability,
      }),
    );
  }
  for (const [key, type] of data().globalKeys) {
    if (documented.has(key.toLowerCase())) continue;
    globals.push(Object.freeze({ key, type, description: '', global: true, multiValued: type.startsWith('ArrayOf') }));
  }
  const exact = new Map<string, ConditionKeyInfo>();
  const templates: { pattern: string; info: ConditionKeyInfo }[] = [];
  for (const g of globals) addKey(exact, templates, g);
  globalKeys = { globals: Object.freeze(globals), documented, exact, templates };
  return globalKeys;
}

function keys(): KeyIndex {
  if (keyIndex) return keyIndex;
  const { globals, documented, exact: globalExact, templates: globalTemplates } = globalKeyIndex();
  const exact = new Map(globalExact);
  const templates = [...globalTemplates];
  const add = (info: ConditionKeyInfo): void => addKey(exact, templates, info);
  const { services: serviceRows, strings } = data();

  const byService = new Map<string, readonly ConditionKeyInfo[]>();
  for (const row of serviceRows) {
    const prefix = row[0];
    const own: ConditionKeyInfo[] = [];
    for (const [k, t, d] of row[4]) {
      const key = strings[k]!;
      if (key.toLowerCase().startsWith('aws:')) continue;
      const type = strings[t]!;
      const info: ConditionKeyInfo = Object.freeze({
        key,
        type,
        description: strings[d]!,
        global: documented.has(key.toLowerCase()),
        multiValued: type.startsWith('ArrayOf'),
        service: prefix,
      });
      own.push(info);
      add(info);
    }
    byService.set(prefix.toLowerCase(), own.length > 0 ? Object.freeze(own) : EMPTY);
  }
  keyIndex = { exact, templates, globals, byService, distinctCount: exact.size };
  return keyIndex;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/** Where the data came from, shown to users (status bar, `iam-policy --version`, hover footers). */
export function dataInfo(): { packageVersion: string; dataDate: string } {
  return { packageVersion: generated.packageVersion, dataDate: generated.dataDate };
}

/** All services, sorted by prefix. */
export function services(): readonly ServiceInfo[] {
  return index().services;
}

/**
 * Each distinct set of condition keys (as documented, templates included) that some action of the
 * service lists, in its row or through its resource types, from the generated index: what
 * `"Action": "*"` checks against a key need, without decoding every service's actions. Undefined for
 * an unknown service, or data generated without the sets.
 */
export function actionKeySetsOf(prefix: string): readonly (readonly string[])[] | undefined {
  const state = serviceState(prefix);
  if (!state) return undefined;
  if (state.actionKeySets === undefined) {
    const sets = state.row[5] as ServiceRow[5] | undefined;
    if (sets === undefined) return undefined;
    const strings = data().strings;
    state.actionKeySets = sets.map((set) => set.map((ref) => strings[ref]!));
  }
  return state.actionKeySets;
}

/** The service with this prefix (any case), if known. */
export function service(prefix: string): ServiceInfo | undefined {
  return serviceState(prefix)?.info;
}

/** The actions of a service, sorted by name; empty for an unknown service. */
export function actionsOf(prefix: string): readonly ActionInfo[] {
  const state = serviceState(prefix);
  return state ? decodedActions(state) : EMPTY;
}

/** The action `service:Name` (any case, e.g. `s3:getobject`), if known. Wildcards are not expanded. */
export function action(fullName: string): ActionInfo | undefined {
  const colon = fullName.indexOf(':');
  if (colon <= 0) return undefined;
  const state = serviceState(fullName.slice(0, colon));
  if (!state) return undefined;
  decodedActions(state);
  return state.actionByName!.get(fullName.slice(colon + 1).toLowerCase());
}

/**
 * All actions matched by an IAM action pattern such as `s3:Get*`, `*`, `s3:*Object?` or `S3:GET*`,
 * compared case-insensitively with `*` and `?` wildcards, sorted by service then name. A pattern
 * without wildcards returns the one action or nothing.
 */
export function expandActionPattern(pattern: string): readonly ActionInfo[] {
  if (pattern === '*') return everyAction();
  const colon = pattern.indexOf(':');
  const servicePart = colon >= 0 ? pattern.slice(0, colon) : undefined;
  if (servicePart !== undefined && !hasWildcard(servicePart)) {
    // The common case: one literal service, so only its actions are examined.
    const state = serviceState(servicePart);
    if (!state) return EMPTY;
    const namePattern = pattern.slice(colon + 1);
    if (!hasWildcard(namePattern)) {
      const one = action(pattern);
      return one ? [one] : EMPTY;
    }
    // Most patterns start with literal text (`Get*`, `Describe*`): names that do not start with it are
    // skipped before the wildcard match, which a cold lint of many policies otherwise spends a tenth in.
    const lowerPattern = namePattern.toLowerCase();
    let literalEnd = 0;
    while (literalEnd < lowerPattern.length && lowerPattern[literalEnd] !== '*' && lowerPattern[literalEnd] !== '?') literalEnd++;
    const literal = lowerPattern.slice(0, literalEnd);
    const names = actionNamesLower(state);
    const actions = decodedActions(state);
    const matched: ActionInfo[] = [];
    for (let i = 0; i < names.length; i++) {
      if (names[i]!.startsWith(literal) && matchWildcard(namePattern, actions[i]!.name, true)) matched.push(actions[i]!);
    }
    return matched;
  }
  // The service part has a wildcard (or there is no colon): a `*` may then span the colon, so the
  // pattern is matched against full names, but a service is only decoded once one of its names matches.
  const result: ActionInfo[] = [];
  const idx = index();
  for (const info of idx.services) {
    const state = idx.byPrefix.get(info.prefix.toLowerCase())!;
    const rows = actionRows(state);
    for (let i = 0; i < rows.length; i++) {
      if (matchWildcard(pattern, `${info.prefix}:${rows[i]![0]}`, true)) result.push(decodedActions(state)[i]!);
    }
  }
  return result;
}

/** The first action of the catalog in `expandActionPattern('*')`'s order, decoding one service only. */
export function firstAction(): ActionInfo | undefined {
  if (allActions) return allActions[0];
  for (const info of index().services) {
    const actions = actionsOf(info.prefix);
    if (actions.length > 0) return actions[0];
  }
  return undefined;
}

function everyAction(): readonly ActionInfo[] {
  if (!allActions) {
    const all: ActionInfo[] = [];
    for (const info of index().services) all.push(...actionsOf(info.prefix));
    allActions = Object.freeze(all);
  }
  return allActions;
}

/** The resource types a service defines; empty for an unknown service. */
export function resourceTypesOf(prefix: string): readonly ResourceTypeInfo[] {
  const state = serviceState(prefix);
  return state ? decodedResourceTypes(state) : EMPTY;
}

/**
 * Every documented ARN template with its service prefix and resource type name, straight from the
 * index rows: indexing all 2,300 templates by ARN service then needs no decoded resource types.
 */
export function forEachArnTemplate(callback: (service: string, resourceType: string, template: string) => void): void {
  const { services: rows, strings } = data();
  for (const row of rows) {
    for (const [name, arn] of row[3]) {
      if (arn === undefined) continue;
      if (typeof arn === 'string') callback(row[0], strings[name]!, arn);
      else for (const template of arn) callback(row[0], strings[name]!, template);
    }
  }
}

/** One resource type of a service by name (any case), e.g. `resourceType('s3', 'object')`. */
export function resourceType(prefix: string, name: string): ResourceTypeInfo | undefined {
  const state = serviceState(prefix);
  if (!state) return undefined;
  decodedResourceTypes(state);
  return state.resourceTypeByName!.get(name.toLowerCase());
}

/**
 * The global or service condition key `key` (any case). A concrete key resolves to its documented
 * template: `aws:ResourceTag/team` → `aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/env` →
 * `s3:ExistingObjectTag/<key>`; each placeholder matches any non-empty text.
 */
export function conditionKey(key: string): ConditionKeyInfo | undefined {
  // An `aws:` key is answered from the global keys alone when one matches, without decoding every
  // service's keys: services list no `aws:` key of their own (`keys()` skips them), and the global
  // keys come first in both the exact map and the templates, so the answer is the same.
  if (!keyIndex && key.length > 4 && key.slice(0, 4).toLowerCase() === 'aws:') {
    const hit = lookUpKey(globalKeyIndex(), key);
    if (hit) return hit;
  }
  return lookUpKey(keys(), key);
}

/** A key in an index: its exact lower-cased name, else the first template that matches it. */
function lookUpKey(index: Pick<GlobalKeyIndex, 'exact' | 'templates'>, key: string): ConditionKeyInfo | undefined {
  const hit = index.exact.get(key.toLowerCase());
  if (hit) return hit;
  for (const t of index.templates) {
    if (matchWildcard(t.pattern, key, true)) return t.info;
  }
  return undefined;
}

/** The global condition keys (with our descriptions and availability notes). */
export function globalConditionKeys(): readonly ConditionKeyInfo[] {
  return globalKeyIndex().globals;
}

/** The keys a service defines, without the `aws:` global keys that its page also lists. */
export function serviceConditionKeys(prefix: string): readonly ConditionKeyInfo[] {
  return keys().byService.get(prefix.toLowerCase()) ?? EMPTY;
}

/**
 * Whether `key` can be meaningfully used with `action`: it is a global key, one of the action's own
 * keys, or a key of one of its resource types (from the action's row or the resource type's table).
 * Templates match as in `conditionKey`.
 */
export function actionSupportsConditionKey(action: ActionInfo, key: string): boolean {
  if (conditionKey(key)?.global) return true;
  for (const k of action.conditionKeys) if (keyMatches(k, key)) return true;
  for (const rt of action.resourceTypes) {
    for (const k of rt.conditionKeys) if (keyMatches(k, key)) return true;
    const info = resourceType(action.service, rt.name);
    if (info) for (const k of info.conditionKeys) if (keyMatches(k, key)) return true;
  }
  return false;
}

/**
 * Sizes of the catalog. `conditionKeys` counts distinct keys (case-insensitive): the global keys plus
 * every key the services define, a key listed by several services counted once.
 */
export function counts(): { services: number; actions: number; resourceTypes: number; conditionKeys: number } {
  const idx = index();
  return {
    services: idx.services.length,
    actions: idx.actionCount,
    resourceTypes: idx.resourceTypeCount,
    conditionKeys: keys().distinctCount,
  };
}

// ---------------------------------------------------------------------------------------------------
// Did-you-mean suggestions

// Distances are `editDistance` of spelling/nearestName.ts, bounded by the allowed distance below.

/** How many edits a suggestion may be away from what was typed: about one per four characters. */
function allowedDistance(length: number): number {
  return Math.max(1, Math.min(4, Math.floor(length / 4)));
}

interface Scored<T> {
  readonly item: T;
  readonly distance: number;
  readonly name: string;
}

function best<T>(scored: Scored<T>[], limit: number): T[] {
  scored.sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.slice(0, Math.max(0, limit)).map((s) => s.item);
}

/**
 * Service prefixes nearest to `text` (any case) by edit distance, best first, for "did you mean".
 * Candidates whose length differs by more than the allowed distance are skipped before any work.
 */
export function suggestServices(text: string, limit: number): readonly ServiceInfo[] {
  const lower = text.toLowerCase();
  if (lower.length === 0) return EMPTY;
  // Cached per text and limit: validation repeats the search for the same unknown service prefix on
  // every pass (one edit distance per known service, ~440 of them), and the catalog does not change.
  const key = `${limit}\u0000${lower}`;
  let hit = serviceSuggestionCache.get(key);
  if (!hit) {
    hit = Object.freeze(suggestServicesUncached(lower, limit));
    if (serviceSuggestionCache.size > 2000) serviceSuggestionCache.clear();
    serviceSuggestionCache.set(key, hit);
  }
  return hit;
}

const serviceSuggestionCache = new Map<string, readonly ServiceInfo[]>();

function suggestServicesUncached(lower: string, limit: number): ServiceInfo[] {
  const max = allowedDistance(lower.length);
  const scored: Scored<ServiceInfo>[] = [];
  for (const info of index().services) {
    if (info.prefix === lower) continue;
    const d = editDistance(lower, info.prefix, max);
    if (d <= max) scored.push({ item: info, distance: d, name: info.prefix });
  }
  return best(scored, limit);
}

/**
 * The known service prefixes (lower case, in the index's order) within `max` edits of an unknown
 * one, cached per prefix: a policy's unknown actions mostly share a few unknown services.
 */
function nearServices(servicePart: string, max: number): readonly string[] {
  const key = `${max}\u0000${servicePart}`;
  let near = nearServiceCache.get(key);
  if (near === undefined) {
    const idx = index();
    near = [];
    for (let i = 0; i < idx.services.length; i++) {
      const prefix = idx.services[i]!.prefix.toLowerCase();
      if (editDistance(servicePart, prefix, max) <= max) near.push(prefix);
    }
    if (nearServiceCache.size > 2000) nearServiceCache.clear();
    nearServiceCache.set(key, near);
  }
  return near;
}

const nearServiceCache = new Map<string, string[]>();

/**
 * Actions nearest to `text` (`service:Name`, any case) for "did you mean". When the service is known
 * only its actions are compared; otherwise the action name is looked up in the services nearest to the
 * typed prefix, so a typo in either half is found without scanning all 22,000 actions.
 */
export function suggestActions(text: string, limit: number): readonly ActionInfo[] {
  const colon = text.indexOf(':');
  if (colon <= 0) return EMPTY;
  const servicePart = text.slice(0, colon).toLowerCase();
  const namePart = text.slice(colon + 1).toLowerCase();
  if (namePart.length === 0 || hasWildcard(namePart)) return EMPTY;
  // For an unknown service, every service within a couple of edits is a candidate (not just the few
  // nearest), because the action name often decides: `sss:GetObject` is nearer to `ssm` than to `s3`.
  const idx = index();
  const serviceMax = Math.max(2, allowedDistance(servicePart.length));
  const prefixes = serviceState(servicePart) ? [servicePart] : nearServices(servicePart, serviceMax);
  const max = allowedDistance(namePart.length);
  const scored: Scored<ActionInfo>[] = [];
  for (const prefix of prefixes) {
    const state = idx.byPrefix.get(prefix)!;
    const names = actionNamesLower(state);
    const serviceDistance = prefix === servicePart ? 0 : editDistance(servicePart, prefix, serviceMax);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (prefix === servicePart && name === namePart) continue;
      const d = editDistance(namePart, name, max);
      if (d <= max) {
        const info = decodedActions(state)[i]!;
        scored.push({ item: info, distance: d + serviceDistance, name: info.fullName });
      }
    }
  }
  return best(scored, limit);
}
