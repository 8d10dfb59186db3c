/**
 * The Terraform host format: every IAM policy that a `.tf` file spells, as `EmbeddedPolicy` trees
 * for the embedded-policy layer.
 *
 * Spellings read (see `policyPlaces.ts` for the table of resource arguments):
 * - `data "aws_iam_policy_document"` blocks (`policyDocument.ts`), reported once each, with the kind
 *   of the place that uses them through `data.aws_iam_policy_document.NAME.json`;
 * - `jsonencode({...})` objects, heredoc JSON (`<<EOF`, `<<-EOF`) and JSON in quoted strings, in the
 *   arguments of the table;
 * - `file("...")` / `templatefile("...", {...})` in those arguments: reported in `files`, so that the
 *   caller lints the referenced file with the kind of the place;
 * - outside the table (module arguments, locals, outputs, other resources' arguments), a
 *   `jsonencode` object or JSON string with a top-level `Statement` is a policy of unknown kind
 *   (the caller detects its kind from its content).
 *
 * Pointers (the `pointer` of each policy) are Terraform addresses followed by `/`-separated argument
 * names and block or list indexes:
 * - `data.aws_iam_policy_document.assume` for a policy document data source;
 * - `aws_iam_role.cross_account/assume_role_policy` for a resource argument;
 * - `aws_iam_role.app/inline_policy/0/policy` for an argument of the first nested `inline_policy`;
 * - `module.lambda/policy_jsons/1`, `local.scp`, `output.policy/value` for policies found by content.
 *
 * Terraform syntax errors are not reported here (the Terraform language server does); parsing never
 * fails, and a half-typed block still yields whatever policies can be read.
 */
import { sampleText, type EmbeddedPolicy, type EmbeddedPolicyKind, type HostNode, type HostRange } from '../hostTree';
import { parseHcl } from './hclParser';
import { copyTree, type HclNode } from './hclTree';
import { childrenOfType, decodeString, expressionToNode, firstChildOfType, objectToNode, policyDocumentReference, hclRange, singleInterpolation, traversalOf, unwrapExpression, decodedToNode } from './hclValues';
import { parseJsonInString } from './jsonInString';
import { blockHeader, documentNode, mergeStatements, readPolicyDocumentBlock, type PolicyDocumentBlock } from './policyDocument';
import { placesOf, type TerraformPolicyPlace } from './policyPlaces';
import { nameAttribute, withConfiguration } from './references';
import { terraformPermissionPolicy, terraformPublicFunctionUrl } from './terraformPermission';
import type { PublicFunctionUrl } from '../functionUrls';

/** A problem found while reading the policies (not a policy finding). */
export interface TerraformProblem {
  readonly message: string;
  readonly range: HostRange;
  /** Set for a comment or a trailing comma in JSON that deleting `range` fixes. */
  readonly removable?: 'comment' | 'trailingComma';
}

/**
 * A problem of how the file's policies are used or read: a document or value used as policies of
 * several kinds, which is checked as one of them only (`kinds`), or a defect of this reader that
 * cost a block or a document its policies (`defect`: for the log, not a finding about the file).
 */
export interface TerraformReadProblem extends TerraformProblem {
  readonly cause: 'kinds' | 'defect';
}

/** A policy kept in another file, named by `file(...)` or `templatefile(...)` in a policy argument. */
export interface TerraformPolicyFile {
  /** Where the reference sits, in the pointer format of `EmbeddedPolicy.pointer`. */
  readonly pointer: string;
  readonly function: 'file' | 'templatefile';
  /**
   * The path relative to the `.tf` file's directory (`${path.module}/`, `${path.root}/` and
   * `${path.cwd}/` prefixes removed), or undefined when the path is computed otherwise.
   */
  readonly path: string | undefined;
  /** The path argument as written (`"${path.module}/policy.json"`). */
  readonly pathSource: string;
  readonly pathRange: HostRange;
  readonly kind?: EmbeddedPolicyKind;
  readonly hostResourceType: string;
  readonly attachedResourceType?: string;
  readonly label: string;
  /** The whole call. */
  readonly range: HostRange;
}

/** What a `.tf` text holds. */
export interface TerraformExtraction {
  /** The policies, in text order. */
  readonly policies: EmbeddedPolicy[];
  /** Policies in other files that this file names, for the caller to lint. */
  readonly files: TerraformPolicyFile[];
  readonly problems: TerraformReadProblem[];
  /** JSON in strings nested deeper than the parse bound (iam/document/jsonNesting.ts), for POLICY_TOO_DEEP. */
  readonly tooDeep: HostRange[];
  /** JSON syntax errors in policy strings (heredocs, quoted JSON), for JSON_SYNTAX_ERROR: IAM rejects such a policy. */
  readonly syntaxErrors: TerraformProblem[];
  /** `aws_lambda_function_url` resources with `authorization_type = "NONE"`. */
  readonly publicFunctionUrls: PublicFunctionUrl[];
}

