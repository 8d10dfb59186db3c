// Runs a bundled mocha suite inside the real extension host of code-server: the workbench is
// opened with an extensionDevelopmentPath/extensionTestsPath payload (honoured only with the
// smoke-test driver enabled), the host's console arrives through window.codeAutomationLog, and
// its end through window.codeAutomationExit(code).
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import { launchBrowser, newWorkbenchPage } from './browser.mjs';
import { makeSandbox, removeSandbox, startCodeServer, workbenchUrl } from './codeServer.mjs';
import { waitFor } from './waitFor.mjs';

const RESULT_PREFIX = 'E2E_RESULT ';
const TEST_PREFIX = 'E2E_TEST ';

/** Workbench chatter that says nothing about the tests; kept in the log file, not echoed. */
const NOISE = [/additional builtin extensions/, /connection token/, /Creating a socket/, /reconnection-grace-time/, /\[Service Worker\]/, /AgentHost/, /AccountPolicyGate/, /No search provider registered/];

/** Turns what codeAutomationLog receives (console arguments, format string first) into text. */
function logText(args) {
  if (Array.isArray(args)) return format(...args);
  return typeof args === 'string' ? args : JSON.stringify(args);
}

/**
 * @param {object} options
 * @param {string} options.workspace Folder to open.
 * @param {string} options.extensionDevelopmentPath
 * @param {string} options.extensionTestsPath Bundled suite index (exports run()).
 * @param {string} options.logFile Where the host's console goes.
 * @param {number} [options.timeoutMs]
 * @param {boolean} [options.echo] Print the host's console as it comes.
 * @param {Record<string, unknown>} [options.userSettings] Extra user settings, written before code-server starts.
 * @param {(line: string) => void} [options.onLine] Called with every line of the host's console.
 * @returns {Promise<{ exitCode: number | undefined, results: Array<{title: string, state: string, error?: string}>, error?: string }>}
 */
export async function runHostSuite({ workspace, extensionDevelopmentPath, extensionTestsPath, logFile, timeoutMs = 180_000, echo = true, userSettings, onLine }) {
  const sandbox = makeSandbox('iamh-', userSettings);
  let server;
  let browser;
  /** @type {number | undefined} */
  let exitCode;
  /** @type {any} */
  let reported;
  /** Tests reported one by one, for runs that never reach their end. */
  const streamed = [];
  const write = (line) => {
    appendFileSync(logFile, `${line}\n`);
    if (echo) process.stdout.write(`  | ${line}\n`);
  };
  try {
    server = await startCodeServer({ sandbox, smokeTestDriver: true });
    browser = await launchBrowser();
    const page = await newWorkbenchPage(browser);
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = logText(args);
      for (const line of text.split('\n')) {
        onLine?.(line);
        if (line.startsWith(TEST_PREFIX)) {
          const test = JSON.parse(line.slice(TEST_PREFIX.length));
          streamed.push(test);
          appendFileSync(logFile, `${line}\n`);
          if (test.state === 'failed') write(`[failed] ${test.title}: ${test.error}`);
        } else if (line.startsWith(RESULT_PREFIX)) {
          reported = JSON.parse(line.slice(RESULT_PREFIX.length));
          appendFileSync(logFile, `${line}\n`);
        } else {
          const text = type === 'error' || type === 'warn' ? `[${type}] ${line}` : line;
          // Stack frames go to the log file only; the first line of an error is enough on screen.
          if (NOISE.some((pattern) => pattern.test(line)) || /^\s+at /.test(line)) appendFileSync(logFile, `${text}\n`);
          else write(text);
        }
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      exitCode = Number(code);
    });
    page.on('pageerror', (error) => appendFileSync(logFile, `[page error] ${error.message}\n`));
    const url = workbenchUrl(server.url, workspace, { extensionDevelopmentPath, extensionTestsPath });
    appendFileSync(logFile, `[runner] opening ${url}\n`);
    await page.goto(url);
    await waitFor(() => exitCode !== undefined, {
      timeout: timeoutMs,
      interval: 200,
      message: `the extension host to end the suite (log: ${logFile}, code-server log: ${sandbox.log})`,
    });
    return { exitCode, results: reported?.results ?? streamed };
  } catch (error) {
    return { exitCode, results: reported?.results ?? streamed, error: String(error?.stack ?? error) };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    appendFileSync(logFile, `[runner] code-server log: ${server ? server.output().slice(-4000) : '(not started)'}\n`);
    removeSandbox(sandbox);
  }
}
