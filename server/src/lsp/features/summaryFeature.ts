/**
 * The policy summary: the PolicySummaryRequest (markdown for the summary view) and a code lens at
 * the top of each policy document that opens it.
 */
import type { ServerFeature } from '../serverContext';
import { PolicySummaryRequest, type PolicySummaryParams, type PolicySummaryResult } from '../../protocol';
import { getSummaryCodeLenses, getSummaryMarkdown } from '../../service/summary';

export const summaryFeature: ServerFeature = {
  name: 'summary',
  register(context) {
    context.connection.onRequest(PolicySummaryRequest, (params: PolicySummaryParams, token) =>
      context.runSafe<PolicySummaryResult>('policySummary', token, { markdown: '' }, async () => {
        const analysis = await context.getAnalysis(params.uri);
        if (!analysis) return { markdown: 'The document is not open.' };
        return { markdown: getSummaryMarkdown(analysis) };
      }),
    );
    context.registerCodeLensProvider((document, analysis) => getSummaryCodeLenses(document, analysis));
  },
};
