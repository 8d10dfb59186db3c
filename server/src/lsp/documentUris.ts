/**
 * Paths inside document URIs, computed on the URI text alone. The server runs on Node (where
 * documents are `file:` URIs) and in a browser worker (where they are `vscode-vfs:`, `vscode-remote:`
 * or other virtual-file-system URIs), so relative paths, workspace membership and scenario
 * references are resolved on the URI's path, never through `node:path` or `node:url`.
 *
 * A URI is split into its prefix (`scheme://authority`) and its percent-decoded path; two URIs name
 * the same file when their schemes (case-insensitive), authorities and decoded paths match, with a
 * Windows drive letter compared in lower case (`file:///C:/x` and `file:///c%3A/x` are one file).
 */

interface SplitUri {
  /** `scheme://authority`, or `scheme:` for a URI without an authority. */
  readonly prefix: string;
  /** The decoded path, with forward slashes (`/ws/a.json`, `/c:/ws/a.json`). */
  readonly path: string;
}

const WITH_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)/;
const WITHOUT_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*:)([^?#]*)/;
const DRIVE = /^\/([A-Za-z]):/;

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape is kept as written.
    return text;
  }
}

function splitUri(uri: string): SplitUri | undefined {
  const match = WITH_AUTHORITY.exec(uri) ?? WITHOUT_AUTHORITY.exec(uri);
  if (!match) return undefined;
  const scheme = match[1]!.slice(0, match[1]!.indexOf(':')).toLowerCase();
  const prefix = scheme + match[1]!.slice(match[1]!.indexOf(':'));
  const path = percentDecode(match[2]!).replace(DRIVE, (_, letter: string) => `/${letter.toLowerCase()}:`);
  return { prefix, path };
}

/** Resolves `.` and `..` segments of an absolute slash path; `..` never climbs above the root. */
function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

function dirname(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** The decoded last segment of a URI's path (`file:///ws/a/my%20policy.json` → `my policy.json`). */
export function uriBaseName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The text that identifies a file: equal for two spellings of the same URI. */
export function uriKey(uri: string): string {
  const split = splitUri(uri);
  return split ? `${split.prefix}${split.path}` : uri;
}

/** Whether a path as written in a scenario is absolute (POSIX, Windows drive or UNC). */
export function isAbsolutePath(path: string): boolean {
  return /^([\\/]|[A-Za-z]:)/.test(path);
}

/**
 * The path of `uri` relative to the first workspace folder that contains it, with forward slashes,
 * or undefined when no folder contains it.
 */
export function workspaceRelativePath(uri: string, folderUris: readonly string[]): string | undefined {
  const document = splitUri(uri);
  if (!document) return undefined;
  for (const folderUri of folderUris) {
    const folder = splitUri(folderUri);
    if (!folder || folder.prefix !== document.prefix) continue;
    const root = folder.path.replace(/\/+$/, '');
    if (document.path.startsWith(`${root}/`) && document.path.length > root.length + 1) return document.path.slice(root.length + 1);
  }
  return undefined;
}

/** The file-system path of a `file:` URI (decoded, a drive letter without the leading slash), else undefined. */
export function fileSystemPath(uri: string): string | undefined {
  const split = splitUri(uri);
  if (!split || split.prefix.toLowerCase() !== 'file://') return undefined;
  return DRIVE.test(split.path) ? split.path.slice(1) : split.path;
}

/**
 * The URI of `relative` (slashes or backslashes) resolved against the folder of `baseUri`, or
 * undefined when `baseUri` has no path to resolve against (an `untitled:` document).
 */
export function resolveRelativeUri(baseUri: string, relative: string): string | undefined {
  const base = splitUri(baseUri);
  if (!base || !base.path.startsWith('/')) return undefined;
  const path = normalizePath(`${dirname(base.path)}/${relative.replace(/\\/g, '/')}`);
  return `${base.prefix}${encodePath(path)}`;
}

/**
 * The path of `targetUri` relative to the folder of `fromUri` (`../policies/a.json`), or undefined
 * when the two are not on the same file system.
 */
export function relativeUriPath(fromUri: string, targetUri: string): string | undefined {
  const from = splitUri(fromUri);
  const target = splitUri(targetUri);
  if (!from || !target || from.prefix !== target.prefix || !from.path.startsWith('/') || !target.path.startsWith('/')) return undefined;
  const fromParts = dirname(from.path).split('/').filter(Boolean);
  const targetParts = target.path.split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < targetParts.length - 1 && fromParts[common] === targetParts[common]) common++;
  return [...fromParts.slice(common).map(() => '..'), ...targetParts.slice(common)].join('/');
}
