/* code_action.c — textDocument/codeAction and the ignore-word command.
 *
 * For every current finding overlapping the requested range (a cursor
 * touching a finding counts), one "quickfix" per replacement, titled
 * "Replace with “X”", carrying the finding's diagnostic and a WorkspaceEdit
 * that replaces the finding's range; the single replacement of a fixable
 * finding is isPreferred (VS Code's "auto fix"). The edit uses
 * documentChanges with the document's version when the client supports it
 * (so a stale action is refused instead of corrupting newer text), else
 * changes.
 *
 * For a misspelled-term finding there is also "Ignore “word” in this
 * workspace", a command rather than an edit: glossary-ls.ignoreWord [word,
 * uri] adds the word to "ignoreWords" of the .glossary-ls.json at the root of
 * the workspace folder that contains uri (the first folder otherwise),
 * creating the file if needed. A command because editing JSON text in place
 * needs a JSON parser with positions, and the server must re-read the file
 * anyway. The file is rewritten by json-glib (members kept, formatting
 * normalized to two-space indentation). Without a workspace folder the word
 * is ignored for the session only.
 *
 * context.only is honoured: an action is offered only if its kind equals or
 * is a sub-kind of one of the listed kinds ("quickfix" and "" allow ours).
 * Findings come from the current text, never from the diagnostics the
 * client echoes, whose ranges may be stale.
 *
 * Bounded like diagnostics: actions are made for at most max_diagnostics
 * findings overlapping the range (GLS_DEFAULT_MAX_DIAGNOSTICS when the
 * client turned that limit off), the first ones in document order. A
 * select-all request on a 320 KB line of 64k findings built an action for
 * each (37 MB of reply, 65 s on the main loop); a client that needs the
 * later ones asks for a smaller range, as an editor does at the cursor. The
 * findings are the document's cached analysis: a request never re-analyzes.
 */
#define G_LOG_DOMAIN "gls-code-action"

#include "server/features/features.h"

#include <string.h>

#include "analysis/rule_info.h"
#include "server/transport/params.h"
#include "server/workspace/lsp_diagnostic.h"
#include "server/workspace/settings.h"

#define IGNORE_COMMAND "glossary-ls.ignoreWord"

static gboolean
kind_allowed (GVariant *only, const char *kind)
{
  if (only == NULL)
    return TRUE;
  gsize n = g_variant_n_children (only);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr (GVariant) boxed = g_variant_get_child_value (only, i);
      g_autoptr (GVariant) v = g_variant_get_variant (boxed);
      if (!g_variant_is_of_type (v, G_VARIANT_TYPE_STRING))
        continue;
      const char *want = g_variant_get_string (v, NULL);
      gsize len = strlen (want);
      /* "quickfix" allows "quickfix" and "quickfix.x"; "" allows all. */
      if (len == 0 || (strncmp (kind, want, len) == 0 && (kind[len] == '\0' || kind[len] == '.')))
        return TRUE;
    }
  return FALSE;
}

static GVariant *
text_edit (const GlsLspRange *range, const char *new_text)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_variant_dict_insert_value (&d, "range", gls_lsp_range_to_variant (range));
  g_variant_dict_insert (&d, "newText", "s", new_text);
  return g_variant_dict_end (&d);
}

static GVariant *
workspace_edit (GlsWorkspace *ws, GlsOpenDocument *od, const GlsLspRange *range, const char *new_text)
{
  g_auto (GVariantDict) edit = G_VARIANT_DICT_INIT (NULL);
  GVariant *edits[] = { g_variant_new_variant (text_edit (range, new_text)) };
  GVariant *edit_list = g_variant_new_array (G_VARIANT_TYPE_VARIANT, edits, 1);
  const char *uri = gls_open_document_get_uri (od);

  if (gls_server_client_supports (gls_workspace_get_server (ws), "workspace.workspaceEdit.documentChanges"))
    {
      g_auto (GVariantDict) id = G_VARIANT_DICT_INIT (NULL);
      g_auto (GVariantDict) change = G_VARIANT_DICT_INIT (NULL);
      g_variant_dict_insert (&id, "uri", "s", uri);
      g_variant_dict_insert (&id, "version", "x", gls_open_document_get_version (od));
      g_variant_dict_insert_value (&change, "textDocument", g_variant_dict_end (&id));
      g_variant_dict_insert_value (&change, "edits", edit_list);
      GVariant *changes[] = { g_variant_new_variant (g_variant_dict_end (&change)) };
      g_variant_dict_insert_value (&edit, "documentChanges",
                                   g_variant_new_array (G_VARIANT_TYPE_VARIANT, changes, 1));
    }
  else
    {
      g_auto (GVariantDict) changes = G_VARIANT_DICT_INIT (NULL);
      g_variant_dict_insert_value (&changes, uri, edit_list);
      g_variant_dict_insert_value (&edit, "changes", g_variant_dict_end (&changes));
    }
  return g_variant_dict_end (&edit);
}

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* The next word of s[*at..len) as [*ws, *we); FALSE at the end. */
static gboolean
next_word (const char *s, gsize len, gsize *at, gsize *ws, gsize *we)
{
  while (*at < len && !is_word_byte (s[*at]))
    (*at)++;
  if (*at >= len)
    return FALSE;
  *ws = *at;
  while (*at < len && is_word_byte (s[*at]))
    (*at)++;
  *we = *at;
  return TRUE;
}

