/* Tests of lsp/text/document.[ch] and lsp/text/store.[ch]. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "text/document.h"
#include "text/store.h"
#include "common/leak-check.h"
#include "reference.h"


#define URI "file:///notes/glossary.md"

static void
expect_text (GlsDocument *doc, const char *want, gsize want_len)
{
  gsize len = 0;
  const char *text = gls_document_get_text (doc, &len);
  g_autofree char *got_shown = g_strescape (text, NULL);

  cr_expect_eq (len, want_len, "length %zu, want %zu (%s)", len, want_len, got_shown);
  cr_expect (len == want_len && memcmp (text, want, len) == 0, "text %s", got_shown);
  cr_expect_eq (text[len], '\0', "NUL-terminated");
  cr_expect_eq (gls_document_get_length (doc), len);

  g_autoptr(GlsLineIndex) fresh = gls_line_index_new (text, len);
  cr_expect (gls_line_index_equal (gls_document_get_line_index (doc), fresh),
             "line index up to date");
}

#define EXPECT_TEXT(doc, literal) expect_text ((doc), (literal), sizeof (literal) - 1)

static void
edit (GlsDocument *doc, gint64 sl, gint64 sc, gint64 el, gint64 ec, const char *text,
      GlsPositionEncoding enc)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = gls_document_apply_change (doc, TRUE, sl, sc, el, ec, text, -1, enc, &error);
  cr_assert (ok, "edit failed: %s", error ? error->message : "?");
}

GLS_TEST (document, new_and_accessors)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 7, "a\0b\nc", 5);

  cr_expect_str_eq (gls_document_get_uri (doc), URI);
  cr_expect_str_eq (gls_document_get_language_id (doc), "markdown");
  cr_expect_eq (gls_document_get_version (doc), 7);
  EXPECT_TEXT (doc, "a\0b\nc");
  cr_expect_eq (gls_line_index_n_lines (gls_document_get_line_index (doc)), 2);
  gls_document_set_version (doc, 9);
  cr_expect_eq (gls_document_get_version (doc), 9);

  g_autoptr(GlsDocument) nul_terminated = gls_document_new (URI, NULL, 0, "xyz", -1);
  EXPECT_TEXT (nul_terminated, "xyz");
  cr_expect_str_eq (gls_document_get_language_id (nul_terminated), "");
}

GLS_TEST (document, full_replacement)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, "old\ntext", -1);
  g_autoptr(GError) error = NULL;

  /* Positions are ignored without a range, even absurd ones. */
  cr_assert (gls_document_apply_change (doc, FALSE, 9, 9, 0, 0, "new\r\nbody\r", -1,
                                        GLS_POSITION_UTF16, &error));
  EXPECT_TEXT (doc, "new\r\nbody\r");
  cr_expect_eq (gls_line_index_n_lines (gls_document_get_line_index (doc)), 3);
  cr_assert (gls_document_apply_change (doc, FALSE, 0, 0, 0, 0, "", 0,
                                        GLS_POSITION_UTF16, &error));
  EXPECT_TEXT (doc, "");
}

GLS_TEST (document, insert_delete_replace)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, "first line\nsecond line\nthird", -1);

  edit (doc, 0, 0, 0, 0, ">> ", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, ">> first line\nsecond line\nthird");
  edit (doc, 1, 6, 1, 6, " new", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, ">> first line\nsecond new line\nthird");
  edit (doc, 0, 3, 0, 9, "", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, ">> line\nsecond new line\nthird");
  /* Across lines: from inside line 0 to inside line 2. */
  edit (doc, 0, 2, 2, 2, "X\nY", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, ">>X\nYird");
  /* At the end, with the end spelled as a position past it. */
  edit (doc, 1, 4, 1, 4, "\n", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, ">>X\nYird\n");
  edit (doc, 2, 0, 2, 0, "tail", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, ">>X\nYird\ntail");
  edit (doc, 1, 2, 50, 0, "", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, ">>X\nYi");
  /* Deleting the line break joins the lines. */
  edit (doc, 0, 3, 1, 0, "", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, ">>XYi");
}

GLS_TEST (document, edits_on_an_empty_document)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "plaintext", 1, "", 0);

  edit (doc, 0, 0, 0, 0, "", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, "");
  edit (doc, 3, 4, 5, 6, "hi", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, "hi");
  edit (doc, 0, 0, 0, 2, "", GLS_POSITION_UTF8);
  EXPECT_TEXT (doc, "");
}

