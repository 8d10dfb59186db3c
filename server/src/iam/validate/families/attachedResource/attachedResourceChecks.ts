/**
 * Check family `attachedResource`: the checks that need the resource a resource policy is attached
 * to, which a host format (a CloudFormation template, a Terraform module) knows and passes in
 * `ValidationOptions.attachedResourceType`; a standalone policy file never runs them.
 *
 * - UNSUPPORTED_RESOURCE_ARN_IN_POLICY (Access Analyzer policy check reference, "Error – Unsupported
 *   resource ARN in policy"): a resource policy governs only its own resource, so a `Resource` ARN of
 *   another service (a KMS key ARN in a bucket policy) can never match.
 * - POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA ("General warning – Policy size exceeds resource policy
 *   quota"), with each service's documented quota, counted on the policy as the template sends it
 *   (compact JSON, UTF-8 bytes):
 *   Amazon S3 User Guide, "Bucket policies" (20 KB); AWS KMS Developer Guide, PutKeyPolicy "The policy
 *   size limit is 32 KiB (32768 bytes)"; Amazon SQS Developer Guide, "Amazon SQS policy quotas" (8,192
 *   bytes); Amazon DynamoDB, PutResourcePolicy "The maximum size supported for a resource-based policy
 *   document is 20 KB" (white space counted); AWS Secrets Manager quotas, resource-based policy 20,480
 *   characters; Amazon CloudWatch Logs quotas, resource policies 5,120 characters.
 */
import type { CheckContext, CheckFamily } from '../../engine/checkContext';

interface AttachedResource {
  /** The ARN service prefixes of what the policy can govern. */
  readonly services: readonly string[];
  /** What the policy is called, for messages. */
  readonly policy: string;
  /** The size quota in bytes of the compact JSON, when documented. */
  readonly quota?: number;
}

/** CloudFormation resource type of the attached resource → what its policy governs. */
const ATTACHED: Readonly<Record<string, AttachedResource>> = {
  'AWS::S3::Bucket': { services: ['s3'], policy: 'bucket policy', quota: 20_480 },
  'AWS::S3::AccessPoint': { services: ['s3'], policy: 'access point policy' },
  'AWS::S3::MultiRegionAccessPoint': { services: ['s3'], policy: 'Multi-Region Access Point policy' },
  'AWS::S3Express::DirectoryBucket': { services: ['s3express'], policy: 'directory bucket policy' },
  'AWS::S3Express::AccessPoint': { services: ['s3express'], policy: 'access point policy' },
  'AWS::S3Tables::TableBucket': { services: ['s3tables'], policy: 'table bucket policy' },
  'AWS::KMS::Key': { services: ['kms'], policy: 'key policy', quota: 32_768 },
  'AWS::SQS::Queue': { services: ['sqs'], policy: 'queue policy', quota: 8_192 },
  'AWS::SNS::Topic': { services: ['sns'], policy: 'topic policy' },
  'AWS::SecretsManager::Secret': { services: ['secretsmanager'], policy: 'secret policy', quota: 20_480 },
  'AWS::ECR::Repository': { services: ['ecr'], policy: 'repository policy' },
  'AWS::Logs::LogGroup': { services: ['logs'], policy: 'log resource policy', quota: 5_120 },
  'AWS::Events::EventBus': { services: ['events'], policy: 'event bus policy' },
  'AWS::OpenSearchService::Domain': { services: ['es'], policy: 'domain access policy' },
  'AWS::Elasticsearch::Domain': { services: ['es'], policy: 'domain access policy' },
  'AWS::EFS::FileSystem': { services: ['elasticfilesystem'], policy: 'file system policy' },
  'AWS::Backup::BackupVault': { services: ['backup'], policy: 'backup vault access policy' },
  'AWS::CodeArtifact::Domain': { services: ['codeartifact'], policy: 'domain permissions policy' },
  'AWS::CodeArtifact::Repository': { services: ['codeartifact'], policy: 'repository permissions policy' },
  'AWS::ApiGateway::RestApi': { services: ['execute-api'], policy: 'API resource policy' },
  'AWS::DynamoDB::Table': { services: ['dynamodb'], policy: 'table resource policy', quota: 20_480 },
};

/** What a policy attached to this resource type governs, if known. */
function attachedResource(resourceType: string | undefined): AttachedResource | undefined {
  return resourceType === undefined ? undefined : ATTACHED[resourceType];
}

function checkResourceArns(context: CheckContext, attached: AttachedResource): void {
  for (const statement of context.document.statements) {
    for (const value of statement.resource?.values ?? []) {
      const text = value.value;
      if (!text.startsWith('arn:')) continue;
      const service = text.split(':')[2];
      // A service written with a wildcard or a variable may be the right one.
      if (service === undefined || service === '' || /[*?$]/.test(service)) continue;
      if (attached.services.includes(service.toLowerCase())) continue;
      context.report(
        'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
        value.span,
        `\`${text}\` is a \`${service}\` ARN, but a ${attached.policy} governs only \`${attached.services.join('`, `')}\` resources: name the resource the policy is attached to.`,
      );
    }
  }
}

function checkSize(context: CheckContext, attached: AttachedResource): void {
  const root = context.document.root;
  if (attached.quota === undefined || !root) return;
  let compact: string;
  try {
    compact = JSON.stringify(JSON.parse(context.text));
  } catch {
    return;
  }
  const bytes = new TextEncoder().encode(compact).length;
  if (bytes <= attached.quota) return;
  context.report(
    'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    { offset: root.offset, length: 1 },
    `The ${attached.policy} is ${bytes} bytes as compact JSON, over the service's ${attached.quota}-byte quota: merge statements or remove redundant entries.`,
  );
}

/** The attached-resource family: runs only when the host says what the policy is attached to. */
export const attachedResourceChecks: CheckFamily = {
  name: 'attachedResource',
  check(context) {
    if (context.kind !== 'resource') return;
    const attached = attachedResource(context.options.attachedResourceType);
    if (!attached) return;
    checkResourceArns(context, attached);
    checkSize(context, attached);
  },
};
