/**
 * The `iam-policy` executable (`dist/cli.js`): starts the CLI bundle (`dist/cli-main.js`) through a
 * V8 code cache, so that a run does not parse and compile the 3 MB bundle and the functions it calls
 * again (docs/performance.md, "cold path": a one-file lint went from 170 to 120 ms of CPU).
 *
 * Node 22 has this built in (`module.enableCompileCache`); Node 20, which we support, does not, so it
 * is done as v8-compile-cache does it: `vm.Script` with `cachedData`, written after the first run to
 * `<tmpdir>/iam-policy-compile-cache-<uid>/` (used only when this user owns it and nobody else can
 * write it), one file per set of V8 flags (`COMMAND_FLAGS`: V8 rejects a cache written under other
 * flags, so commands with different flags would otherwise evict each other's cache on every switch),
 * named after the bundle file's size and times (a rebuild or reinstall changes them; V8 itself only
 * checks the source length), the Node version and the flags; writing one removes those of other
 * builds. Only the bundle
 * shipped next to this file is compiled this way, never user input. A missing, stale or unwritable
 * cache only costs the compile time it would have saved: V8 rejects a cache that does not fit, and then
 * a fresh one is written. `IAM_POLICY_COMPILE_CACHE=off` disables reading and writing it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import Module from 'node:module';

/** The part of node's CommonJS `Module` that this file uses, missing from its public typings. */
interface CommonJsModule {
  exports: { main?: () => void };
  filename: string;
  paths: string[];
  require(id: string): unknown;
}
type ModuleConstructor = {
  new (id: string, parent?: unknown): CommonJsModule;
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
};

const uid = process.getuid?.();
/** One directory per user: a cache is code that this process runs, so nobody else may write it. */
const CACHE_DIR = path.join(os.tmpdir(), uid === undefined ? 'iam-policy-compile-cache' : `iam-policy-compile-cache-${uid}`);

/**
 * Whether the cache directory is safe to read: a real directory (not a link) owned by this user and
 * writable by nobody else. On systems without user ids (Windows) the temporary directory is per user.
 */
function trustedCacheDir(): boolean {
  try {
    const stat = fs.lstatSync(CACHE_DIR);
    return stat.isDirectory() && (uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0));
  } catch {
    return false;
  }
}

/** The part of a cache file's name that names the build: the bundle file and the Node version. */
function buildKey(bundle: string): string {
  const stat = fs.statSync(bundle);
  return `${stat.size}-${Math.round(stat.mtimeMs)}-${Math.round(stat.ctimeMs)}-${process.version}-${process.arch}`;
}

/** The part of a cache file's name that names the V8 flags it was written under. */
function flagsKey(flags: readonly string[]): string {
  return flags.length === 0 ? 'default' : flags.map((flag) => flag.replace(/^--/, '').replace(/[^A-Za-z0-9]+/g, '_')).join('+');
}

function cacheFile(bundle: string, flags: readonly string[]): string | undefined {
  if (process.env.IAM_POLICY_COMPILE_CACHE === 'off') return undefined;
  return path.join(CACHE_DIR, `${buildKey(bundle)}-${flagsKey(flags)}.bin`);
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file || !trustedCacheDir()) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (a rename), so that concurrent runs never read half a file, and removes the caches of other builds. */
function writeCache(file: string, build: string, data: Buffer): void {
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
    if (!trustedCacheDir()) return;
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
    for (const name of fs.readdirSync(CACHE_DIR)) {
      if (name.endsWith('.bin') && !name.startsWith(`${build}-`)) fs.rmSync(path.join(CACHE_DIR, name), { force: true });
    }
  } catch {
    // A read-only or full temporary directory only means no cache.
  }
}

function launch(flags: readonly string[]): void {
  const bundle = path.join(__dirname, 'cli-main.js');
  const source = fs.readFileSync(bundle, 'utf8');
  const build = process.env.IAM_POLICY_COMPILE_CACHE === 'off' ? '' : buildKey(bundle);
  const file = cacheFile(bundle, flags);
  const cachedData = readCache(file);
  const CjsModule = Module as unknown as ModuleConstructor;
  const script = new vm.Script(CjsModule.wrap(source), { filename: bundle, cachedData });
  const bundleModule = new CjsModule(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = CjsModule._nodeModulePaths(path.dirname(bundle));
  const bundleRequire = Object.assign((id: string) => bundleModule.require(id), { main: bundleModule });
  const run = script.runInThisContext() as (exports: unknown, require: unknown, module: unknown, filename: string, dirname: string) => void;
  run.call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, bundle, path.dirname(bundle));
  // The functions this run compiled go into the cache too, so it is written when the run is over.
  if (file && (cachedData === undefined || script.cachedDataRejected)) process.once('exit', () => writeCache(file, build, script.createCachedData()));
}

