/**
 * CloudTrail event records → the IAM actions they needed. A record names the service by its endpoint
 * (`eventSource`, `s3.amazonaws.com`) and the API operation (`eventName`); the IAM action is usually
 * `prefix:eventName`, but not always (AWS CloudTrail User Guide, "CloudTrail record contents";
 * Service Authorization Reference, where an action's name differs from its API operation).
 *
 * Limits, stated here and in the README: the mapping knows the documented exceptions listed below and
 * otherwise assumes `prefix:eventName`, kept only when the bundled IAM data has that action; an API
 * call that needs several actions (S3 `CopyObject` reads the source too, EC2 `RunInstances` with
 * `iam:PassRole`) gives only its main action; events that need no IAM permission (console sign-in)
 * are skipped.
 */
import { action as catalogAction } from '../catalog/catalog';
import { resourceFitsAction, type GenerateRequest } from './generatePolicy';

/** Endpoint names whose IAM prefix differs (`eventSource` without `.amazonaws.com`). */
const SOURCE_PREFIX: Readonly<Record<string, string>> = {
  monitoring: 'cloudwatch',
  email: 'ses',
  'api.ecr': 'ecr',
  'api.sagemaker': 'sagemaker',
  'runtime.sagemaker': 'sagemaker',
  'bedrock-runtime': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
  'data.iot': 'iot',
  'streams.dynamodb': 'dynamodb',
  'execute-api': 'execute-api',
  'metering.marketplace': 'aws-marketplace',
  'sso-oauth': 'sso-oauth',
  'identitystore': 'identitystore',
};

/** Events whose IAM action has another name (documented per service). */
const EVENT_ACTION: Readonly<Record<string, string>> = {
  // Amazon S3: "Amazon S3 API operations and the permissions they need" (S3 User Guide).
  's3:HeadObject': 's3:GetObject',
  's3:HeadBucket': 's3:ListBucket',
  's3:ListObjects': 's3:ListBucket',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjectVersions': 's3:ListBucketVersions',
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:DeleteObjects': 's3:DeleteObject',
  's3:CopyObject': 's3:PutObject',
  's3:CreateMultipartUpload': 's3:PutObject',
  's3:UploadPart': 's3:PutObject',
  's3:UploadPartCopy': 's3:PutObject',
  's3:CompleteMultipartUpload': 's3:PutObject',
  's3:ListMultipartUploads': 's3:ListBucketMultipartUploads',
  's3:ListParts': 's3:ListMultipartUploadParts',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:PutBucketEncryption': 's3:PutEncryptionConfiguration',
  's3:DeleteBucketEncryption': 's3:PutEncryptionConfiguration',
  's3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  's3:PutBucketLifecycleConfiguration': 's3:PutLifecycleConfiguration',
  's3:DeleteBucketLifecycle': 's3:PutLifecycleConfiguration',
  's3:GetBucketReplication': 's3:GetReplicationConfiguration',
  's3:PutBucketReplication': 's3:PutReplicationConfiguration',
  's3:GetBucketNotificationConfiguration': 's3:GetBucketNotification',
  's3:PutBucketNotificationConfiguration': 's3:PutBucketNotification',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:PutPublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:DeletePublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:GetBucketCors': 's3:GetBucketCORS',
  's3:PutBucketCors': 's3:PutBucketCORS',
  's3:DeleteBucketCors': 's3:PutBucketCORS',
  's3:DeleteBucketPolicy': 's3:DeleteBucketPolicy',
  // AWS Lambda: `Invoke` is logged for InvokeFunction.
  'lambda:Invoke': 'lambda:InvokeFunction',
  // Amazon DynamoDB: BatchWriteItem and TransactWriteItems are authorized per item action, logged as themselves.
};

/** Events that need no IAM permission. */
const NO_PERMISSION = new Set(['signin:ConsoleLogin', 'signin:CheckMfa', 'signin:SwitchRole', 'signin:ExitRole', 'signin:RenewRole', 'sts:GetCallerIdentity']);

/** A CloudTrail record as far as the mapping reads it. */
interface TrailRecord {
  readonly eventSource?: unknown;
  readonly eventName?: unknown;
  readonly resources?: unknown;
  readonly requestParameters?: unknown;
  readonly awsRegion?: unknown;
  readonly recipientAccountId?: unknown;
}

