/* open_document.c — GlsOpenDocument: one open URI, its text, prose spans and
 * analysis (open_document.h for what features read, open_document_private.h
 * for how the workspace creates and edits one). */
#define G_LOG_DOMAIN "gls-workspace"

#include "server/workspace/open_document_private.h"

struct _GlsOpenDocument
{
  gint                ref_count;
  GlsGlossaryService *service;      /* borrowed; NULL once closed */
  GlsServer          *server;       /* borrowed; NULL once closed or gone */
  GlsDocument        *doc;          /* own reference; the store holds another */
  gboolean            is_glossary;
  GlsProse           *prose;        /* languageId "glossary" for glossary documents */
  GArray             *spans;        /* GlsProseSpan cache of every span */
  gboolean            spans_valid;
  GlsDocAnalysis     *analysis;
  GlsRuleConfig      *config;       /* own reference */
  gboolean            out_of_sync;  /* a change could not be applied as sent */
  /* Told when a running worker full check (if any) can no longer be used. */
  GlsOpenDocumentSupersededFunc superseded;
  gpointer            superseded_data;
};

static GlsPositionEncoding doc_encoding (GlsOpenDocument *od);

static void
open_document_free (GlsOpenDocument *od)
{
  gls_document_unref (od->doc);
  gls_prose_free (od->prose);
  g_array_unref (od->spans);
  gls_doc_analysis_free (od->analysis);
  gls_rule_config_unref (od->config);
  g_free (od);
}

GlsOpenDocument *
gls_open_document_ref (GlsOpenDocument *od)
{
  g_return_val_if_fail (od != NULL, NULL);
  od->ref_count++;
  return od;
}

void
gls_open_document_unref (GlsOpenDocument *od)
{
  if (od != NULL && --od->ref_count == 0)
    open_document_free (od);
}

static void
log_message (GlsOpenDocument *od, GlsMessageType type, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
log_message (GlsOpenDocument *od, GlsMessageType type, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  if (od->server != NULL)
    gls_server_log_message (od->server, type, "%s", message);
  else
    g_message ("%s", message);
}

/* Full parse of the current text with the right extractor. */
void
gls_open_document_rebuild_prose (GlsOpenDocument *od)
{
  gsize len = 0;
  const char *text = gls_document_get_text (od->doc, &len);
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&od->prose, gls_prose_free);
  od->prose = gls_prose_new (od->is_glossary ? "glossary" : gls_document_get_language_id (od->doc));
  if (!gls_prose_parse (od->prose, text, len, NULL, &error))
    log_message (od, GLS_MESSAGE_TYPE_WARNING, "%s: no prose: %s",
                   gls_document_get_uri (od->doc), error->message);
  od->spans_valid = FALSE;
  gls_doc_analysis_invalidate (od->analysis);
  /* A check of the old text is of no use any more. */
  if (od->superseded != NULL)
    od->superseded (od, FALSE, od->superseded_data);
}

GlsOpenDocument *
gls_open_document_new (GlsDocument *doc, gboolean is_glossary, GlsGlossaryService *service,
                       GlsServer *server, GlsRuleConfig *config)
{
  g_return_val_if_fail (doc != NULL && service != NULL && config != NULL, NULL);
  GlsOpenDocument *od = g_new0 (GlsOpenDocument, 1);
  od->ref_count = 1;
  od->service = service;
  od->server = server;
  od->config = gls_rule_config_ref (config);
  od->doc = gls_document_ref (doc);
  od->spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  od->analysis = gls_doc_analysis_new ();
  od->is_glossary = is_glossary;
  gls_open_document_rebuild_prose (od);
  return od;
}

void
gls_open_document_close (GlsOpenDocument *od)
{
  od->service = NULL;
  od->server = NULL;
  od->superseded = NULL;
  od->superseded_data = NULL;
}

void
gls_open_document_set_server (GlsOpenDocument *od, GlsServer *server)
{
  od->server = server;
}

void
gls_open_document_set_superseded_func (GlsOpenDocument *od, GlsOpenDocumentSupersededFunc func,
                                       gpointer user_data)
{
  od->superseded = func;
  od->superseded_data = user_data;
}

