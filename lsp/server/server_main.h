/* server_main.h — the `glossary-ls [serve] [--stdio]` front end.
 *
 * main.c calls gls_server_main() when argv[1] is absent, "--stdio" or
 * "serve", passing argc/argv unchanged. It speaks LSP on stdin/stdout until
 * exit (or end of input) and returns the process exit code (gls-exit.h):
 * GLS_EXIT_OK after shutdown + exit, GLS_EXIT_UNCLEAN for exit without
 * shutdown, a lost connection or a stdout that cannot be set up,
 * GLS_EXIT_ERROR for bad arguments.
 *
 * Options: --stdio (the default and only transport), --log-level=LEVEL
 * (error, critical, warning, message, info, debug; default message; the
 * GLS_LOG_LEVEL environment variable sets the same when the option is
 * absent), the glossary options every front end shares (glossary_args.h:
 * --glossary=PATH, repeatable, on top of the configured glossaries;
 * --no-default-glossary; --no-cache), --clientProcessId=PID (sent by
 * vscode-languageclient; accepted and ignored). Logs go to stderr only: main() has already made GLib's default
 * writer use stderr, and the real stdout is moved to a private descriptor
 * with fd 1 pointing at stderr, so a stray printf cannot corrupt the LSP
 * stream.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int gls_server_main (int argc, char **argv);

G_END_DECLS
