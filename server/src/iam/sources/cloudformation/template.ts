/**
 * CloudFormation and SAM templates (JSON and YAML) as a host format: recognise a template by its
 * content, read it into a host tree, and find every policy it embeds (policyLocations.ts), with the
 * intrinsic functions resolved into values with holes (intrinsics.ts).
 */
import { mapEntry, sampleText, type EmbeddedPolicy, type EmbeddedPolicyKind, type HostEntry, type HostMap, type HostNode, type HostRange, type HostText, type TextPart } from '../hostTree';
import { parsePolicy } from '../../document/parse';
import { readJsonTree } from '../jsonTree';
import { readYamlTree } from '../yamlTree';
import { alternativesOf, intrinsicName, NO_VALUE, resolveIntrinsics, type TemplateContext } from './intrinsics';
import { locationsOf, organizationsPolicyKind, type PolicyLocation } from './policyLocations';
import { sampleName, type SampleValues } from './resourceValues';
import { functionNameOf } from '../lambdaPermission';
import { lambdaPermissionPolicy, publicFunctionUrl, samEventPermissionPolicies, samFunctionUrlPolicy, type TemplateFunctionUrl } from './lambdaPermission';

/** A problem reading the template (its syntax), with its range. */
export interface TemplateProblem {
  readonly message: string;
  readonly range: HostRange;
  /** Set for a comment or a trailing comma (of a JSON template, or of a policy string that maps one to one), which deleting fixes. */
  readonly removable?: 'comment' | 'trailingComma';
}

/** A SAM `Policies` entry that names a policy instead of writing it. */
export interface PolicyReference {
  /** `managed` for an AWS managed policy name or ARN, `sam-template` for a SAM policy template. */
  readonly type: 'managed' | 'sam-template';
  readonly name: string;
  readonly pointer: string;
  readonly range: HostRange;
  /** The SAM template's parameters, as written. */
  readonly parameters?: HostNode;
  /** A SAM policy template's name (the key of its mapping), as written. */
  readonly nameRange?: HostRange;
  /** The resource that uses it. */
  readonly logicalId: string;
}

export interface CloudFormationTemplate {
  readonly syntax: 'json' | 'yaml';
  readonly root: HostMap;
  readonly context: TemplateContext;
  readonly policies: readonly EmbeddedPolicy[];
  /** Policies named rather than written (SAM managed policy names and policy templates). */
  readonly references: readonly PolicyReference[];
  readonly problems: readonly TemplateProblem[];
  /**
   * Syntax errors of the template text: JSON errors (`json`) or YAML errors (`yaml`), with their
   * ranges. CloudFormation rejects such a template, and what follows an error may be read incompletely.
   */
  readonly syntaxErrors: readonly TemplateProblem[];
  /** JSON syntax errors of policies written as JSON strings (IAM reads them as strict JSON), at host ranges. */
  readonly jsonStringErrors: readonly TemplateProblem[];
  /** Containers nested too deep to read (JSON past the parse bound, YAML past the parser's stack). */
  readonly tooDeep: readonly HostRange[];
  /** `AWS::Lambda::Url` resources with `AuthType: NONE`. */
  readonly publicFunctionUrls: readonly TemplateFunctionUrl[];
}

/** A SAM policy template expander, supplied by the catalog (kept out of this module's imports). */
export type SamTemplateExpander = (name: string, parameters: HostNode | undefined, range: HostRange) => HostNode | undefined;

