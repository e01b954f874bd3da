/* diagnostics.c — textDocument/publishDiagnostics.
 *
 * When: every open or change (re)starts a per-document timer of
 * "diagnosticsDelay" ms (default GLS_DEFAULT_DIAGNOSTICS_DELAY_MS; 0 runs at
 * the next main loop iteration), so a burst of keystrokes is checked once.
 * While the first glossary is still loading, documents wait for it (its
 * installation re-checks every document). On close an empty list is sent.
 *
 * What: the visible findings (workspace.h) of the current text, with the
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

#include "server/workspace/workspace_private.h"

#include <string.h>

#include "analysis/rule_info.h"
#include "server/workspace/lsp_diagnostic.h"

static void run_check (GlsOpenDocument *od);
static gboolean settle_timeout (gpointer data);

/* ---- building ------------------------------------------------------------------ */

GVariant *
gls_diagnostic_new (GlsWorkspace *ws, GlsOpenDocument *od, const GlsFinding *f)
{
  GlsLspRange range;
  gls_open_document_range (od, f->start, f->end, &range);
  return gls_lsp_diagnostic_for_finding (f, &range,
                                         gls_glossary_service_peek_glossary (ws->glossary_service));
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
cached_diagnostic (GlsWorkspace *ws, GlsOpenDocument *od, GHashTable *fresh, const GlsFinding *f)
{
  GlsLspRange range;
  gls_open_document_range (od, f->start, f->end, &range);
  CachedDiagnostic key = { f->start, f->end, f->rule };
  CachedDiagnostic *c = od->diagnostic_cache != NULL ? g_hash_table_lookup (od->diagnostic_cache, &key)
                                                     : NULL;
  if (c != NULL && c->severity == f->severity && memcmp (&c->range, &range, sizeof range) == 0 &&
      g_strcmp0 (c->message, f->message) == 0)
    g_hash_table_steal (od->diagnostic_cache, c);
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
        gls_lsp_diagnostic_for_finding (f, &range, gls_glossary_service_peek_glossary (ws->glossary_service)));
    }
  /* Findings of one rule never share a range; if they did, the later entry
   * replaces the earlier one (whose diagnostic the caller already holds). */
  g_hash_table_add (fresh, c);
  return c->diagnostic;
}

void
gls_diagnostics_forget (GlsOpenDocument *od)
{
  g_clear_pointer (&od->diagnostic_cache, g_hash_table_unref);
}

static void
send (GlsWorkspace *ws, const char *uri, gboolean with_version, gint64 version, GVariant *diagnostics)
{
  g_auto (GVariantDict) params = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&params, "uri", "s", uri);
  if (with_version)
    g_variant_dict_insert (&params, "version", "x", version);
  g_variant_dict_insert_value (&params, "diagnostics", diagnostics);
  gls_rpc_notify (gls_server_get_rpc (ws->server), "textDocument/publishDiagnostics",
                  g_variant_dict_end (&params));
}

