/* Tests of lsp/text/lines.[ch] and lsp/text/position.[ch]. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "text/lines.h"
#include "text/position.h"
#include "common/leak-check.h"
#include "reference.h"


static const GlsPositionEncoding all_encodings[] = {
  GLS_POSITION_UTF8, GLS_POSITION_UTF16, GLS_POSITION_UTF32,
};

/* A text with its index, so each check reads as one call. */
typedef struct
{
  const char *text;
  gsize len;
  GlsLineIndex *index;
} Text;

static Text
text_new (const char *s, gssize len)
{
  Text t = { s, len < 0 ? strlen (s) : (gsize) len, NULL };
  t.index = gls_line_index_new (t.text, t.len);
  return t;
}

static void
text_clear (Text *t)
{
  g_clear_pointer (&t->index, gls_line_index_free);
}

static gsize
to_offset (const Text *t, gint64 line, gint64 ch, GlsPositionEncoding enc)
{
  return gls_position_to_offset (t->index, t->text, t->len, line, ch, enc);
}

static void
expect_position (const Text *t, gsize offset, GlsPositionEncoding enc,
                 gint64 want_line, gint64 want_char)
{
  gint64 line = -1, ch = -1;
  gls_offset_to_position (t->index, t->text, t->len, offset, enc, &line, &ch);
  cr_expect (line == want_line && ch == want_char,
             "offset %zu in %s: got %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
             ", want %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
             offset, gls_position_encoding_to_string (enc), line, ch,
             want_line, want_char);
}

static void
expect_starts (const char *s, gssize len, const gsize *want, gsize n_want)
{
  Text t = text_new (s, len);
  g_autofree char *shown = g_strescape (s, NULL);
  cr_expect_eq (gls_line_index_n_lines (t.index), n_want, "line count of %s", shown);
  for (gsize i = 0; i < n_want && i < gls_line_index_n_lines (t.index); i++)
    cr_expect_eq (gls_line_index_line_start (t.index, i), want[i],
                  "start of line %zu", i);
  text_clear (&t);
}

GLS_TEST (position, encoding_names)
{
  GlsPositionEncoding enc = GLS_POSITION_UTF16;

  for (guint i = 0; i < G_N_ELEMENTS (all_encodings); i++)
    {
      const char *name = gls_position_encoding_to_string (all_encodings[i]);
      cr_assert (gls_position_encoding_parse (name, &enc), "%s", name);
      cr_expect_eq (enc, all_encodings[i]);
    }
  cr_expect_str_eq (gls_position_encoding_to_string (GLS_POSITION_UTF8), "utf-8");
  cr_expect_str_eq (gls_position_encoding_to_string (GLS_POSITION_UTF16), "utf-16");
  cr_expect_str_eq (gls_position_encoding_to_string (GLS_POSITION_UTF32), "utf-32");
  cr_expect_not (gls_position_encoding_parse ("UTF-8", &enc));
  cr_expect_not (gls_position_encoding_parse ("utf8", &enc));
  cr_expect_not (gls_position_encoding_parse ("", &enc));
  cr_expect_not (gls_position_encoding_parse (NULL, &enc));
}

GLS_TEST (position, encoding_choice_follows_client_preference)
{
  const char *const prefer8[] = { "utf-8", "utf-16", NULL };
  const char *const prefer32[] = { "latin-1", "utf-32", "utf-8", NULL };
  const char *const unknown[] = { "ucs-2", NULL };
  const char *const empty[] = { NULL };

  cr_expect_eq (gls_position_encoding_choose (prefer8), GLS_POSITION_UTF8);
  cr_expect_eq (gls_position_encoding_choose (prefer32), GLS_POSITION_UTF32);
  cr_expect_eq (gls_position_encoding_choose (unknown), GLS_POSITION_UTF16);
  cr_expect_eq (gls_position_encoding_choose (empty), GLS_POSITION_UTF16);
  cr_expect_eq (gls_position_encoding_choose (NULL), GLS_POSITION_UTF16);
}

