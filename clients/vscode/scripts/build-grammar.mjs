#!/usr/bin/env node
// build-grammar.mjs — writes syntaxes/glossary.tmLanguage.json, the TextMate
// grammar of the glossary format, from the rules below. TextMate JSON has no
// variables, and the header test appears in several rules, so it is written
// once here. `--check` exits 1 when the committed JSON is not what this
// script writes (the test suite runs it: the two never drift).
//
// The rules follow grammar/README.md and grammar/src/scanner.c (the tree-
// sitter grammar the server parses glossaries with). TextMate sees one line
// at a time, so two rules that look at the next line are approximated:
//   - a header without a comma (`longformer` followed by `**Longformer**`)
//     is not recognised: its line is body text here;
//   - inside an open code fence a header does not cut the block short (code
//     lines like `f(a, b)` look the same); inside a math block, where LaTeX
//     almost never has a header's shape, a header line with a comma does
//     (exports truncate `$$` blocks right before the next entry).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'syntaxes', 'glossary.tmLanguage.json');

// Header rules 1-2 plus "contains a comma", as one zero-width test at a line
// start: starts with a lowercase ASCII letter or digit; only letters (L, M),
// digits, spaces and , - ' / & + . ( ); not an ordered-list item; the
// headword has a letter; no empty item; does not end in . : ! ? ,
const HEADER_CHAR = "[\\p{L}\\p{M}0-9 ,\\-'/&+.()]";
const HEADER =
  '(?=[a-z0-9])' +
  '(?![0-9]+[.)] )' +
  `(?=${HEADER_CHAR}*$)` +
  '(?=[^,]*[\\p{L}\\p{M}])' +
  '(?=[^,]*,)' +
  '(?!.*, *,)' +
  '(?!.*[.:!?,] *$)';

const ITEM = '[^,]+?';
const SEP = '( *, *)';
// The category is the last item of a two-item header, or of a header of three
// or more items whose first two are equal ignoring case (`rife, rife, ai`).
const HEADER_LINE =
  `^(?=${HEADER})(?:` +
  // 1 headword, 2 sep, 3 repeated headword, 4 more items, 5 sep, 6 category
  `(${ITEM})${SEP}((?i:\\1))((?: *, *${ITEM})*?)${SEP}(${ITEM}) *$` +
  // 7 headword, 8 sep, 9 category
  `|(${ITEM})${SEP}(${ITEM}) *$` +
  // 10 headword, 11 the other items (all terms)
  `|(${ITEM})((?: *, *${ITEM})+) *$` +
  ')';

const headword = { name: 'entity.name.section.headword.glossary' };
const term = { name: 'entity.name.type.term.glossary' };
const category = { name: 'entity.name.tag.category.glossary' };
// Captures retokenized with patterns do not inherit capture 0's scope in
// vscode-textmate, so they name the header scope themselves.
const HEADER_SCOPE = 'markup.heading.header.glossary';
const separator = { name: HEADER_SCOPE, patterns: [{ include: '#comma' }] };
const termList = { name: HEADER_SCOPE, patterns: [{ include: '#comma' }, { include: '#term' }] };

// Fenced code whose info string names a language gets that language's
// grammar (scope names as VS Code's built-in grammars spell them).
const LANGUAGES = [
  ['python', 'python|py|py3|python3', 'source.python'],
  ['c', 'c|h', 'source.c'],
  ['cpp', 'cpp|c\\+\\+|cc|cxx|hpp|cuda|cu', 'source.cpp'],
  ['javascript', 'javascript|js|jsx|mjs|cjs|node', 'source.js'],
  ['typescriptreact', 'tsx', 'source.tsx'],
  ['typescript', 'typescript|ts', 'source.ts'],
  ['rust', 'rust|rs', 'source.rust'],
  ['go', 'go|golang', 'source.go'],
  ['shellscript', 'bash|sh|shell|zsh|console|shellscript', 'source.shell'],
  ['lua', 'lua', 'source.lua'],
  ['java', 'java', 'source.java'],
  ['json', 'json|jsonc', 'source.json'],
  ['yaml', 'yaml|yml', 'source.yaml'],
  ['sql', 'sql', 'source.sql'],
  ['markdown', 'markdown|md', 'text.html.markdown'],
];

// A backtick fence's info string holds no backtick (else it is inline code).
const FENCES = [
  { key: 'backtick', run: '`{3,}', more: '`*', info: '[^`]*' },
  { key: 'tilde', run: '~{3,}', more: '~*', info: '.*' },
];

