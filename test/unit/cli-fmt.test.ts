/**
 * `iam-policy fmt [--check] [--shrink]`: files and folders, standard input, exit codes (0 done or
 * nothing to change, 1 would change with `--check` or could not be formatted, 2 bad usage or I/O). The
 * contract is in the README ("iam-policy fmt"); these cases pin it.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { nodeIo } from '../../server/src/cli/cliIo';

function run(argv: string[], stdin = ''): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { ...nodeIo(), readStdin: () => stdin, stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const code = runCli(argv, io);
  return { code, stdout, stderr };
}

const UNFORMATTED = '{"Statement":[{"Resource":"*","Action":["s3:PutObject","s3:GetObject"],"Effect":"Allow"}],"Version":"2012-10-17"}\n';
const FORMATTED = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:PutObject"
      ],
      "Resource": "*"
    }
  ]
}
`;

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-fmt-'));
  fs.writeFileSync(path.join(dir, 'messy.json'), UNFORMATTED);
  fs.writeFileSync(path.join(dir, 'tidy.json'), FORMATTED);
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'package.json'), '{"name":"not-a-policy"}');
  fs.writeFileSync(path.join(dir, 'sub', 'app.iamtest.json'), '{"tests":[]}');
  fs.writeFileSync(path.join(dir, 'sub', 'nested.jsonc'), `// kept\n${UNFORMATTED}`);
  return dir;
}

test('fmt --check lists the files that would change, writes nothing and exits 1', () => {
  const dir = workspace();
  const result = run(['fmt', '--check', dir]);
  assert.equal(result.code, 1);
  assert.deepEqual(result.stdout.trim().split('\n'), [path.join(dir, 'messy.json'), path.join(dir, 'sub', 'nested.jsonc')]);
  assert.equal(fs.readFileSync(path.join(dir, 'messy.json'), 'utf8'), UNFORMATTED);
});

test('fmt rewrites the files in place, lists them, exits 0; then --check exits 0', () => {
  const dir = workspace();
  const result = run(['fmt', dir]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.trim().split('\n'), [path.join(dir, 'messy.json'), path.join(dir, 'sub', 'nested.jsonc')]);
  assert.equal(fs.readFileSync(path.join(dir, 'messy.json'), 'utf8'), FORMATTED);
  assert.equal(fs.readFileSync(path.join(dir, 'sub', 'nested.jsonc'), 'utf8'), `// kept\n${FORMATTED}`);
  // Files that are not policies, and scenario files, are left alone.
  assert.equal(fs.readFileSync(path.join(dir, 'sub', 'package.json'), 'utf8'), '{"name":"not-a-policy"}');
  assert.equal(fs.readFileSync(path.join(dir, 'sub', 'app.iamtest.json'), 'utf8'), '{"tests":[]}');
  const again = run(['fmt', '--check', dir]);
  assert.equal(again.code, 0);
  assert.equal(again.stdout, '');
});

test('fmt - reads standard input and writes the formatted policy to standard output', () => {
  const result = run(['fmt', '-'], UNFORMATTED);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, FORMATTED);
  const indented = run(['fmt', '--indent', 'tab', '-'], UNFORMATTED);
  assert.match(indented.stdout, /^\{\n\t"Version"/);
  const check = run(['fmt', '--check', '-'], UNFORMATTED);
  assert.equal(check.code, 1);
  assert.equal(check.stdout, '<stdin>\n');
  assert.equal(run(['fmt', '--check', '-'], FORMATTED).code, 0);
});

test('a policy with syntax errors is not formatted: a clear message, the text untouched, exit 1', () => {
  const dir = workspace();
  const broken = path.join(dir, 'broken.json');
  const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",\n "Action": }]}';
  fs.writeFileSync(broken, text);
  const result = run(['fmt', broken]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /broken\.json: not formatted: the document has JSON syntax errors \(first on line 2\)/);
  assert.equal(fs.readFileSync(broken, 'utf8'), text);
  // On standard input the text goes through unchanged, so a pipe loses nothing.
  const piped = run(['fmt', '-'], text);
  assert.equal(piped.code, 1);
  assert.equal(piped.stdout, text);
});

test('a file named explicitly that is not a policy is reported, exit 1', () => {
  const dir = workspace();
  const result = run(['fmt', path.join(dir, 'sub', 'package.json')]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /not a standalone IAM policy/);
});

test('usage and I/O errors exit 2', () => {
  assert.equal(run(['fmt']).code, 2);
  assert.equal(run(['fmt', '--frobnicate', 'x.json']).code, 2);
  assert.equal(run(['fmt', '--indent', 'wide', 'x.json']).code, 2);
  assert.equal(run(['fmt', '-', 'x.json']).code, 2);
  const missing = run(['fmt', path.join(os.tmpdir(), 'no-such-policy-file.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*no such file/);
});

test('fmt --shrink rewrites a policy in its smallest form of the same access and prints the sizes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-fmt-shrink-'));
  const file = path.join(dir, 'app-scp.json');
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' }, { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' }] }, null, 2);
  fs.writeFileSync(file, text);
  const check = run(['fmt', '--shrink', '--check', file]);
  assert.equal(check.code, 1);
  assert.equal(fs.readFileSync(file, 'utf8'), text);
  const result = run(['fmt', '--shrink', file]);
  assert.equal(result.code, 0, result.stderr);
  const written = fs.readFileSync(file, 'utf8');
  assert.equal(written, '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["iam:DeleteRole","iam:DeleteUser"],"Resource":"*"}]}');
  // The file name makes it an SCP (default glob `*scp*.json`), whose quota counts every character.
  assert.equal(result.stdout, `${file}: ${text.length} → ${written.length} characters (quota 5120)\n`);
  assert.equal(run(['fmt', '--shrink', '--check', file]).code, 0);
});
