/* workspace_private.h — the fields of GlsWorkspace (workspace.c only).
 * Main thread. */
#pragma once

#include "server/workspace/diagnostics.h"
#include "server/workspace/glossary_service.h"
#include "server/workspace/settings.h"
#include "server/workspace/workspace.h"
#include "text/store.h"

G_BEGIN_DECLS

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

G_END_DECLS
