/* main.c — argument parsing and the choice of a front end: nothing else. */
#include "gls-config.h"

#include <glib.h>
#include <locale.h>
#include <stdio.h>

int
main (int argc, char **argv)
{
  /* GLib logs g_debug/g_info to stdout by default, which would corrupt the
   * LSP channel: send every log line to stderr before anything can log. */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");

  if (argc > 1 && g_str_equal (argv[1], "--version"))
    {
      printf ("glossary-ls %s\n", GLS_VERSION);
      return 0;
    }
  fprintf (stderr, "glossary-ls: not implemented yet\n");
  return 2;
}