GLS_TEST (lines, terminators)
{
  expect_starts ("", 0, (gsize[]) { 0 }, 1);
  expect_starts ("abc", 3, (gsize[]) { 0 }, 1);
  expect_starts ("a\nb", 3, (gsize[]) { 0, 2 }, 2);
  expect_starts ("a\r\nb", 4, (gsize[]) { 0, 3 }, 2);
  expect_starts ("a\rb", 3, (gsize[]) { 0, 2 }, 2);
  expect_starts ("a\r\rb", 4, (gsize[]) { 0, 2, 3 }, 3);
  expect_starts ("a\n\rb", 4, (gsize[]) { 0, 2, 3 }, 3);
  expect_starts ("a\n", 2, (gsize[]) { 0, 2 }, 2);
  expect_starts ("a\r", 2, (gsize[]) { 0, 2 }, 2);
  expect_starts ("\r\n\r\n", 4, (gsize[]) { 0, 2, 4 }, 3);
  /* NUL, vertical tab, form feed, NEL and U+2028 are not terminators. */
  expect_starts ("a\0b\v\f\xC2\x85\xE2\x80\xA8", 10, (gsize[]) { 0 }, 1);
}

GLS_TEST (lines, line_end_excludes_terminator)
{
  Text t = text_new ("ab\r\ncd\ne\rf", -1);

  cr_assert_eq (gls_line_index_n_lines (t.index), 4);
  cr_expect_eq (gls_line_index_line_end (t.index, t.text, t.len, 0), 2);
  cr_expect_eq (gls_line_index_line_end (t.index, t.text, t.len, 1), 6);
  cr_expect_eq (gls_line_index_line_end (t.index, t.text, t.len, 2), 8);
  cr_expect_eq (gls_line_index_line_end (t.index, t.text, t.len, 3), 10);
  /* Terminator bytes belong to the line they end. */
  cr_expect_eq (gls_line_index_line_of_offset (t.index, 2), 0);
  cr_expect_eq (gls_line_index_line_of_offset (t.index, 3), 0);
  cr_expect_eq (gls_line_index_line_of_offset (t.index, 4), 1);
  cr_expect_eq (gls_line_index_line_of_offset (t.index, 10), 3);
  text_clear (&t);
}

GLS_TEST (position, ascii_round_trip)
{
  Text t = text_new ("hello\nworld", -1);

  for (guint e = 0; e < G_N_ELEMENTS (all_encodings); e++)
    {
      GlsPositionEncoding enc = all_encodings[e];
      cr_expect_eq (to_offset (&t, 0, 0, enc), 0);
      cr_expect_eq (to_offset (&t, 0, 3, enc), 3);
      cr_expect_eq (to_offset (&t, 1, 0, enc), 6);
      cr_expect_eq (to_offset (&t, 1, 5, enc), 11);
      expect_position (&t, 3, enc, 0, 3);
      expect_position (&t, 6, enc, 1, 0);
      expect_position (&t, 11, enc, 1, 5);
    }
  text_clear (&t);
}

GLS_TEST (position, two_byte_character)
{
  /* é is 2 bytes, 1 UTF-16 unit, 1 UTF-32 unit. */
  Text t = text_new ("hé!", -1);

  cr_expect_eq (to_offset (&t, 0, 2, GLS_POSITION_UTF16), 3);
  cr_expect_eq (to_offset (&t, 0, 2, GLS_POSITION_UTF32), 3);
  cr_expect_eq (to_offset (&t, 0, 3, GLS_POSITION_UTF8), 3);
  /* Inside é under UTF-8: back to its first byte. */
  cr_expect_eq (to_offset (&t, 0, 2, GLS_POSITION_UTF8), 1);
  expect_position (&t, 3, GLS_POSITION_UTF16, 0, 2);
  expect_position (&t, 3, GLS_POSITION_UTF8, 0, 3);
  expect_position (&t, 2, GLS_POSITION_UTF16, 0, 1);
  expect_position (&t, 2, GLS_POSITION_UTF8, 0, 1);
  expect_position (&t, 4, GLS_POSITION_UTF32, 0, 3);
  text_clear (&t);
}

