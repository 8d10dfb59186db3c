/**
 * Where CloudFormation and SAM templates hold IAM policies: one row per resource type and property
 * path, with the kind of policy found there and the resource it applies to. Sources: the
 * CloudFormation resource and property reference of each type, and the AWS SAM specification
 * (`AWS::Serverless::Function` / `StateMachine` `Policies`). Extend the table to support a new place.
 */
import type { EmbeddedPolicyKind } from '../hostTree';

/** How the policy is written at that place. */
export type PolicyForm =
  /** A policy document (or a JSON string holding one). */
  | 'document'
  /** A single statement (`AWS::Events::EventBusPolicy.Statement`), or a list of statements (SAM `CustomStatements`). */
  | 'statement'
  /** SAM `Policies`: a managed policy name/ARN, a policy document, a SAM policy template, or a list of them. */
  | 'sam-policies';

export interface PolicyLocation {
  readonly resourceType: string;
  /**
   * The property path under the resource: `*` walks every item of a list (and both branches of an
   * `Fn::If` standing for an item).
   */
  readonly path: readonly string[];
  readonly kind: EmbeddedPolicyKind;
  readonly form: PolicyForm;
  /** The resource the policy applies to, for resource policies. */
  readonly attachedResourceType?: string;
  /** Words for labels: `trust policy`, `bucket policy`. */
  readonly label: string;
}

const resource = (resourceType: string, path: string[], attachedResourceType: string | undefined, label: string): PolicyLocation => ({
  resourceType,
  path,
  kind: 'resource',
  form: 'document',
  attachedResourceType,
  label,
});

const inlinePolicies = (resourceType: string): PolicyLocation => ({ resourceType, path: ['Properties', 'Policies', '*', 'PolicyDocument'], kind: 'identity', form: 'document', label: 'inline policy' });