/** How a place uses a document it references (for the kind of a policy document data source). */
interface Usage {
  readonly pointer: string;
  readonly kind?: EmbeddedPolicyKind;
  readonly attachedResourceType?: string;
  readonly what: string;
}

const KIND_WORDS: Readonly<Record<EmbeddedPolicyKind, string>> = {
  identity: 'an identity policy',
  resource: 'a resource policy',
  trust: 'a trust policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
};

/** The place a value sits in: where it is, what it is, and (for the table's places) its kind. */
interface Place {
  readonly pointer: string;
  readonly label: string;
  readonly hostResourceType: string;
  readonly kind?: EmbeddedPolicyKind;
  readonly attachedResourceType?: string;
  readonly what: string;
}

/**
 * Extracts the policies of a Terraform file. Synchronous. Never throws on any text; throws only
 * when called before `initTerraform` has completed (see `terraformReady`).
 */
export function extractTerraformPolicies(text: string, deployment: { readonly account?: string; readonly region?: string; readonly suffixes?: Readonly<Record<string, string>> } = {}): TerraformExtraction {
  const tree = parseHcl(text);
  const root = copyTree(tree, text, (node) => node.type === 'block' && isTopLevel(node) && !mayHoldPolicy(node) && !isVariableBlock(node) && !namesResource(node));
  // `var.x` with a literal `default` is checked with that value, as a CloudFormation `!Ref Param`
  // is checked with the parameter's `Default`; `aws_s3_bucket.b.arn` with the bucket's literal
  // `bucket`, as `!GetAtt B.Arn` with its `BucketName`. A simulation gives the account and Region.
  const defaults = variableDefaults(root);
  return withConfiguration({ defaults, names: resourceNames(root, defaults), ...deployment }, () => new Extractor(text).run(root));
}

/** Whether a top-level block is a resource or data source of a type whose ARN holds its name (the name may stand in references to it). */
function namesResource(block: HclNode): boolean {
  const header = /^\s*(?:resource|data)\s+"([A-Za-z0-9_]+)"/.exec(block.text.slice(0, 160));
  return header !== null && nameAttribute(header[1]!) !== undefined;
}

/**
 * The literal names the file gives its resources and data sources (`bucket = "acme-data"`, or a
 * variable with a literal default), by `type.name` / `data.type.name` (Terraform AWS provider: each
 * resource's name argument is the name in its ARN).
 */
function resourceNames(root: HclNode, defaults: ReadonlyMap<string, string>): Map<string, string> {
  const names = new Map<string, string>();
  const body = firstChildOfType(root, 'body') ?? root;
  for (const block of childrenOfType(body, 'block')) {
    const header = blockHeader(block);
    if ((header.type !== 'resource' && header.type !== 'data') || header.labels.length !== 2) continue;
    const attribute = nameAttribute(header.labels[0]!);
    const blockBody = attribute ? firstChildOfType(block, 'body') : undefined;
    for (const item of blockBody ? childrenOfType(blockBody, 'attribute') : []) {
      if (firstChildOfType(item, 'identifier')?.text !== attribute) continue;
      const value = firstChildOfType(item, 'expression')?.text.trim() ?? '';
      const variable = /^var\.([A-Za-z0-9_-]+)$/.exec(value)?.[1];
      const literal = /^"([^"$%\\]+)"$/.exec(value)?.[1] ?? (variable !== undefined ? defaults.get(variable) : undefined);
      if (literal && /^[A-Za-z0-9._\-/+=,@]+$/.test(literal)) names.set(`${header.type === 'data' ? 'data.' : ''}${header.labels[0]}.${header.labels[1]}`, literal);
    }
  }
  return names;
}

/** Whether a top-level block is a `variable` declaration (its default may stand for `var.NAME`). */
function isVariableBlock(block: HclNode): boolean {
  return /^\s*variable\b/.test(block.text);
}

