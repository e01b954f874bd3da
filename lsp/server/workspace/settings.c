/* settings.c — the merged configuration and the files it depends on.
 *
 * Layers, lowest first (settings.h): defaults; the .glossary-ls.json at the
 * root of each workspace folder, in folder order (relative glossary paths
 * resolve against the file's directory); initializationOptions; the latest
 * settings (workspace/didChangeConfiguration params.settings, or the answer
 * to a workspace/configuration pull of section "glossaryLs" when the client
 * supports pulling: both are the same layer, the latest wins); the session's
 * ignored words; the command line. Editor settings resolve relative paths
 * against the first workspace folder. Every layer may be bare or
 * {"glossaryLs": {...}}.
 *
 * Server settings read from the same objects (not rule configuration, so
 * they are taken out before config.h sees them and never warned about):
 *   diagnosticsDelay  integer ms >= 0, the diagnostics debounce (default
 *                     GLS_DEFAULT_DIAGNOSTICS_DELAY_MS);
 *   maxDiagnostics    integer >= 0, diagnostics published per document, the
 *                     first ones in document order (default
 *                     GLS_DEFAULT_MAX_DIAGNOSTICS; 0 publishes all).
 *
 * A layer that fails to parse or validate is skipped as a whole and reported
 * with window/showMessage (the others still apply); warnings (unknown keys)
 * go to window/logMessage.
 *
 * After a rebuild: if the glossary inputs (paths, defaultGlossary) differ
 * from the loaded glossary's, the glossary is reloaded in a worker (which
 * re-checks every document when it is swapped in); otherwise every document
 * is re-checked and republished at once.
 *
 * Files: a GFileMonitor watches each folder's project file and each glossary
 * path (directories with their subdirectories, at most MAX_MONITORS). Change
 * events, didSave of such a file and workspace/didChangeWatchedFiles are
 * debounced by GLS_RELOAD_DELAY_MS into one reload. When the client supports
 * dynamic registration, the server also registers for didChangeWatchedFiles
 * on every .glossary-ls.json and every *.glossary file (two glob watchers).
 */
#define G_LOG_DOMAIN "gls-config"

#include "server/workspace/settings.h"

#include "glossary/walk_filter.h"

#include "text/json_guard.h"
#include "text/safe_file.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "server/workspace/timers.h"
#include "server/workspace/uri.h"

#define MAX_MONITORS 256
/* Glossary and project files are re-read this long after the last change
 * event, so an editor's write-rename-chmod burst is one reload. */
#define GLS_RELOAD_DELAY_MS 200

struct _GlsSettings
{
  GlsServer          *server;           /* borrowed; NULL once disposed */
  GlsGlossaryService *service;          /* borrowed */
  GMainContext       *context;          /* the reload timer is attached here */
  GlsSettingsHooks    hooks;
  gpointer            hooks_data;
  gboolean            no_file_monitors;
  gboolean            initialized;      /* `initialized` was received */
  GlsRuleConfig      *config;           /* the merged configuration */
  GVariant           *client_settings;  /* latest settings, or NULL */
  char              **session_ignore;   /* words ignored without a project file */
  guint               diagnostics_delay_ms;
  guint               max_diagnostics;  /* 0: no limit */
  GPtrArray          *monitors;         /* GFileMonitor */
  GSource            *reload_source;    /* debounce of file changes, or NULL */
  gboolean            reload_config_pending;
  gboolean            reload_glossary_pending;
};

/* ---- folders ------------------------------------------------------------------ */

/* The workspace folder paths (NULL-terminated, owned by the caller). */
static char **
folder_paths (GlsSettings *s)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  const char *const *uris = s->server != NULL ? gls_server_get_workspace_folders (s->server) : NULL;

  for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
    {
      g_autofree char *path = gls_uri_to_path (uris[i]);
      if (path != NULL)
        g_strv_builder_add (b, path);
    }
  return g_strv_builder_end (b);
}

/* ---- layers ------------------------------------------------------------------- */

typedef struct
{
  gint64 delay;
  gint64 max_diagnostics;
} ServerSettings;

static gboolean
read_count (GVariant *value, const char *key, gint64 *out)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) && g_variant_get_int64 (value) >= 0)
    *out = g_variant_get_int64 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE) && g_variant_get_double (value) >= 0)
    *out = (gint64) g_variant_get_double (value);
  else
    return FALSE;
  return TRUE;
}

