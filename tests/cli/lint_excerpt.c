/* Tests of the linter's bounded output: the position cursor and character
 * stepping (lint_file.h), excerpts (lint_excerpt.h), safe message lines
 * (lint_message.h) and the piecewise check (lint_check.h). */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/rule_info.h"
#include "glossary/glossary_load.h"
#include "cli/lint_check.h"
#include "cli/lint_excerpt.h"
#include "cli/lint_file.h"
#include "cli/lint_message.h"
#include "text/position.h"

#include "common/leak-check.h"

TestSuite (lint_excerpt);

/* Random text mixing ASCII, valid multi-byte sequences, stray and truncated
 * bytes, and the three line terminators. */
static char *
random_text (GRand *rand, gsize n, gsize *len)
{
  static const char *const pieces[] = { "a", "b ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x80",
                                        "\xE2\x82", "\xC3", "\n", "\r\n", "\r", "\t", "\xBF\xBF" };
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < n; i++)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  *len = s->len;
  return g_string_free (s, FALSE);
}

GLS_TEST (lint_excerpt, cursor_positions_equal_position_h_in_any_order)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (12);
  for (guint round = 0; round < 200; round++)
    {
      gsize len;
      g_autofree char *text = random_text (rand, 60, &len);
      g_autoptr (GlsLintFile) file = gls_lint_file_new ("t", text, len);
      GlsLintCursor cursor;
      gls_lint_cursor_init (&cursor, file);
      gsize offset = 0;
      for (guint i = 0; i < 40; i++)
        {
          /* Mostly forward, sometimes back, sometimes past the end. */
          offset = g_rand_int_range (rand, 0, 4) == 0 ? (gsize) g_rand_int_range (rand, 0, (gint32) len + 3)
                                                       : MIN (offset + (gsize) g_rand_int_range (rand, 0, 5), len + 2);
          gint64 line, character;
          gls_offset_to_position (file->lines, text, len, offset, GLS_POSITION_UTF32, &line, &character);
          GlsLintPosition got = gls_lint_cursor_position (&cursor, offset);
          cr_assert_eq (got.line, (guint) line + 1, "round %u offset %zu", round, offset);
          cr_assert_eq (got.column, (guint) character + 1, "round %u offset %zu", round, offset);
        }
    }
}

GLS_TEST (lint_excerpt, stepping_back_finds_the_boundaries_stepping_forward_does)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  for (guint round = 0; round < 300; round++)
    {
      gsize len;
      g_autofree char *text = random_text (rand, 30, &len);
      g_autoptr (GArray) forward = g_array_new (FALSE, FALSE, sizeof (gsize));
      for (gsize p = 0; p < len;)
        {
          g_array_append_val (forward, p);
          gunichar c;
          p += gls_lint_char_length (text + p, text + len, &c);
        }
      gsize p = len;
      for (guint i = forward->len; i > 0; i--)
        {
          p = gls_lint_char_before (text, 0, p);
          cr_assert_eq (p, g_array_index (forward, gsize, i - 1), "round %u", round);
        }
    }
}

GLS_TEST (lint_excerpt, a_byte_order_mark_is_not_a_column)
{
  static const char text[] = "\xEF\xBB\xBFLora here\nLora";
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("t", text, sizeof text - 1);
  GlsLintPosition at = gls_lint_file_position (file, 3);
  cr_assert_eq (at.column, 1);
  at = gls_lint_file_position (file, 8);
  cr_assert_eq (at.column, 6);
  at = gls_lint_file_position (file, 0);
  cr_assert_eq (at.column, 1);
  at = gls_lint_file_position (file, 13);
  cr_assert_eq (at.line, 2);
  cr_assert_eq (at.column, 1);
}

/* The excerpt of [start, end) in a one-line file. */
static char *
excerpt (const char *text, gsize start, gsize end)
{
  g_autoptr (GlsLintFile) file = gls_lint_file_new ("t", text, strlen (text));
  GString *out = g_string_new (NULL);
  gsize line_end = strcspn (text, "\r\n");
  gls_lint_excerpt_append (out, file, 0, line_end, start, end);
  return g_string_free (out, FALSE);
}

GLS_TEST (lint_excerpt, a_short_line_is_shown_whole)
{
  g_autofree char *got = excerpt ("We use Lora\there.", 7, 11);
  cr_assert_str_eq (got, "We use Lora\there.\n       ^~~~\n");
}

