/* sync.c — textDocument/didOpen, didChange, didClose, didSave.
 *
 * Sync kind 2 (incremental): each didChange carries content changes applied
 * in order, each with a range in the negotiated encoding (or none: the whole
 * text). The changes are read here into GlsTextChanges; the workspace
 * applies them (gls_workspace_change_document: the document, its prose
 * spans incrementally and the analysis bookkeeping), sets the version and
 * schedules diagnostics (debounced, workspace/diagnostics.c).
 *
 * Bad input never crashes and never stops the document:
 *   - positions past a line's end or past the last line are clamped as LSP
 *     says (position.h);
 *   - a range whose start comes after its end is a client bug; the two
 *     positions are swapped (the likeliest intent), the change is applied,
 *     a warning is logged, and the document is marked out of sync;
 *   - a change for a document that is not open, or without a text, is
 *     logged and ignored (the document, if open, is marked out of sync);
 *   - resync: on didSave of a document marked out of sync, its text is
 *     replaced by the text in the notification (if the client sends it) or
 *     by the saved file (file:// URIs), which is what the editor holds right
 *     after a save. LSP has no way to ask for the buffer, so this is the
 *     earliest moment the server can know the truth again.
 * didClose frees the document, and a second later (once per burst of
 * closes, workspace.c) malloc_trim gives the freed pages back: a document's
 * analysis is many small blocks (~190 KB for a 1.6 KB Markdown file with 40
 * findings, most of it the cached diagnostics' GVariants), which glibc keeps
 * in its arenas, so without the trim the server's RSS never went down after
 * closes.
 * A didSave resync re-reads the file through text/safe_file.h: a FIFO or a
 * device at that path must not block the main loop.
 * Text is taken as bytes: clients send valid UTF-8, and position.h treats
 * any invalid byte as one code unit, so a bad byte cannot desynchronize
 * positions.
 */
#define G_LOG_DOMAIN "gls-sync"

#include "server/features/features.h"

#include <string.h>

#include "server/transport/frame_reader.h"
#include "server/transport/params.h"
#include "server/workspace/uri.h"
#include "text/safe_file.h"

static void
did_open (GlsRpc *rpc, const char *method, GVariant *params, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  g_autofree char *uri = NULL, *language_id = NULL, *text = NULL;
  gint64 version = 0;
  g_autoptr (GError) error = NULL;

  if (!gls_params_get_string (params, "textDocument.uri", GLS_PARAM_REQUIRED, &uri, &error) ||
      !gls_params_get_string (params, "textDocument.languageId", GLS_PARAM_OPTIONAL, &language_id, &error) ||
      !gls_params_get_int64 (params, "textDocument.version", GLS_PARAM_OPTIONAL, &version, &error) ||
      !gls_params_get_string (params, "textDocument.text", GLS_PARAM_REQUIRED, &text, &error))
    {
      gls_server_log_message (gls_workspace_get_server (ws), GLS_MESSAGE_TYPE_ERROR, "didOpen ignored: %s", error->message);
      return;
    }
  gls_workspace_open (ws, uri, language_id != NULL ? language_id : "plaintext", version, text,
                      strlen (text));
}

/* Reads one TextDocumentContentChangeEvent into edit, its text into texts
 * (which owns it); FALSE if it is unusable (logged). */
static gboolean
read_change (const char *uri, GVariant *change, GPtrArray *texts, GlsTextChange *edit)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_variant_is_of_type (change, G_VARIANT_TYPE_VARDICT))
    return FALSE;
  if (!gls_params_get_string (change, "text", GLS_PARAM_REQUIRED, &text, &error))
    {
      g_warning ("%s: change ignored: %s", uri, error->message);
      return FALSE;
    }
  *edit = (GlsTextChange) { .has_range = gls_params_has (change, "range"), .text = text,
                            .len = strlen (text) };
  if (edit->has_range &&
      (!gls_params_get_int64 (change, "range.start.line", GLS_PARAM_REQUIRED, &edit->start_line, &error) ||
       !gls_params_get_int64 (change, "range.start.character", GLS_PARAM_REQUIRED, &edit->start_character, &error) ||
       !gls_params_get_int64 (change, "range.end.line", GLS_PARAM_REQUIRED, &edit->end_line, &error) ||
       !gls_params_get_int64 (change, "range.end.character", GLS_PARAM_REQUIRED, &edit->end_character, &error)))
    {
      g_warning ("%s: change ignored: %s", uri, error->message);
      return FALSE;
    }
  g_ptr_array_add (texts, g_steal_pointer (&text));
  return TRUE;
}

