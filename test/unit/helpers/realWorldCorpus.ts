/**
 * The one way tests reach the optional real-world policy corpus (public policies and templates with a
 * `manifest.json` of their kinds), which is not part of this repository: the directory named by the
 * `IAM_CORPUS_DIR` environment variable, by default `../shared/corpus/realworld` from the repository
 * root. Tests that use it must also pass when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPOSITORY_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** Where the corpus is looked for. */
export const REAL_WORLD_CORPUS_DIR = resolve(REPOSITORY_ROOT, process.env.IAM_CORPUS_DIR ?? join('..', 'shared', 'corpus', 'realworld'));

/** One policy of the corpus as its manifest describes it. */
export interface CorpusPolicy {
  readonly kind: string;
  readonly kindBasis?: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly form: string;
}

/** One file of the corpus as its manifest describes it. */
export interface CorpusEntry {
  readonly file: string;
  readonly format: string;
  readonly policies: readonly CorpusPolicy[];
}

/** The manifest's entries, or undefined when the corpus is not there. */
export function realWorldManifest(): readonly CorpusEntry[] | undefined {
  const manifest = join(REAL_WORLD_CORPUS_DIR, 'manifest.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')) as CorpusEntry[];
}

/** The text of a corpus file (path relative to the corpus directory). */
export function realWorldFile(file: string): string {
  return readFileSync(join(REAL_WORLD_CORPUS_DIR, file), 'utf8');
}

/** The corpus directory when it exists (it holds `manifest.json`), else undefined. */
export function realWorldCorpusDir(): string | undefined {
  return existsSync(join(REAL_WORLD_CORPUS_DIR, 'manifest.json')) ? REAL_WORLD_CORPUS_DIR : undefined;
}
