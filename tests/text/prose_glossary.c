/* The prose of glossary files (GlsProse "glossary", prose_glossary.h): which
 * parts are prose, and incremental updates that always equal a fresh
 * extraction. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "text/prose.h"

static const char *const sample =
  "← Back to AI Factory Chat\n"
  "381 technical terms and definitions\n"
  "\n"
  "reward model,preference,ranking\n"
  "**Reward Models** are trained on *preferences*.\n"
  "```python\n"
  "loss = reward_model(x)  # not prose\n"
  "```\n"
  "Use `code spans` sparingly.\n"
  "$$\n"
  "r = f(x)\n"
  "$$\n"
  "ring attention, distributed training\n"
  "**Ring Attention** splits long sequences across devices.\n";

/* Every span of a fresh parse of text[0..len). */
static void
extract_fresh (const char *text, gsize len, GArray *out)
{
  g_autoptr (GlsProse) p = gls_prose_new ("glossary");
  cr_assert (gls_prose_parse (p, text, len, NULL, NULL));
  gls_prose_spans (p, 0, G_MAXUINT32, out);
}

/* "text[start..end) kind" per span, one per line. */
static char *
describe (const char *text, const GArray *spans)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint i = 0; i < spans->len; i++)
    {
      const GlsProseSpan *sp = &g_array_index (spans, GlsProseSpan, i);
      g_string_append_printf (s, "%.*s|%s\n", (int) (sp->end - sp->start), text + sp->start,
                              gls_prose_kind_to_string (sp->kind));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

GLS_TEST (prose_glossary, header_items_and_body_text_only)
{
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  extract_fresh (sample, strlen (sample), spans);
  g_autofree char *got = describe (sample, spans);
  /* Header items (the category too), body text read as Markdown (emphasis
   * markers and code spans cut out); no code block, math or preamble. */
  const char *want =
    "reward model|heading\n"
    "preference|heading\n"
    "ranking|heading\n"
    "Reward Models|text\n"
    "are trained on|text\n"
    "preferences|text\n"
    "Use|text\n"
    "sparingly.|text\n"
    "ring attention|heading\n"
    "distributed training|heading\n"
    "Ring Attention|text\n"
    "splits long sequences across devices.|text\n";
  cr_assert_str_eq (got, want);
  for (guint i = 1; i < spans->len; i++)
    cr_assert (g_array_index (spans, GlsProseSpan, i - 1).end <= g_array_index (spans, GlsProseSpan, i).start);
}

GLS_TEST (prose_glossary, empty_and_garbage)
{
  g_autoptr (GlsProse) p = gls_prose_new ("glossary");
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  const char garbage[] = "\x01\xff\xfe,,,\n**\n```\n$$\n\0\0abc, def\n";

  cr_assert (gls_prose_parse (p, "", 0, NULL, NULL));
  cr_assert_eq (gls_prose_n_spans (p), 0);
  cr_assert (gls_prose_parse (p, garbage, sizeof garbage - 1, NULL, NULL));
  gls_prose_spans (p, 0, G_MAXUINT32, spans);
  for (guint i = 0; i < spans->len; i++)
    cr_assert (g_array_index (spans, GlsProseSpan, i).end <= sizeof garbage - 1);
}

GLS_TEST (prose_glossary, inconsistent_edits_are_refused)
{
  g_autoptr (GlsProse) p = gls_prose_new ("glossary");
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  g_autoptr (GError) error = NULL;

  cr_assert (gls_prose_parse (p, sample, strlen (sample), NULL, NULL));
  guint n = gls_prose_n_spans (p);
  cr_assert_not (gls_prose_reparse_after_edit (p, sample, strlen (sample), 10, 5, 12, changed,
                                                        NULL, &error));
  cr_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  cr_assert_eq (gls_prose_n_spans (p), n);

  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_cancellable_cancel (cancel);
  g_clear_error (&error);
  cr_assert_not (gls_prose_parse (p, sample, strlen (sample), cancel, &error));
  cr_assert_eq (gls_prose_n_spans (p), 0);
}

static void
assert_equals_fresh (GlsProse *p, const GString *text)
{
  g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));

  gls_prose_spans (p, 0, G_MAXUINT32, got);
  extract_fresh (text->str, text->len, want);
  if (got->len != want->len ||
      (got->len > 0 && memcmp (got->data, want->data, got->len * sizeof (GlsProseSpan)) != 0))
    {
      g_autofree char *a = describe (text->str, got);
      g_autofree char *b = describe (text->str, want);
      cr_assert_fail ("incremental spans differ from fresh ones\n--- incremental\n%s--- fresh\n%s", a, b);
    }
}

