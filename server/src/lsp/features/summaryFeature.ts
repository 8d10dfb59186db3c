/**
 * The policy summary: the PolicySummaryRequest (markdown for the summary view) and a code lens at
 * the top of each policy document that opens it.
 */
import type { ServerFeature } from '../serverContext';
import { PolicySummaryRequest, type PolicySummaryParams, type PolicySummaryResult } from '../../protocol';
import { getSummaryCodeLenses, getSummaryMarkdown } from '../../service/summary';

export const summaryFeature: ServerFeature = {
  name: 'summary',
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(context) {
    context.connection.onRequest(PolicySummaryRequest, (params: PolicySummaryParams, token) =>
      context.runSafe<PolicySummaryResult>('policySummary', token, { markdown: '' }, async () => {
        const analysis = await context.getAnalysis(params.uri);
        if (!analysis) return { markdown: 'The document is not open.' };
        return { markdown: getSummaryMarkdown(analysis) };
      }),
    );
    context.connection.onCodeLens((params, token) =>
      context.runSafe('codeLens', token, [], async () => {
        const document = context.documents.get(params.textDocument.uri);
        if (!document) return [];
        const analysis = await context.getAnalysis(params.textDocument.uri);
        if (!analysis || analysis.parse.document.text !== document.getText()) return [];
        return getSummaryCodeLenses(document, analysis);
      }),
    );
  },
};