function stringOf(node: HostNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * Whether a tree is a CloudFormation template: it has `AWSTemplateFormatVersion`, or a `Resources`
 * map one of whose entries has a `Type` starting with `AWS::` (SAM and registry types included).
 */
function isTemplateTree(root: HostNode | undefined): root is HostMap {
  if (!root || root.kind !== 'map') return false;
  if (mapEntry(root, 'AWSTemplateFormatVersion')) return true;
  const resources = mapEntry(root, 'Resources')?.value;
  if (!resources || resources.kind !== 'map') return false;
  return resources.entries.some((resource) => {
    const type = stringOf(mapEntry(resource.value, 'Type')?.value);
    return type !== undefined && /^(AWS|Alexa|Custom)::/.test(type) && type.startsWith('AWS::');
  });
}

/** A cheap test on the text before parsing: only texts that mention these can be templates. */
function mayBeTemplateText(text: string): boolean {
  return text.includes('AWSTemplateFormatVersion') || (text.includes('Resources') && text.includes('AWS::'));
}

/** Escapes a JSON Pointer token (RFC 6901). */
function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reads a template; undefined when the text is not a CloudFormation template. Never throws. */
export function readCloudFormationTemplate(text: string, expandSamTemplate?: SamTemplateExpander, sampleValues?: SampleValues): CloudFormationTemplate | undefined {
  if (!mayBeTemplateText(text)) return undefined;
  const syntax: 'json' | 'yaml' = startsAsJson(text) ? 'json' : 'yaml';
  let root: HostNode | undefined;
  const problems: TemplateProblem[] = [];
  const syntaxErrors: TemplateProblem[] = [];
  let tooDeep: readonly HostRange[];
  if (syntax === 'json') {
    const result = readJsonTree(text);
    root = result.root;
    tooDeep = result.tooDeep;
    // CloudFormation reads a JSON template as strict JSON: a comment or a trailing comma fails the
    // deploy as a syntax error does. Strict JSON, the usual case, has none and costs nothing more.
    if (!result.strict) syntaxErrors.push(...templateJsonProblems(text));
    if (result.truncated) problems.push({ message: 'The template is nested too deeply to read completely', range: { start: 0, end: Math.min(1, text.length) } });
  } else {
    const result = readYamlTree(text);
    root = result.root;
    tooDeep = result.tooDeep;
    for (const error of result.errors) problems.push({ message: `YAML: ${error.message}`, range: error.range });
    // The first error only: the parser's recovery reports every later token of a broken scalar again.
    // Running out of stack is nesting, reported as such (tooDeep), not a syntax error.
    const first = result.errors.filter((error) => !/Maximum call stack/i.test(error.message)).sort((a, b) => a.range.start - b.range.start)[0];
    if (first) syntaxErrors.push({ message: `The YAML cannot be read from here (${first.message.replace(/[.:]?\s*$/, '')}): CloudFormation may reject the template, and what follows may be read incompletely.`, range: first.range });
    if (result.truncated) problems.push({ message: 'The template is nested too deeply to read completely', range: { start: 0, end: Math.min(1, text.length) } });
  }
  if (!isTemplateTree(root)) return undefined;
  const context = templateContext(root, sampleValues);
  const { policies, references, jsonStringErrors, publicFunctionUrls } = findPolicies(root, context, expandSamTemplate);
  return { syntax, root, context, policies, references, problems, syntaxErrors, jsonStringErrors, tooDeep, publicFunctionUrls };
}

/** Parameters, resources and mappings of a template. */
function templateContext(root: HostMap, sampleValues?: SampleValues): TemplateContext {
  const parameters = new Map<string, { type?: string; defaultValue?: HostNode; allowedValues?: HostNode }>();
  const parametersNode = mapEntry(root, 'Parameters')?.value;
  if (parametersNode?.kind === 'map') {
    for (const parameter of parametersNode.entries) {
      parameters.set(parameter.key, {
        type: stringOf(mapEntry(parameter.value, 'Type')?.value),
        defaultValue: mapEntry(parameter.value, 'Default')?.value,
        allowedValues: mapEntry(parameter.value, 'AllowedValues')?.value,
      });
    }
  }
  const resources = new Map<string, string>();
  const physicalNames = new Map<string, string>();
  const resourcesNode = mapEntry(root, 'Resources')?.value;
  if (resourcesNode?.kind === 'map') {
    for (const resource of resourcesNode.entries) {
      const type = stringOf(mapEntry(resource.value, 'Type')?.value);
      if (!type) continue;
      resources.set(resource.key, type);
      // The name property of most types is `<Type>Name` (BucketName, RoleName, TableName) or `Name`.
      const properties = mapEntry(resource.value, 'Properties')?.value;
      const short = type.slice(type.lastIndexOf(':') + 1);
      const name = stringOf(mapEntry(properties, `${short}Name`)?.value) ?? stringOf(mapEntry(properties, 'Name')?.value);
      if (name && /^[A-Za-z0-9._\-/+=,@]+$/.test(name)) physicalNames.set(resource.key, name);
      const deployed = sampleValues?.names && Object.prototype.hasOwnProperty.call(sampleValues.names, resource.key) ? sampleValues.names[resource.key] : undefined;
      if (deployed !== undefined) physicalNames.set(resource.key, deployed);
    }
  }
  if (resourcesNode?.kind === 'map') qualifiedFunctionNames(resourcesNode, resources, physicalNames);
  const mappings = mapEntry(root, 'Mappings')?.value;
  return { parameters, resources, physicalNames, mappings: mappings?.kind === 'map' ? mappings : undefined, ...(sampleValues ? { sampleValues } : {}) };
}

/**
 * The names that stand for Lambda aliases and versions in their `Ref` (CloudFormation User Guide,
 * `AWS::Lambda::Alias` and `AWS::Lambda::Version`, "Return values": the alias's or version's ARN,
 * `arn:...:function:<function name>:<alias name or version>`): `<function name>:<qualifier>`, the
 * function's name as its own `Ref` gives it (`FunctionName` of the template's function, else its
 * logical id's sample name), or as a literal name or ARN writes it. A version's qualifier is `1`, a
 * sample. A part the template does not give (a parameter, a function defined elsewhere) is the
 * alias's own sample name, so that its `Ref` is still a qualified ARN.
 */
function qualifiedFunctionNames(resourcesNode: HostMap, types: ReadonlyMap<string, string>, physicalNames: Map<string, string>): void {
  for (const resource of resourcesNode.entries) {
    const type = types.get(resource.key);
    if (type !== 'AWS::Lambda::Alias' && type !== 'AWS::Lambda::Version') continue;
    const properties = mapEntry(resource.value, 'Properties')?.value;
    const target = mapEntry(properties, 'FunctionName')?.value;
    let functionName: string | undefined;
    const literal = stringOf(target);
    if (literal !== undefined) {
      functionName = functionNameOf(literal);
    } else if (target?.kind === 'map' && target.entries.length === 1) {
      const [entry] = target.entries;
      const reference = entry!.key === 'Ref' ? stringOf(entry!.value) : entry!.key === 'Fn::GetAtt' ? getAttTarget(entry!.value) : undefined;
      const referencedType = reference === undefined ? undefined : types.get(reference);
      if (reference !== undefined && (referencedType === 'AWS::Lambda::Function' || referencedType === 'AWS::Serverless::Function')) functionName = physicalNames.get(reference) ?? sampleName(reference);
    }
    const qualifier = type === 'AWS::Lambda::Alias' ? stringOf(mapEntry(properties, 'Name')?.value) : '1';
    const known = (text: string | undefined) => (text !== undefined && /^[A-Za-z0-9_$-]+$/.test(text) ? text : sampleName(resource.key));
    physicalNames.set(resource.key, `${known(functionName)}:${known(qualifier)}`);
  }
}

/** The logical id of `Fn::GetAtt`'s `[Resource, Arn]` or `Resource.Arn`. */
function getAttTarget(node: HostNode | undefined): string | undefined {
  if (node?.kind === 'seq') return node.items.length === 2 && stringOf(node.items[1]) === 'Arn' ? stringOf(node.items[0]) : undefined;
  const text = stringOf(node);
  return text?.endsWith('.Arn') ? text.slice(0, -'.Arn'.length) : undefined;
}

/** Logical ids of managed policies that a role or user of the template uses as its permissions boundary. */
function boundaryPolicies(resources: HostMap): Set<string> {
  const ids = new Set<string>();
  for (const resource of resources.entries) {
    const boundary = mapEntry(mapEntry(resource.value, 'Properties')?.value, 'PermissionsBoundary')?.value;
    const ref = boundary && intrinsicName(boundary) === 'Ref' ? stringOf((boundary as HostMap).entries[0]!.value) : undefined;
    if (ref) ids.add(ref);
  }
  return ids;
}

/**
 * A managed policy is a permissions boundary when a role or user of the template names it in
 * `PermissionsBoundary`, or when its name says so (`...PermissionsBoundary`): templates that only
 * define a boundary for other stacks to use have nothing else to tell it by.
 */
function isBoundaryPolicy(resource: HostEntry, boundaries: ReadonlySet<string>, context: TemplateContext): boolean {
  if (boundaries.has(resource.key)) return true;
  const name = stringOf(resolveScalar(mapEntry(mapEntry(resource.value, 'Properties')?.value, 'ManagedPolicyName')?.value, context)) ?? resource.key;
  return /permissions?-?_?boundary/i.test(name) || /permissions?-?_?boundary/i.test(resource.key);
}

interface Found {
  readonly node: HostNode;
  readonly pointer: string;
  /** The item of a list the policy came from (for the inline policy's name). */
  readonly item?: HostNode;
}

/** Walks a property path, through list items and both branches of an `Fn::If` item. */
function walk(node: HostNode | undefined, path: readonly string[], pointer: string, item?: HostNode): Found[] {
  if (!node) return [];
  if (path.length === 0) return [{ node, pointer, item }];
  const [head, ...rest] = path;
  if (intrinsicName(node) === 'Fn::If') {
    const argument = (node as HostMap).entries[0]!.value;
    if (argument?.kind !== 'seq') return [];
    return [1, 2].flatMap((branch) => walk(argument.items[branch], path, `${pointer}/Fn::If/${branch}`, item));
  }
  if (head === '*') {
    if (node.kind !== 'seq') return [];
    return node.items.flatMap((child, index) => walk(child, rest, `${pointer}/${index}`, child));
  }
  const next = mapEntry(node, head!);
  return next ? walk(next.value, rest, `${pointer}/${pointerToken(head!)}`, item) : [];
}

/** Whether a template is JSON: its first character past white space and JSON comments is `{`. */
function startsAsJson(text: string): boolean {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      if (end < 0) return false;
      at = end + 1;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) return false;
      at = end + 2;
    } else {
      return text[at] === '{';
    }
  }
}