static void
publish (GlsWorkspace *ws, GlsOpenDocument *od)
{
  g_auto (GVariantBuilder) list = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));
  guint count = 0;
  GVariant *diagnostics;
  gint64 t0 = g_get_monotonic_time ();

  if (od->is_glossary && gls_document_get_length (od->doc) <= GLS_MAX_GLOSSARY_CHECK_BYTES)
    {
      gsize len = 0;
      const char *text = gls_document_get_text (od->doc, &len);
      GlsFormat format = gls_workspace_glossary_format (ws, gls_document_get_uri (od->doc), text, len);
      diagnostics = gls_lsp_diagnostics_for_glossary_text (od->doc, format, gls_workspace_get_encoding (ws),
                                                           &count);
    }
  else if (od->is_glossary)
    diagnostics = g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0);
  else
    {
      const GArray *findings = gls_open_document_get_findings (od);
      count = findings->len;
      if (ws->max_diagnostics > 0 && count > ws->max_diagnostics)
        {
          count = ws->max_diagnostics;
          if (!od->told_truncated)
            gls_server_log_message (ws->server, GLS_MESSAGE_TYPE_INFO,
                                    "%s: %u problems, publishing the first %u (setting maxDiagnostics)",
                                    gls_document_get_uri (od->doc), findings->len, count);
          od->told_truncated = TRUE;
        }
      GHashTable *fresh = g_hash_table_new_full (cached_hash, cached_equal, (GDestroyNotify) cached_free,
                                                 NULL);
      for (guint i = 0; i < count; i++)
        g_variant_builder_add (&list, "v",
                               cached_diagnostic (ws, od, fresh, &g_array_index (findings, GlsFinding, i)));
      gls_diagnostics_forget (od);
      od->diagnostic_cache = fresh;
      diagnostics = g_variant_builder_end (&list);
    }
  od->published_any = count > 0;
  gint64 t1 = g_get_monotonic_time ();
  send (ws, gls_document_get_uri (od->doc), TRUE, gls_document_get_version (od->doc), diagnostics);
  g_debug ("%s v%" G_GINT64_FORMAT ": published %u diagnostics in %.2f ms (%.2f ms to build)",
           gls_document_get_uri (od->doc), gls_document_get_version (od->doc), count,
           (g_get_monotonic_time () - t0) / 1000.0, (t1 - t0) / 1000.0);
  if (od->edit_wall_us != 0)
    g_debug ("%s v%" G_GINT64_FORMAT ": first edit -> publish %.2f ms wall, %.2f ms main-thread CPU",
             gls_document_get_uri (od->doc), gls_document_get_version (od->doc),
             (g_get_monotonic_time () - od->edit_wall_us) / 1000.0,
             (gls_thread_cpu_us () - od->edit_cpu_us) / 1000.0);
  od->edit_wall_us = 0;
}

/* ---- the worker's full check ------------------------------------------------------ */

typedef struct
{
  GlsWorkspace  *workspace;  /* a reference, released on the main thread */
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
  g_autoptr (GlsWorkspace) ws = g_steal_pointer (&job->workspace);

  ws->tasks_in_flight--;
  if (od->workspace != NULL && od->check_cancel == cancellable &&
      !g_cancellable_is_cancelled (cancellable) && job->findings != NULL)
    {
      g_clear_object (&od->check_cancel);
      gls_doc_analysis_finish_full (od->analysis, job->ticket, g_steal_pointer (&job->findings),
                                    g_steal_pointer (&job->hits));
      run_check (od);
    }
  gls_open_document_unref (od);
}

static void
start_worker_check (GlsWorkspace *ws, GlsOpenDocument *od)
{
  CheckJob *job = g_new0 (CheckJob, 1);
  gsize n_spans = 0;
  const GlsProseSpan *spans = gls_open_document_get_spans (od, &n_spans);

  job->workspace = gls_workspace_ref (ws);
  job->snapshot = gls_document_snapshot (od->doc);
  job->spans = g_array_sized_new (FALSE, FALSE, sizeof (GlsProseSpan), (guint) n_spans);
  g_array_append_vals (job->spans, spans, (guint) n_spans);
  job->analyzer = gls_analyzer_ref (gls_glossary_service_peek_analyzer (ws->glossary_service));
  job->config = gls_rule_config_ref ((GlsRuleConfig *) gls_open_document_rule_config (od));
  job->ticket = gls_doc_analysis_begin_full (od->analysis);

  /* At most one check per document: a newer one supersedes. */
  if (od->check_cancel != NULL)
    g_cancellable_cancel (od->check_cancel);
  g_clear_object (&od->check_cancel);
  od->check_cancel = g_cancellable_new ();
  g_autoptr (GTask) task = g_task_new (NULL, od->check_cancel, check_done, gls_open_document_ref (od));
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_set_name (task, "diagnostics-full-check");
  ws->tasks_in_flight++;
  g_task_run_in_thread (task, check_thread);
}

/* ---- scheduling -------------------------------------------------------------------- */

