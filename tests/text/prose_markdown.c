/* Tests of Markdown prose extraction (lsp/text/prose.h, prose_markdown.c,
 * prose_inline.c): exact spans for every rule, robustness, incremental edits. */
#include "common/leak-check.h"
#include "prose_helpers.h"

#define MD(text, want) EXPECT_PROSE ("markdown", text, want)

GLS_TEST (prose_markdown, paragraphs_span_lines_but_not_blank_lines)
{
  MD ("rotary position\nembedding here\n\nnext paragraph\n",
      "text:rotary position\\nembedding here|text:next paragraph");
  MD ("  indented start\n   continues\n", "text:indented start\\n   continues");
  MD ("", "");
  MD ("   \n\t\n", "");
}

GLS_TEST (prose_markdown, headings)
{
  MD ("# Title #\n## Sub *em* ##\n###### six\n####### seven\n",
      "heading:Title|heading:Sub|heading:em|heading:six|text:####### seven");
  MD ("#no space\n", "text:#no space");
  MD ("Setext one\n===\nSetext two\nlines\n---\n", "heading:Setext one|heading:Setext two\\nlines");
  MD ("# C# and F#\n", "heading:C# and F#");
}

GLS_TEST (prose_markdown, lists_and_quotes)
{
  MD ("- item a\n  continued\n- item b\n  - nested\n\n1. first\n2) second\n",
      "text:item a\\n  continued|text:item b|text:nested|text:first|text:second");
  MD ("The year\n1999. was good\n", "text:The year\\n1999. was good");
  MD ("> quote one\n> quote two\n>\n> next para\n",
      "text:quote one|text:quote two|text:next para");
  /* A lazy line has no "> " to cut out. */
  MD ("> lazy start\ncontinuation line\n", "text:lazy start\\ncontinuation line");
  MD ("> a\n> b\nlazy\n", "text:a|text:b\\nlazy");
  MD ("> - item in quote\n>   more\n", "text:item in quote|text:more");
  MD ("- [ ] task open\n- [x] task done\n", "text:task open|text:task done");
  MD ("* * *\n- - -\nafter\n", "text:after");
}

GLS_TEST (prose_markdown, tables)
{
  MD ("| Term | Meaning |\n|:-----|-------:|\n| LoRA | low `rank` adapter |\n| a \\| b | c |\n\nafter\n",
      "table:Term|table:Meaning|table:LoRA|table:low|table:adapter|table:a \\\\| b|table:c|"
      "text:after");
  MD ("intro line\nh1 | h2\n--- | ---\nc1 | c2\n",
      "text:intro line|table:h1|table:h2|table:c1|table:c2");
  /* Cell counts must agree, or it is a paragraph. */
  MD ("a | b\n--- | --- | ---\n", "text:a | b\\n--- | --- | ---");
}

GLS_TEST (prose_markdown, code_is_never_prose)
{
  MD ("before\n```python\nrotary = position\n```\nafter\n", "text:before|text:after");
  MD ("~~~\ncode\n~~~~\ntext\n", "text:text");
  MD ("```\nunclosed fence\nruns to the end\n", "");
  MD ("para\n    not code: lazy paragraph line\n\n    real indented code\n\nend\n",
      "text:para\\n    not code: lazy paragraph line|text:end");
  MD ("use `rotary position` and ``a ` b`` here\n", "text:use|text:and|text:here");
  MD ("a ``` b\n", "text:a ``` b");
  MD ("- item\n\n      indented code in item\n", "text:item");
  MD ("> ```\n> quoted code\n> ```\n> quoted text\n", "text:quoted text");
}

GLS_TEST (prose_markdown, links_and_images)
{
  MD ("see [the link text](https://x.org/a_(b) \"title words\") now\n",
      "text:see|link-text:the link text|text:now");
  MD ("![alt words](img.png) and [full][label] and [collapsed][] and [shortcut]\n",
      "link-text:alt words|text:and|link-text:full|text:and|link-text:collapsed|text:and|"
      "text:shortcut");
  MD ("[outer [inner] text](u)\n", "link-text:outer|link-text:inner|link-text:text");
  MD ("[with `code` inside](u)\n", "link-text:with|link-text:inside");
  MD ("[not a link] (u)\n", "text:not a link|text:(u)");
  MD ("[label]: https://example.com/ref \"Ref Title\"\n[other]:\n  /url\nText after.\n",
      "text:Text after.");
  MD ("\\[escaped\\](u)\n", "text:\\\\[escaped\\\\](u)");
}

