/* workspace.c — see workspace.h. Text sync, diagnostics, code actions and
 * configuration live in sync.c, diagnostics.c, code_action.c and
 * config_watch.c; this file owns the state they share. */
#define G_LOG_DOMAIN "gls-workspace"

#include "gls-config.h"

#include "server/workspace_private.h"

#include "glossary/glossary_cache.h"
#include "glossary/glossary_load.h"
#include "glossary/glossary_build.h"
#include "text/safe_file.h"

#include <errno.h>
#include <string.h>
#include <time.h>

#include "server/params.h"

/* ---- glossary loading ---------------------------------------------------- */

/* One load, shared by the worker thread that runs it and the main thread,
 * which may block on it (the first load) or install it (any load). */
struct _GlsLoadJob
{
  gint          ref_count;
  GMutex        mutex;
  GCond         cond;
  gboolean      done;       /* under mutex */
  gboolean      installed;  /* main thread only */
  char        **paths;
  char        **formats;    /* parallel to paths: format names, "" to detect */
  gboolean      no_default;
  char         *cache_dir;  /* glossary cache, or NULL */
  GCancellable *cancellable;
  GlsGlossary  *glossary;
  GlsAnalyzer  *analyzer;
  GPtrArray    *issues;
};

static GlsLoadJob *
load_job_new (char **paths, char **formats, gboolean no_default, const char *cache_dir)
{
  GlsLoadJob *job = g_new0 (GlsLoadJob, 1);
  job->ref_count = 1;
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  job->paths = paths;
  job->formats = formats;
  job->no_default = no_default;
  job->cache_dir = g_strdup (cache_dir);
  job->cancellable = g_cancellable_new ();
  job->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  return job;
}

static GlsLoadJob *
load_job_ref (GlsLoadJob *job)
{
  g_atomic_int_inc (&job->ref_count);
  return job;
}

static void
load_job_unref (GlsLoadJob *job)
{
  if (job == NULL || !g_atomic_int_dec_and_test (&job->ref_count))
    return;
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_strfreev (job->paths);
  g_strfreev (job->formats);
  g_free (job->cache_dir);
  g_object_unref (job->cancellable);
  if (job->glossary != NULL)
    gls_glossary_unref (job->glossary);
  gls_analyzer_unref (job->analyzer);
  g_ptr_array_unref (job->issues);
  g_free (job);
}

/* Any thread. */
static void
load_job_run (GlsLoadJob *job)
{
  if (!g_cancellable_is_cancelled (job->cancellable))
    {
      GlsGlossaryOptions options = {
        .no_default = job->no_default,
        .paths = (const char *const *) job->paths,
        .formats = (const char *const *) job->formats,
        .cancellable = job->cancellable,
        .cache_dir = job->cache_dir,
      };
      /* NULL: cancelled (a newer load, or the server exits and waits). */
      g_autoptr (GlsGlossary) glossary = gls_glossary_load (&options, job->issues);
      /* The analyzer's indexes are built here too: a swap on the main thread
       * must cost nothing. */
      GlsAnalyzer *analyzer = NULL;
      if (glossary != NULL && !g_cancellable_is_cancelled (job->cancellable))
        analyzer = gls_analyzer_new (glossary);
      else
        g_clear_pointer (&glossary, gls_glossary_unref);
      g_mutex_lock (&job->mutex);
      job->glossary = g_steal_pointer (&glossary);
      job->analyzer = analyzer;
      g_mutex_unlock (&job->mutex);
    }
  g_mutex_lock (&job->mutex);
  job->done = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  load_job_run (task_data);
  g_task_return_boolean (task, TRUE);
}

static void install_glossary (GlsWorkspace *ws, GlsGlossary *glossary, GlsAnalyzer *analyzer,
                              GPtrArray *issues);

static void
install_job (GlsWorkspace *ws, GlsLoadJob *job)
{
  job->installed = TRUE;
  if (ws->load_job == job)
    {
      ws->load_job = NULL;
      load_job_unref (job);  /* the workspace's reference; the caller holds one */
    }
  if (job->glossary == NULL)
    return;  /* cancelled before it started */
  g_strfreev (ws->loaded_paths);
  ws->loaded_paths = g_strdupv (job->paths);
  g_strfreev (ws->loaded_formats);
  ws->loaded_formats = g_strdupv (job->formats);
  ws->loaded_default = !job->no_default;
  install_glossary (ws, job->glossary, job->analyzer, job->issues);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  GlsLoadJob *job = g_task_get_task_data (G_TASK (result));

  ws->tasks_in_flight--;
  if (ws->server != NULL && ws->load_job == job && !job->installed &&
      !g_cancellable_is_cancelled (job->cancellable))
    {
      load_job_ref (job);
      install_job (ws, job);
      load_job_unref (job);
    }
  gls_workspace_unref (ws);
}