GLS_TEST (lint_excerpt, a_long_line_is_cut_around_the_range_with_the_caret_under_it)
{
  GString *line = g_string_new (NULL);
  for (guint i = 0; i < 2000; i++)
    g_string_append (line, "\xC3\xA9t\xC3\xA9 "); /* "été ": multi-byte, 4 characters */
  gsize start = 4000 * 2 + 123 * 3; /* not a multiple of a word: inside the text */
  start -= start % 6;               /* a word start (6 bytes per word) */
  g_autofree char *got = excerpt (line->str, start, start + 5);
  g_auto (GStrv) lines = g_strsplit (got, "\n", -1);
  cr_assert_eq (g_strv_length (lines), 3);
  cr_assert (g_str_has_prefix (lines[0], "…"));
  cr_assert (g_str_has_suffix (lines[0], "…"));
  glong chars = g_utf8_strlen (lines[0], -1);
  cr_assert_eq (chars, 1 + GLS_LINT_EXCERPT_CONTEXT + 3 + GLS_LINT_EXCERPT_CONTEXT + 1, "%ld", chars);
  cr_assert_eq (strspn (lines[1], " "), 1 + GLS_LINT_EXCERPT_CONTEXT);
  cr_assert_str_eq (lines[1] + 1 + GLS_LINT_EXCERPT_CONTEXT, "^~~");
  /* The caret's character is the range's first one. */
  const char *under = g_utf8_offset_to_pointer (lines[0], 1 + GLS_LINT_EXCERPT_CONTEXT);
  cr_assert (g_str_has_prefix (under, "\xC3\xA9t\xC3\xA9"));
  g_string_free (line, TRUE);
}

GLS_TEST (lint_excerpt, a_long_range_is_underlined_up_to_the_match_limit)
{
  g_autofree char *text = g_strnfill (1000, 'x');
  g_autofree char *got = excerpt (text, 10, 900);
  g_auto (GStrv) lines = g_strsplit (got, "\n", -1);
  cr_assert_eq (strlen (lines[0]), 10 + GLS_LINT_EXCERPT_MATCH + GLS_LINT_EXCERPT_CONTEXT + strlen ("…"));
  cr_assert_eq (strlen (lines[1]), 10 + GLS_LINT_EXCERPT_MATCH);
}

GLS_TEST (lint_excerpt, excerpt_lines_cannot_start_workflow_commands)
{
  g_autofree char *got = excerpt ("  ::error::Lora ##[error]x", 11, 15);
  cr_assert (strstr (got, "##[") == NULL);
  cr_assert (g_str_has_prefix (got, "  \xE2\x80\x8B::error::Lora"), "%s", got);
  g_auto (GStrv) lines = g_strsplit (got, "\n", -1);
  cr_assert_str_eq (lines[1], "           ^~~~");
}

GLS_TEST (lint_excerpt, safe_lines)
{
  g_autofree char *github = gls_lint_safe_line ("a%b\r\n::error::x", TRUE);
  cr_assert_str_eq (github, "a%25b%0D%0A::error::x");
  g_autofree char *text = gls_lint_safe_line ("k\n::error::x\x1b[31m", FALSE);
  cr_assert_str_eq (text, "k\xEF\xBF\xBD::error::x\xEF\xBF\xBD[31m");
  g_autofree char *leading = gls_lint_safe_line ("\t \xE2\x80\x83::warning::x", FALSE);
  cr_assert_str_eq (leading, "\t \xE2\x80\x83\xE2\x80\x8B::warning::x");
  g_autofree char *legacy = gls_lint_safe_line ("x ##[error]y ###[z", FALSE);
  cr_assert_str_eq (legacy, "x ##\xE2\x80\x8B[error]y ###\xE2\x80\x8B[z");
  g_autofree char *invalid = gls_lint_safe_line ("\xC3(\xC2\x85", FALSE);
  cr_assert_str_eq (invalid, "\xEF\xBF\xBD(\xEF\xBF\xBD");
}

static GlsAnalyzer *
default_analyzer (void)
{
  GlsGlossaryOptions options = { 0 };
  g_autoptr (GlsGlossary) glossary = gls_glossary_load (&options, NULL);
  return gls_analyzer_new (glossary);
}

/* "offset:rule" of every finding, sorted as lint_check sorts them. */
static char *
summarize (GArray *findings)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      g_string_append_printf (s, "%u-%u:%s ", f->start, f->end, f->rule);
    }
  return g_string_free (s, FALSE);
}

