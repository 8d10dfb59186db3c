/**
 * Completion: answers from the cached analysis of the document's current version.
 */
import type { ServerFeature } from '../serverContext';
import { COMPLETION_TRIGGER_CHARACTERS } from '../../service/completion';
import { completionsAt } from '../../service/templateFeatures';

export const completionFeature: ServerFeature = {
  name: 'completion',
  capabilities: { completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false } },
  register(context) {
    context.connection.onCompletion((params, token) =>
      context.runSafe('completion', token, { isIncomplete: false, items: [] }, async () => {
        const document = context.documents.get(params.textDocument.uri);
        if (!document) return { isIncomplete: false, items: [] };
        const [analysis, settings] = await Promise.all([context.getAnalysis(params.textDocument.uri), context.getSettings(params.textDocument.uri)]);
        // The document may have changed while the analysis was computed: answer only for the same text.
        if (!analysis || analysis.parse.document.text !== document.getText()) return { isIncomplete: true, items: [] };
        return completionsAt(document, analysis, params.position, settings);
      }),
    );
  },
};