/* The glossary inputs the configuration asks for right now, and each one's
 * format name ("" to detect) in *formats. */
static char **
wanted_paths (GlsWorkspace *ws, gboolean *no_default, char ***formats)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) f = g_strv_builder_new ();
  const char *const *configured = gls_rule_config_glossaries (ws->config);
  const char *const *configured_formats = gls_rule_config_glossary_formats (ws->config);
  for (guint i = 0; configured != NULL && configured[i] != NULL; i++)
    {
      g_strv_builder_add (b, configured[i]);
      g_strv_builder_add (f, configured_formats[i]);
    }
  for (guint i = 0; ws->cli_glossaries[i] != NULL; i++)
    if (!g_strv_contains (configured, ws->cli_glossaries[i]))
      {
        g_strv_builder_add (b, ws->cli_glossaries[i]);
        g_strv_builder_add (f, "");
      }
  *no_default = ws->no_default_glossary || !gls_rule_config_default_glossary (ws->config);
  *formats = g_strv_builder_end (f);
  return g_strv_builder_end (b);
}

gboolean
gls_workspace_glossary_inputs_changed (GlsWorkspace *ws)
{
  gboolean no_default;
  g_auto (GStrv) formats = NULL;
  g_auto (GStrv) paths = wanted_paths (ws, &no_default, &formats);

  if (ws->manual_glossary || ws->glossary == NULL)
    return FALSE;
  return ws->loaded_default == no_default ||
         !g_strv_equal ((const char *const *) paths, (const char *const *) ws->loaded_paths) ||
         ws->loaded_formats == NULL ||
         !g_strv_equal ((const char *const *) formats, (const char *const *) ws->loaded_formats);
}

static void
start_job (GlsWorkspace *ws)
{
  gboolean no_default;
  char **formats = NULL;
  char **paths = wanted_paths (ws, &no_default, &formats);

  if (ws->load_job != NULL)
    {
      g_cancellable_cancel (ws->load_job->cancellable);
      load_job_unref (ws->load_job);
    }
  ws->load_job = load_job_new (paths, formats, no_default, ws->glossary_cache_dir);
  ws->load_serial++;
  g_autoptr (GTask) task = g_task_new (NULL, ws->load_job->cancellable, load_done,
                                       gls_workspace_ref (ws));
  g_task_set_task_data (task, load_job_ref (ws->load_job), (GDestroyNotify) load_job_unref);
  g_task_set_name (task, "glossary-load");
  ws->tasks_in_flight++;
  g_task_run_in_thread (task, load_thread);
}

void
gls_workspace_start_load (GlsWorkspace *ws)
{
  if (ws->manual_glossary || ws->server == NULL)
    return;
  if (ws->load_job != NULL)
    {
      /* A load of the same inputs is already under way. */
      gboolean no_default;
      g_auto (GStrv) formats = NULL;
      g_auto (GStrv) paths = wanted_paths (ws, &no_default, &formats);
      if (no_default == ws->load_job->no_default &&
          g_strv_equal ((const char *const *) paths, (const char *const *) ws->load_job->paths) &&
          g_strv_equal ((const char *const *) formats, (const char *const *) ws->load_job->formats))
        return;
    }
  start_job (ws);
}

void
gls_workspace_reload_glossary (GlsWorkspace *ws)
{
  g_return_if_fail (ws != NULL);
  if (ws->manual_glossary || ws->server == NULL)
    return;
  start_job (ws);
}

gboolean
gls_workspace_is_loading (GlsWorkspace *ws)
{
  return ws->load_job != NULL;
}

gboolean
gls_workspace_is_idle (GlsWorkspace *ws)
{
  GHashTableIter iter;
  gpointer value;

  if (ws->tasks_in_flight > 0 || ws->load_job != NULL || ws->reload_source != NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((GlsOpenDocument *) value)->publish_source != NULL ||
        ((GlsOpenDocument *) value)->settle_source != NULL)
      return FALSE;
  return TRUE;
}

void
gls_workspace_drain (GlsWorkspace *ws)
{
  g_return_if_fail (ws != NULL);
  while (ws->tasks_in_flight > 0)
    g_main_context_iteration (ws->context, TRUE);
}

