/**
 * `iam-policy lint`: formats, exit codes, unreadable files, directories. The contract is in the
 * README; these cases pin it.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../server/src/cli/main';
import { nodeIo } from '../../server/src/cli/cliIo';
import { initTerraformForTests } from './helpers/terraformParser';

function run(argv: string[], cwd = process.cwd()): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { ...nodeIo(), stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text), cwd: () => cwd };
  const code = runCli(argv, io);
  return { code, stdout, stderr };
}

/** The version in package.json, the one source every output that names a version reads. */
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-lint-'));
const good = path.join(dir, 'good.json');
const broken = path.join(dir, 'broken.json');
const warnOnly = path.join(dir, 'warn.json');
fs.writeFileSync(good, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2));
fs.writeFileSync(broken, '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]\n}\n');
fs.writeFileSync(warnOnly, JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }));
fs.mkdirSync(path.join(dir, 'sub'));
fs.writeFileSync(path.join(dir, 'sub', 'package.json'), '{"name":"not-a-policy"}');

test('json format: shape, 0-based ranges, exit 1 on errors', () => {
  const { code, stdout } = run(['lint', '--format', 'json', broken]);
  assert.equal(code, 1);
  const output = JSON.parse(stdout);
  assert.equal(output.files.length, 1);
  const file = output.files[0];
  assert.equal(file.policyType, 'identity');
  const finding = file.findings.find((candidate: { code: string }) => candidate.code === 'INVALID_EFFECT');
  assert.deepEqual(Object.keys(finding).sort(), ['code', 'message', 'policy', 'range', 'severity']);
  assert.equal(finding.policy, '');
  assert.equal(file.format, 'policy');
  assert.deepEqual(file.policies.map((policy: { pointer: string }) => policy.pointer), ['']);
  assert.equal(finding.severity, 'error');
  // "allow" sits on line 2 (0-based), after `  "Statement": [{"Effect": `.
  const line = '  "Statement": [{"Effect": "allow"';
  assert.deepEqual(finding.range, { start: { line: 2, character: line.indexOf('"allow"') }, end: { line: 2, character: line.length } });
});

