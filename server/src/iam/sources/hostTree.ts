/**
 * The format-neutral tree that host formats (standalone JSON, CloudFormation JSON/YAML, Terraform)
 * hand to the embedded-policy layer. A host format reads its own syntax, resolves what it can of its
 * own functions (CloudFormation intrinsics, Terraform interpolations), and describes each embedded
 * policy as a tree of maps, sequences, scalars and texts with holes, every node with its range in the
 * host text. The printer (`virtualPolicy.ts`) turns such a tree into JSON policy text for the
 * unchanged policy parser, validators, completion and evaluator, and keeps the map back to the host.
 *
 * Offsets are UTF-16 code-unit offsets into the host text, half-open ranges `[start, end)`.
 */

/** A half-open range of host-text offsets. */
export interface HostRange {
  readonly start: number;
  readonly end: number;
}

/**
 * How a host scalar's characters sit in the host text, for mapping a position inside the value.
 * - `offsets`: the host offset of every character of the value, plus one more for its end
 *   (escapes decoded, indentation skipped); `offsets.length === value.length + 1`.
 * - absent: the value maps only as a whole (to the node's range).
 */
export type CharOffsets = readonly number[];

/** How a scalar is written in the host, so that an edit can be rendered in the same syntax. */
export type ScalarStyle =
  | 'json' // a JSON string or literal (CloudFormation JSON, jsonencode objects, heredoc JSON)
  | 'yaml-plain'
  | 'yaml-single'
  | 'yaml-double'
  | 'yaml-block'
  | 'hcl' // an HCL string template "..."
  | 'other';

/** What is known of a value that the host computes when it deploys (a hole in a string). */
export interface Hole {
  /**
   * The text that stands for the hole in the virtual policy: a representative value of the right
   * shape (`aws` for a partition, `123456789012` for an account id, a sample ARN of the referenced
   * resource type) or, when nothing is known, a neutral word made from the reference's name.
   */
  readonly sample: string;
  /**
   * True when the sample has the shape of every value the hole can take (a partition, a Region, an
   * account id, the ARN of a bucket of this template): findings on text that includes the hole are
   * then trusted. False for an unknown value: a finding that lands on the string holding the hole
   * may be caused by it and is dropped.
   */
  readonly shaped: boolean;
  /** How the host writes the hole, e.g. `${AWS::AccountId}`, `!GetAtt Bucket.Arn`, `${var.name}`. */
  readonly source: string;
  /**
   * The expression to write the hole back inside a host string template when a fix rewrites the
   * string: `MyBucket.Arn` for CloudFormation's `${MyBucket.Arn}`, `aws_s3_bucket.b.arn` for
   * Terraform's `${aws_s3_bucket.b.arn}`. Absent when the hole cannot be written inside a string.
   */
  readonly templateExpression?: string;
  /** A human description for hovers, e.g. `the ARN of bucket MyBucket (AWS::S3::Bucket)`. */
  readonly description: string;
  /** The resource type the value refers to, when known (`AWS::S3::Bucket`, `aws_s3_bucket`). */
  readonly resourceType?: string;
}

/** A piece of a text: literal characters or a hole. */
export type TextPart =
  | { readonly kind: 'literal'; readonly value: string; readonly offsets?: CharOffsets; readonly range: HostRange }
  | { readonly kind: 'hole'; readonly hole: Hole; readonly range: HostRange };

/** A key of a map with its range. */
export interface HostEntry {
  readonly key: string;
  readonly keyRange: HostRange;
  /** Offsets of the key's characters, when they map one to one. */
  readonly keyOffsets?: CharOffsets;
  /** Undefined while the value is being typed (`Effect:` with nothing after it). */
  readonly value: HostNode | undefined;
  /**
   * Set when the key stands for several keys of the host (the `test` of Terraform `condition` blocks
   * that share an operator): an edit of it cannot be written at one place.
   */
  readonly keyShared?: boolean;
  /** The whole entry, key through value. */
  readonly range: HostRange;
}

export interface HostMap {
  readonly kind: 'map';
  readonly range: HostRange;
  readonly entries: readonly HostEntry[];
}

export interface HostSeq {
  readonly kind: 'seq';
  readonly range: HostRange;
  readonly items: readonly HostNode[];
}

export interface HostScalar {
  readonly kind: 'scalar';
  readonly range: HostRange;
  readonly value: string | number | boolean | null;
  readonly style: ScalarStyle;
  /** For strings: where each character sits, when known (see `CharOffsets`). */
  readonly offsets?: CharOffsets;
}

