/**
 * The CLI's window on the world. Commands take this interface so that tests can run them in-process
 * on real files without spawning, and so that `iam/` stays free of I/O.
 */
import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PolicySet } from '../iam/scenario/index';

/**
 * The options of every text read, one object: given the string `'utf8'`, `fs.readFileSync` copies its
 * defaults into a new options object on every call (~5 ms of unoptimised code over 1,594 files).
 */
const UTF8 = { encoding: 'utf8', flag: 'r' } as const;

export interface CliIo {
  readFile(filePath: string): string;
  /** `file`, `dir`, `missing`, or `other` for what is neither (a named pipe, a socket, a device). */
  kindOf(filePath: string): 'file' | 'dir' | 'missing' | 'other';
  /** The canonical path (symbolic links resolved), to recognise a directory already walked. */
  realPath?(filePath: string): string;
  readDir(dirPath: string): string[];
  /**
   * The entries of a directory with the kind the listing itself gives (no `stat` per entry), or
   * undefined for an entry it cannot tell (a symbolic link), which `kindOf` then decides. Optional:
   * without it, a walk asks `kindOf` about every entry.
   */
  readDirKinds?(dirPath: string): { path: string; kind: 'file' | 'dir' | 'other' | undefined }[];
  readStdin(): string;
  /** Replaces a file's content (`iam-policy fmt`); throws with the system's reason. */
  writeFile?(filePath: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The working directory, for relative paths in output. */
  cwd(): string;
  /** The text of `file` at git revision `ref` (`git show REF:./FILE`); throws with git's message. */
  gitShow?(ref: string, file: string): string;
}

/**
 * Writes text to the process's stdout. It hands over a Buffer, not the string: through
 * process.stdout (a SyncWriteStream for files), written strings were kept alive across scavenges
 * and promoted for the garbage collector to copy. `nodeIo().stdout` is this very function, so that a
 * command can tell the real stdout from a test's (see `writeStdoutBytes`).
 */
export function writeStdout(text: string): void {
  if (watchOutput()) process.stdout.write(Buffer.from(text, 'utf8'));
}

/** Set when the reader of stdout has gone (`iam-policy lint . | head` once head has read its lines). */
let stdoutClosed = false;
let outputWatched = false;

/**
 * Watches the standard streams once: a reader that goes away (a closed pipe, EPIPE) ends the output,
 * not the run, which still ends with its own exit code; any other write error is one clear line and
 * exit code 2, never an unhandled 'error' event with a stack trace. Returns whether stdout is still
 * read.
 */
function watchOutput(): boolean {
  if (!outputWatched) {
    outputWatched = true;
    const onError = (stream: 'stdout' | 'stderr') => (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') {
        if (stream === 'stdout') stdoutClosed = true;
        return;
      }
      if (stream === 'stdout') {
        stdoutClosed = true;
        process.stderr.write(`iam-policy: cannot write the output: ${error.message}\n`);
      }
      process.exitCode = 2;
    };
    process.stdout.on('error', onError('stdout'));
    process.stderr.on('error', onError('stderr'));
  }
  return !stdoutClosed;
}

/**
 * Writes UTF-8 bytes to the process's stdout; the caller must not change them afterwards. For
 * commands whose io writes to the real stdout (`io.stdout === writeStdout`) and that encode large
 * output themselves.
 */
export function writeStdoutBytes(bytes: Uint8Array): void {
  if (watchOutput()) process.stdout.write(bytes);
}

/** The real thing: the file system and the process's standard streams. */
export function nodeIo(): CliIo {
  return {
    readFile: (filePath) => fs.readFileSync(filePath, UTF8),
    kindOf: (filePath) => {
      try {
        const stat = fs.statSync(filePath);
        return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
      } catch {
        return 'missing';
      }
    },
    readDir: (dirPath) => fs.readdirSync(dirPath).map((name) => path.join(dirPath, name)),
    readDirKinds: (dirPath) =>
      fs.readdirSync(dirPath, { withFileTypes: true }).map((entry) => ({
        path: path.join(dirPath, entry.name),
        kind: entry.isSymbolicLink() ? undefined : entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other',
      })),
    realPath: (filePath) => {
      try {
        return fs.realpathSync(filePath);
      } catch {
        return path.resolve(filePath);
      }
    },
    readStdin: () => fs.readFileSync(0, 'utf8'),
    writeFile: (filePath, text) => fs.writeFileSync(filePath, text, 'utf8'),
    stdout: writeStdout,
    stderr: (text) => {
      watchOutput();
      process.stderr.write(text);
    },
    cwd: () => process.cwd(),
    gitShow: (ref, file) => {
      const relative = path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/');
      // Required here rather than imported at the top: only `diff --git` runs git, and loading the
      // module costs every other run about 8 ms of start-up.
      const { execFileSync } = require('node:child_process') as typeof ChildProcess;
      try {
        return execFileSync('git', ['show', `${ref}:./${relative}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr;
        throw new Error(stderr ? stderr.trim().split('\n')[0]! : error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** A short, readable reason for a failed read, without a stack trace. */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}

/** Directories that no command looks into when it walks a directory: dependencies, VCS data, build output. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', '.e2e', 'out', 'test-output']);

/**
 * The files under `dir` whose base name `accept` takes, recursively, in sorted order: how `lint`,
 * `fmt` and `test` find their files in a directory. A walk never reads what could block or loop:
 * entries that are neither files nor directories are left out (reading a named pipe waits for a
 * writer forever), and so is a directory already walked (a symbolic link back up the tree). A file
 * named on the command line is read whatever it is (`lint <(cat policy.json)` reads a pipe).
 */
export function walkFiles(io: CliIo, dir: string, accept: (base: string) => boolean): string[] {
  const files: string[] = [];
  const walked = new Set<string>();
  const walk = (current: string): void => {
    const identity = io.realPath ? io.realPath(current) : path.resolve(current);
    if (walked.has(identity)) return;
    walked.add(identity);
    // The listing's own kinds where it has them: a `stat` per entry was most of a large walk's time.
    const entries = io.readDirKinds ? io.readDirKinds(current).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : io.readDir(current).sort().map((entry) => ({ path: entry, kind: undefined }));
    for (const { path: entry, kind: listed } of entries) {
      const base = path.basename(entry);
      if (SKIPPED_DIRECTORIES.has(base)) continue;
      const kind = listed ?? io.kindOf(entry);
      if (kind === 'dir') walk(entry);
      else if (kind === 'file' && accept(base)) files.push(entry);
    }
  };
  walk(dir);
  return files;
}

/** The policies of a scenario file, read on demand relative to that file (`test`, `explain-denied`). */
export function scenarioPolicies(io: CliIo, scenarioFile: string): PolicySet {
  const dir = path.dirname(scenarioFile);
  return new PolicySet((relative) => {
    try {
      return { text: io.readFile(path.resolve(dir, relative)) };
    } catch (error) {
      return { error: `Cannot read policy file \`${relative}\`: ${describeReadError(error)}` };
    }
  });
}
