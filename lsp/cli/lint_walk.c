/* lint_walk.c — see lint_walk.h. */
#include "cli/lint_walk.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdint.h>
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
  GPtrArray  *notes;     /* may be NULL */
  GPtrArray  *skipped;   /* nullable: "path: why" for --verbose */
  GHashTable *seen;      /* "dev:ino" of the files already listed */
  GHashTable *dirs;      /* "dev:ino" of the directories walked */
  const char *git;       /* the git program, or NULL: do not use git */
} Walk;

static char *
file_id (const struct stat *st)
{
  return g_strdup_printf ("%ju:%ju", (uintmax_t) st->st_dev, (uintmax_t) st->st_ino);
}

/* Lists a file once whatever its spelling ("x.md", "./x.md", a hard link or
 * a symlink to it): by device and inode, so that a file named twice is
 * checked and fixed once. */
static void
add_target (Walk *w, char *path, char *fs_path, gboolean named)
{
  struct stat st;
  if (fs_path != NULL && g_stat (fs_path, &st) == 0)
    {
      char *id = file_id (&st);
      if (!g_hash_table_add (w->seen, id))
        {
          g_free (path);
          g_free (fs_path);
          return;
        }
    }
  GlsLintTarget *t = g_new0 (GlsLintTarget, 1);
  t->path = path;
  t->fs_path = fs_path;
  t->named = named;
  g_ptr_array_add (w->targets, t);
}

static void
problem (Walk *w, char *message)
{
  g_ptr_array_add (w->problems, message);
}

static void
note (Walk *w, char *message)
{
  if (w->notes != NULL)
    g_ptr_array_add (w->notes, message);
  else
    g_free (message);
}

/* What a special file is, or NULL for files, directories and symlinks. */
static const char *
special_kind (mode_t mode)
{
  if (S_ISFIFO (mode))
    return "a FIFO";
  if (S_ISSOCK (mode))
    return "a socket";
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return "a device";
  return NULL;
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

/* Why a file found in a directory is not a target, or NULL if it is one
 * (a FIFO or a device is also noted: it would block or never end). */
static const char *
found_file_skip_reason (Walk *w, const char *fs_path)
{
  struct stat st;
  if (!gls_lint_walk_selects (fs_path))
    return gls_prose_path_type_is_known (fs_path) ? "plain text or JSON (name it to lint it)"
                                                  : "unknown file type";
  /* Never follow symlinks, and skip what vanished since git listed it
   * (a deleted but still tracked file) or what is not a file (submodules);
   * a FIFO or a device would block or never end: say so. */
  if (g_lstat (fs_path, &st) != 0)
    return "vanished";
  if (S_ISLNK (st.st_mode))
    return "symbolic link";
  if (special_kind (st.st_mode) != NULL)
    note (w, g_strdup_printf ("%s skipped: %s, not a regular file", fs_path, special_kind (st.st_mode)));
  if (!S_ISREG (st.st_mode))
    return "not a regular file";
  return gls_lint_path_looks_binary (fs_path) ? "binary" : NULL;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Returns how many of rels qualify (listed now or already). */
static guint
add_found (Walk *w, const char *dir, GPtrArray *rels)
{
  guint qualifying = 0;
  g_ptr_array_sort (rels, compare_strings);
  for (guint i = 0; i < rels->len; i++)
    {
      const char *rel = g_ptr_array_index (rels, i);
      if (i > 0 && strcmp (rel, g_ptr_array_index (rels, i - 1)) == 0)
        continue; /* git lists a path once per stage during a merge */
      g_autofree char *name = child_name (dir, rel);
      const char *why = found_file_skip_reason (w, name);
      if (why == NULL)
        {
          qualifying++;
          add_target (w, g_strdup (name), g_strdup (name), FALSE);
        }
      else if (w->skipped != NULL)
        g_ptr_array_add (w->skipped, g_strdup_printf ("%s: %s", name, why));
    }
  return qualifying;
}

/* Running git on a directory that may come from anyone.
 *
 * `git ls-files` reads the repository's own configuration (.git/config and
 * what it includes), and some settings there make git run a program: most
 * directly core.fsmonitor, a command git runs whenever it reads the index
 * (the hazard behind CVE-2022-24765 and the reason safe.directory exists).
 * Every setting that can make ls-files run something or reach the network is
 * overridden on the command line, which beats every configuration file:
 *   core.fsmonitor=false      no fsmonitor hook or daemon
 *   core.hooksPath=/dev/null  no hook of any kind (ls-files runs none today;
 *                             cheap insurance against a future one)
 *   protocol.allow=never      no transport at all: a partial clone's missing
 *                             objects are never fetched (nor by the
 *                             GIT_NO_LAZY_FETCH=1 below, git >= 2.45)
 *   core.pager=cat, --no-pager, GIT_TERMINAL_PROMPT=0, no askpass: nothing
 *                             interactive
 * and the variables that would point git at another repository, index or
 * configuration than the directory's (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE,
 * GIT_CONFIG_PARAMETERS, ... : `git rev-parse --local-env-vars`) are
 * removed. ls-files with --cached --others --exclude-standard reads the
 * index, the ignore files and directory listings; it does not read file
 * contents, so clean/smudge filters, textconv and external diff drivers
 * (which it never runs) need no override. git's own safe.directory check is
 * kept: a repository owned by another user makes git refuse, and the
 * directory is walked without git.
 *
 * A hostile repository can still make git wait: an ignore file that is a
 * FIFO (.git/info/exclude, core.excludesFile) blocks git's open forever. So
 * git gets GLS_LINT_GIT_TIMEOUT_S seconds (the environment variable
 * GLOSSARY_LS_GIT_TIMEOUT_MS overrides it, for tests) and is killed after
 * them; the directory is then walked without git, with a note.
 *
 * And what git prints is not trusted either: a path that is absolute, has an
 * empty, "." or ".." component, or goes through a symlinked directory (a
 * forged index can list "docs/passwd" where docs -> /etc) is dropped.
 */
#define GLS_LINT_GIT_TIMEOUT_S 30

static const char *const git_env_unset[] = {
  "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
  "GIT_CONFIG_COUNT", "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE", "GIT_PREFIX",
  "GIT_IMPLICIT_WORK_TREE", "GIT_INTERNAL_SUPER_PREFIX", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_ASKPASS",
  "SSH_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "GIT_EDITOR",
};

typedef struct
{
  GBytes  *out;
  gboolean done;
  gboolean timed_out;
} GitRun;

static void
git_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GitRun *run = data;
  (void) g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &run->out, NULL, NULL);
  run->done = TRUE;
}

