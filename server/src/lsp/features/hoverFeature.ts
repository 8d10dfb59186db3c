/**
 * Hover: answers from the cached analysis of the document's current version.
 */
import type { ServerFeature } from '../serverContext';
import { hoverAt } from '../../service/templateFeatures';

export const hoverFeature: ServerFeature = {
  name: 'hover',
  capabilities: { hoverProvider: true },
  register(context) {
    context.connection.onHover((params, token) =>
      context.runSafe('hover', token, null, async () => {
        const document = context.documents.get(params.textDocument.uri);
        if (!document) return null;
        const analysis = await context.getAnalysis(params.textDocument.uri);
        if (!analysis || analysis.parse.document.text !== document.getText()) return null;
        return hoverAt(document, analysis, params.position);
      }),
    );
  },
};
