/* server.c — see server.h for the lifecycle table. */
#define G_LOG_DOMAIN "gls-server"

#include "server/server.h"

#include "gls-config.h"
#include "gls-exit.h"
#include "server/capabilities.h"
#include "server/transport/message.h"
#include "server/transport/params.h"

typedef struct
{
  char              *path;
  GVariant          *value;
  GlsCapabilityFunc  func;
  gpointer           user_data;
  GDestroyNotify     destroy;
} CapabilityEntry;

typedef struct
{
  GlsServerHookFunc func;
  gpointer          user_data;
  GDestroyNotify    destroy;
} Hook;

struct _GlsServer
{
  GlsRpc              *rpc;
  GlsServerState       state;
  gboolean             shutdown_received;
  int                  exit_code;

  GPtrArray           *capabilities;      /* CapabilityEntry, in order */
  GPtrArray           *initialized_hooks; /* Hook */
  GPtrArray           *shutdown_hooks;    /* Hook */
  GlsServerExitFunc    exit_func;
  gpointer             exit_data;
  GMainLoop           *run_loop;          /* borrowed while running */

  GVariant            *init_params;
  GVariant            *client_capabilities;
  GVariant            *init_options;
  char                *root_uri;
  GStrv                workspace_folders;
  char                *client_name;
  GlsPositionEncoding  encoding;
};

static void
capability_entry_free (gpointer data)
{
  CapabilityEntry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->user_data);
  g_clear_pointer (&entry->value, g_variant_unref);
  g_free (entry->path);
  g_free (entry);
}

static void
hook_free (gpointer data)
{
  Hook *hook = data;

  if (hook->destroy != NULL)
    hook->destroy (hook->user_data);
  g_free (hook);
}

static void
run_hooks (GlsServer *server, GPtrArray *hooks)
{
  for (guint i = 0; i < hooks->len; i++)
    {
      Hook *hook = g_ptr_array_index (hooks, i);
      hook->func (server, hook->user_data);
    }
}

/* ---- state transitions ------------------------------------------------ */

static void
finish (GlsServer *server)
{
  if (server->state == GLS_SERVER_EXITED)
    return;

  server->exit_code = server->shutdown_received ? GLS_EXIT_OK : GLS_EXIT_UNCLEAN;
  server->state = GLS_SERVER_EXITED;
  g_debug ("exiting with code %d", server->exit_code);
  /* Reentrant: closing calls on_closed, which sees EXITED. */
  gls_rpc_close (server->rpc);
  if (server->exit_func != NULL)
    server->exit_func (server, server->exit_code, server->exit_data);
  if (server->run_loop != NULL)
    g_main_loop_quit (server->run_loop);
}

static void
on_closed (GlsRpc *rpc, const GError *error, gpointer user_data)
{
  GlsServer *server = user_data;

  if (server->state != GLS_SERVER_EXITED)
    g_debug ("the client closed the connection without exit%s%s",
             error != NULL ? ": " : "", error != NULL ? error->message : "");
  finish (server);
}

static gboolean
gate (GlsRpc      *rpc,
      const char  *method,
      gboolean     is_request,
      gpointer     user_data,
      GError     **error)
{
  GlsServer *server = user_data;

  if (!is_request)
    {
      if (g_str_equal (method, "exit"))
        return TRUE;
      if (server->state == GLS_SERVER_INITIALIZED)
        return TRUE;
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_SERVER_NOT_INITIALIZED,
                   server->state == GLS_SERVER_UNINITIALIZED
                     ? "not initialized" : "shutting down");
      return FALSE;
    }

  switch (server->state)
    {
    case GLS_SERVER_UNINITIALIZED:
      if (g_str_equal (method, "initialize"))
        return TRUE;
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_SERVER_NOT_INITIALIZED,
                   "Server not initialized: '%s' before initialize", method);
      return FALSE;
    case GLS_SERVER_INITIALIZED:
      if (!g_str_equal (method, "initialize"))
        return TRUE;
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_REQUEST,
                   "Invalid request: initialize may only be sent once");
      return FALSE;
    case GLS_SERVER_SHUTDOWN:
    case GLS_SERVER_EXITED:
    default:
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_REQUEST,
                   "Invalid request: '%s' after shutdown", method);
      return FALSE;
    }
}

