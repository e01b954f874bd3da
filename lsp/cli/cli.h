/* cli.h — the command-line front end: one function per subcommand.
 *
 * Each takes the subcommand's own argv (argv[0] is the subcommand name) and
 * returns the process exit code (gls-exit.h): 0 success, 1 "nothing found"
 * (define) or findings (lint), 2 usage or I/O error. Output goes to stdout, messages about
 * problems to stderr, so stdout stays machine-readable.
 */
#pragma once

#include <glib.h>

#include "gls-exit.h"

G_BEGIN_DECLS

int gls_cli_dump   (int argc, char **argv);
int gls_cli_define (int argc, char **argv);
int gls_cli_lint   (int argc, char **argv);
int gls_cli_export (int argc, char **argv);

G_END_DECLS