GLS_TEST (prose_markdown, urls_and_autolinks)
{
  MD ("go to <https://example.com/path> or <me@example.com> now\n",
      "text:go to|text:or|text:now");
  MD ("bare https://example.com/a?b=c. and www.example.org, then http://x.io/p) end\n",
      "text:bare|text:. and|text:, then|text:) end");
  MD ("no url in somehttp://x or awww.y\n", "text:no url in somehttp://x or awww.y");
}

GLS_TEST (prose_markdown, html)
{
  MD ("a <span class=\"term\">rotary position</span> b\n",
      "text:a|text:rotary position|text:b");
  MD ("<div>\ntext in a div <b>bold</b>\n</div>\n\nafter\n",
      "text:text in a div|text:bold|text:after");
  MD ("<script>\nvar rotary = 1;\n</script>\nafter\n", "text:after");
  MD ("<!-- glossary-ls: disable-next-line -->\nrotary position\n",
      "html-comment:glossary-ls: disable-next-line|text:rotary position");
  MD ("text <!-- inline\ncomment --> more\n", "text:text|html-comment:inline\\ncomment|text:more");
  MD ("<?php echo 1; ?>\n<!DOCTYPE html>\n<![CDATA[ x ]]>\ntext\n", "text:text");
  MD ("a < b and c > d\n", "text:a < b and c > d");
  MD ("AT&amp;T &#169; &#x2014; &bogus\n", "text:AT|text:T|text:&bogus");
}

GLS_TEST (prose_markdown, suppression_comments_are_not_matchable)
{
  cr_expect (!gls_prose_kind_is_matchable (GLS_PROSE_HTML_COMMENT));
  cr_expect (gls_prose_kind_is_matchable (GLS_PROSE_COMMENT));
  cr_expect (gls_prose_kind_is_matchable (GLS_PROSE_TEXT));
}

GLS_TEST (prose_markdown, front_matter)
{
  MD ("---\ntitle: rotary position\ntags: [a]\n---\nbody text\n", "text:body text");
  MD ("---\ntitle: yaml\n...\nbody\n", "text:body");
  MD ("+++\ntitle = \"toml\"\n+++\nbody\n", "text:body");
  MD ("\xEF\xBB\xBF---\nk: v\n---\nbody\n", "text:body");
  MD ("---\ntitle: x\n---\n", "");
  /* Unclosed: a thematic break, then a paragraph. */
  MD ("---\ntitle: x\n", "text:title: x");
  MD ("---\nnot closed\n", "text:not closed");
  MD ("text\n---\nk: v\n---\n", "heading:text|heading:k: v");
}

GLS_TEST (prose_markdown, math)
{
  MD ("energy $E = mc^2$ and $$\\sum_i x_i$$ end\n", "text:energy|text:and|text:end");
  MD ("$$\nx = y\n$$\nafter\n", "text:after");
  MD ("costs $5 and $10 total\n", "text:costs $5 and $10 total");
  MD ("a $ b $ c\n", "text:a $ b $ c");
  MD ("escaped \\$x$ here\n", "text:escaped \\\\$x$ here");
}

GLS_TEST (prose_markdown, emphasis_delimiters_are_cut)
{
  MD ("the **rotary position** embedding\n", "text:the|text:rotary position|text:embedding");
  MD ("_under_ and snake_case_name and ~~gone~~\n",
      "text:under|text:and snake_case_name and|text:gone");
  MD ("2 * 3 * 4\n", "text:2 * 3 * 4");
}

GLS_TEST (prose_markdown, line_endings)
{
  MD ("line one\r\nline two\r\n\r\npara\r\n", "text:line one\\r\\nline two|text:para");
  MD ("cr one\rcr two\r\rpara", "text:cr one\\rcr two|text:para");
  MD ("# head\r\n```\r\ncode\r\n```\r\ntail", "heading:head|text:tail");
}

GLS_TEST (prose_markdown, language_names)
{
  const char *ids[] = { "markdown", "Markdown", "md", "mdx" };
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (GlsProse) p = gls_prose_new (ids[i]);
      cr_expect_str_eq (gls_prose_language (p), "markdown", "%s", ids[i]);
    }
  cr_expect_str_eq (gls_prose_language_id_for_path ("docs/README.md"), "markdown");
  cr_expect_str_eq (gls_prose_language_id_for_path ("a/b.Markdown"), "markdown");
}

/* ---- robustness --------------------------------------------------------- */

static void
robust (const char *text, gsize len)
{
  g_autoptr (GlsProse) p = gls_prose_new ("markdown");
  g_autoptr (GError) error = NULL;
  cr_assert (gls_prose_parse (p, text, len, NULL, &error));
  prose_check_invariants (p, text, len);
}

