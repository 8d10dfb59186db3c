/**
 * Which npm packages the bundles hold, read from esbuild's metafiles: every input under a
 * `node_modules` folder names its package. scripts/build.mjs writes the list to
 * dist/bundled-packages.json; scripts/notices.mjs puts their licences in THIRD-PARTY-NOTICES.md.
 * Reading what was bundled, rather than package.json's `dependencies`, keeps the notices exact now
 * that every library is bundled and the package has no runtime dependencies.
 */
import { writeFileSync } from 'node:fs';

/** The package of one metafile input path, e.g. `node_modules/@scope/name/dist/x.js` → `@scope/name`. */
function packageOfInput(input) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  return parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
}

/** Writes the sorted package names of the build results (each built with `metafile: true`). */
export function writeBundledPackages(results, outFile) {
  const names = new Set();
  for (const result of results) {
    for (const input of Object.keys(result.metafile?.inputs ?? {})) {
      const name = packageOfInput(input);
      if (name) names.add(name);
    }
  }
  writeFileSync(outFile, `${JSON.stringify([...names].sort(), null, 2)}\n`);
}
