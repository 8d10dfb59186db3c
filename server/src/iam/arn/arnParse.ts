/**
 * ARN parsing and ARN-template matching (IAM User Guide, "IAM identifiers: ARNs" and "IAM JSON policy
 * elements: Resource"; Service Authorization Reference, "Resource types defined by ..." tables).
 *
 * An ARN is `arn:partition:service:region:account-id:resource`; the resource part may itself contain
 * colons and slashes. In a policy, `*` and `?` wildcards and `${...}` policy variables may appear in
 * any field, and a variable may contain a colon (`${aws:username}`), so fields are split on colons
 * outside `${...}` only.
 *
 * Matching a policy ARN against a documented ARN template asks whether some concrete ARN could match
 * both: the policy value's `*`, `?` and variables on one side, the template's `${Placeholder}`s on the
 * other. That is the intersection of two patterns, decided by a table over (value position, template
 * position): O(value length × template length). Templates come from the catalog and are short (under
 * 200 characters), so the cost is linear in the user's text; no RegExp is ever built from user text
 * (ARCHITECTURE invariant 5).
 */
import { forEachArnTemplate } from '../catalog/catalog';

/** One colon-separated field of an ARN, with its offset in the ARN text. */
export interface ArnField {
  readonly text: string;
  readonly offset: number;
}

/** The six fields of an ARN as written (the resource field keeps any further colons). */
export interface ParsedArn {
  readonly prefix: ArnField;
  readonly partition: ArnField;
  readonly service: ArnField;
  readonly region: ArnField;
  readonly account: ArnField;
  readonly resource: ArnField;
}

/**
 * Splits `text` on the colons that are outside `${...}`. At most `limit` fields are returned; the last
 * one keeps the rest of the text, colons included.
 */
export function splitArnFields(text: string, limit = 6): ArnField[] {
  const fields: ArnField[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length && fields.length < limit - 1) {
    const c = text.charCodeAt(i);
    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      const close = text.indexOf('}', i + 2);
      if (close > 0) {
        i = close + 1;
        continue;
      }
    }
    if (c === 58 /* : */) {
      fields.push({ text: text.slice(start, i), offset: start });
      start = i + 1;
    }
    i++;
  }
  fields.push({ text: text.slice(start), offset: start });
  return fields;
}

/** Parses an ARN; undefined when it has fewer than six fields. The `arn` prefix is not checked here. */
export function parseArn(text: string): ParsedArn | undefined {
  const f = splitArnFields(text);
  if (f.length < 6) return undefined;
  return { prefix: f[0]!, partition: f[1]!, service: f[2]!, region: f[3]!, account: f[4]!, resource: f[5]! };
}

/** Whether a field holds a wildcard or a policy variable, so that it may stand for any text. */
export function isVariableField(text: string): boolean {
  return text.includes('*') || text.includes('?') || text.includes('${');
}

// ---------------------------------------------------------------------------------------------------
// Patterns on both sides

/** A token of a policy value: a literal character, `*` (any run) or `?` (one character). */
const ANY = -1;
const ONE = -2;
/** Past the end of the value or the template (tokens are characters >= 0, ANY, ONE or placeholders <= -1). */
const NONE = -1_000_000;

/**
 * Tokenises a policy value: `*` and `?` are wildcards, a `${...}` policy variable stands for any run
 * of characters (its value is only known at request time), every other character is literal.
 */
function valueTokens(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42) out[count++] = ANY;
    else if (c === 63) out[count++] = ONE;
    else if (c === 36 && text.charCodeAt(i + 1) === 123) {
      const close = text.indexOf('}', i + 2);
      if (close > 0) {
        out[count++] = ANY;
        i = close;
      } else out[count++] = c;
    } else out[count++] = c;
  }
  return count === text.length ? out : out.subarray(0, count);
}

/**
 * A template token: a literal character (>= 0) or a placeholder (< 0) whose index into the
 * template's `forbidden` list names the characters it cannot contain.
 */
interface TemplatePattern {
  readonly tokens: Int32Array;
  /** Per placeholder (token -1 - k), the separator characters it may not contain. */
  readonly forbidden: readonly string[];
  /**
   * The same, except that a final placeholder may contain `:` (qualified names such as
   * `function:my-function:1` where the format documents only the unqualified one) and, after a `/`,
   * a `/` (`task/${TaskId}` taking today's `task/cluster/id`). `${BucketName}` stays without `/`.
   */
  readonly relaxedForbidden: readonly string[];
}

