/* diagnostics.c — textDocument/publishDiagnostics.
 *
 * When: every open or change (re)starts a per-document timer of
 * "diagnosticsDelay" ms (default GLS_DEFAULT_DIAGNOSTICS_DELAY_MS, settings.h; 0 runs at
 * the next main loop iteration), so a burst of keystrokes is checked once.
 * While the first glossary is still loading, documents wait for it (its
 * installation re-checks every document). On close an empty list is sent.
 *
 * What: the visible findings (open_document.h) of the current text, with the
 * document's version; the first "maxDiagnostics" of them in document order
 * (GLS_DEFAULT_MAX_DIAGNOSTICS; code actions still see all of them). The check itself is incremental (doc_analysis.h):
 * after a one-line edit only the prose ranges the edit changed are matched
 * again and every other finding is shifted. The first check of a document
 * of GLS_ASYNC_CHECK_BYTES or more runs in a worker thread on a snapshot, so
 * the main loop keeps answering; edits arriving meanwhile are recorded and
 * replayed on its results (a long check is not thrown away because the user
 * kept typing), and results made stale by a glossary or configuration
 * change, a full-text replacement or close are dropped (the check is
 * cancelled). Glossary documents get no rule findings; their diagnostics are
 * the loader's problems for that text (unparsable lines, entries without a
 * definition, unclosed fences), code "glossary-format", for documents up to
 * GLS_MAX_GLOSSARY_CHECK_BYTES (the whole file is parsed again each time).
 *
 * Diagnostic: range (negotiated encoding), severity (from the rule config),
 * code = rule id, source "glossary-ls", message, data = {replacements:
 * [string], term: canonical spelling, fixable: bool}.
 */
#define G_LOG_DOMAIN "gls-diagnostics"

#include "server/workspace/diagnostics.h"

#include <string.h>

#include "analysis/rule_info.h"
#include "server/workspace/lsp_diagnostic.h"
#include "server/workspace/open_document_private.h"
#include "server/workspace/timers.h"

/* A big document re-checked incrementally gets a full check in a worker
 * once edits pause this long, which settles the few findings that depend on
 * the whole document. */
#define GLS_SETTLE_DELAY_MS 500
/* Glossary documents up to this size get the loader's format problems as
 * diagnostics (the seeds are < 256 KiB; a generated 100k-entry glossary is
 * 44 MB and would take seconds per keystroke). */
#define GLS_MAX_GLOSSARY_CHECK_BYTES (2 * 1024 * 1024)

struct _GlsDiagnostics
{
  gint                ref_count;
  GlsServer          *server;          /* borrowed; NULL once disposed */
  GlsGlossaryService *service;         /* a reference */
  GMainContext       *context;         /* timers are attached here */
  guint               delay_ms;
  guint               max_diagnostics; /* 0: no limit */
  guint               tasks_in_flight; /* worker checks not yet called back */
  GHashTable         *records;         /* GlsOpenDocument * -> Record (owned) */
};

/* What the scheduler keeps per tracked document. Timers carry the record:
 * untrack destroys them before it frees the record. */
typedef struct
{
  GlsDiagnostics  *scheduler;      /* borrowed: records die with the scheduler */
  GlsOpenDocument *od;             /* borrowed: records die at untrack */
  GSource         *publish_source; /* pending debounce timeout, or NULL */
  GSource         *settle_source;  /* pending settling full check, or NULL */
  GCancellable    *check_cancel;   /* worker full check in flight */
  gboolean         publish_wanted; /* publish once the glossary is loaded */
  gboolean         published_any;  /* a non-empty list is on the client */
  gboolean         told_truncated; /* the client was told about maxDiagnostics */
  GHashTable      *diagnostic_cache; /* built diagnostics by range and rule */
  gint64           edit_wall_us;   /* when the first edit since the last publish arrived */
  gint64           edit_cpu_us;    /* the main thread's CPU time then (debug log) */
} Record;

static void run_check (Record *r);
static gboolean settle_timeout (gpointer data);

static Record *
record_of (GlsDiagnostics *d, GlsOpenDocument *od)
{
  return d->records != NULL ? g_hash_table_lookup (d->records, od) : NULL;
}
/* ---- the per-document cache of built diagnostics ---------------------------------- */

