/**
 * Runs mocha inside the extension host. Both hosts call this through `run()` in a suite's index:
 * code-server (smoke-test driver payload) and desktop VS Code (@vscode/test-electron). The
 * extension host's console is forwarded to the outer runner, which reads the one `E2E_RESULT`
 * line for the counts, so the counts do not depend on parsing a reporter's text.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** The line prefix the outer runner looks for. */
const RESULT_PREFIX = 'E2E_RESULT ';

/** Prefix of the line logged as each test ends, so that a run cut short still counts its tests. */
const TEST_PREFIX = 'E2E_TEST ';

/** What the outer runner learns about one test. */
export interface HostTestResult {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly durationMs?: number;
  readonly error?: string;
}

/**
 * Adds every `*.test.js` file beside the bundled index and runs them. Resolves when all passed;
 * rejects otherwise, which makes the extension host exit with a non-zero code.
 */
export function runMochaIn(directory: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // Generous per-test limit: each test waits on conditions with its own shorter timeouts.
    timeout: 45_000,
    reporter: 'spec',
  });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(directory, file));

  return new Promise((resolve, reject) => {
    const results: HostTestResult[] = [];
    try {
      const runner = mocha.run((failures) => {
        console.log(RESULT_PREFIX + JSON.stringify({ files, results }));
        if (failures > 0) reject(new Error(`${failures} of ${results.length} editor tests failed`));
        else if (results.length === 0) reject(new Error('no editor test ran'));
        else resolve();
      });
      const add = (result: HostTestResult) => {
        results.push(result);
        console.log(TEST_PREFIX + JSON.stringify(result));
      };
      runner.on('pass', (test) => add({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
      runner.on('fail', (test, error: Error) => add({ title: test.fullTitle(), state: 'failed', error: String(error?.stack ?? error) }));
    } catch (error) {
      console.error(error);
      reject(error);
    }
  });
}
