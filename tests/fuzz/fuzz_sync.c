/* fuzz_sync.c — libFuzzer target: incremental text sync, differentially.
 *
 * The input drives a session the way didOpen/didChange do in the server
 * (lsp/server/features/sync.c): a GlsDocument and a GlsProse are edited step by step,
 * each change given as LSP positions in the chosen encoding (clamped, past
 * the end, inside code points, reversed), and the byte range of the edit is
 * taken from the document before the change, exactly as the server does.
 *
 * After every step the incremental state is compared with applying the full
 * text: a plain byte splice of a reference buffer, a fresh GlsDocument of it
 * and a fresh parse. Document text and line index must be identical; spans
 * must be identical wherever prose.h promises it (everywhere except inside
 * tree-sitter syntax errors); outside the changed ranges reported by
 * gls_prose_reparse_after_edit the old spans must stand (shifted); a
 * snapshot taken before the edit must not change.
 *
 * Input layout: language byte, encoding byte, initial text (u16 length,
 * capped at 4 KiB), then edits until the input ends (at most 64): an op byte,
 * four position bytes, an insertion (u8 length, capped at 63).
 */
#include "fuzz_common.h"

#include "text/document.h"

static const char *const languages[] = {
  "markdown", "plaintext", "c", "python", "ruby", "rust", "javascript", "lua", "glossary",
};

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A position coordinate: small values address real lines and columns; the
 * top bit asks for one far past the end (the server must clamp). */
static gint64
coordinate (guint8 b)
{
  return (b & 0x80) ? 1000 + (b & 0x7f) : (b & 0x7f) % 24;
}

/* Spans of before mapped through the edit (kept before it, shifted after it,
 * dropped where it touched them), or of after as they are; both without the
 * spans touching a changed range. (tests/text/prose_helpers.h, same rule.) */
static GArray *
outside_changed (const GArray *spans, const GArray *changed, gboolean old, guint32 start,
                 guint32 old_end, gint64 delta)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));

  for (guint i = 0; i < spans->len; i++)
    {
      GlsProseSpan s = g_array_index (spans, GlsProseSpan, i);
      gboolean inside = FALSE;

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

/* text[0..len) as a C string literal's contents (NUL bytes included). */
static char *
escape (const char *text, gsize len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20 || c >= 0x7f)
        g_string_append_printf (out, "\\x%02x\"\"", c);
      else
        g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
same_spans (const GArray *a, const GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (GlsProseSpan)) == 0);
}

