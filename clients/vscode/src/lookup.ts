/**
 * "Glossary: Look Up Term": turning workspace/symbol results into quick pick
 * entries. The server answers with one symbol per glossary entry (name: the
 * term, containerName: its entry's title, location: the entry in its glossary
 * file). Plain node, unit-tested; the VS Code side is in extension.ts.
 */

export interface SymbolLike {
  name: string;
  containerName?: string;
  location: { uri: string; range?: { start: { line: number; character: number } } };
}

export interface TermPick {
  label: string;
  description: string;
  detail: string;
  uri: string;
  line: number;
  character: number;
}

function fileName(uri: string): string {
  let pathPart = uri;
  try {
    pathPart = decodeURIComponent(new URL(uri).pathname);
  } catch {
    // Not a URL: show it as it came.
  }
  const slash = pathPart.lastIndexOf('/');
  return slash >= 0 ? pathPart.slice(slash + 1) : pathPart;
}

/**
 * One pick per symbol, in the server's order (it ranks them). Symbols
 * without a location (WorkspaceSymbol with only a uri) open at line 0.
 */
export function symbolsToPicks(symbols: readonly SymbolLike[] | null | undefined): TermPick[] {
  if (!symbols) {
    return [];
  }
  return symbols
    .filter((s) => typeof s?.name === 'string' && typeof s?.location?.uri === 'string')
    .map((s) => {
      const start = s.location.range?.start ?? { line: 0, character: 0 };
      return {
        label: s.name,
        description: s.containerName ?? '',
        detail: `${fileName(s.location.uri)}:${start.line + 1}`,
        uri: s.location.uri,
        line: start.line,
        character: start.character,
      };
    });
}
