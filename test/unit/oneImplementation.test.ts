/**
 * One implementation per idea (docs/ARCHITECTURE.md, invariant 8): no two top-level functions in the
 * product share a name, and no two modules export the same name, so a reader who finds
 * `patternCovers` or `parseOperatorName` has found the only one.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'generated') files.push(...sources(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** Names declared at the top level of each product file, by the pattern that declares them. */
function declared(pattern: RegExp): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of [...sources('server/src'), ...sources('client/src')]) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const name = match[1]!;
      where.set(name, [...(where.get(name) ?? []), file]);
    }
  }
  return where;
}

/**
 * Names that a contract outside the code requires in several modules: VS Code calls the `activate`
 * export of each of the extension's entry points, `main` (client/src/node/extension.ts) and `browser`
 * (client/src/browser/extension.ts); both delegate to the one `activateClient`.
 */
const REQUIRED_BY_CONTRACT: Readonly<Record<string, readonly string[]>> = {
  activate: [join('client', 'src', 'browser', 'extension.ts'), join('client', 'src', 'node', 'extension.ts')],
};

function duplicates(where: Map<string, string[]>): string[] {
  return [...where]
    .filter(([name, files]) => files.length > 1 && JSON.stringify([...files].sort()) !== JSON.stringify(REQUIRED_BY_CONTRACT[name]))
    .map(([name, files]) => `${name}: ${files.join(', ')}`);
}

test('no two top-level functions share a name', () => {
  assert.deepEqual(duplicates(declared(/^(?:export )?(?:async )?function\s+([A-Za-z0-9_$]+)/gm)), []);
});

test('no two modules export the same name', () => {
  assert.deepEqual(duplicates(declared(/^export (?:const|let|function|async function|class|type|interface|enum)\s+([A-Za-z0-9_$]+)/gm)), []);
});
