/**
 * Property tests of the evaluator with fast-check, over requests and policies built from a small
 * vocabulary so that statements often match:
 * - adding a Deny statement never turns a denial into Allow ("Policy evaluation logic": an explicit
 *   deny in any policy overrides any allow);
 * - adding an Allow statement to an identity-based policy never turns Allow into a denial (identity
 *   Allow statements only ever add permissions: "Evaluating identity-based policies with
 *   resource-based policies", and the documented same-/cross-account rules are monotone in them);
 * - the evaluator never throws, whatever JSON the policies hold (ARCHITECTURE invariant 2);
 * - `evaluateDecision`, which stops evaluating a statement once it cannot apply, gives the decision
 *   and reasons of `evaluate`, also for policies with broken statements;
 * - a statement memo shared by many requests over the same policy objects gives the answers that
 *   evaluation without it gives.
 * Seeds are fixed so that a failure reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, evaluateDecision, StatementMemo } from '../../server/src/iam/evaluate/index';
import type { EvaluationRequest, PolicyInput } from '../../server/src/iam/evaluate/types';

const PRINCIPALS = [
  'arn:aws:iam::111122223333:user/alice',
  'arn:aws:iam::444455556666:user/bob',
  'arn:aws:sts::111122223333:assumed-role/app/s1',
  'arn:aws:sts::111122223333:federated-user/carol',
  'arn:aws:iam::111122223333:root',
  'cloudtrail.amazonaws.com',
  '*',
];
const ACTIONS = ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'sts:AssumeRole', 'kms:Decrypt', 'iam:CreateUser'];
const RESOURCES = [
  'arn:aws:s3:::example-bucket/home/alice/a.txt',
  'arn:aws:sqs:us-east-1:111122223333:q',
  'arn:aws:sqs:us-east-1:444455556666:q',
  'arn:aws:iam::111122223333:role/target',
  'arn:aws:kms:us-east-1:111122223333:key/k1',
  '*',
];
const ACTION_PATTERNS = [...ACTIONS, 's3:*', '*', 's3:Get*', 'sqs:Send?essage', 'kms:*', 'sts:*'];
const RESOURCE_PATTERNS = [...RESOURCES, 'arn:aws:s3:::example-bucket/*', 'arn:aws:sqs:*:*:*', 'arn:aws:s3:::example-bucket/home/${aws:username}/*', 'arn:aws:*:*:111122223333:*'];
const PRINCIPAL_ELEMENTS: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: '111122223333' },
  { AWS: 'arn:aws:iam::444455556666:root' },
  { AWS: 'arn:aws:iam::111122223333:user/alice' },
  { AWS: 'arn:aws:iam::111122223333:role/app' },
  { AWS: 'arn:aws:sts::111122223333:assumed-role/app/s1' },
  { AWS: ['arn:aws:iam::444455556666:user/bob', 'arn:aws:sts::111122223333:federated-user/carol'] },
  { Service: 'cloudtrail.amazonaws.com' },
];
const CONDITIONS: unknown[] = [
  { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
  { StringNotEquals: { 'aws:PrincipalTag/team': ['blue', 'red'] } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { IpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' } },
  { Null: { 'aws:TokenIssueTime': 'true' } },
  { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
];

const listOf = (items: readonly unknown[]) => fc.oneof(fc.constantFrom(...items), fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: 3 }));

/** A statement; `withPrincipal` for resource-based policies and RCPs. */
const statement = (effect: fc.Arbitrary<'Allow' | 'Deny'>, withPrincipal: boolean) =>
  fc.record({
    effect,
    not: fc.boolean(),
    notResource: fc.boolean(),
    actions: listOf(ACTION_PATTERNS),
    resources: listOf(RESOURCE_PATTERNS),
    principal: fc.constantFrom(...PRINCIPAL_ELEMENTS),
    notPrincipal: fc.boolean(),
    condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
  }).map((s) => {
    const out: Record<string, unknown> = { Effect: s.effect };
    out[s.not ? 'NotAction' : 'Action'] = s.actions;
    out[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
    if (withPrincipal) out[s.notPrincipal && s.effect === 'Deny' ? 'NotPrincipal' : 'Principal'] = s.principal;
    if (s.condition) out['Condition'] = s.condition;
    return out;
  });

const anyEffect = fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny');
const policyDoc = (withPrincipal: boolean) =>
  fc.array(statement(anyEffect, withPrincipal), { minLength: 0, maxLength: 3 }).map((Statement) => ({ Version: '2012-10-17', Statement }));

const contextArb = fc.record(
  {
    'aws:PrincipalTag/team': fc.constantFrom('blue', 'red', 'green'),
    'aws:SecureTransport': fc.constantFrom('true', 'false'),
    'aws:SourceIp': fc.constantFrom('203.0.113.7', '198.51.100.1'),
    'aws:TagKeys': fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
    'aws:username': fc.constantFrom('alice', 'bob'),
    's3:prefix': fc.constantFrom('home/alice/x', 'other/'),
  },
  { requiredKeys: [] },
);

const requestArb = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  context: contextArb,
  identity: fc.array(policyDoc(false), { maxLength: 2 }),
  resource_: fc.option(policyDoc(true), { nil: undefined }),
  boundary: fc.option(policyDoc(false), { nil: undefined }),
  session: fc.option(policyDoc(false), { nil: undefined }),
  scps: fc.option(fc.array(fc.array(policyDoc(false), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  rcps: fc.option(fc.array(fc.array(policyDoc(true), { maxLength: 2 }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
});

type Parts = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: Parts): EvaluationRequest {
  const p = (id: string, document: unknown): PolicyInput => ({ id, document });
  return {
    principal: r.principal,
    action: r.action,
    resource: r.resource,
    context: r.context as EvaluationRequest['context'],
    identityPolicies: r.identity.map((d, i) => p(`identityPolicies[${i}]`, d)),
    ...(r.resource_ ? { resourcePolicy: p('resourcePolicy', r.resource_) } : {}),
    ...(r.boundary ? { permissionBoundary: p('permissionBoundary', r.boundary) } : {}),
    ...(r.session ? { sessionPolicy: p('sessionPolicy', r.session) } : {}),
    ...(r.scps ? { scps: r.scps.map((l, i) => l.map((d, j) => p(`scps[${i}][${j}]`, d))) } : {}),
    ...(r.rcps ? { rcps: r.rcps.map((l, i) => l.map((d, j) => p(`rcps[${i}][${j}]`, d))) } : {}),
  };
}

type Doc = { Version: string; Statement: Record<string, unknown>[] };
const withStatement = (d: Doc, s: Record<string, unknown>): Doc => ({ ...d, Statement: [...d.Statement, s] });

/** Where a new Deny statement goes: any kind of policy the request has (or a new identity policy). */
const TARGETS = ['identity', 'newIdentity', 'resource', 'boundary', 'session', 'scp', 'rcp'] as const;

function addDeny(r: Parts, target: (typeof TARGETS)[number], index: number, plain: Record<string, unknown>, withPrincipal: Record<string, unknown>): Parts {
  switch (target) {
    case 'identity':
      if (r.identity.length === 0) return { ...r, identity: [{ Version: '2012-10-17', Statement: [plain] }] };
      return { ...r, identity: r.identity.map((d, i) => (i === index % r.identity.length ? withStatement(d, plain) : d)) };
    case 'newIdentity':
      return { ...r, identity: [...r.identity, { Version: '2012-10-17', Statement: [plain] }] };
    case 'resource':
      return { ...r, resource_: withStatement(r.resource_ ?? { Version: '2012-10-17', Statement: [] }, withPrincipal) };
    case 'boundary':
      return r.boundary ? { ...r, boundary: withStatement(r.boundary, plain) } : r;
    case 'session':
      return r.session ? { ...r, session: withStatement(r.session, plain) } : r;
    case 'scp':
      return r.scps ? { ...r, scps: r.scps.map((l, i) => (i === index % r.scps!.length ? l.map((d, j) => (j === 0 ? withStatement(d, plain) : d)) : l)) } : r;
    case 'rcp':
      return r.rcps ? { ...r, rcps: r.rcps.map((l, i) => (i === index % r.rcps!.length ? [...l, { Version: '2012-10-17', Statement: [withPrincipal] }] : l)) } : r;
  }
}

test('property: adding a Deny statement never turns a denial into Allow', () => {
  fc.assert(
    fc.property(requestArb, fc.constantFrom(...TARGETS), fc.nat(), statement(fc.constant('Deny'), false), statement(fc.constant('Deny'), true), (r, target, index, plain, withPrincipal) => {
      const before = evaluate(toRequest(r));
      const after = evaluate(toRequest(addDeny(r, target, index, plain, withPrincipal)));
      if (before.decision !== 'Allow') assert.notEqual(after.decision, 'Allow', after.explanation);
      if (before.decision === 'ExplicitDeny') assert.equal(after.decision, 'ExplicitDeny');
    }),
    { seed: 20261129, numRuns: 1500 },
  );
});

test('property: adding an Allow statement to an identity policy never turns Allow into a denial', () => {
  fc.assert(
    fc.property(requestArb, fc.nat(), statement(fc.constant('Allow'), false), (r, index, allow) => {
      const before = evaluate(toRequest(r));
      const identity = r.identity.length === 0
        ? [{ Version: '2012-10-17', Statement: [allow] }]
        : r.identity.map((d, i) => (i === index % r.identity.length ? withStatement(d, allow) : d));
      const after = evaluate(toRequest({ ...r, identity }));
      if (before.decision === 'Allow') assert.equal(after.decision, 'Allow', after.explanation);
    }),
    { seed: 1129, numRuns: 1500 },
  );
});

test('property: evaluateDecision gives the decision and reasons of evaluate', () => {
  const broken: unknown[] = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { NoSuchOperator: { 'aws:username': 'x' } } }, { Effect: 'Deny', Action: ['s3:*'], Resource: '*', NotResource: '*' }, { Effect: 'Allow', Action: 7, Resource: '*' }];
  fc.assert(
    fc.property(requestArb, fc.option(fc.constantFrom(...broken), { nil: undefined }), (r, extra) => {
      const parts = extra && r.identity.length > 0 ? { ...r, identity: [withStatement(r.identity[0]!, extra as Record<string, unknown>), ...r.identity.slice(1)] } : r;
      const request = toRequest(parts);
      const full = evaluate(request);
      assert.deepEqual(evaluateDecision(request), { decision: full.decision, reasons: full.reasons }, full.explanation);
    }),
    { seed: 1205, numRuns: 3000 },
  );
});

test('property: the evaluator never throws on arbitrary JSON policies', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...PRINCIPALS),
      fc.constantFrom(...ACTIONS),
      fc.constantFrom(...RESOURCES),
      fc.array(fc.jsonValue(), { maxLength: 3 }),
      fc.jsonValue(),
      fc.oneof(fc.jsonValue(), fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17'), Statement: fc.array(fc.dictionary(fc.constantFrom('Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Sid'), fc.jsonValue())) })),
      fc.dictionary(fc.string(), fc.jsonValue()),
      (principal, action, resource, identity, resourcePolicy, boundary, context) => {
        const answer = evaluate({
          principal,
          action,
          resource,
          context: context as EvaluationRequest['context'],
          identityPolicies: identity.map((document, i) => ({ id: `identityPolicies[${i}]`, document })),
          resourcePolicy: { id: 'resourcePolicy', document: resourcePolicy },
          permissionBoundary: { id: 'permissionBoundary', document: boundary },
          scps: [[{ id: 'scps[0][0]', document: boundary }]],
        });
        assert.ok(['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(answer.decision));
        assert.ok(!answer.errors.some((e) => e.startsWith('internal error')), answer.errors.join('\n'));
        assert.equal(typeof answer.explanation, 'string');
      },
    ),
    { seed: 29, numRuns: 1000 },
  );
});

test('property: garbage requests are answered, not thrown', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (json) => {
      const answer = evaluate(json as unknown as EvaluationRequest);
      assert.ok(['Allow', 'ExplicitDeny', 'ImplicitDeny'].includes(answer.decision));
    }),
    { seed: 7, numRuns: 500 },
  );
});