/* Building a diagnostic's GVariant costs tens of microseconds, and most of
 * them are the same from one keystroke to the next, even after a full check
 * replaced every finding: entries are found by the finding's byte range and
 * rule, and reused when everything the diagnostic shows (range in the
 * encoding, severity, message) is unchanged. */
typedef struct
{
  guint32      start;  /* the key: start, end, rule */
  guint32      end;
  const char  *rule;
  char        *message;
  GlsSeverity  severity;
  GlsLspRange  range;
  GVariant    *diagnostic;
} CachedDiagnostic;

static guint
cached_hash (gconstpointer key)
{
  const CachedDiagnostic *c = key;
  return c->start * 31u + c->end + g_str_hash (c->rule);
}

static gboolean
cached_equal (gconstpointer a, gconstpointer b)
{
  const CachedDiagnostic *x = a, *y = b;
  return x->start == y->start && x->end == y->end && g_str_equal (x->rule, y->rule);
}

static void
cached_free (CachedDiagnostic *c)
{
  g_free (c->message);
  g_variant_unref (c->diagnostic);
  g_free (c);
}

static GVariant *
cached_diagnostic (Record *r, GHashTable *fresh, const GlsFinding *f)
{
  GlsLspRange range;
  gls_open_document_range (r->od, f->start, f->end, &range);
  CachedDiagnostic key = { f->start, f->end, f->rule };
  CachedDiagnostic *c = r->diagnostic_cache != NULL ? g_hash_table_lookup (r->diagnostic_cache, &key)
                                                    : NULL;
  if (c != NULL && c->severity == f->severity && memcmp (&c->range, &range, sizeof range) == 0 &&
      g_strcmp0 (c->message, f->message) == 0)
    g_hash_table_steal (r->diagnostic_cache, c);
  else
    {
      c = g_new0 (CachedDiagnostic, 1);
      c->message = g_strdup (f->message);
      c->rule = f->rule;
      c->severity = f->severity;
      c->start = f->start;
      c->end = f->end;
      c->range = range;
      c->diagnostic = g_variant_ref_sink (
        gls_lsp_diagnostic_for_finding (f, &range, gls_glossary_service_peek_glossary (r->scheduler->service)));
    }
  /* Findings of one rule never share a range; if they did, the later entry
   * replaces the earlier one (whose diagnostic the caller already holds). */
  g_hash_table_add (fresh, c);
  return c->diagnostic;
}

static void
forget (Record *r)
{
  g_clear_pointer (&r->diagnostic_cache, g_hash_table_unref);
}

static void
send (GlsDiagnostics *d, const char *uri, gboolean with_version, gint64 version, GVariant *diagnostics)
{
  g_auto (GVariantDict) params = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&params, "uri", "s", uri);
  if (with_version)
    g_variant_dict_insert (&params, "version", "x", version);
  g_variant_dict_insert_value (&params, "diagnostics", diagnostics);
  gls_rpc_notify (gls_server_get_rpc (d->server), "textDocument/publishDiagnostics",
                  g_variant_dict_end (&params));
}

