/**
 * Entry of the web suite: the web worker extension host loads this file (extensionTestsPath, a
 * browser bundle inside the extension's folder, dist-test/web/index.js) and calls run(). Mocha is its
 * browser build (`mocha/mocha.js`, no Node API), bundled in. Each test logs one `E2E_TEST` line as it
 * ends and the suite one `E2E_RESULT` line, as the Node suite does (suite/mochaHost.ts).
 */
/** The part of mocha's runner that the suite uses. */
interface BrowserRunner {
  on(event: 'pass' | 'fail', listener: (test: { fullTitle(): string; duration?: number }, error?: Error) => void): BrowserRunner;
}

/** The part of mocha's browser build that the suite uses. */
interface BrowserMocha {
  setup(options: { ui: 'bdd'; timeout: number; reporter?: undefined }): void;
  run(done: (failures: number) => void): BrowserRunner;
}

export function run(): Promise<void> {
  // mocha's browser build exports the mocha instance (and sets the globals in a window, not in a worker).
  const mocha = require('mocha/mocha.js') as BrowserMocha;
  // The default (spec) reporter writes to the console, which the host forwards to the runner.
  mocha.setup({ ui: 'bdd', timeout: 45_000, reporter: undefined });
  // Required after setup, so that `describe` and `it` exist when the tests are declared.
  require('./web.test');
  return new Promise((resolve, reject) => {
    const results: Array<{ title: string; state: 'passed' | 'failed'; durationMs?: number; error?: string }> = [];
    const add = (result: (typeof results)[number]) => {
      results.push(result);
      console.log(`E2E_TEST ${JSON.stringify(result)}`);
    };
    mocha
      .run((failures) => {
        console.log(`E2E_RESULT ${JSON.stringify({ files: ['web.test.js'], results })}`);
        if (failures > 0) reject(new Error(`${failures} of ${results.length} web tests failed`));
        else if (results.length === 0) reject(new Error('no web test ran'));
        else resolve();
      })
      .on('pass', (test) => add({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }))
      .on('fail', (test, error) => add({ title: test.fullTitle(), state: 'failed', error: String(error?.stack ?? error) }));
  });
}
