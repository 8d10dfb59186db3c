/** Runs the CLI in this process with `stdin` as its standard input, and collects what it writes. */
import { runCli } from '../../../server/src/cli/main';
import { nodeIo } from '../../../server/src/cli/cliIo';

export function cli(argv: string[], stdin = ''): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io = { ...nodeIo(), readStdin: () => stdin, stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  return { code: runCli(argv, io), stdout, stderr };
}
