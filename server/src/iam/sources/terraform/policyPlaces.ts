/**
 * Where Terraform configurations hold IAM policies: per resource type of the AWS provider, the
 * argument (or nested block argument) whose value is a policy document, the kind of that policy,
 * and the resource it is attached to (as a CloudFormation type name, so that the CloudFormation and
 * Terraform host formats share what is known of resource types). To support another resource, add
 * a row. Argument names are those of the AWS provider's documentation (registry.terraform.io).
 */
import type { EmbeddedPolicyKind } from '../hostTree';

/** One place of a policy in a resource's arguments. */
export interface TerraformPolicyPlace {
  /** The Terraform resource type, e.g. `aws_iam_role`. */
  readonly resourceType: string;
  /** The argument path: `['policy']`, or `['inline_policy', 'policy']` for a nested block's argument. */
  readonly path: readonly string[];
  /**
   * The kind of policy, or a function of the resource block's other arguments (the Organizations
   * policy's `type`): `argument(name)` is the literal string value, `undefined` when the argument is
   * absent, `null` when Terraform computes it. The function returns `not-a-policy` when the
   * document is not IAM policy language, undefined when the kind is left to the content.
   */
  readonly kind: EmbeddedPolicyKind | ((argument: (name: string) => string | null | undefined) => EmbeddedPolicyKind | undefined | 'not-a-policy');
  /** The resource the policy applies to, as a CloudFormation type name, when there is one. */
  readonly attachedResourceType?: string;
  /** How to name the policy in labels, e.g. `trust policy`. */
  readonly what: string;
}

const resource = (resourceType: string, path: readonly string[], attachedResourceType: string | undefined, what = 'resource policy'): TerraformPolicyPlace => ({
  resourceType,
  path,
  kind: 'resource',
  ...(attachedResourceType ? { attachedResourceType } : {}),
  what,
});
const identity = (resourceType: string, path: readonly string[], what = 'policy'): TerraformPolicyPlace => ({ resourceType, path, kind: 'identity', what });

/** Organizations policy types (`type` argument) that hold IAM policy language. */
function organizationsPolicyKindOfArguments(argument: (name: string) => string | null | undefined): EmbeddedPolicyKind | 'not-a-policy' | undefined {
  const type = argument('type');
  // The provider's default type is SERVICE_CONTROL_POLICY.
  if (type === undefined || type === 'SERVICE_CONTROL_POLICY') return 'scp';
  if (type === 'RESOURCE_CONTROL_POLICY') return 'rcp';
  // A computed type leaves the kind to the document's content; tag, backup, chatbot and
  // AI-opt-out policies are not IAM policy language.
  return type === null ? undefined : 'not-a-policy';
}