/* ---- initialize ------------------------------------------------------- */

/* Reads what features may need from InitializeParams into server. Nothing
 * is stored unless the whole object is acceptable. */
static gboolean
read_initialize_params (GlsServer *server, GVariant *params, GError **error)
{
  g_autoptr(GVariant) caps = NULL;
  g_autoptr(GVariant) encodings = NULL;
  g_autoptr(GVariant) folders = NULL;
  g_autofree char *root_uri = NULL;
  g_autofree char *root_path = NULL;
  g_autofree char *client_name = NULL;
  g_autofree char *trace = NULL;
  gint64 process_id = 0;

  if (params == NULL || !g_variant_is_of_type (params, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_PARAMS,
                   "Invalid params: initialize expects an object, got %s",
                   gls_params_type_name (params));
      return FALSE;
    }

  if (!gls_params_get_int64 (params, "processId", GLS_PARAM_OPTIONAL,
                             &process_id, error) ||
      !gls_params_get_string (params, "rootUri", GLS_PARAM_OPTIONAL,
                              &root_uri, error) ||
      !gls_params_get_string (params, "rootPath", GLS_PARAM_OPTIONAL,
                              &root_path, error) ||
      !gls_params_get_string (params, "trace", GLS_PARAM_OPTIONAL,
                              &trace, error) ||
      !gls_params_get_string (params, "clientInfo.name", GLS_PARAM_OPTIONAL,
                              &client_name, error) ||
      !gls_params_get_object (params, "capabilities", GLS_PARAM_OPTIONAL,
                              &caps, error) ||
      !gls_params_get_array (params, "capabilities.general.positionEncodings",
                             GLS_PARAM_OPTIONAL, &encodings, error) ||
      !gls_params_get_array (params, "workspaceFolders", GLS_PARAM_OPTIONAL,
                             &folders, error))
    return FALSE;

  g_autoptr(GStrvBuilder) folder_uris = g_strv_builder_new ();
  for (gsize i = 0; folders != NULL && i < g_variant_n_children (folders); i++)
    {
      g_autofree char *path = g_strdup_printf ("workspaceFolders.%" G_GSIZE_FORMAT
                                               ".uri", i);
      g_autofree char *uri = NULL;
      if (!gls_params_get_string (params, path, GLS_PARAM_REQUIRED, &uri, error))
        return FALSE;
      g_strv_builder_add (folder_uris, uri);
    }

  /* Unknown encoding names are skipped, not errors: later LSP versions may
   * add some, and the list is only a preference. */
  g_autoptr(GPtrArray) offered = g_ptr_array_new ();
  for (gsize i = 0; encodings != NULL && i < g_variant_n_children (encodings); i++)
    {
      g_autoptr(GVariant) boxed = g_variant_get_child_value (encodings, i);
      g_autoptr(GVariant) name = g_variant_get_variant (boxed);
      if (g_variant_is_of_type (name, G_VARIANT_TYPE_STRING))
        g_ptr_array_add (offered, (gpointer) g_variant_get_string (name, NULL));
    }
  g_ptr_array_add (offered, NULL);
  /* Before encodings (which owns the strings in offered) goes away. */
  server->encoding = gls_position_encoding_choose (
      encodings != NULL ? (const char *const *) offered->pdata : NULL);

  if (root_uri == NULL && root_path != NULL)
    {
      g_autoptr(GError) uri_error = NULL;
      root_uri = g_filename_to_uri (root_path, NULL, &uri_error);
      if (root_uri == NULL)
        g_debug ("rootPath ignored: %s", uri_error->message);
    }
  if (folders == NULL && root_uri != NULL)
    g_strv_builder_add (folder_uris, root_uri);

  server->init_params = g_variant_ref (params);
  server->client_capabilities = caps != NULL
    ? g_steal_pointer (&caps)
    : g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  server->init_options = g_variant_lookup_value (params, "initializationOptions",
                                                 NULL);
  if (server->init_options != NULL &&
      g_variant_is_of_type (server->init_options, G_VARIANT_TYPE_MAYBE))
    g_clear_pointer (&server->init_options, g_variant_unref);
  server->root_uri = g_steal_pointer (&root_uri);
  server->client_name = g_steal_pointer (&client_name);
  g_strfreev (server->workspace_folders);
  server->workspace_folders = g_strv_builder_end (folder_uris);
  return TRUE;
}