void
gls_workspace_ensure_glossary (GlsWorkspace *ws)
{
  if (ws->glossary != NULL)
    return;
  if (ws->load_job == NULL)
    {
      /* Nobody started a load (no `initialized` yet): load right here. */
      gboolean no_default;
      char **formats = NULL;
      char **paths = wanted_paths (ws, &no_default, &formats);
      ws->load_job = load_job_new (paths, formats, no_default, ws->glossary_cache_dir);
      load_job_run (ws->load_job);
    }
  GlsLoadJob *job = load_job_ref (ws->load_job);
  g_mutex_lock (&job->mutex);
  while (!job->done)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);
  install_job (ws, job);
  load_job_unref (job);
  if (ws->glossary == NULL)
    {
      /* Only a cancelled load gets here; an empty glossary keeps the promise
       * that the getters never return NULL. */
      g_autoptr (GPtrArray) none = g_ptr_array_new ();
      g_autoptr (GlsGlossary) empty = gls_glossary_new_from_sources (none, NULL);
      install_glossary (ws, empty, NULL, NULL);
    }
}

/* ---- installing a glossary ------------------------------------------------- */

static void
report_issues (GlsWorkspace *ws, GPtrArray *issues)
{
  guint n_user = 0, n_errors = 0;
  const GlsIssue *first = NULL;

  if (issues == NULL || ws->server == NULL)
    return;
  for (guint i = 0; i < issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (issues, i);
      g_autofree char *line = gls_issue_format (issue);
      if (issue->in_default)
        {
          g_debug ("default glossary: %s", line);
          continue;
        }
      n_user++;
      if (issue->severity == GLS_ISSUE_ERROR)
        n_errors++;
      if (first == NULL)
        first = issue;
      /* A glossary with thousands of problems must not flood the client. */
      if (n_user <= 200)
        gls_server_log_message (ws->server,
                                issue->severity == GLS_ISSUE_ERROR ? GLS_MESSAGE_TYPE_ERROR
                                                                   : GLS_MESSAGE_TYPE_WARNING,
                                "%s", line);
    }
  if (n_user == 0)
    return;
  g_autofree char *first_line = gls_issue_format (first);
  g_auto (GVariantDict) params = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *message =
    g_strdup_printf ("glossary-ls: %u problem%s in glossary files (the rest loaded). First: %s",
                     n_user, n_user == 1 ? "" : "s", first_line);
  g_variant_dict_insert (&params, "type", "x",
                         (gint64) (n_errors > 0 ? GLS_MESSAGE_TYPE_ERROR : GLS_MESSAGE_TYPE_WARNING));
  g_variant_dict_insert (&params, "message", "s", message);
  gls_rpc_notify (gls_server_get_rpc (ws->server), "window/showMessage", g_variant_dict_end (&params));
}

static void
reset_source_caches (GlsWorkspace *ws)
{
  g_ptr_array_set_size (ws->source_uris, 0);
  g_ptr_array_set_size (ws->source_lines, 0);
  g_clear_pointer (&ws->uri_to_source, g_hash_table_unref);
}

static void rebuild_prose (GlsOpenDocument *od);

static void
emit_glossary_changed (GlsWorkspace *ws)
{
  /* Callbacks may disconnect (themselves or others): walk a snapshot of the
   * ids and skip the ones gone meanwhile. */
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gulong));
  for (guint i = 0; i < ws->listeners->len; i++)
    g_array_append_val (ids, g_array_index (ws->listeners, GlsWorkspaceListener, i).id);
  for (guint k = 0; k < ids->len; k++)
    for (guint i = 0; i < ws->listeners->len; i++)
      {
        GlsWorkspaceListener *l = &g_array_index (ws->listeners, GlsWorkspaceListener, i);
        if (l->id == g_array_index (ids, gulong, k))
          {
            GlsWorkspaceFunc func = l->func;
            gpointer data = l->user_data;
            func (ws, data);
            break;
          }
      }
}

static void
install_glossary (GlsWorkspace *ws, GlsGlossary *glossary, GlsAnalyzer *analyzer, GPtrArray *issues)
{
  gboolean first = ws->glossary == NULL;

  gls_glossary_ref (glossary);
  if (ws->glossary != NULL)
    gls_glossary_unref (ws->glossary);
  ws->glossary = glossary;
  gls_analyzer_unref (ws->analyzer);
  ws->analyzer = analyzer != NULL ? gls_analyzer_ref (analyzer) : gls_analyzer_new (glossary);
  ws->generation++;
  reset_source_caches (ws);
  report_issues (ws, issues);
  if (!first)
    emit_glossary_changed (ws);

  /* Whether a document is a glossary file can depend on the sources. */
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GlsOpenDocument *od = value;
      gboolean is_glossary = gls_workspace_is_glossary_uri (ws, gls_document_get_uri (od->doc),
                                                            gls_document_get_language_id (od->doc));
      if (is_glossary != od->is_glossary)
        {
          od->is_glossary = is_glossary;
          rebuild_prose (od);
        }
    }
  gls_workspace_reanalyze_all (ws);
  if (ws->server != NULL && !ws->no_file_monitors)
    gls_config_watch_files (ws);
}

