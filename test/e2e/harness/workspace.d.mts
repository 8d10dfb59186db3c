/** Creates a temporary workspace: examples/ plus test/e2e/fixtures/workspace/. */
export function makeWorkspace(): string;
/** Removes a workspace made by makeWorkspace (kept when E2E_KEEP is set). */
export function removeWorkspace(dir: string): void;