GLS_TEST (position, astral_character_and_surrogate_pair_middle)
{
  /* 😀 is 4 bytes, 2 UTF-16 units, 1 UTF-32 unit. */
  Text t = text_new ("a😀b", -1);

  cr_expect_eq (to_offset (&t, 0, 1, GLS_POSITION_UTF16), 1);
  cr_expect_eq (to_offset (&t, 0, 2, GLS_POSITION_UTF16), 1, "between the surrogates");
  cr_expect_eq (to_offset (&t, 0, 3, GLS_POSITION_UTF16), 5);
  cr_expect_eq (to_offset (&t, 0, 4, GLS_POSITION_UTF16), 6);
  cr_expect_eq (to_offset (&t, 0, 2, GLS_POSITION_UTF32), 5);
  cr_expect_eq (to_offset (&t, 0, 3, GLS_POSITION_UTF32), 6);
  for (gint64 ch = 2; ch <= 4; ch++)
    cr_expect_eq (to_offset (&t, 0, ch, GLS_POSITION_UTF8), 1, "utf-8 char %ld", (long) ch);
  cr_expect_eq (to_offset (&t, 0, 5, GLS_POSITION_UTF8), 5);

  expect_position (&t, 5, GLS_POSITION_UTF16, 0, 3);
  expect_position (&t, 5, GLS_POSITION_UTF32, 0, 2);
  expect_position (&t, 5, GLS_POSITION_UTF8, 0, 5);
  for (gsize off = 2; off <= 4; off++)
    for (guint e = 0; e < G_N_ELEMENTS (all_encodings); e++)
      expect_position (&t, off, all_encodings[e], 0, 1);
  cr_expect_eq (gls_position_count_units (t.text, t.len, GLS_POSITION_UTF16), 4);
  cr_expect_eq (gls_position_count_units (t.text, t.len, GLS_POSITION_UTF32), 3);
  cr_expect_eq (gls_position_count_units (t.text, t.len, GLS_POSITION_UTF8), 6);
  text_clear (&t);
}

GLS_TEST (position, character_past_line_end_clamps_before_terminator)
{
  Text t = text_new ("ab\r\ncd\re😀", -1);

  for (guint e = 0; e < G_N_ELEMENTS (all_encodings); e++)
    {
      GlsPositionEncoding enc = all_encodings[e];
      cr_expect_eq (to_offset (&t, 0, 3, enc), 2);
      cr_expect_eq (to_offset (&t, 0, G_MAXINT64, enc), 2);
      cr_expect_eq (to_offset (&t, 1, 99, enc), 6);
      cr_expect_eq (to_offset (&t, 2, 99, enc), t.len);
      /* Inside "\r\n" (on the \n): the end of line 0, not line 1. */
      expect_position (&t, 3, enc, 0, 2);
      expect_position (&t, 2, enc, 0, 2);
      expect_position (&t, 4, enc, 1, 0);
      expect_position (&t, 7, enc, 2, 0);
    }
  text_clear (&t);
}

GLS_TEST (position, line_past_end_is_document_end)
{
  Text t = text_new ("one\ntwo", -1);

  for (guint e = 0; e < G_N_ELEMENTS (all_encodings); e++)
    {
      GlsPositionEncoding enc = all_encodings[e];
      cr_expect_eq (to_offset (&t, 2, 0, enc), 7);
      cr_expect_eq (to_offset (&t, 1000, 5, enc), 7);
      cr_expect_eq (to_offset (&t, G_MAXINT64, G_MAXINT64, enc), 7);
      cr_expect_eq (to_offset (&t, -1, 2, enc), 2, "negative line is 0");
      cr_expect_eq (to_offset (&t, 1, -5, enc), 4, "negative character is 0");
      expect_position (&t, 7, enc, 1, 3);
      expect_position (&t, 1000, enc, 1, 3);
    }
  text_clear (&t);
}

GLS_TEST (position, trailing_terminator_makes_an_empty_last_line)
{
  Text crlf = text_new ("x\r\n", -1);
  Text cr = text_new ("x\r", -1);

  cr_expect_eq (to_offset (&crlf, 1, 0, GLS_POSITION_UTF16), 3);
  cr_expect_eq (to_offset (&cr, 1, 0, GLS_POSITION_UTF16), 2);
  expect_position (&crlf, 3, GLS_POSITION_UTF16, 1, 0);
  expect_position (&cr, 2, GLS_POSITION_UTF16, 1, 0);
  text_clear (&crlf);
  text_clear (&cr);
}

GLS_TEST (position, empty_document)
{
  Text t = text_new ("", 0);

  for (guint e = 0; e < G_N_ELEMENTS (all_encodings); e++)
    {
      GlsPositionEncoding enc = all_encodings[e];
      cr_expect_eq (to_offset (&t, 0, 0, enc), 0);
      cr_expect_eq (to_offset (&t, 0, 5, enc), 0);
      cr_expect_eq (to_offset (&t, 3, 1, enc), 0);
      expect_position (&t, 0, enc, 0, 0);
      expect_position (&t, 9, enc, 0, 0);
    }
  text_clear (&t);
}