/* Takes the server settings out of one settings object (bare); returns the
 * object without them (a new reference). */
static GVariant *
strip_object (GVariant *object, ServerSettings *server)
{
  g_auto (GVariantBuilder) b = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, object);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_str_equal (key, "diagnosticsDelay"))
        {
          if (!read_count (value, key, &server->delay))
            g_warning ("diagnosticsDelay: expected a number of milliseconds >= 0");
        }
      else if (g_str_equal (key, "maxDiagnostics"))
        {
          if (!read_count (value, key, &server->max_diagnostics))
            g_warning ("maxDiagnostics: expected a number >= 0");
        }
      else
        g_variant_builder_add (&b, "{sv}", key, value);
      g_variant_unref (value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&b));
}

/* The same for a layer that may be {"glossaryLs": {...}}. NULL stays NULL. */
static GVariant *
strip_server_settings (GVariant *settings, ServerSettings *server)
{
  if (settings == NULL || !g_variant_is_of_type (settings, G_VARIANT_TYPE_VARDICT))
    return settings != NULL ? g_variant_ref (settings) : NULL;
  g_autoptr (GVariant) inner = g_variant_lookup_value (settings, "glossaryLs", NULL);
  if (inner == NULL)
    return strip_object (settings, server);
  if (!g_variant_is_of_type (inner, G_VARIANT_TYPE_VARDICT))
    return g_variant_ref (settings);  /* config.h reports the type error */
  g_autoptr (GVariant) stripped = strip_object (inner, server);
  g_auto (GVariantBuilder) b = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "glossaryLs", stripped);
  return g_variant_ref_sink (g_variant_builder_end (&b));
}

static void
show_message (GlsSettings *s, GlsMessageType type, const char *message)
{
  if (s->server == NULL)
    return;
  g_auto (GVariantDict) params = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&params, "type", "x", (gint64) type);
  g_variant_dict_insert (&params, "message", "s", message);
  gls_rpc_notify (gls_server_get_rpc (s->server), "window/showMessage", g_variant_dict_end (&params));
}

/* Merges one layer into a copy of cfg, so a failing layer changes nothing. */
static void
merge_layer (GlsSettings *s, GlsRuleConfig **cfg, GVariant *settings, const char *base_dir,
             const char *what, GPtrArray *warnings)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsRuleConfig) next = gls_rule_config_copy (*cfg);

  if (settings == NULL)
    return;
  if (!gls_rule_config_merge_variant (next, settings, base_dir, warnings, &error))
    {
      g_autofree char *message = g_strdup_printf ("glossary-ls: %s ignored: %s", what, error->message);
      show_message (s, GLS_MESSAGE_TYPE_ERROR, message);
      return;
    }
  gls_rule_config_unref (*cfg);
  *cfg = g_steal_pointer (&next);
}

static void
merge_project_file (GlsSettings *s, GlsRuleConfig **cfg, const char *path, GPtrArray *warnings)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsRuleConfig) next = gls_rule_config_copy (*cfg);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  if (!gls_rule_config_merge_file (next, path, warnings, &error))
    {
      g_autofree char *message = g_strdup_printf ("glossary-ls: %s ignored: %s", path, error->message);
      show_message (s, GLS_MESSAGE_TYPE_ERROR, message);
      return;
    }
  gls_rule_config_unref (*cfg);
  *cfg = g_steal_pointer (&next);
}

