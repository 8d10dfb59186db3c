/**
 * CloudFormation intrinsic functions inside a policy, resolved into values with holes (CloudFormation
 * User Guide, "Intrinsic function reference" and "Pseudo parameters reference"). What the template
 * says is kept; what only exists at deploy time becomes a hole with what is known of it: a pseudo
 * parameter's shape, a parameter's `Default` or first `AllowedValues`, the ARN shape of a resource of
 * this template. Never throws and never reports: an intrinsic the reader does not understand is an
 * unknown value, not an error.
 */
import { textPartsOf, type CharOffsets, type Hole, type HostEntry, type HostMap, type HostNode, type HostRange, type HostScalar, type HostText, type TextPart } from '../hostTree';
import { attributeValue, DEFAULT_SAMPLE_VALUES, fillSample, refValue, sampleName, type SampleValues } from './resourceValues';

/** What the template declares, for resolving references. */
export interface TemplateContext {
  /** Parameter name → its declaration. */
  readonly parameters: ReadonlyMap<string, { readonly type?: string; readonly defaultValue?: HostNode; readonly allowedValues?: HostNode }>;
  /** Logical id → resource type. */
  readonly resources: ReadonlyMap<string, string>;
  /** Logical id → the physical name the template gives the resource (`BucketName: example-bucket`). */
  readonly physicalNames?: ReadonlyMap<string, string>;
  /** Partition, Region and account the samples stand for (a policy test says the account). */
  readonly sampleValues?: SampleValues;
  /** The Mappings section. */
  readonly mappings?: HostMap;
}

/** The pseudo parameters and what is known of them. */
const PSEUDO: Readonly<Record<string, { sample: string; shaped: boolean; description: string }>> = {
  'AWS::AccountId': { sample: '123456789012', shaped: true, description: 'the account id of the stack' },
  'AWS::Partition': { sample: 'aws', shaped: true, description: 'the partition of the stack (`aws`, `aws-cn`, `aws-us-gov`, ...)' },
  'AWS::Region': { sample: 'us-east-1', shaped: true, description: 'the Region of the stack' },
  'AWS::URLSuffix': { sample: 'amazonaws.com', shaped: true, description: 'the domain suffix of the partition' },
  'AWS::StackName': { sample: 'stack-name', shaped: false, description: 'the name of the stack' },
  'AWS::StackId': { sample: 'arn:aws:cloudformation:us-east-1:123456789012:stack/stack-name/1', shaped: false, description: 'the id of the stack' },
  'AWS::NotificationARNs': { sample: 'notification-arns', shaped: false, description: 'the notification ARNs of the stack' },
};

const INTRINSIC_NAMES = new Set([
  'Ref', 'Condition', 'Fn::Sub', 'Fn::GetAtt', 'Fn::Join', 'Fn::If', 'Fn::Select', 'Fn::Split', 'Fn::FindInMap', 'Fn::ImportValue',
  'Fn::Base64', 'Fn::Cidr', 'Fn::GetAZs', 'Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or', 'Fn::ToJsonString', 'Fn::Length', 'Fn::Transform',
  'Fn::GetParam', 'Fn::ForEach', 'Fn::FindInMap',
]);

