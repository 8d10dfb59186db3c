/**
 * `generatePolicy`, the CloudTrail mapping and `iam-policy generate`. Resource types and ARN formats
 * per action come from the Service Authorization Reference (the bundled catalog): an action with no
 * resource type supports only `"Resource": "*"` ("Actions, resources, and condition keys": "If there
 * is no value for this column, you must specify all resources (`*`)"). CloudTrail records: AWS
 * CloudTrail User Guide, "CloudTrail record contents" (`eventSource`, `eventName`, `resources`,
 * `requestParameters`) and "Viewing recent management events with the AWS CLI" (lookup-events'
 * `Events[].CloudTrailEvent`). Every generated policy is validated with the product's own checks.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { actionForEvent, generatePolicy, requestsFromCloudTrail, type GenerateRequest } from '../../server/src/iam/author/index';
import { action as catalogAction, actionsOf, expandActionPattern, resourceType, services } from '../../server/src/iam/catalog/catalog';
import { validatePolicy } from '../../server/src/iam/validate/index';
import { evaluate } from '../../server/src/iam/evaluate/index';
import { cli } from './helpers/cli';

function findings(policy: unknown): string[] {
  return validatePolicy(JSON.stringify(policy, null, 2), { kind: 'identity' }).findings.map((f) => `${f.code}: ${f.message}`);
}

const CONCRETE: Record<string, string> = { Partition: 'aws', Region: 'us-east-1', Account: '111122223333' };
/** A concrete ARN of a documented format: every name placeholder becomes `example-<name>`, account-like ones an account id. */
function concrete(template: string): string {
  return template.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name: string) => CONCRETE[name] ?? (/Account/i.test(name) ? '111122223333' : `example-${name.toLowerCase()}`));
}