GLS_TEST (prose_markdown, invalid_utf8_and_nul_bytes)
{
  static const char text[] = "caf\xC3 \xFF\xFE word\0after nul `co\0de` [li\0nk](u\0)\n\n\x80\x80 end";
  robust (text, sizeof text - 1);
  g_autoptr (GlsProse) p = gls_prose_new ("markdown");
  cr_assert (gls_prose_parse (p, text, sizeof text - 1, NULL, NULL));
  g_autofree char *got = prose_spans_string (p, text);
  /* The NUL is an ordinary byte: the paragraph goes on past it. */
  cr_expect (strstr (got, "after nul") != NULL, "%s", got);
  cr_expect (strstr (got, "end") != NULL, "%s", got);
}

GLS_TEST (prose_markdown, huge_single_line)
{
  g_autoptr (GString) s = g_string_new (NULL);
  while (s->len < 2 * 1024 * 1024)
    g_string_append (s, "word `code` [link](u) <b>x</b> $m$ **e** https://u.io ");
  robust (s->str, s->len);
  g_autoptr (GlsProse) p = gls_prose_new ("markdown");
  cr_assert (gls_prose_parse (p, s->str, s->len, NULL, NULL));
  cr_expect_gt (gls_prose_n_spans (p), 100000u);
}

GLS_TEST (prose_markdown, pathological_openers_stay_linear)
{
  /* Thousands of unmatched openers: each failed search is remembered. */
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint i = 0; i < 20000; i++)
    g_string_append (s, "` $x [a <!-- ``` ");
  robust (s->str, s->len);
  g_string_assign (s, "see https://x.io/");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (s, ')');
  robust (s->str, s->len);
}

