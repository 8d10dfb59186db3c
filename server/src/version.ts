/**
 * The product's version, with package.json as its one source: the bundles inline this one property
 * (esbuild keeps only the JSON properties a module imports), and the tests read it from the file.
 */
import { version } from '../../package.json';

/** The version of the extension, the language server and the CLI. */
export const VERSION: string = version;
