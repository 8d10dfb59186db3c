/**
 * The server's I/O edge: everything the language server does outside the document text it is sent.
 * The server itself (server.ts, the feature modules, the service layer and the core) is one code base
 * for Node and for the browser; only the implementation of this interface differs:
 * `nodeServerIO` (lsp/nodeIO.ts: the disk, worker threads, git, the Terraform parser's files) and
 * `browserServerIO` (browser/browserIO.ts: the client reads files with `vscode.workspace.fs` and
 * sends the IAM catalog and the AWS managed policies).
 */
import type { Connection } from 'vscode-languageserver';
import { ReadFileRequest, type ReadFileParams, type ReadFileResult } from '../protocol';
import type { AnalysisInput, DocumentRole } from '../service/documentAnalysis';
import type { DetectedKind } from '../iam/document/policyKind';
import type { Finding } from '../iam/validate';

/** What an off-thread analysis is given: the analysis input (settings are plain data). */
export type AnalysisJob = Omit<AnalysisInput, 'text'> & { readonly text: string };

/** What comes back: enough for diagnostics and the status bar, nothing that holds the tree. */
export interface OffThreadResult {
  readonly role: DocumentRole;
  readonly kind?: DetectedKind;
  readonly findings: readonly Finding[];
  readonly errors: readonly string[];
}

/** Thrown (as a rejection) when a newer job for the same document replaced this one. */
export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer version');
  }
}

/** Runs analyses of large documents away from the server's thread, one job per document. */
export interface OffThreadAnalysis {
  /** Analyses `job` for `key` (the document URI), cancelling an unfinished job for the same key. */
  analyze(key: string, job: AnalysisJob): Promise<OffThreadResult>;
  /** Cancels the unfinished job for `key`, if any. */
  cancel(key: string): void;
}

/** What the server needs from its platform. */
export interface ServerIO {
  /** Reads a workspace file (a policy a scenario references, a scenario file) by URI. */
  readFile(uri: string): Promise<ReadFileResult>;
  /** Loads the Terraform parser; absent where Terraform is not supported (the browser build). */
  readonly loadTerraform?: () => Promise<void>;
  /** Analyses large documents off the server's thread; absent: they are analysed in-process. */
  readonly offThread?: OffThreadAnalysis;
  /** The text of a file at a git revision; absent where git cannot run (the browser build). */
  readonly gitShow?: (uri: string, ref: string) => Promise<string | undefined>;
  /**
   * Takes the platform's part of `initializationOptions`, before `initialize` is answered and so
   * before any document is analysed: the browser server's IAM catalog and AWS managed policies, which
   * its client sends because a worker cannot load them from beside itself (the Node server requires them from disk).
   */
  readonly initialize?: (initializationOptions: Readonly<Record<string, unknown>>) => void;
}

/** Creates the I/O edge once the connection exists (files may be read through the client). */
export type ServerIOFactory = (connection: Connection) => ServerIO;

/**
 * Reads a file through the client (`iam/readFile`, answered with `vscode.workspace.fs`). A client
 * that does not implement the request (another editor) or fails gives `unreadable`.
 */
export async function readFileThroughClient(connection: Connection, uri: string): Promise<ReadFileResult> {
  try {
    const result = await connection.sendRequest<ReadFileResult>(ReadFileRequest, { uri } satisfies ReadFileParams);
    if (result && typeof result === 'object' && ('text' in result ? typeof result.text === 'string' : typeof result.missing === 'string')) return result;
    return { missing: 'unreadable', reason: 'the editor gave no answer' };
  } catch (error) {
    return { missing: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}
