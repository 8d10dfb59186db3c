/**
 * The CLI's subcommands besides `lint`, one entry each: name, usage line and runner.
 */
import { checkCommand, diffCommand } from './access';
import type { CliIo } from './cliIo';
import { explainDeniedCommand } from './explainDenied';
import { fmtCommand } from './fmt';
import { generateCommand } from './generate';
import { simulateCommand } from './simulate';
import { runSummary } from './summary';
import { testCommand } from './test';
import { mcpCommandFor } from './mcp';
import { VERSION } from '../version';

export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): number;
}

const summaryCommand: CliCommand = {
  name: 'summary',
  usage: 'iam-policy summary FILE [--type ...] [--account ID] [--format text|json|markdown]',
  run: (argv, io) => runSummary([...argv], io),
};

export const CLI_COMMANDS: readonly CliCommand[] = [simulateCommand, summaryCommand, testCommand, diffCommand, checkCommand, explainDeniedCommand, generateCommand, fmtCommand, mcpCommandFor(VERSION)];
