/* glossary_service.c — see glossary_service.h: loading, installing and
 * locating the workspace's glossary. */
#define G_LOG_DOMAIN "gls-workspace"

#include "server/workspace/glossary_service.h"

#include "glossary/glossary_build.h"
#include "glossary/glossary_cache.h"
#include "glossary/glossary_load.h"
#include "server/workspace/uri.h"
#include "text/lines.h"
#include "text/safe_file.h"

#include <errno.h>
#include <string.h>

/* One load, shared by the worker thread that runs it and the main thread,
 * which may block on it (the first load) or install it (any load). */
typedef struct
{
  gint          ref_count;
  GMutex        mutex;
  GCond         cond;
  gboolean      done;       /* under mutex */
  gboolean      installed;  /* main thread only */
  GlsGlossaryArgs inputs;   /* paths, their formats and no_default (no_cache unused) */
  char         *cache_dir;  /* glossary cache, or NULL */
  GCancellable *cancellable;
  GlsGlossary  *glossary;
  GlsAnalyzer  *analyzer;
  GPtrArray    *issues;
} GlsLoadJob;

struct _GlsGlossaryService
{
  gint                      ref_count;
  GlsServer                *server;          /* NULL once disposed */
  GlsGlossaryInstalledFunc  installed_func;
  gpointer                  installed_data;

  /* inputs */
  GlsGlossaryArgs           cli;             /* the command line's; paths absolute */
  char                     *snapshot_cache_dir;  /* NULL: no glossary cache */
  char                     *seed_copy_dir;
  GlsRuleConfig            *config;          /* configured glossaries */

  /* the current glossary */
  GlsGlossary              *glossary;        /* NULL until the first install */
  GlsAnalyzer              *analyzer;
  guint                     generation;
  gboolean                  manual;          /* set by gls_glossary_service_set_glossary */
  GlsGlossaryArgs           loaded;          /* what the current glossary was built from */
  GlsLoadJob               *load_job;        /* the running load, or NULL */
  guint                     tasks_in_flight; /* worker loads not yet called back */
  guint                     load_serial;     /* incremented by every load started */

  /* lazily computed per source of the current glossary */
  GPtrArray                *source_uris;     /* char* per source, "" = not computed */
  GPtrArray                *source_lines;    /* GlsLineIndex* per source */
  GHashTable               *uri_to_source;   /* uri -> index + 1 */
};

/* ---- load jobs ---------------------------------------------------------------- */