/**
 * Batch runs (`lint`, `simulate`, `fmt`, `diff`) live a second or two: TurboFan's optimizing compiles
 * of the big check and evaluation functions (each inlining its callees, up to 100 ms of CPU apiece)
 * then queue up behind each other on a two-core machine for longer than the run, so most of the work
 * runs unoptimized, and the process waits at exit for the compiles still running. Without inlining
 * each compile is a fraction of that and the optimized code arrives while it is still useful
 * (docs/performance.md, "cold path": about 10 % off linting the 1,594 managed policies, 6 % off a
 * batch of 10,000 requests; "Fifth round": `fmt --check` of the same policies 3.37 → 2.82 s, `diff` of
 * a policy with `"Action": "*"` ~315 → ~287 ms). `check`, `summary` and `test`, whose small runs
 * measured a little slower without inlining, and the long-lived `mcp` server keep V8's defaults.
 */
const NO_INLINING = '--no-turbo-inlining';

/**
 * The Terraform parser is WebAssembly. After a few milliseconds of parsing, V8 recompiles its lexer
 * function (27 KB of code) with TurboFan in the background, which takes ~70 ms; a process that is
 * done by then still waits for that compile before it exits. `lint`, `summary` and `test` of a few
 * files ended ~60 ms later than their work for it (a 1.7 KB `.tf` file, compile cache off: 252 → 189 ms
 * whole process; with the cache, ~244 → ~133 ms). A larger tiering budget keeps short runs on the
 * baseline code, while enough parsing still reaches it and gets the optimized lexer:
 * - `lint`, which often reads a whole directory of `.tf` files: 55 times V8's default (the corpus's
 *   211 `.tf` files in one run: no difference; one 180 KB file: ~7 % slower; a 10 KB file still tiers
 *   up). A 550-times budget cost large runs 6–8 %.
 * - `summary` (one file) and `test` (the few templates its scenarios name): 550 times (`test` of
 *   `examples/`, 13 KB of Terraform: ~365 → ~300 ms, compile cache off).
 * The long-lived `mcp` server keeps the default.
 */
const WASM_TIERING_MANY = '--wasm-tiering-budget=100000000';
const WASM_TIERING_FEW = '--wasm-tiering-budget=1000000000';

/** The V8 flags of each command, set before the bundle compiles anything; each set has its own compile cache. */
const COMMAND_FLAGS: Readonly<Record<string, readonly string[]>> = {
  lint: [NO_INLINING, WASM_TIERING_MANY],
  simulate: [NO_INLINING],
  fmt: [NO_INLINING],
  diff: [NO_INLINING],
  summary: [WASM_TIERING_FEW],
  test: [WASM_TIERING_FEW],
};

/**
 * Linux: V8's helper threads (the optimizing compiler's and the garbage collector's, four of them)
 * get a lower scheduling priority than the main thread, which runs the checks. On a two-core CI
 * runner they otherwise take turns with it on both cores for most of a batch run: TurboFan's
 * compiles alone add up to more CPU time than the run's wall time (docs/performance.md, "Sixth
 * round"). With the helpers niced, the main thread keeps a core and they share the other, much as
 * with `node --v8-pool-size=1`, which a `bin` script cannot pass. On a machine with idle cores the
 * nice value changes nothing. The threads are lowered before the bundle starts (the platform's
 * workers start with the process), relative to their current value, so a process started with
 * `nice` keeps its order. A failure (no `/proc`, a sandbox) changes nothing.
 * `IAM_POLICY_HELPER_NICE=off` leaves them.
 */
const HELPER_THREAD_NICENESS = 10;

function lowerHelperThreads(): void {
  if (process.platform !== 'linux') return;
  try {
    for (const name of fs.readdirSync('/proc/self/task')) {
      const tid = Number(name);
      if (!Number.isInteger(tid) || tid === process.pid) continue;
      try {
        os.setPriority(tid, Math.min(19, os.getPriority(tid) + HELPER_THREAD_NICENESS));
      } catch {
        // This thread ended, or the system refused: leave it.
      }
    }
  } catch {
    // No `/proc`: leave the priorities.
  }
}

/** The batch commands, which run for seconds on many inputs: their helper threads run at a lower priority (`lowerHelperThreads`). */
const BATCH_COMMANDS: ReadonlySet<string> = new Set(['lint', 'simulate', 'fmt', 'diff']);

const flags = Object.hasOwn(COMMAND_FLAGS, process.argv[2] ?? '') ? COMMAND_FLAGS[process.argv[2]!]! : [];
if (flags.length > 0) v8.setFlagsFromString(flags.join(' '));
if (BATCH_COMMANDS.has(process.argv[2] ?? '') && process.env.IAM_POLICY_HELPER_NICE !== 'off') lowerHelperThreads();

launch(flags);