static void
publish (Record *r)
{
  GlsDiagnostics *d = r->scheduler;
  GlsOpenDocument *od = r->od;
  GlsDocument *doc = gls_open_document_get_document (od);
  g_auto (GVariantBuilder) list = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));
  guint count = 0;
  GVariant *diagnostics;
  gint64 t0 = g_get_monotonic_time ();

  gboolean is_glossary = gls_open_document_peek_is_glossary (od);
  if (is_glossary && gls_document_get_length (doc) <= GLS_MAX_GLOSSARY_CHECK_BYTES)
    {
      gsize len = 0;
      const char *text = gls_document_get_text (doc, &len);
      GlsFormat format = gls_glossary_service_format_for_uri (d->service, gls_document_get_uri (doc), text, len);
      diagnostics = gls_lsp_diagnostics_for_glossary_text (doc, format,
                                                           gls_server_get_position_encoding (d->server),
                                                           &count);
    }
  else if (is_glossary)
    diagnostics = g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0);
  else
    {
      const GArray *findings = gls_open_document_get_findings (od);
      count = findings->len;
      if (d->max_diagnostics > 0 && count > d->max_diagnostics)
        {
          count = d->max_diagnostics;
          if (!r->told_truncated)
            gls_server_log_message (d->server, GLS_MESSAGE_TYPE_INFO,
                                    "%s: %u problems, publishing the first %u (setting maxDiagnostics)",
                                    gls_document_get_uri (doc), findings->len, count);
          r->told_truncated = TRUE;
        }
      GHashTable *fresh = g_hash_table_new_full (cached_hash, cached_equal, (GDestroyNotify) cached_free,
                                                 NULL);
      for (guint i = 0; i < count; i++)
        g_variant_builder_add (&list, "v",
                               cached_diagnostic (r, fresh, &g_array_index (findings, GlsFinding, i)));
      forget (r);
      r->diagnostic_cache = fresh;
      diagnostics = g_variant_builder_end (&list);
    }
  r->published_any = count > 0;
  gint64 t1 = g_get_monotonic_time ();
  send (d, gls_document_get_uri (doc), TRUE, gls_document_get_version (doc), diagnostics);
  g_debug ("%s v%" G_GINT64_FORMAT ": published %u diagnostics in %.2f ms (%.2f ms to build)",
           gls_document_get_uri (doc), gls_document_get_version (doc), count,
           (g_get_monotonic_time () - t0) / 1000.0, (t1 - t0) / 1000.0);
  if (r->edit_wall_us != 0)
    g_debug ("%s v%" G_GINT64_FORMAT ": first edit -> publish %.2f ms wall, %.2f ms main-thread CPU",
             gls_document_get_uri (doc), gls_document_get_version (doc),
             (g_get_monotonic_time () - r->edit_wall_us) / 1000.0,
             (gls_thread_cpu_us () - r->edit_cpu_us) / 1000.0);
  r->edit_wall_us = 0;
}

/* ---- the worker's full check ------------------------------------------------------ */

typedef struct
{
  GlsDiagnostics *scheduler; /* a reference, released on the main thread */
  GlsDocument   *snapshot;
  GArray        *spans;
  GlsAnalyzer   *analyzer;
  GlsRuleConfig *config;
  guint          ticket;
  GArray        *findings;  /* results */
  GArray        *hits;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  gls_document_unref (job->snapshot);
  g_array_unref (job->spans);
  gls_analyzer_unref (job->analyzer);
  gls_rule_config_unref (job->config);
  if (job->findings != NULL)
    g_array_unref (job->findings);
  if (job->hits != NULL)
    g_array_unref (job->hits);
  g_free (job);
}

static void
check_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CheckJob *job = task_data;
  gsize len = 0;

  if (!g_cancellable_is_cancelled (cancellable))
    {
      const char *text = gls_document_get_text (job->snapshot, &len);
      gls_doc_analysis_check_all (job->analyzer, job->config, text, len,
                                  (const GlsProseSpan *) job->spans->data, job->spans->len,
                                  &job->findings, &job->hits);
    }
  g_task_return_boolean (task, TRUE);
}

static void
check_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GlsOpenDocument *od = user_data;  /* a reference, dropped here: main thread */
  GTask *task = G_TASK (result);
  CheckJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GlsDiagnostics) d = g_steal_pointer (&job->scheduler);

  g_assert (d->tasks_in_flight > 0);
  d->tasks_in_flight--;
  /* Installed only with its own cancellable, for a document still tracked. */
  Record *r = record_of (d, od);
  if (r != NULL && gls_open_document_is_open (od) && r->check_cancel == cancellable &&
      !g_cancellable_is_cancelled (cancellable) && job->findings != NULL)
    {
      g_clear_object (&r->check_cancel);
      gls_doc_analysis_finish_full (gls_open_document_get_analysis (od), job->ticket,
                                    g_steal_pointer (&job->findings), g_steal_pointer (&job->hits));
      run_check (r);
    }
  gls_open_document_unref (od);
}

