// The one way the harness waits: poll a condition until it holds or a deadline passes. There are
// no fixed sleeps anywhere in the editor tests; a wait that times out fails with a message.

/**
 * Polls `condition` until it returns a truthy value (which is returned) or `timeout` ms pass.
 * Exceptions thrown by the condition end the wait at once.
 * @template T
 * @param {() => T | Promise<T>} condition
 * @param {{ timeout?: number, interval?: number, message?: string | (() => string) }} [options]
 * @returns {Promise<NonNullable<T>>}
 */
export async function waitFor(condition, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() >= deadline) {
      const text = typeof message === 'function' ? message() : message;
      throw new Error(`timed out after ${timeout} ms waiting for: ${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
