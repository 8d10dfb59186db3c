/**
 * Rule cases of the template text itself, read as the host formats read it (test/unit/rules.test.ts):
 * a YAML template that cannot be read (TEMPLATE_SYNTAX_ERROR), a JSON template or a policy written as a
 * JSON string with a syntax error (JSON_SYNTAX_ERROR: IAM reads policies as JSON, "Grammar of the IAM
 * JSON policy language"), inside a policy or outside every policy. Templates: AWS CloudFormation User
 * Guide, "Template format" and `AWS::IAM::ManagedPolicy` (`PolicyDocument` as JSON or a JSON string).
 */
import { ruleTests, type RuleCase, type RuleTests } from '../helpers/ruleTester';
import { TERRAFORM_HEREDOC, terraformDocumentUsedBy } from '../helpers/terraformDocuments';
import { functionUrlTemplate, INVOKE_PERMISSION, liveAlias, URL_PERMISSION } from '../helpers/lambdaTemplates';

const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n';
const jsonTemplate = (statement: string) => `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [${statement}]}}}}}`;

/** The value of the local `deny` below, where its finding lands. */
const TERRAFORM_LOCAL_VALUE = 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*" }] })';

/** A local holding a policy, used as a role's inline policy and by `more`. */
function terraformLocalUsedBy(more: string): string {
  return `locals {
  deny = ${TERRAFORM_LOCAL_VALUE}
}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = local.deny
}
${more}`;
}

/** A Terraform function URL whose authorization type is `auth`, and these `aws_lambda_permission` bodies. */
function terraformFunctionUrl(auth: string, ...permissions: string[]): string {
  return `resource "aws_lambda_function_url" "worker" {
  function_name      = aws_lambda_function.worker.function_name
  authorization_type = "${auth}"
}
${permissions.map((body, index) => `resource "aws_lambda_permission" "p${index}" {\n  function_name = aws_lambda_function.worker.function_name\n${body}\n}\n`).join('')}`;
}

/** The permission the fix adds after `WorkerUrl` (YAML), as the rule cases expect it. */
const YAML_ADDED = `  WorkerUrlInvokePermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Worker.Arn
      Principal: '*'
      InvokedViaFunctionUrl: true
`;

/** A JSON template with a function URL (NONE) and the InvokeFunctionUrl permission, and `added` after the URL. */
function jsonFunctionUrl(added = ''): string {
  return `{
  "Resources": {
    "Worker": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Handler": "index.handler", "Runtime": "nodejs20.x", "Role": "arn:aws:iam::123456789012:role/worker", "Code": { "ZipFile": "x" } }
    },
    "WorkerUrl": {
      "Type": "AWS::Lambda::Url",
      "Properties": {
        "TargetFunctionArn": { "Fn::GetAtt": ["Worker", "Arn"] },
        "AuthType": "NONE"
      }
    }${added},
    "UrlPermission": {
      "Type": "AWS::Lambda::Permission",
      "Properties": { "FunctionName": { "Ref": "Worker" }, "Action": "lambda:InvokeFunctionUrl", "Principal": "*", "FunctionUrlAuthType": "NONE" }
    }
  }
}
`;
}

const JSON_ADDED = `,
    "WorkerUrlInvokePermission": {
      "Type": "AWS::Lambda::Permission",
      "Properties": {
        "Action": "lambda:InvokeFunction",
        "FunctionName": { "Fn::GetAtt": ["Worker", "Arn"] },
        "Principal": "*",
        "InvokedViaFunctionUrl": true
      }
    }`;

const TERRAFORM_URL_PERMISSION = '  action                 = "lambda:InvokeFunctionUrl"\n  principal              = "*"\n  function_url_auth_type = "NONE"';
const TERRAFORM_ADDED = `

resource "aws_lambda_permission" "worker_invoke" {
  action                   = "lambda:InvokeFunction"
  function_name            = aws_lambda_function.worker.function_name
  principal                = "*"
  invoked_via_function_url = true
}`;

