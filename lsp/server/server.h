/* server.h — GlsServer: the LSP lifecycle around a GlsRpc.
 *
 * States and what the server answers in each (LSP 3.17 "Lifecycle"):
 *
 *   UNINITIALIZED  initialize -> InitializeResult, state INITIALIZED.
 *                  Any other request -> -32002 ServerNotInitialized.
 *                  Notifications are dropped, except exit.
 *   INITIALIZED    requests and notifications reach their handlers;
 *                  a second initialize -> -32600 InvalidRequest;
 *                  initialized runs the initialized hooks;
 *                  shutdown (params absent, as VS Code sends it, or
 *                  anything) -> null, runs the shutdown hooks, state
 *                  SHUTDOWN.
 *   SHUTDOWN       every request (shutdown and initialize included) ->
 *                  -32600 InvalidRequest; notifications other than exit are
 *                  dropped.
 *   any state      exit -> state EXITED with exit code 0 if shutdown was
 *                  received before, else 1; reading stops. End of input
 *                  without exit does the same (the client died or closed
 *                  the pipe), with the same rule for the code.
 *
 * initialize: params must be an object (else -32602). Fields present with a
 * wrong JSON type are -32602 naming the field; absent ones are tolerated
 * (capabilities absent = {}). The position encoding is the first of
 * capabilities.general.positionEncodings that the server supports (the list
 * is in decreasing preference), or utf-16 when the client offers none we
 * know or sends no list; it is returned as capabilities.positionEncoding.
 * The result also has serverInfo {name: "glossary-ls", version}.
 *
 * Features plug in without touching server.c: they register their handlers
 * on gls_server_get_rpc(), their capabilities with gls_server_add_capability
 * (a fixed value) or gls_server_add_capability_func (computed during
 * initialize, when the client's capabilities and the negotiated encoding are
 * known), and hooks for initialized/shutdown. Capabilities must be added
 * before initialize; later ones are refused (use client/registerCapability
 * through gls_rpc_call_async for dynamic registration).
 *
 * Ownership: the server owns its GlsRpc and the stored initialize params
 * (borrowed GVariants returned by the getters stay valid until the server is
 * freed). Single-threaded, like GlsRpc (its main context).
 */
#pragma once

#include <gio/gio.h>

#include "server/transport/rpc.h"
#include "text/position.h"

G_BEGIN_DECLS

typedef struct _GlsServer GlsServer;

typedef enum
{
  GLS_SERVER_UNINITIALIZED,
  GLS_SERVER_INITIALIZED,
  GLS_SERVER_SHUTDOWN,
  GLS_SERVER_EXITED,
} GlsServerState;

/* window/logMessage and window/showMessage types. */
typedef enum
{
  GLS_MESSAGE_TYPE_ERROR   = 1,
  GLS_MESSAGE_TYPE_WARNING = 2,
  GLS_MESSAGE_TYPE_INFO    = 3,
  GLS_MESSAGE_TYPE_LOG     = 4,
} GlsMessageType;

/* Returns the capability value (floating or not; consumed) or NULL to leave
 * it out. Called once, during initialize. */
typedef GVariant *(*GlsCapabilityFunc) (GlsServer *server,
                                        gpointer   user_data);
typedef void      (*GlsServerHookFunc) (GlsServer *server,
                                        gpointer   user_data);
/* Called once when the server reaches EXITED. */
typedef void      (*GlsServerExitFunc) (GlsServer *server,
                                        int        exit_code,
                                        gpointer   user_data);

/* Input and output as for gls_rpc_new(). */
GlsServer      *gls_server_new                  (GInputStream      *input,
                                                 GOutputStream     *output);
/* Closes the connection if still open; answers nothing more. */
void            gls_server_free                 (GlsServer         *server);

GlsRpc         *gls_server_get_rpc              (GlsServer         *server);
GlsServerState  gls_server_get_state            (GlsServer         *server);
/* 0 or 1 once EXITED (see above); -1 before. */
int             gls_server_get_exit_code        (GlsServer         *server);

/* path and value as for gls_capabilities_set(); FALSE (and a warning) on a
 * conflict or after initialize. */
gboolean        gls_server_add_capability       (GlsServer         *server,
                                                 const char        *path,
                                                 GVariant          *value);
gboolean        gls_server_add_capability_func  (GlsServer         *server,
                                                 const char        *path,
                                                 GlsCapabilityFunc  func,
                                                 gpointer           user_data,
                                                 GDestroyNotify     destroy);
void            gls_server_add_initialized_hook (GlsServer         *server,
                                                 GlsServerHookFunc  func,
                                                 gpointer           user_data,
                                                 GDestroyNotify     destroy);
/* Runs func before the hooks added so far (the configuration's requests go
 * out before the workspace's own `initialized` work, whoever registers
 * first). */
void            gls_server_prepend_initialized_hook (GlsServer     *server,
                                                 GlsServerHookFunc  func,
                                                 gpointer           user_data,
                                                 GDestroyNotify     destroy);
void            gls_server_add_shutdown_hook    (GlsServer         *server,
                                                 GlsServerHookFunc  func,
                                                 gpointer           user_data,
                                                 GDestroyNotify     destroy);
void            gls_server_set_exit_func        (GlsServer         *server,
                                                 GlsServerExitFunc  func,
                                                 gpointer           user_data);

/* Starts reading; the caller runs the main context. */
void            gls_server_start                (GlsServer         *server);
/* Starts, runs a main loop until EXITED, then waits (at most 2 s) for
 * queued replies to be written. Returns the exit code. */
int             gls_server_run                  (GlsServer         *server);

/* ---- what the client said at initialize (NULL / defaults before) ----- */

/* The whole InitializeParams object (a{sv}). */
GVariant       *gls_server_get_initialize_params     (GlsServer   *server);
/* params.capabilities (a{sv}; empty object if the client sent none). */
GVariant       *gls_server_get_client_capabilities   (GlsServer   *server);
/* params.initializationOptions, any JSON value, or NULL. */
GVariant       *gls_server_get_initialization_options (GlsServer  *server);
/* rootUri, else rootPath converted to a file:// URI, else NULL. */
const char     *gls_server_get_root_uri              (GlsServer   *server);
/* workspaceFolders[].uri; if the client sent none, the root URI alone; empty
 * if neither. NULL-terminated, never NULL. */
const char *const *gls_server_get_workspace_folders  (GlsServer   *server);
/* clientInfo.name, or NULL. */
const char     *gls_server_get_client_name           (GlsServer   *server);
GlsPositionEncoding gls_server_get_position_encoding (GlsServer   *server);
/* TRUE iff path (as in params.h) in the client capabilities is the boolean
 * true, e.g. "textDocument.hover.dynamicRegistration". */
gboolean        gls_server_client_supports           (GlsServer   *server,
                                                      const char  *path);

/* window/logMessage to the client (also logged locally at debug level). */
void            gls_server_log_message          (GlsServer         *server,
                                                 GlsMessageType     type,
                                                 const char        *format,
                                                 ...) G_GNUC_PRINTF (3, 4);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsServer, gls_server_free)

G_END_DECLS
