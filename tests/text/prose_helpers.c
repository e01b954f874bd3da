/* prose_helpers.c — the bodies of prose_helpers.h (one home, so a test that
 * does not use a helper does not warn about it). */
#include "prose_helpers.h"

/* text[0..len) with C escapes; unlike g_strescape it goes on past NUL. */
char *
prose_escape (const char *text, gsize len)
{
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    {
      char one[2] = { text[i], 0 };
      if (text[i] == '\0')
        g_string_append (s, "\\0");
      else
        {
          g_autofree char *e = g_strescape (one, NULL);
          g_string_append (s, e);
        }
    }
  return g_string_free (s, FALSE);
}

/* "kind:text|kind:text..." with the extracted substrings (newlines as \n). */
char *
prose_spans_string (const GlsProse *p, const char *text)
{
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (p, 0, G_MAXUINT32, spans);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < spans->len; i++)
    {
      GlsProseSpan *sp = &g_array_index (spans, GlsProseSpan, i);
      g_autofree char *shown = prose_escape (text + sp->start, sp->end - sp->start);
      g_string_append_printf (s, "%s%s:%s", i ? "|" : "", gls_prose_kind_to_string (sp->kind),
                              shown);
    }
  return g_string_free (s, FALSE);
}

/* The span invariants of prose.h, for any document. */
void
prose_check_invariants (const GlsProse *p, const char *text, gsize len)
{
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (p, 0, G_MAXUINT32, spans);
  guint32 prev_end = 0;
  for (guint i = 0; i < spans->len; i++)
    {
      GlsProseSpan *s = &g_array_index (spans, GlsProseSpan, i);
      cr_assert (s->start < s->end && s->end <= len, "span %u [%u,%u) in %zu bytes", i, s->start,
                 s->end, len);
      cr_assert (s->start >= prev_end, "span %u [%u,%u) overlaps or is out of order (prev end %u)",
                 i, s->start, s->end, prev_end);
      cr_assert (!g_ascii_isspace (text[s->start]) && !g_ascii_isspace (text[s->end - 1]),
                 "span %u [%u,%u) is not trimmed", i, s->start, s->end);
      gboolean word = FALSE;
      for (guint32 k = s->start; k < s->end && !word; k++)
        word = (guchar) text[k] >= 0x80 || g_ascii_isalnum (text[k]);
      cr_assert (word, "span %u [%u,%u) has no word byte", i, s->start, s->end);
      prev_end = s->end;
    }
}

char *
prose_extract (const char *language_id, const char *text, gsize len)
{
  g_autoptr (GlsProse) p = gls_prose_new (language_id);
  g_autoptr (GError) error = NULL;
  cr_assert (gls_prose_parse (p, text, len, NULL, &error), "parse: %s",
             error ? error->message : "?");
  prose_check_invariants (p, text, len);
  return prose_spans_string (p, text);
}


/* Old spans mapped through an edit: kept before it, shifted after it, dropped
 * where the edit touched them; then those not touching a changed range. */
static GArray *
prose_outside_changed (const GArray *spans, const GArray *changed, gboolean old, guint32 start,
                       guint32 old_end, gint64 delta)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  for (guint i = 0; i < spans->len; i++)
    {
      GlsProseSpan s = g_array_index (spans, GlsProseSpan, i);
      if (old)
        {
          if (s.start >= old_end && s.start > start)
            {
              s.start = (guint32) (s.start + delta);
              s.end = (guint32) (s.end + delta);
            }
          else if (s.end > start)
            continue;
        }
      gboolean inside = FALSE;
      for (guint k = 0; k < changed->len && !inside; k++)
        {
          GlsByteRange r = g_array_index (changed, GlsByteRange, k);
          inside = s.start <= r.end && s.end >= r.start;
        }
      if (!inside)
        g_array_append_val (out, s);
    }
  return out;
}

/* Applies n random edits (snippets from palette inserted, ranges deleted or
 * replaced) to base; after each, the incremental result must equal a fresh
 * parse, and outside the reported changed ranges the old spans must stand. */