/** A string with holes: `!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'`, `"arn:aws:s3:::${var.b}"`. */
export interface HostText {
  readonly kind: 'text';
  readonly range: HostRange;
  readonly parts: readonly TextPart[];
  /** How the host wrote it, for rendering a fix that rewrites the whole string. */
  readonly style: ScalarStyle;
  /** Set when the host wrote it as a template string function (`Fn::Sub`), for rendering fixes. */
  readonly template?: 'cfn-sub' | 'hcl';
}

export type HostNode = HostMap | HostSeq | HostScalar | HostText;

/**
 * The text a string value stands for, each hole written as its sample (a scalar's text, `undefined`
 * for `null`, maps and lists): what checks that need a plain string read.
 */
export function sampleText(node: HostNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value === null ? undefined : String(node.value);
  if (node.kind === 'text') return node.parts.map((part) => (part.kind === 'literal' ? part.value : part.hole.sample)).join('');
  return undefined;
}

/**
 * A value as parts of a text, for joining values into one string: a scalar is a literal, a text its
 * parts, anything else (a map, a list) one unknown part at `range`, described by `source`.
 */
export function textPartsOf(value: HostNode, range: HostRange, source: string): TextPart[] {
  if (value.kind === 'scalar') {
    return [{ kind: 'literal', value: value.value === null ? '' : String(value.value), offsets: typeof value.value === 'string' ? value.offsets : undefined, range: value.range }];
  }
  if (value.kind === 'text') return [...value.parts];
  return [{ kind: 'hole', hole: { sample: 'value', shaped: false, source, description: 'a value that is not a string' }, range }];
}

/** The entry of a map node under `key` (the first, for a repeated key); undefined for other nodes. */
export function mapEntry(node: HostNode | undefined, key: string): HostEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((candidate) => candidate.key === key) : undefined;
}

/**
 * Whether a literal value names the resource called `name`: the name itself, or a URL or ARN that
 * ends with it (a queue policy's queue URL, a topic policy's topic ARN).
 */
export function literalNames(value: string, name: string): boolean {
  return value === name || value.endsWith(`/${name}`) || value.endsWith(`:${name}`);
}

/** The policy kinds (the same names as `iam/document/policyKind`). */
export type EmbeddedPolicyKind = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'boundary' | 'session';

/** One policy found inside a host document. */
export interface EmbeddedPolicy {
  /**
   * Where the policy sits: a JSON Pointer into a CloudFormation template
   * (`/Resources/AppRole/Properties/AssumeRolePolicyDocument`), a Terraform address path
   * (`data.aws_iam_policy_document.assume`), or `""` for a standalone policy file.
   */
  readonly pointer: string;
  /** The kind that the place gives the policy, when it gives one. */
  readonly kind?: EmbeddedPolicyKind;
  /** The host's resource type that holds the policy (`AWS::IAM::Role`, `aws_iam_role`). */
  readonly hostResourceType?: string;
  /**
   * The resource type the policy applies to (`AWS::S3::Bucket` for a bucket policy), when the host
   * tells it: resource policies are checked against the resource they are attached to.
   */
  readonly attachedResourceType?: string;
  /** A short human label: `AppRole trust policy`, `data.aws_iam_policy_document.assume`. */
  readonly label: string;
  /** The policy document itself. */
  readonly root: HostNode;
  /** The range of the policy document in the host text. */
  readonly range: HostRange;
  /**
   * For a policy that the host expands from a published definition (a SAM policy template): the range
   * every node of the definition maps to. Findings there are about text the user did not write and
   * cannot change, and are not reported; findings on the values the user gave are.
   */
  readonly definitionRange?: HostRange;
  /**
   * For a document that other places use by reference (a Terraform `aws_iam_policy_document` used
   * through `.json`): the pointers of those places, e.g. `aws_iam_role.app/assume_role_policy`.
   */
  readonly usedAt?: readonly string[];
  /**
   * Set when the host writes no policy document here: Lambda writes the policy from the resource's
   * properties (`function`: an `AWS::Lambda::Permission`, a Terraform `aws_lambda_permission`;
   * `layer`: their layer version counterparts). Its
   * keys and values map to those properties, so findings land on them, but the policy's own fixes,
   * completion and hover are not offered there (they would write policy syntax into the resource).
   */
  readonly rendered?: 'function' | 'layer';
  /**
   * Set on a permission that SAM adds for an event source of an `AWS::Serverless::Function`: its
   * arguments are the event's properties (`SkillId`), or computed by SAM, not a permission's.
   */
  readonly samEvent?: boolean;
}
