/* test_workspace.h — the workspace both server fixtures start: one glossary
 * file (no default glossary, no cache), seed copies under dir/cache.
 * Ownership: (transfer full) workspace; server and paths are borrowed.
 * Failure: gls_workspace_new's (none for these options). */
#pragma once

#include "server/server.h"
#include "server/workspace/workspace.h"

GlsWorkspace *gls_test_workspace_new (GlsServer  *server,
                                      const char *dir,
                                      const char *glossary_path,
                                      gboolean    file_monitors);
