// fake-vscode.mjs — a stand-in for the `vscode` module, enough of it for the
// bundled extension (dist/extension.js) and vscode-languageclient to start
// the real server and serve requests, since VS Code itself cannot run here.
//
// Classes carry the fields the language client reads and writes; namespaces
// record what the extension registers (commands, providers, diagnostics,
// documents shown). Anything not modelled is a no-op returning a Disposable,
// so a newer client touching more API degrades to "not recorded" rather than
// a crash; the tests assert on what is recorded.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

const disposable = () => ({ dispose() {} });

export class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.fn?.();
    this.fn = undefined;
  }
}

export class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const bound = listener.bind(thisArg);
      this.listeners.add(bound);
      return new Disposable(() => this.listeners.delete(bound));
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

export class Uri {
  constructor(scheme, path, query = '', fragment = '') {
    this.scheme = scheme;
    this.path = path;
    this.query = query;
    this.fragment = fragment;
    this.authority = '';
  }
  static parse(value) {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ''), decodeURIComponent(url.pathname), url.search.slice(1), url.hash.slice(1));
  }
  static file(path) {
    return new Uri('file', path);
  }
  get fsPath() {
    return this.scheme === 'file' ? this.path : '';
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    if (this.scheme === 'file') {
      return pathToFileURL(this.path).href + (this.fragment ? `#${this.fragment}` : '');
    }
    return `${this.scheme}:${this.path}`;
  }
  toJSON() {
    return this.toString();
  }
}

export class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

export class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') {
      this.start = new Position(a, b);
      this.end = new Position(c, d);
    } else {
      this.start = a;
      this.end = b;
    }
  }
  get isEmpty() {
    return this.start.line === this.end.line && this.start.character === this.end.character;
  }
}

export class Selection extends Range {}

export class Location {
  constructor(uri, rangeOrPosition) {
    this.uri = uri;
    this.range = rangeOrPosition instanceof Position ? new Range(rangeOrPosition, rangeOrPosition) : rangeOrPosition;
  }
}

export class MarkdownString {
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(text) {
    this.value += text;
    return this;
  }
  appendText(text) {
    this.value += text;
    return this;
  }
  appendCodeblock(code, language = '') {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export class Hover {
  constructor(contents, range) {
    this.contents = Array.isArray(contents) ? contents : [contents];
    this.range = range;
  }
}

export class Diagnostic {
  constructor(range, message, severity = 0) {
    this.range = range;
    this.message = message;
    this.severity = severity;
  }
}

export class CompletionItem {
  constructor(label, kind) {
    this.label = label;
    this.kind = kind;
  }
}

export class CompletionList {
  constructor(items = [], isIncomplete = false) {
    this.items = items;
    this.isIncomplete = isIncomplete;
  }
}

export class TextEdit {
  constructor(range, newText) {
    this.range = range;
    this.newText = newText;
  }
  static replace(range, newText) {
    return new TextEdit(range, newText);
  }
}

export class SnippetString {
  constructor(value = '') {
    this.value = value;
  }
}

export class WorkspaceEdit {
  constructor() {
    this.edits = [];
  }
  replace(uri, range, newText) {
    this.edits.push({ uri, range, newText });
  }
  set(uri, edits) {
    for (const e of edits) this.edits.push({ uri, ...e });
  }
}

export class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other) {
    return other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other) {
    return this.contains(other) || other.contains(this);
  }
}
CodeActionKind.Empty = new CodeActionKind('');
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.Refactor = new CodeActionKind('refactor');
CodeActionKind.Source = new CodeActionKind('source');
CodeActionKind.SourceOrganizeImports = new CodeActionKind('source.organizeImports');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');

export class CodeAction {
  constructor(title, kind) {
    this.title = title;
    this.kind = kind;
  }
}

export class SymbolInformation {
  constructor(name, kind, containerName, location) {
    this.name = name;
    this.kind = kind;
    this.containerName = containerName;
    this.location = location;
  }
}

export class CancellationError extends Error {}

export class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this.emitter = emitter;
  }
  cancel() {
    if (!this.token.isCancellationRequested) {
      this.token.isCancellationRequested = true;
      this.emitter.fire(undefined);
    }
  }
  dispose() {}
}