test('every action of every service, given concrete ARNs of its resource types, gives policies with zero findings', () => {
  let policies = 0;
  const failures: string[] = [];
  const tolerated = new Set<string>();
  for (const compact of [false, true]) {
    for (const service of services()) {
      const actions = actionsOf(service.prefix);
      for (let i = 0; i < actions.length; i += 12) {
        const requests: GenerateRequest[] = actions.slice(i, i + 12).flatMap((info) => {
          const required = info.resourceTypes.filter((t) => t.required);
          const types = required.length > 0 ? required : info.resourceTypes.slice(0, 1);
          const templates = types.map((t) => resourceType(info.service, t.name)?.arnTemplates[0]).filter((t): t is string => t !== undefined);
          // Known limit: a format whose service field is a placeholder (AWS Backup recovery points,
          // `arn:${Partition}:${Vendor}:...`) names another service's resource; it is not generated here.
          if (templates.some((t) => /^arn:[^:]*:\$\{/.test(t))) return [];
          return templates.length > 0 ? templates.map((t) => ({ action: info.fullName, resource: concrete(t) })) : [{ action: info.fullName }];
        });
        if (requests.length === 0) continue;
        const generated = generatePolicy(requests, { compact });
        policies++;
        for (const found of findings(generated.policy)) {
          // The security checks warn about sensitive actions on resources a statement does not name;
          // an action that supports no resource-level permissions can only be on `*`, so that warning
          // (ecr:GetAuthorizationToken, logs:PutResourcePolicy, ...) is the one finding allowed, and
          // only on such an action.
          const onlyStar = /^(CREDENTIAL_EXPOSURE|RESOURCE_EXPOSURE|PRIVILEGE_ESCALATION): .*statement `\w+NoResourceLevel` .*allows `([^`]+)`/.exec(found);
          if (onlyStar && catalogAction(onlyStar[2]!)?.resourceTypes.length === 0) {
            tolerated.add(onlyStar[2]!);
            continue;
          }
          failures.push(`${service.prefix} [${i}] compact=${compact}: ${found}`);
        }
      }
    }
  }
  assert.ok(policies > 3000, `only ${policies} policies`);
  assert.deepEqual(failures, []);
  assert.ok(tolerated.size <= 10, [...tolerated].join(', '));
});

test('without resources, ARN patterns of the right type are used and draw no finding but security warnings', () => {
  // Patterns with `*` for names are the honest answer when no resource is known; the security
  // checks rightly warn about sensitive actions on them (PassRole, policy writes), nothing else may.
  const failures: string[] = [];
  for (const service of services()) {
    const generated = generatePolicy(actionsOf(service.prefix).slice(0, 40).map((a) => ({ action: a.fullName })));
    for (const f of findings(generated.policy)) if (!/^(RESOURCE_EXPOSURE|PRIVILEGE_ESCALATION|CREDENTIAL_EXPOSURE|PASS_ROLE_WITH_STAR_IN_RESOURCE|CREATE_SLR_WITH_STAR_IN_RESOURCE|RESOURCE_TYPE_MISMATCH)/.test(f) || (/RESOURCE_TYPE_MISMATCH/.test(f) && service.prefix !== 'backup')) failures.push(`${service.prefix}: ${f}`);
  }
  assert.deepEqual(failures, []);
});

test('each action gets a resource of a type it takes, or `*` alone when it has no resource type', () => {
  const generated = generatePolicy([
    { action: 's3:GetObject', resource: 'arn:aws:s3:::reports/2026.csv' },
    { action: 's3:PutObject', resource: 'arn:aws:s3:::reports/2026.csv' },
    { action: 's3:ListBucket', resource: 'arn:aws:s3:::reports' },
    { action: 's3:ListAllMyBuckets' },
    { action: 'sqs:SendMessage', resource: 'arn:aws:s3:::not-a-queue' },
    { action: 'ec2:DescribeInstances', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1' },
  ]);
  const bySid = Object.fromEntries(generated.policy.Statement.map((s) => [s.Sid, s]));
  assert.deepEqual(bySid.S3Object, { Sid: 'S3Object', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::reports/2026.csv' });
  assert.deepEqual(bySid.S3Bucket?.Resource, 'arn:aws:s3:::reports');
  assert.deepEqual(bySid.S3NoResourceLevel, { Sid: 'S3NoResourceLevel', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' });
  assert.equal(bySid.SqsQueue?.Resource, 'arn:aws:sqs:*:*:*');
  assert.deepEqual(bySid.Ec2NoResourceLevel?.Resource, '*');
  assert.ok(generated.notes.some((n) => n.includes('`arn:aws:s3:::not-a-queue` is of no resource type')));
  assert.ok(generated.notes.some((n) => n.includes('`ec2:DescribeInstances` supports no resource-level permissions')));
  // No action wildcard without --compact.
  for (const s of generated.policy.Statement) for (const a of [s.Action].flat() as string[]) assert.ok(!a.includes('*'), a);
  // Exactly the requests: each is allowed, and an action that was not asked for is not.
  const allows = (action: string, resource: string) => evaluate({ principal: 'arn:aws:iam::111122223333:user/app', action, resource, identityPolicies: [{ id: 'p', document: generated.policy }] }).decision === 'Allow';
  assert.ok(allows('s3:GetObject', 'arn:aws:s3:::reports/2026.csv'));
  assert.ok(allows('s3:ListBucket', 'arn:aws:s3:::reports'));
  assert.ok(!allows('s3:GetObject', 'arn:aws:s3:::reports/other.csv'));
  assert.ok(!allows('s3:DeleteObject', 'arn:aws:s3:::reports/2026.csv'));
  assert.deepEqual(findings(generated.policy), []);
});

test('unknown and wildcard actions are left out with a reason', () => {
  const generated = generatePolicy([{ action: 's3:GetObjekt' }, { action: 's3:Get*' }, { action: 's3:GetObject' }]);
  assert.deepEqual(generated.skipped.map((s) => s.action), ['s3:GetObjekt', 's3:Get*']);
  assert.equal(generated.policy.Statement.length, 1);
});

test('--compact: every wildcard matches exactly listed actions in the bundled data', () => {
  const listed = expandActionPattern('iam:List*').map((a) => a.fullName).concat(['iam:GetRole', 'iam:GetUser']);
  const generated = generatePolicy(listed.map((action) => ({ action })), { compact: true });
  assert.ok(generated.wildcards.length > 0);
  const names = new Set(listed.map((a) => a.toLowerCase()));
  const covered = new Set<string>();
  for (const w of generated.wildcards) {
    const matched = expandActionPattern(w.pattern).map((a) => a.fullName.toLowerCase());
    assert.deepEqual(matched.sort(), w.covers.map((c) => c.toLowerCase()).sort(), w.pattern);
    for (const m of matched) {
      assert.ok(names.has(m), `${w.pattern} also matches ${m}`);
      covered.add(m);
    }
  }
  // The statement's actions, expanded, are exactly the listed actions.
  const expanded = new Set(generated.policy.Statement.flatMap((s) => [s.Action].flat() as string[]).flatMap((a) => expandActionPattern(a).map((x) => x.fullName.toLowerCase())));
  assert.deepEqual([...expanded].sort(), [...names].sort());
  assert.ok(generated.notes.some((n) => n.includes('--compact')));
  assert.deepEqual(findings(generated.policy), []);
});

// ---------------------------------------------------------------------------------------------------
// CloudTrail

const EVENT_CASES: ReadonlyArray<readonly [string, string, string]> = [
  ['s3.amazonaws.com', 'GetObject', 's3:GetObject'],
  ['s3.amazonaws.com', 'HeadObject', 's3:GetObject'],
  ['s3.amazonaws.com', 'ListObjectsV2', 's3:ListBucket'],
  ['s3.amazonaws.com', 'ListBuckets', 's3:ListAllMyBuckets'],
  ['s3.amazonaws.com', 'CreateMultipartUpload', 's3:PutObject'],
  ['s3.amazonaws.com', 'GetBucketEncryption', 's3:GetEncryptionConfiguration'],
  ['lambda.amazonaws.com', 'GetFunction20150331v2', 'lambda:GetFunction'],
  ['lambda.amazonaws.com', 'Invoke', 'lambda:InvokeFunction'],
  ['monitoring.amazonaws.com', 'PutMetricData', 'cloudwatch:PutMetricData'],
  ['ec2.amazonaws.com', 'RunInstances', 'ec2:RunInstances'],
  ['iam.amazonaws.com', 'CreateRole', 'iam:CreateRole'],
  ['dynamodb.amazonaws.com', 'PutItem', 'dynamodb:PutItem'],
];

for (const [source, name, expected] of EVENT_CASES) {
  test(`CloudTrail: ${source} ${name} needs ${expected}`, () => {
    assert.deepEqual(actionForEvent(source, name), { action: expected });
  });
}

test('CloudTrail: events that need no permission or name no known action are skipped', () => {
  assert.ok('skip' in actionForEvent('signin.amazonaws.com', 'ConsoleLogin'));
  assert.ok('skip' in actionForEvent('sts.amazonaws.com', 'GetCallerIdentity'));
  assert.ok('skip' in actionForEvent('s3.amazonaws.com', 'NoSuchOperation'));
});

test('CloudTrail: every documented exception maps to an action the catalog knows', () => {
  for (const [source, name, expected] of EVENT_CASES) assert.ok(catalogAction(expected), `${source} ${name}`);
});

const TRAIL_LOG = {
  Records: [
    { eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', requestParameters: { bucketName: 'reports', key: '2026.csv' }, resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::reports/2026.csv' }, { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::reports' }] },
    { eventSource: 's3.amazonaws.com', eventName: 'ListObjects', requestParameters: { bucketName: 'reports' } },
    { eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', resources: [{ ARN: 'arn:aws:iam::111122223333:role/Deploy', type: 'AWS::IAM::Role' }] },
    { eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin' },
    { eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances' },
  ],
};

test('CloudTrail: a trail log file gives requests with the ARNs of the types each action takes', () => {
  const { requests, skipped } = requestsFromCloudTrail(TRAIL_LOG);
  assert.deepEqual(requests.map((r) => [r.action, r.resource]), [
    ['s3:GetObject', 'arn:aws:s3:::reports/2026.csv'],
    ['s3:ListBucket', 'arn:aws:s3:::reports'],
    ['sts:AssumeRole', 'arn:aws:iam::111122223333:role/Deploy'],
    ['ec2:DescribeInstances', undefined],
  ]);
  assert.equal(skipped.length, 1);
  const generated = generatePolicy(requests);
  assert.deepEqual(findings(generated.policy), []);
});

test('CloudTrail: lookup-events output is read through CloudTrailEvent', () => {
  const events = {
    Events: [
      { EventId: '1', EventName: 'PutItem', EventSource: 'dynamodb.amazonaws.com', CloudTrailEvent: JSON.stringify({ eventSource: 'dynamodb.amazonaws.com', eventName: 'PutItem', resources: [{ ARN: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders' }] }) },
      { EventId: '2', EventName: 'CreateRole', EventSource: 'iam.amazonaws.com', CloudTrailEvent: 'not json' },
    ],
  };
  const { requests } = requestsFromCloudTrail(events);
  assert.deepEqual(requests.map((r) => [r.action, r.resource]), [['dynamodb:PutItem', 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders'], ['iam:CreateRole', undefined]]);
  assert.ok(requestsFromCloudTrail({ foo: 1 }).error);
});

// ---------------------------------------------------------------------------------------------------
// The CLI

test('CLI: actions on stdin, policy output, exit 0', () => {
  const { code, stdout } = cli(['generate', '-'], 's3:GetObject arn:aws:s3:::reports/2026.csv\n# a comment\ns3:ListAllMyBuckets\n');
  assert.equal(code, 0);
  const policy = JSON.parse(stdout);
  assert.equal(policy.Version, '2012-10-17');
  assert.equal(policy.Statement.length, 2);
});

test('CLI: AccessDenied messages and CloudTrail records are detected; JSON output has the documented shape', () => {
  const denied = cli(['generate', '--format', 'json', '-'], 'User: arn:aws:iam::111122223333:user/app is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::reports/2026.csv because no identity-based policy allows the s3:GetObject action\nUser: arn:aws:iam::111122223333:user/app is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:111122223333:jobs because no identity-based policy allows the sqs:SendMessage action\n');
  assert.equal(denied.code, 0, denied.stdout);
  const out = JSON.parse(denied.stdout);
  assert.deepEqual(Object.keys(out), ['policy', 'statements', 'wildcards', 'skipped', 'notes', 'findings']);
  assert.deepEqual(out.statements.map((s: { actions: string[] }) => s.actions), [['s3:GetObject'], ['sqs:SendMessage']]);
  assert.deepEqual(out.findings, []);
  const trail = cli(['generate', '--format', 'json', '-'], JSON.stringify(TRAIL_LOG));
  assert.equal(trail.code, 1, 'the sign-in record is reported as left out');
  assert.equal(JSON.parse(trail.stdout).skipped.length, 1);
});

test('CLI: ACTION arguments, --compact, and exit 2 for bad usage', () => {
  assert.equal(cli(['generate', 's3:GetObject=arn:aws:s3:::b/k', 's3:PutObject=arn:aws:s3:::b/k']).code, 0);
  assert.equal(cli(['generate']).code, 2);
  assert.equal(cli(['generate', '--from', 'xml', '-'], 's3:GetObject').code, 2);
  assert.equal(cli(['generate', '--account', '12', '-'], 's3:GetObject').code, 2);
  assert.equal(cli(['generate', '-'], 'not an action list at all').code, 2);
  assert.equal(cli(['generate', '--from', 'cloudtrail', '-'], '{').code, 2);
});

test('CloudTrail: lookup-events summary Resources are used when the record lists none', () => {
  const events = { Events: [{ EventName: 'Decrypt', EventSource: 'kms.amazonaws.com', Resources: [{ ResourceType: 'AWS::KMS::Key', ResourceName: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }], CloudTrailEvent: JSON.stringify({ eventSource: 'kms.amazonaws.com', eventName: 'Decrypt' }) }] };
  assert.deepEqual(requestsFromCloudTrail(events).requests.map((r) => [r.action, r.resource]), [['kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab']]);
});

test('CLI: messages of explicit denies and guardrails are left out with the reason', () => {
  const messages = [
    'User: arn:aws:iam::111122223333:user/app is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::reports/a.csv because no identity-based policy allows the s3:GetObject action',
    'User: arn:aws:iam::111122223333:user/app is not authorized to perform: s3:DeleteObject on resource: arn:aws:s3:::reports/a.csv with an explicit deny in an identity-based policy',
    'User: arn:aws:iam::111122223333:user/app is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:111122223333:instance/* because no service control policy allows the ec2:RunInstances action',
  ].join('\n');
  const { code, stdout } = cli(['generate', '--format', 'json', '-'], messages);
  assert.equal(code, 1);
  const out = JSON.parse(stdout);
  assert.deepEqual(out.statements.map((s: { actions: string[] }) => s.actions), [['s3:GetObject']]);
  assert.equal(out.skipped.length, 2);
});