/** The table. */
const POLICY_LOCATIONS: readonly PolicyLocation[] = [
  { resourceType: 'AWS::IAM::Role', path: ['Properties', 'AssumeRolePolicyDocument'], kind: 'trust', form: 'document', label: 'trust policy' },
  inlinePolicies('AWS::IAM::Role'),
  inlinePolicies('AWS::IAM::User'),
  inlinePolicies('AWS::IAM::Group'),
  { resourceType: 'AWS::IAM::Policy', path: ['Properties', 'PolicyDocument'], kind: 'identity', form: 'document', label: 'policy' },
  { resourceType: 'AWS::IAM::ManagedPolicy', path: ['Properties', 'PolicyDocument'], kind: 'identity', form: 'document', label: 'managed policy' },
  { resourceType: 'AWS::IAM::RolePolicy', path: ['Properties', 'PolicyDocument'], kind: 'identity', form: 'document', label: 'role policy' },
  { resourceType: 'AWS::IAM::UserPolicy', path: ['Properties', 'PolicyDocument'], kind: 'identity', form: 'document', label: 'user policy' },
  { resourceType: 'AWS::IAM::GroupPolicy', path: ['Properties', 'PolicyDocument'], kind: 'identity', form: 'document', label: 'group policy' },
  { resourceType: 'AWS::SSO::PermissionSet', path: ['Properties', 'InlinePolicy'], kind: 'identity', form: 'document', label: 'permission set inline policy' },
  resource('AWS::S3::BucketPolicy', ['Properties', 'PolicyDocument'], 'AWS::S3::Bucket', 'bucket policy'),
  resource('AWS::S3Express::BucketPolicy', ['Properties', 'PolicyDocument'], 'AWS::S3Express::DirectoryBucket', 'directory bucket policy'),
  resource('AWS::S3::AccessPoint', ['Properties', 'Policy'], 'AWS::S3::AccessPoint', 'access point policy'),
  resource('AWS::S3Express::AccessPoint', ['Properties', 'Policy'], 'AWS::S3Express::AccessPoint', 'access point policy'),
  resource('AWS::S3::MultiRegionAccessPointPolicy', ['Properties', 'Policy'], 'AWS::S3::MultiRegionAccessPoint', 'Multi-Region Access Point policy'),
  resource('AWS::S3Tables::TableBucketPolicy', ['Properties', 'ResourcePolicy'], 'AWS::S3Tables::TableBucket', 'table bucket policy'),
  resource('AWS::SQS::QueuePolicy', ['Properties', 'PolicyDocument'], 'AWS::SQS::Queue', 'queue policy'),
  resource('AWS::SQS::QueueInlinePolicy', ['Properties', 'PolicyDocument'], 'AWS::SQS::Queue', 'queue policy'),
  resource('AWS::SNS::TopicPolicy', ['Properties', 'PolicyDocument'], 'AWS::SNS::Topic', 'topic policy'),
  resource('AWS::SNS::TopicInlinePolicy', ['Properties', 'PolicyDocument'], 'AWS::SNS::Topic', 'topic policy'),
  resource('AWS::KMS::Key', ['Properties', 'KeyPolicy'], 'AWS::KMS::Key', 'key policy'),
  resource('AWS::KMS::ReplicaKey', ['Properties', 'KeyPolicy'], 'AWS::KMS::Key', 'key policy'),
  resource('AWS::SecretsManager::ResourcePolicy', ['Properties', 'ResourcePolicy'], 'AWS::SecretsManager::Secret', 'secret policy'),
  resource('AWS::ECR::Repository', ['Properties', 'RepositoryPolicyText'], 'AWS::ECR::Repository', 'repository policy'),
  resource('AWS::ECR::RegistryPolicy', ['Properties', 'PolicyText'], undefined, 'registry policy'),
  resource('AWS::Logs::ResourcePolicy', ['Properties', 'PolicyDocument'], 'AWS::Logs::LogGroup', 'log resource policy'),
  // The policy is a property of the destination itself (there is no `AWS::Logs::DestinationPolicy` type).
  resource('AWS::Logs::Destination', ['Properties', 'DestinationPolicy'], undefined, 'log destination policy'),
  resource('AWS::Events::EventBus', ['Properties', 'Policy'], 'AWS::Events::EventBus', 'event bus policy'),
  { resourceType: 'AWS::Events::EventBusPolicy', path: ['Properties', 'Statement'], kind: 'resource', form: 'statement', attachedResourceType: 'AWS::Events::EventBus', label: 'event bus policy statement' },
  resource('AWS::OpenSearchService::Domain', ['Properties', 'AccessPolicies'], 'AWS::OpenSearchService::Domain', 'domain access policy'),
  resource('AWS::Elasticsearch::Domain', ['Properties', 'AccessPolicies'], 'AWS::Elasticsearch::Domain', 'domain access policy'),
  resource('AWS::EFS::FileSystem', ['Properties', 'FileSystemPolicy'], 'AWS::EFS::FileSystem', 'file system policy'),
  resource('AWS::Backup::BackupVault', ['Properties', 'AccessPolicy'], 'AWS::Backup::BackupVault', 'backup vault access policy'),
  resource('AWS::CodeArtifact::Domain', ['Properties', 'PermissionsPolicyDocument'], 'AWS::CodeArtifact::Domain', 'domain permissions policy'),
  resource('AWS::CodeArtifact::Repository', ['Properties', 'PermissionsPolicyDocument'], 'AWS::CodeArtifact::Repository', 'repository permissions policy'),
  resource('AWS::ApiGateway::RestApi', ['Properties', 'Policy'], 'AWS::ApiGateway::RestApi', 'API resource policy'),
  resource('AWS::ApiGateway::DomainNameV2', ['Properties', 'Policy'], 'AWS::ApiGateway::DomainNameV2', 'domain name policy'),
  resource('AWS::EC2::VPCEndpoint', ['Properties', 'PolicyDocument'], undefined, 'VPC endpoint policy'),
  resource('AWS::CloudTrail::ResourcePolicy', ['Properties', 'ResourcePolicy'], undefined, 'CloudTrail resource policy'),
  resource('AWS::DynamoDB::Table', ['Properties', 'ResourcePolicy', 'PolicyDocument'], 'AWS::DynamoDB::Table', 'table resource policy'),
  resource('AWS::Kinesis::ResourcePolicy', ['Properties', 'ResourcePolicy'], undefined, 'stream resource policy'),
  resource('AWS::Glue::ResourcePolicy', ['Properties', 'PolicyInJson'], undefined, 'Glue resource policy'),
  resource('AWS::Lambda::ResourcePolicy', ['Properties', 'PolicyDocument'], undefined, 'function resource policy'),
  resource('AWS::ECR::PublicRepository', ['Properties', 'RepositoryPolicyText'], undefined, 'public repository policy'),
  resource('AWS::MSK::ClusterPolicy', ['Properties', 'Policy'], undefined, 'cluster policy'),
  resource('AWS::VpcLattice::AuthPolicy', ['Properties', 'Policy'], undefined, 'auth policy'),
  resource('AWS::VpcLattice::ResourcePolicy', ['Properties', 'Policy'], undefined, 'VPC Lattice resource policy'),
  resource('AWS::SSM::ResourcePolicy', ['Properties', 'Policy'], undefined, 'Systems Manager resource policy'),
  resource('AWS::EventSchemas::RegistryPolicy', ['Properties', 'Policy'], undefined, 'schema registry policy'),
  resource('AWS::Lex::ResourcePolicy', ['Properties', 'Policy'], undefined, 'Lex resource policy'),
  resource('AWS::S3ObjectLambda::AccessPointPolicy', ['Properties', 'PolicyDocument'], undefined, 'Object Lambda access point policy'),
  resource('AWS::S3Outposts::BucketPolicy', ['Properties', 'PolicyDocument'], undefined, 'Outposts bucket policy'),
  resource('AWS::S3Outposts::AccessPoint', ['Properties', 'Policy'], undefined, 'Outposts access point policy'),
  resource('AWS::S3Tables::TablePolicy', ['Properties', 'ResourcePolicy'], undefined, 'table policy'),
  resource('AWS::S3Vectors::VectorBucketPolicy', ['Properties', 'Policy'], undefined, 'vector bucket policy'),
  resource('AWS::Oam::Sink', ['Properties', 'Policy'], undefined, 'observability sink policy'),
  resource('AWS::XRay::ResourcePolicy', ['Properties', 'PolicyDocument'], undefined, 'X-Ray resource policy'),
  resource('AWS::APS::ResourcePolicy', ['Properties', 'PolicyDocument'], undefined, 'Prometheus workspace policy'),
  resource('AWS::MediaStore::Container', ['Properties', 'Policy'], undefined, 'container policy'),
  resource('AWS::SageMaker::ModelPackageGroup', ['Properties', 'ModelPackageGroupPolicy'], undefined, 'model package group policy'),
  resource('AWS::Serverless::Api', ['Properties', 'Policy'], 'AWS::ApiGateway::RestApi', 'API resource policy'),
  resource('AWS::Serverless::Api', ['Properties', 'Domain', 'Policy'], 'AWS::ApiGateway::DomainNameV2', 'domain name policy'),
  resource('AWS::Serverless::Api', ['Properties', 'DefinitionBody', 'x-amazon-apigateway-policy'], 'AWS::ApiGateway::RestApi', 'API resource policy (OpenAPI)'),
  resource('AWS::ApiGateway::RestApi', ['Properties', 'Body', 'x-amazon-apigateway-policy'], 'AWS::ApiGateway::RestApi', 'API resource policy (OpenAPI)'),
  { resourceType: 'AWS::Serverless::Api', path: ['Properties', 'Auth', 'ResourcePolicy', 'CustomStatements'], kind: 'resource', form: 'statement', attachedResourceType: 'AWS::ApiGateway::RestApi', label: 'API resource policy statements' },
  // SCPs and RCPs: the kind depends on the policy's Type (see organizationsPolicyKind).
  { resourceType: 'AWS::Organizations::Policy', path: ['Properties', 'Content'], kind: 'scp', form: 'document', label: 'organization policy' },
  { resourceType: 'AWS::Serverless::Function', path: ['Properties', 'Policies'], kind: 'identity', form: 'sam-policies', label: 'function policy' },
  { resourceType: 'AWS::Serverless::Function', path: ['Properties', 'AssumeRolePolicyDocument'], kind: 'trust', form: 'document', label: 'function trust policy' },
  { resourceType: 'AWS::Serverless::StateMachine', path: ['Properties', 'Policies'], kind: 'identity', form: 'sam-policies', label: 'state machine policy' },
];

/** `AWS::Organizations::Policy` `Type` → policy kind; other organization policy types are not IAM policies. */
export function organizationsPolicyKind(type: string | undefined): EmbeddedPolicyKind | undefined {
  if (type === 'SERVICE_CONTROL_POLICY') return 'scp';
  if (type === 'RESOURCE_CONTROL_POLICY') return 'rcp';
  return undefined;
}

const BY_TYPE = new Map<string, PolicyLocation[]>();
for (const location of POLICY_LOCATIONS) {
  const list = BY_TYPE.get(location.resourceType) ?? [];
  list.push(location);
  BY_TYPE.set(location.resourceType, list);
}

/** The places a resource type holds policies. */
export function locationsOf(resourceType: string): readonly PolicyLocation[] {
  return BY_TYPE.get(resourceType) ?? [];
}