test('text format: path:line:col severity CODE message, and a summary', () => {
  const { code, stdout } = run(['lint', broken]);
  assert.equal(code, 1);
  assert.match(stdout, new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:28 error INVALID_EFFECT `, 'm'));
  assert.match(stdout, /1 file linted: 1 error, 0 warnings, 0 info/);
});

test('exit 0 when only warnings', () => {
  const { code, stdout } = run(['lint', warnOnly]);
  assert.equal(code, 0);
  assert.match(stdout, /warning MISSING_VERSION/);
});

test('--type forces the kind', () => {
  const { stdout } = run(['lint', '--format', 'json', '--type', 'resource', good]);
  const file = JSON.parse(stdout).files[0];
  assert.equal(file.policyType, 'resource');
  assert.ok(file.findings.some((finding: { code: string }) => finding.code === 'MISSING_PRINCIPAL'));
});

test('directories: policies are found, other JSON is skipped', () => {
  const { stdout } = run(['lint', '--format', 'json', dir]);
  const paths = JSON.parse(stdout).files.map((file: { path: string }) => path.basename(file.path)).sort();
  assert.deepEqual(paths, ['broken.json', 'good.json', 'warn.json']);
});

test('an unreadable file gets a clear message and the others are still linted', () => {
  const missing = path.join(dir, 'missing.json');
  const { code, stdout, stderr } = run(['lint', '--format', 'json', missing, good]);
  assert.equal(code, 1);
  assert.match(stderr, /cannot read `.*missing\.json`: no such file/);
  assert.equal(JSON.parse(stdout).files.length, 1);
});

const usage: Array<[string, string[]]> = [
  ['no files', ['lint']],
  ['bad type', ['lint', '--type', 'nope', good]],
  ['bad format', ['lint', '--format', 'xml', good]],
  ['unknown flag', ['lint', '--frobnicate', good]],
  ['unknown command', ['frob']],
  ['no command', []],
];
for (const [name, argv] of usage) {
  test(`bad usage exits 2: ${name}`, () => {
    const { code, stderr, stdout } = run(argv);
    assert.equal(code, 2);
    assert.ok((stderr + stdout).length > 0);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });
}

test('sarif format: valid SARIF 2.1.0 with rules and results', () => {
  const { stdout } = run(['lint', '--format', 'sarif', broken], dir);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'iam-policy');
  assert.equal(run0.tool.driver.version, PACKAGE_VERSION);
  assert.equal(run0.tool.driver.semanticVersion, PACKAGE_VERSION);
  const rule = run0.tool.driver.rules.find((candidate: { id: string }) => candidate.id === 'INVALID_EFFECT');
  assert.ok(rule.shortDescription.text.length > 0);
  assert.ok(rule.fullDescription.text.length > 0);
  const result = run0.results.find((candidate: { ruleId: string }) => candidate.ruleId === 'INVALID_EFFECT');
  assert.equal(result.level, 'error');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'broken.json');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 3);
  assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'INVALID_EFFECT');
});

test('the bundled CLI runs as a program (dist/cli.js, built by npm test)', () => {
  const cli = path.resolve('dist/cli.js');
  assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
  const result = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', broken], { encoding: 'utf8' });
  assert.equal(result.status, 1);
  assert.equal(JSON.parse(result.stdout).files[0].findings.some((finding: { code: string }) => finding.code === 'INVALID_EFFECT'), true);
  const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0);
  assert.ok(version.stdout.startsWith(`iam-policy ${PACKAGE_VERSION} (IAM data `), version.stdout);
});

test('the bundled CLI reads a Terraform file deep in a named directory, and lints a directory without one', () => {
  const cli = path.resolve('dist/cli.js');
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-lint-tf-'));
  fs.mkdirSync(path.join(tree, 'modules', 'app'), { recursive: true });
  fs.writeFileSync(
    path.join(tree, 'modules', 'app', 'main.tf'),
    'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:GetObjekt", Resource = "*" }]\n  })\n}\n',
  );
  fs.writeFileSync(path.join(tree, 'policy.json'), fs.readFileSync(good));
  const withTerraform = spawnSync(process.execPath, [cli, 'lint', tree], { encoding: 'utf8' });
  assert.equal(withTerraform.stderr, '');
  assert.match(withTerraform.stdout, /main\.tf:4:\d+ error INVALID_ACTION /);
  assert.match(withTerraform.stdout, /^2 files linted: 1 error, /m);
  fs.rmSync(path.join(tree, 'modules'), { recursive: true });
  const without = spawnSync(process.execPath, [cli, 'lint', tree], { encoding: 'utf8' });
  assert.equal(without.stderr, '');
  assert.equal(without.status, 0);
  assert.match(without.stdout, /^1 file linted: 0 errors, /m);
});

test('every example lints without errors', async () => {
  // The examples include Terraform files: the CLI loads the parser at start, the in-process run here.
  await initTerraformForTests();
  const { code, stdout } = run(['lint', '--format', 'json', 'examples']);
  const errors = JSON.parse(stdout).files.flatMap((file: { path: string; findings: Array<{ severity: string; code: string }> }) =>
    file.findings.filter((finding) => finding.severity === 'error').map((finding) => `${file.path}: ${finding.code}`),
  );
  assert.deepEqual(errors, []);
  assert.equal(code, 0);
});

/**
 * Findings of a template's own text, in the JSON output with the pointer of the policy that holds
 * them or the file's (""): a Terraform document used as policies of several kinds, and a comment or
 * trailing comma in a JSON CloudFormation template (CloudFormation reads JSON templates as strict
 * JSON, CloudFormation User Guide, "Template format").
 */
const HOST_CASES: ReadonlyArray<readonly [name: string, file: string, text: string, expected: ReadonlyArray<readonly [code: string, severity: string, policy: string, line: number, character: number, text: string]>]> = [
  [
    'a Terraform document used as a trust policy and as a bucket policy',
    'main.tf',
    'data "aws_iam_policy_document" "shared" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "Service"\n      identifiers = ["ec2.amazonaws.com"]\n    }\n  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.shared.json\n}\nresource "aws_s3_bucket_policy" "b" {\n  bucket = "b"\n  policy = data.aws_iam_policy_document.shared.json\n}\n',
    [['POLICY_USED_AS_SEVERAL_KINDS', 'warning', 'data.aws_iam_policy_document.shared', 0, 31, '"shared"']],
  ],
  [
    // The account Terraform deploys into (data.aws_caller_identity) is the bucket's own: not another account.
    "a Terraform bucket policy for the caller's own account and for another account",
    'bucket.tf',
    'data "aws_caller_identity" "current" {}\nresource "aws_s3_bucket_policy" "b" {\n  bucket = "b"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" },\n      { Effect = "Allow", Principal = { AWS = "444455556666" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" },\n    ]\n  })\n}\n',
    [['CROSS_ACCOUNT_ACCESS', 'info', 'aws_s3_bucket_policy.b/policy', 7, 6, '{ Effect = "Allow", Principal = { AWS = "444455556666" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }']],
  ],
  [
    'a JSON template with a comment outside its policy and a trailing comma inside it',
    'template.json',
    '{\n  // note\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]}}}}\n}\n',
    [
      ['JSON_SYNTAX_ERROR', 'error', '', 1, 2, '// note'],
      ['JSON_SYNTAX_ERROR', 'error', '/Resources/P/Properties/PolicyDocument', 3, 192, ','],
    ],
  ],
];

for (const [name, file, text, expected] of HOST_CASES) {
  test(`lint reports the template's own text: ${name}`, async () => {
    await initTerraformForTests();
    const target = path.join(dir, file);
    fs.writeFileSync(target, text);
    const lines = text.split('\n');
    const json = run(['lint', '--format', 'json', target]);
    const findings = (JSON.parse(json.stdout).files[0].findings as Array<{ code: string; severity: string; policy: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>).map((finding) => [
      finding.code,
      finding.severity,
      finding.policy,
      finding.range.start.line,
      finding.range.start.character,
      lines[finding.range.start.line]!.slice(finding.range.start.character, finding.range.end.line === finding.range.start.line ? finding.range.end.character : undefined),
    ]);
    assert.deepEqual(findings, expected);
    assert.equal(json.code, expected.some(([, severity]) => severity === 'error') ? 1 : 0);
    const textRun = run(['lint', target]);
    for (const [code, severity, , line, character] of expected) assert.ok(textRun.stdout.includes(`${target}:${line + 1}:${character + 1} ${severity} ${code} `), textRun.stdout);
  });
}