test('property: a statement memo shared by many requests gives the answers evaluation gives without it', () => {
  // Requests draw their policies from a small pool of document objects, as a simulate batch does once
  // equal documents are shared, so the memo meets the same statements under many different requests.
  const broken: Record<string, unknown>[] = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { NoSuchOperator: { 'aws:username': 'x' } } }, { Effect: 'Deny', Action: ['s3:*'], Resource: '*', NotResource: '*' }, { Effect: 'Allow', Action: 7, Resource: '*' }];
  const identityPool: unknown[] = [...fc.sample(policyDoc(false), { seed: 42, numRuns: 10 }), { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: RESOURCE_PATTERNS, Condition: CONDITIONS[7] }] }, { Version: '2012-10-17', Statement: broken }];
  const resourcePool: unknown[] = fc.sample(policyDoc(true), { seed: 43, numRuns: 8 });
  const memo = new StatementMemo();
  const pick = (pool: unknown[], n: number) => ({ id: '', document: pool[n % pool.length] });
  fc.assert(
    fc.property(requestArb, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (r, picks) => {
      const base = toRequest(r);
      const request: EvaluationRequest = {
        ...base,
        identityPolicies: base.identityPolicies!.map((p, i) => ({ ...pick(identityPool, picks[i]!), id: p.id })),
        ...(base.resourcePolicy ? { resourcePolicy: { ...pick(resourcePool, picks[2]!), id: 'resourcePolicy' } } : {}),
        ...(base.permissionBoundary ? { permissionBoundary: { ...pick(identityPool, picks[3]!), id: 'permissionBoundary' } } : {}),
        ...(base.sessionPolicy ? { sessionPolicy: { ...pick(identityPool, picks[4]!), id: 'sessionPolicy' } } : {}),
        ...(base.scps ? { scps: base.scps.map((level, i) => level.map((p, j) => ({ ...pick(identityPool, picks[5]! + i + j), id: p.id }))) } : {}),
        ...(base.rcps ? { rcps: base.rcps.map((level, i) => level.map((p, j) => ({ ...pick(resourcePool, picks[6]! + i + j), id: p.id }))) } : {}),
      };
      assert.deepEqual(evaluate(request, { memo }), evaluate(request));
    }),
    { seed: 1206, numRuns: 3000 },
  );
});
