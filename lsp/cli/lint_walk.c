/* lint_walk.c — see lint_walk.h. */
#include "cli/lint_walk.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/lint_file.h"
#include "text/prose.h"

void
gls_lint_target_free (GlsLintTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->path);
  g_free (target->fs_path);
  g_free (target);
}

gboolean
gls_lint_walk_selects (const char *path)
{
  const char *id = gls_prose_language_id_for_path (path);
  return strcmp (id, "plaintext") != 0 && strcmp (id, "json") != 0;
}

/* State of one gls_lint_walk call. */
typedef struct
{
  GPtrArray  *targets;
  GPtrArray  *problems;
  GPtrArray  *skipped;  /* nullable: "path: why" for --verbose */
  GHashTable *seen;     /* fs paths already listed (owned by the targets) */
} Walk;

static void
add_target (Walk *w, char *path, char *fs_path, gboolean named)
{
  if (fs_path != NULL && g_hash_table_contains (w->seen, fs_path))
    {
      g_free (path);
      g_free (fs_path);
      return;
    }
  GlsLintTarget *t = g_new0 (GlsLintTarget, 1);
  t->path = path;
  t->fs_path = fs_path;
  t->named = named;
  if (fs_path != NULL)
    g_hash_table_add (w->seen, fs_path);
  g_ptr_array_add (w->targets, t);
}

static void
problem (Walk *w, char *message)
{
  g_ptr_array_add (w->problems, message);
}

/* The name under which a file at rel (relative to the directory the user
 * named as dir) is reported and opened. */
static char *
child_name (const char *dir, const char *rel)
{
  if (strcmp (dir, ".") == 0)
    return g_strdup (rel);
  if (g_str_has_suffix (dir, "/"))
    return g_strconcat (dir, rel, NULL);
  return g_strconcat (dir, "/", rel, NULL);
}

/* Why a file found in a directory is not a target, or NULL if it is one. */
static const char *
found_file_skip_reason (const char *fs_path)
{
  struct stat st;
  if (!gls_lint_walk_selects (fs_path))
    return gls_prose_path_type_is_known (fs_path) ? "plain text or JSON (name it to lint it)"
                                                  : "unknown file type";
  /* Never follow symlinks, and skip what vanished since git listed it
   * (a deleted but still tracked file) or what is not a file (submodules). */
  if (g_lstat (fs_path, &st) != 0)
    return "vanished";
  if (S_ISLNK (st.st_mode))
    return "symbolic link";
  if (!S_ISREG (st.st_mode))
    return "not a regular file";
  return gls_lint_path_looks_binary (fs_path) ? "binary" : NULL;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
add_found (Walk *w, const char *dir, GPtrArray *rels)
{
  g_ptr_array_sort (rels, compare_strings);
  for (guint i = 0; i < rels->len; i++)
    {
      const char *rel = g_ptr_array_index (rels, i);
      if (i > 0 && strcmp (rel, g_ptr_array_index (rels, i - 1)) == 0)
        continue; /* git lists a path once per stage during a merge */
      g_autofree char *name = child_name (dir, rel);
      const char *why = found_file_skip_reason (name);
      if (why == NULL)
        add_target (w, g_strdup (name), g_strdup (name), FALSE);
      else if (w->skipped != NULL)
        g_ptr_array_add (w->skipped, g_strdup_printf ("%s: %s", name, why));
    }
}

/* Lists the files of dir as git sees them into rels; FALSE if dir is not in
 * a work tree or git cannot run. */
static gboolean
git_list (const char *dir, GPtrArray *rels)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) git = NULL;
  g_autoptr (GBytes) out = NULL;

  g_subprocess_launcher_set_cwd (launcher, dir);
  git = g_subprocess_launcher_spawn (launcher, NULL, "git", "ls-files", "-z", "--cached", "--others",
                                     "--exclude-standard", NULL);
  if (git == NULL || !g_subprocess_communicate (git, NULL, NULL, &out, NULL, NULL) ||
      !g_subprocess_get_successful (git))
    return FALSE;

  gsize len;
  const char *p = g_bytes_get_data (out, &len), *end = p + len;
  while (p < end)
    {
      const char *nul = memchr (p, '\0', (gsize) (end - p));
      const char *stop = nul != NULL ? nul : end;
      if (stop > p)
        g_ptr_array_add (rels, g_strndup (p, (gsize) (stop - p)));
      p = stop + 1;
    }
  return TRUE;
}