GLS_TEST (position, invalid_utf8_bytes_are_one_unit_each)
{
  /* Latin-1 "é", a truncated "€" prefix, a truncated "😀", an encoded
   * surrogate and an overlong "/": none is valid UTF-8. */
  Text t = text_new ("a\xE9" "b\xE2\x82" "c\xF0\x9F\x98" "d\xED\xA0\x80" "e\xC0\xAF" "f", -1);

  for (guint e = 0; e < G_N_ELEMENTS (all_encodings); e++)
    {
      GlsPositionEncoding enc = all_encodings[e];
      cr_expect_eq (gls_position_count_units (t.text, t.len, enc), t.len);
      for (gsize off = 0; off <= t.len; off++)
        {
          cr_expect_eq (to_offset (&t, 0, (gint64) off, enc), off, "char %zu", off);
          expect_position (&t, off, enc, 0, (gint64) off);
        }
    }
  text_clear (&t);
}

GLS_TEST (position, valid_sequence_after_invalid_bytes)
{
  /* A stray continuation byte before "é": the stray is one unit, é still one
   * code point, and an offset inside é still snaps to its start. */
  Text t = text_new ("\x80\xC3\xA9x", -1);

  cr_expect_eq (to_offset (&t, 0, 1, GLS_POSITION_UTF16), 1);
  cr_expect_eq (to_offset (&t, 0, 2, GLS_POSITION_UTF16), 3);
  cr_expect_eq (to_offset (&t, 0, 2, GLS_POSITION_UTF8), 1);
  expect_position (&t, 2, GLS_POSITION_UTF16, 0, 1);
  expect_position (&t, 3, GLS_POSITION_UTF16, 0, 2);
  text_clear (&t);
}

/* Every offset and every plausible position of random texts against the
 * naive model; boundary offsets must also survive a round trip. */
GLS_TEST (position, randomized_against_reference)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261101);

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      RefDoc ref;

      ref_random_text (rand, s, 24);
      ref_doc_init (&ref, s->str, s->len);
      Text t = text_new (s->str, (gssize) s->len);
      g_autofree char *shown = g_strescape (s->str, NULL);

      cr_assert_eq (gls_line_index_n_lines (t.index), ref.lines->len, "round %u", round);
      for (guint e = 0; e < G_N_ELEMENTS (all_encodings); e++)
        {
          GlsPositionEncoding enc = all_encodings[e];
          for (gsize off = 0; off <= s->len + 1; off++)
            {
              gint64 line, ch, want_line, want_ch;
              gls_offset_to_position (t.index, t.text, t.len, off, enc, &line, &ch);
              ref_offset_to_position (&ref, off, enc, &want_line, &want_ch);
              cr_assert (line == want_line && ch == want_ch,
                         "round %u (%s) offset %zu %s: %ld:%ld want %ld:%ld", round,
                         shown, off, gls_position_encoding_to_string (enc),
                         (long) line, (long) ch, (long) want_line, (long) want_ch);
              gsize back = to_offset (&t, line, ch, enc);
              gsize snapped = ref_position_to_offset (&ref, want_line, want_ch, enc);
              cr_assert_eq (back, snapped, "round %u offset %zu round trip", round, off);
            }
          for (gint64 line = -1; line <= (gint64) ref.lines->len + 1; line++)
            for (gint64 ch = -1; ch <= 40; ch++)
              {
                gsize got = to_offset (&t, line, ch, enc);
                gsize want = ref_position_to_offset (&ref, line, ch, enc);
                cr_assert_eq (got, want, "round %u (%s) %ld:%ld %s", round, shown,
                              (long) line, (long) ch, gls_position_encoding_to_string (enc));
              }
        }
      text_clear (&t);
      ref_doc_clear (&ref);
    }
}

/* Random edits of random texts: the incrementally updated index must equal a
 * fresh one, including edits that join "\r" and "\n" or pull them apart. */
