/**
 * Rule cases of the access family (run by test/unit/rules.test.ts): who a resource or trust policy
 * lets in, and the escalation and exposure methods of identity policies (docs/access.md: Access
 * Analyzer's "How IAM Access Analyzer findings work" for public and cross-account access; the AWS
 * "confused deputy problem" page for service principals; Rhino Security Labs' escalation methods).
 */
import { ruleTests, type RuleCase, type RuleTests } from '../helpers/ruleTester';

/** A compact policy text, so that the expected texts below are one line. */
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const read = { Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' };

const cases: RuleCase[] = [
  { name: 'anyone may read the bucket', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: '*', ...read }), errors: [['PUBLIC_ACCESS', '"Principal":"*"']] },
  { name: 'anyone, but only from the organization', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: '*', ...read, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), absent: ['PUBLIC_ACCESS'] },
  { name: 'another account may read the bucket', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, ...read }), errors: [['CROSS_ACCOUNT_ACCESS', '"Principal":{"AWS":"arn:aws:iam::444455556666:root"}']] },
  { name: 'a service bounded by a source account names no other principal account', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::example-bucket/*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }), absent: ['CROSS_ACCOUNT_ACCESS'] },
  { name: 'a service with its source account', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::example-bucket/*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }), absent: ['SERVICE_ACCESS_WITHOUT_SOURCE', 'PUBLIC_ACCESS'] },
  // Access Analyzer's RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL judges a statement of service principals only
  // (principal family); this code covers a service among other principals, which that check leaves.
  { name: 'a service without a source, beside an account', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com', AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::example-bucket/*' }), errors: [['SERVICE_ACCESS_WITHOUT_SOURCE', '"Principal":{"Service":"cloudtrail.amazonaws.com","AWS":"arn:aws:iam::111122223333:root"}']] },
  { name: 'a service beside an account, bounded by a bucket ARN (which has no account)', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com', AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:events', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::example-bucket' } } }), absent: ['SERVICE_ACCESS_WITHOUT_SOURCE'] },
  { name: 'a service beside an account, with a negated source condition', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com', AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:events', Condition: { ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::example-bucket' } } }), errors: [['SERVICE_ACCESS_WITHOUT_SOURCE', '"Principal":{"Service":"s3.amazonaws.com","AWS":"arn:aws:iam::111122223333:root"}']] },
  { name: 'Alexa beside an account, bounded by its skill ID (lambda:EventSourceToken)', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { Service: 'alexa-appkit.amazon.com', AWS: 'arn:aws:iam::111122223333:root' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:skill', Condition: { StringEquals: { 'lambda:EventSourceToken': 'amzn1.ask.skill.1' } } }), absent: ['SERVICE_ACCESS_WITHOUT_SOURCE'] },
  { name: 'another service beside an account is not bounded by an event-source token', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com', AWS: 'arn:aws:iam::111122223333:root' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:skill', Condition: { StringEquals: { 'lambda:EventSourceToken': 'amzn1.ask.skill.1' } } }), errors: [['SERVICE_ACCESS_WITHOUT_SOURCE', '"Principal":{"Service":"s3.amazonaws.com","AWS":"arn:aws:iam::111122223333:root"}']] },
  { name: 'a service alone without a source: one finding, Access Analyzer\'s', kind: 'resource', policy: policy({ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::example-bucket/*' }), errors: [['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', '"Service"']], absent: ['SERVICE_ACCESS_WITHOUT_SOURCE'] },
  { name: 'creating a new version of any policy escalates', kind: 'identity', policy: policy({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' }), errors: [['PRIVILEGE_ESCALATION', '"Action":"iam:CreatePolicyVersion"']] },
  { name: 'reading IAM does not escalate', kind: 'identity', policy: policy({ Effect: 'Allow', Action: 'iam:GetPolicyVersion', Resource: '*' }), absent: ['PRIVILEGE_ESCALATION', 'RESOURCE_EXPOSURE', 'CREDENTIAL_EXPOSURE'] },
  { name: 'rewriting any bucket policy exposes resources', kind: 'identity', policy: policy({ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: '*' }), errors: [['RESOURCE_EXPOSURE', '"Action":"s3:PutBucketPolicy"']] },
  { name: 'rewriting a named bucket\'s policy', kind: 'identity', policy: policy({ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::example-bucket' }), absent: ['RESOURCE_EXPOSURE'] },
  { name: 'reading any secret exposes credentials', kind: 'identity', policy: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }), errors: [['CREDENTIAL_EXPOSURE', '"Action":"secretsmanager:GetSecretValue"']] },
  { name: 'reading a named secret', kind: 'identity', policy: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:app-AbCdEf' }), absent: ['CREDENTIAL_EXPOSURE'] },
];

export const accessTests: RuleTests = ruleTests(cases);
