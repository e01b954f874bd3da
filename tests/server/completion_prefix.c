/* Tests of completion_prefix.h: the windows of text a completion replaces. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "server/features/completion_prefix.h"

/* The windows as the strings they cover, joined with '|'. */
static char *
windows (const char *text, guint32 lower, guint32 cursor, guint max_words)
{
  guint32 starts[16];
  gsize n = gls_completion_windows (text, strlen (text), lower, cursor, max_words, starts);
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    {
      cr_assert_leq (starts[i], cursor);
      if (i > 0)
        cr_assert_gt (starts[i], starts[i - 1], "longest window first");
      g_string_append_printf (s, "%s%.*s", i > 0 ? "|" : "", (int) (cursor - starts[i]),
                              text + starts[i]);
    }
  return g_string_free (s, FALSE);
}

#define END(text) ((guint32) strlen (text))

GLS_TEST (completion_prefix, words_before_the_cursor_longest_first)
{
  const char *t = "we use rotary po";
  g_autofree char *all = windows (t, 0, END (t), 5);
  g_autofree char *two = windows (t, 0, END (t), 2);

  cr_expect_str_eq (all, "we use rotary po|use rotary po|rotary po|po");
  cr_expect_str_eq (two, "rotary po|po");
}

GLS_TEST (completion_prefix, the_word_under_the_cursor_ends_at_the_cursor)
{
  const char *t = "rotary position";
  g_autofree char *w = windows (t, 0, 10, 5);   /* "rotary pos|ition" */
  cr_expect_str_eq (w, "rotary pos|pos");
}

GLS_TEST (completion_prefix, after_a_separator_the_phrase_continues)
{
  const char *t = "rotary ";
  g_autofree char *w = windows (t, 0, END (t), 5);
  cr_expect_str_eq (w, "rotary ");

  const char *dash = "fine-";
  g_autofree char *d = windows (dash, 0, END (dash), 5);
  cr_expect_str_eq (d, "fine-");

  const char *plus = "c+";
  g_autofree char *p = windows (plus, 0, END (plus), 5);
  cr_expect_str_eq (p, "c+");
}

GLS_TEST (completion_prefix, nothing_after_the_end_of_a_clause)
{
  const char *stops[] = { "the end.", "a call(x)", "list, ", "", "say \"" };

  for (gsize i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      const char *t = stops[i];
      guint32 starts[8];
      gsize n = gls_completion_windows (t, strlen (t), 0, END (t), 5, starts);
      /* "list, " ends in a space: the phrase before the comma is over only
       * if the comma is the last character; after the space it continues. */
      if (g_str_equal (t, "list, "))
        cr_expect_eq (n, 1, "%s", t);
      else
        cr_expect_eq (n, 0, "%s: %zu windows", t, n);
    }
}

GLS_TEST (completion_prefix, windows_stay_on_the_cursor_line_and_in_the_span)
{
  const char *t = "first line\nrotary po";
  g_autofree char *line = windows (t, 0, END (t), 5);
  cr_expect_str_eq (line, "rotary po|po");

  const char *crlf = "first line\r\nsecond";
  g_autofree char *c = windows (crlf, 0, END (crlf), 5);
  cr_expect_str_eq (c, "second");

  const char *span = "code(); rotary po";
  g_autofree char *s = windows (span, 8, END (span), 5);
  cr_expect_str_eq (s, "rotary po|po");
}

GLS_TEST (completion_prefix, non_ascii_words_and_invalid_bytes)
{
  const char *t = "naïve bay";
  g_autofree char *w = windows (t, 0, END (t), 5);
  cr_expect_str_eq (w, "naïve bay|bay");

  const char *accent = "über";
  g_autofree char *a = windows (accent, 0, END (accent), 5);
  cr_expect_str_eq (a, "über");

  /* A stray byte separates words like punctuation does. */
  const char *bad = "ab\xff" "cd";
  g_autofree char *b = windows (bad, 0, END (bad), 5);
  cr_expect_str_eq (b, "ab\xff" "cd|cd");

  /* A cursor inside a multi-byte character is tolerated. */
  guint32 starts[8];
  cr_expect_leq (gls_completion_windows (accent, strlen (accent), 0, 1, 5, starts), 1);
}

GLS_TEST (completion_prefix, after_word)
{
  const char *t = "ab é.";
  cr_expect (gls_completion_after_word (t, strlen (t), 2));
  cr_expect_not (gls_completion_after_word (t, strlen (t), 3));
  cr_expect (gls_completion_after_word (t, strlen (t), 5));   /* after é */
  cr_expect_not (gls_completion_after_word (t, strlen (t), 6));
  cr_expect_not (gls_completion_after_word (t, strlen (t), 0));
  cr_expect_not (gls_completion_after_word (t, strlen (t), 99));
}

GLS_TEST (completion_prefix, out_of_range_arguments_give_nothing)
{
  const char *t = "word";
  guint32 starts[4];
  cr_expect_eq (gls_completion_windows (t, 4, 0, 5, 4, starts), 0);
  cr_expect_eq (gls_completion_windows (t, 4, 3, 2, 4, starts), 0);
  cr_expect_eq (gls_completion_windows (t, 4, 0, 4, 0, starts), 0);
}

GLS_TEST (completion_prefix, long_lines_are_not_scanned_back_to_their_start)
{
  /* A word longer than the window cap, then a phrase: the cut word is no
   * window, the phrase still is. */
  g_autoptr (GString) t = g_string_new (NULL);
  for (guint i = 0; i < 3 * GLS_COMPLETION_MAX_WINDOW; i++)
    g_string_append_c (t, 'x');
  g_string_append (t, " rotary po");
  g_autofree char *w = windows (t->str, 0, (guint32) t->len, 5);
  cr_expect_str_eq (w, "rotary po|po");

  /* A phrase that starts before the cap loses its far words only. */
  g_autoptr (GString) u = g_string_new ("start");
  for (guint i = 0; i < GLS_COMPLETION_MAX_WINDOW / 4; i++)
    g_string_append (u, " ab");
  g_autofree char *v = windows (u->str, 0, (guint32) u->len, 3);
  cr_expect_str_eq (v, "ab ab ab|ab ab|ab");
}
