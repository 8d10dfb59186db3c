/**
 * What Terraform references stand for in a policy: a value known only when Terraform applies the
 * configuration becomes a hole (see `Hole` in `hostTree.ts`). References whose shape is known (the
 * account id of `data.aws_caller_identity`, the partition of `data.aws_partition`, the ARN of a
 * bucket declared as `aws_s3_bucket.b`) are shaped holes with a representative sample, so that
 * findings on the text around them are trusted; anything else is an unshaped hole whose sample is a
 * neutral word made from the reference's name.
 */
import type { Hole } from '../hostTree';

/** The account id, Region and partition used in samples, the same as the completion defaults. */
/** The account id that `data.aws_caller_identity` and the ARNs of this configuration's resources sample: the account Terraform deploys into. */
export const TERRAFORM_SAMPLE_ACCOUNT = '123456789012';
const SAMPLE_ACCOUNT = TERRAFORM_SAMPLE_ACCOUNT;
const SAMPLE_REGION = 'us-east-1';
const SAMPLE_PARTITION = 'aws';

/** How the attributes of one Terraform resource type look, for samples of references to it. */
export interface ResourceTypeSamples {
  /** The CloudFormation name of the same type, shared with the CloudFormation host format. */
  readonly cfnType: string;
  /** The IAM service prefix and the Service Authorization Reference resource type of the `arn`. */
  readonly arnResource: { readonly service: string; readonly resourceType: string };
  /** Attribute name → sample, built from the resource's (sanitised) name in the configuration. */
  readonly attributes: Readonly<Record<string, (name: string) => string>>;
}

const A = SAMPLE_ACCOUNT;
const R = SAMPLE_REGION;
const P = SAMPLE_PARTITION;
const same = (name: string): string => name;

/**
 * Samples of the attributes that policies reference, per Terraform resource type. The ARN formats
 * are those of the Service Authorization Reference ("Resource types defined by ..." of each
 * service); `id` is what the AWS provider documents as the resource's id (a name, a URL or an ARN).
 * A test checks every `arn` sample against the catalog's ARN templates. To support another type,
 * add an entry here.
 */
