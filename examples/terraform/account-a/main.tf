# Account A (111122223333): the role CrossAccountS3Access, which users of account B may switch to,
# and the data bucket it reads and writes. The role can use S3 on that bucket and nothing else.

variable "trusted_account_id" {
  description = "The account whose users may assume the role (account B)."
  type        = string
  default     = "444455556666"
}

data "aws_partition" "current" {}

resource "aws_s3_bucket" "data" {
  bucket = "example-bucket"
}

data "aws_iam_policy_document" "trust_account_b" {
  statement {
    sid     = "TrustAccountB"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${var.trusted_account_id}:root"]
    }
  }
}

resource "aws_iam_role" "cross_account" {
  name               = "CrossAccountS3Access"
  assume_role_policy = data.aws_iam_policy_document.trust_account_b.json
}

data "aws_iam_policy_document" "s3_data_access" {
  statement {
    sid       = "ListTheBucket"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::example-bucket"]
  }
  statement {
    sid       = "ReadAndWriteObjects"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::example-bucket/*"]
  }
}

resource "aws_iam_role_policy" "s3_data_access" {
  name   = "S3DataAccess"
  role   = aws_iam_role.cross_account.id
  policy = data.aws_iam_policy_document.s3_data_access.json
}
