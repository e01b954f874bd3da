/* lint.c — `glossary-ls lint`: the command line of the linter; the work is
 * lint_run.h's. */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/glossary_options.h"
#include "cli/lint_message.h"
#include "cli/lint_run.h"

static const char summary[] =
  "Check glossary terms in Markdown, code comments and docstrings: wrong\n"
  "capitalization (Lora -> LoRA) and misspellings (toolfromer -> toolformer).\n"
  "\n"
  "PATH is a file, a directory (recursive; in a git work tree only the files git\n"
  "tracks or would track) or - for standard input. Default: the current directory.\n"
  "Directories contribute Markdown and source files with comments, not *.txt or\n"
  "*.json; a file named on the command line is linted unless its extension is\n"
  "unknown (a note says so). --verbose lists the files a directory walk skipped.\n"
  "--fix applies only unique, safe fixes; the summary counts the others.\n"
  "\n"
  "Positions are 1-based lines and columns in characters (code points).\n"
  "Configuration: the nearest .glossary-ls.json at or above each file's directory,\n"
  "no higher than its git repository's root (or --config), then --rule/--disable.\n"
  "\n"
  "Limits: at most --max-findings-per-file findings are reported per file (default\n"
  "1000; the summary says how many were left out, all count for the exit status);\n"
  "files larger than --max-file-size (default 128M) are not linted (exit 2).\n"
  "Both also come from the \"lint\" object of .glossary-ls.json; 0 means no limit.\n"
  "\n"
  "Exit status: 0 no findings, 1 findings, 2 usage or I/O error.";

/* Arguments may come from a shell glob over hostile file names: messages
 * quoting them are safe lines (lint_message.h). */
static void
print_error (const char *text)
{
  g_autofree char *safe = gls_lint_safe_line (text, FALSE);
  fprintf (stderr, "glossary-ls lint: %s\n", safe);
}

static gboolean
usage_error (const char *format, const char *arg)
{
  g_autofree char *text = g_strdup_printf (format, arg);
  g_autofree char *with_hint = g_strconcat (text, " (see glossary-ls lint --help)", NULL);
  print_error (with_hint);
  return FALSE;
}

/* "-j1", "-fjson": GOption only takes a short option's value from the next
 * argument, so split such arguments in place of the option-with-value
 * shorthand users expect from make and compilers. argv is rebuilt in
 * new_argv (freed by the caller); arguments after "--" are left alone. */