/** The literal string defaults of the file's `variable` blocks. */
function variableDefaults(root: HclNode): Map<string, string> {
  const defaults = new Map<string, string>();
  const body = firstChildOfType(root, 'body') ?? root;
  for (const block of childrenOfType(body, 'block')) {
    const header = blockHeader(block);
    if (header.type !== 'variable' || header.labels.length !== 1) continue;
    const blockBody = firstChildOfType(block, 'body');
    for (const attribute of blockBody ? childrenOfType(blockBody, 'attribute') : []) {
      if (firstChildOfType(attribute, 'identifier')?.text !== 'default') continue;
      const value = firstChildOfType(attribute, 'expression')?.text.trim() ?? '';
      if (/^"[^"$%\\]+"$/.test(value)) defaults.set(header.labels[0]!, value.slice(1, -1));
    }
  }
  return defaults;
}

class Extractor {
  private readonly policies: EmbeddedPolicy[] = [];
  private readonly files: TerraformPolicyFile[] = [];
  private readonly problems: TerraformReadProblem[] = [];
  private readonly tooDeep: HostRange[] = [];
  private readonly publicFunctionUrls: PublicFunctionUrl[] = [];
  private readonly syntaxErrors: TerraformProblem[] = [];
  private readonly documents = new Map<string, PolicyDocumentBlock>();
  private readonly usages = new Map<string, Usage[]>();
  /** Name → the names whose value it flows into (a document merged into another, a local's value). */
  private readonly flowsInto = new Map<string, string[]>();

  constructor(private readonly host: string) {}

  run(root: HclNode): TerraformExtraction {
    for (const block of topLevelBlocks(root)) {
      try {
        this.block(block);
      } catch (error) {
        // A defect must not cost the other blocks their policies; it is reported, not thrown.
        this.problems.push({ cause: 'defect', message: `This block could not be read for policies: ${error instanceof Error ? error.message : String(error)}`, range: hclRange(block) });
      }
    }
    try {
      this.reportDocuments();
    } catch (error) {
      this.problems.push({ cause: 'defect', message: `The policy documents could not be merged: ${error instanceof Error ? error.message : String(error)}`, range: hclRange(root) });
    }
    this.policies.sort((a, b) => a.range.start - b.range.start);
    return { policies: this.policies, files: this.files, problems: this.problems, tooDeep: this.tooDeep, syntaxErrors: this.syntaxErrors, publicFunctionUrls: this.publicFunctionUrls };
  }

  private block(block: HclNode): void {
    const { type, labels } = blockHeader(block);
    if (type === 'data' && labels[0] === 'aws_iam_policy_document' && labels[1] !== undefined) {
      if (!this.documents.has(labels[1])) this.documents.set(labels[1], readPolicyDocumentBlock(block, labels[1], this.host));
      return;
    }
    const body = firstChildOfType(block, 'body');
    if (!body) return;
    if (type === 'resource' && (labels[0] === 'aws_lambda_permission' || labels[0] === 'aws_lambda_layer_version_permission') && labels[1] !== undefined) {
      this.policies.push(terraformPermissionPolicy(block, body, `${labels[0]}.${labels[1]}`, this.host, labels[0] === 'aws_lambda_permission' ? 'function' : 'layer'));
    } else if (type === 'resource' && labels[0] === 'aws_lambda_function_url') {
      const url = labels[1] === undefined ? undefined : terraformPublicFunctionUrl(block, body, labels[1], this.host);
      if (url) this.publicFunctionUrls.push(url);
    } else if (type === 'resource' && labels.length >= 2) {
      this.resource(body, labels[0]!, `${labels[0]}.${labels[1]}`);
    } else if (type === 'module' && labels[0] !== undefined) {
      this.sniffBody(body, `module.${labels[0]}`, 'module');
    } else if (type === 'locals') {
      for (const attribute of childrenOfType(body, 'attribute')) {
        const name = attributeName(attribute);
        const value = firstChildOfType(attribute, 'expression');
        if (!name || !value) continue;
        const before = this.policies.length;
        this.sniff(value, `local.${name}`, 'locals', 0);
        // A local that is not a policy itself may pass one on (`policy = local.policy` where the
        // local reads a document): what uses the local uses the documents it reads.
        if (this.policies.length === before) this.referencesIn(value, (referenced) => this.flow(referenced, `local.${name}`));
      }
    } else if ((type === 'output' || type === 'data') && labels.length >= 1) {
      this.sniffBody(body, type === 'output' ? `output.${labels[0]}` : `data.${labels.join('.')}`, type === 'output' ? 'output' : labels[0]!);
    }
  }

