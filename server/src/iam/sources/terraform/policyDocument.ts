/**
 * The `aws_iam_policy_document` data source as the JSON policy it renders: `statement` blocks become
 * the `Statement` array, `principals` blocks the `Principal` map, `condition` blocks the `Condition`
 * map, each node with the range of the HCL it comes from (keys at the argument and block names).
 *
 * As the AWS provider renders it (registry.terraform.io, data source `aws_iam_policy_document`):
 * - `version` defaults to `2012-10-17` and `effect` to `Allow`; the defaults are written into the
 *   tree at the range of the block header and of the `statement` keyword.
 * - `principals { type = "*" identifiers = ["*"] }` renders `"Principal": "*"`.
 * - `source_policy_documents` come first; a `statement` with the `sid` of a source statement
 *   replaces it; then each of `override_policy_documents` replaces statements of the same `sid` and
 *   appends the others.
 * - `dynamic "statement"` (and `dynamic "principals"` / `dynamic "condition"`) blocks are
 *   represented by ONE iteration, their `content`, in which references to the iterator
 *   (`statement.value.actions`) are unshaped holes: what is literal in the content is true of every
 *   iteration, what comes from the iterator is unknown, so no false error comes from it. A
 *   `dynamic "principals"` whose `type` is not literal stands for a principal of type `AWS` whose
 *   identifiers are unknown in a policy that needs a principal (trust, resource and resource
 *   control policies), and is left out elsewhere (it may iterate zero times, and a principal would
 *   make an identity policy look like a resource policy).
 * - A value that is one hole may be `null`, which the provider treats as absent. It is left out
 *   where its presence alone would be an error: beside the literal opposite element
 *   (`actions = ["s3:*"]` with `not_actions = var.x`; of two holes, the `Not` one), and as the
 *   `Resource` or `NotResource` of a trust policy.
 * - A `condition` whose `test` or `variable` is not literal is left out: its operator or key is
 *   unknown, and a key that is a placeholder cannot be checked.
 * - Documents merged from a value that cannot be read here (`var.policy`, a module output) are left
 *   out; when nothing else is left, `Statement` is one unshaped hole.
 */
import { sampleText, type HostEntry, type HostMap, type HostNode, type HostRange, type HostSeq } from '../hostTree';
import type { HclNode } from './hclTree';
import { childrenOfType, expressionToNode, firstChildOfType, holeFor, holeText, hclRange, unwrapExpression } from './hclValues';

/** An `aws_iam_policy_document` block read into its parts, before documents are merged. */
export interface PolicyDocumentBlock {
  readonly name: string;
  readonly block: HclNode;
  /** `Version` and `Id` entries (the first synthesised when the block has no `version`). */
  readonly header: readonly HostEntry[];
  /** The statements of the block's own `statement` and `dynamic "statement"` blocks. */
  readonly statements: (options: StatementOptions) => HostNode[];
  /** The ranges of the block's own statement blocks. */
  readonly statementRanges: readonly HostRange[];
  /** The `Statement` key: the first `statement` keyword, or the block header when there is none. */
  readonly statementKeyRange: HostRange;
  readonly sources: readonly HclNode[];
  readonly overrides: readonly HclNode[];
}

/** What the policy's kind changes in how statements are represented. */
export interface StatementOptions {
  /** The statements need a principal (trust, resource and resource control policies). */
  readonly principalRequired: boolean;
  /** The document is a role trust policy (no `Resource`). */
  readonly trust: boolean;
}

/** Statement argument → policy element. */
const STATEMENT_ARGUMENTS: Readonly<Record<string, string>> = {
  sid: 'Sid',
  effect: 'Effect',
  actions: 'Action',
  not_actions: 'NotAction',
  resources: 'Resource',
  not_resources: 'NotResource',
};

/** The body items of a block: its arguments by name and its nested blocks. */
function bodyOf(block: HclNode): { attributes: Map<string, HclNode>; blocks: HclNode[] } {
  const attributes = new Map<string, HclNode>();
  const blocks: HclNode[] = [];
  const body = firstChildOfType(block, 'body');
  if (!body) return { attributes, blocks };
  for (const item of body.namedChildren) {
    if (!item) continue;
    if (item.type === 'attribute') {
      const name = firstChildOfType(item, 'identifier')?.text;
      if (name && !attributes.has(name)) attributes.set(name, item);
    } else if (item.type === 'block') {
      blocks.push(item);
    }
  }
  return { attributes, blocks };
}