static GVariant *
build_capabilities (GlsServer *server)
{
  g_autoptr(GlsCapabilities) caps = gls_capabilities_new ();

  for (guint i = 0; i < server->capabilities->len; i++)
    {
      CapabilityEntry *entry = g_ptr_array_index (server->capabilities, i);
      g_autoptr(GError) error = NULL;
      /* A func may return a floating or an owned reference: own it either way. */
      g_autoptr(GVariant) value = entry->func != NULL
        ? entry->func (server, entry->user_data)
        : g_variant_ref (entry->value);

      if (value == NULL)
        continue;
      g_variant_take_ref (value);
      if (!gls_capabilities_set (caps, entry->path, value, &error))
        g_warning ("capability dropped: %s", error->message);
    }
  return gls_capabilities_build (caps);
}

static void
handle_initialize (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GlsServer *server = user_data;
  g_autoptr(GError) error = NULL;

  if (!read_initialize_params (server, gls_rpc_request_get_params (request),
                               &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }
  server->state = GLS_SERVER_INITIALIZED;
  g_debug ("initialized by %s, position encoding %s",
           server->client_name != NULL ? server->client_name : "a client",
           gls_position_encoding_to_string (server->encoding));

  g_auto(GVariantDict) info = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&info, "name", "s", "glossary-ls");
  g_variant_dict_insert (&info, "version", "s", GLS_VERSION);

  g_autoptr(GVariant) capabilities = build_capabilities (server);
  g_auto(GVariantDict) result = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert_value (&result, "capabilities", capabilities);
  g_variant_dict_insert_value (&result, "serverInfo", g_variant_dict_end (&info));
  gls_rpc_request_reply (request, g_variant_dict_end (&result));
}

static GVariant *
position_encoding_capability (GlsServer *server, gpointer user_data)
{
  return g_variant_new_string (gls_position_encoding_to_string (server->encoding));
}

/* ---- the other lifecycle messages ------------------------------------- */

static void
handle_initialized (GlsRpc *rpc, const char *method, GVariant *params,
                    gpointer user_data)
{
  GlsServer *server = user_data;

  run_hooks (server, server->initialized_hooks);
}

static void
handle_shutdown (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GlsServer *server = user_data;

  /* State first: a hook that sends or registers anything already sees the
   * server as shutting down. */
  server->state = GLS_SERVER_SHUTDOWN;
  server->shutdown_received = TRUE;
  run_hooks (server, server->shutdown_hooks);
  gls_rpc_request_reply (request, NULL);
}

static void
handle_exit (GlsRpc *rpc, const char *method, GVariant *params,
             gpointer user_data)
{
  finish (user_data);
}

/* ---- public API ------------------------------------------------------- */