GLS_TEST (document, edits_in_each_encoding)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, "a😀é|", -1);

  /* The emoji is units [1, 3) in UTF-16, [1, 2) in UTF-32, [1, 5) in UTF-8. */
  edit (doc, 0, 1, 0, 3, "<e>", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, "a<e>é|");
  edit (doc, 0, 4, 0, 5, "E", GLS_POSITION_UTF32);
  EXPECT_TEXT (doc, "a<e>E|");
  edit (doc, 0, 1, 0, 1, "😀", GLS_POSITION_UTF8);
  EXPECT_TEXT (doc, "a😀<e>E|");
  edit (doc, 0, 1, 0, 5, "", GLS_POSITION_UTF8);
  EXPECT_TEXT (doc, "a<e>E|");
}

GLS_TEST (document, range_inside_a_code_point_snaps_to_its_start)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, "a😀b", -1);

  /* UTF-16 2 is between the surrogates: both ends snap back to the emoji's
   * start, so the insertion lands before it and nothing is cut in half. */
  edit (doc, 0, 2, 0, 2, "x", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, "ax😀b");
  /* UTF-8 4 is inside the emoji (bytes [2, 6)): the deletion stops before it. */
  edit (doc, 0, 1, 0, 4, "", GLS_POSITION_UTF8);
  EXPECT_TEXT (doc, "a😀b");
}

GLS_TEST (document, line_endings_join_and_split)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, "a\rb", -1);

  /* "\n" typed at the start of the line after a lone "\r" makes one "\r\n". */
  edit (doc, 1, 0, 1, 0, "\n", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, "a\r\nb");
  cr_expect_eq (gls_line_index_n_lines (gls_document_get_line_index (doc)), 2);
  /* "\r" at the start of a line after "\n" is a new terminator. */
  edit (doc, 1, 0, 1, 0, "\r", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, "a\r\n\rb");
  cr_expect_eq (gls_line_index_n_lines (gls_document_get_line_index (doc)), 3);
  /* Deleting what separates "\r" from "\n" joins them. */
  g_autoptr(GlsDocument) split = gls_document_new (URI, "markdown", 1, "a\rX\nb", -1);
  edit (split, 1, 0, 1, 1, "", GLS_POSITION_UTF16);
  EXPECT_TEXT (split, "a\r\nb");
  cr_expect_eq (gls_line_index_n_lines (gls_document_get_line_index (split)), 2);
}

GLS_TEST (document, reversed_range_is_an_error_and_changes_nothing)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 3, "one\ntwo", -1);
  const gint64 cases[][4] = {
    { 0, 2, 0, 1 },
    { 1, 0, 0, 3 },
    { 9, 7, 9, 5 },     /* both past the end: still reversed as sent */
    { 0, 5, 0, 4 },     /* both past the line end */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = gls_document_apply_change (doc, TRUE, cases[i][0], cases[i][1],
                                               cases[i][2], cases[i][3], "!", -1,
                                               GLS_POSITION_UTF16, &error);
      cr_expect_not (ok, "case %u", i);
      cr_expect (g_error_matches (error, GLS_DOCUMENT_ERROR,
                                  GLS_DOCUMENT_ERROR_INVALID_RANGE), "case %u", i);
      EXPECT_TEXT (doc, "one\ntwo");
    }
  cr_expect_eq (gls_document_get_version (doc), 3);
}

GLS_TEST (document, insert_text_may_alias_the_document)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, "abcdef", -1);
  g_autoptr(GError) error = NULL;
  const char *text = gls_document_get_text (doc, NULL);

  cr_assert (gls_document_apply_change (doc, TRUE, 0, 0, 0, 0, text + 2, 3,
                                        GLS_POSITION_UTF16, &error));
  EXPECT_TEXT (doc, "cdeabcdef");
  text = gls_document_get_text (doc, NULL);
  cr_assert (gls_document_apply_change (doc, FALSE, 0, 0, 0, 0, text + 4, 2,
                                        GLS_POSITION_UTF16, &error));
  EXPECT_TEXT (doc, "bc");
}

GLS_TEST (document, snapshots_are_copy_on_write)
{
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, "alpha\nbeta", -1);
  GlsDocument *snap = gls_document_snapshot (doc);
  const char *before = gls_document_get_text (snap, NULL);

  cr_expect_eq (gls_document_get_text (doc, NULL), before, "shared until edited");
  edit (doc, 1, 0, 1, 4, "gamma", GLS_POSITION_UTF16);
  gls_document_set_version (doc, 2);
  EXPECT_TEXT (doc, "alpha\ngamma");
  EXPECT_TEXT (snap, "alpha\nbeta");
  cr_expect_eq (gls_document_get_text (snap, NULL), before, "snapshot text never moves");
  cr_expect_eq (gls_document_get_version (snap), 1);
  cr_expect_str_eq (gls_document_get_uri (snap), URI);

  /* Editing the snapshot leaves the document alone. */
  edit (snap, 0, 0, 0, 5, "A", GLS_POSITION_UTF16);
  EXPECT_TEXT (snap, "A\nbeta");
  EXPECT_TEXT (doc, "alpha\ngamma");
  gls_document_unref (snap);

  /* Unshared again: a shrinking edit happens in place, no copy. */
  const char *own = gls_document_get_text (doc, NULL);
  edit (doc, 0, 0, 0, 1, "", GLS_POSITION_UTF16);
  EXPECT_TEXT (doc, "lpha\ngamma");
  cr_expect_eq (gls_document_get_text (doc, NULL), own);

  /* A ref is the same handle, not a snapshot: it sees the edit. */
  g_autoptr(GlsDocument) same = gls_document_ref (doc);
  edit (doc, 0, 0, 0, 0, "+", GLS_POSITION_UTF16);
  EXPECT_TEXT (same, "+lpha\ngamma");
}