/** The type of a block (`statement`) and its labels. */
export function blockHeader(block: HclNode): { type: string; labels: string[]; typeNode: HclNode | undefined } {
  const typeNode = firstChildOfType(block, 'identifier');
  const labels: string[] = [];
  for (const label of block.namedChildren) {
    if (label && label.type === 'string_lit') labels.push(firstChildOfType(label, 'template_literal')?.text ?? '');
    else if (label && label.type === 'identifier' && label !== typeNode) labels.push(label.text);
  }
  return { type: typeNode?.text ?? '', labels, typeNode };
}

/** The blocks of one kind, a `dynamic "kind"` block standing for its `content` block. */
function blocksNamed(blocks: readonly HclNode[], name: string): { node: HclNode; keyword: HclNode; content: HclNode }[] {
  const found: { node: HclNode; keyword: HclNode; content: HclNode }[] = [];
  for (const block of blocks) {
    const header = blockHeader(block);
    if (header.type === name && header.typeNode) found.push({ node: block, keyword: header.typeNode, content: block });
    else if (header.type === 'dynamic' && header.labels[0] === name && header.typeNode) {
      const content = bodyOf(block).blocks.find((inner) => blockHeader(inner).type === 'content');
      if (content) found.push({ node: block, keyword: header.typeNode, content });
    }
  }
  return found;
}

function valueOf(attribute: HclNode): HclNode | undefined {
  return firstChildOfType(attribute, 'expression');
}

function attributeEntry(key: string, attribute: HclNode, host: string): HostEntry {
  const name = firstChildOfType(attribute, 'identifier')!;
  const value = valueOf(attribute);
  return { key, keyRange: hclRange(name), value: value ? expressionToNode(value, host) : undefined, range: hclRange(attribute) };
}

/** A list argument as a sequence (a single value that is a hole stays a hole: it may be a list). */
function listNode(attribute: HclNode, host: string): HostNode | undefined {
  const value = valueOf(attribute);
  return value ? expressionToNode(value, host) : undefined;
}

function seqItems(node: HostNode | undefined): HostNode[] {
  if (!node) return [];
  return node.kind === 'seq' ? [...node.items] : [node];
}

function span(nodes: readonly { startIndex: number; endIndex: number }[]): HostRange {
  return { start: Math.min(...nodes.map((node) => node.startIndex)), end: Math.max(...nodes.map((node) => node.endIndex)) };
}

/** `principals` / `not_principals` blocks as the `Principal` / `NotPrincipal` entry. */
function principalEntry(key: string, blocks: ReturnType<typeof blocksNamed>, host: string, options: StatementOptions): HostEntry | undefined {
  if (blocks.length === 0) return undefined;
  const range = span(blocks.map((block) => block.node));
  const byType = new Map<string, { entry: { key: string; keyRange: HostRange; keyOffsets?: readonly number[]; range: HostRange }; items: HostNode[]; seqRange: HostRange }>();
  let star: HostNode | undefined;
  for (const block of blocks) {
    const { attributes } = bodyOf(block.content);
    const typeAttribute = attributes.get('type');
    const identifiers = attributes.get('identifiers');
    const typeValue = typeAttribute && valueOf(typeAttribute) ? expressionToNode(valueOf(typeAttribute)!, host) : undefined;
    const dynamicType = block.content !== block.node && typeValue?.kind !== 'scalar';
    // See the header: an iterator-typed principal is a principal of type `AWS` where one is needed.
    if (dynamicType && !options.principalRequired) continue;
    const type = dynamicType ? 'AWS' : sampleText(typeValue);
    const items = identifiers ? seqItems(listNode(identifiers, host)) : [];
    if (type === '*' && blocks.length === 1) {
      star = { kind: 'scalar', range: typeValue!.range, value: '*', style: 'hcl', ...(typeValue?.kind === 'scalar' && typeValue.offsets ? { offsets: typeValue.offsets } : {}) };
      continue;
    }
    if (type === undefined) continue;
    const identifiersValue = identifiers ? valueOf(identifiers) : undefined;
    const seqRange = identifiersValue ? hclRange(identifiersValue) : hclRange(block.node);
    const existing = byType.get(type);
    if (existing) existing.items.push(...items);
    else {
      byType.set(type, {
        entry: { key: type, keyRange: typeValue?.range ?? hclRange(block.keyword), ...(typeValue?.kind === 'scalar' && typeValue.offsets ? { keyOffsets: typeValue.offsets } : {}), range: hclRange(block.node) },
        items,
        seqRange,
      });
    }
  }
  const keyword = blocks[0]!.keyword;
  if (!star && byType.size === 0) return undefined;
  if (star) return { key, keyRange: hclRange(keyword), value: star, range };
  const entries: HostEntry[] = [...byType.values()].map(({ entry, items, seqRange }) => ({ ...entry, value: { kind: 'seq', range: seqRange, items } }));
  return { key, keyRange: hclRange(keyword), value: { kind: 'map', range, entries }, range };
}

