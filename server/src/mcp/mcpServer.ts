/**
 * The MCP server of `iam-policy mcp`: registers the tools of `mcpTools.ts` on the SDK's `McpServer`
 * and serves them over stdio (JSON-RPC messages on stdin/stdout, one per line). Stdout belongs to
 * the protocol, so nothing else may write to it; diagnostics go to stderr.
 *
 * Every answer carries the structured content (checked by the SDK against the tool's output schema)
 * and a text rendering for clients that show only text. A failing tool, whatever the cause, is a
 * tool result with `isError: true` and a one-line message: the server keeps serving.
 */
import { McpServer, StdioServerTransport, type CallToolResult } from './mcpSdk';
import { MCP_TOOLS, McpToolError, type McpToolEnvironment } from './mcpTools';

/** Turns any failure into the one line the agent reads. */
function toolFailure(name: string, error: unknown): CallToolResult {
  const message = error instanceof McpToolError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
  return { content: [{ type: 'text', text: `${name}: ${message.split('\n')[0]}` }], isError: true };
}

/** Builds the server with every tool registered; the caller connects it to a transport. */
function createMcpServer(version: string, environment: McpToolEnvironment): McpServer {
  const server = new McpServer(
    { name: 'iam-policy', title: 'IAM Policy Workbench', version },
    {
      instructions:
        'Offline AWS IAM policy tools: validate a policy or template before proposing it, summarize what it grants, simulate a request, compare two versions, and check that actions are not granted or that nothing is public. Nothing is sent to AWS; no credentials are needed.',
    },
  );
  for (const tool of MCP_TOOLS) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, outputSchema: tool.outputSchema, annotations: { readOnlyHint: true, openWorldHint: false } },
      async (input: Record<string, unknown>): Promise<CallToolResult> => {
        try {
          const answer = await tool.run(input as never, environment);
          return { content: [{ type: 'text', text: answer.text }], structuredContent: answer.structured };
        } catch (error) {
          return toolFailure(tool.name, error);
        }
      },
    );
  }
  return server;
}

/** Serves the tools over stdio until stdin closes. */
export async function serveMcpOverStdio(version: string, environment: McpToolEnvironment): Promise<void> {
  const server = createMcpServer(version, environment);
  await server.connect(new StdioServerTransport());
}
