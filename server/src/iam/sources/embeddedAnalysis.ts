/**
 * Runs today's policy analysis on a policy embedded in a host document: print it as a virtual JSON
 * policy, parse, decide its kind, validate, then bring the findings back to the host text. Findings
 * that land on a string holding an unknown value (an unshaped hole) are dropped, because the value
 * that deploys may be valid; fixes are rewritten in the host's syntax or dropped when they cannot be.
 * The validators never learn that the policy came from a template.
 */
import type { ParseResult } from '../document/model';
import { parsePolicy } from '../document/parse';
import { resolvePolicyKind, type DetectedKind, type PolicyKind } from '../document/policyKind';
import type { Finding, Fix, TextEdit } from '../validate';
import { validatePolicy, type ValidationResult } from '../validate';
import type { EmbeddedPolicy, HostNode, HostRange, ScalarStyle } from './hostTree';
import { nodeAtVirtual, printVirtualPolicy, virtualToHost, type MappedNode, type VirtualPolicy } from './virtualPolicy';
import { withPermissionTerms } from './lambdaPermission';

/** The syntax of the host text, for rendering edits. */
export type HostSyntax = 'json' | 'yaml' | 'hcl';

/** One embedded policy, analysed. */
export interface EmbeddedPolicyAnalysis {
  readonly policy: EmbeddedPolicy;
  readonly virtual: VirtualPolicy;
  /** The parse of the virtual text (offsets are virtual). */
  readonly parse: ParseResult;
  readonly kind: DetectedKind;
  /** Validation in virtual offsets (undefined when validation was not asked for). */
  readonly validation?: ValidationResult;
  /** The findings in host offsets, with fixes in the host's syntax. */
  readonly findings: readonly Finding[];
  /** The sample of the account the host deploys into, when the host has one (see ValidationOptions). */
  readonly hostAccount?: string;
}

export interface EmbeddedAnalysisOptions {
  readonly extraActions?: readonly string[];
  /** A kind chosen by the user for the whole document. */
  readonly override?: PolicyKind;
  readonly validate?: boolean;
  /** The sample of the account the host deploys into (`${AWS::AccountId}`): see ValidationOptions. */
  readonly hostAccount?: string;
}

/**
 * Parses and validations of virtual policies by their text and options. Editing a template changes
 * one policy at a time: the others print to the same virtual text and are not parsed and validated
 * again (their findings are still mapped to the host anew, since the host offsets move). The results
 * are immutable, so sharing them is safe; the cache is bounded.
 */
const virtualCache = new Map<string, { parse: ParseResult; validation?: ValidationResult }>();
const VIRTUAL_CACHE_SIZE = 1000;

function cachedAnalysis(key: string, compute: () => { parse: ParseResult; validation?: ValidationResult }): { parse: ParseResult; validation?: ValidationResult } {
  const cached = virtualCache.get(key);
  if (cached) {
    // Most recently used last, so that the oldest entry is the first to go.
    virtualCache.delete(key);
    virtualCache.set(key, cached);
    return cached;
  }
  const computed = compute();
  virtualCache.set(key, computed);
  if (virtualCache.size > VIRTUAL_CACHE_SIZE) virtualCache.delete(virtualCache.keys().next().value!);
  return computed;
}