  /** A resource block: the table's places, then policy-shaped values in its other arguments. */
  private resource(body: HclNode, resourceType: string, address: string): void {
    const places = placesOf(resourceType);
    const argument = (name: string): string | null | undefined => {
      const attribute = attributeOf(body, name);
      if (!attribute) return undefined;
      const value = firstChildOfType(attribute, 'expression');
      const target = value ? unwrapExpression(value) : undefined;
      if (!target || (target.type !== 'literal_value' && target.type !== 'template_expr')) return null;
      const decoded = target.namedChild(0) ? decodeString(target.type === 'literal_value' ? target.namedChild(0)! : target, this.host) : undefined;
      return decoded && decoded.holes.size === 0 ? decoded.text : null;
    };
    const covered = new Set<HclNode>();
    for (const place of places) {
      const kind = typeof place.kind === 'function' ? place.kind(argument) : place.kind;
      for (const { attribute, pointer } of placeAttributes(body, place, address)) {
        covered.add(attribute);
        if (kind === 'not-a-policy') continue;
        const value = firstChildOfType(attribute, 'expression');
        if (!value) continue;
        this.policyValue(value, {
          pointer,
          label: `${address} ${place.what}`,
          hostResourceType: resourceType,
          ...(kind ? { kind } : {}),
          ...(place.attachedResourceType ? { attachedResourceType: place.attachedResourceType } : {}),
          what: place.what,
        });
      }
    }
    this.sniffBody(body, address, resourceType, covered);
  }

  /** A value in a policy place: a document reference, `jsonencode`, a JSON string, or a file. */
  private policyValue(value: HclNode, place: Place): void {
    const document = policyDocumentReference(value);
    if (document !== undefined) {
      this.use(`data.aws_iam_policy_document.${document}`, place);
      return;
    }
    const target = unwrapExpression(value);
    const named = namedValue(traversalOf(target));
    if (named) {
      this.use(named, place);
      return;
    }
    const inner = singleInterpolation(target);
    if (inner) {
      this.policyValue(inner, place);
      return;
    }
    if (target.type === 'function_call') {
      const name = firstChildOfType(target, 'identifier')?.text;
      const args = childrenOfType(firstChildOfType(target, 'function_arguments') ?? target, 'expression');
      if (name === 'jsonencode' && args[0]) {
        const object = objectOf(args[0]);
        if (object) this.report(objectToNode(object, this.host), hclRange(target), place);
        // A list, a number or a boolean encodes to JSON that is no policy: analysed as the policy, it
        // gets a policy file's INVALID_TYPE at its place instead of being passed over.
        else if (isLiteralNonObject(args[0])) this.report(expressionToNode(args[0], this.host), hclRange(target), place);
        else this.useReferencesIn(args[0], place);
      } else if ((name === 'file' || name === 'templatefile') && args[0]) {
        this.file(name, args[0], target, place);
      } else {
        this.useReferencesIn(target, place);
      }
      return;
    }
    if (target.type === 'conditional') {
      this.useReferencesIn(target, place);
      return;
    }
    this.jsonString(target, place, false);
  }

  /**
   * A computed value in a policy place (`replace(data.aws_iam_policy_document.x.json, ...)`, a
   * conditional between two documents): the documents and locals it reads take the place's kind.
   */
  private useReferencesIn(node: HclNode, place: Place): void {
    this.referencesIn(node, (name) => this.use(name, place));
  }

  /** Calls `found` with each document (`data.aws_iam_policy_document.x`) or local (`local.x`) read in `node`. */
  private referencesIn(node: HclNode, found: (name: string) => void): void {
    const visit = (current: HclNode, depth: number): void => {
      if (depth > 16) return;
      if (current.type === 'expression') {
        const document = policyDocumentReference(current);
        if (document !== undefined) {
          found(`data.aws_iam_policy_document.${document}`);
          return;
        }
        const named = namedValue(traversalOf(current));
        if (named) {
          found(named);
          return;
        }
      }
      for (const child of current.namedChildren) if (child) visit(child, depth + 1);
    };
    visit(node, 0);
  }

  private flow(from: string, into: string): void {
    const list = this.flowsInto.get(from) ?? [];
    if (!list.includes(into)) list.push(into);
    this.flowsInto.set(from, list);
  }

