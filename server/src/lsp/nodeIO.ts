/**
 * The server's I/O edge on Node (serverIO.ts): `file:` URIs are read from the disk (saved files are
 * cached by mtime and size), other URIs through the client's `vscode.workspace.fs`; large documents
 * are analysed in worker threads; git runs for the access diff; the Terraform parser's WebAssembly
 * files are read from beside the bundle.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import type { ReadFileResult } from '../protocol';
import { initTerraformFromDisk } from '../wasmFiles';
import { fileSystemPath } from './documentUris';
import { OffThreadAnalyzer } from './offThreadAnalysis';
import { readFileThroughClient, type ServerIO, type ServerIOFactory } from './serverIO';

const GIT_TIMEOUT_MS = 5_000;

/** Reads files from the disk, re-reading a file only when its mtime or size changed. */
function createDiskReader(): (filePath: string) => ReadFileResult {
  const cache = new Map<string, { mtimeMs: number; size: number; text: string }>();
  return (filePath) => {
    try {
      const stat = fs.statSync(filePath);
      if (!stat.isFile()) return { missing: 'notFile' };
      const cached = cache.get(filePath);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return { text: cached.text };
      const text = fs.readFileSync(filePath, 'utf8');
      cache.set(filePath, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return { text };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? { missing: 'notFound' } : { missing: 'unreadable', reason: code ?? 'unreadable' };
    }
  };
}

/** The text of a file at a git revision, or undefined (not a file, not in git, not committed). */
function gitShow(uri: string, ref: string): Promise<string | undefined> {
  const file = fileSystemPath(uri);
  if (!file) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('git', ['show', `${ref}:./${path.basename(file)}`], { cwd: path.dirname(file), timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

/**
 * The Node edge. `workerScript` is the bundle to run in worker threads for large documents (the
 * server's own file); without it they are analysed in-process, after pending requests.
 */
export function nodeServerIO(workerScript?: string): ServerIOFactory {
  return (connection: Connection): ServerIO => {
    const readDisk = createDiskReader();
    return {
      readFile: (uri) => {
        const filePath = fileSystemPath(uri);
        return filePath ? Promise.resolve(readDisk(filePath)) : readFileThroughClient(connection, uri);
      },
      loadTerraform: initTerraformFromDisk,
      offThread: new OffThreadAnalyzer(workerScript),
      gitShow,
    };
  };
}
