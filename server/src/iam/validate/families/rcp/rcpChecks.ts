/**
 * Check family `rcp`: resource control policy checks beyond the grammar (which already reports Allow, NotAction and the
 * `"Principal": "*"` rule): RCP actions must belong to the services that support RCPs.
 *
 * AWS Organizations User Guide, "Resource control policies (RCPs)", section "List of AWS services
 * that support RCPs": RCPs launched (November 2024) for Amazon S3, AWS STS, AWS KMS, Amazon SQS and
 * AWS Secrets Manager; Organizations has since added Amazon Cognito (user pools, `cognito-idp`, and
 * identity pools, `cognito-identity`: AWS's resource-control-policy-examples repository denies
 * `cognito-identity:GetId` in an RCP), Amazon CloudWatch Logs, Amazon DynamoDB, Amazon ECR and Amazon
 * OpenSearch Serverless. "RCP syntax", section Action:
 * the action may be `"*"` or name an action of a supported service.
 */
import type { Statement } from '../../../document/model';
import type { CheckContext, CheckFamily } from '../../engine/checkContext';
import { actionValues } from '../statementFacts';
import { hasWildcard } from '../../../arn/wildcard';

/** Service prefixes whose resources RCPs apply to. */
const RCP_SUPPORTED_SERVICES: readonly string[] = ['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'cognito-idp', 'cognito-identity', 'logs', 'dynamodb', 'ecr', 'aoss'];

const SUPPORTED = new Set(RCP_SUPPORTED_SERVICES);

/** RCP_SYNTAX_ERROR_ACTION on each action of a service that RCPs do not cover. */
function checkRcpStatement(context: CheckContext, statement: Statement): void {
  for (const action of actionValues(statement)) {
    const text = action.value;
    if (text === '*') continue;
    const colon = text.indexOf(':');
    // A missing colon is the actions family's INVALID_ACTION; a wildcard service part is left alone.
    if (colon <= 0) continue;
    const service = text.slice(0, colon).toLowerCase();
    if (hasWildcard(service) || SUPPORTED.has(service)) continue;
    context.report(
      'RCP_SYNTAX_ERROR_ACTION',
      action.span,
      `Resource control policies do not apply to \`${service}\`: use actions of ${RCP_SUPPORTED_SERVICES.map((prefix) => `\`${prefix}\``).join(', ')}, or \`"*"\`.`,
    );
  }
}

/** The rcp family: runs on resource control policies only. */
export const rcpChecks: CheckFamily = {
  name: 'rcp',
  check(context) {
    if (context.kind !== 'rcp') return;
    for (const statement of context.document.statements) checkRcpStatement(context, statement);
  },
};