  /** JSON in a heredoc or a quoted string; `requireStatement` for values found by content. */
  private jsonString(target: HclNode, place: Place, requireStatement: boolean): boolean {
    const template = target.type === 'literal_value' ? target.namedChild(0) : target;
    if (!template || (template.type !== 'template_expr' && template.type !== 'string_lit')) return false;
    const decoded = decodeString(template, this.host);
    if (!decoded) return false;
    if (requireStatement && !/^\s*\{/.test(decoded.text)) return false;
    if (requireStatement && !decoded.text.includes('"Statement"')) return false;
    if (decoded.text.trim() === '') {
      // An empty string where the policy goes: AWS refuses it as a malformed policy document.
      if (!requireStatement) this.syntaxErrors.push({ message: 'JSON syntax error: the policy is empty; a policy is a JSON object with a `Statement` element.', range: hclRange(template) });
      return false;
    }
    const heredoc = template.type === 'template_expr' && template.namedChild(0)?.type === 'heredoc_template';
    const { root, problems, tooDeep } = parseJsonInString(decoded, heredoc ? 'json' : 'other');
    this.tooDeep.push(...tooDeep);
    if (!root) {
      if (!requireStatement) this.syntaxErrors.push(...problems);
      return false;
    }
    if (requireStatement && !(root.kind === 'map' && root.entries.some((entry) => entry.key === 'Statement'))) return false;
    if (root.kind !== 'map' && root.kind !== 'seq') {
      // A string that is not JSON at all (a name, an ARN) is not a policy document.
      if (problems.length > 0 && !/^\s*[[{]/.test(decoded.text)) return false;
    }
    this.syntaxErrors.push(...problems);
    this.report(root, hclRange(template), place);
    return true;
  }

  private file(name: 'file' | 'templatefile', argument: HclNode, call: HclNode, place: Place): void {
    const target = unwrapExpression(argument);
    const template = target.type === 'literal_value' ? target.namedChild(0) : target;
    const decoded = template ? decodeString(template, this.host) : undefined;
    let path: string | undefined;
    if (decoded) {
      const node = decodedToNode(decoded, 0, decoded.text.length, hclRange(argument), 'hcl');
      if (node.kind === 'scalar') path = String(node.value);
      else if (node.kind === 'text') {
        const [first, ...rest] = node.parts;
        const modulePath = first?.kind === 'hole' && /^path\.(module|root|cwd)$/.test(first.hole.templateExpression ?? '');
        if (modulePath && rest.every((part) => part.kind === 'literal')) path = rest.map((part) => (part.kind === 'literal' ? part.value : '')).join('').replace(/^\/+/, '');
      }
    }
    this.files.push({
      pointer: place.pointer,
      function: name,
      path,
      pathSource: argument.text,
      pathRange: hclRange(argument),
      ...(place.kind ? { kind: place.kind } : {}),
      hostResourceType: place.hostResourceType,
      ...(place.attachedResourceType ? { attachedResourceType: place.attachedResourceType } : {}),
      label: place.label,
      range: hclRange(call),
    });
  }

  private report(root: HostNode, range: HostRange, place: Place): void {
    this.policies.push({
      pointer: place.pointer,
      ...(place.kind ? { kind: place.kind } : {}),
      hostResourceType: place.hostResourceType,
      ...(place.attachedResourceType ? { attachedResourceType: place.attachedResourceType } : {}),
      label: place.label,
      root,
      range,
    });
  }

  private use(name: string, place: Place): void {
    const list = this.usages.get(name) ?? [];
    list.push({ pointer: place.pointer, ...(place.kind ? { kind: place.kind } : {}), ...(place.attachedResourceType ? { attachedResourceType: place.attachedResourceType } : {}), what: place.what });
    this.usages.set(name, list);
  }

  /** Arguments of a block (and its nested blocks) whose value holds a policy-shaped JSON. */
  private sniffBody(body: HclNode, address: string, hostType: string, covered?: ReadonlySet<HclNode>, depth = 0): void {
    if (depth > 3) return;
    for (const attribute of childrenOfType(body, 'attribute')) {
      if (covered?.has(attribute)) continue;
      const name = attributeName(attribute);
      const value = firstChildOfType(attribute, 'expression');
      if (name && value) this.sniff(value, `${address}/${name}`, hostType, 0);
    }
    const counts = new Map<string, number>();
    for (const nested of childrenOfType(body, 'block')) {
      const { type, labels } = blockHeader(nested);
      const blockName = type === 'dynamic' ? labels[0] ?? type : type;
      const index = counts.get(blockName) ?? 0;
      counts.set(blockName, index + 1);
      const target = type === 'dynamic' ? childrenOfType(firstChildOfType(nested, 'body') ?? nested, 'block').find((inner) => blockHeader(inner).type === 'content') : nested;
      const innerBody = target ? firstChildOfType(target, 'body') : undefined;
      if (innerBody) this.sniffBody(innerBody, `${address}/${blockName}/${index}`, hostType, covered, depth + 1);
    }
  }

  /** A value outside the table: a policy when it is a `jsonencode` object or JSON with a `Statement`. */
  private sniff(value: HclNode, pointer: string, hostType: string, depth: number): void {
    if (depth > 4) return;
    const place: Place = { pointer, label: pointer, hostResourceType: hostType, what: 'policy' };
    const document = policyDocumentReference(value);
    if (document !== undefined) {
      this.use(`data.aws_iam_policy_document.${document}`, place);
      return;
    }
    const target = unwrapExpression(value);
    if (target.type === 'function_call') {
      const name = firstChildOfType(target, 'identifier')?.text;
      const args = childrenOfType(firstChildOfType(target, 'function_arguments') ?? target, 'expression');
      if (name === 'jsonencode' && args[0]) {
        const object = objectOf(args[0]);
        if (object) {
          const node = objectToNode(object, this.host);
          if (node.entries.some((entry) => entry.key === 'Statement')) this.report(node, hclRange(target), place);
        }
      }
      return;
    }
    if (target.type === 'collection_value') {
      const collection = target.namedChild(0);
      if (collection?.type === 'tuple') {
        childrenOfType(collection, 'expression').forEach((item, index) => this.sniff(item, `${pointer}/${index}`, hostType, depth + 1));
      } else if (collection?.type === 'object') {
        // An HCL object with a `Statement` is a policy that is encoded elsewhere
        // (`locals { policy = { Statement = [...] } }` then `jsonencode(local.policy)`).
        const node = objectToNode(collection, this.host);
        if (node.entries.some((entry) => entry.key === 'Statement')) {
          this.report(node, hclRange(collection), place);
          return;
        }
        for (const element of childrenOfType(collection, 'object_elem')) {
          const key = element.childForFieldName('key');
          const elementValue = element.childForFieldName('val');
          const keyText = key ? keyName(key, this.host) : undefined;
          if (keyText !== undefined && elementValue) this.sniff(elementValue, `${pointer}/${keyText}`, hostType, depth + 1);
        }
      }
      return;
    }
    const inner = singleInterpolation(target);
    if (inner) {
      this.sniff(inner, pointer, hostType, depth + 1);
      return;
    }
    this.jsonString(target, place, true);
  }

  /** Reports each policy document once, merged, with the kind of the places that use it. */
  private reportDocuments(): void {
    // Documents merged into others take the kinds of the others' uses: record that first.
    for (const document of this.documents.values()) {
      for (const expression of [...document.sources, ...document.overrides]) {
        const reference = policyDocumentReference(expression);
        if (reference !== undefined) this.flow(`data.aws_iam_policy_document.${reference}`, `data.aws_iam_policy_document.${document.name}`);
      }
    }
    const usagesOf = (name: string, seen: Set<string>): Usage[] => {
      if (seen.has(name)) return [];
      seen.add(name);
      const direct = this.usages.get(name) ?? [];
      const inherited = (this.flowsInto.get(name) ?? []).flatMap((parent) => usagesOf(parent, seen));
      return [...direct, ...inherited];
    };
    const kindOf = (name: string): EmbeddedPolicyKind | undefined => usagesOf(`data.aws_iam_policy_document.${name}`, new Set()).find((usage) => usage.kind !== undefined)?.kind;

    const merged = new Map<string, HostNode[]>();
    const unknown = new Map<string, HclNode[]>();
    const statementsOf = (document: PolicyDocumentBlock, visiting: Set<string>): HostNode[] => {
      const done = merged.get(document.name);
      if (done) return done;
      visiting.add(document.name);
      const unknownSources: HclNode[] = [];
      const read = (expression: HclNode): HostNode[] | undefined => {
        const reference = policyDocumentReference(expression);
        if (reference !== undefined) {
          const other = this.documents.get(reference);
          if (!other || visiting.has(reference)) return undefined;
          return statementsOf(other, visiting);
        }
        return this.statementsOfValue(expression);
      };
      let statements: HostNode[] = [];
      for (const source of document.sources) {
        const read_ = read(source);
        if (read_) statements.push(...read_);
        else unknownSources.push(source);
      }
      const kind = kindOf(document.name);
      statements = mergeStatements(statements, document.statements({ principalRequired: kind === 'trust' || kind === 'resource' || kind === 'rcp', trust: kind === 'trust' }));
      for (const override of document.overrides) {
        const read_ = read(override);
        if (read_) statements = mergeStatements(statements, read_);
        else unknownSources.push(override);
      }
      visiting.delete(document.name);
      merged.set(document.name, statements);
      unknown.set(document.name, unknownSources);
      return statements;
    };
    for (const document of this.documents.values()) {
      try {
        statementsOf(document, new Set());
      } catch (error) {
        // A defect must not cost the other documents; this one is reported with what is known.
        merged.set(document.name, []);
        this.problems.push({ cause: 'defect', message: `The statements of \`data.aws_iam_policy_document.${document.name}\` could not be read: ${error instanceof Error ? error.message : String(error)}`, range: hclRange(document.block) });
      }
    }

    for (const document of this.documents.values()) {
      const pointer = `data.aws_iam_policy_document.${document.name}`;
      const usages = usagesOf(pointer, new Set());
      const kinded = usages.filter((usage) => usage.kind !== undefined);
      const kinds = [...new Set(kinded.map((usage) => usage.kind!))];
      const kind = kinds[0];
      const labelNode = document.block.namedChildren.filter((child) => child?.type === 'string_lit')[1] ?? document.block;
      if (kinds.length > 1) {
        const uses = kinds.map((k) => `${KIND_WORDS[k]} by \`${kinded.find((usage) => usage.kind === k)!.pointer}\``).join(' and as ');
        this.problems.push({ cause: 'kinds', message: `\`${pointer}\` is used as ${uses}; it is checked as ${KIND_WORDS[kind!]}.`, range: hclRange(labelNode) });
      }
      const attached = [...new Set(kinded.filter((usage) => usage.kind === kind).map((usage) => usage.attachedResourceType))];
      this.policies.push({
        pointer,
        ...(kind ? { kind } : {}),
        hostResourceType: 'aws_iam_policy_document',
        ...(attached.length === 1 && attached[0] ? { attachedResourceType: attached[0] } : {}),
        label: pointer,
        root: documentNode(document, merged.get(document.name) ?? [], unknown.get(document.name) ?? []),
        range: hclRange(document.block),
        ...(usages.length > 0 ? { usedAt: [...new Set(usages.map((usage) => usage.pointer))] } : {}),
      });
    }
    // Locals and rendered templates that hold a policy get the kind of the place that uses them.
    for (const policy of this.policies) {
      if (policy.kind || policy.pointer.startsWith('data.aws_iam_policy_document.')) continue;
      const usages = usagesOf(policy.pointer, new Set()).filter((usage) => usage.kind !== undefined);
      const kinds = [...new Set(usages.map((usage) => usage.kind!))];
      if (kinds.length === 0) continue;
      const index = this.policies.indexOf(policy);
      const attached = usages[0]!.attachedResourceType;
      this.policies[index] = { ...policy, kind: kinds[0]!, ...(attached ? { attachedResourceType: attached } : {}) };
      if (kinds.length > 1) {
        const uses = kinds.map((k) => `${KIND_WORDS[k]} by \`${usages.find((usage) => usage.kind === k)!.pointer}\``).join(' and as ');
        this.problems.push({ cause: 'kinds', message: `\`${policy.pointer}\` is used as ${uses}; it is checked as ${KIND_WORDS[kinds[0]!]}.`, range: policy.range });
      }
    }
  }

  /** The statements of a document given as a value (`jsonencode`, a JSON string), or undefined. */
  private statementsOfValue(expression: HclNode): HostNode[] | undefined {
    const target = unwrapExpression(expression);
    let root: HostNode | undefined;
    if (target.type === 'function_call' && firstChildOfType(target, 'identifier')?.text === 'jsonencode') {
      const argument = childrenOfType(firstChildOfType(target, 'function_arguments') ?? target, 'expression')[0];
      const object = argument ? objectOf(argument) : undefined;
      root = object ? objectToNode(object, this.host) : undefined;
    } else {
      const template = target.type === 'literal_value' ? target.namedChild(0) : target;
      const decoded = template && (template.type === 'template_expr' || template.type === 'string_lit') ? decodeString(template, this.host) : undefined;
      if (decoded && singleInterpolation(target) === undefined) root = parseJsonInString(decoded, 'json').root;
    }
    if (!root || root.kind !== 'map') return undefined;
    const statement = root.entries.find((entry) => entry.key === 'Statement')?.value;
    if (!statement) return [];
    return statement.kind === 'seq' ? [...statement.items] : [statement];
  }
}

/**
 * The name under which a referenced value's uses are recorded: `local.x`, or the pointer of the
 * `template` of a `data "template_file"` read through its `rendered` attribute.
 */
function namedValue(traversal: ReturnType<typeof traversalOf>): string | undefined {
  if (!traversal) return undefined;
  if (traversal.root === 'local' && traversal.names.length >= 1) return `local.${traversal.names[0]}`;
  if (traversal.root === 'data' && traversal.names[0] === 'template_file' && traversal.names[2] === 'rendered') return `data.template_file.${traversal.names[1]}/template`;
  return undefined;
}

/** Whether a block sits at the top of the file (possibly inside error-recovery nodes). */
function isTopLevel(block: HclNode): boolean {
  for (let ancestor = block.parent; ancestor; ancestor = ancestor.parent) if (ancestor.type === 'block') return false;
  return true;
}

/**
 * Whether a top-level block may hold or pass on a policy, judged from its raw text so that the
 * syntax tree of the others (most of a large configuration) need not be copied: it mentions
 * `Statement`, a policy document or a local value, or it is a Lambda permission or function URL, or a resource type of the table and
 * mentions one of its policy arguments. A false "yes" only costs time.
 */
function mayHoldPolicy(block: HclNode): boolean {
  const text = block.text;
  if (/Statement|aws_iam_policy_document|local\.|template_file|aws_lambda_permission|aws_lambda_layer_version_permission|aws_lambda_function_url/.test(text)) return true;
  const brace = text.indexOf('{');
  const header = brace < 0 ? text : text.slice(0, brace);
  for (const word of header.match(/[A-Za-z0-9_]+/g) ?? []) {
    for (const place of placesOf(word)) if (text.includes(place.path[0]!)) return true;
  }
  return false;
}

/** The blocks of the file, including those that error recovery put inside `ERROR` nodes. */
function topLevelBlocks(root: HclNode): HclNode[] {
  const blocks: HclNode[] = [];
  const visit = (node: HclNode, depth: number): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'block') blocks.push(child);
      else if ((child.type === 'body' || child.type === 'ERROR') && depth < 8) visit(child, depth + 1);
    }
  };
  visit(root, 0);
  return blocks;
}