GLS_TEST (lines, incremental_replace_matches_rebuild)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(GString) ins = g_string_new (NULL);

      ref_random_text (rand, s, 16);
      ref_random_text (rand, ins, 4);
      g_autoptr(GlsLineIndex) index = gls_line_index_new (s->str, s->len);
      gsize a = (gsize) g_rand_int_range (rand, 0, (gint32) s->len + 1);
      gsize b = (gsize) g_rand_int_range (rand, 0, (gint32) s->len + 1);
      gsize start = MIN (a, b), end = MAX (a, b);

      g_string_erase (s, (gssize) start, (gssize) (end - start));
      g_string_insert_len (s, (gssize) start, ins->str, (gssize) ins->len);
      gls_line_index_replace (index, s->str, s->len, start, end, ins->len);

      g_autoptr(GlsLineIndex) fresh = gls_line_index_new (s->str, s->len);
      cr_assert (gls_line_index_equal (index, fresh), "round %u: [%zu,%zu) <- %zu bytes",
                 round, start, end, ins->len);
    }
}

/* A document of at least 6 MB whose bytes before the last few lines are
 * made unreadable once indexed: converting near the end must not touch them,
 * which proves the conversion does not scan the document. */
typedef struct
{
  char *base;
  gsize map_len;
  gsize len;
  gsize guarded;    /* bytes [0, guarded) are PROT_NONE */
} Guarded;

static Guarded
guarded_document (void)
{
  static const char line[] = "Rotary position embeddings (RoPE) é € 😀 𐐀 tail\n";
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize line_len = sizeof line - 1;
  gsize n_lines = (6u << 20) / line_len + 1;
  Guarded g = { NULL, 0, n_lines * line_len + 3, 0 };

  g.map_len = (g.len + page - 1) / page * page;
  g.base = mmap (NULL, g.map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  cr_assert (g.base != MAP_FAILED);
  for (gsize i = 0; i < n_lines; i++)
    memcpy (g.base + i * line_len, line, line_len);
  memcpy (g.base + n_lines * line_len, "end", 3);
  /* Keep the last four lines readable, give or take a page. */
  g.guarded = (g.len - 4 * line_len) / page * page;
  return g;
}

GLS_TEST (position, conversion_near_end_reads_only_the_line)
{
  Guarded g = guarded_document ();
  g_autoptr(GlsLineIndex) index = gls_line_index_new (g.base, g.len);
  gsize n = gls_line_index_n_lines (index);
  gsize last_start = gls_line_index_line_start (index, n - 1);
  gsize prev_start = gls_line_index_line_start (index, n - 2);

  cr_assert_gt (g.len, 6u << 20);
  cr_assert_lt (g.guarded, prev_start);
  cr_assert_eq (mprotect (g.base, g.guarded, PROT_NONE), 0);

  /* "Rotary position embeddings (RoPE) é" is 35 UTF-16 units: the end of é
   * is byte 36 of its line. */
  cr_expect_eq (gls_position_to_offset (index, g.base, g.len, (gint64) n - 2, 35,
                                        GLS_POSITION_UTF16), prev_start + 36);
  cr_expect_eq (gls_position_to_offset (index, g.base, g.len, (gint64) n - 1, 3,
                                        GLS_POSITION_UTF32), g.len);
  cr_expect_eq (gls_position_to_offset (index, g.base, g.len, (gint64) n - 2, 1000,
                                        GLS_POSITION_UTF8), last_start - 1);
  for (guint e = 0; e < G_N_ELEMENTS (all_encodings); e++)
    {
      gint64 line, ch;
      gls_offset_to_position (index, g.base, g.len, last_start - 1, all_encodings[e], &line, &ch);
      cr_expect_eq (line, (gint64) n - 2);
      gsize back = gls_position_to_offset (index, g.base, g.len, line, ch, all_encodings[e]);
      cr_expect_eq (back, last_start - 1);
    }

  munmap (g.base, g.map_len);
}

GLS_TEST (lines, incremental_replace_reads_only_the_edit)
{
  Guarded g = guarded_document ();
  g_autoptr(GlsLineIndex) index = gls_line_index_new (g.base, g.len);
  gsize at = g.len - 10;

  /* A same-length replacement in place: two bytes near the end become "\r\n". */
  g.base[at] = '\r';
  g.base[at + 1] = '\n';
  cr_assert_eq (mprotect (g.base, g.guarded, PROT_NONE), 0);
  gls_line_index_replace (index, g.base, g.len, at, at + 2, 2);
  cr_assert_eq (mprotect (g.base, g.guarded, PROT_READ), 0);

  g_autoptr(GlsLineIndex) fresh = gls_line_index_new (g.base, g.len);
  cr_expect (gls_line_index_equal (index, fresh));
  munmap (g.base, g.map_len);
}