void
gls_settings_rebuild (GlsSettings *s)
{
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) folders = folder_paths (s);
  GlsRuleConfig *cfg = gls_rule_config_new ();
  ServerSettings server = { GLS_DEFAULT_DIAGNOSTICS_DELAY_MS, GLS_DEFAULT_MAX_DIAGNOSTICS };

  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (folders[i], GLS_CONFIG_FILE_NAME, NULL);
      merge_project_file (s, &cfg, path, warnings);
    }
  GVariant *init = s->server != NULL ? gls_server_get_initialization_options (s->server) : NULL;
  g_autoptr (GVariant) init_layer = strip_server_settings (init, &server);
  merge_layer (s, &cfg, init_layer, folders[0], "initializationOptions", warnings);
  g_autoptr (GVariant) settings_layer = strip_server_settings (s->client_settings, &server);
  merge_layer (s, &cfg, settings_layer, folders[0], "settings", warnings);
  for (guint i = 0; s->session_ignore[i] != NULL; i++)
    gls_rule_config_add_ignore_word (cfg, s->session_ignore[i]);

  for (guint i = 0; i < warnings->len && s->server != NULL; i++)
    gls_server_log_message (s->server, GLS_MESSAGE_TYPE_WARNING, "%s",
                            (const char *) g_ptr_array_index (warnings, i));
  gls_rule_config_unref (s->config);
  s->config = cfg;
  s->diagnostics_delay_ms = (guint) MIN (server.delay, 60 * 60 * 1000);
  s->max_diagnostics = (guint) MIN (server.max_diagnostics, G_MAXUINT);
  if (s->hooks.changed != NULL)
    s->hooks.changed (s, s->hooks_data);

  gls_glossary_service_set_config (s->service, cfg);
  if (gls_glossary_service_peek_glossary (s->service) == NULL)
    {
      if (s->initialized)
        gls_glossary_service_start_load (s->service);
    }
  else if (gls_glossary_service_inputs_changed (s->service))
    gls_glossary_service_reload (s->service);
  else if (s->hooks.reanalyze != NULL)
    s->hooks.reanalyze (s, s->hooks_data);
  gls_settings_watch_files (s);
}

void
gls_settings_set_client_settings (GlsSettings *s, GVariant *settings)
{
  g_clear_pointer (&s->client_settings, g_variant_unref);
  if (settings != NULL && g_variant_is_of_type (settings, G_VARIANT_TYPE_VARDICT))
    s->client_settings = g_variant_ref (settings);
  gls_settings_rebuild (s);
}

/* ---- files ----------------------------------------------------------------------- */

static gboolean
path_is_under (const char *path, const char *dir)
{
  gsize n = strlen (dir);
  return strncmp (path, dir, n) == 0 && (path[n] == '\0' || path[n] == G_DIR_SEPARATOR ||
                                         (n > 0 && dir[n - 1] == G_DIR_SEPARATOR));
}

static gboolean
reload_timeout (gpointer data)
{
  GlsSettings *s = data;
  gboolean config = s->reload_config_pending, glossary = s->reload_glossary_pending;

  g_clear_pointer (&s->reload_source, g_source_unref);
  s->reload_config_pending = s->reload_glossary_pending = FALSE;
  guint serial = gls_glossary_service_load_serial (s->service);
  if (config)
    {
      gls_server_log_message (s->server, GLS_MESSAGE_TYPE_INFO, "project configuration changed: reloading");
      gls_settings_rebuild (s);
    }
  /* A load the rebuild just started reads the files as they are now; one
   * that was already running may have read them before the change. */
  if (glossary && gls_glossary_service_load_serial (s->service) == serial)
    {
      gls_server_log_message (s->server, GLS_MESSAGE_TYPE_INFO, "glossary files changed: reloading");
      gls_glossary_service_reload (s->service);
    }
  return G_SOURCE_REMOVE;
}

void
gls_settings_path_changed (GlsSettings *s, const char *path)
{
  if (s->server == NULL || path == NULL)
    return;
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autofree char *base = g_path_get_basename (canonical);
  g_autofree char *dir = g_path_get_dirname (canonical);
  g_auto (GStrv) folders = folder_paths (s);

  if (g_str_equal (base, GLS_CONFIG_FILE_NAME))
    for (guint i = 0; folders[i] != NULL; i++)
      {
        g_autofree char *root = g_canonicalize_filename (folders[i], NULL);
        if (g_str_equal (root, dir))
          s->reload_config_pending = TRUE;
      }

  const char *const *configured = gls_rule_config_glossaries (s->config);
  for (guint i = 0; configured != NULL && configured[i] != NULL; i++)
    {
      g_autofree char *p = g_canonicalize_filename (configured[i], folders[0]);
      if (path_is_under (canonical, p))
        s->reload_glossary_pending = TRUE;
    }
  const char *const *cli = gls_glossary_service_cli_paths (s->service);
  for (guint i = 0; cli[i] != NULL; i++)
    if (path_is_under (canonical, cli[i]))
      s->reload_glossary_pending = TRUE;
  GlsGlossary *glossary = gls_glossary_service_peek_glossary (s->service);
  if (glossary != NULL)
    for (guint i = 0; i < gls_glossary_n_sources (glossary); i++)
      {
        const GlsSource *src = gls_glossary_source (glossary, i);
        if (!src->is_default && src->disk_path != NULL && g_str_equal (src->disk_path, canonical))
          s->reload_glossary_pending = TRUE;
      }

  if (!s->reload_config_pending && !s->reload_glossary_pending)
    return;
  gls_timer_clear (&s->reload_source);
  s->reload_source = gls_timer_add (s->context, GLS_RELOAD_DELAY_MS, reload_timeout, s, NULL);
}