/** The function name when a node is an intrinsic function call (a one-entry map with its name). */
export function intrinsicName(node: HostNode | undefined): string | undefined {
  if (!node || node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const key = node.entries[0]!.key;
  return INTRINSIC_NAMES.has(key) ? key : undefined;
}

/**
 * The logical ids a template value refers to: `Ref`, `Fn::GetAtt` and the `${Id}` / `${Id.Attr}`
 * variables of `Fn::Sub` (not `${AWS::...}` pseudo parameters, nor `${!Literal}`), anywhere inside it
 * (CloudFormation User Guide, "Fn::Sub": a variable names a parameter, a resource or its attribute).
 * What CloudFormation orders resources by, with `DependsOn`.
 */
export function referencedLogicalIds(node: HostNode | undefined, into = new Set<string>()): Set<string> {
  if (!node) return into;
  if (node.kind === 'seq') for (const item of node.items) referencedLogicalIds(item, into);
  if (node.kind !== 'map') return into;
  const name = intrinsicName(node);
  const value = node.entries[0]?.value;
  const first = value?.kind === 'seq' ? value.items[0] : value;
  const text = first?.kind === 'scalar' && typeof first.value === 'string' ? first.value : undefined;
  if (name === 'Ref' && text !== undefined && !text.startsWith('AWS::')) into.add(text);
  if (name === 'Fn::GetAtt' && text !== undefined) into.add(text.split('.')[0]!);
  if (name === 'Fn::Sub' && text !== undefined) {
    // Variables the `Fn::Sub` defines itself (`!Sub [template, {Var: value}]`) are not resources.
    const own = value?.kind === 'seq' && value.items[1]?.kind === 'map' ? new Set(value.items[1].entries.map((entry) => entry.key)) : new Set<string>();
    for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
      const id = match[1]!.split('.')[0]!.trim();
      if (!id.startsWith('AWS::') && !own.has(id)) into.add(id);
    }
  }
  for (const entry of node.entries) if (!(name === 'Ref' || name === 'Fn::GetAtt') || entry.value !== value) referencedLogicalIds(entry.value, into);
  return into;
}

/** The marker for `!Ref AWS::NoValue`: the property or item is left out. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export type Resolved = HostNode | typeof NO_VALUE;

function holeValue(range: HostRange, hole: Hole): HostText {
  return { kind: 'text', range, parts: [{ kind: 'hole', hole, range }], style: 'other' };
}

function unknownHole(range: HostRange, source: string, name: string, description: string, templateExpression?: string): HostText {
  return holeValue(range, { sample: sampleName(name), shaped: false, source, description, templateExpression });
}

function scalarString(node: HostNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

function pseudoSample(name: string, sample: string, values: SampleValues): string {
  if (name === 'AWS::AccountId') return values.account;
  if (name === 'AWS::Partition') return values.partition;
  if (name === 'AWS::Region') return values.region;
  return sample;
}

/** Resolves `Ref name` (pseudo parameter, parameter, resource). */
function resolveRef(name: string, range: HostRange, context: TemplateContext): Resolved {
  const source = `!Ref ${name}`;
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = PSEUDO[name];
  if (pseudo) return holeValue(range, { sample: pseudoSample(name, pseudo.sample, context.sampleValues ?? DEFAULT_SAMPLE_VALUES), shaped: pseudo.shaped, source, description: pseudo.description, templateExpression: name });
  const parameter = context.parameters.get(name);
  if (parameter) {
    const isList = parameter.type !== undefined && (parameter.type.startsWith('List<') || parameter.type === 'CommaDelimitedList');
    const known = parameter.defaultValue ?? (parameter.allowedValues?.kind === 'seq' ? parameter.allowedValues.items[0] : undefined);
    const knownText = scalarString(known);
    // An empty default marks an optional parameter: its value is unknown, not empty.
    if (knownText !== undefined && knownText !== '' && !isList) {
      return holeValue(range, { sample: knownText, shaped: true, source, description: `parameter \`${name}\` (default \`${knownText}\`)`, templateExpression: name });
    }
    if (isList) {
      const values = knownText !== undefined ? knownText.split(',').map((value) => value.trim()) : [sampleName(name)];
      return {
        kind: 'seq',
        range,
        items: values.map((value) => holeValue(range, { sample: value, shaped: knownText !== undefined, source, description: `list parameter \`${name}\`` })),
      };
    }
    return unknownHole(range, source, name, `parameter \`${name}\`${parameter.type ? ` (${parameter.type})` : ''}`, name);
  }
  const resourceType = context.resources.get(name);
  if (resourceType) {
    const value = refValue(resourceType);
    if (value) return holeValue(range, { sample: fillSample(value.sample, name, context.physicalNames?.get(name), context.sampleValues), shaped: value.shaped, source, description: `the ${value.what} of \`${name}\` (${resourceType})`, templateExpression: name, resourceType });
    return unknownHole(range, source, name, `\`Ref\` of \`${name}\` (${resourceType})`, name);
  }
  return unknownHole(range, source, name, `\`${name}\`, which the template does not declare`, name);
}