export const RESOURCE_TYPE_SAMPLES: Readonly<Record<string, ResourceTypeSamples>> = {
  aws_s3_bucket: {
    cfnType: 'AWS::S3::Bucket',
    arnResource: { service: 's3', resourceType: 'bucket' },
    attributes: { arn: (n) => `arn:${P}:s3:::${n}`, id: same, bucket: same },
  },
  aws_sqs_queue: {
    cfnType: 'AWS::SQS::Queue',
    arnResource: { service: 'sqs', resourceType: 'queue' },
    attributes: { arn: (n) => `arn:${P}:sqs:${R}:${A}:${n}`, id: (n) => `https://sqs.${R}.amazonaws.com/${A}/${n}`, url: (n) => `https://sqs.${R}.amazonaws.com/${A}/${n}`, name: same },
  },
  aws_sns_topic: {
    cfnType: 'AWS::SNS::Topic',
    arnResource: { service: 'sns', resourceType: 'topic' },
    attributes: { arn: (n) => `arn:${P}:sns:${R}:${A}:${n}`, id: (n) => `arn:${P}:sns:${R}:${A}:${n}`, name: same },
  },
  aws_kms_key: {
    cfnType: 'AWS::KMS::Key',
    arnResource: { service: 'kms', resourceType: 'key' },
    attributes: { arn: () => `arn:${P}:kms:${R}:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, id: () => '1234abcd-12ab-34cd-56ef-1234567890ab', key_id: () => '1234abcd-12ab-34cd-56ef-1234567890ab' },
  },
  aws_kms_alias: {
    cfnType: 'AWS::KMS::Alias',
    arnResource: { service: 'kms', resourceType: 'alias' },
    attributes: { arn: (n) => `arn:${P}:kms:${R}:${A}:alias/${n}`, name: (n) => `alias/${n}`, id: (n) => `alias/${n}` },
  },
  aws_iam_role: {
    cfnType: 'AWS::IAM::Role',
    arnResource: { service: 'iam', resourceType: 'role' },
    attributes: { arn: (n) => `arn:${P}:iam::${A}:role/${n}`, id: same, name: same },
  },
  aws_iam_user: {
    cfnType: 'AWS::IAM::User',
    arnResource: { service: 'iam', resourceType: 'user' },
    attributes: { arn: (n) => `arn:${P}:iam::${A}:user/${n}`, id: same, name: same },
  },
  aws_iam_group: {
    cfnType: 'AWS::IAM::Group',
    arnResource: { service: 'iam', resourceType: 'group' },
    attributes: { arn: (n) => `arn:${P}:iam::${A}:group/${n}`, id: same, name: same },
  },
  aws_iam_policy: {
    cfnType: 'AWS::IAM::ManagedPolicy',
    arnResource: { service: 'iam', resourceType: 'policy' },
    attributes: { arn: (n) => `arn:${P}:iam::${A}:policy/${n}`, id: (n) => `arn:${P}:iam::${A}:policy/${n}`, name: same },
  },
  aws_iam_instance_profile: {
    cfnType: 'AWS::IAM::InstanceProfile',
    arnResource: { service: 'iam', resourceType: 'instance-profile' },
    attributes: { arn: (n) => `arn:${P}:iam::${A}:instance-profile/${n}`, id: same, name: same },
  },
  aws_lambda_function: {
    cfnType: 'AWS::Lambda::Function',
    arnResource: { service: 'lambda', resourceType: 'function' },
    attributes: { arn: (n) => `arn:${P}:lambda:${R}:${A}:function:${n}`, qualified_arn: (n) => `arn:${P}:lambda:${R}:${A}:function:${n}:1`, function_name: same, id: same },
  },
  aws_dynamodb_table: {
    cfnType: 'AWS::DynamoDB::Table',
    arnResource: { service: 'dynamodb', resourceType: 'table' },
    attributes: { arn: (n) => `arn:${P}:dynamodb:${R}:${A}:table/${n}`, stream_arn: (n) => `arn:${P}:dynamodb:${R}:${A}:table/${n}/stream/2024-01-01T00:00:00.000`, id: same, name: same },
  },
  aws_secretsmanager_secret: {
    cfnType: 'AWS::SecretsManager::Secret',
    arnResource: { service: 'secretsmanager', resourceType: 'Secret' },
    attributes: { arn: (n) => `arn:${P}:secretsmanager:${R}:${A}:secret:${n}-${SECRET_SUFFIX}`, id: (n) => `arn:${P}:secretsmanager:${R}:${A}:secret:${n}-${SECRET_SUFFIX}`, name: same },
  },
  aws_ecr_repository: {
    cfnType: 'AWS::ECR::Repository',
    arnResource: { service: 'ecr', resourceType: 'repository' },
    attributes: { arn: (n) => `arn:${P}:ecr:${R}:${A}:repository/${n}`, id: same, name: same },
  },
  aws_cloudwatch_log_group: {
    cfnType: 'AWS::Logs::LogGroup',
    arnResource: { service: 'logs', resourceType: 'log-group' },
    // The provider's `arn` has no trailing `:*` (unlike CloudFormation's `Arn`).
    attributes: { arn: (n) => `arn:${P}:logs:${R}:${A}:log-group:${n}`, id: same, name: same },
  },
  aws_kinesis_stream: {
    cfnType: 'AWS::Kinesis::Stream',
    arnResource: { service: 'kinesis', resourceType: 'stream' },
    attributes: { arn: (n) => `arn:${P}:kinesis:${R}:${A}:stream/${n}`, id: (n) => `arn:${P}:kinesis:${R}:${A}:stream/${n}`, name: same },
  },
  aws_kinesis_firehose_delivery_stream: {
    cfnType: 'AWS::KinesisFirehose::DeliveryStream',
    arnResource: { service: 'firehose', resourceType: 'deliverystream' },
    attributes: { arn: (n) => `arn:${P}:firehose:${R}:${A}:deliverystream/${n}`, id: (n) => `arn:${P}:firehose:${R}:${A}:deliverystream/${n}`, name: same },
  },
  aws_ssm_parameter: {
    cfnType: 'AWS::SSM::Parameter',
    arnResource: { service: 'ssm', resourceType: 'parameter' },
    attributes: { arn: (n) => `arn:${P}:ssm:${R}:${A}:parameter/${n}`, id: same, name: same },
  },
  aws_sfn_state_machine: {
    cfnType: 'AWS::StepFunctions::StateMachine',
    arnResource: { service: 'states', resourceType: 'stateMachine' },
    attributes: { arn: (n) => `arn:${P}:states:${R}:${A}:stateMachine:${n}`, id: (n) => `arn:${P}:states:${R}:${A}:stateMachine:${n}`, name: same },
  },
  aws_cloudwatch_event_bus: {
    cfnType: 'AWS::Events::EventBus',
    arnResource: { service: 'events', resourceType: 'event-bus' },
    attributes: { arn: (n) => `arn:${P}:events:${R}:${A}:event-bus/${n}`, id: same, name: same },
  },
  aws_cloudwatch_event_rule: {
    cfnType: 'AWS::Events::Rule',
    arnResource: { service: 'events', resourceType: 'rule-on-default-event-bus' },
    attributes: { arn: (n) => `arn:${P}:events:${R}:${A}:rule/${n}`, id: same, name: same },
  },
  aws_codebuild_project: {
    cfnType: 'AWS::CodeBuild::Project',
    arnResource: { service: 'codebuild', resourceType: 'project' },
    attributes: { arn: (n) => `arn:${P}:codebuild:${R}:${A}:project/${n}`, id: (n) => `arn:${P}:codebuild:${R}:${A}:project/${n}`, name: same },
  },
  aws_efs_file_system: {
    cfnType: 'AWS::EFS::FileSystem',
    arnResource: { service: 'elasticfilesystem', resourceType: 'file-system' },
    attributes: { arn: () => `arn:${P}:elasticfilesystem:${R}:${A}:file-system/fs-0123456789abcdef0`, id: () => 'fs-0123456789abcdef0' },
  },
};

/**
 * What is known of a Terraform resource type that references name (`Hole.resourceType`): its
 * CloudFormation name and the Service Authorization Reference resource type of its `arn`, so that
 * both host formats share one resource-type knowledge. Undefined for types outside the table.
 */
export function terraformResourceType(type: string): { readonly cfnType: string; readonly arnResource: { readonly service: string; readonly resourceType: string } } | undefined {
  const samples = RESOURCE_TYPE_SAMPLES[type];
  return samples ? { cfnType: samples.cfnType, arnResource: samples.arnResource } : undefined;
}

/** The attribute values of data sources that have one shape whatever the account. */
const DATA_SOURCE_SAMPLES: Readonly<Record<string, Readonly<Record<string, { sample: string; description: string }>>>> = {
  aws_caller_identity: { account_id: { sample: A, description: 'the account id that Terraform runs in' } },
  aws_partition: {
    partition: { sample: P, description: 'the partition that Terraform runs in' },
    dns_suffix: { sample: 'amazonaws.com', description: 'the DNS suffix of the partition' },
    reverse_dns_prefix: { sample: 'com.amazonaws', description: 'the reverse DNS prefix of the partition' },
  },
  aws_region: {
    name: { sample: R, description: 'the Region that Terraform runs in' },
    region: { sample: R, description: 'the Region that Terraform runs in' },
    id: { sample: R, description: 'the Region that Terraform runs in' },
  },
};

/** A reference as a traversal: `aws_s3_bucket.b[0].arn` → root `aws_s3_bucket`, names `b`, `arn`. */
export interface Traversal {
  readonly root: string;
  /** The attribute names after the root, index steps left out. */
  readonly names: readonly string[];
}

/** A name usable inside an ARN or a bucket name: lower case letters, digits and hyphens. */
function neutralWord(name: string): string {
  const word = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return word === '' ? 'value' : word;
}

/** What a reference to a resource of a known type gives, or undefined. */
function resourceAttributeHole(type: string, name: string, attribute: string | undefined, data = false): Omit<Hole, 'source' | 'templateExpression'> | undefined {
  const samples = RESOURCE_TYPE_SAMPLES[type];
  const make = attribute === undefined ? undefined : samples?.attributes[attribute];
  if (!samples || !make || attribute === undefined) return undefined;
  return {
    // The deployment's account and Region go into the sample's form, not into the name (a bucket may be named `logs-us-east-1`).
    sample: withSecretSuffix(deployed(make('\u0001')).split('\u0001').join(configuration.names.get(`${data ? 'data.' : ''}${type}.${name}`) ?? neutralWord(name)), configuration.suffixes?.[`${data ? 'data.' : ''}${type}.${name}`]),
    shaped: true,
    description: `the ${attribute} of ${type}.${name} (${samples.cfnType})`,
    resourceType: type,
  };
}

/**
 * The hole for a reference written `source` in the host (with `${...}` when it is interpolated) and
 * `expression` as a Terraform expression.
 */
/**
 * What is known of the configuration being read, for `referenceHole`: the literal defaults of its
 * variables, the literal names its resources are given (`bucket = "acme-data"`, by `type.name` or
 * `data.type.name`), and, when a simulation says so, the account and Region it is deployed into.
 */
export interface TerraformConfiguration {
  readonly defaults: ReadonlyMap<string, string>;
  readonly names: ReadonlyMap<string, string>;
  readonly account?: string;
  readonly region?: string;
  /** The six random characters Secrets Manager added to a secret's ARN, by address, as a message shows them. */
  readonly suffixes?: Readonly<Record<string, string>>;
}

let configuration: TerraformConfiguration = { defaults: new Map(), names: new Map() };

/** Runs `read` with what is known of the configuration (see `TerraformConfiguration`). */
export function withConfiguration<T>(known: TerraformConfiguration, read: () => T): T {
  const previous = configuration;
  configuration = known;
  try {
    return read();
  } finally {
    configuration = previous;
  }
}

/** The attribute that names a resource of this type (`bucket`, `function_name`, `name`), when its value is the name in its ARN. */
export function nameAttribute(type: string): string | undefined {
  const attributes = RESOURCE_TYPE_SAMPLES[type]?.attributes;
  return attributes ? ['bucket', 'function_name', 'name'].find((name) => attributes[name] === same) : undefined;
}

/** The start of a Lambda function's or layer's ARN in the configuration's partition, Region and account: `arn:aws:lambda:us-east-1:123456789012:function:`. */
export function lambdaArnPrefix(type: 'function' | 'layer'): string {
  return deployed(`arn:${P}:lambda:${R}:${A}:${type}:`);
}

/**
 * The form of the ARN of a resource of this type that holds its name, with `{p}`, `{r}`, `{a}` and
 * `{n}` for its partition, Region, account and name (the placeholders of the CloudFormation samples).
 */
export function arnForm(type: string): string | undefined {
  const make = RESOURCE_TYPE_SAMPLES[type]?.attributes.arn;
  if (!make || !nameAttribute(type)) return undefined;
  const sample = make('\u0001');
  if (!sample.includes('\u0001') || !sample.startsWith(`arn:${SAMPLE_PARTITION}:`)) return undefined;
  return `arn:{p}:${sample.slice(`arn:${SAMPLE_PARTITION}:`.length)}`.split(SAMPLE_ACCOUNT).join('{a}').split(SAMPLE_REGION).join('{r}').replace('\u0001', '{n}').replace(new RegExp(`-${SECRET_SUFFIX}$`), '-{s}');
}

/** The random part that secret samples end in (`-AbCdEf`), as the CloudFormation samples' `{s}`. */
const SECRET_SUFFIX = 'AbCdEf';

/** A sample whose secret suffix is the one a deployment shows, when it gives one. */
function withSecretSuffix(sample: string, suffix: string | undefined): string {
  return suffix !== undefined && sample.endsWith(`-${SECRET_SUFFIX}`) ? `${sample.slice(0, -SECRET_SUFFIX.length)}${suffix}` : sample;
}

/** A sample with the deployment's account and Region, when a simulation gives them. */
function deployed(sample: string): string {
  let out = sample;
  if (configuration.account && configuration.account !== SAMPLE_ACCOUNT) out = out.split(SAMPLE_ACCOUNT).join(configuration.account);
  if (configuration.region && configuration.region !== SAMPLE_REGION) out = out.split(SAMPLE_REGION).join(configuration.region);
  return out;
}

export function referenceHole(traversal: Traversal | undefined, source: string, expression: string | undefined): Hole {
  const base = { source, ...(expression !== undefined ? { templateExpression: expression } : {}) };
  if (traversal) {
    const { root, names } = traversal;
    const defaultValue = root === 'var' && names.length === 1 ? configuration.defaults.get(names[0]!) : undefined;
    if (defaultValue !== undefined) return { ...base, sample: defaultValue, shaped: true, description: `variable \`${names[0]}\` (default \`${defaultValue}\`)` };
    if (root === 'data' && names.length >= 3) {
      const known = DATA_SOURCE_SAMPLES[names[0]!]?.[names[2]!];
      if (known && names.length === 3) return { ...base, sample: deployed(known.sample), shaped: true, description: known.description };
      const resource = names.length === 3 ? resourceAttributeHole(names[0]!, names[1]!, names[2], true) : undefined;
      if (resource) return { ...base, ...resource, description: `${resource.description}, read by a data source` };
    }
    if (/^aws_/.test(root) && names.length === 2) {
      const resource = resourceAttributeHole(root, names[0]!, names[1]);
      if (resource) return { ...base, ...resource };
    }
    const last = names.length > 0 ? names[names.length - 1]! : root;
    return { ...base, sample: unknownSample(last), shaped: false, description: `the value of \`${expression ?? source}\`, known when Terraform applies` };
  }
  return { ...base, sample: 'value', shaped: false, description: `the value of \`${expression ?? source}\`, known when Terraform applies` };
}

/**
 * The sample of an unknown reference: a neutral word from its last name, or, for names that say
 * what they hold, a value of that shape (still unshaped: nothing guarantees the name tells the truth).
 */
function unknownSample(name: string): string {
  const lower = name.toLowerCase();
  if (/account(_?id)?s?$/.test(lower)) return A;
  if (/region$/.test(lower)) return R;
  if (/partition$/.test(lower)) return P;
  return neutralWord(name);
}

/** The hole for a value that is not a reference (a function call, a conditional, a `for`). */
export function computedHole(source: string, expression: string | undefined, name: string): Hole {
  return {
    source,
    ...(expression !== undefined ? { templateExpression: expression } : {}),
    sample: neutralWord(name),
    shaped: false,
    description: `a value computed by \`${shorten(expression ?? source)}\` when Terraform applies`,
  };
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
