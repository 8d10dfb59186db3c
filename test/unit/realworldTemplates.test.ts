/**
 * Real templates, no false errors: the CloudFormation, SAM and JSON templates of the real-world corpus
 * (files copied from public repositories, with a manifest of where each embedded policy sits and what
 * kind it is). Every policy the manifest lists must be found with the right kind, and the templates
 * must lint without an error that the template does not deserve. Other linters' deliberately broken
 * fixtures (the manifest's `fixture`) are read but their errors are deserved.
 *
 * The corpus is not part of this repository: it is read from `IAM_CORPUS_DIR` (default
 * `../shared/corpus/realworld` beside the repository). Without it the test says so and checks nothing.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeHostDocument } from '../../server/src/iam/sources/hostDocument';
import { expandSamTemplateNode } from '../../server/src/iam/sources/cloudformation/samExpansion';
import { initTerraformForTests } from './helpers/terraformParser';
import { REAL_WORLD_CORPUS_DIR } from './helpers/realWorldCorpus';

const CORPUS = REAL_WORLD_CORPUS_DIR;

interface ManifestPolicy { kind: string; path: string; form: string }
interface ManifestFile { file: string; format: string; policies: ManifestPolicy[]; fixture?: unknown }

/**
 * Errors the templates deserve, each checked by hand against the Service Authorization Reference or
 * the ARN format: `file` (suffix), code, and the text it lands on.
 */
const DESERVED: ReadonlyArray<[string, string, string]> = [
  ['apigw-cache-invalidation-eventbridge__template.yaml', 'INVALID_ACTION', 'dynamodb:CreateItem'],
  ['apigw-dynamodb-lambda-scheduler-ses-auto-deletion-sam__template.yaml', 'INVALID_ACTION', 'dynamodb:CreateItem'],
  ['apigw-lambda-healthscribe-sam__template.yaml', 'MISSING_ARN_REGION', ':'],
  ['appsync-notify-subscribers-of-database-updates__3-lambda__template.yml', 'MISSING_ARN_FIELD', 'arn:aws:logs:*'],
  ['kinesis-data-stream-firehose-apigw-sam__template.yaml', 'INVALID_ACTION', 'firehose:PutRecords'],
  ['lambda-durable-esm-and-chaining__template.yaml', 'INVALID_ACTION', 'lambda:CheckpointDurableExecutions'],
  ['lambda-s3-files-sam__template.yaml', 'INVALID_ACTION', 's3:HeadObject'],
  ['rds-sns-event-notification__template.yaml', 'INVALID_ACTION', 'SNS:Receive'],
  ['stepfunctions-fargate-lambda__template.yaml', 'INVALID_ACTION', 'ecs:StopTasks'],
  ['strands-agentcore-lambda__infrastructure__cloudformation-template.yaml', 'INVALID_ACTION', 'bedrock:Converse'],
  ['NeptuneDB__Neptune.yaml', 'INVALID_ACTION', 'logs:DescriptLogStreams'],
  ['createVPCInterfaceEndpoint__lambda_vpce_interface.json', 'INVALID_ACTION', 'ec2:DeleteVpcEndpoint'],
  ['codestar__python-webservice-lambda__template.yml', 'INVALID_ACTION', 'codestar:SyncResources'],
  ['codestar__python-webservice-lambda__template.yml', 'INVALID_ACTION', 'lambda:UpdateFunction'],
  ['codestar__python-webservice-lambda__template.yml', 'INVALID_ARN_RESOURCE', 'transform/'],
  ['codestar__python-webservice-lambda__template.yml', 'INVALID_TYPE', '1'],
  ['StaticWebSiteWithPipeline__stacks__pipeline.json', 'INVALID_ACTION', 's3:HeadBucket'],
  ['StaticWebSiteWithPipeline__stacks__pipeline.json', 'MISSING_ARN_FIELD', 'arn:aws:logs:*'],
];

test('real CloudFormation and SAM templates: every listed policy found with its kind, no undeserved error', (t) => {
  if (!existsSync(path.join(CORPUS, 'manifest.json'))) {
    t.diagnostic(`real-world corpus not found at ${CORPUS} (set IAM_CORPUS_DIR): nothing checked`);
    return;
  }
  const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as ManifestFile[];
  const templates = manifest.filter((file) => ['cfn-yaml', 'cfn-json', 'sam-yaml'].includes(file.format));
  let expected = 0;
  let found = 0;
  const wrongKinds: string[] = [];
  const undeserved: string[] = [];
  for (const file of templates) {
    const text = readFileSync(path.join(CORPUS, file.file), 'utf8');
    const host = analyzeHostDocument(text, { expandSamTemplate: expandSamTemplateNode });
    const policies = host?.policies ?? [];
    for (const listed of file.policies) {
      if (listed.form === 'malformed' || listed.kind === 'unknown') continue;
      expected++;
      const hit = policies.find((policy) => policy.policy.pointer === listed.path);
      if (!hit) continue;
      found++;
      if (hit.kind.kind !== listed.kind) wrongKinds.push(`${file.file} ${listed.path}: ${listed.kind}, got ${hit.kind.kind}`);
    }
    if (file.fixture) continue;
    for (const finding of host?.findings ?? []) {
      if (finding.category !== 'ERROR') continue;
      const at = text.slice(finding.span.offset, finding.span.offset + finding.span.length);
      const deserved = DESERVED.some(([suffix, code, fragment]) => file.file.endsWith(suffix) && finding.code === code && at.includes(fragment));
      if (!deserved) undeserved.push(`${file.file}:${text.slice(0, finding.span.offset).split('\n').length} ${finding.code} ${at}: ${finding.message}`);
    }
  }
  t.diagnostic(`${templates.length} templates; ${found} of ${expected} listed policies found`);
  assert.deepEqual(wrongKinds, []);
  assert.deepEqual(undeserved, []);
  // What is not found: SAM policy templates without the catalog, and policies in YAML that the YAML
  // specification rejects (a quoted scalar less indented than its key) although CloudFormation reads it.
  assert.ok(found / expected >= 0.8, `found ${found} of ${expected}`);
});