/** Splits a template text into literal characters and `${Name}` placeholders; a literal `*` is a placeholder too. */
function templateShape(text: string): { tokens: number[]; placeholderAt: number[] } {
  const tokens: number[] = [];
  const placeholderAt: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 36 && text.charCodeAt(i + 1) === 123) {
      const close = text.indexOf('}', i + 2);
      if (close > 0) {
        placeholderAt.push(tokens.length);
        tokens.push(-1);
        i = close;
        continue;
      }
    }
    if (c === 42) {
      placeholderAt.push(tokens.length);
      tokens.push(-1);
      continue;
    }
    tokens.push(c);
  }
  return { tokens, placeholderAt };
}

/** A shape key: the template with every placeholder as U+0000, to compare templates structurally. */
function shapeKey(tokens: readonly number[]): string {
  return String.fromCharCode(...tokens.map((t) => (t < 0 ? 0 : t)));
}

/**
 * Compiles the resource parts of a group of templates (those sharing an ARN service). A placeholder may
 * contain any character except: the `/` or `:` that follows it in its template, and a `/` or `:` with
 * which another template of the group continues the same shape. So `${BucketName}` cannot contain `/`
 * because `${BucketName}/${ObjectName}` exists, and `function:${FunctionName}` cannot contain `:`
 * because of `function:${FunctionName}:${Alias}`, while `role/${RoleNameWithPath}` takes a path and a
 * log group name may contain slashes. This keeps bucket and object ARNs apart without a list of names.
 */
function compileGroup(resources: readonly string[]): TemplatePattern[] {
  const shapes = resources.map(templateShape);
  const keys = shapes.map((s) => shapeKey(s.tokens));
  const keySet = new Set(keys);
  // Every shape prefix that some template continues with `/` or `:`, as prefix → separators.
  const continued = new Map<string, string>();
  for (const key of keySet) {
    for (let i = 1; i < key.length; i++) {
      const c = key[i]!;
      if ((c === '/' || c === ':') && key.charCodeAt(i - 1) === 0) {
        const prefix = key.slice(0, i);
        const seps = continued.get(prefix) ?? '';
        if (!seps.includes(c)) continued.set(prefix, seps + c);
      }
    }
  }
  return shapes.map((shape, index) => {
    const forbidden: string[] = [];
    const relaxedForbidden: string[] = [];
    const tokens = Int32Array.from(shape.tokens);
    const key = keys[index]!;
    shape.placeholderAt.forEach((at, k) => {
      let seps = continued.get(key.slice(0, at + 1)) ?? '';
      const next = shape.tokens[at + 1];
      if (next === 47 || next === 58) seps += String.fromCharCode(next);
      forbidden.push(seps);
      const last = at === shape.tokens.length - 1;
      const pathLike = shape.tokens.slice(0, at).includes(47);
      relaxedForbidden.push(last ? seps.replace(':', '').replace(pathLike ? '/' : '', '') : seps);
      tokens[at] = -1 - k;
    });
    return { tokens, forbidden, relaxedForbidden };
  });
}

/**
 * The table and the stack of `intersects`, reused across calls and grown as needed: it runs for every
 * distinct resource value against each template with a fitting literal prefix, mostly before the code
 * is optimised, where a fresh table and a growing array per call cost more than the search.
 */
let seenCells = new Uint8Array(1024);
let cellStack = new Int32Array(1024);

/** Whether `code` is one of the characters of `forbidden` (one or two separators). */
function isForbidden(forbidden: string, code: number): boolean {
  for (let k = 0; k < forbidden.length; k++) if (forbidden.charCodeAt(k) === code) return true;
  return false;
}

/**
 * Whether a policy value (tokens from `valueTokens`) and a template pattern can match the same text.
 * Dynamic programming over (i, j) with an explicit stack: O(|value| × |template|), no recursion.
 */