static char **
split_short_values (int argc, char **argv, int *new_argc)
{
  static const char with_value[] = "focrdjg";
  GPtrArray *out = g_ptr_array_new ();
  gboolean rest = FALSE;
  for (int i = 0; i < argc; i++)
    {
      const char *a = argv[i];
      if (i > 0 && !rest && a[0] == '-' && a[1] != '\0' && a[1] != '-' && a[2] != '\0' &&
          strchr (with_value, a[1]) != NULL)
        {
          g_ptr_array_add (out, g_strndup (a, 2));
          g_ptr_array_add (out, g_strdup (a + 2));
          continue;
        }
      rest |= strcmp (a, "--") == 0;
      g_ptr_array_add (out, g_strdup (a));
    }
  *new_argc = (int) out->len;
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* "1000", "64K", "128M", "1G" (binary units) into *out. */
static gboolean
parse_size (const char *text, guint64 *out)
{
  char *end = NULL;
  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  guint64 value = g_ascii_strtoull (text, &end, 10);
  guint shift = 0;
  switch (g_ascii_toupper (*end))
    {
    case '\0': break;
    case 'K': shift = 10; end++; break;
    case 'M': shift = 20; end++; break;
    case 'G': shift = 30; end++; break;
    default: return FALSE;
    }
  if (*end != '\0' || value > (G_MAXUINT64 >> shift))
    return FALSE;
  *out = value << shift;
  return TRUE;
}

/* "--rule RULE=SEVERITY" and "--disable RULE" into the context options. */
static gboolean
parse_rules (char **rules, char **disabled, GlsLintContextOptions *context)
{
  for (char **r = rules; r != NULL && *r != NULL; r++)
    {
      g_autofree char *name = g_strdup (*r);
      char *eq = strchr (name, '=');
      GlsRuleId id;
      GlsSeverity severity;
      if (eq == NULL)
        return usage_error ("--rule wants RULE=SEVERITY, not '%s'", *r);
      *eq = '\0';
      if (!gls_rule_lookup (name, &id))
        return usage_error ("unknown rule '%s'", name);
      if (!gls_severity_parse (eq + 1, &severity))
        return usage_error ("unknown severity '%s' (error, warning, info, hint, off)", eq + 1);
      context->rule_set[id] = TRUE;
      context->rule_severity[id] = severity;
    }
  for (char **r = disabled; r != NULL && *r != NULL; r++)
    {
      GlsRuleId id;
      if (!gls_rule_lookup (*r, &id))
        return usage_error ("unknown rule '%s'", *r);
      context->rule_set[id] = TRUE;
      context->rule_severity[id] = GLS_SEVERITY_OFF;
    }
  return TRUE;
}

/* --max-findings-per-file and --max-file-size (each may be NULL: not
 * given); 0 means no limit. FALSE after a usage error. */
static gboolean
parse_limits (const char *max_findings, const char *max_file_size, GlsLintRunOptions *options)
{
  if (max_findings != NULL && !parse_size (max_findings, &options->max_findings))
    return usage_error ("--max-findings-per-file wants a number, not '%s'", max_findings), FALSE;
  if (max_findings != NULL && options->max_findings == 0)
    options->max_findings = G_MAXUINT64;
  if (max_file_size != NULL && !parse_size (max_file_size, &options->max_file_size))
    return usage_error ("--max-file-size wants a size such as 1048576 or 64M, not '%s'", max_file_size), FALSE;
  if (max_file_size != NULL && options->max_file_size == 0)
    options->max_file_size = G_MAXUINT64;
  return TRUE;
}

int
gls_cli_lint (int argc, char **argv)
{
  g_auto (GlsGlossaryArgs) glossary = { 0 };
  g_autofree char *format = NULL, *output = NULL, *stdin_filename = NULL, *config = NULL;
  g_autofree char *max_findings = NULL, *max_file_size = NULL;
  g_auto (GStrv) rules = NULL, disabled = NULL;
  gboolean fix = FALSE, no_config = FALSE, verbose = FALSE;
  gint max_warnings = -1, jobs = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Output format: text (default), json, sarif, github", "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the report to FILE instead of standard output", "FILE" },
    { "fix", 0, 0, G_OPTION_ARG_NONE, &fix,
      "Apply unambiguous fixes in place (standard input: print the fixed text)", NULL },
    { "stdin-filename", 0, 0, G_OPTION_ARG_FILENAME, &stdin_filename,
      "Name (and so language and configuration) of the text read from -", "NAME" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config, "Use this configuration file for every file", "FILE" },
    { "no-config", 0, 0, G_OPTION_ARG_NONE, &no_config, "Do not read .glossary-ls.json files", NULL },
    { "rule", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &rules,
      "Set a rule's severity: error, warning, info, hint, off (repeatable)", "RULE=SEVERITY" },
    { "disable", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &disabled, "Turn a rule off (repeatable)", "RULE" },
    { "max-warnings", 0, 0, G_OPTION_ARG_INT, &max_warnings,
      "Exit 1 only on errors or more than N other findings", "N" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Worker threads (default: one per processor)", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "List the files skipped and why", NULL },
    { "max-findings-per-file", 0, 0, G_OPTION_ARG_STRING, &max_findings,
      "Report at most N findings per file (default 1000; 0: no limit)", "N" },
    { "max-file-size", 0, 0, G_OPTION_ARG_STRING, &max_file_size,
      "Do not lint files larger than SIZE bytes (K, M, G suffixes; default 128M; 0: no limit)", "SIZE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[PATH...]");
  g_autoptr (GError) error = NULL;
  GlsLintRunOptions options = { .in_fd = STDIN_FILENO };

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  gls_glossary_args_add_entries (&glossary, context);
  int split_argc;
  g_auto (GStrv) split_argv = split_short_values (argc, argv, &split_argc);
  /* g_option_context_parse rearranges the array it is given: parse a
   * shallow copy, so split_argv keeps every string to free. */
  g_autofree char **parse_argv = g_memdup2 (split_argv, sizeof (char *) * (gsize) (split_argc + 1));
  argc = split_argc;
  argv = parse_argv;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (error->message);
      return GLS_EXIT_ERROR;
    }

  if (format != NULL && !gls_lint_format_parse (format, &options.format))
    return usage_error ("unknown format '%s' (text, json, sarif, github)", format), GLS_EXIT_ERROR;
  if (jobs < 0)
    return usage_error ("--jobs must be at least 1%s", ""), GLS_EXIT_ERROR;
  if (!parse_limits (max_findings, max_file_size, &options))
    return GLS_EXIT_ERROR;
  if (config != NULL && no_config)
    return usage_error ("%s", "--config and --no-config exclude each other"), GLS_EXIT_ERROR;
  if (!parse_rules (rules, disabled, &options.context))
    return GLS_EXIT_ERROR;

  options.paths = (const char * const *) (argv + 1);
  options.fix = fix;
  options.verbose = verbose;
  options.stdin_filename = stdin_filename;
  options.max_warnings = max_warnings;
  options.jobs = (guint) jobs;
  options.context.glossary = &glossary;
  options.context.config_path = config;
  options.context.no_config = no_config;

  FILE *report = NULL;
  if (output != NULL)
    {
      report = fopen (output, "w");
      if (report == NULL)
        {
          g_autofree char *text = g_strdup_printf ("cannot write %s: %s", output, g_strerror (errno));
          print_error (text);
          return GLS_EXIT_ERROR;
        }
      options.report_out = report;
    }

  int status = gls_lint_run (&options);
  if (report != NULL && fclose (report) != 0)
    {
      g_autofree char *text = g_strdup_printf ("cannot write %s: %s", output, g_strerror (errno));
      print_error (text);
      status = GLS_EXIT_ERROR;
    }
  return status;
}
