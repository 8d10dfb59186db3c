/**
 * What `Ref` and `Fn::GetAtt` return for the resource types that IAM policies refer to, as sample
 * values of the right shape. Sources: the CloudFormation User Guide's "Return values" section of each
 * resource type, and the ARN formats of the Service Authorization Reference.
 *
 * `{n}` is a name made from the logical id, `{k}` a key id, `{p}` the partition, `{r}` a Region, `{a}` an account id.
 */

/** A return value: a sample with placeholders, and what it is. */
export interface ReturnValue {
  readonly sample: string;
  /** True when the value is an ARN (or a name/URL of a fixed shape): findings on it can be trusted. */
  readonly shaped: boolean;
  readonly what: string;
}

interface ResourceValues {
  readonly ref?: ReturnValue;
  readonly attributes?: Readonly<Record<string, ReturnValue>>;
}

const arn = (sample: string, what = 'ARN'): ReturnValue => ({ sample, shaped: true, what });
const name = (what = 'name'): ReturnValue => ({ sample: '{n}', shaped: true, what });

const LAMBDA: ResourceValues = { ref: name('function name'), attributes: { Arn: arn('arn:{p}:lambda:{r}:{a}:function:{n}') } };
const STATE_MACHINE: ResourceValues = { ref: arn('arn:{p}:states:{r}:{a}:stateMachine:{n}'), attributes: { Arn: arn('arn:{p}:states:{r}:{a}:stateMachine:{n}'), Name: name('state machine name') } };
const DYNAMODB: ResourceValues = { ref: name('table name'), attributes: { Arn: arn('arn:{p}:dynamodb:{r}:{a}:table/{n}'), StreamArn: arn('arn:{p}:dynamodb:{r}:{a}:table/{n}/stream/2024-01-01T00:00:00.000', 'stream ARN') } };
const SEARCH_DOMAIN: ResourceValues = { ref: name('domain name'), attributes: { Arn: arn('arn:{p}:es:{r}:{a}:domain/{n}'), DomainArn: arn('arn:{p}:es:{r}:{a}:domain/{n}') } };

/** Resource type → its return values. */
export const RESOURCE_VALUES: Readonly<Record<string, ResourceValues>> = {
  'AWS::S3::Bucket': { ref: name('bucket name'), attributes: { Arn: arn('arn:{p}:s3:::{n}', 'bucket ARN'), DomainName: { sample: '{n}.s3.amazonaws.com', shaped: false, what: 'domain name' } } },
  'AWS::S3Express::DirectoryBucket': { ref: name('directory bucket name'), attributes: { Arn: arn('arn:{p}:s3express:{r}:{a}:bucket/{n}--use1-az4--x-s3') } },
  'AWS::SQS::Queue': { ref: { sample: 'https://sqs.{r}.amazonaws.com/{a}/{n}', shaped: true, what: 'queue URL' }, attributes: { Arn: arn('arn:{p}:sqs:{r}:{a}:{n}'), QueueName: name('queue name'), QueueUrl: { sample: 'https://sqs.{r}.amazonaws.com/{a}/{n}', shaped: true, what: 'queue URL' } } },
  'AWS::SNS::Topic': { ref: arn('arn:{p}:sns:{r}:{a}:{n}', 'topic ARN'), attributes: { TopicArn: arn('arn:{p}:sns:{r}:{a}:{n}', 'topic ARN'), TopicName: name('topic name') } },
  'AWS::KMS::Key': { ref: { sample: '{k}', shaped: true, what: 'key id' }, attributes: { Arn: arn('arn:{p}:kms:{r}:{a}:key/{k}', 'key ARN'), KeyId: { sample: '{k}', shaped: true, what: 'key id' } } },
  'AWS::KMS::Alias': { ref: { sample: 'alias/{n}', shaped: true, what: 'alias name' } },
  'AWS::IAM::Role': { ref: name('role name'), attributes: { Arn: arn('arn:{p}:iam::{a}:role/{n}', 'role ARN'), RoleId: { sample: 'AROAEXAMPLEID', shaped: false, what: 'role id' } } },
  'AWS::IAM::User': { ref: name('user name'), attributes: { Arn: arn('arn:{p}:iam::{a}:user/{n}', 'user ARN') } },
  'AWS::IAM::Group': { ref: name('group name'), attributes: { Arn: arn('arn:{p}:iam::{a}:group/{n}', 'group ARN') } },
  'AWS::IAM::ManagedPolicy': { ref: arn('arn:{p}:iam::{a}:policy/{n}', 'policy ARN'), attributes: { PolicyArn: arn('arn:{p}:iam::{a}:policy/{n}', 'policy ARN') } },
  'AWS::IAM::InstanceProfile': { ref: name('instance profile name'), attributes: { Arn: arn('arn:{p}:iam::{a}:instance-profile/{n}') } },
  'AWS::Lambda::Function': LAMBDA,
  'AWS::Serverless::Function': LAMBDA,
  'AWS::Lambda::LayerVersion': { ref: arn('arn:{p}:lambda:{r}:{a}:layer:{n}:1', 'layer version ARN') },
  // An alias's and a version's `Ref` is their qualified function ARN; `{n}` is `<function name>:<alias
  // name>` (template.ts, `qualifiedFunctionNames`), a version's number the first one Lambda publishes.
  'AWS::Lambda::Alias': { ref: arn('arn:{p}:lambda:{r}:{a}:function:{n}', 'alias ARN') },
  'AWS::Lambda::Version': { ref: arn('arn:{p}:lambda:{r}:{a}:function:{n}', 'version ARN'), attributes: { Version: { sample: '1', shaped: false, what: 'version number' } } },
  'AWS::DynamoDB::Table': DYNAMODB,
  'AWS::DynamoDB::GlobalTable': DYNAMODB,
  'AWS::Serverless::SimpleTable': DYNAMODB,
  // Secrets Manager adds a hyphen and six random characters to a secret's name in its ARN (`{s}`).
  'AWS::SecretsManager::Secret': { ref: arn('arn:{p}:secretsmanager:{r}:{a}:secret:{n}-{s}', 'secret ARN'), attributes: { Id: arn('arn:{p}:secretsmanager:{r}:{a}:secret:{n}-{s}', 'secret ARN') } },
  'AWS::ECR::Repository': { ref: name('repository name'), attributes: { Arn: arn('arn:{p}:ecr:{r}:{a}:repository/{n}') } },
  'AWS::Logs::LogGroup': { ref: name('log group name'), attributes: { Arn: arn('arn:{p}:logs:{r}:{a}:log-group:{n}:*', 'log group ARN') } },
  'AWS::Kinesis::Stream': { ref: name('stream name'), attributes: { Arn: arn('arn:{p}:kinesis:{r}:{a}:stream/{n}') } },
  'AWS::KinesisFirehose::DeliveryStream': { ref: name('delivery stream name'), attributes: { Arn: arn('arn:{p}:firehose:{r}:{a}:deliverystream/{n}') } },
  'AWS::SSM::Parameter': { ref: name('parameter name') },
  'AWS::StepFunctions::StateMachine': STATE_MACHINE,
  'AWS::Serverless::StateMachine': STATE_MACHINE,
  'AWS::Events::EventBus': { ref: name('event bus name'), attributes: { Arn: arn('arn:{p}:events:{r}:{a}:event-bus/{n}'), Name: name('event bus name') } },
  'AWS::Events::Rule': { ref: name('rule name'), attributes: { Arn: arn('arn:{p}:events:{r}:{a}:rule/{n}') } },
  'AWS::CodeBuild::Project': { ref: name('project name'), attributes: { Arn: arn('arn:{p}:codebuild:{r}:{a}:project/{n}') } },
  'AWS::ECS::Cluster': { ref: name('cluster name'), attributes: { Arn: arn('arn:{p}:ecs:{r}:{a}:cluster/{n}') } },
  'AWS::EFS::FileSystem': { ref: { sample: 'fs-12345678', shaped: true, what: 'file system id' }, attributes: { Arn: arn('arn:{p}:elasticfilesystem:{r}:{a}:file-system/fs-12345678') } },
  'AWS::OpenSearchService::Domain': SEARCH_DOMAIN,
  'AWS::Elasticsearch::Domain': SEARCH_DOMAIN,
  'AWS::Backup::BackupVault': { ref: name('backup vault name'), attributes: { BackupVaultArn: arn('arn:{p}:backup:{r}:{a}:backup-vault:{n}'), BackupVaultName: name('backup vault name') } },
  'AWS::Cognito::UserPool': { ref: { sample: 'us-east-1_EXAMPLE', shaped: false, what: 'user pool id' }, attributes: { Arn: arn('arn:{p}:cognito-idp:{r}:{a}:userpool/us-east-1_EXAMPLE') } },
  'AWS::AppSync::GraphQLApi': { ref: arn('arn:{p}:appsync:{r}:{a}:apis/exampleapiid'), attributes: { Arn: arn('arn:{p}:appsync:{r}:{a}:apis/exampleapiid') } },
  'AWS::Glue::Job': { ref: name('job name') },
  'AWS::Athena::WorkGroup': { ref: name('work group name') },
};