/* Takes the contents of inputs. */
static GlsLoadJob *
load_job_new (GlsGlossaryArgs *inputs, const char *cache_dir)
{
  GlsLoadJob *job = g_new0 (GlsLoadJob, 1);
  job->ref_count = 1;
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  job->inputs = *inputs;
  *inputs = (GlsGlossaryArgs) { 0 };
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
  gls_glossary_args_clear (&job->inputs);
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
        .no_default = job->inputs.no_default,
        .paths = (const char *const *) job->inputs.paths,
        .formats = (const char *const *) job->inputs.formats,
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

/* ---- installing a glossary ------------------------------------------------- */

static void
report_issues (GlsGlossaryService *service, GPtrArray *issues)
{
  guint n_user = 0, n_errors = 0;
  const GlsIssue *first = NULL;

  if (issues == NULL || service->server == NULL)
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
        gls_server_log_message (service->server,
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
  gls_rpc_notify (gls_server_get_rpc (service->server), "window/showMessage",
                  g_variant_dict_end (&params));
}

static void
reset_source_caches (GlsGlossaryService *service)
{
  g_ptr_array_set_size (service->source_uris, 0);
  g_ptr_array_set_size (service->source_lines, 0);
  g_clear_pointer (&service->uri_to_source, g_hash_table_unref);
}

static void
install_glossary (GlsGlossaryService *service, GlsGlossary *glossary, GlsAnalyzer *analyzer,
                  GPtrArray *issues)
{
  gboolean first = service->glossary == NULL;

  gls_glossary_ref (glossary);
  if (service->glossary != NULL)
    gls_glossary_unref (service->glossary);
  service->glossary = glossary;
  gls_analyzer_unref (service->analyzer);
  service->analyzer = analyzer != NULL ? gls_analyzer_ref (analyzer) : gls_analyzer_new (glossary);
  service->generation++;
  reset_source_caches (service);
  report_issues (service, issues);
  if (service->installed_func != NULL)
    service->installed_func (first, service->installed_data);
}

static void
install_job (GlsGlossaryService *service, GlsLoadJob *job)
{
  job->installed = TRUE;
  if (service->load_job == job)
    {
      service->load_job = NULL;
      load_job_unref (job);  /* the service's reference; the caller holds one */
    }
  if (job->glossary == NULL)
    return;  /* cancelled before it started */
  gls_glossary_args_clear (&service->loaded);
  gls_glossary_args_copy (&job->inputs, &service->loaded);
  install_glossary (service, job->glossary, job->analyzer, job->issues);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GlsGlossaryService *service = user_data;
  GlsLoadJob *job = g_task_get_task_data (G_TASK (result));

  service->tasks_in_flight--;
  if (service->server != NULL && service->load_job == job && !job->installed &&
      !g_cancellable_is_cancelled (job->cancellable))
    {
      load_job_ref (job);
      install_job (service, job);
      load_job_unref (job);
    }
  gls_glossary_service_unref (service);
}

/* ---- loads ------------------------------------------------------------------- */

/* The glossary inputs the configuration asks for right now: the configured
 * paths (each with its configured format name, "" to detect), then the
 * command line's not already listed (with its format, if any); the built-in glossary unless
 * either leaves it out. */
static void
wanted_inputs (GlsGlossaryService *service, GlsGlossaryArgs *wanted)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) f = g_strv_builder_new ();
  const char *const *configured = gls_rule_config_glossaries (service->config);
  const char *const *configured_formats = gls_rule_config_glossary_formats (service->config);
  for (guint i = 0; configured != NULL && configured[i] != NULL; i++)
    {
      g_strv_builder_add (b, configured[i]);
      g_strv_builder_add (f, configured_formats[i]);
    }
  for (guint i = 0; service->cli.paths[i] != NULL; i++)
    if (!g_strv_contains (configured, service->cli.paths[i]))
      {
        g_strv_builder_add (b, service->cli.paths[i]);
        g_strv_builder_add (f, gls_glossary_args_format (&service->cli, i));
      }
  wanted->paths = g_strv_builder_end (b);
  wanted->formats = g_strv_builder_end (f);
  wanted->no_default = service->cli.no_default ||
                       !gls_rule_config_default_glossary (service->config);
  wanted->no_cache = FALSE;
}

gboolean
gls_glossary_service_inputs_changed (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, FALSE);

  g_auto (GlsGlossaryArgs) wanted = { 0 };
  wanted_inputs (service, &wanted);

  if (service->manual || service->glossary == NULL)
    return FALSE;
  return !gls_glossary_args_equal (&wanted, &service->loaded);
}

static void
start_job (GlsGlossaryService *service)
{
  g_auto (GlsGlossaryArgs) wanted = { 0 };
  wanted_inputs (service, &wanted);

  if (service->load_job != NULL)
    {
      g_cancellable_cancel (service->load_job->cancellable);
      load_job_unref (service->load_job);
    }
  service->load_job = load_job_new (&wanted, service->snapshot_cache_dir);
  service->load_serial++;
  g_autoptr (GTask) task = g_task_new (NULL, service->load_job->cancellable, load_done,
                                       gls_glossary_service_ref (service));
  g_task_set_task_data (task, load_job_ref (service->load_job), (GDestroyNotify) load_job_unref);
  g_task_set_name (task, "glossary-load");
  service->tasks_in_flight++;
  g_task_run_in_thread (task, load_thread);
}

void
gls_glossary_service_start_load (GlsGlossaryService *service)
{
  g_return_if_fail (service != NULL);

  if (service->manual || service->server == NULL)
    return;
  if (service->load_job != NULL)
    {
      /* A load of the same inputs is already under way. */
      g_auto (GlsGlossaryArgs) wanted = { 0 };
      wanted_inputs (service, &wanted);
      if (gls_glossary_args_equal (&wanted, &service->load_job->inputs))
        return;
    }
  start_job (service);
}

void
gls_glossary_service_reload (GlsGlossaryService *service)
{
  g_return_if_fail (service != NULL);

  if (service->manual || service->server == NULL)
    return;
  start_job (service);
}

guint
gls_glossary_service_load_serial (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, 0);
  return service->load_serial;
}

gboolean
gls_glossary_service_is_loading (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, FALSE);
  return service->load_job != NULL;
}

guint
gls_glossary_service_tasks_in_flight (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, 0);
  return service->tasks_in_flight;
}

