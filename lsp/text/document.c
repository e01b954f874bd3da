/* document.c — see document.h for the contract. */
#include "text/document.h"

#include <string.h>

/* The part of a document that snapshots share. Immutable while shared (ref >
 * 1); only the sole owner edits it in place. */
typedef struct
{
  gatomicrefcount ref;
  GString *text;
  GlsLineIndex *lines;
} Content;

struct _GlsDocument
{
  gatomicrefcount ref;
  char *uri;           /* GRefString */
  char *language_id;   /* GRefString */
  gint64 version;
  Content *content;
};

G_DEFINE_QUARK (gls-document-error-quark, gls_document_error)

static Content *
content_new (GString *text, GlsLineIndex *lines)
{
  Content *c = g_new0 (Content, 1);

  g_atomic_ref_count_init (&c->ref);
  c->text = text;
  c->lines = lines;
  return c;
}

static Content *
content_new_from (const char *text, gsize len)
{
  GString *s = g_string_new_len (text, (gssize) len);
  return content_new (s, gls_line_index_new (s->str, s->len));
}

static void
content_unref (Content *c)
{
  if (!g_atomic_ref_count_dec (&c->ref))
    return;
  g_string_free (c->text, TRUE);
  gls_line_index_free (c->lines);
  g_free (c);
}

static gboolean
content_is_shared (Content *c)
{
  return !g_atomic_ref_count_compare (&c->ref, 1);
}

GlsDocument *
gls_document_new (const char *uri,
                  const char *language_id,
                  gint64      version,
                  const char *text,
                  gssize      len)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (text != NULL || len <= 0, NULL);

  GlsDocument *doc = g_new0 (GlsDocument, 1);
  gsize n = text == NULL ? 0 : len < 0 ? strlen (text) : (gsize) len;

  g_atomic_ref_count_init (&doc->ref);
  doc->uri = g_ref_string_new (uri);
  doc->language_id = g_ref_string_new (language_id != NULL ? language_id : "");
  doc->version = version;
  doc->content = content_new_from (text, n);
  return doc;
}

GlsDocument *
gls_document_ref (GlsDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  g_atomic_ref_count_inc (&doc->ref);
  return doc;
}

void
gls_document_unref (GlsDocument *doc)
{
  if (doc == NULL || !g_atomic_ref_count_dec (&doc->ref))
    return;
  g_ref_string_release (doc->uri);
  g_ref_string_release (doc->language_id);
  content_unref (doc->content);
  g_free (doc);
}

GlsDocument *
gls_document_snapshot (GlsDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);

  GlsDocument *snap = g_new0 (GlsDocument, 1);

  g_atomic_ref_count_init (&snap->ref);
  snap->uri = g_ref_string_acquire (doc->uri);
  snap->language_id = g_ref_string_acquire (doc->language_id);
  snap->version = doc->version;
  g_atomic_ref_count_inc (&doc->content->ref);
  snap->content = doc->content;
  return snap;
}

const char *
gls_document_get_uri (const GlsDocument *doc)
{
  return doc->uri;
}

const char *
gls_document_get_language_id (const GlsDocument *doc)
{
  return doc->language_id;
}

gint64
gls_document_get_version (const GlsDocument *doc)
{
  return doc->version;
}

void
gls_document_set_version (GlsDocument *doc, gint64 version)
{
  doc->version = version;
}

const char *
gls_document_get_text (const GlsDocument *doc, gsize *len)
{
  if (len != NULL)
    *len = doc->content->text->len;
  return doc->content->text->str;
}

gsize
gls_document_get_length (const GlsDocument *doc)
{
  return doc->content->text->len;
}

const GlsLineIndex *
gls_document_get_line_index (const GlsDocument *doc)
{
  return doc->content->lines;
}

gsize
gls_document_position_to_offset (const GlsDocument   *doc,
                                 gint64               line,
                                 gint64               character,
                                 GlsPositionEncoding  encoding)
{
  const GString *s = doc->content->text;
  return gls_position_to_offset (doc->content->lines, s->str, s->len,
                                 line, character, encoding);
}