void
gls_workspace_set_glossary (GlsWorkspace *ws, GlsGlossary *glossary)
{
  g_return_if_fail (ws != NULL && glossary != NULL);
  if (ws->load_job != NULL)
    {
      g_cancellable_cancel (ws->load_job->cancellable);
      g_clear_pointer (&ws->load_job, load_job_unref);
    }
  ws->manual_glossary = TRUE;
  install_glossary (ws, glossary, NULL, NULL);
}

void
gls_workspace_reanalyze_all (GlsWorkspace *ws)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GlsOpenDocument *od = value;
      gls_diagnostics_cancel (od);
      gls_doc_analysis_invalidate (od->analysis);
      gls_diagnostics_schedule (ws, od);
    }
}

/* ---- lifetime ------------------------------------------------------------ */

static void
listener_clear (gpointer data)
{
  GlsWorkspaceListener *l = data;
  if (l->destroy != NULL)
    l->destroy (l->user_data);
}

static void open_document_free (GlsOpenDocument *od);

static char **
absolute_paths (const char *const *paths)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *abs = g_canonicalize_filename (paths[i], NULL);
      g_strv_builder_add (b, abs);
    }
  return g_strv_builder_end (b);
}

static void
on_shutdown (GlsServer *server, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  GHashTableIter iter;
  gpointer value;

  /* Nothing more will be published: stop timers and checks. */
  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gls_diagnostics_cancel (value);
}

static void
on_initialized (GlsServer *server, gpointer user_data)
{
  GlsWorkspace *ws = user_data;

  ws->initialized = TRUE;
  gls_config_rebuild (ws);
}

/* The server is being freed: the connection is closed, nothing may be sent
 * any more. Drops the server's reference. */
static void
workspace_dispose (gpointer data)
{
  GlsWorkspace *ws = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gls_diagnostics_cancel (value);
  if (ws->load_job != NULL)
    g_cancellable_cancel (ws->load_job->cancellable);
  gls_config_dispose (ws);
  g_clear_handle_id (&ws->trim_source, g_source_remove);
  ws->server = NULL;
  gls_workspace_unref (ws);
}

GlsWorkspace *
gls_workspace_new (GlsServer *server, const GlsWorkspaceOptions *options)
{
  g_return_val_if_fail (server != NULL, NULL);

  /* GLib 2.74 registers the embedded GResources (seeds, word lists) lazily
   * on first use, and a thread arriving while another one registers them
   * can read a resource that does not exist yet (a NULL dereference seen in
   * g_resource_lookup_data). Register them here, on the main thread, before
   * any glossary load runs in a worker. */
  g_strfreev (g_resources_enumerate_children ("/", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL));

  GlsWorkspace *ws = g_new0 (GlsWorkspace, 1);
  ws->ref_count = 1;
  ws->server = server;
  ws->context = g_main_context_ref_thread_default ();
  ws->cli_glossaries = absolute_paths (options != NULL ? options->glossaries : NULL);
  ws->no_default_glossary = options != NULL && options->no_default_glossary;
  ws->no_file_monitors = options != NULL && options->no_file_monitors;
  if (options != NULL && options->cache_dir != NULL)
    ws->cache_dir = g_strdup (options->cache_dir);
  else
    ws->cache_dir = g_build_filename (g_get_user_cache_dir (), "glossary-ls", GLS_VERSION, "seeds", NULL);
  ws->glossary_cache_dir = g_strdup (options != NULL ? options->glossary_cache_dir : NULL);
  ws->store = gls_document_store_new ();
  ws->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) gls_open_document_unref);
  ws->source_uris = g_ptr_array_new_with_free_func (g_free);
  ws->source_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_line_index_free);
  ws->listeners = g_array_new (FALSE, FALSE, sizeof (GlsWorkspaceListener));
  g_array_set_clear_func (ws->listeners, listener_clear);
  ws->next_listener_id = 1;
  ws->config = gls_rule_config_new ();
  ws->glossary_doc_config = gls_rule_config_new ();
  for (guint r = 0; r < GLS_N_RULES; r++)
    gls_rule_config_set_severity (ws->glossary_doc_config, r, GLS_SEVERITY_OFF);
  ws->diagnostics_delay_ms = GLS_DEFAULT_DIAGNOSTICS_DELAY_MS;
  ws->max_diagnostics = GLS_DEFAULT_MAX_DIAGNOSTICS;
  ws->session_ignore = g_new0 (char *, 1);
  ws->monitors = g_ptr_array_new_with_free_func (g_object_unref);

  gls_sync_register (ws);
  gls_code_action_register (ws);
  gls_config_register (ws);
  gls_server_add_initialized_hook (server, on_initialized, ws, NULL);
  /* The shutdown hook's destroy notify runs when the server is freed: that
   * is how the server owns the workspace. */
  gls_server_add_shutdown_hook (server, on_shutdown, ws, workspace_dispose);
  return ws;
}

