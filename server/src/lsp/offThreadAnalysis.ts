/**
 * Validation of large documents off the main thread. Parsing and checking a 10 MB policy takes
 * seconds; on the server's thread that would stall every other request. Above a size threshold the
 * server hands the text to a worker thread that runs the same `analyzeDocument` and sends back only
 * what diagnostics need (plain findings), so the server keeps answering completion, hover and the rest
 * meanwhile. A newer version of the document cancels the older job by ending its worker.
 *
 * The worker runs the server's own bundle (dist/server.js) with a marker in `workerData`; where no
 * bundle exists (tests under tsx), the job runs in-process after yielding to pending requests.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { analyzeDocument } from '../service/documentAnalysis';
import { TERRAFORM_EXTENSION } from '../iam/sources/hostDocument';
import { SupersededError, type AnalysisJob, type OffThreadAnalysis, type OffThreadResult } from './serverIO';

const WORKER_MARKER = 'iam-policy-workbench/analysis-worker';

/** True in a worker thread started by `OffThreadAnalyzer`. */
export function isAnalysisWorker(): boolean {
  return parentPort !== null && (workerData as { role?: string } | undefined)?.role === WORKER_MARKER;
}

function analyze(job: AnalysisJob): OffThreadResult {
  const analysis = analyzeDocument(job);
  return { role: analysis.role, kind: analysis.kind, findings: analysis.validation?.findings ?? [], errors: analysis.validation?.errors ?? [] };
}

/**
 * The worker's side: answer one job and wait for the next. A Terraform file's job first loads the
 * Terraform parser (WebAssembly) in this thread, as the server loads it in its own: without it the
 * file would be read as no template at all, and its findings lost.
 */
export function runAnalysisWorker(options: { readonly loadTerraform: () => Promise<void> }): void {
  let terraform: Promise<void> | undefined;
  parentPort!.on('message', (job: AnalysisJob) => {
    const ready = TERRAFORM_EXTENSION.test(job.path) ? (terraform ??= options.loadTerraform()) : Promise.resolve();
    void ready
      .then(() => parentPort!.postMessage({ result: analyze(job) }))
      .catch((error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  });
}

/** Runs analyses off the main thread, one worker per document job. */
export class OffThreadAnalyzer implements OffThreadAnalysis {
  private readonly running = new Map<string, { worker?: Worker; reject: (error: Error) => void }>();

  /** @param script the bundle to run in workers, or undefined to analyse in-process. */
  constructor(private readonly script: string | undefined) {}

  /** Analyses `job` for `key` (the document URI), cancelling an unfinished job for the same key. */
  analyze(key: string, job: AnalysisJob): Promise<OffThreadResult> {
    this.cancel(key);
    return new Promise<OffThreadResult>((resolve, reject) => {
      const settle = (action: () => void) => {
        if (this.running.get(key) !== entry) return;
        this.running.delete(key);
        void entry.worker?.terminate();
        action();
      };
      const entry: { worker?: Worker; reject: (error: Error) => void } = { reject };
      this.running.set(key, entry);
      if (!this.script) {
        // In-process: let the requests already waiting go first, then do the work.
        setImmediate(() => {
          try {
            const result = analyze(job);
            settle(() => resolve(result));
          } catch (error) {
            settle(() => reject(error instanceof Error ? error : new Error(String(error))));
          }
        });
        return;
      }
      const worker = new Worker(this.script, { workerData: { role: WORKER_MARKER } });
      entry.worker = worker;
      worker.once('message', (message: { result?: OffThreadResult; error?: string }) =>
        settle(() => (message.result ? resolve(message.result) : reject(new Error(message.error ?? 'analysis failed')))),
      );
      worker.once('error', (error) => settle(() => reject(error)));
      worker.once('exit', (code) => settle(() => reject(new Error(`analysis worker exited with code ${code}`))));
      worker.postMessage(job);
    });
  }

  /** Cancels the unfinished job for `key`, if any. */
  cancel(key: string): void {
    const entry = this.running.get(key);
    if (!entry) return;
    this.running.delete(key);
    void entry.worker?.terminate();
    entry.reject(new SupersededError());
  }

  dispose(): void {
    for (const key of [...this.running.keys()]) this.cancel(key);
  }
}