/* Edits have paused on a big document checked incrementally: a full check
 * in the worker settles what depends on the whole document. */
static gboolean
settle_timeout (gpointer data)
{
  GlsOpenDocument *od = data;

  g_clear_pointer (&od->settle_source, g_source_unref);
  if (od->workspace != NULL && od->workspace->server != NULL && od->check_cancel == NULL &&
      gls_doc_analysis_is_approximate (od->analysis))
    start_worker_check (od->workspace, od);
  return G_SOURCE_REMOVE;
}

static void
run_check (GlsOpenDocument *od)
{
  GlsWorkspace *ws = od->workspace;

  if (ws == NULL || ws->server == NULL || gls_server_get_state (ws->server) != GLS_SERVER_INITIALIZED)
    return;
  if (gls_glossary_service_peek_glossary (ws->glossary_service) == NULL &&
      gls_glossary_service_is_loading (ws->glossary_service))
    {
      od->publish_wanted = TRUE;  /* the load's installation re-checks */
      return;
    }
  gls_workspace_ensure_glossary (ws);
  gboolean big = gls_document_get_length (od->doc) >= GLS_ASYNC_CHECK_BYTES;
  if (!od->is_glossary && !gls_doc_analysis_has_base (od->analysis))
    {
      if (gls_doc_analysis_full_pending (od->analysis))
        return;  /* the worker publishes when it is done */
      if (big)
        {
          start_worker_check (ws, od);
          return;
        }
    }
  od->publish_wanted = FALSE;
  gls_open_document_bring_current (od);
  publish (ws, od);
  if (big && !od->is_glossary && gls_doc_analysis_is_approximate (od->analysis) &&
      !gls_doc_analysis_full_pending (od->analysis))
    {
      gls_workspace_remove_source (&od->settle_source);
      od->settle_source = gls_workspace_add_timeout (ws, GLS_SETTLE_DELAY_MS, settle_timeout,
                                                     gls_open_document_ref (od),
                                                     (GDestroyNotify) gls_open_document_unref);
    }
}

static gboolean
publish_timeout (gpointer data)
{
  GlsOpenDocument *od = data;

  /* Released here, not destroyed: returning G_SOURCE_REMOVE does that. */
  g_clear_pointer (&od->publish_source, g_source_unref);
  run_check (od);
  return G_SOURCE_REMOVE;
}

void
gls_diagnostics_schedule (GlsWorkspace *ws, GlsOpenDocument *od)
{
  if (ws->server == NULL || od->workspace == NULL)
    return;
  gls_workspace_remove_source (&od->publish_source);
  gls_workspace_remove_source (&od->settle_source);
  od->publish_source = gls_workspace_add_timeout (ws, ws->diagnostics_delay_ms, publish_timeout,
                                                  gls_open_document_ref (od),
                                                  (GDestroyNotify) gls_open_document_unref);
}

void
gls_diagnostics_check_obsolete (GlsOpenDocument *od, gboolean reschedule)
{
  if (od->check_cancel == NULL)
    return;
  g_cancellable_cancel (od->check_cancel);
  g_clear_object (&od->check_cancel);
  if (reschedule)
    gls_diagnostics_schedule (od->workspace, od);
}

void
gls_diagnostics_cancel (GlsOpenDocument *od)
{
  gls_diagnostics_forget (od);
  gls_workspace_remove_source (&od->publish_source);
  gls_workspace_remove_source (&od->settle_source);
  if (od->check_cancel != NULL)
    {
      g_cancellable_cancel (od->check_cancel);
      g_clear_object (&od->check_cancel);
    }
  /* A dropped worker check must not leave its ticket pending forever. */
  if (gls_doc_analysis_full_pending (od->analysis))
    gls_doc_analysis_invalidate (od->analysis);
}

void
gls_diagnostics_clear (GlsWorkspace *ws, const char *uri)
{
  if (ws->server == NULL)
    return;
  send (ws, uri, FALSE, 0, g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0));
}