GlsWorkspace *
gls_workspace_ref (GlsWorkspace *ws)
{
  g_return_val_if_fail (ws != NULL, NULL);
  g_atomic_int_inc (&ws->ref_count);
  return ws;
}

void
gls_workspace_unref (GlsWorkspace *ws)
{
  if (ws == NULL || !g_atomic_int_dec_and_test (&ws->ref_count))
    return;
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GlsOpenDocument *od = value;
      gls_diagnostics_cancel (od);
      od->workspace = NULL;
    }
  g_hash_table_unref (ws->documents);
  gls_document_store_free (ws->store);
  g_clear_pointer (&ws->load_job, load_job_unref);
  if (ws->glossary != NULL)
    gls_glossary_unref (ws->glossary);
  gls_analyzer_unref (ws->analyzer);
  g_strfreev (ws->loaded_paths);
  g_strfreev (ws->loaded_formats);
  g_ptr_array_unref (ws->source_uris);
  g_ptr_array_unref (ws->source_lines);
  g_clear_pointer (&ws->uri_to_source, g_hash_table_unref);
  g_array_unref (ws->listeners);
  gls_rule_config_unref (ws->config);
  gls_rule_config_unref (ws->glossary_doc_config);
  g_clear_pointer (&ws->init_options, g_variant_unref);
  g_clear_pointer (&ws->settings, g_variant_unref);
  g_strfreev (ws->session_ignore);
  g_ptr_array_unref (ws->monitors);
  g_strfreev (ws->cli_glossaries);
  g_free (ws->cache_dir);
  g_free (ws->glossary_cache_dir);
  g_main_context_unref (ws->context);
  g_free (ws);
}

gint64
gls_thread_cpu_us (void)
{
  struct timespec ts;
  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

GSource *
gls_workspace_add_timeout (GlsWorkspace *ws, guint ms, GSourceFunc func, gpointer data,
                           GDestroyNotify destroy)
{
  GSource *source = g_timeout_source_new (ms);
  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, ws->context);
  return source;
}

void
gls_workspace_remove_source (GSource **source)
{
  GSource *s = g_steal_pointer (source);
  if (s == NULL)
    return;
  g_source_destroy (s);
  g_source_unref (s);
}

GlsServer *
gls_workspace_get_server (GlsWorkspace *ws)
{
  return ws->server;
}

GlsPositionEncoding
gls_workspace_get_encoding (GlsWorkspace *ws)
{
  return ws->server != NULL ? gls_server_get_position_encoding (ws->server) : GLS_POSITION_UTF16;
}

/* ---- glossary and configuration ------------------------------------------ */

GlsGlossary *
gls_workspace_get_glossary (GlsWorkspace *ws)
{
  gls_workspace_ensure_glossary (ws);
  return ws->glossary;
}

GlsAnalyzer *
gls_workspace_get_analyzer (GlsWorkspace *ws)
{
  gls_workspace_ensure_glossary (ws);
  return ws->analyzer;
}

guint
gls_workspace_get_generation (GlsWorkspace *ws)
{
  gls_workspace_ensure_glossary (ws);
  return ws->generation;
}

GlsRuleConfig *
gls_workspace_get_config (GlsWorkspace *ws)
{
  return ws->config;
}

gulong
gls_workspace_connect_glossary_changed (GlsWorkspace *ws, GlsWorkspaceFunc func,
                                        gpointer user_data, GDestroyNotify destroy)
{
  g_return_val_if_fail (ws != NULL && func != NULL, 0);
  GlsWorkspaceListener l = { ws->next_listener_id++, func, user_data, destroy };
  g_array_append_val (ws->listeners, l);
  return l.id;
}

void
gls_workspace_disconnect (GlsWorkspace *ws, gulong id)
{
  for (guint i = 0; i < ws->listeners->len; i++)
    if (g_array_index (ws->listeners, GlsWorkspaceListener, i).id == id)
      {
        g_array_remove_index (ws->listeners, i);
        return;
      }
}

/* ---- glossary sources ------------------------------------------------------ */

char *
gls_workspace_uri_to_path (const char *uri)
{
  if (uri == NULL || g_ascii_strncasecmp (uri, "file:", 5) != 0)
    return NULL;
  return g_filename_from_uri (uri, NULL, NULL);
}

/* The embedded text written to the cache directory once (rewritten only if a
 * file there differs, e.g. after a crash mid-write or a local edit). */
