/**
 * The bundled server as other editors run it (`node dist/server.js --stdio`), for tests: a protocol
 * connection over its standard streams, what it writes to standard error, when it exits, and `stop()`,
 * which ends the server and closes its streams. A child's stream that is left open keeps the test
 * process's event loop alive after its tests have passed, so every test that spawns the server stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';

export interface StdioServer {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Resolves with the exit code (or null after a signal) when the server exits. */
  readonly exited: Promise<number | null>;
  /** What the server wrote to standard error so far. */
  stderr(): string;
  /** Ends the connection and the server (SIGTERM, then SIGKILL after 5 s) and closes its streams. */
  stop(): Promise<void>;
}

export function spawnStdioServer(): StdioServer {
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => void (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  return {
    child,
    connection,
    exited,
    stderr: () => stderr,
    async stop() {
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill();
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
      child.stdin.destroy();
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}