// Numeric enums the client only passes around.
function numericEnum(values) {
  return new Proxy(values, { get: (t, k) => (k in t ? t[k] : 0) });
}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3, 0: 'Error', 1: 'Warning', 2: 'Information', 3: 'Hint' };

// A text document of the fake workspace.
export function textDocument(path, languageId) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  return {
    uri: Uri.file(path),
    fileName: path,
    languageId,
    version: 1,
    isClosed: false,
    isDirty: false,
    isUntitled: false,
    eol: 1,
    lineCount: lines.length,
    getText: () => text,
    lineAt: (line) => ({ text: lines[typeof line === 'number' ? line : line.line] }),
  };
}

function matchFilter(filter, document) {
  if (typeof filter === 'string') return filter === document.languageId || filter === '*';
  if (filter.language && filter.language !== document.languageId && filter.language !== '*') return false;
  if (filter.scheme && filter.scheme !== document.uri.scheme && filter.scheme !== '*') return false;
  if (filter.notebookType) return false;
  return true;
}

/**
 * settings: flat map 'glossaryLs.rules' -> value (user values only).
 * Returns { vscode, record, openDocument, fireConfigurationChange }.
 */
export function createVscode({ settings = {}, workspaceFolder } = {}) {
  const record = {
    commands: new Map(),
    providers: new Map(),
    diagnostics: new Map(),
    errors: [],
    output: [],
    shown: [],
    quickPicks: [],
  };
  const events = {};
  const emitter = (name) => (events[name] ??= new EventEmitter());
  const documents = [];

  const configuration = (section) => {
    const prefix = section ? `${section}.` : '';
    const lookup = (key) => {
      const full = prefix + key;
      if (full in settings) return settings[full];
      // A whole section, e.g. get('glossaryLs') on the root configuration.
      const nested = Object.entries(settings).filter(([k]) => k.startsWith(`${full}.`));
      if (nested.length === 0) return undefined;
      const object = {};
      for (const [k, v] of nested) {
        const parts = k.slice(full.length + 1).split('.');
        let target = object;
        for (const p of parts.slice(0, -1)) target = target[p] ??= {};
        target[parts.at(-1)] = v;
      }
      return object;
    };
    return {
      get: (key, fallback) => lookup(key) ?? fallback,
      has: (key) => lookup(key) !== undefined,
      inspect: (key) => ({ key: prefix + key, globalValue: lookup(key) }),
      update: () => Promise.resolve(),
    };
  };

  const workspace = {
    workspaceFolders: workspaceFolder ? [{ uri: Uri.file(workspaceFolder), name: 'ws', index: 0 }] : undefined,
    get textDocuments() {
      return documents;
    },
    getConfiguration: configuration,
    getWorkspaceFolder: () => workspace.workspaceFolders?.[0],
    createFileSystemWatcher: () => ({
      onDidCreate: emitter('fsCreate').event,
      onDidChange: emitter('fsChange').event,
      onDidDelete: emitter('fsDelete').event,
      dispose() {},
    }),
    applyEdit: () => Promise.resolve(true),
    openTextDocument: (uri) => Promise.resolve(textDocument(uri.fsPath ?? uri, 'plaintext')),
  };
  const window = {
    activeTextEditor: undefined,
    visibleTextEditors: [],
    tabGroups: { all: [], onDidChangeTabs: emitter('tabs').event, onDidChangeTabGroups: emitter('tabGroups').event },
    createOutputChannel: (name) => ({
      name,
      append: (t) => record.output.push(t),
      appendLine: (t) => record.output.push(`${t}\n`),
      replace() {},
      clear() {},
      show() {},
      hide() {},
      dispose() {},
    }),
    showErrorMessage: (message, ...items) => {
      record.errors.push(message);
      return Promise.resolve(undefined);
    },
    showWarningMessage: (message) => {
      record.errors.push(message);
      return Promise.resolve(undefined);
    },
    showInformationMessage: () => Promise.resolve(undefined),
    showTextDocument: (uri, options) => {
      record.shown.push({ uri, options });
      return Promise.resolve({});
    },
    withProgress: (_options, task) => task({ report() {} }, new CancellationTokenSource().token),
    createQuickPick: () => {
      const changeValue = new EventEmitter();
      const accept = new EventEmitter();
      const hide = new EventEmitter();
      const pick = {
        items: [],
        selectedItems: [],
        busy: false,
        value: '',
        onDidChangeValue: changeValue.event,
        onDidAccept: accept.event,
        onDidHide: hide.event,
        show() {},
        hide: () => hide.fire(undefined),
        dispose() {},
        // Test controls: type, pick the first item.
        type: (text) => {
          pick.value = text;
          changeValue.fire(text);
        },
        acceptFirst: () => {
          pick.selectedItems = [pick.items[0]];
          accept.fire(undefined);
        },
      };
      record.quickPicks.push(pick);
      return pick;
    },
  };
  const languages = {
    match: (selector, document) =>
      (Array.isArray(selector) ? selector : [selector]).some((f) => matchFilter(f, document)) ? 10 : 0,
    createDiagnosticCollection: (name) => ({
      name,
      set: (uri, diagnostics) => {
        if (Array.isArray(uri)) {
          for (const [u, d] of uri) record.diagnostics.set(u.toString(), d ?? []);
        } else {
          record.diagnostics.set(uri.toString(), diagnostics ?? []);
        }
      },
      delete: (uri) => record.diagnostics.delete(uri.toString()),
      clear: () => record.diagnostics.clear(),
      get: (uri) => record.diagnostics.get(uri.toString()),
      forEach() {},
      dispose() {},
    }),
  };
  const commands = {
    registerCommand: (id, fn) => {
      record.commands.set(id, fn);
      return new Disposable(() => record.commands.delete(id));
    },
    executeCommand: (id, ...args) => Promise.resolve(record.commands.get(id)?.(...args)),
  };

  // Unmodelled members: onDid*/onWill* are events, register* record the
  // provider, anything else is a no-op.
  const namespace = (impl) =>
    new Proxy(impl, {
      get(target, key) {
        if (key in target) return target[key];
        if (typeof key !== 'string') return undefined;
        if (/^on(Did|Will)/.test(key)) return emitter(key).event;
        if (key.startsWith('register')) {
          return (...args) => {
            record.providers.set(key, args.find((a) => a && typeof a === 'object' && !Array.isArray(a) && !('language' in a) && !('scheme' in a)) ?? args[1]);
            return disposable();
          };
        }
        return () => disposable();
      },
    });

  const api = {
    version: '1.82.0',
    env: { appName: 'Visual Studio Code (fake)', language: 'en', machineId: 'test', sessionId: 'test', uriScheme: 'vscode', openExternal: () => Promise.resolve(true) },
    workspace: namespace(workspace),
    window: namespace(window),
    languages: namespace(languages),
    commands: namespace(commands),
    Disposable,
    EventEmitter,
    Uri,
    Position,
    Range,
    Selection,
    Location,
    MarkdownString,
    Hover,
    Diagnostic,
    DiagnosticSeverity,
    CompletionItem,
    CompletionList,
    TextEdit,
    SnippetString,
    WorkspaceEdit,
    CodeAction,
    CodeActionKind,
    SymbolInformation,
    CancellationError,
    CancellationTokenSource,
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  };
  const vscode = new Proxy(api, {
    get(target, key) {
      if (key in target) return target[key];
      if (typeof key !== 'string') return undefined;
      // Other classes: keep the constructor arguments; enums: numbers.
      if (/^[A-Z]/.test(key)) {
        return /Kind$|Tag$|Reason$|Type$|Severity$/.test(key)
          ? numericEnum({})
          : class {
              constructor(...args) {
                this.args = args;
              }
            };
      }
      return undefined;
    },
  });

  return {
    vscode,
    record,
    // Mutable: change a value, then fireConfigurationChange.
    settings,
    openDocument(path, languageId) {
      const document = textDocument(path, languageId);
      documents.push(document);
      emitter('onDidOpenTextDocument').fire(document);
      return document;
    },
    fireConfigurationChange(section) {
      emitter('onDidChangeConfiguration').fire({ affectsConfiguration: (s) => s === section || s.startsWith(`${section}.`) || section.startsWith(`${s}.`) });
    },
  };
}

export function pathOf(uri) {
  return uri instanceof Uri ? uri.fsPath : fileURLToPath(String(uri));
}
