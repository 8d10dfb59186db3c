/**
 * The CLI's window on the world. Commands take this interface so that tests can run them in-process
 * on real files without spawning, and so that `iam/` stays free of I/O.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CliIo {
  readFile(filePath: string): string;
  /** `file`, `dir` or `missing`. */
  kindOf(filePath: string): 'file' | 'dir' | 'missing';
  readDir(dirPath: string): string[];
  readStdin(): string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The working directory, for relative paths in output. */
  cwd(): string;
}

/** The real thing: the file system and the process's standard streams. */
export function nodeIo(): CliIo {
  return {
    readFile: (filePath) => fs.readFileSync(filePath, 'utf8'),
    kindOf: (filePath) => {
      try {
        const stat = fs.statSync(filePath);
        return stat.isDirectory() ? 'dir' : 'file';
      } catch {
        return 'missing';
      }
    },
    readDir: (dirPath) => fs.readdirSync(dirPath).map((name) => path.join(dirPath, name)),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: () => process.cwd(),
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