/** Analyses one embedded policy. Never throws for any tree. */
export function analyzeEmbeddedPolicy(hostText: string, syntax: HostSyntax, policy: EmbeddedPolicy, options: EmbeddedAnalysisOptions = {}): EmbeddedPolicyAnalysis {
  const virtual = printVirtualPolicy(policy.root);
  const parse = cachedAnalysis(`p\u0000${virtual.text}`, () => ({ parse: parsePolicy(virtual.text) })).parse;
  const kind: DetectedKind = options.override
    ? { kind: options.override, source: 'override' }
    : policy.kind
      ? { kind: policy.kind, source: 'template' }
      : resolvePolicyKind(parse.document);
  const host = options.hostAccount ? { hostAccount: options.hostAccount } : {};
  if (options.validate === false) return { policy, virtual, parse, kind, findings: [], ...host };
  const validationOptions = { kind: kind.kind, extraActions: options.extraActions, attachedResourceType: policy.attachedResourceType, hostAccount: options.hostAccount };
  const key = `v\u0000${kind.kind}\u0000${policy.attachedResourceType ?? ''}\u0000${options.hostAccount ?? ''}\u0000${(options.extraActions ?? []).join(',')}\u0000${virtual.text}`;
  const validation = cachedAnalysis(key, () => ({ parse, validation: validatePolicy(parse, validationOptions) })).validation!;
  const findings: Finding[] = [];
  const definition = policy.definitionRange;
  for (const finding of validation.findings) {
    if (causedByHole(virtual, finding)) continue;
    const hostFinding = toHostFinding(hostText, syntax, virtual, finding, policy);
    if (definition && hostFinding.span.offset >= definition.start && hostFinding.span.offset + hostFinding.span.length <= definition.end) continue;
    findings.push(hostFinding);
  }
  return { policy, virtual, parse, kind, validation, findings, ...host };
}

/** True when a finding lands on a string that holds an unknown value. */
function causedByHole(virtual: VirtualPolicy, finding: Finding): boolean {
  const start = finding.span.offset;
  const end = start + finding.span.length;
  for (const hole of virtual.holes) {
    if (hole.hole.shaped) continue;
    if (start >= hole.literalStart && end <= hole.literalEnd) return true;
  }
  return false;
}

/** A finding with its span and fixes in host offsets. */
function toHostFinding(hostText: string, syntax: HostSyntax, virtual: VirtualPolicy, finding: Finding, policy: EmbeddedPolicy): Finding {
  const rendered = policy.rendered;
  const range = virtualToHost(virtual, finding.span.offset, finding.span.offset + finding.span.length);
  const fixes: Fix[] = [];
  // A policy the service writes from a resource's properties has no policy text to edit.
  for (const fix of rendered ? [] : (finding.fixes ?? [])) {
    const edits: TextEdit[] = [];
    let ok = true;
    for (const edit of fix.edits) {
      const mapped = mapEdit(hostText, syntax, virtual, edit);
      if (!mapped) {
        ok = false;
        break;
      }
      edits.push(mapped);
    }
    if (ok && edits.length > 0) fixes.push({ ...fix, edits });
  }
  const message = messageWithHoles(virtual, finding);
  return { ...finding, message: rendered ? withPermissionTerms(message, rendered, policy.samEvent ? 'samEvent' : syntax === 'hcl' ? 'terraform' : 'cloudformation') : message, span: { offset: range.start, length: Math.max(0, range.end - range.start) }, fixes: fixes.length > 0 ? fixes : undefined };
}

/**
 * Names template values in a message as the template writes them: `arn:aws:s3:::mybucket` (the
 * sample of `!GetAtt MyBucket.Arn`) reads `${MyBucket.Arn}`. Only holes that stand for a resource of
 * the template are renamed: their samples are long and specific enough not to match other words.
 */
function messageWithHoles(virtual: VirtualPolicy, finding: Finding): string {
  let message = finding.message;
  const start = finding.span.offset;
  const end = start + finding.span.length;
  for (const hole of virtual.holes) {
    if (!hole.hole.resourceType || !hole.hole.templateExpression || hole.literalEnd < start || hole.literalStart > end) continue;
    if (hole.hole.sample.length < 6) continue;
    // Only inside the ARNs the message quotes (not a resource type such as `s3:bucket`, nor an ARN format).
    const sample = hole.hole.sample;
    const written = `\${${hole.hole.templateExpression}}`;
    message = message.replace(/`(arn:[^`]*)`/g, (quoted, arn: string) => (arn.includes('${Partition}') ? quoted : `\`${arn.split(sample).join(written)}\``));
  }
  return message;
}

