/**
 * The parts of the MCP SDK and zod that the MCP server uses, in one module: the build bundles it
 * apart, as dist/mcp-sdk.js (scripts/build.mjs), which the CLI bundle requires only when
 * `iam-policy mcp` starts. The SDK, its JSON Schema validator and zod are 0.75 MB of code that every
 * other command would otherwise read and compile at start-up.
 */
export { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
export type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
export { z } from 'zod';