/** A name that can stand in an ARN for a logical id: lower case letters, digits and hyphens. */
export function sampleName(logicalId: string): string {
  const cleaned = logicalId.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned === '' ? 'value' : cleaned;
}

/** What the samples of a template are filled with. */
export interface SampleValues {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** Names a deployment gave resources without a name property (CloudFormation generates them), by logical id. */
  readonly names?: Readonly<Record<string, string>>;
  /** The six random characters Secrets Manager adds to a secret's ARN (`{s}`), as a deployment shows them, by logical id. */
  readonly suffixes?: Readonly<Record<string, string>>;
}

export const DEFAULT_SAMPLE_VALUES: SampleValues = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

/** The id a KMS key's samples use when no deployment gives the key's own (`{k}`). */
const SAMPLE_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

/** The random part of a secret's ARN that samples use when no deployment gives the secret's own (`{s}`). */
const SAMPLE_SECRET_SUFFIX = 'AbCdEf';

/**
 * Fills a sample's placeholders: the resource's own name when the template gives it (`BucketName:
 * example-bucket`), else a name made from its logical id; a key id (`{k}`), which CloudFormation
 * always generates, with the one a deployment gives, else a sample id; a secret's random suffix
 * (`{s}`) with the one a deployment gives, else a sample.
 */
export function fillSample(sample: string, logicalId: string, physicalName?: string, values: SampleValues = DEFAULT_SAMPLE_VALUES): string {
  return sample
    .replace(/\{s\}/g, values.suffixes?.[logicalId] ?? SAMPLE_SECRET_SUFFIX)
    .replace(/\{k\}/g, physicalName ?? SAMPLE_KEY_ID).replace(/\{n\}/g, physicalName ?? sampleName(logicalId)).replace(/\{p\}/g, values.partition).replace(/\{r\}/g, values.region).replace(/\{a\}/g, values.account);
}

/** The return value of `Ref` on a resource of this type, if known. */
export function refValue(resourceType: string): ReturnValue | undefined {
  return RESOURCE_VALUES[resourceType]?.ref;
}

/** The return value of `Fn::GetAtt` for this attribute, if known. */
export function attributeValue(resourceType: string, attribute: string): ReturnValue | undefined {
  return RESOURCE_VALUES[resourceType]?.attributes?.[attribute];
}