static gboolean
git_timeout (gpointer data)
{
  ((GitRun *) data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static guint
git_timeout_ms (void)
{
  const char *env = g_getenv ("GLOSSARY_LS_GIT_TIMEOUT_MS");
  guint64 ms = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 0;
  return ms > 0 && ms < G_MAXUINT ? (guint) ms : GLS_LINT_GIT_TIMEOUT_S * 1000;
}

/* Runs the hardened git ls-files in dir; its output, or NULL (not a work
 * tree, git missing or refusing, or *timed_out). */
static GBytes *
git_ls_files (const char *git_program, const char *dir, gboolean *timed_out)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE |
                               G_SUBPROCESS_FLAGS_STDIN_PIPE);
  for (guint i = 0; i < G_N_ELEMENTS (git_env_unset); i++)
    g_subprocess_launcher_unsetenv (launcher, git_env_unset[i]);
  g_subprocess_launcher_setenv (launcher, "GIT_TERMINAL_PROMPT", "0", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_NO_LAZY_FETCH", "1", TRUE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_autoptr (GSubprocess) git = g_subprocess_launcher_spawn (
    launcher, NULL, git_program, "--no-pager", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
    "-c", "protocol.allow=never", "-c", "core.pager=cat", "ls-files", "-z", "--cached", "--others",
    "--exclude-standard", NULL);

  GitRun run = { 0 };
  if (git != NULL)
    {
      g_autoptr (GCancellable) cancel = g_cancellable_new ();
      g_autoptr (GSource) timer = g_timeout_source_new (git_timeout_ms ());
      g_source_set_callback (timer, git_timeout, &run, NULL);
      g_source_attach (timer, context);
      g_autoptr (GBytes) nothing = g_bytes_new_static ("", 0);
      g_subprocess_communicate_async (git, nothing, cancel, git_done, &run);
      while (!run.done && !run.timed_out)
        g_main_context_iteration (context, TRUE);
      if (!run.done)
        {
          g_subprocess_force_exit (git);
          g_cancellable_cancel (cancel);
          while (!run.done)
            g_main_context_iteration (context, TRUE);
        }
      g_source_destroy (timer);
      (void) g_subprocess_wait (git, NULL, NULL);
      if (run.timed_out || !g_subprocess_get_successful (git))
        g_clear_pointer (&run.out, g_bytes_unref);
    }
  g_main_context_pop_thread_default (context);
  *timed_out = run.timed_out;
  return run.out;
}