/**
 * The syntax errors, comments and trailing commas of a JSON template, found as in a policy file
 * (`parsePolicy`: the same syntax messages and spans) and worded for the template: CloudFormation
 * rejects it. Depth is reported apart (POLICY_TOO_DEEP inside a policy).
 */
function templateJsonProblems(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const problem of parsePolicy(text).problems) {
    const range = { start: problem.span.offset, end: problem.span.offset + Math.max(problem.span.length, 1) };
    if (problem.kind === 'syntax') problems.push({ message: problem.message, range });
    else if (problem.kind === 'comment') problems.push({ message: 'Comments are not valid in a JSON template: CloudFormation rejects the template. Remove the comment.', range, removable: 'comment' });
    else if (problem.kind === 'trailingComma') problems.push({ message: 'Trailing commas are not valid JSON: CloudFormation rejects the template. Remove the comma.', range, removable: 'trailingComma' });
  }
  return problems;
}

/**
 * IAM reads a policy string as strict JSON: its problems as a policy file's (syntax errors, comments,
 * trailing commas, with the same messages; depth is reported apart) into `sink`, at host ranges.
 * Strict JSON, the usual case (`strict`, from the fast path of `readJsonTree`), has none.
 */
function strictJsonErrors(text: string, strict: boolean, hostRange: (start: number, end: number) => HostRange, sink: TemplateProblem[], exact?: (start: number, end: number) => boolean): void {
  if (strict) return;
  for (const problem of parsePolicy(text).problems) {
    if (problem.kind === 'depth') continue;
    // Where each character of the comment or comma is one character of the template, deleting those
    // characters deletes it from the policy, as in a policy file.
    const removable = (problem.kind === 'comment' || problem.kind === 'trailingComma') && exact?.(problem.span.offset, problem.span.offset + problem.span.length) ? problem.kind : undefined;
    sink.push({ message: problem.message, range: hostRange(problem.span.offset, problem.span.offset + Math.max(problem.span.length, 1)), ...(removable ? { removable } : {}) });
  }
}