GlsServer *
gls_server_new (GInputStream *input, GOutputStream *output)
{
  GlsServer *server = g_new0 (GlsServer, 1);

  server->rpc = gls_rpc_new (input, output);
  server->state = GLS_SERVER_UNINITIALIZED;
  server->exit_code = -1;
  server->encoding = GLS_POSITION_UTF16;
  server->workspace_folders = g_new0 (char *, 1);
  server->capabilities = g_ptr_array_new_with_free_func (capability_entry_free);
  server->initialized_hooks = g_ptr_array_new_with_free_func (hook_free);
  server->shutdown_hooks = g_ptr_array_new_with_free_func (hook_free);

  gls_rpc_set_gate (server->rpc, gate, server);
  gls_rpc_set_closed_func (server->rpc, on_closed, server);
  gls_rpc_add_request_handler (server->rpc, "initialize", handle_initialize,
                               server, NULL);
  gls_rpc_add_request_handler (server->rpc, "shutdown", handle_shutdown,
                               server, NULL);
  gls_rpc_add_notification_handler (server->rpc, "initialized",
                                    handle_initialized, server, NULL);
  gls_rpc_add_notification_handler (server->rpc, "exit", handle_exit,
                                    server, NULL);
  /* Registered like any feature's, so none can claim the path. */
  gls_server_add_capability_func (server, "positionEncoding",
                                  position_encoding_capability, NULL, NULL);
  return server;
}

void
gls_server_free (GlsServer *server)
{
  if (server == NULL)
    return;

  /* The rpc may outlive us (late replies hold it): cut it loose first. */
  gls_rpc_set_gate (server->rpc, NULL, NULL);
  gls_rpc_set_closed_func (server->rpc, NULL, NULL);
  gls_rpc_close (server->rpc);
  gls_rpc_unref (server->rpc);

  g_ptr_array_unref (server->capabilities);
  g_ptr_array_unref (server->initialized_hooks);
  g_ptr_array_unref (server->shutdown_hooks);
  g_clear_pointer (&server->init_params, g_variant_unref);
  g_clear_pointer (&server->client_capabilities, g_variant_unref);
  g_clear_pointer (&server->init_options, g_variant_unref);
  g_free (server->root_uri);
  g_strfreev (server->workspace_folders);
  g_free (server->client_name);
  g_free (server);
}

GlsRpc *
gls_server_get_rpc (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->rpc;
}

GlsServerState
gls_server_get_state (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, GLS_SERVER_EXITED);
  return server->state;
}

int
gls_server_get_exit_code (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, -1);
  return server->exit_code;
}

static gboolean
add_capability_entry (GlsServer *server, CapabilityEntry *entry)
{
  const char *problem = NULL;

  if (server->state != GLS_SERVER_UNINITIALIZED)
    problem = "initialize has already been answered";
  for (guint i = 0; problem == NULL && i < server->capabilities->len; i++)
    {
      CapabilityEntry *other = g_ptr_array_index (server->capabilities, i);
      if (g_str_equal (other->path, entry->path))
        problem = "it is already registered";
    }
  if (problem != NULL)
    {
      g_warning ("capability '%s' refused: %s", entry->path, problem);
      capability_entry_free (entry);
      return FALSE;
    }
  g_ptr_array_add (server->capabilities, entry);
  return TRUE;
}

gboolean
gls_server_add_capability (GlsServer *server, const char *path, GVariant *value)
{
  g_return_val_if_fail (server != NULL && path != NULL && value != NULL, FALSE);

  CapabilityEntry *entry = g_new0 (CapabilityEntry, 1);
  entry->path = g_strdup (path);
  entry->value = g_variant_ref_sink (value);
  return add_capability_entry (server, entry);
}

gboolean
gls_server_add_capability_func (GlsServer         *server,
                                const char        *path,
                                GlsCapabilityFunc  func,
                                gpointer           user_data,
                                GDestroyNotify     destroy)
{
  g_return_val_if_fail (server != NULL && path != NULL && func != NULL, FALSE);

  CapabilityEntry *entry = g_new0 (CapabilityEntry, 1);
  entry->path = g_strdup (path);
  entry->func = func;
  entry->user_data = user_data;
  entry->destroy = destroy;
  return add_capability_entry (server, entry);
}

static Hook *
hook_new (GlsServerHookFunc func, gpointer user_data, GDestroyNotify destroy)
{
  Hook *hook = g_new0 (Hook, 1);

  hook->func = func;
  hook->user_data = user_data;
  hook->destroy = destroy;
  return hook;
}

