/**
 * The CLI, in-process, on inputs nested 20,000 levels deep: the deep file gets a clear message (lint:
 * a `POLICY_TOO_DEEP` finding on it), the other inputs are still handled, JSON output stays JSON,
 * and "Maximum call stack size exceeded" never appears.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { nodeIo } from '../../server/src/cli/cliIo';
import { initTerraformForTests } from './helpers/terraformParser';

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { ...nodeIo(), stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const code = runCli(argv, io);
  assert.doesNotMatch(stdout + stderr, /call stack|internal error/i);
  return { code, stdout, stderr };
}

const DEPTH = 20_000;
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-deep-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};
const ALLOW = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const deepPolicy = write('policies/a-deep.json', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/t":${deepArray}}}}]}`);
write('policies/b-typo.json', JSON.stringify({ ...ALLOW, Statement: [{ ...ALLOW.Statement[0], Action: 's3:GetObjet' }] }));
write('policies/c-deep-objects.json', `{"Statement":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`);
// Templates: the deep value sits in a role's trust policy, in JSON and in YAML flow style (whose parser
// recurses per level too), and, in block style, deeper than the bound by indentation alone.
const trustHead = '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"R":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":';
write('templates/deep.json', `${trustHead}${deepArray}}}}]}}}}}`);
const yamlHead = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n';
write('templates/deep-flow.yaml', `${yamlHead}        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: {Service: ec2.amazonaws.com}\n            Action: sts:AssumeRole\n            Condition: {StringEquals: {"aws:SourceAccount": ${deepArray}}}\n`);
write('templates/deep-block.yaml', `${yamlHead}${Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i + 4)}a:\n`).join('')}${'  '.repeat(154)}b: 1\n`);
// Terraform: a heredoc holding JSON, the same policy as a standalone file would be.
write('terraform/deep.tf', `resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/t":${deepArray}}}}]}\nEOF\n}\n`);
const request = { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', identityPolicies: [ALLOW] };
const deepRequest = `{"principal":"arn:aws:iam::111122223333:user/a","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","context":{"aws:x":${deepArray}},"identityPolicies":[${JSON.stringify(ALLOW)}]}`;
const deepRequestFile = write('requests/deep.json', deepRequest);
const batch = write('requests/batch.json', `[${JSON.stringify(request)},${deepRequest},${JSON.stringify(request)}]`);
const scenario = (extra: string, policy = 'p.json') =>
  JSON.stringify({ accounts: [{ id: '111122223333' }], users: [{ name: 'a', account: '111122223333', policies: [policy] }], tests: [{ name: 't', principal: 'a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', expect: 'Allow' }] }).replace('"expect"', `${extra}"expect"`);
write('scenarios/p.json', JSON.stringify(ALLOW));
write('scenarios/deep-policy.json', `{"Statement":${deepArray}}`);
write('scenarios/a.iamtest.json', scenario(''));
write('scenarios/b-deep.iamtest.json', scenario(`"context":{"aws:x":${deepArray}},`));
write('scenarios/c-refers-deep.iamtest.json', scenario('', 'deep-policy.json'));

test('lint: the deep files get a POLICY_TOO_DEEP finding, the other file is linted, JSON stays JSON', () => {
  const result = run(['lint', '--format', 'json', path.join(dir, 'policies')]);
  assert.equal(result.code, 1);
  const output = JSON.parse(result.stdout) as { files: Array<{ path: string; findings: Array<{ code: string; message: string }> }> };
  assert.deepEqual(output.files.map((file) => path.basename(file.path)), ['a-deep.json', 'b-typo.json', 'c-deep-objects.json']);
  for (const file of [output.files[0]!, output.files[2]!]) {
    assert.ok(file.findings.some((finding) => finding.code === 'POLICY_TOO_DEEP' && finding.message.includes('nested more than 100 levels deep')), JSON.stringify(file.findings.map((f) => f.code)));
  }
  assert.ok(output.files[1]!.findings.some((finding) => finding.code === 'INVALID_ACTION'));
  for (const format of ['text', 'sarif']) {
    const other = run(['lint', '--format', format, path.join(dir, 'policies')]);
    assert.equal(other.code, 1);
    if (format === 'sarif') JSON.parse(other.stdout);
    else assert.match(other.stdout, /3 files linted/);
  }
});

test('lint: a template with a too-deep value in a policy is still a template, with POLICY_TOO_DEEP in that policy', () => {
  const result = run(['lint', '--format', 'json', path.join(dir, 'templates')]);
  assert.equal(result.code, 1);
  const output = JSON.parse(result.stdout) as { files: Array<{ path: string; format: string; policies: Array<{ pointer: string }>; findings: Array<{ code: string; message: string; policy: string; range: { start: { line: number } } }> }> };
  assert.deepEqual(output.files.map((file) => [path.basename(file.path), file.format]), [['deep-block.yaml', 'cloudformation'], ['deep-flow.yaml', 'cloudformation'], ['deep.json', 'cloudformation']]);
  for (const file of output.files) {
    assert.deepEqual(file.policies.map((policy) => policy.pointer), ['/Resources/R/Properties/AssumeRolePolicyDocument'], file.path);
    const deep = file.findings.filter((finding) => finding.code === 'POLICY_TOO_DEEP');
    assert.equal(deep.length, 1, `${file.path}: ${file.findings.map((finding) => finding.code).join(', ')}`);
    assert.match(deep[0]!.message, /nested more than 100 levels deep/);
    assert.equal(deep[0]!.policy, '/Resources/R/Properties/AssumeRolePolicyDocument');
  }
  // Not mistaken for a standalone policy (whose root would have unknown elements).
  assert.ok(output.files.every((file) => !file.findings.some((finding) => finding.code === 'INVALID_POLICY_ELEMENT' && finding.message.includes('AWSTemplateFormatVersion'))));
});

test('lint: JSON nested too deep in a Terraform heredoc gets POLICY_TOO_DEEP in that policy', async () => {
  // The CLI loads the Terraform parser at start; in-process it is loaded here.
  await initTerraformForTests();
  const result = run(['lint', '--format', 'json', path.join(dir, 'terraform')]);
  assert.equal(result.code, 1);
  const [file] = (JSON.parse(result.stdout) as { files: Array<{ format: string; findings: Array<{ code: string; policy: string; range: { start: { line: number } } }> }> }).files;
  assert.equal(file!.format, 'terraform');
  const deep = file!.findings.filter((finding) => finding.code === 'POLICY_TOO_DEEP');
  assert.equal(deep.length, 1, file!.findings.map((finding) => finding.code).join(', '));
  assert.equal(deep[0]!.range.start.line, 2);
  assert.equal(deep[0]!.policy, 'aws_iam_policy.p/policy');
});

test('summary: a deep policy is refused with its position, exit 2', () => {
  const result = run(['summary', '--format', 'json', deepPolicy]);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /a-deep\.json:1:\d+: This array is nested more than 100 levels deep/);
});

test('simulate --request: a deep request is refused with a clear message, exit 2', () => {
  const result = run(['simulate', '--request', deepRequestFile]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /is not a valid request: it nests JSON more than 100 levels deep \(at 1:\d+\)/);
});

test('simulate --batch: only the deep request fails, in its slot; the others are answered', () => {
  const result = run(['simulate', '--batch', batch]);
  assert.equal(result.code, 0);
  const answers = JSON.parse(result.stdout) as Array<{ decision?: string; error?: string }>;
  assert.deepEqual(answers.map((answer) => answer.decision ?? 'error'), ['Allow', 'error', 'Allow']);
  assert.match(answers[1]!.error!, /nests JSON more than 100 levels deep/);
});

test('test: a deep scenario file is reported and skipped; a deep policy file fails only its test; JSON stays JSON', () => {
  const result = run(['test', '--format', 'json', path.join(dir, 'scenarios')]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /b-deep\.iamtest\.json:1:\d+: This array is nested more than 100 levels deep/);
  assert.match(result.stderr, /`[^`]*b-deep\.iamtest\.json` nests JSON too deep to be read/);
  const output = JSON.parse(result.stdout) as { files: Array<{ path: string }>; passed: number; failed: number };
  assert.deepEqual(output.files.map((file) => path.basename(file.path)), ['a.iamtest.json', 'c-refers-deep.iamtest.json']);
  assert.equal(output.passed, 1);
  assert.equal(output.failed, 1);
  assert.match(JSON.stringify(output.files[1]), /nests JSON more than 100 levels deep/);
});
