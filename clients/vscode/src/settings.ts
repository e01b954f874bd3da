/**
 * VS Code settings (section "glossaryLs") to the configuration object the
 * server reads (lsp/analysis/config.h): sent as initializationOptions, with
 * workspace/didChangeConfiguration and in answers to workspace/configuration.
 *
 * Only rule settings cross over: glossaryLs.path and glossaryLs.trace.* are
 * the client's business, and the server warns about keys it does not know.
 * Editor settings sit above the project file (.glossary-ls.json) in the
 * server's precedence, so a value the user never set must not be sent:
 * `rules` carries only the rules the user configured, and `defaultGlossary`
 * and `workspaceSymbols` are sent only when set explicitly. Lists (glossaries, ignoreWords) are
 * unions on the server side, so sending them always is harmless.
 *
 * Plain node: no VS Code import, so the mapping is unit-tested directly.
 */
import { expandVariables, PathContext } from './serverPath';

export const SECTION = 'glossaryLs';

/** The rule ids of lsp/analysis/rule_info.h. */
export const RULE_IDS: readonly string[] = ['term-case', 'misspelled-term', 'preferred-term'];

/** Severity names the server accepts (config.h), in the order shown to users. */
export const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface ExtensionSettings {
  path: string;
  glossaries: string[];
  /** undefined: not set by the user (the project file or the server decides). */
  defaultGlossary?: boolean;
  rules: Record<string, string | boolean>;
  ignoreWords: string[];
  /** undefined: not set by the user. */
  workspaceSymbols?: boolean;
}

export interface ServerSettings {
  glossaries: string[];
  defaultGlossary?: boolean;
  workspaceSymbols?: boolean;
  rules: Record<string, string | boolean>;
  ignoreWords: string[];
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((v): v is string => typeof v === 'string' && v.trim().length > 0).map((v) => v.trim());
}

/**
 * Normalizes raw setting values (as read from the configuration, each key
 * possibly missing or of a wrong type after a hand edit of settings.json).
 * Wrong types fall back to "not set" rather than failing the whole start.
 */
export function parseSettings(raw: Record<string, unknown>): ExtensionSettings {
  const rules: Record<string, string | boolean> = {};
  const rawRules = raw.rules;
  if (rawRules !== null && typeof rawRules === 'object' && !Array.isArray(rawRules)) {
    for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
      // Unknown rule ids and severity names are passed on: the server
      // reports them (it knows its own rules better than this list).
      if (typeof value === 'string' || typeof value === 'boolean') {
        rules[id] = value;
      }
    }
  }
  return {
    path: typeof raw.path === 'string' ? raw.path : '',
    glossaries: stringList(raw.glossaries),
    defaultGlossary: typeof raw.defaultGlossary === 'boolean' ? raw.defaultGlossary : undefined,
    rules,
    ignoreWords: stringList(raw.ignoreWords),
    workspaceSymbols: typeof raw.workspaceSymbols === 'boolean' ? raw.workspaceSymbols : undefined,
  };
}

/**
 * The server's configuration object. Glossary paths get `~`, `${userHome}`
 * and `${workspaceFolder}` expanded; relative paths stay relative (the
 * server resolves them against the first workspace folder).
 */
export function toServerSettings(settings: ExtensionSettings, context: PathContext = {}): ServerSettings {
  const result: ServerSettings = {
    glossaries: settings.glossaries.map((p) => expandVariables(p, context)),
    rules: { ...settings.rules },
    ignoreWords: [...settings.ignoreWords],
  };
  if (settings.defaultGlossary !== undefined) {
    result.defaultGlossary = settings.defaultGlossary;
  }
  if (settings.workspaceSymbols !== undefined) {
    result.workspaceSymbols = settings.workspaceSymbols;
  }
  return result;
}

export interface ConfigurationItem {
  scopeUri?: string | null;
  section?: string | null;
}

/**
 * Rewrites the client's answer to a workspace/configuration request: each
 * item asking for the "glossaryLs" section gets compute(scopeUri) instead of
 * VS Code's raw section (which includes client-only keys and every default).
 * Other items keep their answer.
 */
export function rewriteConfigurationResult(
  items: readonly ConfigurationItem[],
  results: readonly unknown[],
  compute: (scopeUri: string | undefined) => ServerSettings,
): unknown[] {
  return items.map((item, i) =>
    item.section === SECTION ? compute(item.scopeUri ?? undefined) : results[i] ?? null,
  );
}
