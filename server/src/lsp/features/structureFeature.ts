/**
 * Outline, folding and selection ranges, from the cached analysis.
 */
import type { ServerFeature } from '../serverContext';
import { symbolsOf } from '../../service/templateFeatures';
import { getFoldingRanges } from '../../service/folding';
import { getSelectionRanges } from '../../service/selectionRanges';

export const structureFeature: ServerFeature = {
  name: 'structure',
  capabilities: { documentSymbolProvider: true, foldingRangeProvider: true, selectionRangeProvider: true },
  register(context) {
    const withAnalysis = async <T>(uri: string, fallback: T, run: (document: NonNullable<ReturnType<typeof context.documents.get>>, analysis: NonNullable<Awaited<ReturnType<typeof context.getAnalysis>>>) => T): Promise<T> => {
      const document = context.documents.get(uri);
      if (!document) return fallback;
      const analysis = await context.getAnalysis(uri);
      if (!analysis || analysis.parse.document.text !== document.getText()) return fallback;
      return run(document, analysis);
    };
    context.connection.onDocumentSymbol((params, token) =>
      context.runSafe('documentSymbol', token, [], () => withAnalysis(params.textDocument.uri, [], symbolsOf)),
    );
    context.connection.onFoldingRanges((params, token) =>
      context.runSafe('foldingRange', token, [], () => withAnalysis(params.textDocument.uri, [], getFoldingRanges)),
    );
    context.connection.onSelectionRanges((params, token) =>
      context.runSafe('selectionRange', token, [], () => withAnalysis(params.textDocument.uri, [], (d, a) => getSelectionRanges(d, a, params.positions))),
    );
  },
};
