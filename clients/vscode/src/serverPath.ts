/**
 * Finding the glossary-ls binary: the glossaryLs.path setting first, then
 * PATH, then the binary bundled in a platform package (server/bin, made by
 * scripts/package-vsix), else an error whose message tells the user what to do.
 * PATH comes before the bundled binary so an installed (e.g. newer, or
 * self-built) server is used when there is one.
 *
 * A set path is never silently replaced by one from PATH: a typo in the
 * setting must be reported, not papered over with a different binary.
 * Plain node (no VS Code import) so the rules are unit-tested directly; the
 * file system check is injectable for the same reason.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SERVER_NAME = 'glossary-ls';

export interface PathContext {
  /** The first workspace folder's file system path, if any. */
  workspaceFolder?: string;
  /** The user's home directory (default: os.homedir()). */
  homeDir?: string;
}

export interface ResolveOptions extends PathContext {
  /** glossaryLs.path as written by the user; '' or undefined: not set. */
  setting?: string;
  /** The PATH to search (default: process.env.PATH). */
  envPath?: string;
  /** Windows executable suffixes (default: process.env.PATHEXT). */
  pathExt?: string;
  platform?: NodeJS.Platform;
  /** TRUE if file is an executable regular file (default: checks the disk). */
  isExecutable?: (file: string, platform: NodeJS.Platform) => boolean;
  /** The binary a platform package bundles (used when present and executable). */
  bundled?: string;
}

export interface ResolvedServer {
  path: string;
  /** Where it came from, for the log line written at start. */
  source: 'setting' | 'PATH' | 'bundled';
}

export class ServerNotFoundError extends Error {
  /** TRUE when the setting named a missing file (the fix is in the settings). */
  readonly fromSetting: boolean;

  constructor(message: string, fromSetting: boolean) {
    super(message);
    this.name = 'ServerNotFoundError';
    this.fromSetting = fromSetting;
  }
}

export function defaultIsExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    // Windows has no execute bit: the suffix (PATHEXT) decides there.
    if (platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Expands the variables users write in VS Code settings: a leading `~`,
 * `${userHome}` and `${workspaceFolder}`. Anything else is kept as written.
 * `${workspaceFolder}` without an open folder stays unexpanded, so the
 * caller's error message shows what the user wrote.
 */
export function expandVariables(value: string, context: PathContext): string {
  const home = context.homeDir ?? os.homedir();
  let result = value.replace(/\$\{userHome\}/g, home);
  if (context.workspaceFolder !== undefined) {
    result = result.replace(/\$\{workspaceFolder\}/g, context.workspaceFolder);
  }
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = home + result.slice(1);
  }
  return result;
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function candidates(base: string, platform: NodeJS.Platform, pathExt: string | undefined): string[] {
  if (platform !== 'win32') {
    return [base];
  }
  const suffixes = (pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((s) => s.length > 0);
  const hasSuffix = suffixes.some((s) => base.toLowerCase().endsWith(s.toLowerCase()));
  return hasSuffix ? [base] : suffixes.map((s) => base + s.toLowerCase());
}

/** The first directory of PATH holding an executable `name`, or undefined. */
export function searchPath(name: string, options: ResolveOptions = {}): string | undefined {
  const platform = options.platform ?? process.platform;
  const api = pathApi(platform);
  const isExecutable = options.isExecutable ?? defaultIsExecutable;
  const envPath = options.envPath ?? process.env.PATH ?? '';
  for (const dir of envPath.split(api.delimiter)) {
    // An empty PATH entry means the current directory: never run a binary
    // from wherever the editor happened to start.
    if (dir.length === 0) {
      continue;
    }
    for (const file of candidates(api.join(dir, name), platform, options.pathExt ?? process.env.PATHEXT)) {
      if (isExecutable(file, platform)) {
        return file;
      }
    }
  }
  return undefined;
}

/** Throws ServerNotFoundError with a message meant for the user. */
export function resolveServerPath(options: ResolveOptions = {}): ResolvedServer {
  const platform = options.platform ?? process.platform;
  const api = pathApi(platform);
  const isExecutable = options.isExecutable ?? defaultIsExecutable;
  const setting = (options.setting ?? '').trim();

  if (setting.length > 0) {
    const expanded = expandVariables(setting, options);
    // A bare name ("glossary-ls-dev") is a command to look up on PATH,
    // as a shell would.
    if (!expanded.includes('/') && !(platform === 'win32' && expanded.includes('\\'))) {
      const found = searchPath(expanded, options);
      if (found !== undefined) {
        return { path: found, source: 'setting' };
      }
      throw new ServerNotFoundError(
        `glossaryLs.path is "${setting}", but no executable of that name is on PATH. ` +
          'Set it to the full path of the glossary-ls binary.',
        true,
      );
    }
    const absolute = api.isAbsolute(expanded)
      ? expanded
      : options.workspaceFolder !== undefined
        ? api.resolve(options.workspaceFolder, expanded)
        : expanded;
    for (const file of candidates(absolute, platform, options.pathExt ?? process.env.PATHEXT)) {
      if (isExecutable(file, platform)) {
        return { path: file, source: 'setting' };
      }
    }
    throw new ServerNotFoundError(
      `glossaryLs.path is "${setting}", but there is no executable file at ${absolute}. ` +
        'Fix the setting, or clear it to use glossary-ls from PATH.',
      true,
    );
  }

  const found = searchPath(SERVER_NAME, options);
  if (found !== undefined) {
    return { path: found, source: 'PATH' };
  }
  if (options.bundled !== undefined) {
    for (const file of candidates(options.bundled, platform, options.pathExt ?? process.env.PATHEXT)) {
      if (isExecutable(file, platform)) {
        return { path: file, source: 'bundled' };
      }
    }
  }
  throw new ServerNotFoundError(
    'The glossary-ls language server was not found on PATH, and this build of the extension ' +
      'bundles none (the linux-x64 package does). Install glossary-ls (the .deb, or meson ' +
      'install, which puts it in /usr/local/bin), or set glossaryLs.path to the binary.',
    false,
  );
}