static char *
cache_copy (GlsWorkspace *ws, const GlsSource *src)
{
  g_autofree char *name = g_path_get_basename (src->display_path);
  g_autofree char *path = g_build_filename (ws->cache_dir, name, NULL);
  gsize len = 0;
  const char *data = g_bytes_get_data (src->text, &len);
  g_autofree char *existing = NULL;
  gsize existing_len = 0;
  g_autoptr (GError) error = NULL;

  /* Not through a symlink, never a FIFO, never more than the copy's size;
   * and only in a directory that is the user's own (glossary_cache.h). */
  if (g_mkdir_with_parents (ws->cache_dir, 0700) != 0)
    {
      g_warning ("cannot create %s: %s", ws->cache_dir, g_strerror (errno));
      return NULL;
    }
  if (!gls_glossary_cache_dir_trusted (ws->cache_dir))
    return NULL;
  if (gls_safe_file_read (path, len, GLS_SAFE_FILE_NOFOLLOW, &existing, &existing_len, NULL) &&
      existing_len == len && memcmp (existing, data, len) == 0)
    return g_steal_pointer (&path);
  if (!g_file_set_contents (path, data, (gssize) len, &error))
    {
      g_warning ("cannot write %s: %s", path,
                 error != NULL ? error->message : g_strerror (errno));
      return NULL;
    }
  return g_steal_pointer (&path);
}

const char *
gls_workspace_source_uri (GlsWorkspace *ws, guint source)
{
  GlsGlossary *glossary = gls_workspace_get_glossary (ws);
  guint n = gls_glossary_n_sources (glossary);

  if (source >= n)
    return NULL;
  if (ws->source_uris->len < n)
    {
      guint old = ws->source_uris->len;
      g_ptr_array_set_size (ws->source_uris, n);
      for (guint i = old; i < n; i++)
        g_ptr_array_index (ws->source_uris, i) = g_strdup ("");
    }
  char *cached = g_ptr_array_index (ws->source_uris, source);
  if (cached == NULL || cached[0] != '\0')
    return cached;

  const GlsSource *src = gls_glossary_source (glossary, source);
  g_autofree char *path = NULL;
  if (src->disk_path != NULL)
    path = g_strdup (src->disk_path);
  else if (src->is_default)
    path = cache_copy (ws, src);
  else
    path = g_canonicalize_filename (src->display_path, NULL);
  char *uri = path != NULL ? g_filename_to_uri (path, NULL, NULL) : NULL;
  g_free (cached);
  g_ptr_array_index (ws->source_uris, source) = uri;
  return uri;
}

gboolean
gls_workspace_source_range (GlsWorkspace *ws, guint source, guint32 start, guint32 end,
                            GlsLspRange *range)
{
  GlsGlossary *glossary = gls_workspace_get_glossary (ws);
  guint n = gls_glossary_n_sources (glossary);

  if (source >= n)
    return FALSE;
  if (ws->source_lines->len < n)
    g_ptr_array_set_size (ws->source_lines, n);
  const GlsSource *src = gls_glossary_source (glossary, source);
  gsize len = 0;
  const char *text = g_bytes_get_data (src->text, &len);
  GlsLineIndex *index = g_ptr_array_index (ws->source_lines, source);
  if (index == NULL)
    {
      index = gls_line_index_new (text, len);
      g_ptr_array_index (ws->source_lines, source) = index;
    }
  GlsPositionEncoding enc = gls_workspace_get_encoding (ws);
  gls_offset_to_position (index, text, len, start, enc, &range->start_line, &range->start_character);
  gls_offset_to_position (index, text, len, MAX (start, end), enc, &range->end_line,
                          &range->end_character);
  return TRUE;
}

gint
gls_workspace_source_for_uri (GlsWorkspace *ws, const char *uri)
{
  g_autofree char *path = gls_workspace_uri_to_path (uri);

  if (path == NULL || ws->glossary == NULL)
    return -1;
  if (ws->uri_to_source == NULL)
    {
      ws->uri_to_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n = gls_glossary_n_sources (ws->glossary);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *p = gls_workspace_uri_to_path (gls_workspace_source_uri (ws, i));
          if (p != NULL)
            g_hash_table_insert (ws->uri_to_source, g_canonicalize_filename (p, NULL),
                                 GUINT_TO_POINTER (i + 1));
        }
    }
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (ws->uri_to_source, canonical)) - 1;
}

gboolean
gls_workspace_is_glossary_uri (GlsWorkspace *ws, const char *uri, const char *language_id)
{
  if (language_id != NULL && g_ascii_strcasecmp (language_id, "glossary") == 0)
    return TRUE;
  if (uri == NULL)
    return FALSE;
  if (g_str_has_suffix (uri, ".glossary"))
    return TRUE;
  /* Before the first load this cannot be known; the install re-decides. */
  return ws->glossary != NULL && gls_workspace_source_for_uri (ws, uri) >= 0;
}