GLS_TEST (prose_markdown, deep_nesting)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint i = 0; i < 3000; i++)
    {
      for (guint k = 0; k < i; k++)
        g_string_append (s, "  ");
      g_string_append (s, "- level item\n");
    }
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '>');
  g_string_append (s, " deep quote\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (s, "- ");
  g_string_append (s, "marker soup\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (s, "[");
  g_string_append (s, "brackets\n");
  robust (s->str, s->len);
}

GLS_TEST (prose_markdown, random_bytes_never_crash)
{
  static const char alphabet[] = "ab #>-*_`~[]()!<>$&|:\\\"'=+.1\n\n\r\t ";
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  for (guint round = 0; round < 300; round++)
    {
      guint n = g_rand_int_range (rand, 0, 400);
      g_autofree char *buf = g_malloc (n + 1);
      for (guint i = 0; i < n; i++)
        buf[i] = g_rand_boolean (rand) ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                                       : (char) g_rand_int_range (rand, 0, 256);
      robust (buf, n);
    }
}

GLS_TEST (prose_markdown, spans_query_by_range)
{
  const char *text = "alpha\n\nbeta\n\ngamma\n";
  g_autoptr (GlsProse) p = gls_prose_new ("markdown");
  cr_assert (gls_prose_parse (p, text, strlen (text), NULL, NULL));
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (p, 8, 9, out);
  cr_assert_eq (out->len, 1);
  cr_expect_eq (g_array_index (out, GlsProseSpan, 0).start, 7u);
  g_array_set_size (out, 0);
  gls_prose_spans (p, 5, 7, out);
  cr_expect_eq (out->len, 0u, "[5,7) is the blank line");
  gls_prose_spans (p, 0, 100, out);
  cr_expect_eq (out->len, 3u);
}

GLS_TEST (prose_markdown, cancellation_and_errors)
{
  g_autoptr (GCancellable) c = g_cancellable_new ();
  g_cancellable_cancel (c);
  g_autoptr (GlsProse) p = gls_prose_new ("markdown");
  g_autoptr (GError) error = NULL;
  cr_expect (!gls_prose_parse (p, "text", 4, c, &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  cr_expect_eq (gls_prose_n_spans (p), 0u);
  g_clear_error (&error);

  /* Not parsed yet: an edit is a full parse that changed everything. */
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  cr_assert (gls_prose_reparse_after_edit (p, "new text", 8, 0, 0, 3, changed, NULL, &error));
  cr_assert_eq (changed->len, 1u);
  cr_expect_eq (g_array_index (changed, GlsByteRange, 0).end, 8u);
  cr_expect_eq (gls_prose_n_spans (p), 1u);

  /* An edit that does not fit the document is refused, state untouched. */
  cr_expect (!gls_prose_reparse_after_edit (p, "new text!", 9, 5, 3, 6, changed, NULL, &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  cr_expect (!gls_prose_reparse_after_edit (p, "new text!!", 10, 0, 1, 1, changed, NULL, &error));
  g_clear_error (&error);
  cr_expect_eq (gls_prose_n_spans (p), 1u);
}

/* ---- incremental -------------------------------------------------------- */

static const char *const md_palette[] = {
  "x", " ", "\n", "\n\n", "# ", "## h\n", "```", "```\n", "~~~\n", "    ", "> ", "- ", "1. ",
  "* * *\n", "---\n", "===\n", "|", "| a | b |\n|---|---|\n", "`", "``", "[", "]", "](u)",
  "![i](p)", "<", ">", "<div>\n", "</div>\n", "<!--", "-->", "<script>", "$", "$$", "*", "_",
  "**bold**", "&amp;", "https://x.io ", "rotary position embedding ", "\r\n", "\t", "+++\n",
  "[l]: /u\n", "<b>", "\\", "word", NULL,
};

static const char md_base[] =
  "---\ntitle: doc\n---\n# Rotary position embedding\n\nIntro with `code`, a [link](https://x.io)"
  " and **strong** text.\nSecond line of the intro.\n\n- item one\n  - nested item\n- item two\n\n"
  "> quoted text\n> more quote\n\n```c\nint x = 1;\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n"
  "<div>\nhtml text\n</div>\n\n<!-- glossary-ls: disable-next-line -->\nLast paragraph with $m$.\n"
  "Setext\n---\n    indented code\n\nfinal words\n";

GLS_TEST (prose_markdown, incremental_matches_full_parse, .timeout = 240)
{
  for (guint32 seed = 1; seed <= 12; seed++)
    prose_differential ("markdown", md_base, md_palette, seed, 120);
}

GLS_TEST (prose_markdown, incremental_without_blank_lines, .timeout = 240)
{
  /* The compact seed layout: few checkpoints, fences and headings only. */
  static const char compact[] =
    "**Title one**\nA body line about attention.\n```\ncode\n```\n**Title two**\n| a | b |\n"
    "|---|---|\n| c | d |\n# Heading\nMore text here.\n```python\nx = 1\n```\nTail text.\n"
    "- item one\n- item two\n  continued\n> quote\n- item three\n  - nested\n* star item\n"
    "text after\n+ plus item\n1. ordered\n2. second\n- - -\n- last\n";
  for (guint32 seed = 100; seed <= 116; seed++)
    prose_differential ("markdown", compact, md_palette, seed, 100);
}

GLS_TEST (prose_markdown, incremental_restarts_only_where_state_is_empty)
{
  /* Lines that look like block starts but depend on what precedes them. */
  edit_matches_fresh ("markdown", "para\n2. not an item\nmore words\n", "more", "mor e");
  edit_matches_fresh ("markdown", "para\n- item\nlazy words\n", "lazy", "la zy");
  edit_matches_fresh ("markdown", "> a\n> b\n===\nafter\n", "after", "af ter");
  edit_matches_fresh ("markdown", "> a\n> ---\nz\n", "a\n", "ab\n");
  edit_matches_fresh ("markdown", "- a\n- ---\nz\n", "a\n", "ab\n");
  edit_matches_fresh ("markdown", "# h\ntext\n---\nmore\n", "more", "mo re");
  edit_matches_fresh ("markdown", "```\ncode\n```\ntext\n", "```\ncode", "````\ncode");
  edit_matches_fresh ("markdown", "<div>\nx\n# not heading\n</div>\n\ntext\n", "text", "te xt");
  edit_matches_fresh ("markdown", "a | b\n--- | ---\n- c | d\ne | f\n", "e |", "e e |");
  edit_matches_fresh ("markdown", "- a\n\n  b\n\nc\n", "  b", "b");
  edit_matches_fresh ("markdown", "x\n\n---\ny: 1\n---\nz\n", "z", "zz");
  edit_matches_fresh ("markdown", "---\ny: 1\n--\nz\n", "--\n", "---\n");
}

GLS_TEST (prose_markdown, incremental_edit_is_local)
{
  /* A one-word edit in a long document re-extracts only its paragraph. */
  g_autoptr (GString) doc = g_string_new (NULL);
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (doc, "Paragraph %u about rotary position embedding.\n\n", i);
  g_autoptr (GlsProse) p = gls_prose_new ("markdown");
  cr_assert (gls_prose_parse (p, doc->str, doc->len, NULL, NULL));
  const char *where = strstr (doc->str, "Paragraph 1000 ");
  guint32 start = (guint32) (where - doc->str) + 10;
  g_string_insert (doc, start, "X");
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  cr_assert (gls_prose_reparse_after_edit (p, doc->str, doc->len, start, start, start + 1,
                                           changed, NULL, NULL));
  cr_assert_eq (changed->len, 1u);
  GlsByteRange r = g_array_index (changed, GlsByteRange, 0);
  cr_expect_leq (r.start, start);
  cr_expect_geq (r.end, start + 1);
  cr_expect_lt (r.end - r.start, 200u, "changed [%u,%u) should be one paragraph", r.start, r.end);
}
