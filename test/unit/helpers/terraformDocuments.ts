/**
 * Terraform texts shared by the template tests (rule cases and the language-server test): a policy
 * written as JSON in a heredoc, and a trust policy document used by a role and one more resource.
 */
/** A Terraform `aws_iam_policy` whose policy is JSON in a heredoc, with the given statement text. */
export const TERRAFORM_HEREDOC = (statement: string) => `resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{"Version": "2012-10-17", "Statement": [${statement}]}\nEOF\n}\n`;

/** A trust policy document, used by a role and by one more resource `type.name` with `arguments`. */
export function terraformDocumentUsedBy(type: string, name: string, args: string): string {
  return `data "aws_iam_policy_document" "shared" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.shared.json
}
resource "${type}" "${name}" {
  ${args}
}
`;
}
