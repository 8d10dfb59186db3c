/**
 * The policy summary: the PolicySummaryRequest (markdown for the summary view) and a code lens at
 * the top of each policy document that opens it.
 */
import type { ServerFeature } from '../serverContext';
import { PolicySummaryRequest, type PolicySummaryParams, type PolicySummaryResult } from '../../protocol';
import { policyLenses, splitViewUri, summaryMarkdownOf } from '../../service/templateFeatures';

export const summaryFeature: ServerFeature = {
  name: 'summary',
  register(context) {
    context.connection.onRequest(PolicySummaryRequest, (params: PolicySummaryParams, token) =>
      context.runSafe<PolicySummaryResult>('policySummary', token, { markdown: '' }, async () => {
        const target = splitViewUri(params.uri);
        const analysis = await context.getAnalysis(target.uri);
        if (!analysis) return { markdown: 'The document is not open.' };
        return { markdown: summaryMarkdownOf(context.documents.get(target.uri), analysis, params.pointer ?? target.pointer) };
      }),
    );
    context.registerCodeLensProvider((document, analysis) => policyLenses(document, analysis, 'summary'));
  },
};