/** The JSON policy written inside a string (a `PolicyDocument` given as JSON text), as a host tree; its syntax errors go to `sink`. */
function policyFromString(node: HostNode, sink: TemplateProblem[]): HostNode | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const value = node.value;
    if (!value.trimStart().startsWith('{')) return undefined;
    const offsets = node.offsets && node.offsets.length === value.length + 1 ? node.offsets : undefined;
    const translate = offsets ? (offset: number) => offsets[Math.min(offset, value.length)]! : undefined;
    const read = readJsonTree(value, translate);
    strictJsonErrors(value, read.strict, (start, end) => (translate ? { start: translate(start), end: translate(end) } : node.range), sink, offsets ? (start, end) => offsets[end]! - offsets[start]! === end - start : undefined);
    if (!read.root) return undefined;
    return offsets ? read.root : rangeEverywhere(read.root, node.range);
  }
  if (node.kind === 'text') return policyFromText(node, sink);
  return undefined;
}

/** Gives every node of a tree the same range (a JSON string whose characters do not map one to one). */
function rangeEverywhere(node: HostNode, range: HostRange, depth = 0): HostNode {
  if (depth > 64) return node;
  switch (node.kind) {
    case 'map':
      return { kind: 'map', range, entries: node.entries.map((e) => ({ key: e.key, keyRange: range, value: e.value ? rangeEverywhere(e.value, range, depth + 1) : undefined, range })) };
    case 'seq':
      return { kind: 'seq', range, items: node.items.map((item) => rangeEverywhere(item, range, depth + 1)) };
    case 'scalar':
      return { kind: 'scalar', range, value: node.value, style: node.style };
    case 'text':
      return { ...node, range };
  }
}

