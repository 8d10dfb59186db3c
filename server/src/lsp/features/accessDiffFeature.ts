/**
 * The access diff in the editor: the AccessDiffRequest (the report against git HEAD or a given
 * text) and a code lens on a policy whose file differs from HEAD. The file at HEAD is read with
 * `git show HEAD:./FILE` in the file's folder (the I/O edge's `gitShow`, serverIO.ts; the browser
 * build has no git, so there the lens is absent and the report says so), only in a trusted workspace
 * (a repository's git configuration can run programs), with a timeout, and cached for a short while so
 * that lenses do not run git on every keystroke.
 */
import type { ServerFeature, ServerContext } from '../serverContext';
import { AccessDiffRequest, type AccessDiffParams, type AccessDiffResult } from '../../protocol';
import { accessDiffCodeLenses, accessDiffReport } from '../../service/accessDiffView';

const CACHE_MS = 15_000;

function createHeadCache(context: ServerContext) {
  const cache = new Map<string, { at: number; text: Promise<string | undefined> }>();
  return (uri: string, ref: string): Promise<string | undefined> => {
    const gitShow = context.io.gitShow;
    if (!gitShow || !uri.startsWith('file:') || !context.trusted()) return Promise.resolve(undefined);
    const key = `${ref}\u0000${uri}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.text;
    const text = gitShow(uri, ref);
    cache.set(key, { at: Date.now(), text });
    return text;
  };
}

export const accessDiffFeature: ServerFeature = {
  name: 'accessDiff',
  register(context) {
    const head = createHeadCache(context);
    context.connection.onRequest(AccessDiffRequest, (params: AccessDiffParams, token) =>
      context.runSafe<AccessDiffResult>('accessDiff', token, { markdown: '# Access diff\n\nThe diff failed; see the server output.\n' }, async () => {
        const analysis = await context.getAnalysis(params.uri);
        if (!analysis) return { markdown: '# Access diff\n\nThe document is not open.\n' };
        const label = decodeURIComponent(params.uri.slice(params.uri.lastIndexOf('/') + 1));
        if ('git' in params.against) {
          if (!context.trusted()) return { markdown: '# Access diff\n\nThe workspace is not trusted, so git is not run.\n' };
          if (!context.io.gitShow) return { markdown: '# Access diff\n\nGit cannot run here (the browser build), so there is no committed version to compare with; compare with another file or the clipboard.\n' };
          const text = await head(params.uri, params.against.git);
          if (text === undefined) return { markdown: `# Access diff\n\nThe file has no version at \`${params.against.git}\` (not a file in a git repository, or not committed).\n` };
          return accessDiffReport(analysis, text, `${params.against.git}:${label}`, label);
        }
        return accessDiffReport(analysis, params.against.text, params.against.label, label);
      }),
    );
    context.registerCodeLensProvider(async (document, analysis) => {
      const policies = analysis.role === 'template' ? (analysis.host?.policies.length ?? 0) : analysis.role === 'policy' ? analysis.parse.document.statements.length : 0;
      if (policies === 0) return [];
      return accessDiffCodeLenses(document, analysis, await head(document.uri, 'HEAD'), 'HEAD');
    });
  },
};