GLS_TEST (lint_excerpt, a_span_longer_than_a_piece_gives_the_findings_of_a_whole_check, .timeout = 120)
{
  g_autoptr (GlsAnalyzer) analyzer = default_analyzer ();
  GString *text = g_string_new (NULL);
  /* One paragraph of 2.5 pieces with a multi-word misspelling across each
   * cut and Lora in between. */
  while (text->len < GLS_LINT_CHECK_PIECE - 40)
    g_string_append (text, "Lora and so on. ");
  /* The first cut right after "rotary ": the phrase starts in the first
   * part and needs the second part's words. */
  while (text->len < GLS_LINT_CHECK_PIECE - strlen ("the rotary "))
    g_string_append_c (text, ' ');
  g_string_append (text, "the rotary positon embedding works. ");
  while (text->len < 2 * GLS_LINT_CHECK_PIECE - 40)
    g_string_append (text, "plain words here. ");
  /* The second cut inside the misspelled word. */
  while (text->len < 2 * GLS_LINT_CHECK_PIECE - strlen ("a tool"))
    g_string_append_c (text, ' ');
  g_string_append (text, "a toolfromer model and Lora. ");
  while (text->len < 5 * GLS_LINT_CHECK_PIECE / 2)
    g_string_append (text, "more Lora. ");
  g_string_append_c (text, '\n');

  g_autoptr (GlsProse) prose = gls_prose_new ("markdown");
  cr_assert (gls_prose_parse (prose, text->str, text->len, NULL, NULL));
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (prose, 0, G_MAXUINT32, spans);
  cr_assert_eq (spans->len, 1, "one long span");
  g_autoptr (GArray) whole = g_array_new (FALSE, TRUE, sizeof (GlsFinding));
  g_array_set_clear_func (whole, (GDestroyNotify) gls_finding_clear);
  gls_analyzer_check (analyzer, NULL, text->str, text->len, (const GlsProseSpan *) spans->data, spans->len,
                      whole, NULL);

  g_autoptr (GlsProse) prose2 = gls_prose_new ("markdown");
  GlsLintCheck check;
  cr_assert (gls_lint_check (analyzer, NULL, prose2, text->str, text->len, G_MAXUINT, TRUE, &check, NULL));
  g_autofree char *expected = summarize (whole);
  g_autofree char *got = summarize (check.findings);
  cr_assert_str_eq (got, expected);
  cr_assert (strstr (got, ":misspelled-term") != NULL);
  cr_assert_eq (check.n_others, whole->len);
  cr_assert_eq (check.n_left_out, 0);
  cr_assert_eq (check.edits->len, whole->len, "every finding here is fixable");
  gls_lint_check_clear (&check);

  /* With a cap: the first ones kept, the others counted. */
  cr_assert (gls_lint_check (analyzer, NULL, prose2, text->str, text->len, 10, FALSE, &check, NULL));
  cr_assert_eq (check.findings->len, 10);
  cr_assert_eq (check.n_left_out, whole->len - 10);
  cr_assert_eq (g_array_index (check.findings, GlsFinding, 9).start, g_array_index (whole, GlsFinding, 9).start);
  gls_lint_check_clear (&check);
  g_string_free (text, TRUE);
}

GLS_TEST (lint_excerpt, many_spans_are_checked_in_pieces_with_suppressions_of_the_whole_document, .timeout = 120)
{
  g_autoptr (GlsAnalyzer) analyzer = default_analyzer ();
  GString *text = g_string_new ("<!-- glossary-ls: disable term-case -->\n\n");
  while (text->len < 3 * GLS_LINT_CHECK_PIECE / 2)
    g_string_append (text, "Lora here.\n\n");
  g_string_append (text, "<!-- glossary-ls: enable term-case -->\n\nLora at the end.\n");
  g_autoptr (GlsProse) prose = gls_prose_new ("markdown");
  GlsLintCheck check;
  cr_assert (gls_lint_check (analyzer, NULL, prose, text->str, text->len, 100, FALSE, &check, NULL));
  cr_assert_eq (check.n_others, 1, "%u", check.n_others);
  cr_assert_eq (check.findings->len, 1);
  cr_assert_eq (g_array_index (check.findings, GlsFinding, 0).start, text->len - strlen ("Lora at the end.\n"));
  gls_lint_check_clear (&check);
  g_string_free (text, TRUE);
}
