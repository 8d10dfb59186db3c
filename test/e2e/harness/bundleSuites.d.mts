/** Bundles test/e2e/<suite> into dist-test/<suite>/ and returns the path of its index.js. */
export function bundleSuite(suite: 'suite' | 'selftest'): Promise<string>;
