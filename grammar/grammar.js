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
 * Newlines are explicit (`extras` is empty): a run of ordinary body lines is a
 * single `text` token and code/math blocks are three or four tokens each, which
 * keeps the tree small enough to load a 30 MB glossary quickly.
 */

module.exports = grammar({
  name: 'glossary',

  extras: _ => [],

  // The order is the scanner's `enum TokenType`: change both together.
  externals: $ => [
    $.preamble_line,
    $.stray,
    $.term,
    $.category,
    ',',
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

    header: $ => seq(
      field('headword', $.term),
      repeat(seq(',', $.term)),
      optional(seq(',', $.category)),
      $._line_end,
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