/** The records of `aws cloudtrail lookup-events` output (`Events[].CloudTrailEvent`), a trail log file (`Records`), an array or one record. */
function cloudTrailRecords(json: unknown): { records: { record: TrailRecord; source: string }[]; error?: string } {
  const out: { record: TrailRecord; source: string }[] = [];
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const object = json as Record<string, unknown>;
    if (Array.isArray(object.Records)) {
      object.Records.forEach((r, i) => out.push({ record: (r ?? {}) as TrailRecord, source: `Records[${i}]` }));
      return { records: out };
    }
    if (Array.isArray(object.Events)) {
      object.Events.forEach((event, i) => {
        const e = (event ?? {}) as Record<string, unknown>;
        let record: TrailRecord = { eventSource: e.EventSource, eventName: e.EventName, ...(Array.isArray(e.Resources) ? { resources: e.Resources } : {}) };
        if (typeof e.CloudTrailEvent === 'string') {
          try {
            const full = JSON.parse(e.CloudTrailEvent) as TrailRecord;
            // The summary's Resources (ResourceName may be an ARN) stand in when the record lists none.
            record = full.resources === undefined && Array.isArray(e.Resources) ? { ...full, resources: e.Resources } : full;
          } catch {
            // The summary fields are enough to name the action.
          }
        }
        out.push({ record, source: `Events[${i}]` });
      });
      return { records: out };
    }
    if ('eventSource' in object) return { records: [{ record: object as TrailRecord, source: 'record' }] };
  }
  if (Array.isArray(json)) {
    json.forEach((r, i) => out.push({ record: (r ?? {}) as TrailRecord, source: `[${i}]` }));
    return { records: out };
  }
  return { records: [], error: 'Not CloudTrail records: expected `{"Records": [...]}` (a trail log file), `{"Events": [...]}` (lookup-events) or an array of records' };
}

/** The IAM action a record's event needs, or why there is none. */
export function actionForEvent(eventSource: string, eventName: string): { action: string } | { skip: string } {
  const source = eventSource.replace(/\.amazonaws\.com(\.cn)?$/i, '');
  const prefix = SOURCE_PREFIX[source] ?? source;
  // Lambda logs API versions in the name: GetFunction20150331v2, UpdateFunctionCode20150331v2.
  const name = prefix === 'lambda' ? eventName.replace(/\d{8}(v\d+)?$/, '') : eventName;
  const raw = `${prefix}:${name}`;
  if (NO_PERMISSION.has(raw)) return { skip: `\`${eventSource}\` \`${eventName}\` needs no IAM permission` };
  const mapped = EVENT_ACTION[raw] ?? raw;
  const info = catalogAction(mapped);
  if (!info) return { skip: `no IAM action \`${mapped}\` in the bundled data for \`${eventSource}\` \`${eventName}\`` };
  return { action: info.fullName };
}

function s3Resource(action: string, parameters: unknown): string | undefined {
  if (!parameters || typeof parameters !== 'object') return undefined;
  const p = parameters as Record<string, unknown>;
  if (typeof p.bucketName !== 'string') return undefined;
  const info = catalogAction(action);
  const objectAction = info?.resourceTypes.some((t) => t.name === 'object');
  if (objectAction) return typeof p.key === 'string' ? `arn:aws:s3:::${p.bucketName}/${p.key}` : undefined;
  return `arn:aws:s3:::${p.bucketName}`;
}

/** The requests a set of CloudTrail records shows, with the records that map to no action. */
export function requestsFromCloudTrail(json: unknown): { requests: GenerateRequest[]; skipped: { source: string; reason: string }[]; error?: string } {
  const { records, error } = cloudTrailRecords(json);
  if (error) return { requests: [], skipped: [], error };
  const requests: GenerateRequest[] = [];
  const skipped: { source: string; reason: string }[] = [];
  for (const { record, source } of records) {
    if (typeof record.eventSource !== 'string' || typeof record.eventName !== 'string') {
      skipped.push({ source, reason: 'no `eventSource` and `eventName`' });
      continue;
    }
    const mapped = actionForEvent(record.eventSource, record.eventName);
    if ('skip' in mapped) {
      skipped.push({ source, reason: mapped.skip });
      continue;
    }
    const arns = Array.isArray(record.resources)
      ? record.resources.map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>).ARN ?? (r as Record<string, unknown>).ResourceName : undefined)).filter((a): a is string => typeof a === 'string' && a.startsWith('arn:'))
      : [];
    const s3 = mapped.action.startsWith('s3:') ? s3Resource(mapped.action, record.requestParameters) : undefined;
    // A record lists every resource the call touched; only those of a type the action takes are kept.
    const fitting = arns.filter((arn) => resourceFitsAction(mapped.action, arn));
    const resources = fitting.length > 0 ? fitting : s3 ? [s3] : [undefined];
    for (const resource of resources) requests.push({ action: mapped.action, ...(resource ? { resource } : {}), source });
  }
  return { requests, skipped };
}
