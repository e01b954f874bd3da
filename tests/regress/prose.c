/* Regression tests for what fuzz_sync found in incremental prose extraction:
 * a Python docstring of several paragraphs (one span each) that stops being
 * a docstring after an edit above it kept its later paragraphs in the span
 * store, because only the first DOCSTRING span after the edit was
 * re-extracted. The store must always equal a full extraction of the same
 * tree, and a fresh parse wherever the tree has no syntax errors. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "text/prose.h"

static char *
spans_string (const GArray *spans, const char *text)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < spans->len; i++)
    {
      const GlsProseSpan *sp = &g_array_index (spans, GlsProseSpan, i);
      g_string_append_printf (s, "%s%s:%.*s", i ? "|" : "", gls_prose_kind_to_string (sp->kind),
                              (int) (sp->end - sp->start), text + sp->start);
    }
  return g_string_free (s, FALSE);
}

/* Replaces [start, old_end) of before with ins and checks the incremental
 * result against a full extraction and a fresh parse. */
static void
edit_and_check (const char *lang, const char *before, gsize before_len, guint32 start,
                guint32 old_end, const char *ins, gsize ins_len)
{
  g_autoptr (GlsProse) inc = gls_prose_new (lang);
  g_autoptr (GlsProse) fresh = gls_prose_new (lang);
  g_autoptr (GString) text = g_string_new_len (before, (gssize) before_len);
  g_autoptr (GArray) store = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  g_autoptr (GArray) full = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));

  cr_assert (gls_prose_parse (inc, before, before_len, NULL, NULL));
  g_string_erase (text, start, old_end - start);
  g_string_insert_len (text, start, ins, (gssize) ins_len);
  cr_assert (gls_prose_reparse_after_edit (inc, text->str, text->len, start, old_end,
                                           start + (guint32) ins_len, NULL, NULL, NULL));
  cr_assert (gls_prose_parse (fresh, text->str, text->len, NULL, NULL));
  gls_prose_spans (inc, 0, G_MAXUINT32, store);
  gls_prose_extract_all (inc, text->str, text->len, full);
  gls_prose_spans (fresh, 0, G_MAXUINT32, want);

  g_autofree char *got_s = spans_string (store, text->str);
  g_autofree char *full_s = spans_string (full, text->str);
  g_autofree char *want_s = spans_string (want, text->str);
  cr_expect_str_eq (got_s, full_s, "store differs from a full extraction of the same tree");
  if (!gls_prose_has_errors (inc) && !gls_prose_has_errors (fresh))
    cr_expect_str_eq (got_s, want_s, "incremental differs from a fresh parse");
}

#define EDIT(lang, before, start, old_end, ins) \
  edit_and_check (lang, before, sizeof before - 1, start, old_end, ins, sizeof ins - 1)

GLS_TEST (regress_prose, statement_inserted_above_module_docstring)
{
  EDIT ("python", "\"\"\"First paragraph.\n\nSecond paragraph.\"\"\"\nx = 1\n", 0, 0, "y = 2\n");
}

GLS_TEST (regress_prose, statement_inserted_above_function_docstring)
{
  EDIT ("python",
        "def g():\n    \"\"\"First paragraph.\n\n    Second paragraph.\n\n    Third.\"\"\"\n"
        "    return 1\n", 9, 9, "    z = 0\n");
}

GLS_TEST (regress_prose, docstring_demoted_in_a_tree_with_errors)
{
  /* The fuzzer's input, reduced: the shebang becomes a comment line with
   * control bytes, and "def f(" leaves the tree with an error. */
  EDIT ("python",
        "#!/usr/bin/env python\n\"\"\"First paragraph.\n\nSecond paragraph.\"\"\"\ndef f(\n", 1,
        22, "\0\x02\x01");
  EDIT ("python", "\"\"\"First paragraph.\n\nSecond paragraph.\"\"\"\ndef f(\n", 0, 0, "x\n");
}

/* fuzz_sync (long run by hand): two edits of a Python file whose first
 * line is a comment: text appended at the end, then a quote and a newline
 * typed at the very start (the tree has errors). The second reparse left
 * the old comment span beside the re-extracted one: overlapping spans in
 * the store. */
GLS_TEST (regress_prose, quote_typed_before_a_leading_comment)
{
  static const char init[] = "#!/usr/bin/enlobin/env python\n\"\"\"Modul\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""\x00""e docstring about LoRA.\n\nSecond paragraph.\"\"\"\ndef f():\n    '''Function docst\xf2""in";
  static const char ins1[] = "siton embeddi= \"/* not a commen|\n\x02""\x01""\x00""\x01""\x03""\x00""\xf5""\x01""\x00""\x01""P\x00""\x03""\"";
  g_autoptr (GlsProse) inc = gls_prose_new ("python");
  g_autoptr (GString) text = g_string_new_len (init, sizeof init - 1);
  g_autoptr (GArray) store = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  g_autoptr (GArray) full = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));

  cr_assert (gls_prose_parse (inc, text->str, text->len, NULL, NULL));
  guint32 at = (guint32) text->len;
  g_string_append_len (text, ins1, sizeof ins1 - 1);
  cr_assert (gls_prose_reparse_after_edit (inc, text->str, text->len, at, at,
                                           at + (guint32) (sizeof ins1 - 1), NULL, NULL, NULL));
  g_string_prepend (text, "'\n");
  cr_assert (gls_prose_reparse_after_edit (inc, text->str, text->len, 0, 0, 2, NULL, NULL, NULL));

  gls_prose_spans (inc, 0, G_MAXUINT32, store);
  for (guint i = 1; i < store->len; i++)
    cr_expect_geq (g_array_index (store, GlsProseSpan, i).start,
                   g_array_index (store, GlsProseSpan, i - 1).end, "span %u overlaps span %u", i, i - 1);
  gls_prose_extract_all (inc, text->str, text->len, full);
  g_autofree char *got_s = spans_string (store, text->str);
  g_autofree char *full_s = spans_string (full, text->str);
  cr_expect_str_eq (got_s, full_s, "store differs from a full extraction of the same tree");
}
