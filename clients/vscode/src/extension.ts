/**
 * The VS Code side of glossary-ls: starts the server over stdio for the
 * languages in languages.ts, keeps its settings in sync, and adds two
 * commands (restart, look up a term). Everything that can be decided
 * without VS Code lives in the plain modules next to this one.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
  WorkspaceSymbolRequest,
} from 'vscode-languageclient/node';

import { documentSelector } from './languages';
import { symbolsToPicks, TermPick } from './lookup';
import { ResolvedServer, resolveServerPath, SERVER_NAME, ServerNotFoundError } from './serverPath';
import { endServer, spawnServer } from './serverProcess';
import type { ChildProcess } from 'node:child_process';
import {
  ExtensionSettings,
  parseSettings,
  rewriteConfigurationResult,
  SECTION,
  ServerSettings,
  toServerSettings,
} from './settings';

const CLIENT_NAME = 'Glossary LS';
// A server that stops this often within the window is not restarted again.
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 3 * 60 * 1000;
const LOOKUP_DEBOUNCE_MS = 120;
// Letters, digits and the joiners terms use ("rotary-position", "Hugging Face's").
const TERM_AT_CURSOR = /[\p{L}\p{N}][\p{L}\p{N}'_-]*/u;

function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function readSettings(scope?: vscode.Uri): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  // A boolean setting always has a value; only an explicit one may override
  // the project file's defaultGlossary (see settings.ts).
  const inspected = config.inspect<boolean>('defaultGlossary');
  const symbols = config.inspect<boolean>('workspaceSymbols');
  return parseSettings({
    path: config.get('path'),
    glossaries: config.get('glossaries'),
    defaultGlossary: inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue,
    rules: config.get('rules'),
    ignoreWords: config.get('ignoreWords'),
    workspaceSymbols: symbols?.workspaceFolderValue ?? symbols?.workspaceValue ?? symbols?.globalValue,
  });
}

function serverSettings(scope?: vscode.Uri): ServerSettings {
  return toServerSettings(readSettings(scope), { workspaceFolder: firstWorkspaceFolder() });
}

/**
 * vscode-languageclient 9.0.1 leaves two promises rejected with nobody
 * listening when the server exits during initialize (glossaryLs.path =
 * /bin/false): the internal start promise, which start() no longer returns
 * once the close handler cleared it (start() then resolves), and the
 * `void this.stop()` it runs after a failed initialize (a client that never
 * ran cannot stop). Both are marked handled here; callers still get the
 * results, and startClient() checks isRunning() after start().
 */
class GlossaryClient extends LanguageClient {
  override start(): Promise<void> {
    const starting = super.start();
    (this as unknown as { _onStart?: Promise<void> })._onStart?.catch(() => undefined);
    return starting;
  }

  override stop(timeout?: number): Promise<void> {
    const stopping = super.stop(timeout);
    stopping.catch(() => undefined);
    return stopping;
  }
}

class GlossaryExtension implements vscode.Disposable {
  private client: GlossaryClient | undefined;
  // server/ of a platform package (scripts/package-vsix), beside dist/ where
  // this file is bundled; absent from the plain package.
  private readonly serverDir = path.join(__dirname, '..', 'server');
  // Server processes started for the current client (its own restarts
  // included), ended when the client stops.
  private children = new Set<ChildProcess>();
  // When the running server stopped unexpectedly (restart policy).
  private crashes: number[] = [];
  private lastChild: ChildProcess | undefined;
  // Whether the current client finished initializing once.
  private initialized = false;
  private readonly output: vscode.OutputChannel;
  private readonly disposables: vscode.Disposable[] = [];
  // Restarts are serialized: a second restart waits for the first.
  private pending: Promise<void> = Promise.resolve();