/**
 * JSON text built by `Fn::Sub` or `Fn::Join` (a log resource policy written as a JSON string): the
 * text is parsed with its holes as their samples, and string values that contain a hole become texts
 * with that hole again.
 */
function policyFromText(text: HostText, sink: TemplateProblem[]): HostNode | undefined {
  let concat = '';
  const pieces: Array<{ start: number; end: number; part: TextPart }> = [];
  for (const part of text.parts) {
    const value = part.kind === 'literal' ? part.value : part.hole.sample;
    pieces.push({ start: concat.length, end: concat.length + value.length, part });
    concat += value;
  }
  if (!concat.trimStart().startsWith('{')) return undefined;
  const hostAt = (offset: number): number => {
    for (const piece of pieces) {
      if (offset < piece.start || offset > piece.end) continue;
      if (piece.part.kind === 'literal' && piece.part.offsets && piece.part.offsets.length === piece.end - piece.start + 1) return piece.part.offsets[offset - piece.start]!;
      return offset - piece.start < (piece.end - piece.start) / 2 ? piece.part.range.start : piece.part.range.end;
    }
    return text.range.end;
  };
  const read = readJsonTree(concat);
  strictJsonErrors(concat, read.strict, (start, end) => ({ start: hostAt(start), end: Math.max(hostAt(end), hostAt(start) + 1) }), sink);
  if (!read.root) return undefined;
  /** A host range for a stretch of the text; where characters cannot be placed, the whole piece. */
  const hostRange = (start: number, end: number): HostRange => {
    const range = { start: hostAt(start), end: hostAt(end) };
    if (range.end > range.start || end <= start) return range;
    const piece = pieces.find((candidate) => candidate.start <= start && start < candidate.end);
    return piece ? piece.part.range : range;
  };
  const convert = (node: HostNode, depth: number): HostNode => {
    if (depth > 64) return node;
    const range = hostRange(node.range.start, node.range.end);
    switch (node.kind) {
      case 'map':
        return { kind: 'map', range, entries: node.entries.map((e) => ({ key: e.key, keyRange: hostRange(e.keyRange.start, e.keyRange.end), keyOffsets: e.keyOffsets?.map(hostAt), value: e.value ? convert(e.value, depth + 1) : undefined, range: hostRange(e.range.start, e.range.end) })) };
      case 'seq':
        return { kind: 'seq', range, items: node.items.map((item) => convert(item, depth + 1)) };
      case 'text':
        return node;
      case 'scalar': {
        if (typeof node.value !== 'string') return { ...node, range };
        const contentStart = node.range.start + 1;
        const contentEnd = node.range.end - 1;
        const holes = pieces.filter((piece) => piece.part.kind === 'hole' && piece.start < contentEnd && piece.end > contentStart);
        if (holes.length === 0 || concat.slice(contentStart, contentEnd) !== node.value) {
          return { ...node, range, offsets: node.offsets?.map(hostAt) };
        }
        const parts: TextPart[] = [];
        let at = contentStart;
        for (const hole of holes) {
          if (hole.start < contentStart || hole.end > contentEnd) return { ...node, range };
          if (hole.start > at) parts.push(literalPart(concat, at, hole.start, hostAt));
          parts.push(hole.part);
          at = hole.end;
        }
        if (at < contentEnd) parts.push(literalPart(concat, at, contentEnd, hostAt));
        return { kind: 'text', range, parts, style: text.style, template: text.template };
      }
    }
  };
  return convert(read.root, 0);
}