char *
gls_code_action_flagged_word (const char *text, const GlsFinding *f)
{
  const char *surface = text + f->start;
  gsize len = f->end - f->start;

  if (f->replacements != NULL && f->replacements->len > 0)
    {
      const char *repl = g_ptr_array_index (f->replacements, 0);
      gsize rlen = strlen (repl);
      gsize a = 0, b = 0, as, ae, bs, be;
      /* The words of the finding and of its correction pair up: the one
       * that differs (beyond case) is the misspelling. */
      while (next_word (surface, len, &a, &as, &ae))
        {
          if (!next_word (repl, rlen, &b, &bs, &be) || ae - as != be - bs ||
              g_ascii_strncasecmp (surface + as, repl + bs, ae - as) != 0)
            return g_strndup (surface + as, ae - as);
        }
    }
  return g_strndup (surface, len);
}

/* The Diagnostic of finding f, as published (lsp_diagnostic.h). */
static GVariant *
diagnostic_of (GlsWorkspace *ws, GlsOpenDocument *od, const GlsFinding *f)
{
  GlsLspRange range;
  gls_open_document_range (od, f->start, f->end, &range);
  return gls_lsp_diagnostic_for_finding (f, &range, gls_workspace_get_glossary (ws));
}

static GVariant *
fix_action (GlsWorkspace *ws, GlsOpenDocument *od, const GlsFinding *f, const char *replacement,
            gboolean preferred)
{
  GlsLspRange range;
  g_auto (GVariantDict) a = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *title = g_strdup_printf ("Replace with “%s”", replacement);
  GVariant *diag[] = { g_variant_new_variant (diagnostic_of (ws, od, f)) };

  gls_open_document_range (od, f->start, f->end, &range);
  g_variant_dict_insert (&a, "title", "s", title);
  g_variant_dict_insert (&a, "kind", "s", "quickfix");
  g_variant_dict_insert_value (&a, "diagnostics", g_variant_new_array (G_VARIANT_TYPE_VARIANT, diag, 1));
  if (preferred)
    g_variant_dict_insert (&a, "isPreferred", "b", TRUE);
  g_variant_dict_insert_value (&a, "edit", workspace_edit (ws, od, &range, replacement));
  return g_variant_dict_end (&a);
}

static GVariant *
ignore_action (GlsWorkspace *ws, GlsOpenDocument *od, const GlsFinding *f, const char *word)
{
  g_auto (GVariantDict) a = G_VARIANT_DICT_INIT (NULL);
  g_auto (GVariantDict) command = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *title = g_strdup_printf ("Ignore “%s” in this workspace", word);
  GVariant *diag[] = { g_variant_new_variant (diagnostic_of (ws, od, f)) };
  GVariant *args[] = {
    g_variant_new_variant (g_variant_new_string (word)),
    g_variant_new_variant (g_variant_new_string (gls_open_document_get_uri (od))),
  };

  g_variant_dict_insert (&command, "title", "s", title);
  g_variant_dict_insert (&command, "command", "s", IGNORE_COMMAND);
  g_variant_dict_insert_value (&command, "arguments", g_variant_new_array (G_VARIANT_TYPE_VARIANT, args, 2));
  g_variant_dict_insert (&a, "title", "s", title);
  g_variant_dict_insert (&a, "kind", "s", "quickfix");
  g_variant_dict_insert_value (&a, "diagnostics", g_variant_new_array (G_VARIANT_TYPE_VARIANT, diag, 1));
  g_variant_dict_insert_value (&a, "command", g_variant_dict_end (&command));
  return g_variant_dict_end (&a);
}

