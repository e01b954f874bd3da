/* main.c — argument parsing and the choice of a front end: nothing else.
 *
 *   glossary-ls [--stdio]      the language server on stdin/stdout (default)
 *   glossary-ls lint PATH...   term linting for CI
 *   glossary-ls dump           every entry as JSON Lines
 *   glossary-ls define TERM    the entries defining TERM
 *   glossary-ls export --to F  the glossary as another tool's input
 */
#include "gls-config.h"

#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "cli/cli.h"
#include "server/server_main.h"

typedef int (*Command) (int argc, char **argv);

static const struct
{
  const char *name;
  Command     run;
  const char *summary;
} commands[] = {
  { "lint",   gls_cli_lint,   "check glossary terms in files (for CI and pre-commit)" },
  { "dump",   gls_cli_dump,   "print every glossary entry as JSON Lines" },
  { "define", gls_cli_define, "print the glossary entries that define a term" },
  { "export", gls_cli_export, "write the glossary as cspell, Vale, typos, MkDocs, Markdown or JSON input" },
};

static void
usage (FILE *out)
{
  fprintf (out,
           "Usage: glossary-ls [--stdio]\n"
           "       glossary-ls COMMAND [OPTION...] [ARG...]\n"
           "\n"
           "A language server and CI linter for technical glossary terms.\n"
           "Without a command it serves the Language Server Protocol on stdin/stdout.\n"
           "\n"
           "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "\n"
           "Options:\n"
           "  -h, --help     show this help (COMMAND --help for a command's options)\n"
           "  -V, --version  show the version\n"
           "\n"
           "Exit status: 0 ok, 1 not found or findings, 2 usage or I/O error.\n");
}

/* GSlice (GLib < 2.76) keeps freed slices in its own slabs and magazines,
 * and GVariant allocates through it: a server that opened and closed 1,000
 * documents of 1.6 KB kept ~176 KB of RSS for each. With plain malloc,
 * trimmed after didClose (server/features/sync.c), it keeps 0.5 KB. GSlice reads
 * G_SLICE once, in GLib's own constructor (before main), so the server
 * starts itself again with it set; a G_SLICE the user set is left alone, and
 * if the re-exec fails the server runs as it is. */
static void
use_malloc_for_slices (char **argv)
{
  if (g_getenv ("G_SLICE") != NULL || glib_check_version (2, 76, 0) == NULL)
    return;
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  execv ("/proc/self/exe", argv);
}

int
main (int argc, char **argv)
{
  /* GLib logs g_debug/g_info to stdout by default, which would corrupt the
   * LSP channel: send every log line to stderr before anything can log. */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");

  if (argc > 1 && (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0))
    {
      printf ("glossary-ls %s\n", GLS_VERSION);
      return GLS_EXIT_OK;
    }
  if (argc > 1 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
                   strcmp (argv[1], "help") == 0))
    {
      usage (stdout);
      return GLS_EXIT_OK;
    }
  /* The language server (see server/server_main.h for its options, which
   * may come first: `glossary-ls --glossary=terms.txt`). */
  if (argc < 2 || argv[1][0] == '-' || strcmp (argv[1], "serve") == 0)
    {
      use_malloc_for_slices (argv);
      return gls_server_main (argc, argv);
    }
  for (gsize i = 0; argc > 1 && i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, "glossary-ls: unknown command or option '%s'\n\n", argc > 1 ? argv[1] : "");
  usage (stderr);
  return GLS_EXIT_ERROR;
}
