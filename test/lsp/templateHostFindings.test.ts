/**
 * The language server on what a template's own text says, beside its policies' findings: a
 * Terraform document used as policies of several kinds (POLICY_USED_AS_SEVERAL_KINDS), and a
 * comment or trailing comma in a JSON CloudFormation template (JSON_SYNTAX_ERROR: CloudFormation
 * reads JSON templates as strict JSON, CloudFormation User Guide, "Template format"), each a
 * diagnostic on its exact text, the JSON ones with the quick fix that a policy file gets.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startHarness } from './harness';
import { TERRAFORM_HEREDOC, terraformDocumentUsedBy } from '../unit/helpers/terraformDocuments';

const TERRAFORM = terraformDocumentUsedBy('aws_s3_bucket_policy', 'b', 'bucket = "b"\n  policy = data.aws_iam_policy_document.shared.json');

const JSON_TEMPLATE = `{
  // The stack's one policy.
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "P": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]
        }
      }
    }
  }
}
`;


interface Case {
  readonly uri: string;
  readonly text: string;
  /** Code, the exact text under the diagnostic, and the title of the quick fix and the text after it, if any. */
  readonly expected: ReadonlyArray<readonly [code: string, text: string, fix?: readonly [title: string, after: string]]>;
}

const CASES: readonly Case[] = [
  { uri: 'file:///workspace/main.tf', text: TERRAFORM, expected: [['POLICY_USED_AS_SEVERAL_KINDS', '"shared"']] },
  {
    uri: 'file:///workspace/policy.tf',
    text: TERRAFORM_HEREDOC('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},'),
    expected: [['JSON_SYNTAX_ERROR', ',', ['Remove the trailing comma', TERRAFORM_HEREDOC('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}')]]],
  },
  {
    uri: 'file:///workspace/template.json',
    text: JSON_TEMPLATE,
    expected: [
      ['JSON_SYNTAX_ERROR', "// The stack's one policy.", ['Remove the comment', JSON_TEMPLATE.replace("// The stack's one policy.", '')]],
      ['JSON_SYNTAX_ERROR', ',', ['Remove the trailing comma', JSON_TEMPLATE.replace('"*"},]', '"*"}]')]],
    ],
  },
];

test('template findings of the host text: diagnostics on the exact text, and the quick fix of a comment or trailing comma (in a JSON template and in a Terraform heredoc)', async () => {
  const harness = await startHarness();
  try {
    for (const { uri, text, expected } of CASES) {
      const document = TextDocument.create(uri, 'json', 1, text);
      const codes = new Set(expected.map(([code]) => code));
      // The Terraform parser loads at start: wait for the analysis that has the expected codes.
      const published = harness.diagnostics(uri, (params) => params.diagnostics.some((diagnostic) => codes.has(String(diagnostic.code))));
      harness.open(uri, text);
      const { diagnostics } = await published;
      for (const [code, exact, fix] of expected) {
        const diagnostic = diagnostics.find((candidate) => candidate.code === code && document.getText(candidate.range) === exact);
        assert.ok(diagnostic, `${uri}: expected ${code} on ${exact}; got ${JSON.stringify(diagnostics.map((d) => [d.code, document.getText(d.range)]))}`);
        if (!fix) continue;
        const actions = (await harness.client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as Array<{ title: string; diagnostics?: Diagnostic[]; edit?: { changes: Record<string, Array<{ range: Diagnostic['range']; newText: string }>> } }>;
        const action = actions.find((candidate) => candidate.title === fix[0]);
        assert.ok(action?.edit, `${uri}: no quick fix \`${fix[0]}\` for ${exact}; got ${actions.map((a) => a.title).join(', ')}`);
        assert.equal(TextDocument.applyEdits(document, action.edit.changes[uri]!), fix[1]);
      }
    }
  } finally {
    harness.dispose();
  }
});