function fenceRule(fence, language) {
  const infoWord = language ? `(?i:(${language[1]}))(?=\\s|$|[,:?{])` : `([^\\s\`]*)`;
  const content = {
    // Starts right after the opening line (\G) and runs while lines are not
    // fence lines, so an embedded grammar can never run past the block.
    begin: '(^|\\G)(\\s*)(.*)',
    while: '(^|\\G)(?! {0,3}(?:`{3,}|~{3,}))',
    contentName: language ? `meta.embedded.block.${language[0]}` : 'markup.raw.block.glossary',
    patterns: language ? [{ include: language[2] }] : [],
  };
  return {
    name: 'markup.fenced_code.block.glossary',
    begin: `^( {0,3})(${fence.run})[ \\t]*${infoWord}(${fence.info})$`,
    beginCaptures: {
      2: { name: 'punctuation.definition.fenced.begin.glossary' },
      3: { name: 'fenced_code.block.language.glossary' },
      4: { name: 'fenced_code.block.language.attributes.glossary' },
    },
    end: `^ {0,3}(\\2${fence.more})[ \\t]*$`,
    endCaptures: { 1: { name: 'punctuation.definition.fenced.end.glossary' } },
    // A fence line with an info string inside a block opens a nested block.
    patterns: [{ include: `#nested-${fence.key}` }, content],
  };
}

function nestedRule(fence) {
  return {
    name: 'markup.fenced_code.block.glossary',
    begin: `^( {0,3})(${fence.run})[ \\t]*(\\S${fence.info})$`,
    beginCaptures: {
      2: { name: 'punctuation.definition.fenced.begin.glossary' },
      3: { name: 'fenced_code.block.language.glossary' },
    },
    end: `^ {0,3}(\\2${fence.more})[ \\t]*$`,
    endCaptures: { 1: { name: 'punctuation.definition.fenced.end.glossary' } },
    patterns: [
      { include: `#nested-${fence.key}` },
      { begin: '(^|\\G)(\\s*)(.*)', while: '(^|\\G)(?! {0,3}(?:`{3,}|~{3,}))', contentName: 'markup.raw.block.glossary' },
    ],
  };
}

const repository = {
  preamble: {
    // Only a file whose first line starts with "←" has a preamble (site
    // chrome of a page export); it runs up to the first header.
    name: 'meta.preamble.glossary',
    begin: '\\A(?=←)',
    end: `^(?=${HEADER})`,
    patterns: [{ match: '\\S.*$', name: 'comment.line.preamble.glossary' }],
  },
  entry: {
    name: 'meta.entry.glossary',
    begin: HEADER_LINE,
    beginCaptures: {
      0: { name: HEADER_SCOPE },
      1: headword, 2: separator, 3: term, 4: termList, 5: separator, 6: category,
      7: headword, 8: separator, 9: category,
      10: headword, 11: termList,
    },
    end: `^(?=${HEADER})`,
    contentName: 'meta.body.glossary',
    patterns: [{ include: '#body' }],
  },
  comma: { match: ',', name: 'punctuation.separator.comma.glossary' },
  term: { match: '[^ ,](?:[^,]*[^ ,])?', ...term },
  body: {
    patterns: [
      { include: '#fenced-code' },
      { include: '#math-block' },
      // Line-level Markdown that cannot run into the next header: headings
      // and rules are one line; lists and quotes continue only on indented
      // or ">" lines, which a header never is.
      { include: 'text.html.markdown#heading' },
      { include: 'text.html.markdown#separator' },
      { include: 'text.html.markdown#blockquote' },
      { include: 'text.html.markdown#lists' },
      { include: 'markdown.math.inline' },
      { include: 'text.html.markdown#inline' },
    ],
  },
  'fenced-code': {
    patterns: FENCES.flatMap((fence) => [
      ...LANGUAGES.map((language) => fenceRule(fence, language)),
      fenceRule(fence, null),
    ]),
  },
  'nested-backtick': nestedRule(FENCES[0]),
  'nested-tilde': nestedRule(FENCES[1]),
  'math-block': {
    // `$$` alone on a line opens and closes; `$$x$$` on one line is text.
    name: 'markup.math.block.glossary',
    begin: '^ {0,3}(\\$\\$)[ \\t]*$',
    beginCaptures: { 1: { name: 'punctuation.definition.math.begin.glossary' } },
    end: `^ {0,3}(\\$\\$)[ \\t]*$|^(?=${HEADER})`,
    endCaptures: { 1: { name: 'punctuation.definition.math.end.glossary' } },
    patterns: [
      {
        begin: '(^|\\G)(\\s*)(.*)',
        while: `(^|\\G)(?! {0,3}\\$\\$[ \\t]*$)(?!${HEADER})`,
        contentName: 'meta.embedded.math.glossary',
        // VS Code's built-in Markdown Math grammar, when enabled. The local
        // rule after it keeps this rule alive without it: vscode-textmate
        // drops a begin/while rule all of whose patterns are missing, and
        // with it the math block around it.
        patterns: [
          { include: 'text.html.markdown.math#math' },
          { match: '\\\\[A-Za-z]+', name: 'support.function.math.glossary' },
        ],
      },
    ],
  },
};

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  information_for_contributors: [
    'Generated by scripts/build-grammar.mjs: edit that script, then run it (npm run grammar).',
  ],
  name: 'Glossary',
  scopeName: 'source.glossary',
  fileTypes: ['glossary'],
  patterns: [{ include: '#preamble' }, { include: '#entry' }, { include: '#body' }],
  repository,
};

const text = JSON.stringify(grammar, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== text) {
    console.error(`${target} is stale: run node scripts/build-grammar.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