static void
code_action (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  GVariant *params = gls_rpc_request_get_params (request);
  g_autofree char *uri = NULL;
  gint64 sl = 0, sc = 0, el = 0, ec = 0;
  g_autoptr (GVariant) only = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GVariantBuilder) actions = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));

  if (!gls_params_get_string (params, "textDocument.uri", GLS_PARAM_REQUIRED, &uri, &error) ||
      !gls_params_get_int64 (params, "range.start.line", GLS_PARAM_REQUIRED, &sl, &error) ||
      !gls_params_get_int64 (params, "range.start.character", GLS_PARAM_REQUIRED, &sc, &error) ||
      !gls_params_get_int64 (params, "range.end.line", GLS_PARAM_REQUIRED, &el, &error) ||
      !gls_params_get_int64 (params, "range.end.character", GLS_PARAM_REQUIRED, &ec, &error) ||
      !gls_params_get_array (params, "context.only", GLS_PARAM_OPTIONAL, &only, &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }
  GlsOpenDocument *od = gls_workspace_get_document (ws, uri);
  if (od == NULL || !kind_allowed (only, "quickfix") || gls_open_document_is_glossary (od))
    {
      gls_rpc_request_reply (request, g_variant_builder_end (&actions));
      return;
    }
  guint32 start = gls_open_document_offset_at (od, sl, sc);
  guint32 end = gls_open_document_offset_at (od, el, ec);
  if (end < start)
    {
      guint32 t = start;
      start = end;
      end = t;
    }
  const GArray *findings = gls_open_document_get_findings (od);
  const char *text = gls_open_document_get_text (od, NULL);
  guint max = gls_workspace_get_max_diagnostics (ws);
  guint cap = max > 0 ? max : GLS_DEFAULT_MAX_DIAGNOSTICS;
  guint used = 0;
  for (guint i = 0; i < findings->len && used < cap; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      gboolean overlaps = start == end ? f->start <= start && start <= f->end
                                       : f->start < end && start < f->end;
      if (!overlaps)
        continue;
      used++;
      for (guint r = 0; f->replacements != NULL && r < f->replacements->len; r++)
        g_variant_builder_add (&actions, "v",
                               fix_action (ws, od, f, g_ptr_array_index (f->replacements, r),
                                           f->fixable && r == 0));
      if (g_strcmp0 (f->rule, GLS_RULE_MISSPELLED_TERM) == 0)
        {
          g_autofree char *word = gls_code_action_flagged_word (text, f);
          g_variant_builder_add (&actions, "v", ignore_action (ws, od, f, word));
        }
    }
  gls_rpc_request_reply (request, g_variant_builder_end (&actions));
}

static void
execute_command (GlsRpc *rpc, GlsRpcRequest *request, gpointer user_data)
{
  GlsWorkspace *ws = user_data;
  GVariant *params = gls_rpc_request_get_params (request);
  g_autofree char *command = NULL, *word = NULL, *uri = NULL;
  g_autoptr (GError) error = NULL;

  if (!gls_params_get_string (params, "command", GLS_PARAM_REQUIRED, &command, &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }
  if (!g_str_equal (command, IGNORE_COMMAND))
    {
      gls_rpc_request_reply_error (request, GLS_RPC_ERROR_INVALID_PARAMS, "unknown command \"%s\"",
                                   command);
      return;
    }
  if (!gls_params_get_string (params, "arguments.0", GLS_PARAM_REQUIRED, &word, &error) ||
      !gls_params_get_string (params, "arguments.1", GLS_PARAM_OPTIONAL, &uri, &error))
    {
      gls_rpc_request_reply_gerror (request, error);
      return;
    }
  if (!gls_workspace_ignore_word (ws, word, uri, &error))
    {
      gls_rpc_request_reply_error (request, GLS_RPC_ERROR_REQUEST_FAILED, "%s", error->message);
      return;
    }
  gls_rpc_request_reply (request, NULL);
}

static GVariant *
code_action_capability (GlsServer *server, gpointer user_data)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  GVariant *kinds[] = { g_variant_new_variant (g_variant_new_string ("quickfix")) };
  g_variant_dict_insert_value (&d, "codeActionKinds", g_variant_new_array (G_VARIANT_TYPE_VARIANT, kinds, 1));
  return g_variant_dict_end (&d);
}

static GVariant *
command_capability (GlsServer *server, gpointer user_data)
{
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  GVariant *commands[] = { g_variant_new_variant (g_variant_new_string (IGNORE_COMMAND)) };
  g_variant_dict_insert_value (&d, "commands", g_variant_new_array (G_VARIANT_TYPE_VARIANT, commands, 1));
  return g_variant_dict_end (&d);
}

void
gls_code_action_register (GlsServer *server, GlsWorkspace *ws)
{
  GlsRpc *rpc = gls_server_get_rpc (server);

  gls_rpc_add_request_handler (rpc, "textDocument/codeAction", code_action, ws, NULL);
  gls_rpc_add_request_handler (rpc, "workspace/executeCommand", execute_command, ws, NULL);
  gls_server_add_capability_func (server, "codeActionProvider", code_action_capability, NULL, NULL);
  gls_server_add_capability_func (server, "executeCommandProvider", command_capability, NULL, NULL);
}
