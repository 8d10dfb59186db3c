/**
 * `iam-policy test --coverage`: which statements decided at least one test (an allowing statement of
 * an allowed request or a denying statement of an explicitly denied one: the statements the
 * evaluator's answer names, IAM User Guide "Policy evaluation logic"), per policy file, in text, JSON
 * and lcov (the tracefile format of the LCOV project's geninfo: `SF:`, `DA:line,count`, `LF:`, `LH:`,
 * `end_of_record`). Without `--coverage` the command's output is unchanged.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initTerraformForTests } from './helpers/terraformParser';
import { cli } from './helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'coverage-'));
// Lines: statement 0 on lines 4-9, statement 1 on lines 10-15, statement 2 on lines 16-21.
const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*"
    },
    {
      "Sid": "DescribeEc2",
      "Effect": "Allow",
      "Action": "ec2:DescribeInstances",
      "Resource": "*"
    },
    {
      "Sid": "NoDeletes",
      "Effect": "Deny",
      "Action": "s3:DeleteObject",
      "Resource": "*"
    }
  ]
}
`;
writeFileSync(join(dir, 'app.json'), POLICY);
writeFileSync(
  join(dir, 'app.iamtest.json'),
  JSON.stringify(
    {
      accounts: [{ id: '111122223333' }],
      users: [{ name: 'alice', account: '111122223333', policies: ['app.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] }] }],
      tests: [
        { name: 'reads a report', principal: 'alice', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/a.csv', expect: 'Allow' },
        { name: 'reads another report', principal: 'alice', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/b.csv', expect: 'Allow' },
        { name: 'cannot delete', principal: 'alice', action: 's3:DeleteObject', resource: 'arn:aws:s3:::reports/a.csv', expect: 'ExplicitDeny' },
        { name: 'cannot write', principal: 'alice', action: 's3:PutObject', resource: 'arn:aws:s3:::reports/a.csv', expect: 'ImplicitDeny' },
      ],
    },
    null,
    2,
  ),
);
const SCENARIO = join(dir, 'app.iamtest.json');
const POLICY_PATH = join(dir, 'app.json');

test('text: statements per policy file with a percentage, and the Allow never exercised', () => {
  const { code, stdout } = cli(['test', '--coverage', SCENARIO]);
  assert.equal(code, 0);
  assert.match(stdout, /4 passed, 0 failed\n\nCoverage/);
  assert.ok(stdout.includes(`${POLICY_PATH}: 2/3 statements (66.7%)`), stdout);
  assert.match(stdout, /✓ statement `ReadReports` \(index 0\), line 4: decided 2 tests/);
  assert.match(stdout, /✗ statement `DescribeEc2` \(index 1\), line 10: never decided a test \(this Allow is never exercised\)/);
  assert.match(stdout, /✓ statement `NoDeletes` \(index 2\), line 16: decided 1 test/);
  // The inline policy's statement is in the scenario file, and no test used it.
  assert.ok(stdout.includes(`${SCENARIO}: 0/1 statements (0%)`), stdout);
  assert.match(stdout, /Total: 2\/4 statements \(50%\)/);
});

test('json: the test results plus a coverage object', () => {
  const { code, stdout } = cli(['test', '--coverage', '--format', 'json', SCENARIO]);
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  assert.deepEqual(Object.keys(out), ['files', 'passed', 'failed', 'coverage']);
  assert.equal(out.coverage.covered, 2);
  assert.equal(out.coverage.total, 4);
  assert.equal(out.coverage.percent, 50);
  const file = out.coverage.files.find((f: { path: string }) => f.path === POLICY_PATH);
  assert.deepEqual(
    file.statements.map((s: { sid: string; startLine: number; endLine: number; covered: boolean; tests: string[] }) => [s.sid, s.startLine, s.endLine, s.covered, s.tests]),
    [
      ['ReadReports', 4, 9, true, ['reads a report', 'reads another report']],
      ['DescribeEc2', 10, 15, false, []],
      ['NoDeletes', 16, 21, true, ['cannot delete']],
    ],
  );
});

test('lcov: one record per file, a DA line for each line of each statement', () => {
  const { code, stdout } = cli(['test', '--coverage', '--format', 'lcov', SCENARIO]);
  assert.equal(code, 0);
  const records = stdout.trim().split('end_of_record').map((r) => r.trim()).filter((r) => r !== '');
  assert.equal(records.length, 2);
  const policy = records.find((r) => r.includes(`SF:${POLICY_PATH}`))!.split('\n');
  const da = policy.filter((l) => l.startsWith('DA:'));
  assert.equal(da.length, 18);
  assert.equal(da[0], 'DA:4,2');
  assert.equal(da[6], 'DA:10,0');
  assert.equal(da[12], 'DA:16,1');
  assert.ok(policy.includes('LF:18'));
  assert.ok(policy.includes('LH:12'));
});

test('without --coverage the output is the same as before, and lcov needs --coverage', () => {
  const plain = cli(['test', SCENARIO]);
  assert.equal(plain.code, 0);
  assert.ok(!plain.stdout.includes('Coverage'));
  assert.match(plain.stdout, /4 passed, 0 failed\n$/);
  const json = JSON.parse(cli(['test', '--format', 'json', SCENARIO]).stdout);
  assert.deepEqual(Object.keys(json), ['files', 'passed', 'failed']);
  assert.equal(cli(['test', '--format', 'lcov', SCENARIO]).code, 2);
});

test('the examples: every scenario runs with coverage and the totals add up', async () => {
  // The examples include Terraform principals: the CLI loads the parser at start, the in-process run here.
  await initTerraformForTests();
  const { code, stdout } = cli(['test', '--coverage', '--format', 'json', 'examples']);
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  const sum = out.coverage.files.reduce((n: number, f: { covered: number }) => n + f.covered, 0);
  assert.equal(sum, out.coverage.covered);
  assert.ok(out.coverage.total >= out.coverage.covered && out.coverage.covered > 0);
  // AWS managed policies named by a scenario are not the author's to cover.
  assert.ok(out.coverage.files.every((f: { path: string }) => !/ReadOnlyAccess$/.test(f.path)));
});

test('an allow-list SCP statement counts when it applied to an allowed request', () => {
  const scpDir = mkdtempSync(join(tmpdir(), 'coverage-scp-'));
  writeFileSync(join(scpDir, 'allow-list-scp.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'S3Only', Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Sid: 'Ec2Too', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] }, null, 2));
  writeFileSync(
    join(scpDir, 'org.iamtest.json'),
    JSON.stringify({
      accounts: [{ id: '111122223333', organization: [{ name: 'Root', scps: ['allow-list-scp.json'] }] }],
      users: [{ name: 'alice', account: '111122223333', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }] }],
      tests: [{ name: 'reads', principal: 'alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', expect: 'Allow' }],
    }),
  );
  const out = JSON.parse(cli(['test', '--coverage', '--format', 'json', join(scpDir, 'org.iamtest.json')]).stdout);
  const scp = out.coverage.files.find((f: { path: string }) => f.path.endsWith('allow-list-scp.json'));
  assert.deepEqual(scp.statements.map((s: { sid: string; covered: boolean }) => [s.sid, s.covered]), [['S3Only', true], ['Ec2Too', false]]);
});
