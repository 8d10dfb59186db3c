/**
 * Rule cases of the attached-resource family (run by test/unit/rules.test.ts): the checks that need
 * the resource a resource policy is attached to, which templates say. Access Analyzer policy check
 * reference: "Unsupported resource ARN in policy", "Policy size exceeds resource policy quota"; the
 * quotas are those of the S3 User Guide ("Bucket policies", 20 KB) and the SQS Developer Guide
 * ("Amazon SQS policy quotas", 8,192 bytes).
 */
import { ruleTests, type RuleCase, type RuleTests } from '../helpers/ruleTester';

const bucketPolicy = (resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resource, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});

/** A queue policy whose compact JSON is `size` bytes. */
function queuePolicyOfSize(size: number): string {
  const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:123456789012:';
  const tail = '"}]}';
  return head + 'q'.repeat(size - head.length - tail.length) + tail;
}

const bucket = { attachedResourceType: 'AWS::S3::Bucket' };
const queue = { attachedResourceType: 'AWS::SQS::Queue' };

const cases: RuleCase[] = [
  { name: 'a KMS key ARN in a bucket policy', kind: 'resource', options: bucket, policy: bucketPolicy('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'), errors: [['UNSUPPORTED_RESOURCE_ARN_IN_POLICY', '"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"']] },
  { name: 'the bucket\'s own objects in a bucket policy', kind: 'resource', options: bucket, policy: bucketPolicy('arn:aws:s3:::example-bucket/*'), absent: ['UNSUPPORTED_RESOURCE_ARN_IN_POLICY'] },
  { name: 'a service written with a wildcard may be the right one', kind: 'resource', options: bucket, policy: bucketPolicy('arn:aws:s*:::example-bucket/*'), absent: ['UNSUPPORTED_RESOURCE_ARN_IN_POLICY'] },
  { name: 'without the attached resource nothing is known', kind: 'resource', policy: bucketPolicy('arn:aws:kms:us-east-1:123456789012:key/k'), absent: ['UNSUPPORTED_RESOURCE_ARN_IN_POLICY'] },
  { name: 'an identity policy is not attached to a resource', kind: 'identity', options: bucket, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:123456789012:key/k' }] }, absent: ['UNSUPPORTED_RESOURCE_ARN_IN_POLICY'] },
  { name: 'a queue policy over the 8,192-byte quota', kind: 'resource', options: queue, policy: queuePolicyOfSize(8_193), errors: [['POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA', '{']] },
  { name: 'a queue policy of exactly 8,192 bytes', kind: 'resource', options: queue, policy: queuePolicyOfSize(8_192), absent: ['POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'] },
  { name: 'the same size in a bucket policy is within its 20 KB', kind: 'resource', options: bucket, policy: queuePolicyOfSize(8_193).replace(/sqs:SendMessage/, 's3:GetObject').replace('arn:aws:sqs:us-east-1:123456789012:', 'arn:aws:s3:::'), absent: ['POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA'] },
];

export const attachedResourceTests: RuleTests = ruleTests(cases);
