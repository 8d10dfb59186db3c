/**
 * Paths inside document URIs (server/src/lsp/documentUris.ts), computed on the URI text so that the
 * server works the same on Node (`file:`) and in the browser (`vscode-vfs:`, `vscode-remote:`).
 * URI syntax: RFC 3986 (scheme, authority, path, percent-encoding); VS Code writes a Windows drive
 * as `file:///c%3A/...`.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fileSystemPath, relativeUriPath, resolveRelativeUri, uriKey, workspaceRelativePath } from '../../server/src/lsp/documentUris';

const relativeCases: Array<[uri: string, folders: string[], expected: string | undefined]> = [
  ['file:///ws/a/b.json', ['file:///ws'], 'a/b.json'],
  ['file:///ws/a%20b.json', ['file:///ws/'], 'a b.json'],
  ['file:///wsx/a.json', ['file:///ws'], undefined],
  ['file:///ws', ['file:///ws'], undefined],
  ['file:///c%3A/ws/a.json', ['file:///C:/ws'], 'a.json'],
  ['vscode-vfs://github/o/r/policies/p.json', ['vscode-vfs://github/o/r'], 'policies/p.json'],
  ['vscode-vfs://github/o/other/p.json', ['vscode-vfs://github/o/r'], undefined],
  ['VSCODE-REMOTE://h:1/ws/p.json', ['vscode-remote://h:1/ws'], 'p.json'],
  ['file:///ws/p.json', ['vscode-remote://h/ws'], undefined],
  ['untitled:Untitled-1', ['file:///ws'], undefined],
];

test('workspaceRelativePath', () => {
  for (const [uri, folders, expected] of relativeCases) assert.equal(workspaceRelativePath(uri, folders), expected, uri);
});

const resolveCases: Array<[base: string, relative: string, expected: string | undefined]> = [
  ['file:///ws/tests/s.iamtest.json', 'p.json', 'file:///ws/tests/p.json'],
  ['file:///ws/tests/s.iamtest.json', '../policies/a b.json', 'file:///ws/policies/a%20b.json'],
  ['file:///ws/tests/s.iamtest.json', '..\\policies\\p.json', 'file:///ws/policies/p.json'],
  ['file:///ws/s.json', '../../../p.json', 'file:///p.json'],
  ['vscode-vfs://github/o/r/s.iamtest.json', './p.json', 'vscode-vfs://github/o/r/p.json'],
  ['untitled:Untitled-1', 'p.json', undefined],
];

test('resolveRelativeUri', () => {
  for (const [base, relative, expected] of resolveCases) assert.equal(resolveRelativeUri(base, relative), expected, `${base} + ${relative}`);
});

test('relativeUriPath', () => {
  assert.equal(relativeUriPath('file:///ws/tests/s.iamtest.json', 'file:///ws/policies/p.json'), '../policies/p.json');
  assert.equal(relativeUriPath('file:///ws/s.iamtest.json', 'file:///ws/p.json'), 'p.json');
  assert.equal(relativeUriPath('vscode-vfs://github/o/r/s.iamtest.json', 'vscode-vfs://github/o/r/a/p.json'), 'a/p.json');
  assert.equal(relativeUriPath('file:///ws/s.iamtest.json', 'vscode-vfs://github/o/r/p.json'), undefined);
});

test('uriKey and fileSystemPath: one file, several spellings', () => {
  assert.equal(uriKey('file:///c%3A/ws/a.json'), uriKey('FILE:///C:/ws/a.json'));
  assert.notEqual(uriKey('file:///ws/a.json'), uriKey('file:///ws/b.json'));
  assert.equal(fileSystemPath('file:///ws/a%20b.json'), '/ws/a b.json');
  assert.equal(fileSystemPath('file:///c%3A/ws/a.json'), 'c:/ws/a.json');
  assert.equal(fileSystemPath('vscode-vfs://github/o/r/a.json'), undefined);
});