static gboolean
skipped_directory (const char *name, const char *path)
{
  if (name[0] == '.' || strcmp (name, "node_modules") == 0 || strcmp (name, "__pycache__") == 0)
    return TRUE;
  static const char *const markers[] = { "CACHEDIR.TAG", "meson-private", "CMakeCache.txt" };
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      g_autofree char *marker = g_build_filename (path, markers[i], NULL);
      if (g_file_test (marker, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

/* Appends the files below root/rel (rel "" for root itself), relative to root. */
static void
walk_dir (Walk *w, const char *root, const char *rel, GPtrArray *rels)
{
  g_autofree char *path = rel[0] == '\0' ? g_strdup (root) : child_name (root, rel);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (path, 0, &error);

  if (dir == NULL)
    {
      problem (w, g_strdup_printf ("cannot read directory %s: %s", path, error->message));
      return;
    }
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_rel = rel[0] == '\0' ? g_strdup (name) : g_strconcat (rel, "/", name, NULL);
      g_autofree char *child = child_name (root, child_rel);
      struct stat st;
      if (g_lstat (child, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          if (!skipped_directory (name, child))
            walk_dir (w, root, child_rel, rels);
        }
      else if (S_ISREG (st.st_mode) && name[0] != '.')
        g_ptr_array_add (rels, g_steal_pointer (&child_rel));
    }
}

gboolean
gls_lint_walk (const char *const *paths, const char *stdin_name, GPtrArray *targets, GPtrArray *problems,
               GPtrArray *notes)
{
  return gls_lint_walk_full (paths, stdin_name, targets, problems, notes, NULL);
}

gboolean
gls_lint_walk_full (const char *const *paths, const char *stdin_name, GPtrArray *targets,
                    GPtrArray *problems, GPtrArray *notes, GPtrArray *skipped)
{
  Walk w = { targets, problems, skipped, g_hash_table_new (g_str_hash, g_str_equal) };
  guint problems_before = problems->len;

  for (gsize i = 0; paths[i] != NULL; i++)
    {
      const char *p = paths[i];
      struct stat st;

      if (strcmp (p, "-") == 0)
        {
          add_target (&w, g_strdup (stdin_name != NULL ? stdin_name : "-"), NULL, TRUE);
          continue;
        }
      if (g_stat (p, &st) != 0)
        {
          int saved = errno;
          problem (&w, g_strdup_printf ("%s: %s", p, g_strerror (saved)));
          continue;
        }
      if (!S_ISDIR (st.st_mode))
        {
          /* Code of an unknown language read as prose gives false findings
           * ("float Lora" in a .cu file before it was known). */
          if (!gls_prose_path_type_is_known (p))
            {
              if (notes != NULL)
                g_ptr_array_add (notes, g_strdup_printf ("%s: not linted: unknown file type (to lint it as "
                                                         "plain text: glossary-ls lint --stdin-filename "
                                                         "NAME.txt - < FILE)", p));
              continue;
            }
          add_target (&w, g_strdup (p), g_strdup (p), TRUE);
          continue;
        }
      g_autoptr (GPtrArray) rels = g_ptr_array_new_with_free_func (g_free);
      gboolean in_git = git_list (p, rels);
      if (!in_git)
        {
          g_ptr_array_set_size (rels, 0);
          walk_dir (&w, p, "", rels);
        }
      guint before = targets->len;
      add_found (&w, p, rels);
      if (targets->len == before && notes != NULL)
        g_ptr_array_add (notes, g_strdup_printf ("%s: no files to lint (%s)", p,
                                                 in_git ? "none that git tracks or would track is Markdown or source"
                                                        : "no Markdown or source files"));
    }
  g_hash_table_unref (w.seen);
  return problems->len == problems_before;
}