function literalPart(concat: string, from: number, to: number, hostAt: (offset: number) => number): TextPart {
  const offsets: number[] = [];
  for (let i = from; i <= to; i++) offsets.push(hostAt(i));
  return { kind: 'literal', value: concat.slice(from, to), offsets, range: { start: hostAt(from), end: hostAt(to) } };
}

/** The resolved statement or statements at a `statement` location. */
function statementsRoot(node: HostNode, context: TemplateContext): HostNode | undefined {
  const resolved = resolveIntrinsics(node, context);
  return resolved !== NO_VALUE && (resolved.kind === 'map' || resolved.kind === 'seq') ? resolved : undefined;
}

/** Turns the node found at a policy location into a policy tree, or undefined when it is not one; JSON syntax errors of a policy string go to `sink`. */
function policyRoot(node: HostNode, context: TemplateContext, sink: TemplateProblem[]): HostNode | undefined {
  const resolved = resolveIntrinsics(node, context);
  if (resolved === NO_VALUE) return undefined;
  if (resolved.kind === 'map') return resolved;
  // A list, a number, a boolean or an empty value written as the policy is no policy at all:
  // CloudFormation refuses it. It is analysed as the policy, so that it gets a policy file's
  // diagnostics (INVALID_TYPE, POLICY_TOO_DEEP) at its place, instead of being passed over.
  if (node.kind === 'seq' || (node.kind === 'scalar' && typeof node.value !== 'string')) return resolved;
  if (resolved.kind === 'scalar' || resolved.kind === 'text') {
    // A literal string that is not JSON text (nothing at all, `""`, a word) is no policy either:
    // CloudFormation reads the string as the policy's JSON and refuses it.
    if (resolved.kind === 'scalar' && typeof resolved.value === 'string' && !resolved.value.trimStart().startsWith('{')) {
      // `PolicyDocument:` with nothing after it is YAML's null (read as '' so that completion works there).
      return resolved.value === '' && resolved.range.start === resolved.range.end ? { ...resolved, value: null } : resolved;
    }
    return policyFromString(resolved, sink);
  }
  return undefined;
}

