#!/usr/bin/env node
/**
 * The floors that bench/wholeProcess.mjs compares the CLI with, each run as its own node process:
 *   node bench/floors.mjs read-parse DIR      read and JSON.parse every file of DIR (sorted names)
 *   node bench/floors.mjs read-parse-tree DIR read every file of DIR and parse it into a tree with
 *                                             offsets (jsonc-parser's parseTree), as any linter that
 *                                             reports a line and column must
 *   node bench/floors.mjs read-parse-print F  read and JSON.parse F, print it back pretty-printed
 * Nothing else is loaded, so these are what node alone pays for the same input.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';

const [mode, target] = process.argv.slice(2);
if (mode === 'read-parse') {
  let keys = 0;
  for (const name of readdirSync(target).sort()) keys += Object.keys(JSON.parse(readFileSync(join(target, name), 'utf8'))).length;
  process.stdout.write(`${keys}\n`);
} else if (mode === 'read-parse-tree') {
  let nodes = 0;
  for (const name of readdirSync(target).sort()) nodes += parseTree(readFileSync(join(target, name), 'utf8'), [], { allowTrailingComma: true })?.children?.length ?? 0;
  process.stdout.write(`${nodes}\n`);
} else if (mode === 'read-parse-print') {
  process.stdout.write(`${JSON.stringify(JSON.parse(readFileSync(target, 'utf8')), null, 2)}\n`);
} else {
  process.stderr.write('usage: node bench/floors.mjs read-parse DIR | read-parse-tree DIR | read-parse-print FILE\n');
  process.exitCode = 2;
}