function intersects(value: Int32Array, template: TemplatePattern, relaxed: boolean): boolean {
  const forbiddenList = relaxed ? template.relaxedForbidden : template.forbidden;
  const tokens = template.tokens;
  const n = value.length;
  const m = tokens.length;
  const width = m + 1;
  const size = (n + 1) * width;
  if (seenCells.length < size) {
    seenCells = new Uint8Array(2 * size);
    cellStack = new Int32Array(2 * size);
  }
  const seen = seenCells;
  const stack = cellStack;
  seen.fill(0, 0, size);
  // Each cell is queued at most once, so the stack never holds more than `size` cells.
  let top = 0;
  stack[top++] = 0;
  seen[0] = 1;
  while (top > 0) {
    const k = stack[--top]!;
    const i = (k / width) | 0;
    const j = k - i * width;
    if (i === n && j === m) return true;
    const v = i < n ? value[i]! : NONE;
    const t = j < m ? tokens[j]! : NONE;
    if (v === ANY) {
      // The value's star ends.
      const end = k + width;
      if (seen[end] === 0) {
        seen[end] = 1;
        stack[top++] = end;
      }
      // The star absorbs a template token (a character or a whole placeholder).
      if (t !== NONE && seen[k + 1] === 0) {
        seen[k + 1] = 1;
        stack[top++] = k + 1;
      }
      continue;
    }
    if (t !== NONE && t < 0) {
      // The placeholder ends.
      if (seen[k + 1] === 0) {
        seen[k + 1] = 1;
        stack[top++] = k + 1;
      }
      // The placeholder takes the value's character, unless it is a separator it may not contain.
      if (v !== NONE && (v === ONE || !isForbidden(forbiddenList[-1 - t]!, v)) && seen[k + width] === 0) {
        seen[k + width] = 1;
        stack[top++] = k + width;
      }
      continue;
    }
    if (v !== NONE && t !== NONE && (v === ONE || v === t) && seen[k + width + 1] === 0) {
      seen[k + width + 1] = 1;
      stack[top++] = k + width + 1;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// The catalog's ARN templates, indexed by the service field of the ARN

/** One documented ARN template of a resource type. */
export interface ArnTemplate {
  /** The action prefix of the service that defines the resource type (`s3`). */
  readonly service: string;
  /** The resource type's name (`object`). */
  readonly resourceType: string;
  /** The template as documented, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly template: string;
  /** The ARN's service field, lower case (`s3`, or `s3-object-lambda`, `iam` for an `sts` role ...). */
  readonly arnService: string;
  /** The Region field: `''` when the format has none, else the placeholder or literal text. */
  readonly region: string;
  /** The account field: `''` when the format has none, else the placeholder or literal (`aws`). */
  readonly account: string;
  /** The resource part of the template. */
  readonly resource: string;
}

interface CompiledTemplate extends ArnTemplate {
  readonly pattern: TemplatePattern;
  /** Literal text at the start of the resource part, for cheap filtering. */
  readonly literalPrefix: string;
}

let byArnService: Map<string, RawTemplate[]> | undefined;
const compiledByArnService = new Map<string, CompiledTemplate[]>();

/** A documented template before its fields are split. */
interface RawTemplate {
  readonly service: string;
  readonly resourceType: string;
  readonly template: string;
}

/**
 * The lower-cased service field of a documented template. Templates start `arn:${Partition}:service:`,
 * so the field is found with two `indexOf`s; anything else goes through `splitArnFields`.
 */
function arnServiceOfTemplate(template: string): string | undefined {
  const first = template.indexOf(':');
  const second = template.indexOf(':', first + 1);
  const third = second < 0 ? -1 : template.indexOf(':', second + 1);
  if (third > 0 && !template.slice(0, third).replace('${Partition}', '').includes('${')) return template.slice(second + 1, third).toLowerCase();
  const fields = splitArnFields(template);
  return fields.length < 6 ? undefined : fields[2]!.text.toLowerCase();
}

/** Every documented template grouped by the ARN's service field; fields are split and patterns compiled per group, on first use. */
function templateGroups(): Map<string, RawTemplate[]> {
  if (byArnService) return byArnService;
  const groups = new Map<string, RawTemplate[]>();
  forEachArnTemplate((service, resourceType, template) => {
    const arnService = arnServiceOfTemplate(template);
    if (arnService === undefined) return;
    const list = groups.get(arnService);
    if (list) list.push({ service, resourceType, template });
    else groups.set(arnService, [{ service, resourceType, template }]);
  });
  byArnService = groups;
  return groups;
}

/**
 * The compiled templates of one ARN service field (lower case). Compiling all 2,300 templates up front
 * cost a short CLI run more than linting its policy; a run compiles only the services its ARNs name.
 */
function compiledTemplates(arnService: string): readonly CompiledTemplate[] {
  let compiled = compiledByArnService.get(arnService);
  if (!compiled) {
    // Plain loops and one object literal per template (no spreads): a run compiles the templates of
    // every service its ARNs name, ~1,500 of them for the managed policies, before this is optimised.
    const raws = templateGroups().get(arnService) ?? [];
    const kept: RawTemplate[] = [];
    const fields: ArnField[][] = [];
    const resources: string[] = [];
    for (let i = 0; i < raws.length; i++) {
      const f = splitArnFields(raws[i]!.template);
      if (f.length < 6) continue;
      kept.push(raws[i]!);
      fields.push(f);
      resources.push(f[5]!.text);
    }
    const patterns = compileGroup(resources);
    compiled = [];
    for (let i = 0; i < kept.length; i++) {
      const raw = kept[i]!;
      const resource = resources[i]!;
      compiled.push({
        service: raw.service,
        resourceType: raw.resourceType,
        template: raw.template,
        arnService,
        region: fields[i]![3]!.text,
        account: fields[i]![4]!.text,
        resource,
        pattern: patterns[i]!,
        // Templates have no `?` (a test of the generated data says so): the value's prefix function serves.
        literalPrefix: literalPrefixOf(resource),
      });
    }
    compiledByArnService.set(arnService, compiled);
  }
  return compiled;
}

/** Whether some documented ARN format uses this service field (lower case compare). */
export function isKnownArnService(service: string): boolean {
  return templateGroups().has(service.toLowerCase());
}

/** The documented ARN templates whose service field is `service` (any case). */
export function arnTemplatesOf(service: string): readonly ArnTemplate[] {
  return compiledTemplates(service.toLowerCase());
}

/** The literal text before the first wildcard or variable of a policy value. */
function literalPrefixOf(text: string): string {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '*' || c === '?' || (c === '$' && text[i + 1] === '{')) break;
    i++;
  }
  return text.slice(0, i);
}

/** Whether a policy resource part (its literal prefix `a`, from `literalPrefixOf`, and its tokens) can match a template's resource part. */
function resourceMatches(a: string, valueTokenList: Int32Array, template: CompiledTemplate, relaxed: boolean): boolean {
  const b = template.literalPrefix;
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return intersects(valueTokenList, template.pattern, relaxed);
}

const matchCache = new Map<string, readonly ArnTemplate[]>();
const MATCH_CACHE_LIMIT = 20000;

/**
 * The templates of `service` (the ARN's service field) whose resource part can match the policy
 * resource part `resource` (wildcards and variables allowed). With `relaxed`, a final placeholder may
 * also take a `:` qualifier (see `TemplatePattern.relaxedForbidden`). Cached per (service, resource).
 */
export function matchArnTemplates(service: string, resource: string, relaxed = false): readonly ArnTemplate[] {
  const key = `${relaxed ? 'r' : 's'}${service.toLowerCase()}\u0000${resource}`;
  const hit = matchCache.get(key);
  if (hit) return hit;
  const templates = compiledTemplates(service.toLowerCase());
  const tokens = valueTokens(resource);
  const prefix = literalPrefixOf(resource);
  const result: CompiledTemplate[] = [];
  for (let i = 0; i < templates.length; i++) if (resourceMatches(prefix, tokens, templates[i]!, relaxed)) result.push(templates[i]!);
  if (matchCache.size >= MATCH_CACHE_LIMIT) matchCache.clear();
  matchCache.set(key, result);
  return result;
}

/**
 * Whether the whole policy ARN `arn` (wildcards and variables allowed) can match the template: the
 * service, Region, account and resource fields each intersect (the partition is not compared).
 */
export function arnMatchesTemplate(arn: ParsedArn, template: ArnTemplate, relaxed = false): boolean {
  if (!isVariableField(arn.service.text) && arn.service.text.toLowerCase() !== template.arnService) return false;
  if (!fieldFits(arn.region.text, template.region)) return false;
  if (!fieldFits(arn.account.text, template.account)) return false;
  return matchArnTemplates(template.arnService, arn.resource.text, relaxed).some((t) => t.template === template.template);
}

/** Whether a policy field (region or account) fits a template field: empty to empty, wildcards fit anything. */
export function fieldFits(value: string, template: string): boolean {
  if (isVariableField(value)) return true;
  if (template === '') return value === '';
  if (value === '') return false;
  if (template.startsWith('${') || template === '*') return true;
  return value === template;
}
