/* features.h — the language features that read the workspace.
 *
 * Each feature module (one .c file in lsp/server/features/) exports one registration
 * function that adds its request handlers to gls_server_get_rpc (server)
 * and its capabilities with gls_server_add_capability[_func]. It is called
 * once, after gls_workspace_new() and before gls_server_start(). Handlers
 * get their state through the workspace (workspace.h) and must not keep
 * borrowed document pointers across a main loop return.
 *
 *   sync.c           textDocument/didOpen, didChange, didClose, didSave
 *   code_action.c    textDocument/codeAction, workspace/executeCommand
 *   configuration.c  workspace/didChangeConfiguration, didChangeWatchedFiles
 *                    (and the configuration pull at `initialized`)
 *   hover.c       textDocument/hover
 *   completion.c  textDocument/completion, completionItem/resolve
 *   definition.c  textDocument/definition
 *   references.c  textDocument/references
 *   symbols.c     textDocument/documentSymbol, workspace/symbol
 *
 * Every module is built; gls_features_register_all() (features.c) calls each
 * registration function. lsp/server/features/meson.build lists the modules
 * the editor tests check (`editor_test_features`).
 */
#pragma once

#include "server/server.h"
#include "server/workspace/workspace.h"

G_BEGIN_DECLS

/* Text sync, code actions and configuration: they also change the
 * workspace (through workspace.h), and are registered first. */
void gls_sync_register          (GlsServer    *server,
                                 GlsWorkspace *workspace);
void gls_code_action_register   (GlsServer    *server,
                                 GlsWorkspace *workspace);
void gls_configuration_register (GlsServer    *server,
                                 GlsWorkspace *workspace);
/* The word a misspelled-term finding of text flags (code_action.c; newly
 * allocated): the word of the finding that its first replacement changes
 * beyond case, else the whole finding. */
char *gls_code_action_flagged_word (const char   *text,
                                    const GlsFinding *finding);

void gls_hover_register      (GlsServer    *server,
                              GlsWorkspace *workspace);
void gls_completion_register (GlsServer    *server,
                              GlsWorkspace *workspace);
void gls_definition_register (GlsServer    *server,
                              GlsWorkspace *workspace);
void gls_references_register (GlsServer    *server,
                              GlsWorkspace *workspace);
void gls_symbols_register    (GlsServer    *server,
                              GlsWorkspace *workspace);

/* Registers every feature built into this binary. */
void gls_features_register_all (GlsServer    *server,
                                GlsWorkspace *workspace);

G_END_DECLS
