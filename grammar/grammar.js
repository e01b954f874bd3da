/**
 * @file Tree-sitter grammar of the glossary format (see README.md).
 *
 * An entry is a header line of comma-separated items followed by a Markdown
 * body that runs up to the next header. Whether a line is a header depends on
 * the whole line and on the next line, so every line-level decision lives in
 * the hand-written external scanner (src/scanner.c); this file only fixes the
 * shape of the tree. Tuning the line rules therefore never changes the parse
 * tables in src/parser.c.
 *
 * `extras` is empty: line ends are explicit, except where the scanner skips
 * them as padding (header separators and the header's line end). The tree is
 * kept lean for loading 100k-entry glossaries: a run of ordinary body lines is
 * a single `text` token, a header is one token per item, a code or math block
 * four to six tokens.
 */

module.exports = grammar({
  name: 'glossary',

  extras: _ => [],

  // The order is the scanner's `enum TokenType`: change both together.
  externals: $ => [
    $.preamble_line,
    $.stray,
    $._headword,
    $.term,
    $.category,
    $._line_end,
    $.text,
    $._fence_open,
    $._fence_close,
    $.info_string,
    $.code_content,
    $._math_open,
    $._math_close,
    $.math_content,
    // Never used in a rule: valid only during error recovery.
    $._error_sentinel,
  ],

  rules: {
    document: $ => seq(
      // Leading blank lines: hidden, so a blank-only file parses cleanly.
      optional($._line_end),
      optional(choice($.preamble, $.stray)),
      repeat($.entry),
    ),

    // Page-export chrome before the first header ("← Back to ...").
    preamble: $ => repeat1(seq($.preamble_line, $._line_end)),

    entry: $ => seq(
      field('header', $.header),
      optional(field('body', $.body)),
    ),

    // Separators and the line end are padding, not tokens: with 100k entries
    // every token less per header is felt. The headword is a token of its own
    // (shown as a `term`), which tells the next header's start apart from one
    // more item of this header.
    header: $ => seq(
      field('headword', alias($._headword, $.term)),
      repeat($.term),
      optional($.category),
      // Only at the end of the file, so the padding has a token to precede.
      optional($._line_end),
    ),

    body: $ => repeat1(choice($.text, $.code_block, $.math_block)),

    code_block: $ => seq(
      alias($._fence_open, $.fence_delimiter),
      optional($.info_string),
      $._line_end,
      optional($.code_content),
      optional(seq(alias($._fence_close, $.fence_delimiter), $._line_end)),
    ),

    math_block: $ => seq(
      alias($._math_open, $.math_delimiter),
      $._line_end,
      optional($.math_content),
      optional(seq(alias($._math_close, $.math_delimiter), $._line_end)),
    ),
  },
});
