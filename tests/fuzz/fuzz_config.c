/* fuzz_config.c — libFuzzer target: .glossary-ls.json parsing (analysis/config.c).
 *
 * Input: one flag byte, then the file's text. The text is merged twice: as
 * data (gls_rule_config_merge_data, as settings are) and as a real project
 * file in a scratch directory (gls_rule_config_merge_file: the checked read
 * of text/safe_file.h and the confinement of "glossaries" to the file's
 * directory, with symlinks in it: flag bit 0 adds `link -> /`, bit 1
 * `loop -> .`). Flag bit 2 merges the text a second time on top.
 *
 * Oracles: a failed merge changes nothing (the config equals a copy taken
 * before); every glossary a project file contributes resolves inside the
 * project directory, and no glossary path is ever listed twice; every
 * severity is a valid one; the config survives copy and unref.
 */
#include "fuzz_common.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/config.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *project_dir;  /* realpath of the scratch project, made once */

static void
remove_project (void)
{
  const char *names[] = { "terms.txt", GLS_CONFIG_FILE_NAME, "link", "loop" };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (project_dir, names[i], NULL);
      unlink (path);
    }
  rmdir (project_dir);
}

static void
make_project (void)
{
  if (project_dir != NULL)
    return;
  g_autofree char *dir = g_dir_make_tmp ("gls-fuzz-config-XXXXXX", NULL);
  if (dir == NULL)
    fuzz_fail ("no scratch directory");
  g_autofree char *terms = g_build_filename (dir, "terms.txt", NULL);
  g_file_set_contents (terms, "lora, adapter\n**LoRA**\nx\n", -1, NULL);
  project_dir = realpath (dir, NULL);
  atexit (remove_project);
}

static void
set_link (const char *name, const char *target, gboolean on)
{
  g_autofree char *path = g_build_filename (project_dir, name, NULL);
  unlink (path);
  if (on && symlink (target, path) != 0)
    fuzz_fail ("symlink %s", path);
}

static char *
describe (const GlsRuleConfig *c)
{
  GString *s = g_string_new (NULL);
  for (guint r = 0; r < GLS_N_RULES; r++)
    g_string_append_printf (s, "%d,", (int) gls_rule_config_severity (c, (GlsRuleId) r));
  g_string_append_printf (s, "default=%d;", gls_rule_config_default_glossary (c));
  for (const char *const *g = gls_rule_config_glossaries (c); *g != NULL; g++)
    g_string_append_printf (s, "%s|", *g);
  return g_string_free (s, FALSE);
}

static void
check_invariants (const GlsRuleConfig *c, guint first_from_file)
{
  const char *const *g = gls_rule_config_glossaries (c);
  for (guint r = 0; r < GLS_N_RULES; r++)
    {
      GlsSeverity sev = gls_rule_config_severity (c, (GlsRuleId) r);
      if (sev != GLS_SEVERITY_OFF && sev != GLS_SEVERITY_ERROR && sev != GLS_SEVERITY_WARNING &&
          sev != GLS_SEVERITY_INFO && sev != GLS_SEVERITY_HINT)
        fuzz_fail ("rule %u has severity %d", r, (int) sev);
    }
  for (guint i = 0; g[i] != NULL; i++)
    {
      for (guint k = 0; k < i; k++)
        if (strcmp (g[i], g[k]) == 0)
          fuzz_fail ("glossary %s listed twice", g[i]);
      if (i < first_from_file)
        continue;
      /* From the project file: inside the project, symlinks resolved. */
      g_autofree char *probe = g_strdup (g[i]);
      char *real;
      while ((real = realpath (probe, NULL)) == NULL)
        {
          char *parent = g_path_get_dirname (probe);
          g_free (probe);
          probe = parent;
        }
      gsize n = strlen (project_dir);
      gboolean ok = strncmp (real, project_dir, n) == 0 && (real[n] == '\0' || real[n] == '/');
      free (real);
      if (!ok)
        fuzz_fail ("glossary %s from the project file is outside %s", g[i], project_dir);
    }
}

static void
merge_checked (GlsRuleConfig *c, const char *text, gsize len, gboolean as_file)
{
  g_autofree char *before = describe (c);
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (as_file)
    {
      g_autofree char *file = g_build_filename (project_dir, GLS_CONFIG_FILE_NAME, NULL);
      if (!g_file_set_contents (file, text, (gssize) len, NULL))
        fuzz_fail ("cannot write %s", file);
      ok = gls_rule_config_merge_file (c, file, warnings, &error);
    }
  else
    ok = gls_rule_config_merge_data (c, text, (gssize) len, "fuzz", "/project", warnings, &error);
  if (!ok)
    {
      g_autofree char *after = describe (c);
      if (error == NULL || strcmp (before, after) != 0)
        fuzz_fail ("a failed merge changed the config or set no error");
    }
  else if (error != NULL)
    fuzz_fail ("a merge succeeded with an error set");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  FuzzReader r = fuzz_reader (data, size);
  guint8 flags = fuzz_u8 (&r);
  gsize len;
  const char *text = fuzz_rest (&r, &len);

  make_project ();
  set_link ("link", "/", flags & 1);
  set_link ("loop", ".", flags & 2);

  g_autoptr (GlsRuleConfig) settings = gls_rule_config_new ();
  merge_checked (settings, text, len, FALSE);

  g_autoptr (GlsRuleConfig) project = gls_rule_config_new ();
  merge_checked (project, text, len, TRUE);
  if (flags & 4)
    merge_checked (project, text, len, TRUE);
  check_invariants (project, 0);

  g_autoptr (GlsRuleConfig) copy = gls_rule_config_copy (project);
  g_autofree char *a = describe (project);
  g_autofree char *b = describe (copy);
  if (strcmp (a, b) != 0)
    fuzz_fail ("a copy differs: %s / %s", a, b);
  gls_rule_config_is_ignored (copy, "Levenstein", -1);
  return 0;
}
