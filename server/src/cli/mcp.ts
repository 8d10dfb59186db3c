/**
 * `iam-policy mcp`: serves the policy tools to AI agents over the Model Context Protocol on stdio
 * (server/src/mcp/). The server and the MCP SDK are loaded only by this command, so that the other
 * commands do not pay for them at start-up. The Terraform parser is loaded on the first call that
 * needs it.
 */
import type { CliCommand } from './commands';
import { initTerraformFromDisk } from '../wasmFiles';

const MCP_USAGE = 'iam-policy mcp   (Model Context Protocol server on stdio, for AI agents)';

/** Starts the server; returns 0 at once, the process lives while stdin is open. */
function runMcp(argv: readonly string[], io: { stdout(text: string): void; stderr(text: string): void }, version: string): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`Usage: ${MCP_USAGE}\nTools: validate_policy, summarize_policy, simulate_request, diff_policies, diff_templates, check_not_granted, check_no_public_access, generate_policy, explain_access_denied.\n`);
    return 0;
  }
  if (argv.length > 0) {
    io.stderr(`iam-policy mcp: unknown argument \`${argv[0]}\`.\nUsage: ${MCP_USAGE}\n`);
    return 2;
  }
  void import('../mcp/mcpServer')
    .then((server) => server.serveMcpOverStdio(version, { loadTerraform: initTerraformFromDisk }))
    .catch((error: unknown) => {
      io.stderr(`iam-policy mcp: the server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
  return 0;
}

/** The command entry for the CLI dispatcher's table; `version` is the CLI's, reported in the MCP handshake. */
export function mcpCommandFor(version: string): CliCommand {
  return { name: 'mcp', usage: MCP_USAGE, run: (argv, io) => runMcp(argv, io, version) };
}
