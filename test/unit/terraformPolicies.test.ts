/**
 * The Terraform host format: each way a `.tf` file spells a policy gives the expected policies
 * (pointer, kind, attached resource type, and the JSON obtained with holes replaced by their
 * samples), with ranges on the right HCL text.
 *
 * Sources: the AWS provider's documentation on registry.terraform.io (data source
 * `aws_iam_policy_document`: arguments, defaults, `source_policy_documents` /
 * `override_policy_documents` merging, `type = "*"` principals; resources `aws_iam_role`
 * `assume_role_policy` / `inline_policy`, `aws_s3_bucket_policy`, `aws_organizations_policy` `type`),
 * the HCL native syntax specification (hashicorp/hcl `hclsyntax/spec.md`: "Template Expressions",
 * heredoc templates, escape sequences, `$${` literal), and Terraform's `jsonencode`, `file` and
 * `templatefile` function documentation.
 */
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Hole, HostNode, HostRange } from '../../server/src/iam/sources/hostTree';
import { clearHclCache, extractTerraformPolicies, terraformResourceType } from '../../server/src/iam/sources/terraform/terraformPolicies';
import { RESOURCE_TYPE_SAMPLES } from '../../server/src/iam/sources/terraform/references';
import { resourceType } from '../../server/src/iam/catalog/catalog';
import { at, flatten, rangeProblems } from './helpers/hostTreeFlatten';
import { initTerraformForTests } from './helpers/terraformParser';
import { terraformDocumentUsedBy } from './helpers/terraformDocuments';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../server/src/service/documentAnalysis';
import { completionsAt } from '../../server/src/service/templateFeatures';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

before(() => initTerraformForTests());

/** A path into a host tree: map keys and sequence indexes; a trailing `#key` names an entry's key. */
type Path = readonly (string | number)[];

function nodeAt(root: HostNode, path: Path): { node?: HostNode; keyRange?: HostRange } {
  let node: HostNode | undefined = root;
  let keyRange: HostRange | undefined;
  for (const step of path) {
    if (!node) return {};
    if (typeof step === 'number') {
      if (node.kind !== 'seq') return {};
      node = node.items[step];
      keyRange = undefined;
    } else {
      if (node.kind !== 'map') return {};
      const entry: { value: HostNode | undefined; keyRange: HostRange } | undefined = node.entries.find((candidate) => candidate.key === step);
      if (!entry) return {};
      keyRange = entry.keyRange;
      node = entry.value;
    }
  }
  return { ...(node ? { node } : {}), ...(keyRange ? { keyRange } : {}) };
}

interface Expected {
  readonly pointer: string;
  readonly kind?: string;
  readonly attachedResourceType?: string;
  readonly hostResourceType?: string;
  readonly json: unknown;
  /** Host text of the value at a path. */
  readonly values?: readonly [Path, string][];
  /** Host text of the key of the entry at a path. */
  readonly keys?: readonly [Path, string][];
}

interface Case {
  readonly name: string;
  readonly tf: string;
  readonly policies: readonly Expected[];
  readonly problems?: readonly RegExp[];
  readonly files?: readonly { pointer: string; path: string | undefined; kind?: string; function: string }[];
}