GlsFormat
gls_workspace_glossary_format (GlsWorkspace *ws, const char *uri, const char *text, gsize len)
{
  gint source = ws->glossary != NULL ? gls_workspace_source_for_uri (ws, uri) : -1;
  if (source >= 0)
    return gls_glossary_source (ws->glossary, (guint) source)->format;
  g_autofree char *path = gls_workspace_uri_to_path (uri);
  return gls_format_detect (path != NULL ? path : uri, text, len);
}

/* ---- open documents ------------------------------------------------------- */

static void
open_document_free (GlsOpenDocument *od)
{
  gls_diagnostics_forget (od);
  gls_document_unref (od->doc);
  gls_prose_free (od->prose);
  gls_glossary_prose_free (od->gprose);
  g_array_unref (od->spans);
  gls_doc_analysis_free (od->analysis);
  g_clear_object (&od->check_cancel);
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
log_workspace (GlsWorkspace *ws, GlsMessageType type, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
log_workspace (GlsWorkspace *ws, GlsMessageType type, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  if (ws != NULL && ws->server != NULL)
    gls_server_log_message (ws->server, type, "%s", message);
  else
    g_message ("%s", message);
}

/* Full parse of the current text with the right extractor. */
static void
rebuild_prose (GlsOpenDocument *od)
{
  gsize len = 0;
  const char *text = gls_document_get_text (od->doc, &len);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_clear_pointer (&od->prose, gls_prose_free);
  g_clear_pointer (&od->gprose, gls_glossary_prose_free);
  if (od->is_glossary)
    {
      od->gprose = gls_glossary_prose_new ();
      ok = gls_glossary_prose_parse (od->gprose, text, len, NULL, &error);
    }
  else
    {
      od->prose = gls_prose_new (gls_document_get_language_id (od->doc));
      ok = gls_prose_parse (od->prose, text, len, NULL, &error);
    }
  if (!ok)
    log_workspace (od->workspace, GLS_MESSAGE_TYPE_WARNING, "%s: no prose: %s",
                   gls_document_get_uri (od->doc), error->message);
  od->spans_valid = FALSE;
  gls_doc_analysis_invalidate (od->analysis);
  /* A check of the old text is of no use any more. */
  if (od->check_cancel != NULL)
    g_cancellable_cancel (od->check_cancel);
  g_clear_object (&od->check_cancel);
}

GlsOpenDocument *
gls_workspace_open (GlsWorkspace *ws, const char *uri, const char *language_id, gint64 version,
                    const char *text, gsize len)
{
  if (g_hash_table_contains (ws->documents, uri))
    gls_workspace_close (ws, uri);

  GlsOpenDocument *od = g_new0 (GlsOpenDocument, 1);
  od->ref_count = 1;
  od->workspace = ws;
  od->doc = gls_document_ref (gls_document_store_open (ws->store, uri, language_id, version, text,
                                                       (gssize) len));
  od->spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  od->analysis = gls_doc_analysis_new ();
  od->is_glossary = gls_workspace_is_glossary_uri (ws, uri, language_id);
  rebuild_prose (od);
  g_hash_table_replace (ws->documents, g_strdup (uri), od);
  return od;
}

void
gls_workspace_close (GlsWorkspace *ws, const char *uri)
{
  GlsOpenDocument *od = g_hash_table_lookup (ws->documents, uri);
  if (od == NULL)
    return;
  gls_diagnostics_cancel (od);
  od->workspace = NULL;
  gls_document_store_close (ws->store, uri);
  g_hash_table_remove (ws->documents, uri);
}

void
gls_open_document_replace (GlsOpenDocument *od, const char *text, gsize len)
{
  g_autoptr (GError) error = NULL;
  if (!gls_document_apply_change (od->doc, FALSE, 0, 0, 0, 0, text, (gssize) len,
                                  GLS_POSITION_UTF8, &error))
    g_warning ("full replacement refused: %s", error->message);
  rebuild_prose (od);
}

void
gls_open_document_edited (GlsOpenDocument *od, guint32 start, guint32 old_end, guint32 new_end)
{
  gsize len = 0;
  const char *text = gls_document_get_text (od->doc, &len);
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (od->is_glossary)
    ok = gls_glossary_prose_reparse_after_edit (od->gprose, text, len, start, old_end, new_end,
                                                changed, NULL, &error);
  else
    ok = gls_prose_reparse_after_edit (od->prose, text, len, start, old_end, new_end, changed,
                                       NULL, &error);
  od->spans_valid = FALSE;
  if (!ok)
    {
      /* Should not happen (the offsets come from the document); a full
       * parse is always a correct answer. */
      g_warning ("%s: incremental prose update failed (%s); reparsing",
                 gls_document_get_uri (od->doc), error->message);
      rebuild_prose (od);
      return;
    }
  gls_doc_analysis_note_edit (od->analysis, start, old_end, new_end, changed);
}

const GlsRuleConfig *
gls_open_document_rule_config (GlsOpenDocument *od)
{
  GlsWorkspace *ws = od->workspace;
  return od->is_glossary ? ws->glossary_doc_config : ws->config;
}

GlsOpenDocument *
gls_workspace_get_document (GlsWorkspace *ws, const char *uri)
{
  return uri != NULL ? g_hash_table_lookup (ws->documents, uri) : NULL;
}

static int
compare_by_uri (gconstpointer a, gconstpointer b)
{
  const GlsOpenDocument *x = *(GlsOpenDocument *const *) a;
  const GlsOpenDocument *y = *(GlsOpenDocument *const *) b;
  return strcmp (gls_document_get_uri (x->doc), gls_document_get_uri (y->doc));
}

GPtrArray *
gls_workspace_list_documents (GlsWorkspace *ws)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_open_document_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, gls_open_document_ref (value));
  g_ptr_array_sort (list, compare_by_uri);
  return list;
}

