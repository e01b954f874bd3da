/* workspace.c — see workspace.h. The top of the workspace room: it owns
 * the open documents (open_document.c), the glossary service
 * (glossary_service.c), the settings (settings.c) and the diagnostics
 * scheduler (diagnostics.c), and wires them together with the hooks they
 * offer; none of them calls back into this file. */
#define G_LOG_DOMAIN "gls-workspace"

#include "gls-config.h"

#include "server/workspace/workspace.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "server/transport/params.h"
#include "server/workspace/diagnostics.h"
#include "server/workspace/open_document_private.h"
#include "server/workspace/settings.h"
#include "server/workspace/uri.h"
#include "text/store.h"

typedef struct
{
  gulong           id;
  GlsWorkspaceFunc func;
  gpointer         user_data;
  GDestroyNotify   destroy;
} GlsWorkspaceListener;

struct _GlsWorkspace
{
  gint                ref_count;
  GlsServer          *server;           /* NULL once disposed */
  GMainContext       *context;          /* the server's: worker results arrive here */

  GlsDocumentStore   *store;
  GHashTable         *documents;        /* uri -> GlsOpenDocument (a reference) */
  GlsGlossaryService *glossary_service; /* the glossary, its analyzer and loads */
  GlsSettings        *settings;         /* the merged configuration and its files */
  GlsDiagnostics     *diagnostics;      /* what is published, and when */
  GlsRuleConfig      *glossary_doc_config; /* every rule off: hits only */
  GArray             *listeners;        /* GlsWorkspaceListener */
  gulong              next_listener_id;
  guint               trim_source;      /* pending malloc_trim after closes, or 0 */
};

/* ---- glossary (glossary_service.c) ------------------------------------------- */

void
gls_workspace_reload_glossary (GlsWorkspace *ws)
{
  g_return_if_fail (ws != NULL);
  gls_glossary_service_reload (ws->glossary_service);
}

gboolean
gls_workspace_is_loading (GlsWorkspace *ws)
{
  return gls_glossary_service_is_loading (ws->glossary_service);
}

gboolean
gls_workspace_is_idle (GlsWorkspace *ws)
{
  return gls_diagnostics_is_idle (ws->diagnostics) &&
         gls_glossary_service_tasks_in_flight (ws->glossary_service) == 0 &&
         !gls_glossary_service_is_loading (ws->glossary_service) &&
         !gls_settings_reload_pending (ws->settings);
}

void
gls_workspace_drain (GlsWorkspace *ws)
{
  g_return_if_fail (ws != NULL);
  while (gls_diagnostics_tasks_in_flight (ws->diagnostics) > 0 ||
         gls_glossary_service_tasks_in_flight (ws->glossary_service) > 0)
    g_main_context_iteration (ws->context, TRUE);
}

/* The rule configuration a document is checked with: every rule off for
 * glossary documents (hits only). */
static GlsRuleConfig *
config_for (GlsWorkspace *ws, gboolean is_glossary)
{
  return is_glossary ? ws->glossary_doc_config : gls_settings_get_config (ws->settings);
}

/* Every open document re-checked and republished (config or glossary
 * changed). */
static void
reanalyze_all (GlsWorkspace *ws)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GlsOpenDocument *od = value;
      gls_diagnostics_cancel (ws->diagnostics, od);
      gls_doc_analysis_invalidate (gls_open_document_get_analysis (od));
      gls_diagnostics_schedule (ws->diagnostics, od);
    }
}

/* The settings' hooks: a rebuild replaced the configuration and limits. */
static void
settings_changed (GlsSettings *settings, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  GHashTableIter iter;
  gpointer value;

  gls_diagnostics_set_limits (ws->diagnostics, gls_settings_get_diagnostics_delay (settings),
                              gls_settings_get_max_diagnostics (settings));
  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gls_open_document_set_rule_config (value, config_for (ws, gls_open_document_peek_is_glossary (value)));
}

static void
settings_reanalyze (GlsSettings *settings, gpointer user_data)
{
  reanalyze_all (user_data);
}

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

/* The service installed a glossary (and reported its problems): tell the
 * listeners of a swap, re-decide which documents are glossary files,
 * re-check every document and re-watch the files. */
static void
glossary_installed (gboolean first, gpointer user_data)
{
  GlsWorkspace *ws = user_data;

  if (!first)
    emit_glossary_changed (ws);

  /* Whether a document is a glossary file can depend on the sources. */
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, ws->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GlsOpenDocument *od = value;
      gboolean is_glossary = gls_workspace_is_glossary_uri (ws, gls_open_document_get_uri (od),
                                                            gls_open_document_get_language_id (od));
      if (is_glossary != gls_open_document_peek_is_glossary (od))
        {
          gls_open_document_set_is_glossary (od, is_glossary);
          gls_open_document_set_rule_config (od, config_for (ws, is_glossary));
        }
    }
  reanalyze_all (ws);
  if (ws->server != NULL)
    gls_settings_watch_files (ws->settings);
}

