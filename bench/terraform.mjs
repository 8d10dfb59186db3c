/**
 * Benchmark: the Terraform host format. Start-up = loading the tree-sitter runtime and the Terraform
 * grammar (WebAssembly) in a fresh process; extraction = `extractTerraformPolicies` on a generated
 * 2,000-line `.tf` file holding 50 policies of every spelling (policy documents, jsonencode, heredoc
 * JSON): cold (first call), then warm medians parsed from scratch, after a one-character edit
 * (incremental parse) and unchanged. "lint" adds, per policy, the JSON text with holes replaced by
 * their samples and `validatePolicy` on it: an estimate of the whole validation of the file,
 * without the embedded-policy printer.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as TreeSitter from 'web-tree-sitter';
import { loadLibrary, median, time, emit } from './common.mjs';

const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 15);
const require = createRequire(import.meta.url);
const WASM = {
  'tree-sitter.wasm': require.resolve('web-tree-sitter/tree-sitter.wasm'),
  'tree-sitter-terraform.wasm': require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
};

/** A Terraform file of about `lines` lines with `policies` policies, the rest ordinary resources. */
function terraformFile(policies, lines) {
  const chunks = [];
  for (let i = 0; i < policies; i++) {
    switch (i % 3) {
      case 0:
        chunks.push(`data "aws_iam_policy_document" "doc_${i}" {
  statement {
    sid       = "Read${i}"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["\${aws_s3_bucket.b${i}.arn}/*", "arn:\${data.aws_partition.current.partition}:s3:::logs-${i}/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id]
    }
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.k${i}.arn]
  }
}

resource "aws_iam_policy" "doc_${i}" {
  name   = "doc-${i}"
  policy = data.aws_iam_policy_document.doc_${i}.json
}
`);
        break;
      case 1:
        chunks.push(`resource "aws_iam_role" "role_${i}" {
  name = "role-${i}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
}
`);
        break;
      default:
        chunks.push(`resource "aws_sqs_queue_policy" "queue_${i}" {
  queue_url = aws_sqs_queue.q${i}.id
  policy    = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": "\${aws_sqs_queue.q${i}.arn}",
        "Condition": {"ArnEquals": {"aws:SourceArn": "\${aws_sns_topic.t${i}.arn}"}}
      }]
    }
  EOF
}
`);
    }
  }
  let text = chunks.join('\n');
  let filler = 0;
  while (text.split('\n').length < lines) {
    text += `\nresource "aws_s3_bucket" "filler_${filler}" {
  bucket = "filler-${filler}"
  tags = {
    Name        = "filler-${filler}"
    Environment = var.environment
  }
}
`;
    filler += 1;
  }
  return text;
}

function flatten(node) {
  if (!node) return undefined;
  switch (node.kind) {
    case 'map':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, flatten(entry.value)]));
    case 'seq':
      return node.items.map(flatten);
    case 'scalar':
      return node.value;
    default:
      return node.parts.map((part) => (part.kind === 'literal' ? part.value : part.hole.sample)).join('');
  }
}

const { lib, loadMs } = loadLibrary();
const startup = performance.now();
await lib.initTerraform((name) => readFileSync(WASM[name]), TreeSitter);
const startupMs = performance.now() - startup;

const text = terraformFile(50, 2000);
const lineCount = text.split('\n').length;
const cold = time(() => lib.extractTerraformPolicies(text));
const policies = cold.value.policies.length;

// Three warm cases: the file parsed from scratch (cache cleared), after a one-character edit in the
// middle (what typing costs: tree-sitter re-parses incrementally from the previous tree), and
// unchanged (the tree is reused; only the extraction runs).
const middle = text.indexOf('"kms:Decrypt"', text.length / 2);
const edited = (i) => `${text.slice(0, middle)}"kms:Decrypt${i % 2 === 0 ? 'x' : ''}"${text.slice(middle + '"kms:Decrypt"'.length)}`;
const lint = (source) => {
  const { policies: found } = lib.extractTerraformPolicies(source);
  let findings = 0;
  for (const policy of found) findings += lib.validatePolicy(JSON.stringify(flatten(policy.root)), { kind: policy.kind ?? 'identity' }).findings.length;
  return findings;
};
const samples = { scratch: [], edit: [], unchanged: [], scratchLint: [], editLint: [] };
lint(text);
for (let i = 0; i < WARM_RUNS; i++) {
  lib.clearHclCache();
  samples.scratch.push(time(() => lib.extractTerraformPolicies(text)).ms);
  lib.clearHclCache();
  samples.scratchLint.push(time(() => lint(text)).ms);
  samples.edit.push(time(() => lib.extractTerraformPolicies(edited(2 * i))).ms);
  samples.editLint.push(time(() => lint(edited(2 * i + 1))).ms);
  samples.unchanged.push(time(() => lib.extractTerraformPolicies(edited(2 * i + 1))).ms);
}
emit({
  moduleLoadMs: loadMs,
  startupMs,
  lines: lineCount,
  bytes: text.length,
  policies,
  extractColdMs: cold.ms,
  extractScratchMs: median(samples.scratch),
  extractEditMs: median(samples.edit),
  extractUnchangedMs: median(samples.unchanged),
  lintScratchMs: median(samples.scratchLint),
  lintEditMs: median(samples.editLint),
  runs: WARM_RUNS,
});
