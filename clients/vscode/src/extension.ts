/**
 * The VS Code side of glossary-ls: starts the server over stdio for the
 * languages in languages.ts, keeps its settings in sync, and adds two
 * commands (restart, look up a term). Everything that can be decided
 * without VS Code lives in the plain modules next to this one.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
  TransportKind,
  WorkspaceSymbolRequest,
} from 'vscode-languageclient/node';

import { documentSelector } from './languages';
import { symbolsToPicks, TermPick } from './lookup';
import { ResolvedServer, resolveServerPath, SERVER_NAME, ServerNotFoundError } from './serverPath';
import {
  ExtensionSettings,
  parseSettings,
  rewriteConfigurationResult,
  SECTION,
  ServerSettings,
  toServerSettings,
} from './settings';

const CLIENT_NAME = 'Glossary LS';
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
  return parseSettings({
    path: config.get('path'),
    glossaries: config.get('glossaries'),
    defaultGlossary: inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue,
    rules: config.get('rules'),
    ignoreWords: config.get('ignoreWords'),
  });
}

function serverSettings(scope?: vscode.Uri): ServerSettings {
  return toServerSettings(readSettings(scope), { workspaceFolder: firstWorkspaceFolder() });
}

class GlossaryExtension implements vscode.Disposable {
  private client: LanguageClient | undefined;
  // server/ of a platform package (scripts/package-vsix), beside dist/ where
  // this file is bundled; absent from the plain package.
  private readonly serverDir = path.join(__dirname, '..', 'server');
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
    if (client !== undefined) {
      try {
        // dispose() stops the server (shutdown + exit) and releases the client.
        await client.dispose();
      } catch (error) {
        this.output.appendLine(`Stopping the server failed: ${String(error)}`);
      }
    }
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
    const options =
      source === 'bundled'
        ? { env: { ...process.env, GIO_MODULE_DIR: path.join(this.serverDir, 'lib', 'gio-modules') } }
        : undefined;
    const serverOptions: ServerOptions = { command, transport: TransportKind.stdio, options };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      outputChannel: this.output,
      initializationOptions: () => serverSettings(),
      synchronize: { configurationSection: SECTION },
      middleware: {
        workspace: {
          // Push: the mapped object instead of the raw section.
          didChangeConfiguration: async () => {
            await this.client?.sendNotification(DidChangeConfigurationNotification.type, {
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
    const client = new LanguageClient(SECTION, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.output.appendLine(`The server did not start: ${String(error)}`);
      void vscode.window.showErrorMessage(`glossary-ls did not start (${command}). See the "${CLIENT_NAME}" output.`);
    }
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
        const symbols = await client.sendRequest(WorkspaceSymbolRequest.type, { query: text }, token);
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
