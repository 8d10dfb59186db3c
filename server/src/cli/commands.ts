/**
 * The CLI's subcommands besides `lint`, one entry each: name, usage line and runner.
 */
import type { CliIo } from './cliIo';
import { simulateCommand } from './simulate';

export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): number;
}

export const CLI_COMMANDS: readonly CliCommand[] = [simulateCommand];