const CASES: readonly Case[] = [
  {
    name: 'aws_iam_policy_document: statement arguments, principals and conditions as the JSON policy',
    tf: `data "aws_iam_policy_document" "assume" {
  version = "2012-10-17"
  statement {
    sid     = "AssumeFromB"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}
resource "aws_iam_role" "cross_account" {
  name               = "CrossAccount"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
`,
    policies: [
      {
        pointer: 'data.aws_iam_policy_document.assume',
        kind: 'trust',
        attachedResourceType: 'AWS::IAM::Role',
        hostResourceType: 'aws_iam_policy_document',
        json: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'AssumeFromB', Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { AWS: ['arn:aws:iam::111122223333:root'] }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } } }],
        },
        values: [
          [['Statement', 0, 'Action', 0], '"sts:AssumeRole"'],
          [['Statement', 0, 'Sid'], '"AssumeFromB"'],
          [['Statement', 0, 'Principal', 'AWS', 0], '"arn:aws:iam::111122223333:root"'],
          [['Statement', 0, 'Condition', 'Bool', 'aws:MultiFactorAuthPresent', 0], '"true"'],
          [['Version'], '"2012-10-17"'],
        ],
        keys: [
          [['Statement', 0, 'Action'], 'actions'],
          [['Statement', 0, 'Principal'], 'principals'],
          [['Statement', 0, 'Principal', 'AWS'], '"AWS"'],
          [['Statement', 0, 'Condition'], 'condition'],
          [['Statement', 0, 'Condition', 'Bool'], '"Bool"'],
          [['Statement', 0, 'Condition', 'Bool', 'aws:MultiFactorAuthPresent'], '"aws:MultiFactorAuthPresent"'],
          [['Statement'], 'statement'],
        ],
      },
    ],
  },
  {
    name: 'aws_iam_policy_document defaults: Version 2012-10-17 and Effect Allow, written at the block header and the statement keyword',
    tf: `data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket/*"]
  }
}
`,
    policies: [
      {
        pointer: 'data.aws_iam_policy_document.read',
        json: { Version: '2012-10-17', Statement: [{ Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::bucket/*'], Effect: 'Allow' }] },
        values: [
          [['Version'], 'data'],
          [['Statement', 0, 'Effect'], 'statement'],
        ],
      },
    ],
  },
  {
    name: 'principals with type "*" render "Principal": "*"; several principals blocks of one type merge',
    tf: `data "aws_iam_policy_document" "public" {
  statement {
    actions = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
  statement {
    actions = ["s3:PutObject"]
    resources = ["arn:aws:s3:::b/*"]
    not_actions = ["s3:DeleteObject"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}
`,
    policies: [
      {
        pointer: 'data.aws_iam_policy_document.public',
        json: {
          Version: '2012-10-17',
          Statement: [
            { Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'], Effect: 'Allow', Principal: '*' },
            { Action: ['s3:PutObject'], NotAction: ['s3:DeleteObject'], Resource: ['arn:aws:s3:::b/*'], Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'], Service: ['lambda.amazonaws.com'] } },
          ],
        },
        values: [[['Statement', 1, 'Principal', 'AWS', 1], '"arn:aws:iam::444455556666:root"']],
      },
    ],
  },
  {
    name: 'source_policy_documents then statements then override_policy_documents, replacing by sid',
    tf: `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "A"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "B"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "combined" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "A", Effect = "Deny", Action = "s3:GetObject", Resource = "*" }, { Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })]
  statement {
    sid       = "B"
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.combined.json
}
`,
    policies: [
      {
        pointer: 'data.aws_iam_policy_document.base',
        kind: 'identity',
        json: { Version: '2012-10-17', Statement: [{ Sid: 'A', Action: ['s3:GetObject'], Resource: ['*'], Effect: 'Allow' }, { Sid: 'B', Action: ['s3:ListBucket'], Resource: ['*'], Effect: 'Allow' }] },
      },
      {
        pointer: 'data.aws_iam_policy_document.combined',
        kind: 'identity',
        json: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'A', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
            { Sid: 'B', Action: ['s3:ListAllMyBuckets'], Resource: ['*'], Effect: 'Allow' },
            { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
          ],
        },
        // A merged statement keeps the range of the document it comes from.
        values: [[['Statement', 0, 'Effect'], '"Deny"']],
      },
    ],
  },
  {
    name: 'a source document that cannot be read is left out; with nothing else, Statement is one unshaped hole',
    tf: `data "aws_iam_policy_document" "only_var" {
  source_policy_documents = [var.extra]
}
`,
    policies: [{ pointer: 'data.aws_iam_policy_document.only_var', json: { Version: '2012-10-17', Statement: 'extra' } }],
  },
  {
    name: 'dynamic "statement": one iteration whose iterator references are unshaped holes; iterator-typed principals left out',
    tf: `data "aws_iam_policy_document" "dyn" {
  dynamic "statement" {
    for_each = var.statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = ["arn:aws:s3:::\${statement.value.bucket}/*"]
      dynamic "principals" {
        for_each = statement.value.principals
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
    }
  }
}
`,
    policies: [{ pointer: 'data.aws_iam_policy_document.dyn', json: { Version: '2012-10-17', Statement: [{ Sid: 'sid', Action: 'actions', Resource: ['arn:aws:s3:::bucket/*'], Effect: 'Allow' }] } }],
  },
  {
    name: 'a module-style trust document of dynamic statements: values that may be null left out where they would be errors',
    tf: `data "aws_iam_policy_document" "trust" {
  dynamic "statement" {
    for_each = var.trust_policy_statements
    content {
      sid           = try(statement.value.sid, null)
      actions       = try(statement.value.actions, null)
      not_actions   = try(statement.value.not_actions, null)
      effect        = try(statement.value.effect, null)
      resources     = try(statement.value.resources, null)
      not_resources = try(statement.value.not_resources, null)
      dynamic "principals" {
        for_each = try(statement.value.principals, [])
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
      dynamic "condition" {
        for_each = try(statement.value.condition, [])
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = [var.org_id]
      }
    }
  }
}
resource "aws_iam_role" "this" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`,
    policies: [
      {
        pointer: 'data.aws_iam_policy_document.trust',
        kind: 'trust',
        attachedResourceType: 'AWS::IAM::Role',
        json: { Version: '2012-10-17', Statement: [{ Sid: 'try', Action: 'try', Effect: 'try', Principal: { AWS: ['identifiers'] }, Condition: { StringEquals: { 'aws:PrincipalOrgID': ['org-id'] } } }] },
        values: [[['Statement', 0, 'Principal', 'AWS', 0], 'principals.value.identifiers']],
        keys: [[['Statement', 0, 'Principal', 'AWS'], 'principals.value.type']],
      },
    ],
  },
  {
    name: 'beside a literal element, its opposite that is one hole is left out; a literal pair is kept (the validator reports it)',
    tf: `data "aws_iam_policy_document" "mixed" {
  statement {
    actions     = ["s3:GetObject"]
    not_actions = var.not_actions
    resources   = var.resources
    not_resources = ["arn:aws:s3:::secret/*"]
  }
  statement {
    actions     = ["s3:GetObject"]
    not_actions = ["s3:PutObject"]
    resources   = ["*"]
  }
}
`,
    policies: [
      {
        pointer: 'data.aws_iam_policy_document.mixed',
        json: {
          Version: '2012-10-17',
          Statement: [
            { Action: ['s3:GetObject'], NotResource: ['arn:aws:s3:::secret/*'], Effect: 'Allow' },
            { Action: ['s3:GetObject'], NotAction: ['s3:PutObject'], Resource: ['*'], Effect: 'Allow' },
          ],
        },
      },
    ],
  },
  {
    name: 'a document used in two places of different kinds is reported once, with a problem',
    tf: terraformDocumentUsedBy('aws_s3_bucket_policy', 'b', 'bucket = aws_s3_bucket.b.id\n  policy = data.aws_iam_policy_document.shared.json'),
    policies: [{ pointer: 'data.aws_iam_policy_document.shared', kind: 'trust', attachedResourceType: 'AWS::IAM::Role', json: { Version: '2012-10-17', Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] } }] } }],
    problems: [/`data\.aws_iam_policy_document\.shared` is used as a trust policy by `aws_iam_role\.r\/assume_role_policy` and as a resource policy by `aws_s3_bucket_policy\.b\/policy`/],
  },
  {
    name: 'jsonencode objects: bare and quoted keys, `=` and `:`, key ranges at the HCL keys',
    tf: `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    "Statement" : [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "\${aws_s3_bucket.b.arn}/*"
    }]
  })
}
`,
    policies: [
      {
        pointer: 'aws_iam_policy.p/policy',
        kind: 'identity',
        hostResourceType: 'aws_iam_policy',
        json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] },
        keys: [
          [['Version'], 'Version'],
          [['Statement'], '"Statement"'],
        ],
        values: [[['Statement', 0, 'Resource'], '"${aws_s3_bucket.b.arn}/*"']],
      },
    ],
  },
  {
    // A list, a number or a boolean encodes to JSON that is no policy (IAM rejects it): it is analysed
    // as the policy, so that it gets a policy file's INVALID_TYPE; a computed value is not.
    name: 'jsonencode of a list, a number or a boolean is the policy, so that it is reported; a reference is not',
    tf: `resource "aws_iam_policy" "list" {
  policy = jsonencode([{ Statement = [] }])
}
resource "aws_iam_policy" "number" {
  policy = jsonencode(5)
}
resource "aws_iam_policy" "computed" {
  policy = jsonencode(var.policy)
}
`,
    policies: [
      { pointer: 'aws_iam_policy.list/policy', kind: 'identity', hostResourceType: 'aws_iam_policy', json: [{ Statement: [] }], values: [[[], '[{ Statement = [] }]']] },
      { pointer: 'aws_iam_policy.number/policy', kind: 'identity', hostResourceType: 'aws_iam_policy', json: 5, values: [[[], '5']] },
    ],
  },
  {
    name: 'heredoc JSON (<<EOF and <<-EOF): ranges inside the heredoc, interpolations as holes',
    tf: `resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"},
    "Action": "s3:GetObject",
    "Resource": "\${aws_s3_bucket.b.arn}/*"
  }]
}
EOF
}
resource "aws_sqs_queue_policy" "q" {
  queue_url = aws_sqs_queue.q.id
  policy    = <<-POLICY
    {
      "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": \${jsonencode(aws_sqs_queue.q.arn)}}]
    }
  POLICY
}
`,
    policies: [
      {
        pointer: 'aws_s3_bucket_policy.b/policy',
        kind: 'resource',
        attachedResourceType: 'AWS::S3::Bucket',
        json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
        values: [
          [['Statement', 0, 'Action'], '"s3:GetObject"'],
          [['Statement', 0, 'Resource'], '"${aws_s3_bucket.b.arn}/*"'],
        ],
        keys: [[['Statement', 0, 'Action'], '"Action"']],
      },
      {
        pointer: 'aws_sqs_queue_policy.q/policy',
        kind: 'resource',
        attachedResourceType: 'AWS::SQS::Queue',
        json: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'jsonencode' }] },
        values: [[['Statement', 0, 'Resource'], '${jsonencode(aws_sqs_queue.q.arn)}']],
      },
    ],
  },
  {
    name: 'JSON in a quoted HCL string: HCL escapes decoded, then JSON; the 0.11 spelling "${data...json}" is a reference',
    tf: `resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:ListBucket\\", \\"Resource\\": \\"*\\"}]}"
}
resource "aws_iam_user_policy" "u" {
  user   = "u"
  policy = "\${data.aws_iam_policy_document.u.json}"
}
data "aws_iam_policy_document" "u" {
  statement {
    actions   = ["iam:GetUser"]
    resources = ["*"]
  }
}
`,
    policies: [
      {
        pointer: 'aws_iam_role_policy.p/policy',
        kind: 'identity',
        json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] },
        values: [[['Statement', 0, 'Action'], '\\"s3:ListBucket\\"']],
      },
      { pointer: 'data.aws_iam_policy_document.u', kind: 'identity', json: { Version: '2012-10-17', Statement: [{ Action: ['iam:GetUser'], Resource: ['*'], Effect: 'Allow' }] } },
    ],
  },
  {
    name: 'file() and templatefile() in a policy argument are reported with the kind of the place',
    tf: `resource "aws_iam_role" "r" {
  assume_role_policy = file("\${path.module}/trust.json")
}
resource "aws_iam_policy" "p" {
  policy = templatefile("policies/app.json.tpl", { bucket = var.bucket })
}
resource "aws_iam_policy" "q" {
  policy = file(var.policy_path)
}
`,
    policies: [],
    files: [
      { pointer: 'aws_iam_role.r/assume_role_policy', path: 'trust.json', kind: 'trust', function: 'file' },
      { pointer: 'aws_iam_policy.p/policy', path: 'policies/app.json.tpl', kind: 'identity', function: 'templatefile' },
      { pointer: 'aws_iam_policy.q/policy', path: undefined, kind: 'identity', function: 'file' },
    ],
  },
  {
    name: 'aws_organizations_policy: SCP by default, RCP by type, a computed type left to the content, other policy types are not IAM policies',
    tf: `resource "aws_organizations_policy" "scp" {
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })
}
resource "aws_organizations_policy" "rcp" {
  type    = "RESOURCE_CONTROL_POLICY"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*" }] })
}
resource "aws_organizations_policy" "computed" {
  type    = var.policy_type
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:*", Resource = "*" }] })
}
resource "aws_organizations_policy" "tags" {
  type    = "TAG_POLICY"
  content = jsonencode({ tags = { Statement = {} } })
}
`,
    policies: [
      { pointer: 'aws_organizations_policy.scp/content', kind: 'scp', json: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } },
      { pointer: 'aws_organizations_policy.computed/content', json: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] } },
      { pointer: 'aws_organizations_policy.rcp/content', kind: 'rcp', json: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] } },
    ],
  },
  {
    name: 'aws_iam_role inline_policy blocks (and dynamic ones) are identity policies, indexed',
    tf: `resource "aws_iam_role" "app" {
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name   = "a"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }] })
  }
  inline_policy {
    name   = "b"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.arn }] })
  }
}
`,
    policies: [
      { pointer: 'aws_iam_role.app/assume_role_policy', kind: 'trust', attachedResourceType: 'AWS::IAM::Role', json: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
      { pointer: 'aws_iam_role.app/inline_policy/0/policy', kind: 'identity', json: { Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] } },
      { pointer: 'aws_iam_role.app/inline_policy/1/policy', kind: 'identity', json: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }] } },
    ],
  },
  {
    name: 'outside the table: module arguments, lists of heredocs and locals holding a Statement are policies of unknown kind; others are not',
    tf: `module "lambda" {
  source      = "terraform-aws-modules/lambda/aws"
  policy_jsons = [<<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "xray:PutTraceSegments", "Resource": "*"}]}
EOT
  ]
  environment = jsonencode({ Statement = "not a policy" , other = 1 })
  tags        = { Name = "x" }
  definition  = jsonencode({ StartAt = "A", States = {} })
}
locals {
  scp = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })
}
resource "aws_organizations_policy" "from_local" {
  content = local.scp
}
`,
    policies: [
      { pointer: 'module.lambda/policy_jsons/0', json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' }] } },
      { pointer: 'module.lambda/environment', json: { Statement: 'not a policy', other: 1 } },
      { pointer: 'local.scp', kind: 'scp', json: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] } },
    ],
  },
  {
    name: 'an HCL object with a Statement in a local, encoded where it is used, takes the kind of the place',
    tf: `locals {
  trust = {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  }
}
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode(local.trust)
}
`,
    policies: [{ pointer: 'local.trust', kind: 'trust', attachedResourceType: 'AWS::IAM::Role', json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, keys: [[['Statement'], 'Statement']] }],
  },
  {
    name: 'a data "template_file" holding a policy takes the kind of the place that uses its `rendered` text',
    tf: `data "template_file" "bucket_policy" {
  template = <<EOF
{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "\${account}"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
EOF
}
resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = data.template_file.bucket_policy.rendered
}
`,
    policies: [{ pointer: 'data.template_file.bucket_policy/template', kind: 'resource', attachedResourceType: 'AWS::S3::Bucket', json: { Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } }],
  },
  {
    name: 'source_json and override_json (provider versions before 5.0) merge like the list arguments',
    tf: `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "A"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "legacy" {
  source_json   = data.aws_iam_policy_document.base.json
  override_json = <<EOF
{"Statement": [{"Sid": "A", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}
EOF
}
`,
    policies: [
      { pointer: 'data.aws_iam_policy_document.base', json: { Version: '2012-10-17', Statement: [{ Sid: 'A', Action: ['s3:GetObject'], Resource: ['*'], Effect: 'Allow' }] } },
      { pointer: 'data.aws_iam_policy_document.legacy', json: { Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] } },
    ],
  },
  {
    name: 'a document passed through replace() or a conditional takes the kind of the place',
    tf: `locals {
  policy = var.enabled ? replace(data.aws_iam_policy_document.combined[0].json, "_ID_", "x") : null
}
resource "aws_s3_bucket_policy" "this" {
  bucket = "b"
  policy = local.policy
}
data "aws_iam_policy_document" "combined" {
  count = 1
}
`,
    policies: [{ pointer: 'data.aws_iam_policy_document.combined', kind: 'resource', attachedResourceType: 'AWS::S3::Bucket', json: { Version: '2012-10-17', Statement: [] } }],
  },
  {
    name: 'references: account id, partition and Region are shaped; variables and locals are neutral words',
    tf: `data "aws_iam_policy_document" "refs" {
  statement {
    actions = ["kms:Decrypt"]
    resources = [
      "arn:\${data.aws_partition.current.partition}:kms:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:key/*",
      "arn:aws:s3:::\${local.name}/*",
      "arn:aws:iam::\${var.account_id}:root",
      aws_kms_key.main.arn,
      module.other.arn,
    ]
  }
}
`,
    policies: [
      {
        pointer: 'data.aws_iam_policy_document.refs',
        json: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: ['kms:Decrypt'],
              Resource: ['arn:aws:kms:us-east-1:123456789012:key/*', 'arn:aws:s3:::name/*', 'arn:aws:iam::123456789012:root', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn'],
              Effect: 'Allow',
            },
          ],
        },
        values: [[['Statement', 0, 'Resource', 3], 'aws_kms_key.main.arn']],
      },
    ],
  },
];

describe('Terraform spellings of a policy', () => {
  for (const testCase of CASES) {
    test(testCase.name, () => {
      const result = extractTerraformPolicies(testCase.tf);
      assert.deepEqual(
        result.policies.map((policy) => policy.pointer).sort(),
        testCase.policies.map((policy) => policy.pointer).sort(),
      );
      for (const expected of testCase.policies) {
        const policy = result.policies.find((candidate) => candidate.pointer === expected.pointer)!;
        assert.equal(policy.kind, expected.kind, `kind of ${expected.pointer}`);
        assert.equal(policy.attachedResourceType, expected.attachedResourceType, `attached type of ${expected.pointer}`);
        if (expected.hostResourceType) assert.equal(policy.hostResourceType, expected.hostResourceType);
        assert.deepEqual(flatten(policy.root), expected.json, `JSON of ${expected.pointer}`);
        for (const [path, text] of expected.values ?? []) {
          const { node } = nodeAt(policy.root, path);
          assert.ok(node, `no node at ${path.join('/')}`);
          assert.equal(at(testCase.tf, node.range), text, `range of ${path.join('/')}`);
        }
        for (const [path, text] of expected.keys ?? []) {
          const { keyRange } = nodeAt(policy.root, path);
          assert.ok(keyRange, `no entry at ${path.join('/')}`);
          assert.equal(at(testCase.tf, keyRange), text, `key range of ${path.join('/')}`);
        }
        assert.ok(policy.range.start <= policy.root.range.start && policy.root.range.end <= policy.range.end, 'the root lies inside the policy range');
        assert.deepEqual(rangeProblems(policy.root, testCase.tf.length), []);
      }
      assert.equal(result.problems.length, testCase.problems?.length ?? 0, JSON.stringify(result.problems));
      for (const [index, pattern] of (testCase.problems ?? []).entries()) assert.match(result.problems[index]!.message, pattern);
      assert.deepEqual(
        result.files.map((file) => ({ pointer: file.pointer, path: file.path, kind: file.kind, function: file.function })),
        (testCase.files ?? []).map((file) => ({ pointer: file.pointer, path: file.path, kind: file.kind, function: file.function })),
      );
    });
  }
});

/** The holes of a policy tree, depth first. */
function holes(node: HostNode | undefined): Hole[] {
  if (!node) return [];
  if (node.kind === 'map') return node.entries.flatMap((entry) => holes(entry.value));
  if (node.kind === 'seq') return node.items.flatMap(holes);
  if (node.kind === 'text') return node.parts.flatMap((part) => (part.kind === 'hole' ? [part.hole] : []));
  return [];
}

describe('Terraform references as holes', () => {
  const cases: readonly { name: string; expression: string; interpolated: boolean; hole: Partial<Hole> }[] = [
    { name: 'a bucket ARN is a shaped hole of type aws_s3_bucket', expression: 'aws_s3_bucket.b.arn', interpolated: false, hole: { sample: 'arn:aws:s3:::b', shaped: true, resourceType: 'aws_s3_bucket', templateExpression: 'aws_s3_bucket.b.arn', source: 'aws_s3_bucket.b.arn' } },
    { name: 'an indexed resource keeps its type', expression: 'aws_sqs_queue.jobs[0].arn', interpolated: false, hole: { sample: 'arn:aws:sqs:us-east-1:123456789012:jobs', shaped: true, resourceType: 'aws_sqs_queue' } },
    { name: 'an interpolated role ARN', expression: 'aws_iam_role.app_role.arn', interpolated: true, hole: { sample: 'arn:aws:iam::123456789012:role/app-role', shaped: true, source: '${aws_iam_role.app_role.arn}', templateExpression: 'aws_iam_role.app_role.arn' } },
    { name: 'the caller account id', expression: 'data.aws_caller_identity.current.account_id', interpolated: true, hole: { sample: '123456789012', shaped: true } },
    { name: 'the partition', expression: 'data.aws_partition.current.partition', interpolated: true, hole: { sample: 'aws', shaped: true } },
    { name: 'the Region', expression: 'data.aws_region.current.name', interpolated: true, hole: { sample: 'us-east-1', shaped: true } },
    { name: 'a data source of a known type', expression: 'data.aws_s3_bucket.logs.arn', interpolated: false, hole: { sample: 'arn:aws:s3:::logs', shaped: true, resourceType: 'aws_s3_bucket' } },
    { name: 'a variable is an unshaped neutral word', expression: 'var.bucket_name', interpolated: true, hole: { sample: 'bucket-name', shaped: false, templateExpression: 'var.bucket_name' } },
    { name: 'an unknown attribute of a known type is unshaped', expression: 'aws_s3_bucket.b.tags', interpolated: false, hole: { sample: 'tags', shaped: false } },
    { name: 'a function call is an unshaped hole', expression: 'format("arn:aws:s3:::%s", var.b)', interpolated: false, hole: { sample: 'format', shaped: false } },
  ];
  for (const { name, expression, interpolated, hole } of cases) {
    test(name, () => {
      const value = interpolated ? `"\${${expression}}"` : expression;
      const tf = `data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = [${value}]\n  }\n}\n`;
      const [policy] = extractTerraformPolicies(tf).policies;
      const [found] = holes(policy?.root);
      assert.ok(found, 'a hole');
      for (const [key, expected] of Object.entries(hole)) assert.equal(found[key as keyof Hole], expected, key);
      assert.ok(found.description.length > 0);
    });
  }

  test('character offsets of decoded strings point at the host characters, escapes included', () => {
    const tf = 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Action = "s3:Get\\u004fbject", Resource = "*", Effect = "Allow" }] })\n}\n';
    const [policy] = extractTerraformPolicies(tf).policies;
    const { node } = nodeAt(policy!.root, ['Statement', 0, 'Action']);
    assert.ok(node && node.kind === 'scalar' && node.offsets);
    assert.equal(node.value, 's3:GetObject');
    assert.equal(node.offsets.length, 's3:GetObject'.length + 1);
    // `O` is written `\u004f`: its offset is the escape's backslash, and the next character follows the escape.
    assert.equal(tf.slice(node.offsets[6]!, node.offsets[7]!), '\\u004f');
    assert.equal(tf[node.offsets[0]!], 's');
    assert.equal(node.offsets[node.offsets.length - 1], node.range.end - 1);
  });

  test('a heredoc literal `$${` is the text `${`, not a hole', () => {
    const tf = 'resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/$${aws:username}/*"}]}\nEOF\n}\n';
    const [policy] = extractTerraformPolicies(tf).policies;
    assert.deepEqual(flatten(policy!.root), { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }] });
    assert.equal(holes(policy!.root).length, 0);
  });

  test('characters outside the basic plane keep UTF-16 offsets', () => {
    const tf = 'resource "aws_iam_policy" "p" {\n  # é😀\n  policy = jsonencode({ Statement = [{ Sid = "é😀x", Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n';
    const [policy] = extractTerraformPolicies(tf).policies;
    const { node } = nodeAt(policy!.root, ['Statement', 0, 'Sid']);
    assert.equal(at(tf, node!.range), '"é😀x"');
  });
});

