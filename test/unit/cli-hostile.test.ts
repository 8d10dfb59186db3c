/**
 * The CLI on hostile file systems and documents: a directory walk never blocks or loops (a named
 * pipe and a symbolic link back up the tree sit among the policies), a pipe named on the command line
 * is still read, and a YAML template whose aliases stand for billions of nodes ("billion laughs")
 * is read within a bound, with its policy still linted.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { nodeIo } from '../../server/src/cli/cliIo';
import { readYamlTree } from '../../server/src/iam/sources/yamlTree';

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { ...nodeIo(), stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const code = runCli(argv, io);
  return { code, stdout, stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-hostile-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjet', Resource: '*' }] });
write('tree/a/policy.json', POLICY);
write('tree/a/checks.iamtest.json', JSON.stringify({ tests: [{ name: 't', principal: 'arn:aws:iam::111122223333:user/u', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', identityPolicies: ['policy.json'], expect: 'ImplicitDeny' }] }));
// A link from deep inside the tree back to its top, and a named pipe that no writer ever opens.
fs.symlinkSync(path.join(dir, 'tree'), path.join(dir, 'tree', 'a', 'up'), 'dir');
const hasFifo = (() => {
  try {
    execFileSync('mkfifo', [path.join(dir, 'tree', 'a', 'pipe.json')]);
    return true;
  } catch {
    return false;
  }
})();

test('lint, fmt and test walk a directory with a link back up and a named pipe: each file once, nothing blocks', () => {
  assert.ok(hasFifo || process.platform === 'win32', 'mkfifo is available on this system');
  const lint = run(['lint', '--format', 'json', path.join(dir, 'tree')]);
  const files = (JSON.parse(lint.stdout) as { files: Array<{ path: string }> }).files.map((file) => path.relative(dir, file.path));
  assert.deepEqual(files, [path.join('tree', 'a', 'policy.json')]);
  assert.equal(lint.code, 1);
  const fmt = run(['fmt', '--check', path.join(dir, 'tree')]);
  assert.doesNotMatch(fmt.stderr, /pipe/);
  const tests = run(['test', '--format', 'json', path.join(dir, 'tree')]);
  const results = JSON.parse(tests.stdout) as { files: Array<{ path: string }> };
  assert.deepEqual(results.files.map((file) => path.relative(dir, file.path)), [path.join('tree', 'a', 'checks.iamtest.json')]);
});

test('fmt refuses a named pipe given by name; lint reads a pipe given by name', () => {
  if (!hasFifo) return;
  const fmt = run(['fmt', '--check', path.join(dir, 'tree', 'a', 'pipe.json')]);
  assert.equal(fmt.code, 2);
  assert.match(fmt.stderr, /not a regular file/);
  // A pipe with a writer, as `lint <(cat policy.json)` gives one: read like a file.
  const fifo = path.join(dir, 'written.json');
  execFileSync('mkfifo', [fifo]);
  const out = execFileSync('bash', ['-c', `(printf '%s' '${POLICY}' > '${fifo}' &) ; node --import tsx -e "const {runCli}=require('./server/src/cli/main');const {nodeIo}=require('./server/src/cli/cliIo');process.exitCode=runCli(['lint','${fifo}'],nodeIo())" || true`], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  assert.match(out, /INVALID_ACTION/);
});

test('output into a pipe whose reader goes away (`| head -1`): no stack trace, the run keeps its exit code', () => {
  const root = path.join(__dirname, '..', '..');
  const many = Array.from({ length: 400 }, (_, i) => write(`many/p${String(i).padStart(3, '0')}.json`, POLICY));
  assert.equal(many.length, 400);
  // bash reports the CLI's own exit status (PIPESTATUS[0]) and its stderr after head has closed the pipe.
  const script = `node --import tsx server/src/cli/main.ts lint '${path.join(dir, 'many')}' 2>'${path.join(dir, 'stderr.txt')}' | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`;
  const status = execFileSync('bash', ['-c', script], { cwd: root, encoding: 'utf8' }).trim();
  assert.equal(status, '1', 'lint found errors (the misspelt action), so it exits 1 as without the pipe');
  assert.equal(fs.readFileSync(path.join(dir, 'stderr.txt'), 'utf8'), '');
});

test('a YAML template whose aliases expand to billions of nodes is read within a bound; its policy is still linted', () => {
  const levels = ['a: &a ["s3:GetObjet", "s3:GetObjet", "s3:GetObjet", "s3:GetObjet", "s3:GetObjet", "s3:GetObjet", "s3:GetObjet", "s3:GetObjet", "s3:GetObjet"]'];
  for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  const text = `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${levels.map((line) => `  ${line}`).join('\n')}\nResources:\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement: [{Effect: Allow, Action: [s3:GetObjet, *i], Resource: "*"}]\n`;
  const tree = readYamlTree(text);
  assert.ok(tree.truncated, 'the expansion stopped');
  const file = write('bomb.yaml', text);
  const lint = run(['lint', '--format', 'json', file]);
  const [linted] = (JSON.parse(lint.stdout) as { files: Array<{ format: string; findings: Array<{ code: string; range: { start: { line: number } } }> }> }).files;
  assert.equal(linted!.format, 'cloudformation');
  assert.ok(linted!.findings.some((finding) => finding.code === 'INVALID_ACTION' && finding.range.start.line === 17), JSON.stringify(linted!.findings.slice(0, 5)));
  assert.ok(linted!.findings.length < 100, `${linted!.findings.length} findings`);
  // The bound is said once, at the first alias that reached it (the first `*d` of `e`, 0-based line 6:
  // nine copies of `d`'s 7,381 nodes), and what is not
  // read is an unknown value: no error is made up about it (the `*i` action was "not a string" before).
  const bound = linted!.findings.filter((finding) => finding.code === 'TEMPLATE_SYNTAX_ERROR');
  assert.deepEqual(bound.map((finding) => finding.range.start.line), [6], JSON.stringify(bound));
  assert.deepEqual(linted!.findings.filter((finding) => finding.code === 'INVALID_TYPE'), []);
});

test('a policy read through an alias past the bound is unknown: the bound is reported, not a type error', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
  const text = `AWSTemplateFormatVersion: "2010-09-09"\n${levels.join('\n')}\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument:\n        Statement: *g\n`;
  const lint = run(['lint', '--format', 'json', write('bomb2.yaml', text)]);
  const [linted] = (JSON.parse(lint.stdout) as { files: Array<{ findings: Array<{ code: string; message: string }> }> }).files;
  assert.deepEqual(linted!.findings.map((finding) => finding.code).sort(), ['MISSING_VERSION', 'TEMPLATE_SYNTAX_ERROR']);
  assert.match(linted!.findings.find((finding) => finding.code === 'TEMPLATE_SYNTAX_ERROR')!.message, /more than 10,000 nodes/);
});
