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

function checkActionsAndResources(context: CheckContext, statement: Statement): void {
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
  check(context) {
    for (const statement of context.document.statements) checkActionsAndResources(context, statement);
  },
};
