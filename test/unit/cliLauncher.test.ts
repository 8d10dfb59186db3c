/**
 * `dist/cli.js` (server/src/cli/launcher.ts) starts the CLI bundle through a V8 code cache in the
 * temporary directory: the first run writes it, later runs read it and answer the same, a cache
 * directory that others could write is neither read nor written, a broken cache file is rejected and
 * replaced, and `IAM_POLICY_COMPILE_CACHE=off` leaves no trace. Runs the built bundle (`npm run build`).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const cli = path.resolve('dist/cli.js');
const policy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-launcher-policy-')), 'p.json');
fs.writeFileSync(policy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjet', Resource: '*' }] }));

function run(tmp: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', policy], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cacheDirIn(tmp: string): string {
  const uid = process.getuid?.();
  return path.join(tmp, uid === undefined ? 'iam-policy-compile-cache' : `iam-policy-compile-cache-${uid}`);
}

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.bin')) : []);

test('the first run writes the code cache, the next runs use it and answer the same', () => {
  assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-launcher-'));
  const first = run(tmp);
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stdout, /INVALID_ACTION/);
  const dir = cacheDirIn(tmp);
  assert.equal(cacheFiles(dir).length, 1);
  if (process.getuid) assert.equal(fs.statSync(dir).mode & 0o077, 0, 'the cache directory is private');
  const written = fs.statSync(path.join(dir, cacheFiles(dir)[0]!)).mtimeMs;
  const second = run(tmp);
  assert.deepEqual(second, first);
  assert.equal(fs.statSync(path.join(dir, cacheFiles(dir)[0]!)).mtimeMs, written, 'an accepted cache is not rewritten');

  // A corrupt cache is rejected by V8 and replaced; the answer does not change.
  fs.writeFileSync(path.join(dir, cacheFiles(dir)[0]!), 'not a code cache');
  assert.deepEqual(run(tmp), first);
  assert.ok(fs.statSync(path.join(dir, cacheFiles(dir)[0]!)).size > 1000, 'the corrupt cache was replaced');
});

test('commands with different V8 flags keep a cache each, and a write removes only other builds\' caches', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-launcher-'));
  const dir = cacheDirIn(tmp);
  const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  const lint = () => spawnSync(process.execPath, [cli, 'lint', '--format', 'json', policy], { encoding: 'utf8', env });
  const check = () => spawnSync(process.execPath, [cli, 'check', policy, '--no-public-access'], { encoding: 'utf8', env });
  assert.equal(lint().status, 1);
  fs.writeFileSync(path.join(dir, '1-2-3-v0.0.0-x64-default.bin'), 'the cache of another build');
  assert.equal(check().status, 0);
  // lint runs without TurboFan inlining, check with V8's defaults: a cache each; the other build's is gone.
  const files = cacheFiles(dir).sort();
  assert.equal(files.length, 2, files.join(', '));
  assert.ok(files.some((name) => name.endsWith('-default.bin')) && files.some((name) => name.includes('no_turbo_inlining')), files.join(', '));
  const mtimes = () => files.map((name) => fs.statSync(path.join(dir, name)).mtimeMs);
  const written = mtimes();
  // Alternating commands reuse their own cache: neither is rejected and rewritten.
  assert.equal(lint().status, 1);
  assert.equal(check().status, 0);
  assert.equal(lint().status, 1);
  assert.deepEqual(mtimes(), written);
});

test('a cache directory that others can write is not used', { skip: process.getuid ? false : 'no user ids on this system' }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-launcher-'));
  const dir = cacheDirIn(tmp);
  fs.mkdirSync(dir);
  fs.chmodSync(dir, 0o777);
  const result = run(tmp);
  assert.equal(result.code, 1, result.stderr);
  assert.deepEqual(cacheFiles(dir), []);
});

test('IAM_POLICY_COMPILE_CACHE=off reads and writes no cache', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-launcher-'));
  const result = run(tmp, { IAM_POLICY_COMPILE_CACHE: 'off' });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /INVALID_ACTION/);
  assert.equal(fs.existsSync(cacheDirIn(tmp)), false);
});

/** The nice value of each thread of a process (Linux `/proc/<pid>/task/<tid>/stat`, field 19), by thread id. */
function threadNiceness(pid: number): Map<number, number> {
  const result = new Map<number, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces) start at field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      result.set(Number(tid), Number(fields[19 - 3]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return result;
}

/**
 * Runs `lint` on a named pipe, so that the process waits for its input while the test reads its
 * threads' priorities; then writes the policy and returns the threads' nice values and the output.
 */
async function lintThroughPipe(env: Record<string, string>): Promise<{ main: number; helpers: number[]; stdout: string; code: number | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-launcher-pipe-'));
  const pipe = path.join(dir, 'p.json');
  assert.equal(spawnSync('mkfifo', [pipe]).status, 0, 'mkfifo');
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [cli, 'lint', '--format', 'json', pipe], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Until the process blocks opening the pipe (kernel wait channel `wait_for_partner`), after the
  // launcher has run; V8's helper threads exist from the start.
  let seen = new Map<number, number>();
  for (let attempt = 0; attempt < 200; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    seen = threadNiceness(child.pid!);
    const wchan = fs.readFileSync(`/proc/${child.pid}/wchan`, 'utf8');
    if (seen.size > 1 && /fifo|pipe|partner/i.test(wchan)) break;
  }
  fs.writeFileSync(pipe, fs.readFileSync(policy));
  const code = await exited;
  const main = seen.get(child.pid!)!;
  return { main, helpers: [...seen].filter(([tid]) => tid !== child.pid).map(([, nice]) => nice), stdout, code };
}

test('lint runs V8\'s helper threads at a lower priority than its main thread; IAM_POLICY_HELPER_NICE=off leaves them', { skip: process.platform === 'linux' ? false : 'thread priorities are lowered on Linux only' }, async () => {
  const lowered = await lintThroughPipe({});
  assert.equal(lowered.code, 1);
  assert.match(lowered.stdout, /INVALID_ACTION/);
  assert.ok(lowered.helpers.length >= 2, `helper threads: ${lowered.helpers.length}`);
  for (const nice of lowered.helpers) assert.equal(nice, Math.min(19, lowered.main + 10), `main ${lowered.main}, helpers ${lowered.helpers.join(' ')}`);

  const left = await lintThroughPipe({ IAM_POLICY_HELPER_NICE: 'off' });
  assert.equal(left.code, 1);
  for (const nice of left.helpers) assert.equal(nice, left.main, `main ${left.main}, helpers ${left.helpers.join(' ')}`);
});