/** Errors the Terraform files deserve (checked by hand against the Service Authorization Reference). */
const DESERVED_TERRAFORM: ReadonlyArray<[string, string, string]> = [
  ['sns_secrets__terraform__iam.tf', 'INVALID_ACTION', 'sns:Receive'],
  ['rds__deny_unencrypted_actions.tf', 'INVALID_ACTION', 'rds:RestoreDBClusterFromDBSnapshot'],
  ['s3__s3_region_lockdown.tf', 'INVALID_CONDITION_KEY_FORMAT', 's3locationconstraint'],
  ['apigw-sqs-terraform__main.tf', 'INVALID_ACTION', 'sqs:SendMessageBatch'],
  ['terraform-aws-s3-bucket__examples__complete__main.tf', 'INVALID_ARN_PREFIX', '_S3_BUCKET_ARN_'],
];

test('real Terraform files: no undeserved error', async (t) => {
  if (!existsSync(path.join(CORPUS, 'manifest.json'))) {
    t.diagnostic(`real-world corpus not found at ${CORPUS} (set IAM_CORPUS_DIR): nothing checked`);
    return;
  }
  await initTerraformForTests();
  const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as ManifestFile[];
  const files = manifest.filter((file) => file.format === 'terraform' && !file.fixture);
  const undeserved: string[] = [];
  let policies = 0;
  for (const file of files) {
    const text = readFileSync(path.join(CORPUS, file.file), 'utf8');
    const host = analyzeHostDocument(text, {}, file.file);
    policies += host?.policies.length ?? 0;
    for (const finding of host?.findings ?? []) {
      if (finding.category !== 'ERROR') continue;
      const at = text.slice(finding.span.offset, finding.span.offset + finding.span.length);
      const deserved = DESERVED_TERRAFORM.some(([suffix, code, fragment]) => file.file.endsWith(suffix) && finding.code === code && (at.includes(fragment) || finding.message.includes(fragment)));
      if (!deserved) undeserved.push(`${file.file}:${text.slice(0, finding.span.offset).split('\n').length} ${finding.code} ${at}: ${finding.message}`);
    }
  }
  t.diagnostic(`${files.length} Terraform files (not other tools' fixtures), ${policies} policies`);
  assert.deepEqual(undeserved, []);
});

/**
 * One-mistake variants of real templates: a misspelt action or Effect planted in a policy must be
 * reported with its code on the planted text (the span holds the planted word).
 */
const MUTATIONS: ReadonlyArray<{ readonly find: RegExp; readonly replace: string; readonly code: string }> = [
  { find: /s3:GetObject\b/, replace: 's3:GetObjekt', code: 'INVALID_ACTION' },
  { find: /sts:AssumeRole\b/, replace: 'sts:AssumeRol', code: 'INVALID_ACTION' },
  { find: /logs:PutLogEvents\b/, replace: 'logs:PutLogEvent', code: 'INVALID_ACTION' },
  { find: /Effect: Allow\b/, replace: 'Effect: Alow', code: 'INVALID_EFFECT' },
  { find: /"Effect": "Allow"/, replace: '"Effect": "Alow"', code: 'INVALID_EFFECT' },
];

test('one-mistake variants of real templates hit the right code on the planted text', (t) => {
  if (!existsSync(path.join(CORPUS, 'manifest.json'))) {
    t.diagnostic(`real-world corpus not found at ${CORPUS} (set IAM_CORPUS_DIR): nothing checked`);
    return;
  }
  const manifest = JSON.parse(readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as ManifestFile[];
  const templates = manifest.filter((file) => ['cfn-yaml', 'cfn-json', 'sam-yaml'].includes(file.format) && !file.fixture);
  let planted = 0;
  const missed: string[] = [];
  for (const file of templates) {
    const text = readFileSync(path.join(CORPUS, file.file), 'utf8');
    const host = analyzeHostDocument(text);
    if (!host) continue;
    for (const mutation of MUTATIONS) {
      const match = mutation.find.exec(text);
      if (!match) continue;
      const at = match.index;
      // Only plant inside a policy that the template holds (not in a description or a script).
      if (!host.policies.some((policy) => policy.policy.range.start <= at && at < policy.policy.range.end && !policy.policy.definitionRange)) continue;
      const variant = text.slice(0, at) + mutation.replace + text.slice(at + match[0].length);
      const word = mutation.replace.replace(/^.*: ?"?/, '').replace(/"$/, '');
      const findings = analyzeHostDocument(variant)?.findings ?? [];
      planted++;
      const hit = findings.some((finding) => finding.code === mutation.code && finding.span.offset <= at + mutation.replace.length && at <= finding.span.offset + finding.span.length && variant.slice(finding.span.offset, finding.span.offset + finding.span.length).includes(word));
      if (!hit) missed.push(`${file.file}: ${mutation.code} for \`${mutation.replace}\` at ${at}; got ${findings.filter((f) => Math.abs(f.span.offset - at) < 200).map((f) => `${f.code}@${variant.slice(f.span.offset, f.span.offset + f.span.length)}`).join(', ') || 'nothing near'}`);
    }
  }
  t.diagnostic(`${planted} mistakes planted in real templates; ${planted - missed.length} found on the planted text`);
  assert.ok(planted >= 100, `only ${planted} mistakes could be planted`);
  assert.deepEqual(missed, []);
});
