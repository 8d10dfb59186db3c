// The workspace the editor opens in every e2e run: a copy of examples/ plus the suite's own
// fixture files (test/e2e/fixtures/workspace/, landing under e2e/), in a fresh temporary folder, so
// that tests may edit and save freely and the repository stays untouched.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Creates the workspace and returns its absolute path. */
export function makeWorkspace() {
  // /tmp rather than os.tmpdir(): the path ends up in socket paths and URLs; keep it short.
  const base = existsSync('/tmp') ? '/tmp' : os.tmpdir();
  const dir = mkdtempSync(path.join(base, 'iamw-'));
  const examples = path.join(repoRoot, 'examples');
  if (existsSync(examples)) cpSync(examples, dir, { recursive: true });
  cpSync(path.join(repoRoot, 'test/e2e/fixtures/workspace'), dir, { recursive: true });
  return dir;
}

/** Removes a workspace made by makeWorkspace (kept when E2E_KEEP is set, for debugging). */
export function removeWorkspace(dir) {
  if (process.env.E2E_KEEP) return;
  rmSync(dir, { recursive: true, force: true });
}