describe('half-typed Terraform never throws and keeps the complete policies', () => {
  const complete = `data "aws_iam_policy_document" "ok" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
}
`;
  const partials = [
    'resource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole"',
    'resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Action": "s3:Get',
    'data "aws_iam_policy_document" "half" {\n  statement {\n    actions = ["s3:',
    'resource "aws_s3_bucket_policy" "b" {\n  policy = "{\\"Statement\\": ',
    'resource "aws_iam_policy" "p" {\n  policy = ',
    'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Action = "${var.',
    'locals {\n  x = jsonencode({ Statement = [',
    'data "aws_iam_policy_document" "t" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    dynamic "principals" {\n      for_each = var.p\n      content {\n        identifiers = ["x"]\n      }\n    }\n  }\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = data.aws_iam_policy_document.t.json\n}\n',
    '}}}} ]]] """ <<EOF ${ %{',
  ];
  for (const partial of partials) {
    test(`a complete document before \`${partial.slice(0, 40).replace(/\n/g, ' ')}…\``, () => {
      const result = extractTerraformPolicies(complete + partial);
      assert.ok(result.policies.some((policy) => policy.pointer === 'data.aws_iam_policy_document.ok'));
      const ok = result.policies.find((policy) => policy.pointer === 'data.aws_iam_policy_document.ok')!;
      assert.deepEqual(result.problems.filter((problem) => /could not be (read|merged)/.test(problem.message)), []);
      assert.deepEqual(flatten(ok.root), { Version: '2012-10-17', Statement: [{ Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'], Effect: 'Allow' }] });
    });
  }

  test('every prefix of a file with every spelling gives a result', () => {
    const text = CASES.map((testCase) => testCase.tf).join('\n');
    for (let end = 0; end <= text.length; end += 3) {
      const result = extractTerraformPolicies(text.slice(0, end));
      for (const policy of result.policies) {
        assert.ok(policy.range.start >= 0 && policy.range.end <= end, `range inside the text at ${end}`);
        assert.deepEqual(rangeProblems(policy.root, end), [], `ranges at ${end}`);
      }
      // Problems are about the text, never an internal failure caught on the way.
      assert.deepEqual(result.problems.filter((problem) => /could not be (read|merged)/.test(problem.message)), [], `at ${end}`);
    }
  });
});

describe('incremental parsing', () => {
  test('after any edit, the result equals that of a parse from scratch, with no internal failure', () => {
    // A deterministic sequence of insertions, deletions and replacements over every spelling.
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['"', '{', '}', '[', ']', '${', 'var.x', '\n', ' ', 'statement {', '<<EOF\n', 'EOF\n', 's3:GetObject', ',', '='];
    let text = CASES.map((testCase) => testCase.tf).join('\n');
    for (let step = 0; step < 300; step++) {
      const at_ = random(text.length + 1);
      const removed = random(3) === 0 ? 0 : random(12);
      const inserted = random(3) === 1 ? '' : pieces[random(pieces.length)]!;
      text = text.slice(0, at_) + inserted + text.slice(at_ + removed);
      const incremental = extractTerraformPolicies(text);
      clearHclCache();
      const fresh = extractTerraformPolicies(text);
      assert.deepEqual(incremental, fresh, `step ${step}`);
      assert.deepEqual(fresh.problems.filter((problem) => /could not be (read|merged)/.test(problem.message)), [], `step ${step}`);
    }
  });
});

describe('pathological Terraform gives a result, never an exception', () => {
  // [name, text, too-deep containers reported (JSON past the parse bound, for POLICY_TOO_DEEP)]
  const cases: readonly [string, string, number][] = [
    ['a tuple nested 3,000 deep in jsonencode', `resource "aws_iam_policy" "p" {\n policy = jsonencode({ Statement = ${'['.repeat(3000)}${']'.repeat(3000)} })\n}\n`, 0],
    ['heredoc JSON nested 20,000 deep', `resource "aws_iam_policy" "p" {\n policy = <<EOF\n{"Statement": ${'['.repeat(20000)}${']'.repeat(20000)}}\nEOF\n}\n`, 1],
    ['blocks nested 2,000 deep', `locals ${'{ a {'.repeat(2000)}${'}}'.repeat(2000)}`, 0],
    ['binary noise', Array.from({ length: 20000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''), 0],
    ['an empty file', '', 0],
  ];
  for (const [name, text, tooDeep] of cases) {
    test(name, () => {
      const result = extractTerraformPolicies(text);
      assert.equal(result.tooDeep.length, tooDeep, JSON.stringify(result.tooDeep));
      // The policy itself is still found: only its too-deep value is left out.
      if (tooDeep > 0) assert.equal(result.policies.length, 1);
      for (const policy of result.policies) assert.ok(policy.range.end <= text.length);
    });
  }
});

describe('samples of resource attributes', () => {
  test('every ARN sample matches an ARN template of its resource type in the catalog', () => {
    for (const [type, samples] of Object.entries(RESOURCE_TYPE_SAMPLES)) {
      const info = resourceType(samples.arnResource.service, samples.arnResource.resourceType);
      assert.ok(info, `${type}: no resource type ${samples.arnResource.service}:${samples.arnResource.resourceType} in the catalog`);
      const arn = samples.attributes.arn!('my-name');
      const matches = info.arnTemplates.some((template) => new RegExp(`^${template.split(/\$\{[^}]+\}/).map((piece) => piece.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('[^]+')}$`).test(arn));
      assert.ok(matches, `${type}: ${arn} does not match ${info.arnTemplates.join(', ')}`);
    }
  });

  test('a referenced Terraform type gives its CloudFormation type', () => {
    assert.deepEqual(terraformResourceType('aws_s3_bucket'), { cfnType: 'AWS::S3::Bucket', arnResource: { service: 's3', resourceType: 'bucket' } });
    assert.equal(terraformResourceType('aws_sqs_queue')?.cfnType, 'AWS::SQS::Queue');
    assert.equal(terraformResourceType('aws_unknown_thing'), undefined);
  });
});

test('resource policies of the AWS provider resources that hold one in `policy` are found (registry.terraform.io resource docs)', () => {
  for (const type of ['aws_ecrpublic_repository_policy', 'aws_codebuild_resource_policy', 'aws_msk_cluster_policy', 'aws_vpclattice_auth_policy', 'aws_vpclattice_resource_policy', 'aws_oam_sink_policy']) {
    const tf = `resource "${type}" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }] })\n}\n`;
    const { policies } = extractTerraformPolicies(tf);
    assert.deepEqual(policies.map((policy) => [policy.pointer, policy.kind]), [[`${type}.p/policy`, 'resource']], type);
  }
});

describe('completion in Terraform writes Terraform', () => {
  // Terraform language documentation, "Strings and Templates": a string is double-quoted, and a
  // literal `${` is written `$${` (else it begins an interpolation); an expression such as
  // `aws_kms_key.k.arn` stands for a value known when Terraform applies.
  const text = `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "s3:GetObject"
      Resource  = ["arn:aws:s3:::b/home/x", aws_kms_key.k.arn, "\${aws_s3_bucket.b.arn}/*"]
      Condition = { StringEquals = { "aws:PrincipalTag/team" = "$" } }
    }]
  })
}
`;
  const complete = (needle: string, delta: number) => {
    const document = TextDocument.create('file:///t/main.tf', 'terraform', 1, text);
    const analysis = analyzeDocument({ text, path: 'main.tf', settings: DEFAULT_SETTINGS });
    return completionsAt(document, analysis, document.positionAt(text.indexOf(needle) + delta), DEFAULT_SETTINGS).items.map((item) => (item.textEdit as { newText: string }).newText);
  };

  test('a string stays quoted, snippets included; a literal ${ is $${', () => {
    const arns = complete('arn:aws:s3:::b/home/x', 'arn:aws:s3:::b/home/x'.length);
    assert.ok(arns.length > 0);
    for (const newText of arns) assert.match(newText, /^".*"$/, newText);
    const keys = complete('aws:PrincipalTag/team', 5);
    assert.ok(keys.includes('"aws:PrincipalAccount"'), keys.join(' '));
    // A key with a placeholder is a snippet; it stays a quoted string too.
    for (const newText of keys) assert.match(newText, /^".*"$/, newText);
    // A policy variable: the snippet `$\${$0}` expands to `$${}`, the cursor inside.
    assert.deepEqual(complete('= "$', 4), ['"$\\${$0}"']);
  });

  test('never over an expression or a string with an interpolation', () => {
    assert.deepEqual(complete('aws_kms_key.k.arn', 4), []);
    assert.deepEqual(complete('${aws_s3_bucket', 5), []);
    // No CloudFormation idiom in Terraform.
    assert.ok(complete('arn:aws:s3:::b/home/x', 3).every((newText) => !newText.includes('!Sub') && !newText.includes('Fn::')));
  });
});

test('an empty string where a policy goes is reported (AWS refuses an empty policy document); a reference or null is not', () => {
  const text = 'resource "aws_iam_policy" "a" {\n  policy = ""\n}\nresource "aws_iam_role" "b" {\n  assume_role_policy = "  "\n}\nresource "aws_iam_policy" "c" {\n  policy = var.policy\n}\nresource "aws_iam_policy" "d" {\n  policy = null\n}\n';
  const errors = extractTerraformPolicies(text).syntaxErrors;
  assert.deepEqual(errors.map((error) => [text.slice(error.range.start, error.range.end), error.message]), [
    ['""', 'JSON syntax error: the policy is empty; a policy is a JSON object with a `Statement` element.'],
    ['"  "', 'JSON syntax error: the policy is empty; a policy is a JSON object with a `Statement` element.'],
  ]);
});
