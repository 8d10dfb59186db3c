/**
 * Check family `access`: who a resource or trust policy lets in (public, other accounts, services
 * without a source) and the escalation, resource-exposure and credential-exposure methods an
 * identity policy gives, decided with the evaluator (iam/access/, docs/access.md).
 */
import { accessFindings } from '../../../access/accessFindings';
import type { CheckFamily } from '../../engine/checkContext';

export const accessChecks: CheckFamily = {
  name: 'access',
  check(context) {
    const options = context.options.hostAccount ? { hostAccount: context.options.hostAccount } : {};
    for (const finding of accessFindings(context.document, context.kind, options)) context.report(finding.code, finding.span, finding.message, finding.fixes);
  },
};
