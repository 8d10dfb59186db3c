/**
 * Rule cases of the template text itself, read as the host formats read it (test/unit/rules.test.ts):
 * a YAML template that cannot be read (TEMPLATE_SYNTAX_ERROR), a JSON template or a policy written as a
 * JSON string with a syntax error (JSON_SYNTAX_ERROR: IAM reads policies as JSON, "Grammar of the IAM
 * JSON policy language"), inside a policy or outside every policy. Templates: AWS CloudFormation User
 * Guide, "Template format" and `AWS::IAM::ManagedPolicy` (`PolicyDocument` as JSON or a JSON string).
 */
import { ruleTests, type RuleCase, type RuleTests } from '../helpers/ruleTester';

const HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n';
const jsonTemplate = (statement: string) => `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [${statement}]}}}}}`;

const cases: RuleCase[] = [
  { name: 'YAML: an unclosed flow sequence in a policy', host: 'template.yaml', policy: `${HEAD}          - Effect: Allow\n            Action: [s3:GetObject\n            Resource: "*"\n`, errors: [['TEMPLATE_SYNTAX_ERROR', 'R']] },
  { name: 'YAML: the same policy with the bracket closed', host: 'template.yaml', policy: `${HEAD}          - Effect: Allow\n            Action: [s3:GetObject]\n            Resource: "*"\n`, absent: ['TEMPLATE_SYNTAX_ERROR', 'JSON_SYNTAX_ERROR'] },
  { name: 'YAML: an unterminated quote outside every policy is the file\'s', host: 'template.yaml', policy: `${HEAD}          - {Effect: Allow, Action: s3:GetObject, Resource: "*"}\nOutputs:\n  O:\n    Value: "open\n`, errors: [['TEMPLATE_SYNTAX_ERROR', '\n']] },
  { name: 'JSON template: a missing comma in a policy', host: 'template.json', policy: jsonTemplate('{"Effect": "Allow" "Action": "s3:GetObject", "Resource": "*"}'), errors: [['JSON_SYNTAX_ERROR', '"Action"']] },
  { name: 'JSON template: the same policy with the comma', host: 'template.json', policy: jsonTemplate('{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}'), absent: ['JSON_SYNTAX_ERROR', 'TEMPLATE_SYNTAX_ERROR'] },
  { name: 'YAML: a policy written as a JSON string with a trailing comma', host: 'template.yaml', policy: `${HEAD.replace(/        Version[\s\S]*$/, '')}        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]}'\n`, errors: [['JSON_SYNTAX_ERROR', ',']], absent: ['TEMPLATE_SYNTAX_ERROR'] },
  { name: 'YAML: the same JSON string without the comma', host: 'template.yaml', policy: `${HEAD.replace(/        Version[\s\S]*$/, '')}        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'\n`, absent: ['TEMPLATE_SYNTAX_ERROR', 'JSON_SYNTAX_ERROR'] },
  { name: 'YAML: a JSON string built with !Sub holding a comment', host: 'template.yaml', policy: `${HEAD.replace(/        Version[\s\S]*$/, '')}        !Sub '{"Version": "2012-10-17", /* for \${AWS::StackName} */ "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'\n`, errors: [['JSON_SYNTAX_ERROR', '/* for ${AWS::StackName} */']] },
];

export const templateTests: RuleTests = ruleTests(cases);
