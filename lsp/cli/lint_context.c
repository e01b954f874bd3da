/* lint_context.c — see lint_context.h. */
#include "cli/lint_context.h"

#include <string.h>

#include "cli/lint_message.h"
#include "glossary/glossary.h"
#include "glossary/glossary_load.h"

/* The key of configurations used when no project file applies. */
#define NO_FILE ""

struct _GlsLintContext
{
  const GlsLintContextOptions *options;
  FILE       *err;
  GHashTable *dir_to_file;       /* absolute dir -> config file path or NO_FILE */
  GHashTable *configs;           /* config file path or NO_FILE -> GlsRuleConfig* (NULL: broken) */
  GHashTable *analyzers;         /* glossary set key -> GlsAnalyzer* */
  gboolean    had_errors;
  char       *cache_dir;  /* from options->glossary; NULL: no cache */
};

GlsLintContext *
gls_lint_context_new (const GlsLintContextOptions *options, FILE *err)
{
  GlsLintContext *context = g_new0 (GlsLintContext, 1);
  context->options = options;
  context->err = err;
  context->cache_dir = options->glossary != NULL ? gls_glossary_args_cache_dir (options->glossary) : NULL;
  context->dir_to_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  context->configs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) gls_rule_config_unref);
  context->analyzers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) gls_analyzer_unref);
  return context;
}

void
gls_lint_context_free (GlsLintContext *context)
{
  if (context == NULL)
    return;
  g_hash_table_unref (context->dir_to_file);
  g_hash_table_unref (context->configs);
  g_hash_table_unref (context->analyzers);
  g_free (context->cache_dir);
  g_free (context);
}

gboolean
gls_lint_context_had_errors (const GlsLintContext *context)
{
  return context->had_errors;
}

/* Parses the configuration of file (NO_FILE: none) with the overrides on top;
 * NULL when it is broken, after reporting why. */
static GlsRuleConfig *
build_config (GlsLintContext *context, const char *file)
{
  g_autoptr (GlsRuleConfig) config = gls_rule_config_new ();
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;

  if (strcmp (file, NO_FILE) != 0 && !gls_rule_config_merge_file (config, file, warnings, &error))
    {
      gls_lint_print_message (context->err, context->options->github_messages, "%s", error->message);
      context->had_errors = TRUE;
      return NULL;
    }
  for (guint i = 0; i < warnings->len; i++)
    gls_lint_print_message (context->err, context->options->github_messages, "warning: %s",
                            (const char *) g_ptr_array_index (warnings, i));
  for (guint r = 0; r < GLS_N_RULES; r++)
    if (context->options->rule_set[r])
      gls_rule_config_set_severity (config, (GlsRuleId) r, context->options->rule_severity[r]);
  return g_steal_pointer (&config);
}

/* The nearest directory at or above dir (absolute) holding a ".git" entry,
 * or NULL: a project file above the repository (a CI runner's home, a shared
 * workspace) belongs to someone else. */
static char *
repository_root (const char *dir)
{
  g_autofree char *at = g_strdup (dir);
  for (;;)
    {
      g_autofree char *git = g_build_filename (at, ".git", NULL);
      if (g_file_test (git, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&at);
      g_autofree char *parent = g_path_get_dirname (at);
      if (strcmp (parent, at) == 0)
        return NULL;
      g_free (at);
      at = g_steal_pointer (&parent);
    }
}

static const char *
config_file_for (GlsLintContext *context, const char *dir)
{
  const GlsLintContextOptions *o = context->options;
  if (o->no_config)
    return NO_FILE;
  if (o->config_path != NULL)
    return o->config_path;

  g_autofree char *abs = g_canonicalize_filename (dir, NULL);
  const char *known = g_hash_table_lookup (context->dir_to_file, abs);
  if (known != NULL)
    return known;
  g_autofree char *root = repository_root (abs);
  char *found = gls_rule_config_find_file (abs, root);
  char *value = found != NULL ? found : g_strdup (NO_FILE);
  g_hash_table_insert (context->dir_to_file, g_steal_pointer (&abs), value);
  return value;
}

static GlsAnalyzer *
load_analyzer (GlsLintContext *context, gboolean no_default, GPtrArray *paths, GPtrArray *formats)
{
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  GlsGlossaryOptions options = {
    .no_default = no_default,
    .paths = (const char * const *) paths->pdata,
    .formats = (const char * const *) formats->pdata,
    .cache_dir = context->cache_dir,
  };
  g_autoptr (GlsGlossary) glossary = gls_glossary_load (&options, issues);

  for (guint i = 0; i < issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (issues, i);
      /* The built-in glossary's known flaws are not the user's to fix. */
      if (issue->in_default)
        continue;
      g_autofree char *line = gls_issue_format (issue);
      g_autofree char *safe = gls_lint_safe_line (line, context->options->github_messages);
      fprintf (context->err, "%s\n", safe);
      if (issue->severity == GLS_ISSUE_ERROR && issue->line == 0)
        context->had_errors = TRUE;
    }
  return gls_analyzer_new (glossary);
}

gboolean
gls_lint_context_resolve (GlsLintContext *context, const char *dir,
                          GlsRuleConfig **config_out, GlsAnalyzer **analyzer_out)
{
  const GlsLintContextOptions *o = context->options;
  const char *file = config_file_for (context, dir);
  GlsRuleConfig *config;

  if (!g_hash_table_lookup_extended (context->configs, file, NULL, (gpointer *) &config))
    {
      config = build_config (context, file);
      g_hash_table_insert (context->configs, g_strdup (file), config);
    }
  if (config == NULL)
    return FALSE;

  /* The glossary set: built-in or not, the command line's paths, the
   * configuration's (already absolute), in that order. */
  const GlsGlossaryArgs *args = o->glossary;
  gboolean no_default = (args != NULL && args->no_default) || !gls_rule_config_default_glossary (config);
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  g_autoptr (GPtrArray) formats = g_ptr_array_new ();  /* format names, "" to detect */
  GString *key = g_string_new (no_default ? "-" : "+");
  for (gsize i = 0; args != NULL && args->paths != NULL && args->paths[i] != NULL; i++)
    {
      g_ptr_array_add (paths, args->paths[i]);
      g_ptr_array_add (formats, (gpointer) gls_glossary_args_format (args, (guint) i));
    }
  const char * const *configured = gls_rule_config_glossaries (config);
  const char * const *configured_formats = gls_rule_config_glossary_formats (config);
  for (guint i = 0; configured != NULL && configured[i] != NULL; i++)
    {
      g_ptr_array_add (paths, (gpointer) configured[i]);
      g_ptr_array_add (formats, (gpointer) configured_formats[i]);
    }
  for (guint i = 0; i < paths->len; i++)
    {
      g_string_append_c (key, '\n');
      g_string_append (key, g_ptr_array_index (paths, i));
      g_string_append_c (key, '\t');
      g_string_append (key, g_ptr_array_index (formats, i));
    }
  g_ptr_array_add (paths, NULL);
  g_ptr_array_add (formats, NULL);

  GlsAnalyzer *analyzer = g_hash_table_lookup (context->analyzers, key->str);
  if (analyzer == NULL)
    {
      analyzer = load_analyzer (context, no_default, paths, formats);
      g_hash_table_insert (context->analyzers, g_strdup (key->str), analyzer);
    }
  g_string_free (key, TRUE);

  *config_out = gls_rule_config_ref (config);
  *analyzer_out = gls_analyzer_ref (analyzer);
  return TRUE;
}