static void
did_change (GlsRpc *rpc, const char *method, GVariant *params, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  g_autofree char *uri = NULL;
  gint64 version = 0;
  g_autoptr (GVariant) changes = NULL;
  g_autoptr (GError) error = NULL;

  if (!gls_params_get_string (params, "textDocument.uri", GLS_PARAM_REQUIRED, &uri, &error) ||
      !gls_params_get_int64 (params, "textDocument.version", GLS_PARAM_OPTIONAL, &version, &error) ||
      !gls_params_get_array (params, "contentChanges", GLS_PARAM_REQUIRED, &changes, &error))
    {
      gls_server_log_message (gls_workspace_get_server (ws), GLS_MESSAGE_TYPE_ERROR,
                              "didChange ignored: %s", error->message);
      GlsOpenDocument *od = uri != NULL ? gls_workspace_get_document (ws, uri) : NULL;
      if (od != NULL)
        gls_workspace_mark_out_of_sync (ws, od);
      return;
    }
  GlsOpenDocument *od = gls_workspace_get_document (ws, uri);
  if (od == NULL)
    {
      gls_server_log_message (gls_workspace_get_server (ws), GLS_MESSAGE_TYPE_WARNING,
                              "didChange for %s, which is not open: ignored", uri);
      return;
    }
  gsize n = g_variant_n_children (changes);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_full ((guint) MIN (n, G_MAXUINT), g_free);
  g_autoptr (GArray) edits = g_array_sized_new (FALSE, FALSE, sizeof (GlsTextChange), (guint) MIN (n, G_MAXUINT));
  gboolean incomplete = FALSE;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GVariant) boxed = g_variant_get_child_value (changes, i);
      g_autoptr (GVariant) change = g_variant_get_variant (boxed);
      GlsTextChange edit;
      if (read_change (uri, change, texts, &edit))
        g_array_append_val (edits, edit);
      else
        incomplete = TRUE;
    }
  gls_workspace_change_document (ws, od, version, (const GlsTextChange *) edits->data, edits->len,
                                 incomplete);
}

static void
did_close (GlsRpc *rpc, const char *method, GVariant *params, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;

  if (!gls_params_get_string (params, "textDocument.uri", GLS_PARAM_REQUIRED, &uri, &error))
    {
      gls_server_log_message (gls_workspace_get_server (ws), GLS_MESSAGE_TYPE_ERROR, "didClose ignored: %s", error->message);
      return;
    }
  gls_workspace_close (ws, uri);
}

static void
did_save (GlsRpc *rpc, const char *method, GVariant *params, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  g_autofree char *uri = NULL, *text = NULL;
  g_autoptr (GError) error = NULL;

  if (!gls_params_get_string (params, "textDocument.uri", GLS_PARAM_REQUIRED, &uri, &error) ||
      !gls_params_get_string (params, "text", GLS_PARAM_OPTIONAL, &text, &error))
    {
      gls_server_log_message (gls_workspace_get_server (ws), GLS_MESSAGE_TYPE_ERROR, "didSave ignored: %s", error->message);
      return;
    }
  g_autofree char *path = gls_uri_to_path (uri);
  if (path != NULL)
    gls_workspace_path_changed (ws, path);

  GlsOpenDocument *od = gls_workspace_get_document (ws, uri);
  if (od == NULL || !gls_open_document_is_out_of_sync (od))
    return;
  gsize len = 0;
  if (text != NULL)
    len = strlen (text);
  else if (path == NULL ||
           !gls_safe_file_read (path, GLS_FRAME_DEFAULT_MAX_BODY, GLS_SAFE_FILE_DEFAULT, &text, &len, &error))
    {
      gls_server_log_message (gls_workspace_get_server (ws), GLS_MESSAGE_TYPE_WARNING,
                              "%s is out of sync and cannot be re-read%s%s; reopen it", uri,
                              error != NULL ? ": " : "", error != NULL ? error->message : "");
      return;
    }
  gls_workspace_resync (ws, od, text, len);
  gls_server_log_message (gls_workspace_get_server (ws), GLS_MESSAGE_TYPE_INFO,
                          "%s resynchronized from the saved text", uri);
}

static GVariant *
sync_capability (GlsServer *server, gpointer user_data)
{
  g_auto (GVariantDict) save = G_VARIANT_DICT_INIT (NULL);
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert (&save, "includeText", "b", FALSE);
  g_variant_dict_insert (&d, "openClose", "b", TRUE);
  g_variant_dict_insert (&d, "change", "x", (gint64) 2);
  g_variant_dict_insert_value (&d, "save", g_variant_dict_end (&save));
  return g_variant_dict_end (&d);
}

void
gls_sync_register (GlsServer *server, GlsWorkspace *ws)
{
  GlsRpc *rpc = gls_server_get_rpc (server);

  gls_rpc_add_notification_handler (rpc, "textDocument/didOpen", did_open, ws, NULL);
  gls_rpc_add_notification_handler (rpc, "textDocument/didChange", did_change, ws, NULL);
  gls_rpc_add_notification_handler (rpc, "textDocument/didClose", did_close, ws, NULL);
  gls_rpc_add_notification_handler (rpc, "textDocument/didSave", did_save, ws, NULL);
  gls_server_add_capability_func (server, "textDocumentSync", sync_capability, NULL, NULL);
}
