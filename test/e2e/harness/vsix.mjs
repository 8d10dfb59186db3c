// Builds the .vsix the way a release would (the project's `package` script when it has one), and
// checks what went into it: the UI checks then run against that package, installed into a fresh
// extensions folder, which proves the package is complete.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './codeServer.mjs';

/** Runs a command, resolving with its output, rejecting on a non-zero exit or after `timeoutMs`. */
function run(command, args, { cwd, timeoutMs = 180_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.slice(-3000)}`));
    });
  });
}

/** File names inside a zip, read with python's zipfile (unzip is not always installed). */
async function zipEntries(file) {
  const script = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
  const output = await run('python3', ['-c', script, file], { cwd: repoRoot, timeoutMs: 30_000 });
  return output.split('\n').filter(Boolean);
}

/**
 * @param {object} options
 * @param {string} options.extensionPath Folder with the extension's package.json.
 * @param {string} options.outDir
 * @param {boolean} [options.selftest] Packaging the stub: vsce directly, no project script.
 * @returns {Promise<{ file: string, entries: string[], summary: string }>}
 */
export async function buildVsix({ extensionPath, outDir, selftest = false }) {
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const file = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  rmSync(file, { force: true });
  const vsce = path.join(repoRoot, 'node_modules/.bin/vsce');
  const extra = [];
  // Without an include list vsce packs everything not ignored, which here would include the
  // 800 MB .e2e/ folder; a fallback ignore file keeps the run fast and is reported.
  const hasIncludeList = existsSync(path.join(extensionPath, '.vscodeignore')) || Array.isArray(manifest.files);
  if (!hasIncludeList) {
    console.log('  (no .vscodeignore and no "files" in package.json: packaging with test/e2e/fixtures/vscodeignore)');
    extra.push('--ignoreFile', path.join(repoRoot, 'test/e2e/fixtures/vscodeignore'));
  }
  if (!selftest && manifest.scripts?.package) {
    await run('npm', ['run', '--silent', 'package', '--', '-o', file, ...extra], { cwd: extensionPath });
  } else {
    await run(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', file, ...extra], { cwd: extensionPath });
  }
  if (!existsSync(file)) throw new Error(`packaging reported success but ${file} does not exist`);

  const entries = await zipEntries(file);
  const required = ['extension/package.json', `extension/${path.posix.normalize(manifest.main ?? 'extension.js')}`];
  if (!selftest) required.push('extension/dist/server.js');
  const missing = required.filter((entry) => !entries.includes(entry));
  if (missing.length) throw new Error(`the .vsix lacks ${missing.join(', ')}; it holds:\n${entries.join('\n')}`);
  const unwanted = entries.filter((entry) => /^extension\/(\.e2e|node_modules|test-output|dist-test|\.git)\//.test(entry));
  if (unwanted.length) throw new Error(`the .vsix holds files that do not belong in it: ${unwanted.slice(0, 10).join(', ')}`);
  const size = statSync(file).size;
  if (size > 30 * 1024 * 1024) throw new Error(`the .vsix is ${Math.round(size / 1024 / 1024)} MB: something large got packed`);
  return { file, entries, summary: `${entries.length} files, ${Math.round(size / 1024)} KB` };
}