void
gls_glossary_service_ensure (GlsGlossaryService *service)
{
  g_return_if_fail (service != NULL);

  if (service->glossary != NULL)
    return;
  if (service->load_job == NULL)
    {
      /* Nobody started a load (no `initialized` yet): load right here. */
      g_auto (GlsGlossaryArgs) wanted = { 0 };
      wanted_inputs (service, &wanted);
      service->load_job = load_job_new (&wanted, service->snapshot_cache_dir);
      load_job_run (service->load_job);
    }
  GlsLoadJob *job = load_job_ref (service->load_job);
  g_mutex_lock (&job->mutex);
  while (!job->done)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);
  install_job (service, job);
  load_job_unref (job);
  if (service->glossary == NULL)
    {
      /* Only a cancelled load gets here; an empty glossary keeps the promise
       * that the getters never return NULL. */
      g_autoptr (GPtrArray) none = g_ptr_array_new ();
      g_autoptr (GlsGlossary) empty = gls_glossary_new_from_sources (none, NULL);
      install_glossary (service, empty, NULL, NULL);
    }
}

void
gls_glossary_service_set_glossary (GlsGlossaryService *service, GlsGlossary *glossary)
{
  g_return_if_fail (service != NULL && glossary != NULL);

  if (service->load_job != NULL)
    {
      g_cancellable_cancel (service->load_job->cancellable);
      g_clear_pointer (&service->load_job, load_job_unref);
    }
  service->manual = TRUE;
  install_glossary (service, glossary, NULL, NULL);
}

/* ---- lifetime and getters ------------------------------------------------------ */

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

GlsGlossaryService *
gls_glossary_service_new (GlsServer             *server,
                          const GlsGlossaryArgs *cli,
                          const char            *seed_copy_dir)
{
  g_return_val_if_fail (seed_copy_dir != NULL, NULL);

  GlsGlossaryService *service = g_new0 (GlsGlossaryService, 1);
  service->ref_count = 1;
  service->server = server;
  service->cli.paths = absolute_paths (cli != NULL ? (const char *const *) cli->paths : NULL);
  service->cli.formats = cli != NULL ? g_strdupv (cli->formats) : NULL;
  service->cli.no_default = cli != NULL && cli->no_default;
  service->cli.no_cache = cli == NULL || cli->no_cache;
  service->snapshot_cache_dir = gls_glossary_args_cache_dir (&service->cli);
  /* Nothing loaded yet: not even the built-in glossary. */
  service->loaded.no_default = TRUE;
  service->seed_copy_dir = g_strdup (seed_copy_dir);
  service->config = gls_rule_config_new ();
  service->source_uris = g_ptr_array_new_with_free_func (g_free);
  service->source_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_line_index_free);
  return service;
}

GlsGlossaryService *
gls_glossary_service_ref (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, NULL);
  g_atomic_int_inc (&service->ref_count);
  return service;
}

void
gls_glossary_service_unref (GlsGlossaryService *service)
{
  if (service == NULL || !g_atomic_int_dec_and_test (&service->ref_count))
    return;
  g_clear_pointer (&service->load_job, load_job_unref);
  if (service->glossary != NULL)
    gls_glossary_unref (service->glossary);
  gls_analyzer_unref (service->analyzer);
  gls_glossary_args_clear (&service->loaded);
  g_ptr_array_unref (service->source_uris);
  g_ptr_array_unref (service->source_lines);
  g_clear_pointer (&service->uri_to_source, g_hash_table_unref);
  gls_rule_config_unref (service->config);
  gls_glossary_args_clear (&service->cli);
  g_free (service->snapshot_cache_dir);
  g_free (service->seed_copy_dir);
  g_free (service);
}

void
gls_glossary_service_set_installed_func (GlsGlossaryService       *service,
                                         GlsGlossaryInstalledFunc  func,
                                         gpointer                  user_data)
{
  g_return_if_fail (service != NULL);
  service->installed_func = func;
  service->installed_data = user_data;
}

void
gls_glossary_service_dispose (GlsGlossaryService *service)
{
  g_return_if_fail (service != NULL);
  if (service->load_job != NULL)
    g_cancellable_cancel (service->load_job->cancellable);
  service->server = NULL;
}

void
gls_glossary_service_set_config (GlsGlossaryService *service, GlsRuleConfig *config)
{
  g_return_if_fail (service != NULL && config != NULL);
  gls_rule_config_ref (config);
  gls_rule_config_unref (service->config);
  service->config = config;
}

GlsGlossary *
gls_glossary_service_peek_glossary (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, NULL);
  return service->glossary;
}

GlsAnalyzer *
gls_glossary_service_peek_analyzer (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, NULL);
  return service->analyzer;
}

guint
gls_glossary_service_get_generation (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, 0);
  return service->generation;
}