gboolean
gls_workspace_resolve_position (GlsWorkspace *ws, GVariant *params, GlsOpenDocument **document,
                                guint32 *offset, GError **error)
{
  g_autofree char *uri = NULL;
  gint64 line = 0, character = 0;

  *document = NULL;
  *offset = 0;
  if (!gls_params_get_string (params, "textDocument.uri", GLS_PARAM_REQUIRED, &uri, error) ||
      !gls_params_get_int64 (params, "position.line", GLS_PARAM_REQUIRED, &line, error) ||
      !gls_params_get_int64 (params, "position.character", GLS_PARAM_REQUIRED, &character, error))
    return FALSE;
  GlsOpenDocument *od = gls_workspace_get_document (ws, uri);
  if (od == NULL)
    return TRUE;
  *document = od;
  *offset = gls_open_document_offset_at (od, line, character);
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
  if (od->workspace != NULL && od->workspace->glossary == NULL)
    gls_workspace_ensure_glossary (od->workspace);
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
  return od->workspace != NULL;
}

static void
spans_in (GlsOpenDocument *od, guint32 from, guint32 to, GArray *out)
{
  settle (od);
  if (od->gprose != NULL)
    gls_glossary_prose_spans (od->gprose, from, to, out);
  else if (od->prose != NULL)
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
  GlsWorkspace *ws = od->workspace;
  GlsProseSpan span;
  gsize len = 0;
  const char *text = gls_document_get_text (od->doc, &len);

  if (ws == NULL || offset > len)
    return FALSE;
  GlsGlossary *glossary = gls_workspace_get_glossary (ws);
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
  GlsWorkspace *ws = od->workspace;
  gsize len = 0, n_spans = 0;

  if (ws == NULL)
    return;
  gls_workspace_ensure_glossary (ws);
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
  guint checked = gls_doc_analysis_update (od->analysis, ws->analyzer, gls_open_document_rule_config (od),
                                           text, len, spans, n_spans);
  g_debug ("%s v%" G_GINT64_FORMAT ": checked %u of %zu spans (%u dirty ranges) in %.2f ms",
           gls_document_get_uri (od->doc), gls_document_get_version (od->doc), checked, n_spans, dirty,
           (g_get_monotonic_time () - t0) / 1000.0);
  if (supersede && od->check_cancel != NULL)
    {
      /* The worker would have published; now the scheduled run does. */
      g_cancellable_cancel (od->check_cancel);
      g_clear_object (&od->check_cancel);
      gls_diagnostics_schedule (ws, od);
    }
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
  return od->workspace != NULL ? gls_workspace_get_encoding (od->workspace) : GLS_POSITION_UTF16;
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

static GVariant *
position_variant (gint64 line, gint64 character)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&d, "line", "x", line);
  g_variant_dict_insert (&d, "character", "x", character);
  return g_variant_dict_end (&d);
}

GVariant *
gls_lsp_range_to_variant (const GlsLspRange *range)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert_value (&d, "start", position_variant (range->start_line, range->start_character));
  g_variant_dict_insert_value (&d, "end", position_variant (range->end_line, range->end_character));
  return g_variant_dict_end (&d);
}

GVariant *
gls_lsp_location_to_variant (const char *uri, const GlsLspRange *range)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&d, "uri", "s", uri);
  g_variant_dict_insert_value (&d, "range", gls_lsp_range_to_variant (range));
  return g_variant_dict_end (&d);
}