  constructor() {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME);
    this.disposables.push(
      this.output,
      vscode.commands.registerCommand('glossaryLs.restartServer', () => this.restart()),
      vscode.commands.registerCommand('glossaryLs.lookUpTerm', (term?: unknown) =>
        this.lookUpTerm(typeof term === 'string' ? term : undefined),
      ),
      vscode.workspace.onDidChangeConfiguration((event) => {
        // The binary is chosen at start; every other setting is sent to the
        // running server (middleware below).
        if (event.affectsConfiguration(`${SECTION}.path`)) {
          void this.restart();
        }
      }),
    );
  }

  restart(): Promise<void> {
    this.pending = this.pending.then(async () => {
      await this.stopClient();
      await this.startClient();
    });
    return this.pending;
  }

  async stop(): Promise<void> {
    await this.pending;
    await this.stopClient();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client !== undefined && !client.isRunning()) {
      // A client whose start failed has nothing to stop; release it.
      await client.dispose().catch(() => undefined);
    } else if (client !== undefined) {
      try {
        // dispose() stops the server (shutdown + exit) and releases the client.
        await client.dispose();
      } catch (error) {
        this.output.appendLine(`Stopping the server failed: ${String(error)}`);
      }
    }
    // The client does not own processes it did not spawn: end what is left.
    const children = [...this.children];
    this.children.clear();
    await Promise.all(children.map((child) => endServer(child)));
  }

  private async startClient(): Promise<void> {
    let command: string;
    let source: ResolvedServer['source'];
    try {
      const resolved = resolveServerPath({
        setting: readSettings().path,
        workspaceFolder: firstWorkspaceFolder(),
        bundled: path.join(this.serverDir, 'bin', SERVER_NAME),
      });
      command = resolved.path;
      source = resolved.source;
      const from = { setting: `${SECTION}.path`, PATH: 'PATH', bundled: 'the server bundled with the extension' };
      this.output.appendLine(`Starting ${command} (from ${from[resolved.source]})`);
    } catch (error) {
      if (!(error instanceof ServerNotFoundError)) {
        throw error;
      }
      this.output.appendLine(error.message);
      const openSettings = 'Open Settings';
      void vscode.window.showErrorMessage(error.message, openSettings).then((choice) => {
        if (choice === openSettings) {
          void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
        }
      });
      return;
    }

    // The bundled GLib must not load the host's GIO modules (built for the
    // host's GLib): its own module directory is empty.
    const env =
      source === 'bundled'
        ? { ...process.env, GIO_MODULE_DIR: path.join(this.serverDir, 'lib', 'gio-modules') }
        : undefined;
    // Spawned here, not by the client: see serverProcess.ts (EPIPE).
    const serverOptions: ServerOptions = async () => {
      const { child, streams } = await spawnServer(command, (text) => this.output.append(text), env);
      this.children.add(child);
      this.lastChild = child;
      child.once('exit', () => this.children.delete(child));
      return streams;
    };
    this.initialized = false;
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      // No retry and no raw error toast: startClient() reports the failure.
      initializationFailedHandler: () => false,
      errorHandler: {
        // A failed write or read: the close that follows decides.
        error: () => ({ action: ErrorAction.Continue, handled: true }),
        closed: () => this.serverClosed(command),
      },
      outputChannel: this.output,
      initializationOptions: () => serverSettings(),
      synchronize: { configurationSection: SECTION },
      middleware: {
        workspace: {
          // Push: the mapped object instead of the raw section.
          didChangeConfiguration: async () => {
            // Not to a server that is not running (its start failed).
            if (this.client === undefined || !this.client.isRunning()) {
              return;
            }
            await this.client.sendNotification(DidChangeConfigurationNotification.type, {
              settings: { [SECTION]: serverSettings() },
            });
          },
          // Pull: the same mapping for the server's workspace/configuration.
          configuration: async (params, token, next) => {
            const results = await next(params, token);
            if (results instanceof ResponseError) {
              return results;
            }
            return rewriteConfigurationResult(params.items, results, (scopeUri) =>
              serverSettings(scopeUri !== undefined ? vscode.Uri.parse(scopeUri) : undefined),
            );
          },
        },
      },
    };

    // The id makes vscode-languageclient read glossaryLs.trace.server.
    const client = new GlossaryClient(SECTION, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
      if (!client.isRunning()) {
        throw new Error(`the server stopped before it initialized (${this.exitStatus()})`);
      }
      this.initialized = true;
    } catch (error) {
      this.output.appendLine(`The server did not start: ${String(error)}`);
      void vscode.window.showErrorMessage(`glossary-ls did not start (${command}). See the "${CLIENT_NAME}" output.`);
    }
  }

  /** How the last server process ended, for messages. */
  private exitStatus(): string {
    const child = this.lastChild;
    if (child === undefined || (child.exitCode === null && child.signalCode === null)) {
      return 'still running';
    }
    return child.exitCode !== null ? `exit status ${child.exitCode}` : `signal ${child.signalCode}`;
  }

  /**
   * The server's output closed. Before it ever initialized, the start failed:
   * startClient() says so, nothing is restarted (the same binary would fail
   * again; a settings change or Glossary: Restart Server tries anew). After,
   * it is restarted with a message, unless it stopped MAX_CRASHES times
   * within CRASH_WINDOW_MS.
   */
  private serverClosed(command: string): CloseHandlerResult {
    if (!this.initialized) {
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const now = Date.now();
    this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
    this.crashes.push(now);
    if (this.crashes.length >= MAX_CRASHES) {
      const message = `glossary-ls (${command}) stopped ${MAX_CRASHES} times in 3 minutes and is not restarted. ` +
        'Glossary: Restart Server starts it again.';
      void vscode.window.showErrorMessage(message);
      return { action: CloseAction.DoNotRestart, message, handled: true };
    }
    const message = `glossary-ls (${command}) stopped unexpectedly; restarting it.`;
    void vscode.window.showWarningMessage(message);
    return { action: CloseAction.Restart, message, handled: true };
  }

  private termAtCursor(): string {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) {
      return '';
    }
    if (!editor.selection.isEmpty) {
      return editor.document.getText(editor.selection).trim();
    }
    const range = editor.document.getWordRangeAtPosition(editor.selection.active, TERM_AT_CURSOR);
    return range !== undefined ? editor.document.getText(range) : '';
  }

  private async lookUpTerm(term: string | undefined): Promise<void> {
    const client = this.client;
    if (client === undefined || !client.isRunning()) {
      void vscode.window.showWarningMessage('The glossary language server is not running (Glossary: Restart Server).');
      return;
    }

    type Item = vscode.QuickPickItem & { pick: TermPick };
    const quickPick = vscode.window.createQuickPick<Item>();
    quickPick.title = 'Look up a glossary term';
    quickPick.placeholder = 'A term, e.g. LoRA or rotary position embedding';
    quickPick.matchOnDescription = true;

    let source: vscode.CancellationTokenSource | undefined;
    let timer: NodeJS.Timeout | undefined;
    const query = async (text: string) => {
      source?.cancel();
      source = new vscode.CancellationTokenSource();
      const token = source.token;
      if (text.trim().length === 0) {
        quickPick.items = [];
        return;
      }
      quickPick.busy = true;
      try {
        // allTerms: every matching term (prefixes, typos), whatever
        // glossaryLs.workspaceSymbols says for the editor's symbol search.
        const params = { query: text, glossaryLs: { allTerms: true } };
        const symbols = await client.sendRequest(WorkspaceSymbolRequest.type, params, token);
        if (!token.isCancellationRequested) {
          // alwaysShow: the server matches fuzzily ("Lora", "rotary positon"),
          // which the quick pick's own filter would hide again.
          quickPick.items = symbolsToPicks(symbols as never).map((pick) => ({
            label: pick.label,
            description: pick.description,
            detail: pick.detail,
            alwaysShow: true,
            pick,
          }));
        }
      } catch (error) {
        if (!token.isCancellationRequested) {
          this.output.appendLine(`workspace/symbol failed: ${String(error)}`);
          quickPick.items = [];
        }
      } finally {
        if (!token.isCancellationRequested) {
          quickPick.busy = false;
        }
      }
    };

    const chosen = new Promise<TermPick | undefined>((resolve) => {
      quickPick.onDidChangeValue((text) => {
        clearTimeout(timer);
        timer = setTimeout(() => void query(text), LOOKUP_DEBOUNCE_MS);
      });
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems[0]?.pick);
        quickPick.hide();
      });
      quickPick.onDidHide(() => resolve(undefined));
    });
    quickPick.value = term ?? this.termAtCursor();
    quickPick.show();
    void query(quickPick.value);

    const pick = await chosen;
    clearTimeout(timer);
    source?.cancel();
    quickPick.dispose();
    if (pick !== undefined) {
      await this.showDefinition(pick);
    }
  }

  /** Peeks at the entry from the current editor, or opens the glossary file. */
  private async showDefinition(pick: TermPick): Promise<void> {
    const uri = vscode.Uri.parse(pick.uri);
    const position = new vscode.Position(pick.line, pick.character);
    const editor = vscode.window.activeTextEditor;
    if (editor !== undefined) {
      await vscode.commands.executeCommand(
        'editor.action.peekLocations',
        editor.document.uri,
        editor.selection.active,
        [new vscode.Location(uri, position)],
        'peek',
      );
      return;
    }
    await vscode.window.showTextDocument(uri, {
      selection: new vscode.Range(position, position),
      preview: true,
    });
  }
}

let extension: GlossaryExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = new GlossaryExtension();
  context.subscriptions.push(extension);
  await extension.restart();
}

export async function deactivate(): Promise<void> {
  const current = extension;
  extension = undefined;
  await current?.stop();
}