static void
add_hook (GPtrArray         *hooks,
          GlsServerHookFunc  func,
          gpointer           user_data,
          GDestroyNotify     destroy)
{
  g_ptr_array_add (hooks, hook_new (func, user_data, destroy));
}

void
gls_server_prepend_initialized_hook (GlsServer         *server,
                                     GlsServerHookFunc  func,
                                     gpointer           user_data,
                                     GDestroyNotify     destroy)
{
  g_return_if_fail (server != NULL && func != NULL);
  g_ptr_array_insert (server->initialized_hooks, 0, hook_new (func, user_data, destroy));
}

void
gls_server_add_initialized_hook (GlsServer         *server,
                                 GlsServerHookFunc  func,
                                 gpointer           user_data,
                                 GDestroyNotify     destroy)
{
  g_return_if_fail (server != NULL && func != NULL);
  add_hook (server->initialized_hooks, func, user_data, destroy);
}

void
gls_server_add_shutdown_hook (GlsServer         *server,
                              GlsServerHookFunc  func,
                              gpointer           user_data,
                              GDestroyNotify     destroy)
{
  g_return_if_fail (server != NULL && func != NULL);
  add_hook (server->shutdown_hooks, func, user_data, destroy);
}

void
gls_server_set_exit_func (GlsServer         *server,
                          GlsServerExitFunc  func,
                          gpointer           user_data)
{
  g_return_if_fail (server != NULL);

  server->exit_func = func;
  server->exit_data = user_data;
}

void
gls_server_start (GlsServer *server)
{
  g_return_if_fail (server != NULL);

  gls_rpc_start (server->rpc);
}

static void
flushed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GMainLoop) loop = user_data;

  g_main_loop_quit (loop);
}

static gboolean
flush_timeout_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
gls_server_run (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, 1);

  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);

  server->run_loop = loop;
  gls_server_start (server);
  if (server->state != GLS_SERVER_EXITED)
    g_main_loop_run (loop);
  server->run_loop = NULL;

  /* The last replies (shutdown's, errors) may still be queued; a client that
   * stopped reading must not keep the process alive, hence the bound. The
   * flush callback owns a loop reference as it may come after we return. */
  g_autoptr(GSource) timeout = g_timeout_source_new (2000);
  g_source_set_callback (timeout, flush_timeout_cb, loop, NULL);
  g_source_attach (timeout, context);
  gls_rpc_flush_async (server->rpc, NULL, flushed_cb, g_main_loop_ref (loop));
  g_main_loop_run (loop);
  g_source_destroy (timeout);

  return server->exit_code;
}

GVariant *
gls_server_get_initialize_params (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->init_params;
}

GVariant *
gls_server_get_client_capabilities (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->client_capabilities;
}

GVariant *
gls_server_get_initialization_options (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->init_options;
}

const char *
gls_server_get_root_uri (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->root_uri;
}

const char *const *
gls_server_get_workspace_folders (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return (const char *const *) server->workspace_folders;
}

const char *
gls_server_get_client_name (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return server->client_name;
}

GlsPositionEncoding
gls_server_get_position_encoding (GlsServer *server)
{
  g_return_val_if_fail (server != NULL, GLS_POSITION_UTF16);
  return server->encoding;
}

gboolean
gls_server_client_supports (GlsServer *server, const char *path)
{
  gboolean value = FALSE;

  g_return_val_if_fail (server != NULL && path != NULL, FALSE);

  return server->client_capabilities != NULL &&
         gls_params_get_bool (server->client_capabilities, path,
                              GLS_PARAM_OPTIONAL, &value, NULL) &&
         value;
}

void
gls_server_log_message (GlsServer      *server,
                        GlsMessageType  type,
                        const char     *format,
                        ...)
{
  g_return_if_fail (server != NULL && format != NULL);

  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("window/logMessage (%d): %s", type, message);
  g_auto(GVariantDict) params = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&params, "type", "x", (gint64) type);
  g_variant_dict_insert (&params, "message", "s", message);
  gls_rpc_notify (server->rpc, "window/logMessage", g_variant_dict_end (&params));
}
