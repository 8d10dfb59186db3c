/**
 * Check family `actionResource`: the values of `Action`/`NotAction` and `Resource`/`NotResource`
 * against the IAM catalog and the ARN formats, whether each statement's resources fit its actions,
 * and the security warnings about what Allow statements grant through them. The checks themselves
 * live in `actionChecks.ts`, `resourceArnChecks.ts`, `resourceTypeFit.ts` and
 * `actionSecurityChecks.ts`; this file declares the codes and runs them per statement.
 */
import type { CheckFamily, CheckContext } from '../../engine/checkContext';
import type { Statement } from '../../../document/model';
import { checkActionElement, checkTrustPolicyAction } from './actionChecks';
import { checkResourceElement, type ResourceAnalysis } from './resourceArnChecks';
import { checkResourceTypeFit } from './resourceTypeFit';
import { checkStatementSecurity } from './actionSecurityChecks';

function checkStatement(context: CheckContext, statement: Statement): void {
  if (statement.action) checkActionElement(context, statement.action, 'Action');
  if (statement.notAction) checkActionElement(context, statement.notAction, 'NotAction');
  if (context.kind === 'trust') {
    // The role is the resource of a trust policy; the grammar family reports any Resource element.
    for (const value of statement.action?.values ?? []) checkTrustPolicyAction(context, value);
    return;
  }
  let resources: ResourceAnalysis[] = [];
  if (statement.resource) resources = checkResourceElement(context, statement.resource, 'Resource');
  if (statement.notResource) checkResourceElement(context, statement.notResource, 'NotResource');
  checkResourceTypeFit(context, statement, resources);
  checkStatementSecurity(context, statement);
}

export const actionResourceChecks: CheckFamily = {
  name: 'actionResource',
  codes: [
    // Actions.
    'INVALID_ACTION', 'INVALID_SERVICE_IN_ACTION', 'WILDCARD_IN_SERVICE_NAME', 'EMPTY_ARRAY_ACTION', 'REDUNDANT_ACTION',
    'UNSUPPORTED_ACTION_IN_POLICY',
    // Resources and ARNs.
    'EMPTY_ARRAY_RESOURCE', 'REDUNDANT_RESOURCE', 'INVALID_ARN_PREFIX', 'MISSING_ARN_FIELD', 'INVALID_PARTITION', 'INVALID_SERVICE',
    'INVALID_ARN_SERVICE_CASE', 'INVALID_ARN_REGION', 'UNKNOWN_ARN_REGION', 'INVALID_ARN_ACCOUNT', 'INVALID_ARN_RESOURCE', 'UNDOCUMENTED_ARN_FORMAT',
    'ARN_REGION_NOT_ALLOWED', 'ARN_ACCOUNT_NOT_ALLOWED', 'MISSING_ARN_REGION', 'MISSING_ARN_ACCOUNT', 'RESOURCE_TYPE_MISMATCH',
    // Security.
    'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    'PASS_ROLE_WITH_NOT_RESOURCE', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    'CREATE_SLR_WITH_STAR_IN_RESOURCE', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
    'CREATE_SLR_WITH_NOT_RESOURCE', 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE', 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    'ALLOW_WITH_NOT_ACTION', 'ALLOW_WITH_NOT_RESOURCE',
  ],
  ownRules: [
    ['RESOURCE_TYPE_MISMATCH', 'GENERAL_WARNING', 'Resource does not fit the actions of the statement'],
    ['UNKNOWN_ARN_REGION', 'SUGGESTION', 'Region not in the Region table'],
    ['UNDOCUMENTED_ARN_FORMAT', 'GENERAL_WARNING', 'Resource part matches no documented ARN format'],
    ['ALLOW_WITH_NOT_ACTION', 'SECURITY_WARNING', 'Allow with NotAction'],
    ['ALLOW_WITH_NOT_RESOURCE', 'SECURITY_WARNING', 'Allow with NotResource'],
  ],
  check(context) {
    for (const statement of context.document.statements) checkStatement(context, statement);
  },
};