/**
 * Wraps a statement (EventBusPolicy) or a list of statements (SAM CustomStatements) into a policy
 * with the Version that the service writes around them.
 */
function statementPolicy(statement: HostNode): HostMap {
  const range = statement.range;
  const at = { start: range.start, end: range.start };
  return {
    kind: 'map',
    range,
    entries: [
      { key: 'Version', keyRange: at, value: { kind: 'scalar', range: at, value: '2012-10-17', style: 'other' }, range: at },
      { key: 'Statement', keyRange: at, value: statement, range },
    ],
  };
}

function findPolicies(root: HostMap, context: TemplateContext, expandSamTemplate?: SamTemplateExpander): { policies: EmbeddedPolicy[]; references: PolicyReference[]; jsonStringErrors: TemplateProblem[]; publicFunctionUrls: TemplateFunctionUrl[] } {
  const policies: EmbeddedPolicy[] = [];
  const references: PolicyReference[] = [];
  const jsonStringErrors: TemplateProblem[] = [];
  const publicFunctionUrls: TemplateFunctionUrl[] = [];
  const resources = mapEntry(root, 'Resources')?.value;
  if (!resources || resources.kind !== 'map') return { policies, references, jsonStringErrors, publicFunctionUrls };
  const boundaries = boundaryPolicies(resources);
  const globalsFunction = mapEntry(mapEntry(root, 'Globals')?.value, 'Function')?.value;
  for (const resource of resources.entries) {
    const type = stringOf(mapEntry(resource.value, 'Type')?.value);
    if (!type) continue;
    const base = `/Resources/${pointerToken(resource.key)}`;
    managedPolicyArns(resource, base, context, references);
    const permission =
      type === 'AWS::Lambda::Permission'
        ? lambdaPermissionPolicy(resource, base, context, 'function')
        : type === 'AWS::Lambda::LayerVersionPermission'
          ? lambdaPermissionPolicy(resource, base, context, 'layer')
          : type === 'AWS::Serverless::Function'
            ? samFunctionUrlPolicy(resource, base, context)
            : undefined;
    if (permission) policies.push(permission);
    if (type === 'AWS::Serverless::Function') policies.push(...samEventPermissionPolicies(resource, base, context));
    if (type === 'AWS::Lambda::Url') {
      const url = publicFunctionUrl(resource, context);
      if (url) publicFunctionUrls.push(url);
    }
    for (const location of locationsOf(type)) {
      let kind: EmbeddedPolicyKind | undefined = location.kind;
      if (type === 'AWS::Organizations::Policy') {
        kind = organizationsPolicyKind(stringOf(resolveScalar(mapEntry(mapEntry(resource.value, 'Properties')?.value, 'Type')?.value, context)));
        if (!kind) continue;
      }
      if (type === 'AWS::IAM::ManagedPolicy' && isBoundaryPolicy(resource, boundaries, context)) kind = 'boundary';
      let found = walk(resource.value, location.path, base);
      // SAM Globals: a function without its own trust policy takes the one in Globals.Function.
      if (found.length === 0 && type === 'AWS::Serverless::Function' && location.path[1] === 'AssumeRolePolicyDocument' && globalsFunction) {
        found = walk(globalsFunction, ['AssumeRolePolicyDocument'], '/Globals/Function');
      }
      for (const at of found) {
        if (location.form === 'sam-policies') {
          samPolicies(at.node, at.pointer, resource.key, type, location, context, policies, references, expandSamTemplate);
          continue;
        }
        const document = location.form === 'statement' ? statementsRoot(at.node, context) : policyRoot(at.node, context, jsonStringErrors);
        if (!document) continue;
        const policyName = stringOf(resolveScalar(mapEntry(at.item, 'PolicyName')?.value, context));
        policies.push({
          pointer: at.pointer,
          kind,
          hostResourceType: type,
          attachedResourceType: location.attachedResourceType,
          label: `${resource.key} ${kind === 'boundary' ? 'permissions boundary' : location.label}${policyName ? ` ${policyName}` : ''}`,
          root: location.form === 'statement' ? statementPolicy(document) : document,
          range: at.node.range,
        });
      }
    }
  }
  return { policies, references, jsonStringErrors, publicFunctionUrls };
}


