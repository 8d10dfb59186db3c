/**
 * The real-world corpus of policies and templates, read through one configurable path: the
 * `IAM_CORPUS_DIR` environment variable, by default `../shared/corpus/realworld` from the repository
 * root. Tests over it say when it is absent rather than fail; they are never the only coverage.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The corpus directory when it exists (it holds `manifest.json`), else undefined. */
export function realWorldCorpusDir(): string | undefined {
  const dir = path.resolve(process.env.IAM_CORPUS_DIR ?? path.join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'realworld'));
  return existsSync(path.join(dir, 'manifest.json')) ? dir : undefined;
}