static void
check_against_fresh (const char *language_id, GlsDocument *doc, GlsProse *inc, GString *ref,
                     guint step)
{
  gsize len;
  const char *text = gls_document_get_text (doc, &len);
  g_autoptr (GlsDocument) fresh_doc = gls_document_new ("file:///fresh", language_id, 0, ref->str,
                                                        (gssize) ref->len);
  g_autoptr (GlsProse) fresh = gls_prose_new (language_id);
  g_autoptr (GArray) got = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  g_autoptr (GArray) want = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));

  if (len != ref->len || memcmp (text, ref->str, len) != 0 || text[len] != '\0')
    fuzz_fail ("step %u: document text (%zu bytes) differs from the spliced text (%zu bytes)",
               step, len, ref->len);
  if (!gls_line_index_equal (gls_document_get_line_index (doc),
                             gls_document_get_line_index (fresh_doc)))
    fuzz_fail ("step %u: incremental line index differs from a fresh one", step);
  if (!gls_prose_parse (fresh, ref->str, ref->len, NULL, NULL))
    fuzz_fail ("step %u: fresh parse failed", step);
  fuzz_check_prose (inc, text, len);
  if (gls_prose_has_errors (inc) || gls_prose_has_errors (fresh))
    return;
  gls_prose_spans (inc, 0, G_MAXUINT32, got);
  gls_prose_spans (fresh, 0, G_MAXUINT32, want);
  if (!same_spans (got, want))
    fuzz_fail ("%s step %u: incremental spans (%u) differ from a fresh parse (%u)", language_id,
               step, got->len, want->len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  FuzzReader r = fuzz_reader (data, size);
  const char *language_id = languages[fuzz_u8 (&r) % G_N_ELEMENTS (languages)];
  GlsPositionEncoding encoding = (GlsPositionEncoding) (fuzz_u8 (&r) % 3);
  gsize init_len;
  const char *init = fuzz_bytes (&r, fuzz_u16 (&r) % 4096, &init_len);
  g_autoptr (GString) ref = g_string_new_len (init, (gssize) init_len);
  g_autoptr (GlsDocument) doc = gls_document_new ("file:///fuzz", language_id, 1, init,
                                                  (gssize) init_len);
  g_autoptr (GlsProse) inc = gls_prose_new (language_id);
  g_autoptr (GError) error = NULL;
  /* FUZZ_VERBOSE=1 prints every edit, to turn a crash input into a test. */
  gboolean verbose = g_getenv ("FUZZ_VERBOSE") != NULL;

  if (!gls_prose_parse (inc, init, init_len, NULL, &error))
    fuzz_fail ("initial parse: %s", error->message);
  check_against_fresh (language_id, doc, inc, ref, 0);

  for (guint step = 1; step <= 64 && !fuzz_reader_done (&r); step++)
    {
      guint8 op = fuzz_u8 (&r);
      gint64 sl = coordinate (fuzz_u8 (&r)), sc = coordinate (fuzz_u8 (&r));
      gint64 el = coordinate (fuzz_u8 (&r)), ec = coordinate (fuzz_u8 (&r));
      gsize ins_len;
      const char *ins = fuzz_bytes (&r, fuzz_u8 (&r) % 64, &ins_len);
      gboolean whole = (op & 7) == 0;
      gboolean keep_reversed = (op & 7) == 1;
      g_autoptr (GlsDocument) snapshot = (op & 8) ? gls_document_snapshot (doc) : NULL;
      g_autofree char *before_text = g_memdup2 (ref->str, ref->len + 1);
      gsize before_len = ref->len;

      if (!keep_reversed && (sl > el || (sl == el && sc > ec)))
        {
          gint64 t = sl; sl = el; el = t;
          t = sc; sc = ec; ec = t;
        }
      gboolean reversed = sl > el || (sl == el && sc > ec);
      gsize start = whole ? 0 : gls_document_position_to_offset (doc, sl, sc, encoding);
      gsize old_end = whole ? ref->len : gls_document_position_to_offset (doc, el, ec, encoding);
      gboolean applied = gls_document_apply_change (doc, !whole, sl, sc, el, ec, ins,
                                                    (gssize) ins_len, encoding, &error);
      if (applied == (!whole && reversed))
        fuzz_fail ("step %u: change (%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ")-(%" G_GINT64_FORMAT
                   ",%" G_GINT64_FORMAT ") %s", step, sl, sc, el, ec,
                   applied ? "applied though reversed" : "refused");
      if (!applied)
        {
          g_clear_error (&error);
          check_against_fresh (language_id, doc, inc, ref, step);
          continue;
        }
      if (start > old_end || old_end > ref->len)
        fuzz_fail ("step %u: ordered positions gave offsets %zu > %zu (len %zu)", step, start,
                   old_end, ref->len);

      if (verbose)
        {
          g_autofree char *shown_old = escape (ref->str, ref->len);
          g_autofree char *shown = escape (ins, ins_len);
          fprintf (stderr, "step %u: [%zu,%zu) -> \"%s\" in \"%s\"\n", step, start, old_end,
                   shown, shown_old);
        }
      g_string_erase (ref, (gssize) start, (gssize) (old_end - start));
      g_string_insert_len (ref, (gssize) start, ins, (gssize) ins_len);
      gsize new_end = start + ins_len;

      g_autoptr (GArray) before = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
      gls_prose_spans (inc, 0, G_MAXUINT32, before);
      gsize len;
      const char *text = gls_document_get_text (doc, &len);
      if (!gls_prose_reparse_after_edit (inc, text, len, (guint32) start, (guint32) old_end,
                                         (guint32) new_end, changed, NULL, &error))
        fuzz_fail ("step %u: reparse [%zu,%zu)->%zu refused: %s", step, start, old_end, new_end,
                   error->message);
      check_against_fresh (language_id, doc, inc, ref, step);

      if (snapshot != NULL)
        {
          gsize snap_len;
          const char *snap = gls_document_get_text (snapshot, &snap_len);
          if (snap_len != before_len || memcmp (snap, before_text, snap_len) != 0)
            fuzz_fail ("step %u: a snapshot changed with the document", step);
        }

      guint32 prev_end = 0;
      for (guint k = 0; k < changed->len; k++)
        {
          GlsByteRange cr = g_array_index (changed, GlsByteRange, k);
          if (cr.start > cr.end || cr.end > len || (k > 0 && cr.start < prev_end))
            fuzz_fail ("step %u: changed range %u [%u,%u) unsorted or outside %zu bytes", step, k,
                       cr.start, cr.end, len);
          prev_end = cr.end;
        }
      if (gls_prose_has_errors (inc))
        continue;
      g_autoptr (GArray) after = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
      gls_prose_spans (inc, 0, G_MAXUINT32, after);
      g_autoptr (GArray) kept_old = outside_changed (before, changed, TRUE, (guint32) start,
                                                     (guint32) old_end,
                                                     (gint64) new_end - (gint64) old_end);
      g_autoptr (GArray) kept_new = outside_changed (after, changed, FALSE, 0, 0, 0);
      if (!same_spans (kept_old, kept_new))
        fuzz_fail ("%s step %u: spans outside the changed ranges moved (%u old, %u new)",
                   language_id, step, kept_old->len, kept_new->len);
    }
  return 0;
}
