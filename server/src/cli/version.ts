/** The CLI's version, as `iam-policy --version` and the MCP server's handshake report it; kept equal to package.json's (test/unit/cli-package.test.ts). */
export const CLI_VERSION = '0.1.0';