/** An alias `Live` (`live`) of `Worker`, to insert before `WorkerUrl`. */
const LIVE_ALIAS = liveAlias();

/** `functionUrlTemplate` with a function named `worker`, its alias `Live` and the URL on the alias. */
function aliasUrlTemplate(...permissions: string[]): string {
  return functionUrlTemplate('NONE', ...permissions)
    .replace('      Handler: index.handler\n', '      FunctionName: worker\n      Handler: index.handler\n')
    .replace('  WorkerUrl:', `${LIVE_ALIAS}  WorkerUrl:`)
    .replace('      AuthType: NONE\n', '      AuthType: NONE\n      Qualifier: live\n');
}

const cases: RuleCase[] = [
  { name: 'YAML: an unclosed flow sequence in a policy', host: 'template.yaml', policy: `${HEAD}          - Effect: Allow\n            Action: [s3:GetObject\n            Resource: "*"\n`, errors: [['TEMPLATE_SYNTAX_ERROR', 'R']] },
  { name: 'YAML: the same policy with the bracket closed', host: 'template.yaml', policy: `${HEAD}          - Effect: Allow\n            Action: [s3:GetObject]\n            Resource: "*"\n`, absent: ['TEMPLATE_SYNTAX_ERROR', 'JSON_SYNTAX_ERROR'] },
  { name: 'YAML: an unterminated quote outside every policy is the file\'s', host: 'template.yaml', policy: `${HEAD}          - {Effect: Allow, Action: s3:GetObject, Resource: "*"}\nOutputs:\n  O:\n    Value: "open\n`, errors: [['TEMPLATE_SYNTAX_ERROR', '\n']] },
  { name: 'JSON template: a missing comma in a policy', host: 'template.json', policy: jsonTemplate('{"Effect": "Allow" "Action": "s3:GetObject", "Resource": "*"}'), errors: [['JSON_SYNTAX_ERROR', '"Action"']] },
  { name: 'JSON template: the same policy with the comma', host: 'template.json', policy: jsonTemplate('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'), absent: ['JSON_SYNTAX_ERROR', 'TEMPLATE_SYNTAX_ERROR'] },
  // CloudFormation reads a JSON template as strict JSON (CloudFormation User Guide, "Template format":
  // JSON or YAML; a text that is not well-formed JSON fails with "Template format error: JSON not
  // well-formed"): comments and trailing commas are reported as in a policy file, with the same fix.
  { name: 'JSON template: a trailing comma after the last statement', host: 'template.json', policy: jsonTemplate('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},'), errors: [['JSON_SYNTAX_ERROR', ',', 'Remove the trailing comma']], output: jsonTemplate('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}') },
  { name: 'JSON template: a line comment outside every policy is the file\'s', host: 'template.json', policy: jsonTemplate('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}').replace('"Resources"', '// The policy.\n"Resources"'), errors: [['JSON_SYNTAX_ERROR', '// The policy.', 'Remove the comment']], output: jsonTemplate('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}').replace('"Resources"', '\n"Resources"') },
  { name: 'JSON template: a block comment before the template, which is still read as JSON', host: 'template.template', policy: `/* IAM */\n${jsonTemplate('{"Effect": "Allow", "Action": "s3:GetObjectt", "Resource": "*"}')}`, errors: [['JSON_SYNTAX_ERROR', '/* IAM */', 'Remove the comment'], ['INVALID_ACTION', '"s3:GetObjectt"']], absent: ['TEMPLATE_SYNTAX_ERROR'] },
  { name: 'JSON template: comment and comma characters inside strings are text', host: 'template.json', policy: jsonTemplate('{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b//*,]"}').replace('"Resources"', '"Description": "// not a comment, /* nor this */ ,}", "Resources"'), absent: ['JSON_SYNTAX_ERROR'] },
  // A comment or a trailing comma in a policy written as a string gets the policy file's fix where its
  // characters are the template's own (no escape, no interpolation inside it).
  { name: 'YAML: a policy written as a JSON string with a trailing comma', host: 'template.yaml', policy: `${HEAD.replace(/        Version[\s\S]*$/, '')}        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]}'\n`, errors: [['JSON_SYNTAX_ERROR', ',', 'Remove the trailing comma']], absent: ['TEMPLATE_SYNTAX_ERROR'], output: `${HEAD.replace(/        Version[\s\S]*$/, '')}        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'\n` },
  { name: 'YAML: a policy in a block scalar with a line comment', host: 'template.yaml', policy: `${HEAD.replace(/        Version[\s\S]*$/, '')}        |\n          {"Version": "2012-10-17",\n           // read only\n           "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}\n`, errors: [['JSON_SYNTAX_ERROR', '// read only', 'Remove the comment']], output: `${HEAD.replace(/        Version[\s\S]*$/, '')}        |\n          {"Version": "2012-10-17",\n           \n           "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}\n` },
  { name: 'YAML: the same JSON string without the comma', host: 'template.yaml', policy: `${HEAD.replace(/        Version[\s\S]*$/, '')}        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'\n`, absent: ['TEMPLATE_SYNTAX_ERROR', 'JSON_SYNTAX_ERROR'] },
  { name: 'YAML: a JSON string built with !Sub holding a comment (no fix: the comment holds a substitution)', host: 'template.yaml', policy: `${HEAD.replace(/        Version[\s\S]*$/, '')}        !Sub '{"Version": "2012-10-17", /* for \${AWS::StackName} */ "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'\n`, errors: [['JSON_SYNTAX_ERROR', '/* for ${AWS::StackName} */', null]] },
  // Terraform: JSON in a heredoc or a quoted string (Terraform AWS provider, `aws_iam_policy` `policy`).
  { name: 'Terraform: a trailing comma in a heredoc policy', host: 'main.tf', policy: TERRAFORM_HEREDOC('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},'), errors: [['JSON_SYNTAX_ERROR', ',', 'Remove the trailing comma']], output: TERRAFORM_HEREDOC('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}') },
  { name: 'Terraform: a comment in a heredoc policy', host: 'main.tf', policy: TERRAFORM_HEREDOC('/* reads */ {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'), errors: [['JSON_SYNTAX_ERROR', '/* reads */', 'Remove the comment']], output: TERRAFORM_HEREDOC(' {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}') },
  { name: 'Terraform: a comment holding an interpolation has no fix', host: 'main.tf', policy: TERRAFORM_HEREDOC('/* for ${var.name} */ {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'), errors: [['JSON_SYNTAX_ERROR', '/* for ${var.name} */', null]] },
  { name: 'Terraform: a trailing comma in a quoted JSON string', host: 'main.tf', policy: 'resource "aws_iam_policy" "p" {\n  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:GetObject\\", \\"Resource\\": \\"*\\"},]}"\n}\n', errors: [['JSON_SYNTAX_ERROR', ',', 'Remove the trailing comma']], output: 'resource "aws_iam_policy" "p" {\n  policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:GetObject\\", \\"Resource\\": \\"*\\"}]}"\n}\n' },
  // Terraform: one document referenced by arguments of different policy kinds (Terraform AWS provider,
  // `aws_iam_role` `assume_role_policy` takes a trust policy, `aws_s3_bucket_policy` `policy` a bucket
  // policy; IAM User Guide, "Policies and permissions in IAM": the kinds and the elements each takes).
  { name: 'Terraform: a policy document used as a trust policy and as a bucket policy', host: 'main.tf', policy: terraformDocumentUsedBy('aws_s3_bucket_policy', 'b', 'bucket = "b"\n  policy = data.aws_iam_policy_document.shared.json'), errors: [['POLICY_USED_AS_SEVERAL_KINDS', '"shared"']] },
  { name: 'Terraform: the same document used as the trust policy of two roles', host: 'main.tf', policy: terraformDocumentUsedBy('aws_iam_role', 'other', 'assume_role_policy = data.aws_iam_policy_document.shared.json'), absent: ['POLICY_USED_AS_SEVERAL_KINDS'] },
  { name: 'Terraform: a local holding a policy, used as a role policy and as an SCP', host: 'main.tf', policy: terraformLocalUsedBy('resource "aws_organizations_policy" "scp" {\n  content = local.deny\n}\n'), errors: [['POLICY_USED_AS_SEVERAL_KINDS', TERRAFORM_LOCAL_VALUE]] },
  { name: 'Terraform: the same local used as the policy of two roles', host: 'main.tf', policy: terraformLocalUsedBy('resource "aws_iam_role_policy" "q" {\n  role   = "r2"\n  policy = local.deny\n}\n'), absent: ['POLICY_USED_AS_SEVERAL_KINDS'] },
  // Lambda Developer Guide, "Control access to Lambda function URLs": since October 2025 a new function
  // URL needs lambda:InvokeFunctionUrl and lambda:InvokeFunction; with AuthType NONE the function's
  // policy must let everyone in. A file that grants only the first makes a URL that answers 403.
  { name: 'function URL (NONE) with only the InvokeFunctionUrl permission', host: 'template.yaml', policy: functionUrlTemplate('NONE', URL_PERMISSION), errors: [['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', 'NONE', 'Add the `lambda:InvokeFunction` permission for calls through the URL']], output: functionUrlTemplate('NONE', URL_PERMISSION).replace('      AuthType: NONE\n', `      AuthType: NONE\n${YAML_ADDED}`) },
  { name: 'function URL (NONE) with the permission the fix adds', host: 'template.yaml', policy: functionUrlTemplate('NONE', URL_PERMISSION).replace('      AuthType: NONE\n', `      AuthType: NONE\n${YAML_ADDED}`), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'function URL (NONE) with both permissions', host: 'template.yaml', policy: functionUrlTemplate('NONE', URL_PERMISSION, INVOKE_PERMISSION), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'function URL (NONE) whose InvokeFunction permission is for another function', host: 'template.yaml', policy: functionUrlTemplate('NONE', URL_PERMISSION, INVOKE_PERMISSION.replace('!GetAtt Worker.Arn', 'other-function')), errors: [['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', 'NONE']] },
  { name: 'function URL (NONE) with a `lambda:*` permission for everyone', host: 'template.yaml', policy: functionUrlTemplate('NONE', URL_PERMISSION, INVOKE_PERMISSION.replace('lambda:InvokeFunction', "'lambda:*'")), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'function URL (NONE) without any permission in the file (they may be added elsewhere)', host: 'template.yaml', policy: functionUrlTemplate('NONE'), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'function URL (AWS_IAM) with only the InvokeFunctionUrl permission', host: 'template.yaml', policy: functionUrlTemplate('AWS_IAM', URL_PERMISSION), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'SAM FunctionUrlConfig (NONE): SAM adds both permissions', host: 'template.yaml', policy: 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Web:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      InlineCode: x\n      FunctionUrlConfig:\n        AuthType: NONE\n', absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'JSON template: function URL (NONE) with only the InvokeFunctionUrl permission', host: 'template.json', policy: jsonFunctionUrl(), errors: [['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', '"NONE"', 'Add the `lambda:InvokeFunction` permission for calls through the URL']], output: jsonFunctionUrl(JSON_ADDED) },
  { name: 'JSON template: with the permission the fix adds', host: 'template.json', policy: jsonFunctionUrl(JSON_ADDED), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', 'JSON_SYNTAX_ERROR'] },
  { name: 'Terraform: function URL (NONE) with only the InvokeFunctionUrl permission', host: 'main.tf', policy: terraformFunctionUrl('NONE', TERRAFORM_URL_PERMISSION), errors: [['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', '"NONE"', 'Add the `lambda:InvokeFunction` permission for calls through the URL']], output: terraformFunctionUrl('NONE', TERRAFORM_URL_PERMISSION).replace('}\n', `}${TERRAFORM_ADDED}\n`) },
  { name: 'Terraform: with the permission the fix adds', host: 'main.tf', policy: terraformFunctionUrl('NONE', TERRAFORM_URL_PERMISSION).replace('}\n', `}${TERRAFORM_ADDED}\n`), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  // Lambda API Reference, AddPermission: "If you use a qualifier, the invoker must use the full ARN of
  // that version or alias": a URL on an alias needs both permissions on the alias (CloudFormation User
  // Guide, AWS::Lambda::Alias, "Return values": its Ref is the alias ARN).
  { name: 'function URL on an alias, InvokeFunction granted on the function only', host: 'template.yaml', policy: aliasUrlTemplate(URL_PERMISSION.replace('!Ref Worker', '!Ref Live'), INVOKE_PERMISSION), errors: [['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', 'NONE', null]] },
  { name: 'function URL on an alias, both permissions on the alias (by Ref and by name)', host: 'template.yaml', policy: aliasUrlTemplate(URL_PERMISSION.replace('!Ref Worker', '!Ref Live'), INVOKE_PERMISSION.replace('!GetAtt Worker.Arn', 'worker:live')), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'function URL on the function, InvokeFunction granted on an alias only', host: 'template.yaml', policy: functionUrlTemplate('NONE', URL_PERMISSION, INVOKE_PERMISSION.replace('!GetAtt Worker.Arn', '!Ref Live')).replace('  WorkerUrl:', `${LIVE_ALIAS}  WorkerUrl:`), errors: [['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', 'NONE']] },
  { name: 'function URL on $LATEST: the function\'s own permissions apply (Lambda takes none on $LATEST)', host: 'template.yaml', policy: aliasUrlTemplate(URL_PERMISSION, INVOKE_PERMISSION).replace('Qualifier: live', "Qualifier: '$LATEST'"), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'function URL on $LATEST, InvokeFunction granted on an alias only', host: 'template.yaml', policy: aliasUrlTemplate(URL_PERMISSION, INVOKE_PERMISSION.replace('!GetAtt Worker.Arn', '!Ref Live')).replace('Qualifier: live', "Qualifier: '$LATEST'"), errors: [['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', 'NONE']] },
  { name: 'function URL whose qualifier the template does not tell (a parameter): any permission may be its', host: 'template.yaml', policy: `Parameters:\n  Stage:\n    Type: String\n${aliasUrlTemplate(URL_PERMISSION, INVOKE_PERMISSION).replace('Qualifier: live', 'Qualifier: !Ref Stage')}`, absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
  { name: 'Terraform: function URL on an alias: the fix writes its qualifier', host: 'main.tf', policy: terraformFunctionUrl('NONE', `${TERRAFORM_URL_PERMISSION}\n  qualifier              = "live"`).replace('  authorization_type = "NONE"\n', '  authorization_type = "NONE"\n  qualifier          = "live"\n'), errors: [['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION', '"NONE"', 'Add the `lambda:InvokeFunction` permission for calls through the URL']], output: terraformFunctionUrl('NONE', `${TERRAFORM_URL_PERMISSION}\n  qualifier              = "live"`).replace('  authorization_type = "NONE"\n', '  authorization_type = "NONE"\n  qualifier          = "live"\n').replace('}\n', `}${TERRAFORM_ADDED.replace('  principal  ', '  qualifier                = "live"\n  principal  ')}\n`) },
  { name: 'Terraform: function URL (NONE) with both permissions', host: 'main.tf', policy: terraformFunctionUrl('NONE', TERRAFORM_URL_PERMISSION, '  action                   = "lambda:InvokeFunction"\n  principal                = "*"\n  invoked_via_function_url = true'), absent: ['FUNCTION_URL_WITHOUT_INVOKE_PERMISSION'] },
];

export const templateTests: RuleTests = ruleTests(cases);
