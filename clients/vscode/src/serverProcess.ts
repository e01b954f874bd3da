/**
 * Starting the server process for vscode-languageclient, so that a server
 * that exits at once (glossaryLs.path set to /bin/false, a crash at start)
 * ends in a message and a clean restart instead of an uncaught EPIPE.
 *
 * Why not `{ command, transport: stdio }`: vscode-languageclient 9 writes to
 * the child's stdin through vscode-jsonrpc, whose writer awaits the header
 * write but returns the body write's promise unguarded; when the child is
 * already gone that promise rejects with EPIPE where nobody handles it
 * (issue 15: the extension host logged, the stand-in harness died). Here the
 * writer handed to the client never fails: once the pipe is broken, writes
 * are dropped, and the client learns that the server is gone from its stdout
 * closing, which it handles (a message, its restart policy).
 *
 * Plain node (no VS Code import): unit-tested directly.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { Readable, Writable } from 'node:stream';

export interface ServerStreams {
  reader: Readable;
  writer: Writable;
}

export interface SpawnedServer {
  child: ChildProcess;
  streams: ServerStreams;
}

/**
 * A writer onto stdin whose writes always succeed: after the pipe breaks
 * (EPIPE, or stdin closed) data is dropped. onLost is called once, with the
 * first error.
 */
export function pipeWriter(stdin: Writable, onLost: (error: Error) => void): Writable {
  let lost = false;
  const lose = (error: Error) => {
    if (!lost) {
      lost = true;
      onLost(error);
    }
  };
  stdin.on('error', lose);
  return new Writable({
    write(chunk, encoding, callback) {
      if (lost || stdin.destroyed || !stdin.writable) {
        callback();
        return;
      }
      stdin.write(chunk, encoding, (error) => {
        if (error) {
          lose(error);
        }
        callback();
      });
    },
    final(callback) {
      if (!lost && !stdin.destroyed) {
        stdin.end();
      }
      callback();
    },
  });
}

/**
 * Starts `command --stdio` (what vscode-languageclient's stdio transport ran).
 * Resolves once the process is running; rejects when it cannot be started at
 * all (ENOENT, EACCES). stderr goes to log, line by line as it comes. env:
 * the environment (default: the extension host's).
 */
export function spawnServer(
  command: string,
  log: (text: string) => void,
  env?: NodeJS.ProcessEnv,
): Promise<SpawnedServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], shell: false, env: env ?? process.env });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => log(text));
    child.once('error', reject);
    child.once('spawn', () => {
      child.off('error', reject);
      child.on('error', (error) => log(`glossary-ls: ${String(error)}\n`));
      const writer = pipeWriter(child.stdin!, (error) =>
        log(`glossary-ls stopped reading its input (${(error as NodeJS.ErrnoException).code ?? error.message})\n`),
      );
      resolve({ child, streams: { reader: child.stdout!, writer } });
    });
  });
}

/** Ends child if it is still running: SIGTERM, then SIGKILL after graceMs. */
export function endServer(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
