/**
 * The layering of ARCHITECTURE.md, enforced: the IAM core imports nothing from vscode, the language
 * server libraries, fs, net or process; the service layer does no I/O; the client has no IAM logic
 * beyond shared protocol types.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

const FORBIDDEN_IN_CORE = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|(node:)?(fs|net|http|https|child_process|process|os))(\/.*)?$/;

test('the IAM core imports no editor, LSP or I/O module', () => {
  const offenders: string[] = [];
  for (const file of sources('server/src/iam')) {
    for (const specifier of imports(file)) if (FORBIDDEN_IN_CORE.test(specifier)) offenders.push(`${file}: ${specifier}`);
    const text = fs.readFileSync(file, 'utf8');
    if (/\bprocess\.(env|argv|exit|cwd|stdout|stderr)/.test(text)) offenders.push(`${file}: uses process`);
  }
  assert.deepEqual(offenders, []);
});

test('the service layer does no I/O and knows no connection', () => {
  const offenders: string[] = [];
  for (const file of sources('server/src/service')) {
    for (const specifier of imports(file)) if (/^(vscode|vscode-languageserver(\/node)?|(node:)?(fs|net|child_process))$/.test(specifier)) offenders.push(`${file}: ${specifier}`);
  }
  assert.deepEqual(offenders, []);
});

test('the client imports from the server only the shared protocol (kind names included)', () => {
  const offenders: string[] = [];
  for (const file of sources('client/src')) {
    for (const specifier of imports(file)) {
      if (specifier.includes('server/src') && !/server\/src\/protocol$/.test(specifier)) offenders.push(`${file}: ${specifier}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('no eval or new Function anywhere in the product', () => {
  const offenders: string[] = [];
  for (const file of [...sources('server/src'), ...sources('client/src')]) {
    if (file.includes(`${path.sep}generated${path.sep}`)) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (/\beval\s*\(|new\s+Function\s*\(/.test(text)) offenders.push(file);
  }
  assert.deepEqual(offenders, []);
});
