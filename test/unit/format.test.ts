/**
 * The policy formatter (`iam/format/formatPolicy.ts`, checked by `formatCheck.ts`): canonical element
 * order, sorted and de-duplicated actions, indentation, comments and unknown elements kept, and no
 * format when the text does not parse or the result could differ in access.
 *
 * Sources: IAM User Guide, "IAM JSON policy element reference" (the elements and their order here);
 * "IAM JSON policy elements: Action" ("action names are case-insensitive", hence `s3:getobject` and
 * `s3:GetObject` are duplicates); "IAM JSON policy elements: NotAction".
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatPolicy } from '../../server/src/iam/format/formatCheck';
import { compareAccess, structureOf } from '../../server/src/iam/format/formatCheck';
import { layoutPolicy, parseJsonc } from '../../server/src/iam/format/formatPolicy';

interface Case {
  readonly name: string;
  readonly input: string;
  /** The expected output, or `null` when the text must not be formatted (with `reason` matching). */
  readonly output: string | null;
  readonly reason?: RegExp;
  readonly indent?: { tabSize: number; insertSpaces: boolean };
}

const CASES: readonly Case[] = [
  {
    name: 'top-level and statement elements in canonical order, unknown elements after the known ones in their order',
    input: '{"Statement":[{"Condition":{"Bool":{"aws:SecureTransport":"true"}},"Resource":"*","Zeta":1,"Action":"s3:GetObject","Alpha":2,"Effect":"Allow","Sid":"Read"}],"Id":"p1","Version":"2012-10-17"}',
    output: `{
  "Version": "2012-10-17",
  "Id": "p1",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*",
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "true"
        }
      },
      "Zeta": 1,
      "Alpha": 2
    }
  ]
}`,
  },
  {
    name: 'Principal, NotPrincipal, NotAction and NotResource take their places; the Principal object keeps its order',
    input: '{"Version":"2012-10-17","Statement":{"NotResource":"arn:aws:s3:::b","NotAction":["s3:B","s3:A"],"NotPrincipal":{"Service":"x.amazonaws.com","AWS":"111122223333"},"Effect":"Deny"}}',
    output: `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "NotPrincipal": {
      "Service": "x.amazonaws.com",
      "AWS": "111122223333"
    },
    "NotAction": [
      "s3:A",
      "s3:B"
    ],
    "NotResource": "arn:aws:s3:::b"
  }
}`,
  },
  {
    name: 'actions sorted case-insensitively, case-insensitive duplicates removed keeping the first spelling',
    input: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:getobject","S3:GetObject","ec2:*","s3:PutObject"],"Resource":"*"}]}',
    output: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "ec2:*",
        "s3:getobject",
        "s3:PutObject"
      ],
      "Resource": "*"
    }
  ]
}`,
  },
  {
    name: 'resources, condition values and principals keep their order (only actions are sorted); strings stay strings, lists stay lists',
    input: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::z/*","arn:aws:s3:::a/*"],"Condition":{"StringEquals":{"aws:PrincipalTag/team":["b","a"]}}}]}',
    output: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject"
      ],
      "Resource": [
        "arn:aws:s3:::z/*",
        "arn:aws:s3:::a/*"
      ],
      "Condition": {
        "StringEquals": {
          "aws:PrincipalTag/team": [
            "b",
            "a"
          ]
        }
      }
    }
  ]
}`,
  },
  {
    name: 'comments are kept: before the document, leading an element, trailing on its line, at the end of a list, after the document; a duplicate\'s comment moves to the entry kept',
    input: `// The reader policy.
{
  "Statement": [ { "Resource": "*", /* any */
    // Reads only.
    "Action": ["s3:PutObject", // writes too
      "s3:GetObject", "s3:putobject" /* twice */
      // end of actions
    ], "Effect": "Allow" } ],
  "Version": "2012-10-17"
} // done
`,
    output: `// The reader policy.
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      // Reads only.
      "Action": [
        "s3:GetObject",
        /* twice */
        "s3:PutObject" // writes too
        // end of actions
      ],
      "Resource": "*" /* any */
    }
  ]
} // done
`,
  },
  {
    name: 'tabs when the editor asks for them; CRLF line breaks kept; string escapes copied as written',
    input: '{"Statement":[{"Effect":"Allow","Action":"s3:Get\\u002a","Resource":"*"}],\r\n"Version":"2012-10-17"}\r\n',
    indent: { tabSize: 4, insertSpaces: false },
    output: '{\r\n\t"Version": "2012-10-17",\r\n\t"Statement": [\r\n\t\t{\r\n\t\t\t"Effect": "Allow",\r\n\t\t\t"Action": "s3:Get\\u002a",\r\n\t\t\t"Resource": "*"\r\n\t\t}\r\n\t]\r\n}\r\n',
  },
  {
    name: 'four spaces when the editor asks for them; empty objects and lists stay empty; trailing commas are dropped',
    input: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[],"Resource":"*","Condition":{},},],}',
    indent: { tabSize: 4, insertSpaces: true },
    output: `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [],
            "Resource": "*",
            "Condition": {}
        }
    ]
}`,
  },
  {
    name: 'repeated keys keep their relative order (whichever a reader takes stays the one it takes)',
    input: '{"Statement":[{"Effect":"Allow","Resource":"arn:aws:s3:::a","Action":"s3:GetObject","Resource":"arn:aws:s3:::b"}],"Version":"2012-10-17"}',
    output: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::a",
      "Resource": "arn:aws:s3:::b"
    }
  ]
}`,
  },
  {
    name: 'an Action list with a non-string entry is not sorted (it is invalid, and its order is left to the author)',
    input: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject",3,"s3:GetObject"],"Resource":"*"}]}',
    output: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:PutObject",
        3,
        "s3:GetObject"
      ],
      "Resource": "*"
    }
  ]
}`,
  },
  { name: 'a syntax error: not formatted, nothing lost', input: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",}', output: null, reason: /JSON syntax errors \(first on line 1\)/ },
  { name: 'a missing value: not formatted', input: '{"Version":"2012-10-17","Statement":[{"Effect":}]}', output: null, reason: /JSON syntax errors/ },
  { name: 'not a policy (no Statement): not formatted', input: '{"name":"package","version":"1.0.0"}', output: null, reason: /not an IAM policy/ },
  { name: 'a top-level list: not formatted', input: '[{"Statement":[]}]', output: null, reason: /not an IAM policy/ },
  { name: 'empty text: not formatted', input: '', output: null, reason: /JSON syntax errors/ },
  { name: 'nesting past the parser depth: not formatted', input: `{"Statement":${'['.repeat(150)}${']'.repeat(150)}}`, output: null, reason: /nested more than 100 levels/ },
];