/** `condition` blocks as the `Condition` entry: `{ test: { variable: [values] } }`. */
function conditionEntry(blocks: ReturnType<typeof blocksNamed>, host: string): HostEntry | undefined {
  if (blocks.length === 0) return undefined;
  const range = span(blocks.map((block) => block.node));
  const tests = new Map<string, { keyRange: HostRange; keyOffsets?: readonly number[]; range: HostRange; shared?: boolean; variables: Map<string, { keyRange: HostRange; keyOffsets?: readonly number[]; range: HostRange; items: HostNode[]; seqRange: HostRange }> }>();
  for (const block of blocks) {
    const { attributes } = bodyOf(block.content);
    const testNode = attributes.get('test') && valueOf(attributes.get('test')!) ? expressionToNode(valueOf(attributes.get('test')!)!, host) : undefined;
    const variableNode = attributes.get('variable') && valueOf(attributes.get('variable')!) ? expressionToNode(valueOf(attributes.get('variable')!)!, host) : undefined;
    // A computed operator or key is unknown: the condition is left out (see the header).
    if (testNode?.kind !== 'scalar' || variableNode?.kind !== 'scalar') continue;
    const test = sampleText(testNode);
    const variable = sampleText(variableNode);
    if (test === undefined || variable === undefined) continue;
    const valuesAttribute = attributes.get('values');
    const values = valuesAttribute ? seqItems(listNode(valuesAttribute, host)) : [];
    const valuesExpression = valuesAttribute ? valueOf(valuesAttribute) : undefined;
    let testEntry = tests.get(test);
    // A second block with the same `test`: one operator of the policy, written in several blocks.
    if (testEntry) testEntry.shared = true;
    if (!testEntry) {
      testEntry = { keyRange: testNode!.range, ...(testNode?.kind === 'scalar' && testNode.offsets ? { keyOffsets: testNode.offsets } : {}), range: hclRange(block.node), variables: new Map() };
      tests.set(test, testEntry);
    }
    const existing = testEntry.variables.get(variable);
    if (existing) existing.items.push(...values);
    else {
      testEntry.variables.set(variable, {
        keyRange: variableNode!.range,
        ...(variableNode?.kind === 'scalar' && variableNode.offsets ? { keyOffsets: variableNode.offsets } : {}),
        range: hclRange(block.node),
        items: values,
        seqRange: valuesExpression ? hclRange(valuesExpression) : hclRange(block.node),
      });
    }
  }
  const entries: HostEntry[] = [...tests].map(([test, { keyRange, keyOffsets, range: testRange, shared, variables }]) => ({
    key: test,
    keyRange,
    ...(keyOffsets ? { keyOffsets } : {}),
    ...(shared ? { keyShared: true } : {}),
    range: testRange,
    value: {
      kind: 'map',
      range: testRange,
      entries: [...variables].map(([variable, v]) => ({ key: variable, keyRange: v.keyRange, ...(v.keyOffsets ? { keyOffsets: v.keyOffsets } : {}), range: v.range, value: { kind: 'seq', range: v.seqRange, items: v.items } as HostSeq })),
    } as HostMap,
  }));
  return { key: 'Condition', keyRange: hclRange(blocks[0]!.keyword), value: { kind: 'map', range, entries }, range };
}

/** One `statement` block (or the content of a `dynamic "statement"`) as a statement map. */
function statementNode(statement: { node: HclNode; keyword: HclNode; content: HclNode }, host: string, options: StatementOptions): HostMap {
  const { attributes, blocks } = bodyOf(statement.content);
  let entries: HostEntry[] = [];
  for (const [argument, element] of Object.entries(STATEMENT_ARGUMENTS)) {
    const attribute = attributes.get(argument);
    if (attribute) entries.push(argument === 'sid' || argument === 'effect' ? attributeEntry(element, attribute, host) : { ...attributeEntry(element, attribute, host), value: listNode(attribute, host) });
  }
  // Values that are one hole and may be null, left out where their presence would be an error.
  const mayBeNull = (entry: HostEntry | undefined): boolean => entry?.value?.kind === 'text' && entry.value.parts.length === 1 && entry.value.parts[0]!.kind === 'hole';
  const entry = (key: string): HostEntry | undefined => entries.find((candidate) => candidate.key === key);
  for (const [element, opposite] of [['Action', 'NotAction'], ['Resource', 'NotResource']] as const) {
    const positive = entry(element);
    const negative = entry(opposite);
    if (!positive || !negative) continue;
    if (mayBeNull(negative)) entries = entries.filter((candidate) => candidate !== negative);
    else if (mayBeNull(positive)) entries = entries.filter((candidate) => candidate !== positive);
  }
  if (options.trust) entries = entries.filter((candidate) => !((candidate.key === 'Resource' || candidate.key === 'NotResource') && mayBeNull(candidate)));
  if (!attributes.has('effect')) {
    const keyword = hclRange(statement.keyword);
    entries.push({ key: 'Effect', keyRange: keyword, value: { kind: 'scalar', range: keyword, value: 'Allow', style: 'other' }, range: keyword });
  }
  const principal = principalEntry('Principal', blocksNamed(blocks, 'principals'), host, options);
  if (principal) entries.push(principal);
  // A principal is needed once, by one of the two elements.
  const notPrincipal = principalEntry('NotPrincipal', blocksNamed(blocks, 'not_principals'), host, principal ? { ...options, principalRequired: false } : options);
  if (notPrincipal) entries.push(notPrincipal);
  const condition = conditionEntry(blocksNamed(blocks, 'condition'), host);
  if (condition) entries.push(condition);
  return { kind: 'map', range: hclRange(statement.node), entries };
}