/** Every place, in one table. */
const POLICY_PLACES: readonly TerraformPolicyPlace[] = [
  { resourceType: 'aws_iam_role', path: ['assume_role_policy'], kind: 'trust', attachedResourceType: 'AWS::IAM::Role', what: 'trust policy' },
  identity('aws_iam_role', ['inline_policy', 'policy'], 'inline policy'),
  identity('aws_iam_policy', ['policy']),
  identity('aws_iam_role_policy', ['policy']),
  identity('aws_iam_user_policy', ['policy']),
  identity('aws_iam_group_policy', ['policy']),
  identity('aws_ssoadmin_permission_set_inline_policy', ['inline_policy'], 'inline policy'),
  resource('aws_s3_bucket_policy', ['policy'], 'AWS::S3::Bucket', 'bucket policy'),
  resource('aws_s3_bucket', ['policy'], 'AWS::S3::Bucket', 'bucket policy'),
  resource('aws_s3_access_point', ['policy'], 'AWS::S3::AccessPoint', 'access point policy'),
  resource('aws_s3control_access_point_policy', ['policy'], 'AWS::S3::AccessPoint', 'access point policy'),
  resource('aws_s3control_bucket_policy', ['policy'], 'AWS::S3Outposts::Bucket', 'bucket policy'),
  resource('aws_s3directory_bucket_policy', ['policy'], 'AWS::S3Express::DirectoryBucket', 'bucket policy'),
  resource('aws_s3tables_table_bucket_policy', ['resource_policy'], 'AWS::S3Tables::TableBucket', 'table bucket policy'),
  resource('aws_s3tables_table_policy', ['resource_policy'], 'AWS::S3Tables::Table', 'table policy'),
  resource('aws_sqs_queue_policy', ['policy'], 'AWS::SQS::Queue', 'queue policy'),
  resource('aws_sqs_queue', ['policy'], 'AWS::SQS::Queue', 'queue policy'),
  resource('aws_sns_topic_policy', ['policy'], 'AWS::SNS::Topic', 'topic policy'),
  resource('aws_sns_topic', ['policy'], 'AWS::SNS::Topic', 'topic policy'),
  resource('aws_kms_key', ['policy'], 'AWS::KMS::Key', 'key policy'),
  resource('aws_kms_key_policy', ['policy'], 'AWS::KMS::Key', 'key policy'),
  resource('aws_kms_replica_key', ['policy'], 'AWS::KMS::ReplicaKey', 'key policy'),
  resource('aws_ecr_repository_policy', ['policy'], 'AWS::ECR::Repository', 'repository policy'),
  resource('aws_ecr_registry_policy', ['policy'], 'AWS::ECR::RegistryPolicy', 'registry policy'),
  resource('aws_secretsmanager_secret_policy', ['policy'], 'AWS::SecretsManager::Secret', 'secret policy'),
  resource('aws_secretsmanager_secret', ['policy'], 'AWS::SecretsManager::Secret', 'secret policy'),
  resource('aws_cloudwatch_log_resource_policy', ['policy_document'], undefined, 'log resource policy'),
  resource('aws_cloudwatch_log_destination_policy', ['access_policy'], 'AWS::Logs::Destination', 'destination policy'),
  resource('aws_cloudwatch_event_bus_policy', ['policy'], 'AWS::Events::EventBus', 'event bus policy'),
  resource('aws_glacier_vault', ['access_policy'], 'AWS::Glacier::Vault', 'vault access policy'),
  resource('aws_dynamodb_resource_policy', ['policy'], 'AWS::DynamoDB::Table', 'table policy'),
  resource('aws_kinesis_resource_policy', ['policy'], 'AWS::Kinesis::Stream', 'stream policy'),
  resource('aws_api_gateway_rest_api_policy', ['policy'], 'AWS::ApiGateway::RestApi', 'API policy'),
  resource('aws_api_gateway_rest_api', ['policy'], 'AWS::ApiGateway::RestApi', 'API policy'),
  resource('aws_opensearch_domain_policy', ['access_policies'], 'AWS::OpenSearchService::Domain', 'domain access policy'),
  resource('aws_opensearch_domain', ['access_policies'], 'AWS::OpenSearchService::Domain', 'domain access policy'),
  resource('aws_elasticsearch_domain_policy', ['access_policies'], 'AWS::Elasticsearch::Domain', 'domain access policy'),
  resource('aws_elasticsearch_domain', ['access_policies'], 'AWS::Elasticsearch::Domain', 'domain access policy'),
  resource('aws_efs_file_system_policy', ['policy'], 'AWS::EFS::FileSystem', 'file system policy'),
  resource('aws_backup_vault_policy', ['policy'], 'AWS::Backup::BackupVault', 'vault policy'),
  resource('aws_glue_resource_policy', ['policy'], undefined, 'Data Catalog resource policy'),
  resource('aws_codeartifact_domain_permissions_policy', ['policy_document'], 'AWS::CodeArtifact::Domain', 'domain policy'),
  resource('aws_codeartifact_repository_permissions_policy', ['policy_document'], 'AWS::CodeArtifact::Repository', 'repository policy'),
  resource('aws_vpc_endpoint', ['policy'], 'AWS::EC2::VPCEndpoint', 'endpoint policy'),
  resource('aws_vpc_endpoint_policy', ['policy'], 'AWS::EC2::VPCEndpoint', 'endpoint policy'),
  resource('aws_ses_identity_policy', ['policy'], 'AWS::SES::EmailIdentity', 'identity policy'),
  resource('aws_xray_resource_policy', ['policy_document'], undefined, 'X-Ray resource policy'),
  resource('aws_networkfirewall_resource_policy', ['policy'], undefined, 'firewall resource policy'),
  resource('aws_ecrpublic_repository_policy', ['policy'], undefined, 'public repository policy'),
  resource('aws_codebuild_resource_policy', ['policy'], undefined, 'CodeBuild resource policy'),
  resource('aws_msk_cluster_policy', ['policy'], undefined, 'cluster policy'),
  resource('aws_vpclattice_auth_policy', ['policy'], undefined, 'auth policy'),
  resource('aws_vpclattice_resource_policy', ['policy'], undefined, 'VPC Lattice resource policy'),
  resource('aws_oam_sink_policy', ['policy'], undefined, 'observability sink policy'),
  resource('aws_acmpca_policy', ['policy'], 'AWS::ACMPCA::CertificateAuthority', 'certificate authority policy'),
  resource('aws_media_store_container_policy', ['policy'], 'AWS::MediaStore::Container', 'container policy'),
  resource('aws_sagemaker_model_package_group_policy', ['resource_policy'], 'AWS::SageMaker::ModelPackageGroup', 'model package group policy'),
  resource('aws_schemas_registry_policy', ['policy'], 'AWS::EventSchemas::Registry', 'registry policy'),
  { resourceType: 'aws_organizations_policy', path: ['content'], kind: organizationsPolicyKindOfArguments, what: 'organization policy' },
];

/** The places of a resource type. */
export function placesOf(resourceType: string): readonly TerraformPolicyPlace[] {
  return PLACES_BY_TYPE.get(resourceType) ?? [];
}

const PLACES_BY_TYPE = new Map<string, TerraformPolicyPlace[]>();
for (const place of POLICY_PLACES) {
  const list = PLACES_BY_TYPE.get(place.resourceType) ?? [];
  list.push(place);
  PLACES_BY_TYPE.set(place.resourceType, list);
}