static void
monitor_changed (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event,
                 gpointer user_data)
{
  GlsSettings *s = user_data;

  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  g_autofree char *path = g_file_get_path (file);
  gls_settings_path_changed (s, path);
  if (other != NULL)
    {
      g_autofree char *other_path = g_file_get_path (other);
      gls_settings_path_changed (s, other_path);
    }
}

static void
clear_monitors (GlsSettings *s)
{
  for (guint i = 0; i < s->monitors->len; i++)
    {
      GFileMonitor *m = g_ptr_array_index (s->monitors, i);
      g_signal_handlers_disconnect_by_data (m, s);
      g_file_monitor_cancel (m);
    }
  g_ptr_array_set_size (s->monitors, 0);
}

static void
add_monitor (GlsSettings *s, const char *path, gboolean directory)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  GFileMonitor *m;

  if (s->monitors->len >= MAX_MONITORS)
    return;
  m = directory ? g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error)
                : g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (m == NULL)
    {
      g_debug ("cannot watch %s: %s", path, error->message);
      return;
    }
  g_signal_connect (m, "changed", G_CALLBACK (monitor_changed), s);
  g_ptr_array_add (s->monitors, m);
}

static void
add_directory_monitors (GlsSettings *s, const char *dir, guint depth)
{
  add_monitor (s, dir, TRUE);
  if (depth >= 8)
    return;
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      /* The directories the glossary walk enters (hidden ones such as .vale
       * and .contextive included), so a list added there reloads too. */
      if (!gls_walk_filter_directory (name))
        continue;
      g_autofree char *child = g_build_filename (dir, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        add_directory_monitors (s, child, depth + 1);
    }
}

void
gls_settings_watch_files (GlsSettings *s)
{
  clear_monitors (s);
  if (s->no_file_monitors || s->server == NULL)
    return;
  g_auto (GStrv) folders = folder_paths (s);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (folders[i], GLS_CONFIG_FILE_NAME, NULL);
      add_monitor (s, path, FALSE);
    }
  const char *const *configured = gls_rule_config_glossaries (s->config);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; configured != NULL && configured[i] != NULL; i++)
    g_ptr_array_add (paths, g_canonicalize_filename (configured[i], folders[0]));
  const char *const *cli = gls_glossary_service_cli_paths (s->service);
  for (guint i = 0; cli[i] != NULL; i++)
    g_ptr_array_add (paths, g_strdup (cli[i]));
  for (guint i = 0; i < paths->len; i++)
    {
      const char *p = g_ptr_array_index (paths, i);
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        add_directory_monitors (s, p, 0);
      else
        add_monitor (s, p, FALSE);
    }
}

/* ---- ignore word ---------------------------------------------------------------------- */

