/**
 * Range formatting of policies (`formatPolicyRange`, Format Selection): the statements a range touches
 * take their formatted text (canonical element order, sorted and de-duplicated actions; IAM User
 * Guide, "IAM JSON policy element reference" and "IAM JSON policy elements: Action"), indented from
 * their own line; everything else stays as written. Cases mark the selection with `[[` and `]]`.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatPolicyRange } from '../../server/src/iam/format/formatCheck';

interface Case {
  readonly name: string;
  /** The policy with the selection between `[[` and `]]`. */
  readonly input: string;
  /** The text after formatting, or `null` when nothing changes. */
  readonly output: string | null;
}

const UNTIDY = `{
  "Statement": [
    {"Resource": "*", "Action": ["s3:PutObject", "s3:GetObject"], "Effect": "Allow", "Sid": "One"},
    {"Resource": "*", "Action": "sqs:SendMessage", "Effect": "Allow", "Sid": "Two"},
    {"Resource": "*", "Action": ["sns:Publish", "SNS:publish"], "Effect": "Allow", "Sid": "Three"}
  ],
  "Version": "2012-10-17"
}`;

/** The text with `[[`/`]]` inserted around `inner`, the n-th occurrence (from 0). */
function select(text: string, inner: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(inner, at + 1);
  return `${text.slice(0, at)}[[${inner}]]${text.slice(at + inner.length)}`;
}

const CASES: readonly Case[] = [
  {
    name: 'a selection inside one statement formats that statement only, indented from its line',
    input: select(UNTIDY, '"Action": "sqs:SendMessage"'),
    output: UNTIDY.replace(
      '{"Resource": "*", "Action": "sqs:SendMessage", "Effect": "Allow", "Sid": "Two"}',
      '{\n      "Sid": "Two",\n      "Effect": "Allow",\n      "Action": "sqs:SendMessage",\n      "Resource": "*"\n    }',
    ),
  },
  {
    name: 'a selection across two statements formats both, and sorts and de-duplicates their actions',
    input: select(UNTIDY, '"Sid": "Two"},\n    {"Resource": "*", "Action": ["sns'),
    output: UNTIDY.replace(
      '{"Resource": "*", "Action": "sqs:SendMessage", "Effect": "Allow", "Sid": "Two"}',
      '{\n      "Sid": "Two",\n      "Effect": "Allow",\n      "Action": "sqs:SendMessage",\n      "Resource": "*"\n    }',
    ).replace(
      '{"Resource": "*", "Action": ["sns:Publish", "SNS:publish"], "Effect": "Allow", "Sid": "Three"}',
      '{\n      "Sid": "Three",\n      "Effect": "Allow",\n      "Action": [\n        "sns:Publish"\n      ],\n      "Resource": "*"\n    }',
    ),
  },
  {
    name: 'a selection that touches no statement formats nothing (the top-level order stays too)',
    input: select(UNTIDY, '"Version": "2012-10-17"'),
    output: null,
  },
  {
    name: 'a selection of the whole policy formats the whole text',
    input: `[[${UNTIDY}]]`,
    output: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "One",
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:PutObject"
      ],
      "Resource": "*"
    },
    {
      "Sid": "Two",
      "Effect": "Allow",
      "Action": "sqs:SendMessage",
      "Resource": "*"
    },
    {
      "Sid": "Three",
      "Effect": "Allow",
      "Action": [
        "sns:Publish"
      ],
      "Resource": "*"
    }
  ]
}`,
  },
  {
    name: 'an empty selection (a cursor) in a statement formats that statement; its comments stay with the elements they belong to',
    input: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      // Writes.
      "Resource": "*", "Action": "s3:PutObject", "Effect": "Allow" // no Sid
    },
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
  ]
}`.replace('"Action": "s3:PutObject"', '"Action": "s3:[[]]PutObject"'),
    output: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow", // no Sid
      "Action": "s3:PutObject",
      // Writes.
      "Resource": "*"
    },
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
  ]
}`,
  },
  {
    name: 'a statement already formatted stays as it is',
    input: select('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    },\n    {"Resource": "*", "Action": "s3:PutObject", "Effect": "Allow"}\n  ]\n}', '"Action": "s3:GetObject"'),
    output: null,
  },
  {
    name: 'a document with a syntax error is not formatted',
    input: select('{"Version": "2012-10-17", "Statement": [{"Resource": "*" "Action": "s3:GetObject", "Effect": "Allow"}]}', '"Action"'),
    output: null,
  },
];

for (const testCase of CASES) {
  test(`format selection: ${testCase.name}`, () => {
    const start = testCase.input.indexOf('[[');
    const end = testCase.input.indexOf(']]') - 2;
    const text = testCase.input.replace('[[', '').replace(']]', '');
    const result = formatPolicyRange(text, { offset: start, length: end - start });
    if (testCase.output === null) {
      assert.ok(!result.ok || !result.changed, `expected no change; got ${result.ok ? result.text : result.reason}`);
      return;
    }
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(result.text, testCase.output);
    // What is outside the formatted statements is as written: the same selection again changes nothing.
    const again = formatPolicyRange(result.text, { offset: 0, length: result.text.length });
    assert.ok(again.ok);
  });
}

test('format selection: CRLF line breaks are kept', () => {
  const text = UNTIDY.replace(/\n/g, '\r\n');
  const at = text.indexOf('"Sid": "Two"');
  const result = formatPolicyRange(text, { offset: at, length: 0 });
  assert.ok(result.ok && result.changed);
  assert.ok(!/[^\r]\n/.test(result.text), 'every line break is CRLF');
  assert.match(result.text, /\{\r\n {6}"Sid": "Two",\r\n {6}"Effect": "Allow",/);
});

test('format selection: any range of any of these texts never throws, and formatting the whole result gives the whole original formatted', () => {
  const texts = [
    UNTIDY,
    UNTIDY.replace(/\n/g, '\r\n'),
    '{"Statement": {"Resource": "*", "Action": ["b:B", "a:A", "A:a"], "Effect": "Allow"}, "Version": "2012-10-17"}',
    '// head\n{"Version": "2012-10-17", /* mid */ "Statement": [{"Effect": "Deny", "NotAction": ["iam:*", "s3:*"], "Resource": "*"} /* tail */, {"Effect": "Allow", "Action": "*", "Resource": "*",},]}\n',
    '{"Version": "2012-10-17", "Statement": []}',
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow"',
  ];
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let changed = 0;
  for (let round = 0; round < 300; round++) {
    const text = texts[round % texts.length]!;
    const offset = random(text.length + 5) - 2;
    const length = random(text.length + 5) - 2;
    const result = formatPolicyRange(text, { offset, length });
    if (!result.ok || !result.changed) continue;
    changed++;
    const whole = formatPolicyRange(text, { offset: 0, length: text.length });
    const again = formatPolicyRange(result.text, { offset: 0, length: result.text.length });
    assert.ok(whole.ok && again.ok, 'both texts format');
    assert.equal(again.text, whole.text, `range ${offset}+${length} of text ${round % texts.length}`);
  }
  assert.ok(changed > 50, `only ${changed} ranges changed anything`);
});