void
gls_workspace_set_glossary (GlsWorkspace *ws, GlsGlossary *glossary)
{
  g_return_if_fail (ws != NULL && glossary != NULL);
  gls_glossary_service_set_glossary (ws->glossary_service, glossary);
}


/* ---- lifetime ------------------------------------------------------------ */

static void
listener_clear (gpointer data)
{
  GlsWorkspaceListener *l = data;
  if (l->destroy != NULL)
    l->destroy (l->user_data);
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
    gls_diagnostics_cancel (ws->diagnostics, value);
}

static void
on_initialized (GlsServer *server, gpointer user_data)
{
  GlsWorkspace *ws = user_data;

  gls_settings_initialized (ws->settings);
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
    {
      gls_diagnostics_cancel (ws->diagnostics, value);
      gls_open_document_set_server (value, NULL);
    }
  gls_diagnostics_dispose (ws->diagnostics);
  gls_glossary_service_dispose (ws->glossary_service);
  gls_settings_dispose (ws->settings);
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
  g_autofree char *seed_copy_dir = NULL;
  if (options != NULL && options->seed_copy_dir != NULL)
    seed_copy_dir = g_strdup (options->seed_copy_dir);
  else
    seed_copy_dir = g_build_filename (g_get_user_cache_dir (), "glossary-ls", GLS_VERSION, "seeds", NULL);
  ws->glossary_service =
    gls_glossary_service_new (server, options != NULL ? options->glossary : NULL, seed_copy_dir);
  gls_glossary_service_set_installed_func (ws->glossary_service, glossary_installed, ws);
  ws->store = gls_document_store_new ();
  ws->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) gls_open_document_unref);
  ws->listeners = g_array_new (FALSE, FALSE, sizeof (GlsWorkspaceListener));
  g_array_set_clear_func (ws->listeners, listener_clear);
  ws->next_listener_id = 1;
  ws->settings = gls_settings_new (server, ws->glossary_service,
                                   options != NULL && options->no_file_monitors);
  static const GlsSettingsHooks settings_hooks = { settings_changed, settings_reanalyze };
  gls_settings_set_hooks (ws->settings, &settings_hooks, ws);
  gls_glossary_service_set_config (ws->glossary_service, gls_settings_get_config (ws->settings));
  ws->diagnostics = gls_diagnostics_new (server, ws->glossary_service);
  gls_diagnostics_set_limits (ws->diagnostics, gls_settings_get_diagnostics_delay (ws->settings),
                              gls_settings_get_max_diagnostics (ws->settings));
  ws->glossary_doc_config = gls_rule_config_new ();
  for (guint r = 0; r < GLS_N_RULES; r++)
    gls_rule_config_set_severity (ws->glossary_doc_config, r, GLS_SEVERITY_OFF);

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
      gls_diagnostics_untrack (ws->diagnostics, value);
      gls_open_document_close (value);
    }
  g_hash_table_unref (ws->documents);
  gls_diagnostics_unref (ws->diagnostics);
  gls_settings_set_hooks (ws->settings, NULL, NULL);
  gls_settings_free (ws->settings);
  gls_document_store_free (ws->store);
  /* A load still in flight holds the service: it must neither call us back
   * nor talk to the server any more. */
  gls_glossary_service_set_installed_func (ws->glossary_service, NULL, NULL);
  gls_glossary_service_dispose (ws->glossary_service);
  gls_glossary_service_unref (ws->glossary_service);
  g_array_unref (ws->listeners);
  gls_rule_config_unref (ws->glossary_doc_config);
  g_main_context_unref (ws->context);
  g_free (ws);
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

static void
ensure_glossary (GlsWorkspace *ws)
{
  gls_glossary_service_ensure (ws->glossary_service);
}

GlsGlossary *
gls_workspace_get_glossary (GlsWorkspace *ws)
{
  ensure_glossary (ws);
  return gls_glossary_service_peek_glossary (ws->glossary_service);
}

GlsAnalyzer *
gls_workspace_get_analyzer (GlsWorkspace *ws)
{
  ensure_glossary (ws);
  return gls_glossary_service_peek_analyzer (ws->glossary_service);
}

guint
gls_workspace_get_generation (GlsWorkspace *ws)
{
  ensure_glossary (ws);
  return gls_glossary_service_get_generation (ws->glossary_service);
}

