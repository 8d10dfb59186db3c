/**
 * What every feature module of the server gets: the connection, the open documents, settings per
 * document, a versioned analysis cache and the safe-handler wrapper. Feature modules register their
 * handlers in `register(context)` and never keep settings in globals.
 */
import type { Connection, TextDocuments, CancellationToken, ServerCapabilities, CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../service/documentAnalysis';
import type { Settings } from '../settings';
import type { ServerIO } from './serverIO';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** Settings for a document (fetched from the client per document, cached until they change). */
  getSettings(uri: string): Promise<Settings>;
  /** The analysis of the document's current version, computed once per version. */
  getAnalysis(uri: string): Promise<DocumentAnalysis | undefined>;
  /** The analysis of a document, synchronously, if it is already cached for its current version. */
  peekAnalysis(uri: string): DocumentAnalysis | undefined;
  /** The path used for glob settings: workspace-relative when possible. */
  settingsPath(uri: string): string;
  /** The path of a document relative to the workspace folder that holds it, or undefined outside the workspace. */
  workspacePath(uri: string): string | undefined;
  /** The platform's I/O edge: files, git, off-thread analysis (serverIO.ts). */
  readonly io: ServerIO;
  /** Whether the workspace is trusted to read other files (scenario policy references). */
  readonly trusted: () => boolean;
  /** Runs a handler so that an exception is logged and `fallback` returned; honours cancellation. */
  runSafe<T>(name: string, token: CancellationToken | undefined, fallback: T, handler: () => T | Promise<T>): Promise<T>;
  /** Re-validates every open document (after settings or related files change). */
  revalidateAll(): void;
  log(message: string): void;
  /**
   * Adds code lenses to every document: LSP has one code-lens handler, so features contribute
   * providers and the server merges their lenses (a failing provider is logged and skipped).
   */
  registerCodeLensProvider(provider: CodeLensProvider): void;
  /**
   * Adds code actions that do not come from diagnostics (refactorings such as "Shrink policy"); LSP has
   * one code-action handler, so the server merges them after the quick fixes (a failing provider is logged).
   */
  registerCodeActionProvider(provider: CodeActionProvider): void;
  /** Asks the client to fetch code lenses again (after a file that lenses depend on changed). */
  refreshCodeLenses(): void;
  /**
   * Adds diagnostics to the ones the server publishes for a document (policy findings come from the
   * server itself; scenario files get theirs from their feature). A failing provider is logged.
   */
  registerDiagnosticsProvider(provider: DiagnosticsProvider): void;
  /** Validates one open document again and publishes its diagnostics. */
  revalidate(uri: string): void;
}

/** Computes extra diagnostics for one document version. */
export type DiagnosticsProvider = (document: TextDocument, analysis: DocumentAnalysis) => Diagnostic[] | Promise<Diagnostic[]>;

/** Computes code actions for one document (the requested range does not matter to the whole-document actions there are). */
export type CodeActionProvider = (document: TextDocument) => CodeAction[] | Promise<CodeAction[]>;

/** Computes code lenses for one document from its analysis. */
export type CodeLensProvider = (document: TextDocument, analysis: DocumentAnalysis) => CodeLens[] | Promise<CodeLens[]>;

/** A feature module: registers its handlers. */
export interface ServerFeature {
  readonly name: string;
  /** The capabilities the feature adds to the initialize result. */
  readonly capabilities?: Partial<ServerCapabilities>;
  register(context: ServerContext): void;
}