void
gls_open_document_set_rule_config (GlsOpenDocument *od, GlsRuleConfig *config)
{
  g_return_if_fail (config != NULL);
  gls_rule_config_ref (config);
  gls_rule_config_unref (od->config);
  od->config = config;
}

GlsRuleConfig *
gls_open_document_get_rule_config (GlsOpenDocument *od)
{
  return od->config;
}

gboolean
gls_open_document_peek_is_glossary (GlsOpenDocument *od)
{
  return od->is_glossary;
}

void
gls_open_document_set_is_glossary (GlsOpenDocument *od, gboolean is_glossary)
{
  if (od->is_glossary == is_glossary)
    return;
  od->is_glossary = is_glossary;
  gls_open_document_rebuild_prose (od);
}

GlsDocAnalysis *
gls_open_document_get_analysis (GlsOpenDocument *od)
{
  return od->analysis;
}

gboolean
gls_open_document_is_out_of_sync (GlsOpenDocument *od)
{
  return od->out_of_sync;
}

void
gls_open_document_set_out_of_sync (GlsOpenDocument *od, gboolean out_of_sync)
{
  od->out_of_sync = out_of_sync;
}

void
gls_open_document_replace (GlsOpenDocument *od, const char *text, gsize len)
{
  g_autoptr (GError) error = NULL;
  if (!gls_document_apply_change (od->doc, FALSE, 0, 0, 0, 0, text, (gssize) len,
                                  GLS_POSITION_UTF8, &error))
    g_warning ("full replacement refused: %s", error->message);
  gls_open_document_rebuild_prose (od);
}

/* The text changed: [start, old_end) -> [start, new_end); updates prose
 * spans and the analysis bookkeeping. */
static void
edited (GlsOpenDocument *od, guint32 start, guint32 old_end, guint32 new_end)
{
  gsize len = 0;
  const char *text = gls_document_get_text (od->doc, &len);
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  g_autoptr (GError) error = NULL;
  gboolean ok = gls_prose_reparse_after_edit (od->prose, text, len, start, old_end, new_end, changed,
                                              NULL, &error);
  od->spans_valid = FALSE;
  if (!ok)
    {
      /* Should not happen (the offsets come from the document); a full
       * parse is always a correct answer. */
      g_warning ("%s: incremental prose update failed (%s); reparsing",
                 gls_document_get_uri (od->doc), error->message);
      gls_open_document_rebuild_prose (od);
      return;
    }
  gls_doc_analysis_note_edit (od->analysis, start, old_end, new_end, changed);
}

/* (line, character) order of two positions. */
static gboolean
position_after (gint64 l1, gint64 c1, gint64 l2, gint64 c2)
{
  return l1 > l2 || (l1 == l2 && c1 > c2);
}

gboolean
gls_open_document_apply_change (GlsOpenDocument *od, const GlsTextChange *change, GError **error)
{
  const char *uri = gls_document_get_uri (od->doc);

  if (!change->has_range)
    {
      gls_open_document_replace (od, change->text, change->len);
      return TRUE;
    }
  gint64 sl = change->start_line, sc = change->start_character;
  gint64 el = change->end_line, ec = change->end_character;
  if (position_after (sl, sc, el, ec))
    {
      log_message (od, GLS_MESSAGE_TYPE_WARNING,
                     "%s: change range starts after its end (%" G_GINT64_FORMAT ":%"
                     G_GINT64_FORMAT " > %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                     "); applied with the ends swapped, resynchronizing on the next save",
                     uri, sl, sc, el, ec);
      gint64 tl = sl, tc = sc;
      sl = el, sc = ec;
      el = tl, ec = tc;
      od->out_of_sync = TRUE;
    }
  GlsPositionEncoding enc = doc_encoding (od);
  gsize start = gls_document_position_to_offset (od->doc, sl, sc, enc);
  gsize old_end = gls_document_position_to_offset (od->doc, el, ec, enc);
  if (!gls_document_apply_change (od->doc, TRUE, sl, sc, el, ec, change->text,
                                  (gssize) change->len, enc, error))
    return FALSE;
  edited (od, (guint32) start, (guint32) old_end, (guint32) (start + change->len));
  return TRUE;
}