/** `ManagedPolicyArns` of roles, users and groups: the managed policies they attach, as references. */
function managedPolicyArns(resource: HostEntry, base: string, context: TemplateContext, references: PolicyReference[]): void {
  const list = mapEntry(mapEntry(resource.value, 'Properties')?.value, 'ManagedPolicyArns')?.value;
  if (!list || list.kind !== 'seq') return;
  list.items.forEach((item, index) => {
    for (const alternative of alternativesOf(item, context)) {
      if (alternative === NO_VALUE) continue;
      const name = sampleText(alternative);
      if (name !== undefined) references.push({ type: 'managed', name, pointer: `${base}/Properties/ManagedPolicyArns/${index}`, range: item.range, logicalId: resource.key });
    }
  });
}

function resolveScalar(node: HostNode | undefined, context: TemplateContext): HostNode | undefined {
  if (!node) return undefined;
  const resolved = resolveIntrinsics(node, context);
  if (resolved === NO_VALUE) return undefined;
  if (resolved.kind === 'text' && resolved.parts.length === 1 && resolved.parts[0]!.kind === 'hole' && resolved.parts[0]!.hole.shaped) {
    return { kind: 'scalar', range: resolved.range, value: resolved.parts[0]!.hole.sample, style: 'other' };
  }
  return resolved;
}

/** SAM `Policies`: a name, a document, a policy template, or a list of them (AWS SAM specification). */
function samPolicies(
  node: HostNode,
  pointer: string,
  logicalId: string,
  type: string,
  location: PolicyLocation,
  context: TemplateContext,
  policies: EmbeddedPolicy[],
  references: PolicyReference[],
  expandSamTemplate?: SamTemplateExpander,
): void {
  const items: Array<{ node: HostNode; pointer: string }> = [];
  if (node.kind === 'seq') node.items.forEach((item, index) => items.push({ node: item, pointer: `${pointer}/${index}` }));
  else items.push({ node, pointer });
  for (const item of items) {
    for (const alternative of alternativesOf(item.node, context)) {
      if (alternative === NO_VALUE) continue;
      if (alternative.kind === 'scalar' || alternative.kind === 'text') {
        references.push({ type: 'managed', name: sampleText(alternative) ?? '', pointer: item.pointer, range: item.node.range, logicalId });
        continue;
      }
      if (alternative.kind !== 'map') continue;
      if (mapEntry(alternative, 'Statement')) {
        policies.push({ pointer: item.pointer, kind: location.kind, hostResourceType: type, label: `${logicalId} ${location.label}`, root: alternative, range: item.node.range });
        continue;
      }
      if (alternative.entries.length === 1) {
        const template = alternative.entries[0]!;
        references.push({ type: 'sam-template', name: template.key, pointer: item.pointer, range: alternative.range, parameters: template.value, nameRange: template.keyRange, logicalId });
        const expanded = expandSamTemplate?.(template.key, template.value, template.keyRange);
        if (expanded) {
          const resolved = resolveIntrinsics(expanded, context);
          if (resolved !== NO_VALUE && resolved.kind === 'map') {
            policies.push({ pointer: item.pointer, kind: location.kind, hostResourceType: type, label: `${logicalId} ${template.key}`, root: resolved, range: alternative.range, definitionRange: template.keyRange });
          }
        }
      }
    }
  }
}