void
prose_differential (const char *language_id, const char *base, const char *const *palette,
                    guint32 seed, guint n)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GString) text = g_string_new (base);
  g_autoptr (GlsProse) inc = gls_prose_new (language_id);
  g_autoptr (GError) error = NULL;
  cr_assert (gls_prose_parse (inc, text->str, text->len, NULL, &error));
  guint n_palette = g_strv_length ((char **) palette);
  for (guint step = 0; step < n; step++)
    {
      guint32 len = (guint32) text->len;
      guint32 start = g_rand_int_range (rand, 0, (gint32) len + 1);
      guint32 old_end = start;
      int op = g_rand_int_range (rand, 0, 3);
      if (op != 0 && len > start)
        old_end = start + g_rand_int_range (rand, 0, (gint32) MIN (len - start, 40) + 1);
      const char *ins = op == 1 ? "" : palette[g_rand_int_range (rand, 0, (gint32) n_palette)];
      if (step % 16 == 15 && gls_prose_has_errors (inc))
        {
          /* Back to the (valid) base by one whole-document replacement, so
           * that later steps compare with fresh parses again. */
          start = 0;
          old_end = len;
          ins = base;
        }
      g_autoptr (GArray) before = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      gls_prose_spans (inc, 0, G_MAXUINT32, before);
      g_autofree char *old_text = g_strdup (text->str);

      g_string_erase (text, start, old_end - start);
      g_string_insert (text, start, ins);
      guint32 new_end = start + (guint32) strlen (ins);
      g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
      cr_assert (gls_prose_reparse_after_edit (inc, text->str, text->len, start, old_end, new_end,
                                               changed, NULL, &error),
                 "reparse: %s", error ? error->message : "?");

      g_autoptr (GlsProse) fresh = gls_prose_new (language_id);
      cr_assert (gls_prose_parse (fresh, text->str, text->len, NULL, &error));
      g_autofree char *want = prose_spans_string (fresh, text->str);
      g_autofree char *got = prose_spans_string (inc, text->str);
      g_autofree char *shown_old = g_strescape (old_text, NULL);
      g_autofree char *shown_ins = g_strescape (ins, NULL);
      prose_check_invariants (inc, text->str, text->len);
      /* The span store must always equal a full extraction of the same tree. */
      g_autoptr (GArray) store = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      g_autoptr (GArray) anew = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      gls_prose_spans (inc, 0, G_MAXUINT32, store);
      gls_prose_extract_all (inc, text->str, text->len, anew);
      cr_assert (store->len == anew->len &&
                 (store->len == 0 ||
                  memcmp (store->data, anew->data, store->len * sizeof (GlsProseSpan)) == 0),
                 "%s seed %u step %u: [%u,%u) -> \"%s\" in \"%s\": incremental store differs "
                 "from a full extraction of the same tree\n  got  %s", language_id, seed, step,
                 start, old_end, shown_ins, shown_old, got);
      /* Inside syntax errors tree-sitter's incremental tree may differ from a
       * fresh one (prose.h): compare with a fresh parse everywhere else. */
      if (gls_prose_has_errors (inc) || gls_prose_has_errors (fresh))
        continue;
      cr_assert (strcmp (got, want) == 0, "%s seed %u step %u: [%u,%u) -> \"%s\" in \"%s\"\n  got  %s\n  want %s",
                 language_id, seed, step, start, old_end, shown_ins, shown_old, got, want);
      g_autoptr (GArray) after = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      gls_prose_spans (fresh, 0, G_MAXUINT32, after);
      for (guint k = 0; k < changed->len; k++)
        {
          GlsByteRange r = g_array_index (changed, GlsByteRange, k);
          cr_assert (r.start <= r.end && r.end <= text->len, "changed range in bounds");
          if (k > 0)
            cr_assert (g_array_index (changed, GlsByteRange, k - 1).end <= r.start,
                       "changed ranges sorted and disjoint");
        }
      gint64 delta = (gint64) new_end - old_end;
      g_autoptr (GArray) kept_old = prose_outside_changed (before, changed, TRUE, start, old_end,
                                                           delta);
      g_autoptr (GArray) kept_new = prose_outside_changed (after, changed, FALSE, 0, 0, 0);
      cr_assert_eq (kept_old->len, kept_new->len,
                    "%s seed %u step %u: outside the changed ranges %u old vs %u new spans",
                    language_id, seed, step, kept_old->len, kept_new->len);
      cr_assert (kept_old->len == 0 ||
                 memcmp (kept_old->data, kept_new->data, kept_old->len * sizeof (GlsProseSpan)) == 0,
                 "%s seed %u step %u: spans outside the changed ranges moved", language_id, seed,
                 step);
    }
}

/* One edit, then the incremental result must equal a fresh parse. */
void
edit_matches_fresh (const char *lang, const char *before, const char *old, const char *repl)
{
  g_autoptr (GString) text = g_string_new (before);
  const char *at = strstr (before, old);
  cr_assert (at != NULL);
  guint32 start = (guint32) (at - before);
  g_autoptr (GlsProse) p = gls_prose_new (lang);
  cr_assert (gls_prose_parse (p, text->str, text->len, NULL, NULL));
  g_string_erase (text, start, strlen (old));
  g_string_insert (text, start, repl);
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  cr_assert (gls_prose_reparse_after_edit (p, text->str, text->len, start,
                                           start + (guint32) strlen (old),
                                           start + (guint32) strlen (repl), changed, NULL, NULL));
  g_autofree char *got = prose_spans_string (p, text->str);
  g_autofree char *want = prose_extract (lang, text->str, text->len);
  cr_expect (strcmp (got, want) == 0, "%s -> %s\n  got  %s\n  want %s", before, text->str, got,
             want);
}
