/**
 * The policy summary: the model as data, its headline and markdown, the code lens and the CLI command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePolicy } from '../../server/src/iam/document/parse.ts';
import { summarizePolicy } from '../../server/src/iam/summary/policySummary.ts';
import { actionsOf } from '../../server/src/iam/catalog/catalog.ts';
import { getSummaryCodeLenses, getSummaryMarkdown, summaryHeadline, summaryMarkdown, SHOW_SUMMARY_COMMAND } from '../../server/src/service/summary.ts';
import { analyzeDocument } from '../../server/src/service/documentAnalysis.ts';
import { DEFAULT_SETTINGS } from '../../server/src/settings.ts';
import { runSummary } from '../../server/src/cli/summary.ts';

const summarize = (policy: object) => summarizePolicy(parsePolicy(JSON.stringify(policy)).document);

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:*', Resource: '*' },
    { Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:StartInstances'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
    { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app' },
    { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
  ],
};

test('summary model: services, levels and counts', () => {
  const summary = summarize(POLICY);
  assert.equal(summary.statementCount, 4);
  assert.deepEqual(summary.allow.services.map((s) => [s.prefix, s.full, s.actionCount]), [
    ['s3', true, actionsOf('s3').length],
    ['ec2', false, 2],
    ['iam', false, 1],
  ]);
  const ec2 = summary.allow.services[1]!;
  assert.deepEqual(ec2.levels.map((l) => [l.level, l.granted]), [['List', 1], ['Write', 1]]);
  assert.deepEqual(ec2.conditions, [{ operator: 'StringEquals', key: 'aws:RequestedRegion', values: ['eu-west-1'] }]);
  assert.deepEqual(summary.allow.services[2]!.resources, ['arn:aws:iam::111122223333:role/app']);
  assert.deepEqual(summary.deny.services.map((s) => [s.prefix, s.actionCount]), [['s3', 1]]);
  assert.equal(summary.allow.allServices, undefined);
});

test('summary model: NotAction is all except, star is all services', () => {
  const summary = summarize({
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'sts:GetCallerIdentity'], Resource: '*' },
      { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:s3:::keep/*' },
    ],
  });
  assert.deepEqual(summary.allow.allServices?.except, ['iam:*', 'sts:GetCallerIdentity']);
  // iam is excluded entirely; sts is covered except one action.
  assert.deepEqual(summary.allow.services.map((s) => s.prefix), ['sts']);
  const sts = summary.allow.services[0]!;
  assert.equal(sts.actionCount, sts.totalActions - 1);
  assert.deepEqual(sts.except, ['sts:GetCallerIdentity']);
  assert.deepEqual(summary.deny.allServices?.resources, ['not arn:aws:s3:::keep/*']);
});

test('summary model: unknown actions and statements without an effect', () => {
  const summary = summarize({ Statement: [{ Effect: 'Allow', Action: ['foo:Bar', 's3:GetObject'] }, { Action: 's3:*' }] });
  assert.deepEqual(summary.unknownActions, ['foo:Bar']);
  assert.deepEqual(summary.allow.services.map((s) => s.prefix), ['s3']);
  assert.equal(summary.allow.services[0]!.actionCount, 1);
});

test('summary model: never throws on broken text', () => {
  for (const text of ['', '{', '{"Statement": [', '{"Statement": [{"Effect": "Allow", "Action": [1, {}]}]}', '[]']) {
    summarizePolicy(parsePolicy(text).document);
  }
});

test('headline and markdown', () => {
  const summary = summarize(POLICY);
  assert.equal(summaryHeadline(summary), '3 services, Full access to S3, Limited: List, Write to EC2, Limited: Write to IAM, denies 1 service');
  const markdown = summaryMarkdown(summary);
  assert.match(markdown, /^# Policy summary/);
  assert.match(markdown, /## Allowed/);
  assert.match(markdown, /\| Amazon S3 \(`s3`\) \| Full access \|/);
  assert.match(markdown, /`StringEquals aws:RequestedRegion: eu-west-1`/);
  assert.match(markdown, /## Denied/);
  assert.equal(summaryHeadline(summarize({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })), 'Full access to all services');
  assert.equal(summaryHeadline(summarize({ Statement: [] })), 'Grants nothing');
});

test('code lens at the top of a policy and the request markdown', () => {
  const text = JSON.stringify(POLICY, null, 2);
  const document = TextDocument.create('file:///p.json', 'json', 1, text);
  const analysis = analyzeDocument({ text, path: 'p.json', settings: DEFAULT_SETTINGS });
  const [lens] = getSummaryCodeLenses(document, analysis);
  assert.ok(lens);
  assert.equal(lens.range.start.line, 0);
  assert.equal(lens.command?.command, SHOW_SUMMARY_COMMAND);
  assert.deepEqual(lens.command?.arguments, ['file:///p.json']);
  assert.match(lens.command?.title ?? '', /^Policy summary: 3 services, Full access to S3/);
  assert.match(getSummaryMarkdown(analysis), /## Allowed/);
  const other = analyzeDocument({ text: '{"a": 1}', path: 'x.json', settings: DEFAULT_SETTINGS });
  assert.deepEqual(getSummaryCodeLenses(TextDocument.create('file:///x.json', 'json', 1, '{"a": 1}'), other), []);
});

function cli(argv: string[], files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = runSummary(argv, {
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
      return files[p]!;
    },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
  return { code, out, err };
}

test('CLI: formats, exit codes and messages', () => {
  const files = { 'p.json': JSON.stringify(POLICY) };
  const text = cli(['p.json'], files);
  assert.equal(text.code, 0);
  assert.match(text.out, /^Policy summary: 3 services/);
  assert.match(text.out, /Amazon S3 \(s3\): Full access/);
  const json = cli(['p.json', '--format', 'json'], files);
  assert.equal(json.code, 0);
  const parsed = JSON.parse(json.out);
  assert.equal(parsed.file, 'p.json');
  assert.equal(parsed.allow.services[0].prefix, 's3');
  const markdown = cli(['--format=markdown', 'p.json'], files);
  assert.match(markdown.out, /^# Policy summary: p.json/);
  const cases: [string[], RegExp][] = [
    [[], /a policy file is required/],
    [['a.json', 'b.json'], /exactly one policy file/],
    [['p.json', '--format', 'xml'], /must be text, json or markdown, not `xml`/],
    [['p.json', '--format'], /must be text, json or markdown/],
    [['--verbose', 'p.json'], /unknown option `--verbose`/],
    [['missing.json'], /cannot read `missing.json` \(ENOENT\)/],
    // A text that does not parse is not summarised as a policy that grants nothing.
    [['broken.json'], /`broken.json` is not a JSON policy object \(JSON syntax error/],
    [['list.json'], /`list.json` is not a JSON policy object/],
  ];
  for (const [argv, message] of cases) {
    const result = cli(argv, { ...files, 'broken.json': '{"Version": ', 'list.json': '[]' });
    assert.equal(result.code, 2, argv.join(' '));
    assert.match(result.err, message);
    assert.equal(result.out, '');
  }
});

test('CLI: a template is summarised policy by policy, with the kind of each place', () => {
  const template = `Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: '*'
`;
  const json = cli(['t.yaml', '--format', 'json'], { 't.yaml': template });
  assert.equal(json.code, 0, json.err);
  const parsed = JSON.parse(json.out);
  assert.equal(parsed.format, 'cloudformation');
  assert.deepEqual(parsed.policies.map((p: { pointer: string; policyType: string; allow: { services: Array<{ prefix: string }> } }) => [p.pointer, p.policyType, p.allow.services.map((x) => x.prefix)]), [
    ['/Resources/BucketPolicy/Properties/PolicyDocument', 'resource', ['s3']],
    ['/Resources/Reader/Properties/PolicyDocument', 'identity', ['dynamodb']],
  ]);
  // The stack's own account is the owning account, not another one.
  assert.equal(parsed.policies[0].access.whoCanGetIn.statements[0].summary, 'the owning account');
  const text = cli(['t.yaml'], { 't.yaml': template });
  assert.match(text.out, /^BucketPolicy bucket policy \(t\.yaml#\/Resources\/BucketPolicy\/Properties\/PolicyDocument, resource\):\nPolicy summary: 1 service/);
  assert.match(text.out, /Reader managed policy \(t\.yaml#\/Resources\/Reader\/Properties\/PolicyDocument, identity\):/);
});