GlsDocument *
gls_open_document_get_document (GlsOpenDocument *od)
{
  return od->doc;
}

const char *
gls_open_document_get_uri (GlsOpenDocument *od)
{
  return gls_document_get_uri (od->doc);
}

const char *
gls_open_document_get_language_id (GlsOpenDocument *od)
{
  return gls_document_get_language_id (od->doc);
}

gint64
gls_open_document_get_version (GlsOpenDocument *od)
{
  return gls_document_get_version (od->doc);
}

const char *
gls_open_document_get_text (GlsOpenDocument *od, gsize *len)
{
  return gls_document_get_text (od->doc, len);
}

/* Whether a document is a glossary file, and so which prose it has, is
 * settled by the first glossary load: wait for it before answering. */
static void
settle (GlsOpenDocument *od)
{
  if (od->service != NULL)
    gls_glossary_service_ensure (od->service);
}

gboolean
gls_open_document_is_glossary (GlsOpenDocument *od)
{
  settle (od);
  return od->is_glossary;
}

gboolean
gls_open_document_is_open (GlsOpenDocument *od)
{
  return od->service != NULL;
}

static void
spans_in (GlsOpenDocument *od, guint32 from, guint32 to, GArray *out)
{
  settle (od);
  if (od->prose != NULL)
    gls_prose_spans (od->prose, from, to, out);
}

const GlsProseSpan *
gls_open_document_get_spans (GlsOpenDocument *od, gsize *n_spans)
{
  settle (od);
  if (!od->spans_valid)
    {
      g_array_set_size (od->spans, 0);
      spans_in (od, 0, G_MAXUINT32, od->spans);
      od->spans_valid = TRUE;
    }
  if (n_spans != NULL)
    *n_spans = od->spans->len;
  return (const GlsProseSpan *) od->spans->data;
}

void
gls_open_document_spans_in (GlsOpenDocument *od, guint32 from, guint32 to, GArray *out)
{
  spans_in (od, from, to, out);
}

gboolean
gls_open_document_span_at (GlsOpenDocument *od, guint32 offset, GlsProseSpan *span)
{
  g_autoptr (GArray) found = g_array_sized_new (FALSE, FALSE, sizeof (GlsProseSpan), 2);

  spans_in (od, offset, offset + 1, found);
  if (found->len == 0 && offset > 0)
    {
      spans_in (od, offset - 1, offset, found);
      if (found->len > 0 && g_array_index (found, GlsProseSpan, 0).end != offset)
        g_array_set_size (found, 0);
    }
  if (found->len == 0)
    return FALSE;
  *span = g_array_index (found, GlsProseSpan, 0);
  return TRUE;
}

/* Half the window of a long span matched around an offset: far more than
 * any glossary key, so a hit containing the offset lies inside it. */
#define HIT_WINDOW 2048

/* Clips a long span to a window around offset, cut at white space so that
 * the window starts at a word start (as the matcher's scan does). */
static void
clip_span (const char *text, guint32 offset, GlsProseSpan *span)
{
  if (span->end - span->start <= 4 * HIT_WINDOW)
    return;
  guint32 lo = offset > span->start + HIT_WINDOW ? offset - HIT_WINDOW : span->start;
  guint32 hi = span->end - offset > HIT_WINDOW ? offset + HIT_WINDOW : span->end;
  if (lo > span->start)
    {
      while (lo < offset && !g_ascii_isspace (text[lo]))
        lo++;
      while (lo < offset && g_ascii_isspace (text[lo]))
        lo++;
    }
  if (hi < span->end)
    {
      while (hi > offset && !g_ascii_isspace (text[hi - 1]))
        hi--;
      while (hi > offset && g_ascii_isspace (text[hi - 1]))
        hi--;
    }
  if (lo < hi)
    {
      span->start = lo;
      span->end = hi;
    }
}

