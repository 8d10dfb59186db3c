# Account B (444455556666): the group whose members may switch to CrossAccountS3Access in account A,
# and a member.

resource "aws_iam_group" "data_analysts" {
  name = "DataAnalysts"
}

resource "aws_iam_group_policy" "assume_cross_account" {
  name  = "AssumeCrossAccountS3Access"
  group = aws_iam_group.data_analysts.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "AssumeRoleInAccountA"
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      Resource = "arn:aws:iam::111122223333:role/CrossAccountS3Access"
    }]
  })
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.data_analysts.name]
}