void
gls_document_offset_to_position (const GlsDocument   *doc,
                                 gsize                offset,
                                 GlsPositionEncoding  encoding,
                                 gint64              *line,
                                 gint64              *character)
{
  const GString *s = doc->content->text;
  gls_offset_to_position (doc->content->lines, s->str, s->len, offset,
                          encoding, line, character);
}

/* Replaces s[pos, pos + del) by ins[0..n) with a single move of the tail. */
static void
string_splice (GString *s, gsize pos, gsize del, const char *ins, gsize n)
{
  gsize tail = s->len - pos - del;
  gsize new_len = s->len - del + n;

  if (n > del)
    g_string_set_size (s, new_len);
  memmove (s->str + pos + n, s->str + pos + del, tail);
  memcpy (s->str + pos, ins, n);
  if (n < del)
    g_string_truncate (s, new_len);
}

static gboolean
points_into (const GString *s, const char *p)
{
  guintptr a = (guintptr) s->str, x = (guintptr) p;
  return x >= a && x < a + s->allocated_len;
}

static void
replace_bytes (GlsDocument *doc, gsize start, gsize end, const char *ins, gsize n)
{
  Content *c = doc->content;

  if (content_is_shared (c))
    {
      /* Copy-on-write, building the edited text directly: the copy is the
       * only O(document) step, and snapshots keep the old content. */
      GString *s = g_string_sized_new (c->text->len - (end - start) + n);
      g_string_append_len (s, c->text->str, (gssize) start);
      g_string_append_len (s, ins, (gssize) n);
      g_string_append_len (s, c->text->str + end, (gssize) (c->text->len - end));
      GlsLineIndex *lines = gls_line_index_copy (c->lines);
      gls_line_index_replace (lines, s->str, s->len, start, end, n);
      doc->content = content_new (s, lines);
      content_unref (c);
      return;
    }

  g_autofree char *own = NULL;
  if (n > 0 && points_into (c->text, ins))
    ins = own = g_memdup2 (ins, n);
  string_splice (c->text, start, end - start, ins, n);
  gls_line_index_replace (c->lines, c->text->str, c->text->len, start, end, n);
}

static void
replace_all (GlsDocument *doc, const char *text, gsize n)
{
  Content *c = doc->content;

  if (content_is_shared (c))
    {
      doc->content = content_new_from (text, n);
      content_unref (c);
      return;
    }

  g_autofree char *own = NULL;
  if (n > 0 && points_into (c->text, text))
    text = own = g_memdup2 (text, n);
  g_string_truncate (c->text, 0);
  g_string_append_len (c->text, text, (gssize) n);
  gls_line_index_free (c->lines);
  c->lines = gls_line_index_new (c->text->str, c->text->len);
}

gboolean
gls_document_apply_change (GlsDocument         *doc,
                           gboolean             has_range,
                           gint64               start_line,
                           gint64               start_char,
                           gint64               end_line,
                           gint64               end_char,
                           const char          *text,
                           gssize               len,
                           GlsPositionEncoding  encoding,
                           GError             **error)
{
  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (text != NULL || len <= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gsize n = text == NULL ? 0 : len < 0 ? strlen (text) : (gsize) len;

  if (!has_range)
    {
      replace_all (doc, text, n);
      return TRUE;
    }

  start_line = MAX (start_line, 0);
  start_char = MAX (start_char, 0);
  end_line = MAX (end_line, 0);
  end_char = MAX (end_char, 0);
  /* Checked on the positions as sent: clamping could hide a reversed range
   * (both ends past the line end), and a reversed range is a client bug that
   * should be reported rather than guessed at. */
  if (start_line > end_line || (start_line == end_line && start_char > end_char))
    {
      g_set_error (error, GLS_DOCUMENT_ERROR, GLS_DOCUMENT_ERROR_INVALID_RANGE,
                   "range start %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                   " is after its end %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                   " in %s",
                   start_line, start_char, end_line, end_char, doc->uri);
      return FALSE;
    }

  /* Clamping is monotonic, so start <= end still holds as offsets. */
  gsize start = gls_document_position_to_offset (doc, start_line, start_char, encoding);
  gsize end = gls_document_position_to_offset (doc, end_line, end_char, encoding);
  replace_bytes (doc, start, end, text, n);
  return TRUE;
}