function attributeName(attribute: HclNode): string | undefined {
  return firstChildOfType(attribute, 'identifier')?.text;
}

function attributeOf(body: HclNode, name: string): HclNode | undefined {
  return childrenOfType(body, 'attribute').find((attribute) => attributeName(attribute) === name);
}

/** The attributes of a place in a resource body, with their pointers (nested blocks indexed). */
function placeAttributes(body: HclNode, place: TerraformPolicyPlace, address: string): { attribute: HclNode; pointer: string }[] {
  const [first, ...rest] = place.path;
  if (rest.length === 0) {
    const attribute = attributeOf(body, first!);
    return attribute ? [{ attribute, pointer: `${address}/${first}` }] : [];
  }
  const found: { attribute: HclNode; pointer: string }[] = [];
  let index = 0;
  for (const nested of childrenOfType(body, 'block')) {
    const { type, labels } = blockHeader(nested);
    let target: HclNode | undefined;
    if (type === first) target = nested;
    else if (type === 'dynamic' && labels[0] === first) target = childrenOfType(firstChildOfType(nested, 'body') ?? nested, 'block').find((inner) => blockHeader(inner).type === 'content');
    else continue;
    const innerBody = target ? firstChildOfType(target, 'body') : undefined;
    if (innerBody) {
      for (const inner of placeAttributes(innerBody, { ...place, path: rest }, `${address}/${first}/${index}`)) found.push(inner);
    }
    index += 1;
  }
  return found;
}

