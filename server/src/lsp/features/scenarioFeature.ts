/**
 * Scenario files in the editor: diagnostics (syntax, unknown fields, unresolved names, policy files
 * missing, unreadable or outside the workspace) and a code lens above each test with its live
 * result. Policy files are read here, the only I/O: open documents' unsaved text wins over disk,
 * files are read only inside the workspace and only when the workspace is trusted, and saved files
 * are cached by mtime (watched files, when the client supports watching, also drop the cache and
 * refresh the lenses).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { action as catalogAction } from '../../iam/catalog/catalog';
import { PolicySet, checkPolicyFiles, parseScenario, runScenario, type PolicyFileReader } from '../../iam/scenario/index';
import { isScenarioPath } from '../../service/documentAnalysis';
import { scenarioCodeLenses, scenarioDiagnostics } from '../../service/scenario';
import type { ServerContext, ServerFeature } from '../serverContext';

/** Changes to open policy documents are batched for this long before scenario lenses refresh. */
const REFRESH_DELAY_MS = 300;

function filePathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads policy files for scenario files: open documents first, then disk with an mtime cache. */
export class ScenarioFiles {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; text: string }>();
  constructor(private readonly context: Pick<ServerContext, 'documents' | 'settingsPath' | 'trusted'>) {}

  /** Forgets cached file contents (a watched file changed). */
  forget(filePath?: string): void {
    if (filePath) this.cache.delete(filePath);
    else this.cache.clear();
  }

  /** The reader for one scenario document. */
  readerFor(scenarioUri: string): PolicyFileReader {
    const scenarioPath = filePathOf(scenarioUri);
    return (relative) => {
      if (!scenarioPath) return { error: `Cannot read \`${relative}\`: the scenario is not a file on disk, so relative paths have no folder` };
      if (path.isAbsolute(relative)) return { error: `Policy path \`${relative}\` must be relative to the scenario file` };
      const target = path.resolve(path.dirname(scenarioPath), relative);
      const uri = pathToFileURL(target).toString();
      const open = this.openDocument(target);
      // Unsaved text of an open document wins over the file on disk.
      if (open) return { text: open.getText() };
      if (path.isAbsolute(this.context.settingsPath(uri))) return { error: `Policy file \`${relative}\` is outside the workspace, so it is not read` };
      if (!this.context.trusted()) return { error: `Policy file \`${relative}\` is not read: the workspace is not trusted (trust it to run the tests)` };
      try {
        const stat = fs.statSync(target);
        if (!stat.isFile()) return { error: `Policy file \`${relative}\` is not a file` };
        const cached = this.cache.get(target);
        if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return { text: cached.text };
        const text = fs.readFileSync(target, 'utf8');
        this.cache.set(target, { mtimeMs: stat.mtimeMs, size: stat.size, text });
        return { text };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { error: code === 'ENOENT' ? `Policy file \`${relative}\` not found` : `Cannot read policy file \`${relative}\`: ${code ?? 'unreadable'}` };
      }
    };
  }

  /** The uri of a policy given by its path relative to the scenario. */
  uriFor(scenarioUri: string, relative: string): string | undefined {
    const scenarioPath = filePathOf(scenarioUri);
    if (!scenarioPath) return undefined;
    const target = path.resolve(path.dirname(scenarioPath), relative);
    const open = this.openDocument(target);
    return open ? open.uri : pathToFileURL(target).toString();
  }

  private openDocument(filePath: string): TextDocument | undefined {
    for (const document of this.context.documents.all()) if (filePathOf(document.uri) === filePath) return document;
    return undefined;
  }
}

/** Diagnostics for a scenario document. */
export function scenarioDocumentDiagnostics(document: TextDocument, files: ScenarioFiles): Diagnostic[] {
  const parsed = parseScenario(document.getText());
  const policies = new PolicySet(files.readerFor(document.uri));
  return scenarioDiagnostics(document, [...parsed.problems, ...checkPolicyFiles(parsed.scenario, policies)]);
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
    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const filePath = filePathOf(change.uri);
        if (filePath) files.forget(filePath);
      }
      dependenciesChanged();
    });

    context.registerCodeLensProvider((document, analysis) => {
      if (analysis.role !== 'scenario') return [];
      watch();
      const parsed = parseScenario(document.getText());
      const policies = new PolicySet(files.readerFor(document.uri));
      const results = runScenario(parsed.scenario, policies, { isKnownAction: (name) => catalogAction(name) !== undefined });
      return scenarioCodeLenses(document, results, (relative) => files.uriFor(document.uri, relative));
    });
  },
};