/** Resolves `Fn::GetAtt [resource, attribute]`. */
function resolveGetAtt(logicalId: string, attribute: string, range: HostRange, context: TemplateContext): HostText {
  const source = `!GetAtt ${logicalId}.${attribute}`;
  const resourceType = context.resources.get(logicalId);
  const value = resourceType ? attributeValue(resourceType, attribute) : undefined;
  if (resourceType && value) {
    return holeValue(range, { sample: fillSample(value.sample, logicalId, context.physicalNames?.get(logicalId), context.sampleValues), shaped: value.shaped, source, description: `the ${value.what} of \`${logicalId}\` (${resourceType})`, templateExpression: `${logicalId}.${attribute}`, resourceType });
  }
  return unknownHole(range, source, `${logicalId}-${attribute}`, `\`${attribute}\` of \`${logicalId}\`${resourceType ? ` (${resourceType})` : ''}`, `${logicalId}.${attribute}`);
}

/**
 * A dynamic reference (CloudFormation User Guide, "Get values stored in other services using dynamic
 * references"): `{{resolve:ssm:name}}`, `{{resolve:ssm-secure:name}}` or
 * `{{resolve:secretsmanager:secret-id:...}}`, which CloudFormation replaces, in any resource property,
 * with the value it reads from Parameter Store or Secrets Manager when it deploys the stack.
 */
const DYNAMIC_REFERENCE = /\{\{resolve:(ssm|ssm-secure|secretsmanager):[^}]*\}\}/g;

const DYNAMIC_SERVICES: Readonly<Record<string, string>> = {
  ssm: 'a Systems Manager Parameter Store parameter',
  'ssm-secure': 'a Systems Manager Parameter Store secure string',
  secretsmanager: 'a Secrets Manager secret',
};

/** A literal with its dynamic references as holes (unknown values); the literal itself when it has none. */
function splitDynamicReferences(part: Extract<TextPart, { kind: 'literal' }>): TextPart[] {
  if (!part.value.includes('{{resolve:')) return [part];
  const text = part.value;
  const offsets = part.offsets && part.offsets.length === text.length + 1 ? part.offsets : undefined;
  const rangeOf = (from: number, to: number): HostRange => (offsets ? { start: offsets[from]!, end: offsets[to]! } : part.range);
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(DYNAMIC_REFERENCE)) {
    const start = match.index!;
    const end = start + match[0].length;
    if (start > at) parts.push({ kind: 'literal', value: text.slice(at, start), offsets: offsets?.slice(at, start + 1), range: rangeOf(at, start) });
    // The reference key: a parameter name (which has no `:`), or a secret's name or ARN before `:SecretString`.
    const key = match[0].slice(match[1]!.length + 11, -2);
    const name = match[1] === 'secretsmanager' ? key.split(':SecretString')[0]! : key.split(':')[0]!;
    parts.push({ kind: 'hole', hole: { sample: sampleName(name.replace(/^.*[/:]/, '')), shaped: false, source: match[0], description: `the value of ${DYNAMIC_SERVICES[match[1]!]} \`${name}\`, which CloudFormation reads when it deploys the stack (a dynamic reference)` }, range: rangeOf(start, end) });
    at = end;
  }
  if (parts.length === 0) return [part];
  if (at < text.length) parts.push({ kind: 'literal', value: text.slice(at), offsets: offsets?.slice(at), range: rangeOf(at, text.length) });
  return parts;
}

/** A string value with its dynamic references as holes; the node itself when it has none. */
function withDynamicReferences<T extends HostScalar | HostText>(node: T): T | HostText {
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || !node.value.includes('{{resolve:')) return node;
    const parts = splitDynamicReferences({ kind: 'literal', value: node.value, offsets: node.offsets, range: node.range });
    return parts.length === 1 && parts[0]!.kind === 'literal' ? node : { kind: 'text', range: node.range, parts, style: node.style };
  }
  if (!node.parts.some((part) => part.kind === 'literal' && part.value.includes('{{resolve:'))) return node;
  return { ...node, parts: node.parts.flatMap((part) => (part.kind === 'literal' ? splitDynamicReferences(part) : [part])) };
}

