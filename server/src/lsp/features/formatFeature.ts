/**
 * Document and range formatting (the checked policy formatter) and the "Shrink policy" code action for
 * policies near their size quota. The shrink result is kept per document version: editors ask for
 * code actions on every cursor move, and the access check behind it takes milliseconds.
 */
import type { CodeAction } from 'vscode-languageserver';
import type { ServerFeature } from '../serverContext';
import { formatDocumentEdits, formatRangeEdits, shrinkCodeActions } from '../../service/formatting';

export const formatFeature: ServerFeature = {
  name: 'format',
  capabilities: { documentFormattingProvider: true, documentRangeFormattingProvider: true },
  register(context) {
    context.connection.onDocumentFormatting((params, token) =>
      context.runSafe('documentFormatting', token, [], async () => {
        const document = context.documents.get(params.textDocument.uri);
        const analysis = await context.getAnalysis(params.textDocument.uri);
        if (!document || !analysis || analysis.parse.document.text !== document.getText()) return [];
        return formatDocumentEdits(document, analysis, params.options);
      }),
    );
    context.connection.onDocumentRangeFormatting((params, token) =>
      context.runSafe('documentRangeFormatting', token, [], async () => {
        const document = context.documents.get(params.textDocument.uri);
        const analysis = await context.getAnalysis(params.textDocument.uri);
        if (!document || !analysis || analysis.parse.document.text !== document.getText()) return [];
        return formatRangeEdits(document, analysis, params.range, params.options);
      }),
    );
    const shrinkCache = new Map<string, { version: number; actions: CodeAction[] }>();
    context.documents.onDidClose((event) => void shrinkCache.delete(event.document.uri));
    context.registerCodeActionProvider(async (document) => {
      const cached = shrinkCache.get(document.uri);
      if (cached && cached.version === document.version) return cached.actions;
      const analysis = await context.getAnalysis(document.uri);
      if (!analysis || analysis.parse.document.text !== document.getText()) return [];
      const actions = shrinkCodeActions(document, analysis);
      shrinkCache.set(document.uri, { version: document.version, actions });
      return actions;
    });
  },
};