static gboolean
contains_word (JsonArray *array, const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        {
          g_autofree char *other = g_utf8_casefold (json_node_get_string (n), -1);
          if (g_str_equal (folded, other))
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
gls_settings_ignore_word (GlsSettings *s, const char *word, const char *uri, GError **error)
{
  g_auto (GStrv) folders = folder_paths (s);
  g_autofree char *doc_path = gls_uri_to_path (uri);
  const char *root = folders[0];

  if (word == NULL || word[0] == '\0' || !g_utf8_validate (word, -1, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no word to ignore");
      return FALSE;
    }
  for (guint i = 0; doc_path != NULL && folders[i] != NULL; i++)
    if (path_is_under (doc_path, folders[i]))
      {
        root = folders[i];
        break;
      }
  if (root == NULL)
    {
      if (!g_strv_contains ((const char *const *) s->session_ignore, word))
        {
          guint n = g_strv_length (s->session_ignore);
          s->session_ignore = g_renew (char *, s->session_ignore, n + 2);
          s->session_ignore[n] = g_strdup (word);
          s->session_ignore[n + 1] = NULL;
        }
      gls_settings_rebuild (s);
      return TRUE;
    }

  g_autofree char *path = g_build_filename (root, GLS_CONFIG_FILE_NAME, NULL);
  g_autoptr (JsonNode) root_node = NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autofree char *text = NULL;
      gsize len = 0;
      /* The repository's file: never block on a FIFO, never read a huge one. */
      if (!gls_safe_file_read (path, GLS_SAFE_FILE_CONFIG_LIMIT, GLS_SAFE_FILE_DEFAULT, &text, &len, error))
        return FALSE;
      if (!gls_json_is_single_value (text, len))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: text after the JSON value", path);
          return FALSE;
        }
      if (!json_parser_load_from_data (parser, text, (gssize) len, error))
        return FALSE;
      root_node = json_parser_steal_root (parser);
    }
  if (root_node == NULL)
    {
      /* json_node_init_object takes its own reference. */
      g_autoptr (JsonObject) empty = json_object_new ();
      root_node = json_node_init_object (json_node_alloc (), empty);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a JSON object", path);
      return FALSE;
    }
  JsonObject *object = json_node_get_object (root_node);
  if (json_object_has_member (object, "glossaryLs") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "glossaryLs")))
    object = json_object_get_object_member (object, "glossaryLs");
  if (!json_object_has_member (object, "ignoreWords"))
    json_object_set_array_member (object, "ignoreWords", json_array_new ());
  JsonNode *list = json_object_get_member (object, "ignoreWords");
  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: ignoreWords is not an array", path);
      return FALSE;
    }
  if (!contains_word (json_node_get_array (list), word))
    {
      json_array_add_string_element (json_node_get_array (list), word);
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      json_generator_set_pretty (gen, TRUE);
      json_generator_set_indent (gen, 2);
      json_generator_set_root (gen, root_node);
      g_autofree char *text = json_generator_to_data (gen, NULL);
      g_autofree char *with_newline = g_strconcat (text, "\n", NULL);
      if (!g_file_set_contents (path, with_newline, -1, error))
        return FALSE;
    }
  gls_settings_rebuild (s);
  return TRUE;
}

/* ---- lifetime ----------------------------------------------------------------------- */

GlsSettings *
gls_settings_new (GlsServer *server, GlsGlossaryService *service, gboolean no_file_monitors)
{
  g_return_val_if_fail (service != NULL, NULL);
  GlsSettings *s = g_new0 (GlsSettings, 1);
  s->server = server;
  s->service = service;
  s->context = g_main_context_ref_thread_default ();
  s->no_file_monitors = no_file_monitors;
  s->config = gls_rule_config_new ();
  s->diagnostics_delay_ms = GLS_DEFAULT_DIAGNOSTICS_DELAY_MS;
  s->max_diagnostics = GLS_DEFAULT_MAX_DIAGNOSTICS;
  s->session_ignore = g_new0 (char *, 1);
  s->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  return s;
}

void
gls_settings_set_hooks (GlsSettings *s, const GlsSettingsHooks *hooks, gpointer user_data)
{
  static const GlsSettingsHooks none = { NULL, NULL };
  s->hooks = hooks != NULL ? *hooks : none;
  s->hooks_data = user_data;
}

void
gls_settings_initialized (GlsSettings *s)
{
  s->initialized = TRUE;
  gls_settings_rebuild (s);
}

GlsRuleConfig *
gls_settings_get_config (GlsSettings *s)
{
  return s->config;
}

guint
gls_settings_get_diagnostics_delay (GlsSettings *s)
{
  return s->diagnostics_delay_ms;
}

guint
gls_settings_get_max_diagnostics (GlsSettings *s)
{
  return s->max_diagnostics;
}

gboolean
gls_settings_reload_pending (GlsSettings *s)
{
  return s->reload_source != NULL;
}

void
gls_settings_dispose (GlsSettings *s)
{
  gls_timer_clear (&s->reload_source);
  clear_monitors (s);
  s->server = NULL;
}

void
gls_settings_free (GlsSettings *s)
{
  if (s == NULL)
    return;
  gls_settings_dispose (s);
  gls_rule_config_unref (s->config);
  g_clear_pointer (&s->client_settings, g_variant_unref);
  g_strfreev (s->session_ignore);
  g_ptr_array_unref (s->monitors);
  g_main_context_unref (s->context);
  g_free (s);
}