typedef struct
{
  GlsDocument *snap;
  char *checksum;
  gboolean all_equal;
} Reader;

static gpointer
read_snapshot (gpointer data)
{
  Reader *r = data;
  r->all_equal = TRUE;
  for (guint i = 0; i < 200; i++)
    {
      gsize len;
      const char *text = gls_document_get_text (r->snap, &len);
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                          (const guchar *) text, len);
      if (g_strcmp0 (sum, r->checksum) != 0)
        r->all_equal = FALSE;
    }
  return NULL;
}

GLS_TEST (document, snapshot_read_by_a_thread_while_edits_continue)
{
  g_autoptr(GString) body = g_string_new (NULL);
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (body, "line %u with 😀 and é\n", i);
  g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, body->str, (gssize) body->len);
  Reader r = { gls_document_snapshot (doc), NULL, FALSE };
  r.checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) body->str, body->len);

  GThread *thread = g_thread_new ("reader", read_snapshot, &r);
  for (guint i = 0; i < 500; i++)
    edit (doc, i % 1000, 3, i % 1000 + 1, 0, i % 2 ? "x\n" : "\r\n", GLS_POSITION_UTF16);
  g_thread_join (thread);

  cr_expect (r.all_equal, "the snapshot never changed");
  g_autoptr(GlsLineIndex) fresh = gls_line_index_new (gls_document_get_text (doc, NULL),
                                                      gls_document_get_length (doc));
  cr_expect (gls_line_index_equal (gls_document_get_line_index (doc), fresh));
  gls_document_unref (r.snap);
  g_free (r.checksum);
}

/* The main check: random edits in random encodings, with out-of-range and
 * mid-code-point positions, applied both to a document and (through the naive
 * reference positions) to a plain string; texts and line indexes must agree
 * after every step, and snapshots must never change. */
GLS_TEST (document, randomized_edits_against_plain_string)
{
  const guint32 seed = 424242;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint edits = 0, errors = 0;

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) model = g_string_new (NULL);
      ref_random_text (rand, model, 20);
      g_autoptr(GlsDocument) doc = gls_document_new (URI, "markdown", 1, model->str,
                                                     (gssize) model->len);
      g_autoptr(GlsDocument) snap = NULL;
      g_autoptr(GString) snap_model = NULL;

      for (guint step = 0; step < 40; step++)
        {
          GlsPositionEncoding enc = (GlsPositionEncoding) g_rand_int_range (rand, 0, 3);
          g_autoptr(GString) ins = g_string_new (NULL);
          g_autoptr(GError) error = NULL;

          ref_random_text (rand, ins, step % 7 == 0 ? 12 : 3);
          if (g_rand_int_range (rand, 0, 25) == 0)
            {
              cr_assert (gls_document_apply_change (doc, FALSE, 0, 0, 0, 0, ins->str,
                                                    (gssize) ins->len, enc, &error));
              g_string_assign (model, "");
              g_string_append_len (model, ins->str, (gssize) ins->len);
            }
          else
            {
              RefDoc ref;
              ref_doc_init (&ref, model->str, model->len);
              gint32 max_line = (gint32) ref.lines->len + 1;
              gint64 p[2][2];
              for (int k = 0; k < 2; k++)
                {
                  p[k][0] = g_rand_int_range (rand, -1, max_line + 1);
                  p[k][1] = g_rand_int_range (rand, -1, 30);
                }
              gboolean reversed = p[0][0] > p[1][0] ||
                                  (p[0][0] == p[1][0] && p[0][1] > p[1][1]);
              /* Mostly well-formed ranges; keep a few reversed ones. */
              if (reversed && g_rand_int_range (rand, 0, 10) > 0)
                {
                  gint64 t0 = p[0][0], t1 = p[0][1];
                  p[0][0] = p[1][0], p[0][1] = p[1][1];
                  p[1][0] = t0, p[1][1] = t1;
                  reversed = FALSE;
                }
              /* Negative values count as 0 before ordering. */
              reversed = MAX (p[0][0], 0) > MAX (p[1][0], 0) ||
                         (MAX (p[0][0], 0) == MAX (p[1][0], 0) &&
                          MAX (p[0][1], 0) > MAX (p[1][1], 0));

              gsize start = ref_position_to_offset (&ref, p[0][0], p[0][1], enc);
              gsize end = ref_position_to_offset (&ref, p[1][0], p[1][1], enc);
              ref_doc_clear (&ref);

              gboolean ok = gls_document_apply_change (doc, TRUE, p[0][0], p[0][1],
                                                       p[1][0], p[1][1], ins->str,
                                                       (gssize) ins->len, enc, &error);
              cr_assert_eq (ok, !reversed, "seed %u round %u step %u", seed, round, step);
              if (ok)
                {
                  cr_assert_leq (start, end);
                  g_string_erase (model, (gssize) start, (gssize) (end - start));
                  g_string_insert_len (model, (gssize) start, ins->str, (gssize) ins->len);
                  edits++;
                }
              else
                errors++;
            }

          gsize len;
          const char *text = gls_document_get_text (doc, &len);
          cr_assert (len == model->len && memcmp (text, model->str, len) == 0,
                     "seed %u round %u step %u: text differs", seed, round, step);
          g_autoptr(GlsLineIndex) fresh = gls_line_index_new (model->str, model->len);
          cr_assert (gls_line_index_equal (gls_document_get_line_index (doc), fresh),
                     "seed %u round %u step %u: line index differs", seed, round, step);

          if (snap != NULL)
            {
              const char *st = gls_document_get_text (snap, &len);
              cr_assert (len == snap_model->len && memcmp (st, snap_model->str, len) == 0,
                         "seed %u round %u step %u: snapshot changed", seed, round, step);
            }
          if (g_rand_int_range (rand, 0, 5) == 0)
            {
              g_clear_pointer (&snap, gls_document_unref);
              if (snap_model != NULL)
                g_string_free (g_steal_pointer (&snap_model), TRUE);
              snap = gls_document_snapshot (doc);
              snap_model = g_string_new_len (model->str, (gssize) model->len);
            }
        }
    }
  /* The generator must really exercise both paths. */
  cr_expect_gt (edits, 5000);
  cr_expect_gt (errors, 50);
}