/** Reads a `data "aws_iam_policy_document" "name"` block. */
export function readPolicyDocumentBlock(block: HclNode, name: string, host: string): PolicyDocumentBlock {
  const { attributes, blocks } = bodyOf(block);
  const header: HostEntry[] = [];
  const headerRange = hclRange(blockHeader(block).typeNode ?? block);
  const version = attributes.get('version');
  header.push(version ? attributeEntry('Version', version, host) : { key: 'Version', keyRange: headerRange, value: { kind: 'scalar', range: headerRange, value: '2012-10-17', style: 'other' }, range: headerRange });
  const id = attributes.get('policy_id');
  if (id) header.push(attributeEntry('Id', id, host));
  const statementBlocks = blocksNamed(blocks, 'statement');
  const listArgument = (argument: string): HclNode[] => {
    const attribute = attributes.get(argument);
    const value = attribute ? valueOf(attribute) : undefined;
    if (!value) return [];
    const target = unwrapExpression(value);
    const tuple = target.type === 'collection_value' ? firstChildOfType(target, 'tuple') : undefined;
    return tuple ? childrenOfType(tuple, 'expression') : [value];
  };
  return {
    name,
    block,
    header,
    statements: (options) => statementBlocks.map((statement) => statementNode(statement, host, options)),
    statementRanges: statementBlocks.map((statement) => hclRange(statement.node)),
    statementKeyRange: statementBlocks[0] ? hclRange(statementBlocks[0].keyword) : headerRange,
    // `source_json` and `override_json` are the single-document arguments of provider versions
    // before 5.0; they merge the same way.
    sources: [...listArgument('source_json'), ...listArgument('source_policy_documents')],
    overrides: [...listArgument('override_json'), ...listArgument('override_policy_documents')],
  };
}

/** The `Sid` of a statement node, when it is a literal string. */
function sidOf(statement: HostNode): string | undefined {
  if (statement.kind !== 'map') return undefined;
  const sid = statement.entries.find((entry) => entry.key === 'Sid')?.value;
  return sid?.kind === 'scalar' && typeof sid.value === 'string' && sid.value !== '' ? sid.value : undefined;
}

/**
 * Merges statements as the provider does: `base` first, then each of `later` replaces the
 * statement with its `sid` or is appended.
 */
export function mergeStatements(base: readonly HostNode[], later: readonly HostNode[]): HostNode[] {
  const result = [...base];
  for (const statement of later) {
    const sid = sidOf(statement);
    const index = sid === undefined ? -1 : result.findIndex((existing) => sidOf(existing) === sid);
    if (index >= 0) result[index] = statement;
    else result.push(statement);
  }
  return result;
}

/** Builds the document map from its parts and the merged statements. */
export function documentNode(document: PolicyDocumentBlock, statements: readonly HostNode[], unknownSources: readonly HclNode[]): HostMap {
  const range = hclRange(document.block);
  let statementValue: HostNode;
  if (statements.length === 0 && unknownSources.length > 0) {
    const first = unknownSources[0]!;
    statementValue = holeText(first, holeFor(first));
  } else {
    const own = document.statementRanges;
    const seqRange = own.length > 0 ? { start: Math.min(...own.map((r) => r.start)), end: Math.max(...own.map((r) => r.end)) } : document.statementKeyRange;
    statementValue = { kind: 'seq', range: seqRange, items: statements };
  }
  const statementEntry: HostEntry = { key: 'Statement', keyRange: document.statementKeyRange, value: statementValue, range: statementValue.range };
  return { kind: 'map', range, entries: [...document.header, statementEntry] };
}
