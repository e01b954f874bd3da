// textmate.mjs — loads syntaxes/glossary.tmLanguage.json with the engine VS
// Code uses (vscode-textmate + vscode-oniguruma) and tokenizes text. The
// grammars it embeds (Markdown, Python, ...) come from tm-grammars, which
// packages VS Code's own grammars; a scope nobody provides resolves to
// nothing, as in an editor without that grammar.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

export const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const grammarPath = join(extensionDir, 'syntaxes', 'glossary.tmLanguage.json');

let onigLib;
function loadOniguruma() {
  if (!onigLib) {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
    onigLib = oniguruma.loadWASM(wasm).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }));
  }
  return onigLib;
}

const EMBEDDED = {
  'text.html.markdown': 'markdown.json',
  'source.python': 'python.json',
  'source.c': 'c.json',
  'source.shell': 'shellscript.json',
};

// A registry that knows the glossary grammar and, when withEmbedded, the
// grammars it includes.
export async function loadGlossaryGrammar({ withEmbedded = true } = {}) {
  const registry = new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.glossary') {
        return vsctm.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath);
      }
      if (withEmbedded && EMBEDDED[scopeName]) {
        const file = require.resolve(`tm-grammars/grammars/${EMBEDDED[scopeName]}`);
        return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
      }
      return null;
    },
  });
  const grammar = await registry.loadGrammar('source.glossary');
  if (!grammar) throw new Error('the glossary grammar did not load');
  return grammar;
}

// Tokenizes text line by line: [{line, text, scopes}] for every token.
export function tokenize(grammar, text) {
  const tokens = [];
  let state = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state, 0);
    if (result.stoppedEarly) throw new Error(`tokenizing line ${line} took too long`);
    for (const t of result.tokens) {
      tokens.push({ line, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

// The scopes of the first token on `line` whose text is `text`.
export function scopesOf(tokens, line, text) {
  const token = tokens.find((t) => t.line === line && t.text === text);
  if (!token) {
    const onLine = tokens.filter((t) => t.line === line).map((t) => JSON.stringify(t.text));
    throw new Error(`no token ${JSON.stringify(text)} on line ${line}; tokens: ${onLine.join(' ')}`);
  }
  return token.scopes;
}
