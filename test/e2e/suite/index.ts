/**
 * Entry of the editor suite: the extension host loads this file (extensionTestsPath) and calls
 * run(). Used by both code-server (scripts/e2e-run.mjs) and desktop VS Code (desktopRunner.ts).
 */
import { runMochaIn } from './mochaHost';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
