/* gls-exit.h — process exit codes of glossary-ls, shared by the server
 * (server_main.c, server.c) and the subcommands (cli/).
 *
 *   0  success (the server: exit after shutdown)
 *   1  nothing found (define), findings (lint), or a server that exits
 *      without shutdown or loses its connection
 *   2  usage or I/O error
 */
#pragma once

#define GLS_EXIT_OK        0
#define GLS_EXIT_NOT_FOUND 1
#define GLS_EXIT_FINDINGS  1
#define GLS_EXIT_UNCLEAN   1
#define GLS_EXIT_ERROR     2