static const char *const inserts[] = {
  "\n", "lora, adapters\n", "**Bold** ", "```\n", "$$\n", ", alias", "text ", "", "x",
  "new term, other term\n**New**\nDefinition.\n", "- item\n", "| a | b |\n",
};

/* Random edits on one of the real seed files: the changed ranges cover every
 * difference and the spans equal a fresh parse after each edit. */
GLS_TEST (prose_glossary, random_edits_on_a_seed_equal_fresh, .timeout = 300)
{
  g_autofree char *path = g_build_filename (g_getenv ("GLS_SOURCE_ROOT") != NULL ? g_getenv ("GLS_SOURCE_ROOT") : GLS_TEST_DATA "/../..",
                                            "seeds", "001_755c1839fcc16f0e.txt", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  cr_assert (g_file_get_contents (path, &contents, &len, NULL), "%s", path);
  /* A slice keeps the test fast; it starts at a header line. */
  g_autoptr (GString) text = g_string_new_len (contents, MIN (len, 20000));
  g_autoptr (GlsProse) p = gls_prose_new ("glossary");
  GRand *rand = g_rand_new_with_seed (7);

  cr_assert (gls_prose_parse (p, text->str, text->len, NULL, NULL));
  assert_equals_fresh (p, text);
  for (int round = 0; round < 150; round++)
    {
      guint32 start = (guint32) g_rand_int_range (rand, 0, (gint32) text->len + 1);
      guint32 del = (guint32) g_rand_int_range (rand, 0, 40);
      guint32 old_end = MIN ((guint32) text->len, start + del);
      guint pick = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts));
      const char *ins = inserts[pick];
      g_autoptr (GArray) before = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));

      gls_prose_spans (p, 0, G_MAXUINT32, before);
      g_string_erase (text, start, old_end - start);
      g_string_insert (text, start, ins);
      guint32 new_end = start + (guint32) strlen (ins);
      cr_assert (gls_prose_reparse_after_edit (p, text->str, text->len, start, old_end, new_end,
                                                        changed, NULL, NULL));
      assert_equals_fresh (p, text);
      /* Outside the changed ranges, the spans are the old ones shifted. */
      g_autoptr (GArray) after = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      gls_prose_spans (p, 0, G_MAXUINT32, after);
      gint64 delta = (gint64) new_end - old_end;
      for (guint i = 0; i < before->len; i++)
        {
          GlsProseSpan s = g_array_index (before, GlsProseSpan, i);
          if (s.end > start && s.start < old_end)
            continue;
          if (s.start >= old_end)
            s.start = (guint32) (s.start + delta), s.end = (guint32) (s.end + delta);
          gboolean in_changed = FALSE;
          for (guint k = 0; k < changed->len && !in_changed; k++)
            {
              GlsByteRange r = g_array_index (changed, GlsByteRange, k);
              in_changed = s.end >= r.start && s.start <= r.end;
            }
          if (in_changed)
            continue;
          gboolean found = FALSE;
          for (guint k = 0; k < after->len && !found; k++)
            found = memcmp (&g_array_index (after, GlsProseSpan, k), &s, sizeof s) == 0;
          cr_assert (found, "span %u..%u outside the changed ranges was lost", s.start, s.end);
        }
    }
  g_rand_free (rand);
}
