/**
 * The GitHub Actions example (examples/github-actions/iam-policy.yml, explained in
 * docs/github-actions.md) is YAML GitHub can read, uploads the SARIF file its lint step writes with
 * github/codeql-action/upload-sarif, installs this package at this version, and every `iam-policy`
 * command in it (the commented-out guardrails included) is a real command with real flags: each is
 * run here, in process, on a project of example policies, and none is bad usage (exit 2).
 */
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../../server/src/cli/main';
import { nodeIo } from '../../server/src/cli/cliIo';

const WORKFLOW = 'examples/github-actions/iam-policy.yml';
const text = readFileSync(WORKFLOW, 'utf8');
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string>;
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly env: Record<string, string>;
  readonly jobs: Record<string, { readonly 'runs-on': string; readonly steps: readonly Step[] }>;
}
const workflow = parse(text) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

/** A project like the one the workflow runs in: example policies with their tests, in `policies/`. */
const project = mkdtempSync(path.join(tmpdir(), 'iam-gha-'));
cpSync('examples/cross-account', path.join(project, 'policies'), { recursive: true });
cpSync('examples/resource/s3-bucket-policy.json', path.join(project, 'policies', 'bucket-policy.json'));
cpSync('examples/identity/lambda-deployer.json', path.join(project, 'policies', 'app-role.json'));
after(() => rmSync(project, { recursive: true, force: true }));

/** The values the workflow's shell variables take on the runner, for this project (absolute paths:
 * the CLI reads files relative to the process's directory). */
const VARIABLES: Record<string, string> = {
  POLICIES: path.join(project, workflow.env.POLICIES ?? ''),
  BASE: 'origin/main',
  file: path.join(project, 'policies/account-a/CrossAccountS3Access-permissions.json'),
};

/**
 * The `iam-policy` invocations of a script as argv arrays: quotes removed, variables replaced,
 * redirections and `||` tails dropped (the shell's part, not the CLI's).
 */
function invocations(script: string): string[][] {
  const commands: string[][] = [];
  for (const line of script.split('\n')) {
    const match = /(?:^|\s)iam-policy\s+(.*)$/.exec(line.replace(/^\s*#\s*-\s*run:\s*/, ''));
    if (!match) continue;
    const words = match[1]!.split(/\|\||>>?/)[0]!.match(/"[^"]*"|\S+/g) ?? [];
    commands.push(words.map((word) => word.replace(/^"|"$/g, '').replace(/\$\{?(\w+)\}?/g, (_, name: string) => {
      assert.ok(name in VARIABLES, `the example uses $${name}, which this test does not know`);
      return VARIABLES[name]!;
    })));
  }
  return commands;
}

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = {
    ...nodeIo(),
    stdout: (chunk: string) => void (stdout += chunk),
    stderr: (chunk: string) => void (stderr += chunk),
    cwd: () => project,
    // The base branch's version of the changed policy: without its write statement.
    gitShow: () => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] }),
  };
  return { code: runCli(argv, io), stdout, stderr };
}

test('the example is a workflow GitHub can read: triggers, permissions, one job on ubuntu', () => {
  assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push']);
  assert.equal(workflow.permissions['security-events'], 'write', 'upload-sarif needs security-events: write');
  assert.equal(workflow.permissions.contents, 'read');
  for (const job of Object.values(workflow.jobs)) assert.match(job['runs-on'], /^ubuntu-/);
  for (const step of steps) assert.ok(Boolean(step.uses) !== Boolean(step.run), `a step has exactly one of uses and run: ${JSON.stringify(step)}`);
});

test('it installs this package, at this version, from the npm registry', () => {
  const install = steps.find((step) => step.run?.includes('npm install'));
  assert.equal(install?.run?.trim(), `npm install --global ${manifest.name}@${manifest.version}`);
});

test('it uploads the SARIF file that its lint step writes, even when linting found errors', () => {
  const lint = steps.find((step) => step.run?.includes('--format sarif'));
  const written = /> (\S+)/.exec(lint?.run ?? '')?.[1];
  assert.ok(written, 'no lint step writes SARIF to a file');
  const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'no github/codeql-action/upload-sarif step');
  assert.equal(upload.with?.sarif_file, written);
  assert.equal(upload.if, 'always()');
  assert.ok(steps.indexOf(upload) > steps.indexOf(lint!));
});

test('every iam-policy command of the example is a real command with real flags', () => {
  const scripts = [...steps.map((step) => step.run ?? ''), ...text.split('\n').filter((line) => /^\s*#\s*-\s*run:/.test(line))];
  const commands = scripts.flatMap(invocations);
  assert.deepEqual(commands.map((argv) => argv[0]).sort(), ['check', 'check', 'diff', 'lint', 'lint', 'test']);
  for (const argv of commands) {
    const result = run(argv);
    assert.notEqual(result.code, 2, `iam-policy ${argv.join(' ')} is bad usage or unreadable input: ${result.stderr}`);
    assert.equal(result.stderr, '', `iam-policy ${argv.join(' ')}`);
    if (argv.includes('sarif')) {
      const sarif = JSON.parse(result.stdout) as { version: string; runs: Array<{ tool: { driver: { name: string } }; results: unknown[] }> };
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs[0]!.tool.driver.name, 'iam-policy');
    }
    if (argv[0] === 'test') assert.match(result.stdout, /^\d+ passed, 0 failed$/m);
    if (argv[0] === 'diff') assert.match(result.stdout, /Access diff: .* new access/);
  }
});