static void
start_worker_check (Record *r)
{
  GlsDiagnostics *d = r->scheduler;
  GlsOpenDocument *od = r->od;
  GlsDocAnalysis *analysis = gls_open_document_get_analysis (od);
  CheckJob *job = g_new0 (CheckJob, 1);
  gsize n_spans = 0;
  const GlsProseSpan *spans = gls_open_document_get_spans (od, &n_spans);

  job->scheduler = gls_diagnostics_ref (d);
  job->snapshot = gls_document_snapshot (gls_open_document_get_document (od));
  job->spans = g_array_sized_new (FALSE, FALSE, sizeof (GlsProseSpan), (guint) n_spans);
  g_array_append_vals (job->spans, spans, (guint) n_spans);
  job->analyzer = gls_analyzer_ref (gls_glossary_service_peek_analyzer (d->service));
  job->config = gls_rule_config_ref (gls_open_document_get_rule_config (od));
  job->ticket = gls_doc_analysis_begin_full (analysis);

  /* At most one check per document: a newer one supersedes. */
  if (r->check_cancel != NULL)
    g_cancellable_cancel (r->check_cancel);
  g_clear_object (&r->check_cancel);
  r->check_cancel = g_cancellable_new ();
  g_autoptr (GTask) task = g_task_new (NULL, r->check_cancel, check_done, gls_open_document_ref (od));
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_set_name (task, "diagnostics-full-check");
  d->tasks_in_flight++;
  g_task_run_in_thread (task, check_thread);
}

/* ---- scheduling -------------------------------------------------------------------- */

/* Edits have paused on a big document checked incrementally: a full check
 * in the worker settles what depends on the whole document. */
static gboolean
settle_timeout (gpointer data)
{
  Record *r = data;

  g_clear_pointer (&r->settle_source, g_source_unref);
  if (gls_open_document_is_open (r->od) && r->scheduler->server != NULL && r->check_cancel == NULL &&
      gls_doc_analysis_is_approximate (gls_open_document_get_analysis (r->od)))
    start_worker_check (r);
  return G_SOURCE_REMOVE;
}

static void
run_check (Record *r)
{
  GlsDiagnostics *d = r->scheduler;
  GlsOpenDocument *od = r->od;

  if (!gls_open_document_is_open (od) || d->server == NULL ||
      gls_server_get_state (d->server) != GLS_SERVER_INITIALIZED)
    return;
  if (gls_glossary_service_peek_glossary (d->service) == NULL &&
      gls_glossary_service_is_loading (d->service))
    {
      r->publish_wanted = TRUE;  /* the load's installation re-checks */
      return;
    }
  gls_glossary_service_ensure (d->service);
  GlsDocAnalysis *analysis = gls_open_document_get_analysis (od);
  gboolean is_glossary = gls_open_document_peek_is_glossary (od);
  gboolean big = gls_document_get_length (gls_open_document_get_document (od)) >= GLS_ASYNC_CHECK_BYTES;
  if (!is_glossary && !gls_doc_analysis_has_base (analysis))
    {
      if (gls_doc_analysis_full_pending (analysis))
        return;  /* the worker publishes when it is done */
      if (big)
        {
          start_worker_check (r);
          return;
        }
    }
  r->publish_wanted = FALSE;
  gls_open_document_bring_current (od);
  publish (r);
  if (big && !is_glossary && gls_doc_analysis_is_approximate (analysis) &&
      !gls_doc_analysis_full_pending (analysis))
    {
      gls_timer_clear (&r->settle_source);
      r->settle_source = gls_timer_add (d->context, GLS_SETTLE_DELAY_MS, settle_timeout, r, NULL);
    }
}

static gboolean
publish_timeout (gpointer data)
{
  Record *r = data;

  /* Released here, not destroyed: returning G_SOURCE_REMOVE does that. */
  g_clear_pointer (&r->publish_source, g_source_unref);
  run_check (r);
  return G_SOURCE_REMOVE;
}

static void
schedule (Record *r)
{
  GlsDiagnostics *d = r->scheduler;

  if (d->server == NULL || !gls_open_document_is_open (r->od))
    return;
  gls_timer_clear (&r->publish_source);
  gls_timer_clear (&r->settle_source);
  r->publish_source = gls_timer_add (d->context, d->delay_ms, publish_timeout, r, NULL);
}

void
gls_diagnostics_schedule (GlsDiagnostics *d, GlsOpenDocument *od)
{
  Record *r = record_of (d, od);
  if (r != NULL)
    schedule (r);
}

/* od's superseded hook: cancels and forgets a running worker check, then
 * schedules a publish if reschedule. */
