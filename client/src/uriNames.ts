/**
 * File names of URIs without `node:path`: the client runs in Node's extension host and in the
 * browser's web worker extension host (vscode.dev, github.dev), where there is no `path` module.
 */

/** The last segment of a URI path (`/ws/a/policy.json` → `policy.json`). */
export function baseName(uriPath: string): string {
  return uriPath.slice(uriPath.lastIndexOf('/') + 1);
}