for (const testCase of CASES) {
  test(`format: ${testCase.name}`, () => {
    const result = formatPolicy(testCase.input, testCase.indent ? { indent: testCase.indent } : {});
    if (testCase.output === null) {
      assert.equal(result.ok, false, result.ok ? result.text : '');
      if (!result.ok && testCase.reason) assert.match(result.reason, testCase.reason);
      return;
    }
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(result.text, testCase.output);
    assert.equal(result.changed, testCase.input !== testCase.output);
    // Idempotent: formatting the output changes nothing.
    const again = formatPolicy(result.text, testCase.indent ? { indent: testCase.indent } : {});
    assert.ok(again.ok && !again.changed && again.text === result.text, 'format(format(x)) === format(x)');
  });
}

test('format: an already formatted policy is reported unchanged', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n';
  const result = formatPolicy(text);
  assert.ok(result.ok && !result.changed && result.text === text);
});

test('the structural check tells apart what the formatter may change from what it may not', () => {
  const shape = (text: string) => {
    const parsed = parseJsonc(text);
    assert.ok(!('error' in parsed));
    return structureOf(parsed.root);
  };
  const base = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:A","s3:B"],"Resource":["r1","r2"]}]}';
  // The same up to key order and action order, duplicates and case.
  assert.equal(shape(base), shape('{"Statement":[{"Resource":["r1","r2"],"Action":["S3:b","s3:A","s3:a"],"Effect":"Allow"}],"Version":"2012-10-17"}'));
  // Resource order, a changed value, a string instead of a list, and the order of repeated keys all differ.
  assert.notEqual(shape(base), shape('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:A","s3:B"],"Resource":["r2","r1"]}]}'));
  assert.notEqual(shape(base), shape('{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:A","s3:B"],"Resource":["r1","r2"]}]}'));
  assert.notEqual(shape('{"Statement":[{"Action":"s3:A"}]}'), shape('{"Statement":[{"Action":["s3:A"]}]}'));
  assert.notEqual(shape('{"Statement":[{"Resource":"a","Resource":"b"}]}'), shape('{"Statement":[{"Resource":"b","Resource":"a"}]}'));
});

test('the access comparison behind each format sees a change of access', () => {
  const before = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}';
  assert.equal(compareAccess(before, before.replace('"Resource":"*"', '"Resource": "*"'), 'identity').verdict, 'equal');
  assert.equal(compareAccess(before, before.replace('s3:GetObject', 's3:Get*'), 'identity').verdict, 'different');
});

test('the layout alone is deterministic and every comment of the input is in its output', () => {
  const text = '/*a*/{/*b*/"Statement"/*c*/:/*d*/[/*e*/]/*f*/,"Version":"2012-10-17"/*g*/}/*h*/';
  const parsed = parseJsonc(text);
  assert.ok(!('error' in parsed));
  const out = layoutPolicy(text, parsed);
  for (const comment of ['/*a*/', '/*b*/', '/*c*/', '/*d*/', '/*e*/', '/*f*/', '/*g*/', '/*h*/']) assert.ok(out.includes(comment), `${comment} in ${out}`);
  const result = formatPolicy(text);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  assert.equal(formatPolicy(result.text).ok && (formatPolicy(result.text) as { changed: boolean }).changed, false);
});

test('seeded mutations of a commented policy: never a throw; a result, when offered, keeps every comment and is idempotent', () => {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const base = `// c1
{ /* a */ "Statement": [ {"Effect":"Allow", // x
 "Action": ["s3:B", /* y */ "s3:a", "S3:A"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}} } ],
 "Version": "2012-10-17" /* z */ } // end
`;
  const pieces = ['{', '}', '[', ']', ',', ':', '"', '//', '/*', '*/', '\n', ' ', '"Action"', '"s3:X"', '"Statement"', '\r\n', '\t'];
  let offered = 0;
  for (let i = 0; i < 1500; i++) {
    let text = base;
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      const at = Math.floor(random() * text.length);
      text = random() < 0.5 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 5)) : text.slice(0, at) + pieces[Math.floor(random() * pieces.length)]! + text.slice(at);
    }
    const result = formatPolicy(text);
    if (!result.ok) continue;
    offered++;
    const parsed = parseJsonc(text);
    assert.ok(!('error' in parsed));
    for (const comment of parsed.comments) assert.ok(result.text.includes(comment.text), `${JSON.stringify(comment.text)} kept for ${JSON.stringify(text)}`);
    const again = formatPolicy(result.text);
    assert.ok(again.ok && again.text === result.text, `idempotent for ${JSON.stringify(text)}`);
  }
  assert.ok(offered > 100, `${offered} mutations formatted`);
});