/** The parts of a resolved value when it is used inside a string (Sub variables, Join items). */
function partsOf(value: Resolved, range: HostRange, source: string): TextPart[] {
  return value === NO_VALUE ? [] : textPartsOf(value, range, source);
}

/** Splits a `Fn::Sub` string into literal parts and `${...}` references. */
function resolveSub(template: HostScalar, variables: HostMap | undefined, context: TemplateContext, depth: number): HostText {
  const text = String(template.value ?? '');
  const offsets = template.offsets;
  const parts: TextPart[] = [];
  const hostRange = (from: number, to: number): HostRange =>
    offsets && offsets.length === text.length + 1 ? { start: offsets[from]!, end: offsets[to]! } : template.range;
  const literal = (from: number, to: number, value?: string) => {
    if (to <= from && value === undefined) return;
    const partOffsets: CharOffsets | undefined = offsets && offsets.length === text.length + 1 && value === undefined ? offsets.slice(from, to + 1) : undefined;
    const previous = parts[parts.length - 1];
    const content = value ?? text.slice(from, to);
    // Adjacent literals are merged so that one literal run maps as one part.
    if (previous && previous.kind === 'literal' && partOffsets && previous.offsets && previous.offsets[previous.offsets.length - 1] === partOffsets[0]) {
      parts[parts.length - 1] = { kind: 'literal', value: previous.value + content, offsets: [...previous.offsets.slice(0, -1), ...partOffsets], range: { start: previous.range.start, end: hostRange(from, to).end } };
      return;
    }
    parts.push({ kind: 'literal', value: content, offsets: partOffsets, range: hostRange(from, to) });
  };
  let i = 0;
  let runStart = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    const close = text.indexOf('}', open + 2);
    if (close < 0) break;
    const body = text.slice(open + 2, close);
    if (body.startsWith('!')) {
      // `${!Literal}` is written out as `${Literal}`: an IAM policy variable.
      literal(runStart, open);
      literal(open, open + 2, '${');
      literal(open + 3, close + 1);
      runStart = close + 1;
      i = close + 1;
      continue;
    }
    literal(runStart, open);
    const name = body.trim();
    const range = hostRange(open, close + 1);
    const variable = variables?.entries.find((entry) => entry.key === name);
    let resolved: Resolved;
    if (variable?.value) resolved = resolveIntrinsics(variable.value, context, depth + 1);
    else if (name.includes('.') && !name.startsWith('AWS::')) {
      const dot = name.indexOf('.');
      resolved = resolveGetAtt(name.slice(0, dot), name.slice(dot + 1), range, context);
    } else if (name.includes(':') && !name.startsWith('AWS::')) {
      // An IAM policy variable written without the `!` that Fn::Sub needs: CloudFormation fails to
      // resolve it, which is not this linter's finding to make; it is an unknown value here.
      resolved = unknownHole(range, `\${${name}}`, name.replace(/[^A-Za-z0-9]+/g, '-'), `\`\${${name}}\`, which Fn::Sub cannot resolve (write \`\${!${name}}\` for an IAM policy variable)`);
    } else resolved = resolveRef(name, range, context);
    if (resolved !== NO_VALUE && resolved.kind === 'text' && resolved.parts.length === 1 && resolved.parts[0]!.kind === 'hole') {
      parts.push({ kind: 'hole', hole: resolved.parts[0]!.hole, range });
    } else if (resolved !== NO_VALUE && resolved.kind === 'scalar') {
      // A variable of the Sub map with a literal value: that text, mapped to the variable reference.
      parts.push({ kind: 'hole', hole: { sample: String(resolved.value ?? ''), shaped: true, source: `\${${name}}`, description: `\`${name}\` = \`${String(resolved.value ?? '')}\``, templateExpression: name }, range });
    } else {
      for (const part of partsOf(resolved, range, `\${${name}}`)) parts.push(part.kind === 'hole' ? part : { kind: 'hole', hole: { sample: part.value, shaped: false, source: `\${${name}}`, description: `\`${name}\``, templateExpression: name }, range });
    }
    runStart = close + 1;
    i = close + 1;
  }
  literal(runStart, text.length);
  return withDynamicReferences({ kind: 'text', range: template.range, parts, style: template.style, template: 'cfn-sub' });
}

