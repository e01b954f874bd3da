/**
 * The VS Code language ids whose documents go to glossary-ls: Markdown, the
 * code languages whose comments the server reads (lsp/text/prose_code.c maps
 * the same ids), and the glossary format itself. package.json's
 * activationEvents list the same ids; a test keeps the two in step.
 *
 * No VS Code import here, so the tests can load this module under plain node.
 */

export const GLOSSARY_LANGUAGE = 'glossary';

export const LANGUAGES: readonly string[] = [
  'markdown',
  'c',
  'cpp',
  'python',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'rust',
  'go',
  'shellscript',
  'lua',
  'java',
  GLOSSARY_LANGUAGE,
];

export interface DocumentFilter {
  scheme: string;
  language: string;
}

/**
 * Saved files and untitled buffers of every language above. Other schemes
 * (git:, vscode-notebook-cell:, remote file systems) are left out: the
 * server resolves project files and relative glossary paths on disk.
 */
export function documentSelector(): DocumentFilter[] {
  return LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}
