/**
 * Scenario files in the editor: diagnostics (syntax, unknown fields, unresolved names, policy files
 * missing, unreadable or outside the workspace) and a code lens above each test with its live
 * result. Policy files are read here, through the I/O edge (serverIO.ts: the disk on Node, the
 * client's `vscode.workspace.fs` in the browser and for files not on a local disk): open documents'
 * unsaved text wins, and files are read only inside the workspace and only when the workspace is
 * trusted. Watched files, when the client supports watching, refresh the lenses.
 *
 * The scenario core reads files synchronously (`PolicyFileReader`) and discovers some of them as it
 * goes (a template named by a template principal), so a run is repeated: each round reads the files
 * the previous round asked for and were not read yet, until a round asks for nothing new.
 */
import { DidChangeWatchedFilesNotification, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { action as catalogAction } from '../../iam/catalog/catalog';
import { PolicySet, checkPolicyFiles, parseScenario, runScenario, type PolicyFileReader } from '../../iam/scenario/index';
import { isScenarioPath } from '../../service/documentAnalysis';
import { scenarioCodeLenses, scenarioDiagnostics } from '../../service/scenario';
import type { ReadFileResult } from '../../protocol';
import type { ServerContext, ServerFeature } from '../serverContext';
import { isAbsolutePath, resolveRelativeUri, uriKey } from '../documentUris';

/** Changes to open policy documents are batched for this long before scenario lenses refresh. */
const REFRESH_DELAY_MS = 300;
/** Rounds of reading: each can discover files named by the files of the previous one. */
const MAX_READ_ROUNDS = 8;

type ReadOutcome = { readonly text: string } | { readonly error: string };

/** Reads policy files for scenario files: open documents first, then the I/O edge. */
export class ScenarioFiles {
  constructor(private readonly context: Pick<ServerContext, 'documents' | 'workspacePath' | 'trusted'> & { readonly io: Pick<ServerContext['io'], 'readFile'> }) {}

  /**
   * Runs `compute` with a reader for the scenario `scenarioUri`: the files it asks for are read
   * (asynchronously) and `compute` runs again until every file it asked for has been read.
   */
  async withReader<T>(scenarioUri: string, compute: (reader: PolicyFileReader) => T): Promise<T> {
    const read = new Map<string, ReadOutcome>();
    for (let round = 1; ; round++) {
      const wanted = new Map<string, string>();
      const reader: PolicyFileReader = (relative) => {
        const immediate = this.answerAtOnce(scenarioUri, relative);
        if (typeof immediate !== 'string') return immediate;
        const outcome = read.get(immediate);
        if (outcome) return outcome;
        wanted.set(immediate, relative);
        return { error: `Policy file \`${relative}\` could not be read in time` };
      };
      const result = compute(reader);
      if (wanted.size === 0 || round >= MAX_READ_ROUNDS) return result;
      await Promise.all(
        [...wanted].map(async ([uri, relative]) => {
          read.set(uri, outcomeOf(relative, await this.context.io.readFile(uri)));
        }),
      );
    }
  }

  /** The uri of a policy given by its path relative to the scenario. */
  uriFor(scenarioUri: string, relative: string): string | undefined {
    const target = resolveRelativeUri(scenarioUri, relative);
    if (!target) return undefined;
    return this.openDocument(target)?.uri ?? target;
  }

  /** The answer that needs no reading (an error, an open document), or the URI to read. */
  private answerAtOnce(scenarioUri: string, relative: string): ReadOutcome | string {
    if (isAbsolutePath(relative)) return { error: `Policy path \`${relative}\` must be relative to the scenario file` };
    const target = resolveRelativeUri(scenarioUri, relative);
    if (!target) return { error: `Cannot read \`${relative}\`: the scenario is not a saved file, so relative paths have no folder` };
    const open = this.openDocument(target);
    // Unsaved text of an open document wins over the saved file.
    if (open) return { text: open.getText() };
    if (this.context.workspacePath(target) === undefined) return { error: `Policy file \`${relative}\` is outside the workspace, so it is not read` };
    if (!this.context.trusted()) return { error: `Policy file \`${relative}\` is not read: the workspace is not trusted (trust it to run the tests)` };
    return target;
  }

  private openDocument(uri: string): TextDocument | undefined {
    const key = uriKey(uri);
    for (const document of this.context.documents.all()) if (uriKey(document.uri) === key) return document;
    return undefined;
  }
}

function outcomeOf(relative: string, result: ReadFileResult): ReadOutcome {
  if ('text' in result) return { text: result.text };
  if (result.missing === 'notFound') return { error: `Policy file \`${relative}\` not found` };
  if (result.missing === 'notFile') return { error: `Policy file \`${relative}\` is not a file` };
  return { error: `Cannot read policy file \`${relative}\`: ${result.reason ?? 'unreadable'}` };
}

/** Diagnostics for a scenario document. */
export function scenarioDocumentDiagnostics(document: TextDocument, files: ScenarioFiles): Promise<Diagnostic[]> {
  const parsed = parseScenario(document.getText());
  return files.withReader(document.uri, (reader) => scenarioDiagnostics(document, [...parsed.problems, ...checkPolicyFiles(parsed.scenario, new PolicySet(reader))]));
}

export const scenarioFeature: ServerFeature = {
  name: 'scenario',
  register(context) {
    const { connection, documents } = context;
    const files = new ScenarioFiles(context);
    const isScenario = (uri: string) => isScenarioPath(decodeURIComponent(uri));

    // Scenario documents get their diagnostics from this feature, merged into the server's own
    // publication so that the two never race.
    context.registerDiagnosticsProvider((document, analysis) => (analysis.role === 'scenario' ? scenarioDocumentDiagnostics(document, files) : []));

    const republish = () => {
      for (const document of documents.all()) if (isScenario(document.uri)) context.revalidate(document.uri);
    };
    let pending: ReturnType<typeof setTimeout> | undefined;
    const dependenciesChanged = () => {
      if (!documents.all().some((d) => isScenario(d.uri))) return;
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = undefined;
        republish();
        context.refreshCodeLenses();
      }, REFRESH_DELAY_MS);
    };
    // An open policy's unsaved text is what scenarios use, so editing it re-runs their tests.
    documents.onDidChangeContent((event) => {
      if (!isScenario(event.document.uri)) dependenciesChanged();
    });
    documents.onDidClose((event) => {
      if (!isScenario(event.document.uri)) dependenciesChanged();
    });

    let watching: 'no' | 'asked' = 'no';
    const watch = () => {
      if (watching !== 'no') return;
      watching = 'asked';
      // Clients without dynamic registration reject this; the mtime check on each read still works.
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.json' }] }).catch(() => undefined);
    };
    // The Node edge re-reads a saved file when its mtime changes; the lenses must be asked again.
    connection.onDidChangeWatchedFiles(() => dependenciesChanged());

    context.registerCodeLensProvider((document, analysis) => {
      if (analysis.role !== 'scenario') return [];
      watch();
      const parsed = parseScenario(document.getText());
      return files.withReader(document.uri, (reader) => {
        const results = runScenario(parsed.scenario, new PolicySet(reader), { isKnownAction: (name) => catalogAction(name) !== undefined });
        return scenarioCodeLenses(document, results, (relative) => files.uriFor(document.uri, relative));
      });
    });
  },
};
