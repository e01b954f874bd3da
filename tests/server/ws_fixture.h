/* ws_fixture.h — a GlsServer + GlsWorkspace driven over pipes, for the tests
 * of text sync, diagnostics, code actions and configuration.
 *
 * ws_fixture_new creates a temporary directory (the workspace folder, rootUri)
 * holding terms.txt (the only glossary: the default one is left out so tests
 * are fast and their terms known) and optionally .glossary-ls.json, starts
 * the server with a workspace, sends initialize + initialized, and returns.
 *
 * Messages from the server are read through one inbox: requests the server
 * sends (workspace/configuration, client/registerCapability) are answered
 * automatically (configuration with config_answer), everything else is queued
 * until a ws_wait_* call consumes it. ws_sync() is a barrier: it returns once
 * every message sent before it has been processed by the server (messages are
 * dispatched in order). Waits are bounded by the harness (a hang guard, not a
 * timing assertion).
 *
 * JSON goes in as text and comes out as JsonNode (owned by the caller).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "harness.h"
#include "json_path.h"
#include "server/workspace/workspace.h"

G_BEGIN_DECLS

/* Has LoRA, Rotary Position Embedding (RoPE), PyTorch, Levenshtein
 * Transformer. */
extern const char *const ws_default_glossary;

typedef struct
{
  const char *init_options;   /* JSON; NULL: {"diagnosticsDelay": 0} */
  const char *capabilities;   /* JSON; NULL: {} (UTF-16) */
  const char *glossary_text;  /* NULL: ws_default_glossary */
  const char *project_file;   /* .glossary-ls.json text, or NULL */
  gboolean    file_monitors;
  gboolean    skip_initialized; /* do not send `initialized` */
} WsSetup;

typedef struct
{
  GlsTestPeer  *peer;
  GlsServer    *server;
  GlsWorkspace *ws;
  char         *dir;
  char         *root_uri;
  char         *glossary_path;
  GQueue       *inbox;          /* JsonNode* */
  gint64        next_id;
  char         *config_answer;  /* JSON value answering workspace/configuration */
  guint         config_pulls;
} WsFixture;

WsFixture *ws_fixture_new   (const WsSetup *setup);
void       ws_fixture_free  (WsFixture *f);

/* file:// URI of name inside the workspace folder (owned). */
char      *ws_uri           (WsFixture *f, const char *name);
/* A JSON string literal for text (owned). */
char      *ws_json_string   (const char *text);

void       ws_notify        (WsFixture *f, const char *method, const char *params_json);
void       ws_open          (WsFixture *f, const char *uri, const char *language_id, const char *text);
void       ws_change        (WsFixture *f, const char *uri, gint64 version, gint64 sl, gint64 sc,
                             gint64 el, gint64 ec, const char *text);
void       ws_close         (WsFixture *f, const char *uri);

/* Sends a request and returns its result (asserting success). */
JsonNode  *ws_request       (WsFixture *f, const char *method, const char *params_json);
/* Sends a request and returns the whole response (result or error). */
JsonNode  *ws_request_raw   (WsFixture *f, const char *method, const char *params_json);
void       ws_sync          (WsFixture *f);
/* Iterates until gls_workspace_is_idle (loads, worker checks and
 * diagnostics timers all done). */
void       ws_wait_idle     (WsFixture *f);

/* The params of the next publishDiagnostics for uri whose version is at
 * least min_version (-1: any, including none). Earlier ones are dropped. */
JsonNode  *ws_wait_diagnostics (WsFixture *f, const char *uri, gint64 min_version);
/* The params of the next notification of method whose JSON contains needle
 * (NULL: any). */
JsonNode  *ws_wait_notification (WsFixture *f, const char *method, const char *needle);
/* Drops queued messages. */
void       ws_drain         (WsFixture *f);

/* The diagnostics array's codes, "code@line:character" joined by spaces. */
char      *ws_diag_summary  (JsonNode *params);

/* The text of a document after applying LSP TextEdits (JSON array node) in
 * the given encoding ("utf-16" or "utf-8"). */
char      *ws_apply_edits   (const char *text, JsonNode *edits, GlsPositionEncoding encoding);

/* Writes a file in the workspace folder. */
void       ws_write_file    (WsFixture *f, const char *name, const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsFixture, ws_fixture_free)

G_END_DECLS