/** Looks a value up in the Mappings section when every key is known. */
function findInMap(args: readonly HostNode[], context: TemplateContext, depth: number): HostNode | undefined {
  const keys = args.map((arg) => {
    const resolved = resolveIntrinsics(arg, context, depth + 1);
    return resolved !== NO_VALUE && resolved.kind === 'scalar' ? String(resolved.value) : undefined;
  });
  let node: HostNode | undefined = context.mappings;
  for (const key of keys) {
    if (key === undefined || !node || node.kind !== 'map') return undefined;
    node = node.entries.find((entry) => entry.key === key)?.value;
  }
  return node;
}

/**
 * Resolves the intrinsic functions of a value. Maps and sequences are resolved entry by entry;
 * `Fn::If` in a sequence contributes both branches (each is checked); as a property value, both
 * branches of a list-valued element (Action, Resource, principals, condition values) become a list,
 * otherwise the first branch that is not `AWS::NoValue` is taken.
 */
export function resolveIntrinsics(node: HostNode, context: TemplateContext, depth = 0): Resolved {
  if (depth > 64) return unknownHole(node.range, 'a deeply nested value', 'value', 'a value nested too deeply to resolve');
  if (node.kind === 'scalar' || node.kind === 'text') return withDynamicReferences(node);
  if (node.kind === 'seq') {
    const items: HostNode[] = [];
    for (const item of node.items) {
      for (const alternative of alternativesOf(item, context, depth + 1)) {
        if (alternative === NO_VALUE) continue;
        items.push(alternative);
      }
    }
    return { kind: 'seq', range: node.range, items };
  }
  const name = intrinsicName(node);
  if (!name) {
    const entries: HostEntry[] = [];
    for (const entry of node.entries) {
      if (!entry.value) {
        entries.push(entry);
        continue;
      }
      const alternatives = alternativesOf(entry.value, context, depth + 1).filter((value): value is HostNode => value !== NO_VALUE);
      if (alternatives.length === 0) continue;
      let value = alternatives[0]!;
      if (alternatives.length > 1 && !SINGLE_VALUED.has(entry.key) && alternatives.every((alternative) => alternative.kind !== 'map')) {
        value = { kind: 'seq', range: entry.value.range, items: alternatives.flatMap((alternative) => (alternative.kind === 'seq' ? alternative.items : [alternative])) };
      }
      entries.push({ ...entry, value });
    }
    return { kind: 'map', range: node.range, entries };
  }
  const argument = node.entries[0]!.value;
  const range = node.range;
  switch (name) {
    case 'Ref': {
      const target = scalarString(argument);
      return target === undefined ? unknownHole(range, '!Ref', 'ref', 'a `Ref` without a name') : resolveRef(target, range, context);
    }
    case 'Fn::GetAtt': {
      let logicalId: string | undefined;
      let attribute: string | undefined;
      const text = scalarString(argument);
      if (text !== undefined) {
        const dot = text.indexOf('.');
        if (dot > 0) {
          logicalId = text.slice(0, dot);
          attribute = text.slice(dot + 1);
        }
      } else if (argument?.kind === 'seq') {
        logicalId = scalarString(argument.items[0]);
        attribute = scalarString(argument.items[1]);
      }
      if (!logicalId || !attribute) return unknownHole(range, '!GetAtt', 'attribute', 'a `Fn::GetAtt` whose target is not written out');
      return resolveGetAtt(logicalId, attribute, range, context);
    }
    case 'Fn::Sub': {
      if (argument?.kind === 'scalar' && typeof argument.value === 'string') return resolveSub(argument, undefined, context, depth);
      if (argument?.kind === 'seq' && argument.items[0]?.kind === 'scalar') {
        const variables = argument.items[1]?.kind === 'map' ? argument.items[1] : undefined;
        return resolveSub(argument.items[0], variables, context, depth);
      }
      return unknownHole(range, '!Sub', 'sub', 'a `Fn::Sub` whose string is computed');
    }
    case 'Fn::Join': {
      if (argument?.kind !== 'seq' || argument.items.length < 2) return unknownHole(range, '!Join', 'join', 'a `Fn::Join` with unexpected arguments');
      const delimiter = argument.items[0]!;
      const values = resolveIntrinsics(argument.items[1]!, context, depth + 1);
      if (values === NO_VALUE || values.kind !== 'seq') return unknownHole(range, '!Join', 'join', 'a `Fn::Join` of a computed list');
      const parts: TextPart[] = [];
      values.items.forEach((item, index) => {
        if (index > 0) parts.push(...partsOf(delimiter, delimiter.range, '!Join delimiter'));
        parts.push(...partsOf(item, item.range, '!Join item'));
      });
      return { kind: 'text', range, parts, style: 'other' };
    }
    case 'Fn::Select': {
      if (argument?.kind === 'seq' && argument.items.length >= 2) {
        const index = Number(scalarString(resolveOrUndefined(argument.items[0]!, context, depth)));
        const list = resolveIntrinsics(argument.items[1]!, context, depth + 1);
        if (Number.isInteger(index) && list !== NO_VALUE && list.kind === 'seq' && list.items[index]) return list.items[index]!;
      }
      return unknownHole(range, '!Select', 'selected', 'a `Fn::Select` of a computed list');
    }
    case 'Fn::FindInMap': {
      const found = argument?.kind === 'seq' ? findInMap(argument.items.slice(0, 3), context, depth) : undefined;
      if (found) {
        const resolved = resolveIntrinsics(found, context, depth + 1);
        if (resolved !== NO_VALUE && resolved.kind === 'scalar') {
          return holeValue(range, { sample: String(resolved.value ?? ''), shaped: true, source: '!FindInMap', description: `a value of the Mappings section (\`${String(resolved.value ?? '')}\`)` });
        }
        return resolved;
      }
      return unknownHole(range, '!FindInMap', 'mapped', 'a value of the Mappings section chosen at deploy time');
    }
    case 'Fn::If': {
      const first = alternativesOf(node, context, depth).find((value) => value !== NO_VALUE);
      return first ?? NO_VALUE;
    }
    case 'Fn::ImportValue':
      return unknownHole(range, '!ImportValue', 'imported', 'a value exported by another stack');
    case 'Fn::Split':
      return { kind: 'seq', range, items: [unknownHole(range, '!Split', 'split', 'an item of a `Fn::Split`')] };
    case 'Fn::GetAZs':
      return { kind: 'seq', range, items: [unknownHole(range, '!GetAZs', 'az', 'an Availability Zone')] };
    default:
      return unknownHole(range, name.replace('Fn::', '!'), name.replace('Fn::', ''), `the result of \`${name}\``);
  }
}