/** Whether a `jsonencode` argument is written as a tuple, a number or a boolean (a literal that is not an object). */
function isLiteralNonObject(argument: HclNode): boolean {
  const target = unwrapExpression(argument);
  if (target.type === 'collection_value') return target.namedChild(0)?.type === 'tuple';
  const literal = target.type === 'literal_value' ? target.namedChild(0)?.type : undefined;
  return literal === 'numeric_lit' || literal === 'bool_lit';
}

/** The object literal of a `jsonencode` argument, or undefined. */
function objectOf(argument: HclNode): HclNode | undefined {
  const target = unwrapExpression(argument);
  if (target.type !== 'collection_value') return undefined;
  const object = target.namedChild(0);
  return object?.type === 'object' ? object : undefined;
}

function keyName(key: HclNode, host: string): string | undefined {
  const target = unwrapExpression(key);
  if (target.type === 'variable_expr') return target.text;
  const template = target.type === 'literal_value' ? target.namedChild(0) : target;
  const decoded = template ? decodeString(template, host) : undefined;
  return decoded ? sampleText(decodedToNode(decoded, 0, decoded.text.length, hclRange(template!), 'hcl')) : undefined;
}

export { clearHclCache, initTerraform, terraformReady, TERRAFORM_WASM_FILES } from './hclParser';
export { terraformResourceType } from './references';