/** Whether a string can be written as a YAML plain scalar and read back as the same string. */
function isPlainYamlSafe(value: string): boolean {
  if (value === '' || /^\s|\s$/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |\s#|[\n\r\t]|:$/.test(value)) return false;
  if (/^(true|false|yes|no|on|off|null|~|y|n)$/i.test(value)) return false;
  if (/^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i.test(value)) return false;
  return true;
}

/** Writes a string value in the host's syntax, in the style of the text it replaces where possible. */
export function renderString(syntax: HostSyntax, style: ScalarStyle | undefined, value: string): string {
  if (syntax === 'json' || syntax === 'hcl') {
    const json = JSON.stringify(value);
    return syntax === 'hcl' ? json.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : json;
  }
  if (style === 'yaml-double') return JSON.stringify(value);
  if (style !== 'yaml-single' && isPlainYamlSafe(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** Whether text typed into a string of this style keeps its meaning without re-quoting. */
function safeInside(syntax: HostSyntax, style: ScalarStyle | undefined, text: string): boolean {
  if (syntax === 'json') return true; // the virtual edit is already JSON-escaped string content
  if (/[\n\r\\"]/.test(text)) return false;
  if (syntax === 'hcl') return !text.includes('${') && !text.includes('%{');
  if (style === 'yaml-single') return !text.includes("'");
  if (style === 'yaml-double') return true;
  if (style === 'yaml-plain') return !/[#'`]|: /.test(text);
  return false;
}

/** Writes a text with holes back as a template string (`!Sub '...'`), when every hole can be. */
function renderTemplate(syntax: HostSyntax, node: MappedNode, value: string): string | undefined {
  if (!node.parts) return undefined;
  const holes = node.parts.filter((part) => part.hole);
  let rest = value;
  let out = '';
  for (const part of holes) {
    const hole = part.hole!;
    if (!hole.templateExpression) return undefined;
    const at = rest.indexOf(hole.sample);
    if (at < 0) return undefined;
    out += rest.slice(0, at).replace(/\$\{/g, '${!') + '${' + hole.templateExpression + '}';
    rest = rest.slice(at + hole.sample.length);
  }
  out += rest.replace(/\$\{/g, '${!');
  const host = node.node?.kind === 'text' ? node.node : undefined;
  if (syntax === 'hcl') return host?.template === 'hcl' || holes.length > 0 ? JSON.stringify(out).replace(/\\\$/g, '$') : undefined;
  if (syntax === 'json') return `{ "Fn::Sub": ${JSON.stringify(out)} }`;
  return `!Sub ${renderString('yaml', 'yaml-single', out)}`;
}

/** Maps a virtual edit to the host, or undefined when it cannot be written there. */
function mapEdit(hostText: string, syntax: HostSyntax, virtual: VirtualPolicy, edit: TextEdit): TextEdit | undefined {
  const start = edit.offset;
  const end = edit.offset + edit.length;
  const node = nodeAtVirtual(virtual, start, end);
  if (!node || node.shared) return undefined;
  const isString = node.kind === 'key' || node.kind === 'text' || (node.kind === 'scalar' && typeof (node.node as { value?: unknown } | undefined)?.value === 'string');
  // 1. The whole literal replaced by another string.
  if (isString && start === node.vStart && end === node.vEnd) {
    let value: unknown;
    try {
      value = JSON.parse(edit.newText);
    } catch {
      return undefined;
    }
    if (typeof value !== 'string') return undefined;
    const hasHoles = node.parts?.some((part) => part.hole) ?? false;
    const newText = hasHoles ? renderTemplate(syntax, node, value) : renderString(syntax, node.style, value);
    if (newText === undefined) return undefined;
    const range = replacedRange(hostText, syntax, node, newText);
    return { offset: range.start, length: range.end - range.start, newText };
  }
  // 2. An edit inside a string's content whose characters map one to one.
  if (isString && start > node.vStart && end < node.vEnd) {
    const style = node.style;
    const offsets = node.kind === 'text' ? partOffsetsFor(node, start, end) : node.offsets ? { base: node.vStart + 1, offsets: node.offsets } : undefined;
    if (offsets && safeInside(syntax, style, edit.newText)) {
      const from = offsets.offsets[start - offsets.base];
      const to = offsets.offsets[end - offsets.base];
      if (from !== undefined && to !== undefined && to >= from) return { offset: from, length: to - from, newText: edit.newText };
    }
    // Otherwise rewrite the whole string with the edit applied.
    if (node.kind !== 'text') {
      const current = virtualStringValue(virtual, node);
      if (current === undefined) return undefined;
      let inserted: string;
      try {
        inserted = JSON.parse(`"${edit.newText}"`) as string;
      } catch {
        return undefined;
      }
      const relativeStart = start - node.vStart - 1;
      const relativeEnd = end - node.vStart - 1;
      const literal = virtual.text.slice(node.vStart + 1, node.vEnd - 1);
      if (literal !== current) return undefined;
      const value = current.slice(0, relativeStart) + inserted + current.slice(relativeEnd);
      return { offset: node.host.start, length: node.host.end - node.host.start, newText: renderString(syntax, style, value) };
    }
    return undefined;
  }
  // 3. Removing one item of a list (a duplicate or redundant entry).
  if (edit.newText === '') return mapItemRemoval(hostText, syntax, virtual, start, end);
  // 4. A new first entry of a map (`"Version": "2012-10-17"` after the policy's opening brace).
  if (edit.length === 0 && node.kind === 'map' && start === node.vStart + 1) return mapEntryInsertion(hostText, syntax, node, edit.newText);
  return undefined;
}

/**
 * The host text a new value replaces: the node's range, not the line breaks and indentation that a
 * YAML block node's range runs on to; when the new value has a tag of its own (`!Sub '…'`), the tag
 * before the node too (its range starts after it), else the tag stays (`!Sub 'new literal'`).
 */
function replacedRange(hostText: string, syntax: HostSyntax, node: MappedNode, newText: string): HostRange {
  if (syntax !== 'yaml') return node.host;
  let { start, end } = node.host;
  while (end > start && /\s/.test(hostText[end - 1]!)) end--;
  if (node.kind === 'text' && newText.startsWith('!')) {
    const tag = /![A-Za-z:]+[ \t]+$/.exec(hostText.slice(Math.max(0, start - 32), start));
    if (tag) start -= tag[0].length;
  }
  return { start, end };
}

/** Inserts `"Key": "value"` as the first entry of a host map, in the host's syntax. */
function mapEntryInsertion(hostText: string, syntax: HostSyntax, node: MappedNode, newText: string): TextEdit | undefined {
  const entry = /^\s*"([A-Za-z][A-Za-z0-9]*)":\s*("(?:[^"\\]|\\.)*")\s*,?\s*$/.exec(newText);
  const map = node.node?.kind === 'map' ? node.node : undefined;
  if (!entry || !map) return undefined;
  const key = entry[1]!;
  const value = JSON.parse(entry[2]!) as string;
  const first = map.entries[0];
  if (syntax === 'yaml') {
    if (!first) return undefined;
    // A policy written as JSON (in a `|` block or a quoted string, or as a flow mapping with quoted
    // keys) takes a JSON entry; one inside a double-quoted string would need escapes, so it takes none.
    const jsonKeys = hostText[first.keyRange.start] === '"';
    if (jsonKeys && hostText[first.keyRange.start - 1] === '\\') return undefined;
    if (jsonKeys && hostText[map.range.start] === '{') return { offset: map.range.start + 1, length: 0, newText: ` "${key}": ${JSON.stringify(value)},` };
    // A block mapping: a line of its own at the first entry's indentation; a flow mapping: `key: value, `.
    let lineStart = first.range.start;
    while (lineStart > 0 && hostText[lineStart - 1] !== '\n') lineStart--;
    const before = hostText.slice(lineStart, first.range.start);
    if (/^\s*(- )?$/.test(before) && hostText[map.range.start] !== '{') {
      const indent = ' '.repeat(first.range.start - lineStart);
      return { offset: first.range.start, length: 0, newText: `${key}: ${renderString('yaml', 'yaml-single', value)}\n${indent}` };
    }
    if (hostText[map.range.start] === '{') return { offset: map.range.start + 1, length: 0, newText: ` ${key}: ${renderString('yaml', 'yaml-single', value)},` };
    return undefined;
  }
  if (syntax === 'json' && hostText[map.range.start] === '{') {
    return { offset: map.range.start + 1, length: 0, newText: first ? ` "${key}": ${JSON.stringify(value)},` : ` "${key}": ${JSON.stringify(value)} ` };
  }
  return undefined;
}

function partOffsetsFor(node: MappedNode, start: number, end: number): { base: number; offsets: readonly number[] } | undefined {
  for (const part of node.parts ?? []) {
    if (part.hole || !part.offsets) continue;
    if (start >= part.vStart && end <= part.vEnd) return { base: part.vStart, offsets: part.offsets };
  }
  return undefined;
}

function virtualStringValue(virtual: VirtualPolicy, node: MappedNode): string | undefined {
  try {
    const value: unknown = JSON.parse(virtual.text.slice(node.vStart, node.vEnd));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The removal of a list item: the item and what joins it to its neighbours, in the host's syntax. */
function mapItemRemoval(hostText: string, syntax: HostSyntax, virtual: VirtualPolicy, start: number, end: number): TextEdit | undefined {
  // The items inside the removed stretch, apart from commas and whitespace.
  const inside = virtual.nodes.filter((node) => node.kind !== 'key' && node.vStart >= start && node.vEnd <= end);
  const outermost = inside.filter((node) => !inside.some((other) => other !== node && other.vStart <= node.vStart && other.vEnd >= node.vEnd && other.vEnd - other.vStart > node.vEnd - node.vStart));
  if (outermost.length !== 1) return undefined;
  const item = outermost[0]!;
  const rest = virtual.text.slice(start, item.vStart) + virtual.text.slice(item.vEnd, end);
  if (!/^[\s,]*$/.test(rest)) return undefined;
  const parent = virtual.nodes.find((node) => node.kind === 'seq' && node.vStart < item.vStart && node.vEnd > item.vEnd && (node.node as { items?: readonly HostNode[] } | undefined)?.items?.some((child) => child.range === item.host));
  if (!parent) return undefined;
  return removeHostItem(hostText, syntax, item.host, parent.node as { items: readonly HostNode[]; range: HostRange });
}

function removeHostItem(text: string, syntax: HostSyntax, range: HostRange, parent: { items: readonly HostNode[]; range: HostRange }): TextEdit | undefined {
  const index = parent.items.findIndex((child) => child.range === range);
  if (index < 0) return undefined;
  if (syntax === 'yaml') {
    // A block sequence item: `- value` on a line of its own.
    let lineStart = range.start;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    const before = text.slice(lineStart, range.start);
    if (/^\s*-\s*$/.test(before)) {
      let lineEnd = range.end;
      while (lineEnd < text.length && text[lineEnd] !== '\n') lineEnd++;
      if (text.slice(range.end, lineEnd).trim() === '' || text.slice(range.end, lineEnd).trim().startsWith('#')) {
        return { offset: lineStart, length: Math.min(text.length, lineEnd + 1) - lineStart, newText: '' };
      }
      return undefined;
    }
  }
  // Flow sequences (JSON, YAML `[a, b]`, HCL lists): the item and the comma that joins it.
  const next = parent.items[index + 1];
  const previous = parent.items[index - 1];
  if (next) return { offset: range.start, length: next.range.start - range.start, newText: '' };
  if (previous) return { offset: previous.range.end, length: range.end - previous.range.end, newText: '' };
  return undefined;
}