function resolveOrUndefined(node: HostNode, context: TemplateContext, depth: number): HostNode | undefined {
  const resolved = resolveIntrinsics(node, context, depth + 1);
  if (resolved === NO_VALUE) return undefined;
  if (resolved.kind === 'text' && resolved.parts.length === 1 && resolved.parts[0]!.kind === 'hole' && resolved.parts[0]!.hole.shaped) {
    return { kind: 'scalar', range: resolved.range, value: resolved.parts[0]!.hole.sample, style: 'other' };
  }
  return resolved;
}

/** Elements that take one value: `Fn::If` there yields its first branch, not a list of both. */
const SINGLE_VALUED = new Set(['Version', 'Id', 'Sid', 'Effect', 'Statement', 'Principal', 'NotPrincipal', 'Condition', 'PolicyName', 'PolicyDocument']);

/** The values a node may take: both branches of `Fn::If`, or the node itself resolved. */
export function alternativesOf(node: HostNode, context: TemplateContext, depth = 0): Resolved[] {
  if (intrinsicName(node) === 'Fn::If') {
    const argument = (node as HostMap).entries[0]!.value;
    if (argument?.kind === 'seq' && argument.items.length === 3) {
      return [...alternativesOf(argument.items[1]!, context, depth + 1), ...alternativesOf(argument.items[2]!, context, depth + 1)];
    }
    return [unknownHole(node.range, '!If', 'condition', 'a `Fn::If` with unexpected arguments')];
  }
  return [resolveIntrinsics(node, context, depth)];
}
