/**
 * The language server: connection, document cache, settings, validation scheduling and the safe
 * wrapper around every handler. Feature modules (features.ts) add completion, hover, code lenses and
 * the rest. The same server runs on Node (lsp/main.ts: under the VS Code client over node IPC, and
 * standalone with `--stdio`) and in a browser worker (browser/server.ts); the caller passes the
 * connection and the I/O edge (serverIO.ts), so nothing here touches a platform API.
 */
import {
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  LSPErrorCodes,
  ResponseError,
  DidChangeConfigurationNotification,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type ServerCapabilities,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type DocumentAnalysis } from '../service/documentAnalysis';
import { toDiagnostics } from '../service/diagnostics';
import { getCodeActions } from '../service/codeActions';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../settings';
import { DocumentKindNotification, SetPolicyKindRequest, WorkspaceTrustedNotification, type DocumentKindParams, type SetPolicyKindParams } from '../protocol';
import { isPolicyKind, type PolicyKind } from '../iam/document/policyKind';
import { policySize } from '../iam/document/policySize';
import { dataInfo } from '../iam/catalog/catalog';
import type { CodeActionProvider, CodeLensProvider, DiagnosticsProvider, ServerContext, ServerFeature } from './serverContext';
import { SERVER_FEATURES } from './features';
import { SupersededError, type ServerIOFactory } from './serverIO';
import { fileSystemPath, workspaceRelativePath } from './documentUris';
import { VERSION } from '../version';

/** How long to wait after a change before validating: typing bursts are validated once. */
const VALIDATION_DELAY_MS = 150;
/** Above this size, wait longer so that huge documents do not hog the server while typing. */
const LARGE_DOCUMENT_CHARS = 1_000_000;

export interface StartOptions {
  /** The connection: node IPC or stdio (lsp/main.ts), a browser worker's ports, or streams in tests. */
  readonly connection: Connection;
  /** The I/O edge for this platform (lsp/nodeIO.ts, browser/server.ts). */
  readonly io: ServerIOFactory;
  /** Extra features, for tests that inject failures. */
  readonly extraFeatures?: readonly ServerFeature[];
}