static void
superseded (GlsOpenDocument *od, gboolean reschedule, gpointer user_data)
{
  Record *r = record_of (user_data, od);

  if (r == NULL || r->check_cancel == NULL)
    return;
  g_cancellable_cancel (r->check_cancel);
  g_clear_object (&r->check_cancel);
  if (reschedule)
    schedule (r);
}

static void
cancel (Record *r)
{
  forget (r);
  gls_timer_clear (&r->publish_source);
  gls_timer_clear (&r->settle_source);
  if (r->check_cancel != NULL)
    {
      g_cancellable_cancel (r->check_cancel);
      g_clear_object (&r->check_cancel);
    }
  /* A dropped worker check must not leave its ticket pending forever. */
  GlsDocAnalysis *analysis = gls_open_document_get_analysis (r->od);
  if (gls_doc_analysis_full_pending (analysis))
    gls_doc_analysis_invalidate (analysis);
}

void
gls_diagnostics_cancel (GlsDiagnostics *d, GlsOpenDocument *od)
{
  Record *r = record_of (d, od);
  if (r != NULL)
    cancel (r);
}

void
gls_diagnostics_note_edit (GlsDiagnostics *d, GlsOpenDocument *od)
{
  Record *r = record_of (d, od);
  if (r != NULL && r->edit_wall_us == 0)
    {
      r->edit_wall_us = g_get_monotonic_time ();
      r->edit_cpu_us = gls_thread_cpu_us ();
    }
}

void
gls_diagnostics_clear (GlsDiagnostics *d, const char *uri)
{
  if (d->server == NULL)
    return;
  send (d, uri, FALSE, 0, g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0));
}

/* ---- records and lifetime ------------------------------------------------------------ */

static void
record_free (Record *r)
{
  cancel (r);
  gls_open_document_set_superseded_func (r->od, NULL, NULL);
  g_free (r);
}

void
gls_diagnostics_track (GlsDiagnostics *d, GlsOpenDocument *od)
{
  g_return_if_fail (d->records != NULL);
  g_assert (record_of (d, od) == NULL);
  Record *r = g_new0 (Record, 1);
  r->scheduler = d;
  r->od = od;
  g_hash_table_insert (d->records, od, r);
  gls_open_document_set_superseded_func (od, superseded, d);
}

void
gls_diagnostics_untrack (GlsDiagnostics *d, GlsOpenDocument *od)
{
  if (d->records != NULL)
    g_hash_table_remove (d->records, od);
}

guint
gls_diagnostics_tasks_in_flight (GlsDiagnostics *d)
{
  return d->tasks_in_flight;
}

gboolean
gls_diagnostics_is_idle (GlsDiagnostics *d)
{
  GHashTableIter iter;
  gpointer value;

  if (d->tasks_in_flight > 0)
    return FALSE;
  if (d->records == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, d->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Record *) value)->publish_source != NULL || ((Record *) value)->settle_source != NULL)
      return FALSE;
  return TRUE;
}

void
gls_diagnostics_set_limits (GlsDiagnostics *d, guint delay_ms, guint max_diagnostics)
{
  d->delay_ms = delay_ms;
  d->max_diagnostics = max_diagnostics;
}

GlsDiagnostics *
gls_diagnostics_new (GlsServer *server, GlsGlossaryService *service)
{
  g_return_val_if_fail (server != NULL && service != NULL, NULL);
  GlsDiagnostics *d = g_new0 (GlsDiagnostics, 1);
  d->ref_count = 1;
  d->server = server;
  d->service = gls_glossary_service_ref (service);
  d->context = g_main_context_ref_thread_default ();
  d->records = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) record_free);
  return d;
}

GlsDiagnostics *
gls_diagnostics_ref (GlsDiagnostics *d)
{
  g_return_val_if_fail (d != NULL, NULL);
  d->ref_count++;
  return d;
}

void
gls_diagnostics_dispose (GlsDiagnostics *d)
{
  GHashTableIter iter;
  gpointer value;

  if (d->records != NULL)
    {
      g_hash_table_iter_init (&iter, d->records);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        cancel (value);
    }
  d->server = NULL;
}

void
gls_diagnostics_unref (GlsDiagnostics *d)
{
  if (d == NULL || --d->ref_count > 0)
    return;
  g_clear_pointer (&d->records, g_hash_table_unref);
  gls_glossary_service_unref (d->service);
  g_main_context_unref (d->context);
  g_free (d);
}