gboolean
gls_open_document_hit_at (GlsOpenDocument *od, guint32 offset, GlsHit *hit)
{
  GlsProseSpan span;
  gsize len = 0;
  const char *text = gls_document_get_text (od->doc, &len);

  if (od->service == NULL || offset > len)
    return FALSE;
  gls_glossary_service_ensure (od->service);
  GlsGlossary *glossary = gls_glossary_service_peek_glossary (od->service);
  if (gls_open_document_span_at (od, offset, &span))
    {
      /* One huge paragraph (a plaintext file without blank lines) must not
       * make every hover cost a scan of megabytes. */
      clip_span (text, offset, &span);
      if (offset < span.end &&
          gls_matcher_hit_at (glossary, text, len, &span, 1, offset, hit))
        return TRUE;
      /* A cursor right after a term (offset == end) still means that term. */
      GlsHit before;
      if (offset > span.start &&
          gls_matcher_hit_at (glossary, text, len, &span, 1, offset - 1, &before) &&
          before.end == offset)
        {
          *hit = before;
          return TRUE;
        }
    }
  return FALSE;
}

void
gls_open_document_bring_current (GlsOpenDocument *od)
{
  gsize len = 0, n_spans = 0;

  if (od->service == NULL)
    return;
  gls_glossary_service_ensure (od->service);
  gboolean small = gls_document_get_length (od->doc) < GLS_ASYNC_CHECK_BYTES;
  if (gls_doc_analysis_is_current (od->analysis) &&
      !(small && gls_doc_analysis_is_approximate (od->analysis)))
    return;
  /* A pending full check is superseded by a synchronous full one (no base,
   * or a small document, which is always checked whole so that results
   * that depend on the whole document are exact). */
  gboolean supersede = gls_doc_analysis_full_pending (od->analysis) &&
                       (small || !gls_doc_analysis_has_base (od->analysis));
  if (small)
    gls_doc_analysis_invalidate (od->analysis);
  gint64 t0 = g_get_monotonic_time ();
  guint dirty = gls_doc_analysis_n_dirty (od->analysis);
  const char *text = gls_document_get_text (od->doc, &len);
  const GlsProseSpan *spans = gls_open_document_get_spans (od, &n_spans);
  GlsAnalyzer *analyzer = gls_glossary_service_peek_analyzer (od->service);
  guint checked = gls_doc_analysis_update (od->analysis, analyzer, od->config,
                                           text, len, spans, n_spans);
  g_debug ("%s v%" G_GINT64_FORMAT ": checked %u of %zu spans (%u dirty ranges) in %.2f ms",
           gls_document_get_uri (od->doc), gls_document_get_version (od->doc), checked, n_spans, dirty,
           (g_get_monotonic_time () - t0) / 1000.0);
  /* The worker would have published; the scheduler reschedules. */
  if (supersede && od->superseded != NULL)
    od->superseded (od, TRUE, od->superseded_data);
}

static void
ensure_current (GlsOpenDocument *od)
{
  gls_open_document_bring_current (od);
}

const GArray *
gls_open_document_get_hits (GlsOpenDocument *od)
{
  ensure_current (od);
  return gls_doc_analysis_get_hits (od->analysis);
}

const GArray *
gls_open_document_get_findings (GlsOpenDocument *od)
{
  gsize len = 0, n_spans = 0;

  ensure_current (od);
  if (od->is_glossary)
    {
      /* The rules are off for glossary documents: nothing to filter. */
      return gls_doc_analysis_get_findings (od->analysis);
    }
  const char *text = gls_document_get_text (od->doc, &len);
  const GlsProseSpan *spans = gls_open_document_get_spans (od, &n_spans);
  return gls_doc_analysis_get_visible (od->analysis, text, len, spans, n_spans);
}

/* ---- positions --------------------------------------------------------------- */

static GlsPositionEncoding
doc_encoding (GlsOpenDocument *od)
{
  return od->server != NULL ? gls_server_get_position_encoding (od->server) : GLS_POSITION_UTF16;
}

guint32
gls_open_document_offset_at (GlsOpenDocument *od, gint64 line, gint64 character)
{
  return (guint32) gls_document_position_to_offset (od->doc, line, character, doc_encoding (od));
}

void
gls_open_document_range (GlsOpenDocument *od, guint32 start, guint32 end, GlsLspRange *range)
{
  GlsPositionEncoding enc = doc_encoding (od);
  gls_document_offset_to_position (od->doc, start, enc, &range->start_line, &range->start_character);
  gls_document_offset_to_position (od->doc, MAX (start, end), enc, &range->end_line,
                                   &range->end_character);
}