/** Starts the server on the given connection with the given I/O edge. */
export function startServer(options: StartOptions): Connection {
  const connection = options.connection;
  const io = options.io(connection);
  const documents = new TextDocuments(TextDocument);
  const features = [...SERVER_FEATURES, ...(options.extraFeatures ?? [])];

  let hasConfigurationCapability = false;
  let initializationSettings: unknown;
  let workspaceFolders: WorkspaceFolder[] = [];
  let trusted = true;
  const settingsCache = new Map<string, Promise<Settings>>();
  const analysisCache = new Map<string, { version: number; analysis: DocumentAnalysis }>();
  const kindOverrides = new Map<string, PolicyKind>();
  const pendingValidation = new Map<string, ReturnType<typeof setTimeout>>();
  const codeLensProviders: CodeLensProvider[] = [];
  const codeActionProviders: CodeActionProvider[] = [];
  const diagnosticsProviders: DiagnosticsProvider[] = [];
  const offThread = io.offThread;
  // Without an off-thread analyser (the browser build), large documents are validated in-process.
  const offThreadAbove = offThread ? LARGE_DOCUMENT_CHARS : Infinity;
  let codeLensRefreshSupported = false;

  const log = (message: string) => connection.console.log(message);

  function workspacePath(uri: string): string | undefined {
    return workspaceRelativePath(
      uri,
      workspaceFolders.map((folder) => folder.uri),
    );
  }

  function settingsPath(uri: string): string {
    return workspacePath(uri) ?? fileSystemPath(uri) ?? uri;
  }

  function getSettings(uri: string): Promise<Settings> {
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = hasConfigurationCapability
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'iamPolicy' }).then(normalizeSettings, () => normalizeSettings(initializationSettings))
        : Promise.resolve(initializationSettings === undefined ? DEFAULT_SETTINGS : normalizeSettings(initializationSettings));
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  function peekAnalysis(uri: string): DocumentAnalysis | undefined {
    const document = documents.get(uri);
    const cached = analysisCache.get(uri);
    return document && cached && cached.version === document.version ? cached.analysis : undefined;
  }

  async function getAnalysis(uri: string): Promise<DocumentAnalysis | undefined> {
    const document = documents.get(uri);
    if (!document) return undefined;
    const cached = peekAnalysis(uri);
    if (cached) return cached;
    const settings = await getSettings(uri);
    const current = documents.get(uri);
    if (!current) return undefined;
    const again = peekAnalysis(uri);
    if (again) return again;
    const text = current.getText();
    // Large documents are validated off the main thread (validate below); here they are only parsed
    // for completion, hover and the other features.
    const analysis = analyzeDocument({ text, path: settingsPath(uri), settings, override: kindOverrides.get(uri), validate: text.length <= offThreadAbove });
    analysisCache.set(uri, { version: current.version, analysis });
    for (const error of analysis.validation?.errors ?? []) log(`[validation] ${uri}: ${error}`);
    return analysis;
  }

  async function runSafe<T>(name: string, token: CancellationToken | undefined, fallback: T, handler: () => T | Promise<T>): Promise<T> {
    try {
      if (token?.isCancellationRequested) return fallback;
      const result = await handler();
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
      return result;
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`[${name}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    await runSafe('validate', undefined, undefined, async () => {
      if (offThread && document.getText().length > offThreadAbove) {
        await validateOffThread(uri, document, offThread);
        return;
      }
      const analysis = await getAnalysis(uri);
      const current = documents.get(uri);
      // A newer version will be validated by its own scheduled run.
      if (!analysis || !current || current.version !== version) return;
      const settings = await getSettings(uri);
      const diagnostics = analysis.validation ? toDiagnostics(current, analysis.validation.findings, settings) : [];
      for (const provider of diagnosticsProviders) {
        try {
          diagnostics.push(...(await provider(current, analysis)));
        } catch (error) {
          connection.console.error(`[diagnostics] a provider failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      }
      // A diagnostics provider may have waited for files: publish only if the document is unchanged.
      if (documents.get(uri)?.version !== version) return;
      await connection.sendDiagnostics({ uri, version, diagnostics });
      await connection.sendNotification(DocumentKindNotification, documentKindParams(current, analysis));
    });
  }

  /** Validates a large document in a worker thread and publishes the result if still current. */
  async function validateOffThread(uri: string, document: TextDocument, analyzer: NonNullable<typeof offThread>): Promise<void> {
    const version = document.version;
    const settings = await getSettings(uri);
    const text = document.getText();
    let result;
    try {
      result = await analyzer.analyze(uri, { text, path: settingsPath(uri), settings, override: kindOverrides.get(uri) });
    } catch (error) {
      if (error instanceof SupersededError) return;
      throw error;
    }
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    for (const error of result.errors) log(`[validation] ${uri}: ${error}`);
    // A template's findings are those of its policies and of the template itself, placed in it.
    const diagnostics = result.role === 'policy' || result.role === 'template' ? toDiagnostics(current, result.findings, settings) : [];
    await connection.sendDiagnostics({ uri, version, diagnostics });
    // The status bar's list of a template's policies comes from the main thread's parse (it is not validated there).
    const local = result.role === 'template' ? await getAnalysis(uri) : undefined;
    if (documents.get(uri)?.version !== version) return;
    await connection.sendNotification(DocumentKindNotification, documentKindParams(current, local?.role === 'template' ? local : result));
  }

  /** What the client shows of a document (status bar, template policies), from its analysis. */
  function documentKindParams(document: TextDocument, analysis: Pick<DocumentAnalysis, 'role' | 'kind'> & { readonly host?: DocumentAnalysis['host'] }): DocumentKindParams {
    return {
      uri: document.uri,
      role: analysis.role,
      kind: analysis.kind?.kind,
      source: analysis.kind?.source,
      size: analysis.role === 'policy' && analysis.kind ? policySize(document.getText(), analysis.kind.kind) : undefined,
      dataDate: analysis.role === 'policy' || analysis.role === 'template' ? dataInfo().dataDate : undefined,
      policies: analysis.host?.policies.map((policy) => ({
        pointer: policy.policy.pointer,
        label: policy.policy.label,
        kind: policy.kind.kind,
        range: { start: document.positionAt(policy.policy.range.start), end: document.positionAt(policy.policy.range.end) },
        size: policySize(policy.virtual.text, policy.kind.kind),
      })),
    };
  }

  function scheduleValidation(document: TextDocument, immediately = false): void {
    const uri = document.uri;
    const pending = pendingValidation.get(uri);
    if (pending) clearTimeout(pending);
    const delay = immediately ? 0 : document.getText().length > LARGE_DOCUMENT_CHARS ? VALIDATION_DELAY_MS * 4 : VALIDATION_DELAY_MS;
    pendingValidation.set(
      uri,
      setTimeout(() => {
        pendingValidation.delete(uri);
        void validate(uri);
      }, delay),
    );
  }

  function revalidateAll(): void {
    analysisCache.clear();
    for (const document of documents.all()) scheduleValidation(document, true);
  }

  const context: ServerContext = {
    connection,
    documents,
    getSettings,
    getAnalysis,
    peekAnalysis,
    settingsPath,
    workspacePath,
    io,
    trusted: () => trusted,
    runSafe,
    revalidateAll,
    log,
    registerCodeLensProvider: (provider) => void codeLensProviders.push(provider),
    registerCodeActionProvider: (provider) => void codeActionProviders.push(provider),
    registerDiagnosticsProvider: (provider) => void diagnosticsProviders.push(provider),
    revalidate: (uri) => {
      const document = documents.get(uri);
      if (document) scheduleValidation(document, true);
    },
    refreshCodeLenses: () => {
      if (codeLensRefreshSupported) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    },
  };

  connection.onInitialize((params): InitializeResult => {
    hasConfigurationCapability = params.capabilities.workspace?.configuration === true;
    codeLensRefreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const initOptions = (params.initializationOptions ?? {}) as { settings?: unknown; trusted?: boolean; formatting?: boolean };
    if (io.initialize && typeof initOptions === 'object') {
      try {
        io.initialize(initOptions as Readonly<Record<string, unknown>>);
      } catch (error) {
        log(`initialize: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    initializationSettings = initOptions.settings;
    if (initOptions.trusted === false) trusted = false;
    workspaceFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    let capabilities: ServerCapabilities = {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      codeLensProvider: { resolveProvider: false },
    };
    for (const feature of features) capabilities = { ...capabilities, ...feature.capabilities };
    // A client that registers formatting itself (the VS Code client, so that it does not compete with
    // the editor's JSON, YAML and Terraform formatters) says so; the requests are still answered.
    if (initOptions.formatting === false) {
      delete capabilities.documentFormattingProvider;
      delete capabilities.documentRangeFormattingProvider;
    }
    return { capabilities, serverInfo: { name: 'IAM Policy Workbench', version: VERSION } };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'iamPolicy' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const raw = change.settings as { iamPolicy?: unknown } | undefined;
    if (!hasConfigurationCapability && raw?.iamPolicy !== undefined) initializationSettings = raw.iamPolicy;
    settingsCache.clear();
    revalidateAll();
  });

  connection.onNotification(WorkspaceTrustedNotification, () => {
    trusted = true;
    revalidateAll();
    context.refreshCodeLenses();
  });

  connection.onRequest(SetPolicyKindRequest, (params: SetPolicyKindParams) =>
    runSafe('setPolicyKind', undefined, false, () => {
      if (params.kind === null) kindOverrides.delete(params.uri);
      else if (isPolicyKind(params.kind)) kindOverrides.set(params.uri, params.kind);
      else return false;
      analysisCache.delete(params.uri);
      const document = documents.get(params.uri);
      if (document) scheduleValidation(document, true);
      return true;
    }),
  );

  connection.onCodeLens((params, token) =>
    runSafe('codeLens', token, [], async () => {
      const uri = params.textDocument.uri;
      const analysis = await getAnalysis(uri);
      const document = documents.get(uri);
      if (!analysis || !document || analysis.parse.document.text !== document.getText()) return [];
      const lenses = [];
      for (const provider of codeLensProviders) {
        try {
          lenses.push(...(await provider(document, analysis)));
        } catch (error) {
          connection.console.error(`[codeLens] a provider failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      }
      return lenses;
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe('codeAction', token, [], async () => {
      const actions = getCodeActions(params.textDocument.uri, params.context.diagnostics);
      const document = documents.get(params.textDocument.uri);
      // The providers' actions (refactor.rewrite) are computed only when the client asks for every
      // kind, or for that kind or one that contains it (`refactor`).
      const only = params.context.only;
      const wanted = !only || only.some((kind) => kind === CodeActionKind.RefactorRewrite || CodeActionKind.RefactorRewrite.startsWith(`${kind}.`));
      if (!document || !wanted) return actions;
      for (const provider of codeActionProviders) {
        try {
          actions.push(...(await provider(document)));
        } catch (error) {
          connection.console.error(`[codeAction] a provider failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      }
      return actions;
    }),
  );

  // TextDocuments fires onDidChangeContent right after onDidOpen; without this flag that second event
  // replaced the immediate validation of an opened document with the typing debounce (+150 ms to the
  // first diagnostics, docs/performance.md).
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    scheduleValidation(event.document, true);
  });
  documents.onDidChangeContent((event) => {
    analysisCache.delete(event.document.uri);
    scheduleValidation(event.document, justOpened.delete(event.document.uri));
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const pending = pendingValidation.get(uri);
    if (pending) clearTimeout(pending);
    pendingValidation.delete(uri);
    offThread?.cancel(uri);
    analysisCache.delete(uri);
    settingsCache.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  for (const feature of features) {
    try {
      feature.register(context);
    } catch (error) {
      log(`feature ${feature.name} failed to register: ${String(error)}`);
    }
  }

  // The Terraform parser (WebAssembly) loads in the background; .tf documents opened before it is
  // ready are analysed again when it is.
  if (io.loadTerraform) {
    void io.loadTerraform().then(
      () => {
        for (const document of documents.all()) {
          if (!/\.tf$/i.test(document.uri)) continue;
          analysisCache.delete(document.uri);
          scheduleValidation(document, true);
        }
      },
      (error: unknown) => log(`[terraform] the parser could not be loaded: ${error instanceof Error ? error.message : String(error)}`),
    );
  } else {
    log('[terraform] Terraform files are not analysed in this build (the browser build has no Terraform parser yet).');
  }

  documents.listen(connection);
  connection.listen();
  return connection;
}