GLS_TEST (store, open_get_change_close)
{
  g_autoptr(GlsDocumentStore) store = gls_document_store_new ();

  cr_expect_null (gls_document_store_get (store, URI));
  GlsDocument *doc = gls_document_store_open (store, URI, "markdown", 1, "text", -1);
  cr_assert_not_null (doc);
  cr_expect_eq (gls_document_store_get (store, URI), doc);
  cr_expect_eq (gls_document_store_size (store), 1);

  edit (gls_document_store_get (store, URI), 0, 4, 0, 4, "!", GLS_POSITION_UTF16);
  EXPECT_TEXT (gls_document_store_get (store, URI), "text!");

  /* A second open replaces the document. */
  GlsDocument *again = gls_document_store_open (store, URI, "plaintext", 5, "new", -1);
  cr_expect_eq (gls_document_store_get (store, URI), again);
  cr_expect_eq (gls_document_store_size (store), 1);
  cr_expect_eq (gls_document_get_version (again), 5);
  EXPECT_TEXT (again, "new");

  cr_expect (gls_document_store_close (store, URI));
  cr_expect_not (gls_document_store_close (store, URI));
  cr_expect_null (gls_document_store_get (store, URI));
  cr_expect_eq (gls_document_store_size (store), 0);
}

GLS_TEST (store, list_returns_sorted_snapshots_that_outlive_close)
{
  g_autoptr(GlsDocumentStore) store = gls_document_store_new ();

  gls_document_store_open (store, "file:///b.md", "markdown", 1, "bee", -1);
  gls_document_store_open (store, "file:///a.md", "markdown", 1, "ant", -1);
  gls_document_store_open (store, "file:///c.py", "python", 1, "# cat", -1);

  g_autoptr(GPtrArray) list = gls_document_store_list (store);
  cr_assert_eq (list->len, 3);
  cr_expect_str_eq (gls_document_get_uri (g_ptr_array_index (list, 0)), "file:///a.md");
  cr_expect_str_eq (gls_document_get_uri (g_ptr_array_index (list, 1)), "file:///b.md");
  cr_expect_str_eq (gls_document_get_uri (g_ptr_array_index (list, 2)), "file:///c.py");

  edit (gls_document_store_get (store, "file:///a.md"), 0, 0, 0, 3, "ape", GLS_POSITION_UTF16);
  cr_expect (gls_document_store_close (store, "file:///b.md"));
  EXPECT_TEXT (g_ptr_array_index (list, 0), "ant");
  EXPECT_TEXT (g_ptr_array_index (list, 1), "bee");
  EXPECT_TEXT (gls_document_store_get (store, "file:///a.md"), "ape");
}