GlsRuleConfig *
gls_workspace_get_config (GlsWorkspace *ws)
{
  return gls_settings_get_config (ws->settings);
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

const char *
gls_workspace_source_uri (GlsWorkspace *ws, guint source)
{
  return gls_glossary_service_source_uri (ws->glossary_service, source);
}

gboolean
gls_workspace_source_range (GlsWorkspace *ws, guint source, guint32 start, guint32 end,
                            GlsLspRange *range)
{
  return gls_glossary_service_source_range (ws->glossary_service, source, start, end,
                                            gls_workspace_get_encoding (ws), range);
}

gint
gls_workspace_source_for_uri (GlsWorkspace *ws, const char *uri)
{
  return gls_glossary_service_source_for_uri (ws->glossary_service, uri);
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
  return gls_glossary_service_peek_glossary (ws->glossary_service) != NULL &&
         gls_workspace_source_for_uri (ws, uri) >= 0;
}

GlsFormat
gls_workspace_glossary_format (GlsWorkspace *ws, const char *uri, const char *text, gsize len)
{
  return gls_glossary_service_format_for_uri (ws->glossary_service, uri, text, len);
}

/* ---- open documents (open_document.c) and text sync ------------------------------ */

/* Closes uri without telling the client (a re-open, or before the clear). */
static void
close_document (GlsWorkspace *ws, const char *uri)
{
  GlsOpenDocument *od = g_hash_table_lookup (ws->documents, uri);
  if (od == NULL)
    return;
  gls_diagnostics_untrack (ws->diagnostics, od);
  gls_open_document_close (od);
  gls_document_store_close (ws->store, uri);
  g_hash_table_remove (ws->documents, uri);
}

GlsOpenDocument *
gls_workspace_open (GlsWorkspace *ws, const char *uri, const char *language_id, gint64 version,
                    const char *text, gsize len)
{
  close_document (ws, uri);
  GlsDocument *doc = gls_document_store_open (ws->store, uri, language_id, version, text,
                                              (gssize) len);
  gboolean is_glossary = gls_workspace_is_glossary_uri (ws, uri, language_id);
  GlsOpenDocument *od = gls_open_document_new (doc, is_glossary, ws->glossary_service, ws->server,
                                               config_for (ws, is_glossary));
  g_hash_table_replace (ws->documents, g_strdup (uri), od);
  gls_diagnostics_track (ws->diagnostics, od);
  gls_diagnostics_schedule (ws->diagnostics, od);
  return od;
}

static gboolean
trim_memory (gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  ws->trim_source = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

void
gls_workspace_close (GlsWorkspace *ws, const char *uri)
{
  if (g_hash_table_lookup (ws->documents, uri) == NULL)
    return;
  close_document (ws, uri);
  gls_diagnostics_clear (ws->diagnostics, uri);
  /* A document's analysis is many small blocks that glibc keeps in its
   * arenas: a second after a burst of closes, give the pages back. */
  if (ws->trim_source == 0)
    ws->trim_source = g_timeout_add_seconds (1, trim_memory, ws);
}

void
gls_workspace_change_document (GlsWorkspace *ws, GlsOpenDocument *od, gint64 version,
                               const GlsTextChange *changes, gsize n_changes, gboolean incomplete)
{
  const char *uri = gls_open_document_get_uri (od);

  gls_diagnostics_note_edit (ws->diagnostics, od);
  if (incomplete)
    gls_open_document_set_out_of_sync (od, TRUE);
  for (gsize i = 0; i < n_changes; i++)
    {
      g_autoptr (GError) error = NULL;
      if (!gls_open_document_apply_change (od, &changes[i], &error))
        {
          g_warning ("%s: change refused: %s", uri, error->message);
          gls_open_document_set_out_of_sync (od, TRUE);
        }
    }
  GlsDocument *doc = gls_open_document_get_document (od);
  if (version <= gls_document_get_version (doc))
    g_debug ("%s: version %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT, uri, version,
             gls_document_get_version (doc));
  gls_document_set_version (doc, version);
  gls_diagnostics_schedule (ws->diagnostics, od);
}

void
gls_workspace_mark_out_of_sync (GlsWorkspace *ws, GlsOpenDocument *od)
{
  gls_open_document_set_out_of_sync (od, TRUE);
}

void
gls_workspace_resync (GlsWorkspace *ws, GlsOpenDocument *od, const char *text, gsize len)
{
  gls_open_document_replace (od, text, len);
  gls_open_document_set_out_of_sync (od, FALSE);
  gls_diagnostics_schedule (ws->diagnostics, od);
}

/* ---- configuration (settings.c) ------------------------------------------------ */

void
gls_workspace_path_changed (GlsWorkspace *ws, const char *path)
{
  gls_settings_path_changed (ws->settings, path);
}

void
gls_workspace_set_client_settings (GlsWorkspace *ws, GVariant *settings)
{
  gls_settings_set_client_settings (ws->settings, settings);
}

gboolean
gls_workspace_ignore_word (GlsWorkspace *ws, const char *word, const char *uri, GError **error)
{
  return gls_settings_ignore_word (ws->settings, word, uri, error);
}

guint
gls_workspace_get_max_diagnostics (GlsWorkspace *ws)
{
  return gls_settings_get_max_diagnostics (ws->settings);
}

GlsOpenDocument *
gls_workspace_get_document (GlsWorkspace *ws, const char *uri)
{
  return uri != NULL ? g_hash_table_lookup (ws->documents, uri) : NULL;
}

static int
compare_by_uri (gconstpointer a, gconstpointer b)
{
  GlsOpenDocument *x = *(GlsOpenDocument *const *) a;
  GlsOpenDocument *y = *(GlsOpenDocument *const *) b;
  return strcmp (gls_open_document_get_uri (x), gls_open_document_get_uri (y));
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