/* TRUE if rel (from git) names a path below dir that the walk may open:
 * relative, no empty, "." or ".." component, no symlinked directory on the
 * way (checked once per directory, in checked: prefix -> GINT_TO_POINTER
 * (1 ok, 2 not)). */
static gboolean
git_path_is_safe (const char *dir, const char *rel, GHashTable *checked)
{
  if (rel[0] == '/' || rel[0] == '\0')
    return FALSE;
  g_auto (GStrv) parts = g_strsplit (rel, "/", -1);
  for (char **p = parts; *p != NULL; p++)
    if (**p == '\0' || strcmp (*p, ".") == 0 || strcmp (*p, "..") == 0)
      return FALSE;
  for (const char *slash = strchr (rel, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
    {
      g_autofree char *prefix = g_strndup (rel, (gsize) (slash - rel));
      gint known = GPOINTER_TO_INT (g_hash_table_lookup (checked, prefix));
      if (known == 0)
        {
          g_autofree char *path = child_name (dir, prefix);
          struct stat st;
          known = g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) ? 1 : 2;
          g_hash_table_insert (checked, g_steal_pointer (&prefix), GINT_TO_POINTER (known));
        }
      if (known != 1)
        return FALSE;
    }
  return TRUE;
}

/* Lists the files of dir as git sees them into rels; FALSE if dir is not in
 * a work tree or git cannot run (or took too long: then a note). */
static gboolean
git_list (Walk *w, const char *dir, GPtrArray *rels)
{
  if (w->git == NULL)
    return FALSE;
  gboolean timed_out = FALSE;
  g_autoptr (GBytes) out = git_ls_files (w->git, dir, &timed_out);
  if (timed_out)
    note (w, g_strdup_printf ("%s: git ls-files did not finish in %u ms and was stopped; the directory is walked "
                              "without its ignore rules", dir, git_timeout_ms ()));
  if (out == NULL)
    return FALSE;

  g_autoptr (GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize len;
  const char *p = g_bytes_get_data (out, &len), *end = p + len;
  while (p < end)
    {
      const char *nul = memchr (p, '\0', (gsize) (end - p));
      const char *stop = nul != NULL ? nul : end;
      g_autofree char *rel = g_strndup (p, (gsize) (stop - p));
      if (git_path_is_safe (dir, rel, checked))
        g_ptr_array_add (rels, g_steal_pointer (&rel));
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
  /* Symlinks are never followed, but a bind mount can still bring a
   * directory back below itself: walk each directory (device, inode) once. */
  struct stat self;
  if (rel[0] != '\0' && g_stat (path, &self) == 0 && !g_hash_table_add (w->dirs, file_id (&self)))
    {
      note (w, g_strdup_printf ("%s skipped: this directory was already walked (named twice, a loop or a second mount)", path));
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
      else if (special_kind (st.st_mode) != NULL && name[0] != '.' && gls_lint_walk_selects (child))
        note (w, g_strdup_printf ("%s skipped: %s, not a regular file", child, special_kind (st.st_mode)));
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
  Walk w = { targets, problems, notes, skipped, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
             g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), NULL };
  g_autofree char *git = g_find_program_in_path ("git");
  w.git = git;
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
      if (!g_hash_table_add (w.dirs, file_id (&st)))
        {
          note (&w, g_strdup_printf ("%s skipped: this directory was already walked (named twice, a loop or a "
                                     "second mount)", p));
          continue;
        }
      g_autoptr (GPtrArray) rels = g_ptr_array_new_with_free_func (g_free);
      gboolean in_git = git_list (&w, p, rels);
      if (!in_git)
        {
          g_ptr_array_set_size (rels, 0);
          walk_dir (&w, p, "", rels);
        }
      if (add_found (&w, p, rels) == 0 && notes != NULL)
        g_ptr_array_add (notes, g_strdup_printf ("%s: no files to lint (%s)", p,
                                                 in_git ? "none that git tracks or would track is Markdown or source"
                                                        : "no Markdown or source files"));
    }
  g_hash_table_unref (w.seen);
  g_hash_table_unref (w.dirs);
  return problems->len == problems_before;
}
