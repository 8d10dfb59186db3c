/**
 * CloudFormation fixtures of Lambda functions, their permissions and function URLs, shared by the
 * tests of permissions (lambdaPermission.test.ts), of the function-URL rule (rules/templates.ts) and
 * of the server (test/lsp/templates.test.ts).
 */

/** A template with one function, `Worker`, and nothing after it. */
export const LAMBDA_FUNCTION = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: arn:aws:iam::111122223333:role/worker
      Code: { ZipFile: 'exports.handler = async () => {}' }
`;

/** An `AWS::Lambda::Permission` resource `id` with these properties (one per line), to append to a template. */
export const lambdaPermissionResource = (id: string, properties: string): string => `  ${id}:\n    Type: AWS::Lambda::Permission\n    Properties:\n${properties.replace(/^/gm, '      ')}\n`;

/** An `AWS::Lambda::Alias` resource `Live` (alias `live`) of the function `functionName` (as written), at version `version`, to append to a template. */
export const liveAlias = (functionName = '!Ref Worker', version = '"1"'): string =>
  `  Live:\n    Type: AWS::Lambda::Alias\n    Properties:\n      FunctionName: ${functionName}\n      FunctionVersion: ${version}\n      Name: live\n`;

/** `Worker` with a function URL `WorkerUrl` whose auth type is `auth`, and these permissions (`Permission0`, ...). */
export function functionUrlTemplate(auth: string, ...permissions: string[]): string {
  const url = `  WorkerUrl:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: !GetAtt Worker.Arn\n      AuthType: ${auth}\n`;
  return LAMBDA_FUNCTION + url + permissions.map((properties, index) => lambdaPermissionResource(`Permission${index}`, properties)).join('');
}

/** The permission of older examples: everyone may call `lambda:InvokeFunctionUrl` when the URL's auth type is NONE. */
export const URL_PERMISSION = "FunctionName: !Ref Worker\nAction: lambda:InvokeFunctionUrl\nPrincipal: '*'\nFunctionUrlAuthType: NONE";

/** The permission a new public URL needs too: everyone may call `lambda:InvokeFunction` through the URL. */
export const INVOKE_PERMISSION = "FunctionName: !GetAtt Worker.Arn\nAction: lambda:InvokeFunction\nPrincipal: '*'\nInvokedViaFunctionUrl: true";

/** The `Transform` line and `Resources:` key a SAM template starts with. */
export const SAM_HEAD = 'Transform: AWS::Serverless-2016-10-31\nResources:\n';

/** An `AWS::Serverless::Function` resource `id` (inline code), with these further properties (one per line, nested by indentation). */
export const samFunction = (id: string, properties: string): string =>
  `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      InlineCode: x\n${properties.replace(/^/gm, '      ')}\n`;