const char *const *
gls_glossary_service_cli_paths (GlsGlossaryService *service)
{
  g_return_val_if_fail (service != NULL, NULL);
  return (const char *const *) service->cli.paths;
}

/* ---- glossary sources ------------------------------------------------------ */

/* The embedded text written to the copy directory once (rewritten only if a
 * file there differs, e.g. after a crash mid-write or a local edit). */
static char *
seed_copy (GlsGlossaryService *service, const GlsSource *src)
{
  const char *dir = service->seed_copy_dir;
  g_autofree char *name = g_path_get_basename (src->display_path);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize len = 0;
  const char *data = g_bytes_get_data (src->text, &len);
  g_autofree char *existing = NULL;
  gsize existing_len = 0;
  g_autoptr (GError) error = NULL;

  /* Not through a symlink, never a FIFO, never more than the copy's size;
   * and only in a directory that is the user's own (glossary_cache.h). */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_warning ("cannot create %s: %s", dir, g_strerror (errno));
      return NULL;
    }
  if (!gls_glossary_cache_dir_trusted (dir))
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
gls_glossary_service_source_uri (GlsGlossaryService *service, guint source)
{
  gls_glossary_service_ensure (service);
  GlsGlossary *glossary = service->glossary;
  guint n = gls_glossary_n_sources (glossary);

  if (source >= n)
    return NULL;
  if (service->source_uris->len < n)
    {
      guint old = service->source_uris->len;
      g_ptr_array_set_size (service->source_uris, n);
      for (guint i = old; i < n; i++)
        g_ptr_array_index (service->source_uris, i) = g_strdup ("");
    }
  char *cached = g_ptr_array_index (service->source_uris, source);
  if (cached == NULL || cached[0] != '\0')
    return cached;

  const GlsSource *src = gls_glossary_source (glossary, source);
  g_autofree char *path = NULL;
  if (src->disk_path != NULL)
    path = g_strdup (src->disk_path);
  else if (src->is_default)
    path = seed_copy (service, src);
  else
    path = g_canonicalize_filename (src->display_path, NULL);
  char *uri = path != NULL ? g_filename_to_uri (path, NULL, NULL) : NULL;
  g_free (cached);
  g_ptr_array_index (service->source_uris, source) = uri;
  return uri;
}

gboolean
gls_glossary_service_source_range (GlsGlossaryService  *service,
                                   guint                source,
                                   guint32              start,
                                   guint32              end,
                                   GlsPositionEncoding  enc,
                                   GlsLspRange         *range)
{
  gls_glossary_service_ensure (service);
  GlsGlossary *glossary = service->glossary;
  guint n = gls_glossary_n_sources (glossary);

  if (source >= n)
    return FALSE;
  if (service->source_lines->len < n)
    g_ptr_array_set_size (service->source_lines, n);
  const GlsSource *src = gls_glossary_source (glossary, source);
  gsize len = 0;
  const char *text = g_bytes_get_data (src->text, &len);
  GlsLineIndex *index = g_ptr_array_index (service->source_lines, source);
  if (index == NULL)
    {
      index = gls_line_index_new (text, len);
      g_ptr_array_index (service->source_lines, source) = index;
    }
  gls_offset_to_position (index, text, len, start, enc, &range->start_line, &range->start_character);
  gls_offset_to_position (index, text, len, MAX (start, end), enc, &range->end_line,
                          &range->end_character);
  return TRUE;
}

gint
gls_glossary_service_source_for_uri (GlsGlossaryService *service, const char *uri)
{
  g_autofree char *path = gls_uri_to_path (uri);

  if (path == NULL || service->glossary == NULL)
    return -1;
  if (service->uri_to_source == NULL)
    {
      service->uri_to_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n = gls_glossary_n_sources (service->glossary);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *p = gls_uri_to_path (gls_glossary_service_source_uri (service, i));
          if (p != NULL)
            g_hash_table_insert (service->uri_to_source, g_canonicalize_filename (p, NULL),
                                 GUINT_TO_POINTER (i + 1));
        }
    }
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (service->uri_to_source, canonical)) - 1;
}

GlsFormat
gls_glossary_service_format_for_uri (GlsGlossaryService *service, const char *uri, const char *text,
                                     gsize len)
{
  gint source = service->glossary != NULL ? gls_glossary_service_source_for_uri (service, uri) : -1;
  if (source >= 0)
    return gls_glossary_source (service->glossary, (guint) source)->format;
  g_autofree char *path = gls_uri_to_path (uri);
  return gls_format_detect (path != NULL ? path : uri, text, len);
}
