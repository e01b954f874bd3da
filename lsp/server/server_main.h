/* server_main.h — the `glossary-ls [serve] [--stdio]` front end.
 *
 * main.c calls gls_server_main() when argv[1] is absent, "--stdio" or
 * "serve", passing argc/argv unchanged. It speaks LSP on stdin/stdout until
 * exit (or end of input) and returns the process exit code: 0 after
 * shutdown + exit, 1 for exit without shutdown or a lost connection, 2 for
 * bad arguments.
 *
 * Options: --stdio (the default and only transport), --log-level=LEVEL
 * (error, critical, warning, message, info, debug; default message; the
 * GLS_LOG_LEVEL environment variable sets the same when the option is
 * absent), --glossary=PATH (repeatable: extra glossary files or
 * directories, on top of the configured ones), --no-default-glossary (leave
 * out the built-in glossary), --clientProcessId=PID (sent by
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
