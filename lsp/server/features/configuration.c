/* configuration.c — the configuration protocol: workspace/didChangeConfiguration,
 * the workspace/configuration pull, workspace/didChangeWatchedFiles and the
 * dynamic registration of the watched files. The merged settings themselves
 * live in workspace/settings.c. Main thread. */
#define G_LOG_DOMAIN "gls-workspace"

#include "server/features/features.h"

#include "analysis/config.h"
#include "server/transport/params.h"
#include "server/workspace/uri.h"

/* The feature's state: registered once per server, freed with it. */
typedef struct
{
  GlsWorkspace *workspace;   /* borrowed: the server owns both */
  GCancellable *pull_cancel; /* the workspace/configuration request in flight */
} Configuration;

static void
configuration_free (gpointer data)
{
  Configuration *c = data;
  if (c->pull_cancel != NULL)
    g_cancellable_cancel (c->pull_cancel);
  g_clear_object (&c->pull_cancel);
  g_free (c);
}

/* ---- workspace/configuration pull --------------------------------------------- */

static void
pull_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = gls_rpc_call_finish ((GlsRpc *) source, result, &error);

  if (gls_workspace_get_server (ws) != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (reply == NULL)
        g_message ("workspace/configuration failed: %s", error->message);
      else if (g_variant_is_of_type (reply, G_VARIANT_TYPE ("av")) && g_variant_n_children (reply) > 0)
        {
          g_autoptr (GVariant) boxed = g_variant_get_child_value (reply, 0);
          g_autoptr (GVariant) value = g_variant_get_variant (boxed);
          gls_workspace_set_client_settings (ws, value);
        }
    }
  gls_workspace_unref (ws);
}

static void
pull_configuration (Configuration *c)
{
  GlsWorkspace *ws = c->workspace;
  GlsServer *server = gls_workspace_get_server (ws);

  if (server == NULL || !gls_server_client_supports (server, "workspace.configuration"))
    return;
  if (c->pull_cancel != NULL)
    g_cancellable_cancel (c->pull_cancel);
  g_clear_object (&c->pull_cancel);
  c->pull_cancel = g_cancellable_new ();

  g_auto (GVariantDict) item = G_VARIANT_DICT_INIT (NULL);
  g_auto (GVariantDict) params = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&item, "section", "s", "glossaryLs");
  const char *const *folders = gls_server_get_workspace_folders (server);
  if (folders[0] != NULL)
    g_variant_dict_insert (&item, "scopeUri", "s", folders[0]);
  GVariant *items[] = { g_variant_new_variant (g_variant_dict_end (&item)) };
  g_variant_dict_insert_value (&params, "items", g_variant_new_array (G_VARIANT_TYPE_VARIANT, items, 1));
  gls_rpc_call_async (gls_server_get_rpc (server), "workspace/configuration",
                      g_variant_dict_end (&params), c->pull_cancel, pull_done, gls_workspace_ref (ws));
}

static void
did_change_configuration (GlsRpc *rpc, const char *method, GVariant *params, gpointer user_data)
{
  Configuration *c = user_data;
  g_autoptr (GVariant) settings = params != NULL && g_variant_is_of_type (params, G_VARIANT_TYPE_VARDICT)
                                    ? g_variant_lookup_value (params, "settings", NULL) : NULL;

  if (settings != NULL && g_variant_is_of_type (settings, G_VARIANT_TYPE_VARDICT))
    gls_workspace_set_client_settings (c->workspace, settings);
  pull_configuration (c);
}

static void
did_change_watched_files (GlsRpc *rpc, const char *method, GVariant *params, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  g_autoptr (GVariant) changes = NULL;

  if (!gls_params_get_array (params, "changes", GLS_PARAM_REQUIRED, &changes, NULL))
    return;
  for (gsize i = 0; i < g_variant_n_children (changes); i++)
    {
      g_autofree char *uri = NULL;
      g_autoptr (GVariant) boxed = g_variant_get_child_value (changes, i);
      g_autoptr (GVariant) change = g_variant_get_variant (boxed);
      if (!gls_params_get_string (change, "uri", GLS_PARAM_REQUIRED, &uri, NULL))
        continue;
      g_autofree char *path = gls_uri_to_path (uri);
      gls_workspace_path_changed (ws, path);
    }
}

static void
register_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = gls_rpc_call_finish ((GlsRpc *) source, result, &error);
  if (reply == NULL)
    g_debug ("client/registerCapability failed: %s", error->message);
}

static void
register_watchers (GlsServer *server)
{
  if (!gls_server_client_supports (server, "workspace.didChangeWatchedFiles.dynamicRegistration"))
    return;
  const char *globs[] = { "**/" GLS_CONFIG_FILE_NAME, "**/*.glossary" };
  g_auto (GVariantBuilder) watchers = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));
  for (guint i = 0; i < G_N_ELEMENTS (globs); i++)
    {
      g_auto (GVariantDict) w = G_VARIANT_DICT_INIT (NULL);
      g_variant_dict_insert (&w, "globPattern", "s", globs[i]);
      g_variant_builder_add (&watchers, "v", g_variant_dict_end (&w));
    }
  g_auto (GVariantDict) options = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert_value (&options, "watchers", g_variant_builder_end (&watchers));
  g_auto (GVariantDict) reg = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&reg, "id", "s", "glossary-ls-watched-files");
  g_variant_dict_insert (&reg, "method", "s", "workspace/didChangeWatchedFiles");
  g_variant_dict_insert_value (&reg, "registerOptions", g_variant_dict_end (&options));
  GVariant *regs[] = { g_variant_new_variant (g_variant_dict_end (&reg)) };
  g_auto (GVariantDict) params = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert_value (&params, "registrations", g_variant_new_array (G_VARIANT_TYPE_VARIANT, regs, 1));
  gls_rpc_call_async (gls_server_get_rpc (server), "client/registerCapability",
                      g_variant_dict_end (&params), NULL, register_done, NULL);
}

static void
on_initialized (GlsServer *server, gpointer user_data)
{
  Configuration *c = user_data;

  register_watchers (server);
  pull_configuration (c);
}

void
gls_configuration_register (GlsServer *server, GlsWorkspace *ws)
{
  GlsRpc *rpc = gls_server_get_rpc (server);
  Configuration *c = g_new0 (Configuration, 1);
  c->workspace = ws;

  gls_rpc_add_notification_handler (rpc, "workspace/didChangeConfiguration", did_change_configuration, c, NULL);
  gls_rpc_add_notification_handler (rpc, "workspace/didChangeWatchedFiles", did_change_watched_files, ws, NULL);
  /* Before the workspace's own `initialized` work (rebuild, first load), as
   * when the workspace registered it itself. The hook's destroy notify runs
   * when the server is freed: that is when c goes (cancelling a pull). */
  gls_server_prepend_initialized_hook (server, on_initialized, c, configuration_free);
}
