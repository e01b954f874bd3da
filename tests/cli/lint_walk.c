/* Tests of lsp/cli/lint_walk.h: which files `lint PATH...` reads. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/lint_walk.h"

#include "common/leak-check.h"
#include "common/tmp-dir.h"

static void
git (const char *dir, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) "git");
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_autoptr (GError) error = NULL;
  gint status;
  cr_assert (g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                           NULL, NULL, NULL, NULL, &status, &error),
             "git: %s", error != NULL ? error->message : "");
  cr_assert (g_spawn_check_wait_status (status, NULL), "git %s failed", args[0]);
}

/* Walks paths and returns the reported names joined by '\n' (named files
 * marked with a '*'); problems go to *problems_out when non-NULL. */
static char *
walk (const char *const *paths, const char *stdin_name, gboolean *ok, guint *n_problems)
{
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_lint_target_free);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  gboolean result = gls_lint_walk (paths, stdin_name, targets, problems, notes);
  if (ok != NULL)
    *ok = result;
  if (n_problems != NULL)
    *n_problems = problems->len;
  cr_expect_eq (result, problems->len == 0);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < targets->len; i++)
    {
      const GlsLintTarget *t = g_ptr_array_index (targets, i);
      if (t->fs_path != NULL)
        cr_expect_str_eq (t->fs_path, t->path, "files are opened by the name they are reported under");
      g_string_append_printf (s, "%s%s%s\n", t->path, t->named ? "*" : "", t->fs_path == NULL ? " (stdin)" : "");
    }
  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (s, "note: %s\n", (const char *) g_ptr_array_index (notes, i));
  return g_string_free (s, FALSE);
}

static char *
enter_tmp (void)
{
  char *dir = gls_tmp_dir ();
  cr_assert_eq (g_chdir (dir), 0);
  /* Never let a repository above $TMPDIR make this directory a work tree. */
  g_autofree char *parent = g_path_get_dirname (dir);
  g_setenv ("GIT_CEILING_DIRECTORIES", parent, TRUE);
  return dir;
}

static void
leave_tmp (char *dir)
{
  cr_assert_eq (g_chdir ("/"), 0);
  gls_tmp_remove (dir);
  g_free (dir);
}

static void
make_git_tree (const char *dir)
{
  g_free (gls_tmp_write (dir, "README.md", "# Readme\n"));
  g_free (gls_tmp_write (dir, "docs/a.md", "Lora\n"));
  g_free (gls_tmp_write (dir, "src/x.c", "/* Lora */\n"));
  g_free (gls_tmp_write (dir, "src/gen.c", "/* generated */\n"));
  g_free (gls_tmp_write (dir, "build/out.md", "ignored\n"));
  g_free (gls_tmp_write (dir, "notes.txt", "plain text is not walked\n"));
  g_free (gls_tmp_write (dir, "data.json", "{}\n"));
  g_free (gls_tmp_write (dir, ".github/workflow.md", "tracked hidden files count\n"));
  g_free (gls_tmp_write (dir, "forced.md", "ignored but tracked\n"));
  g_free (gls_tmp_write (dir, ".gitignore", "gen.c\nbuild/\nforced.md\n"));
  cr_assert (g_file_set_contents ("binary.md", "Lora\0\1\2", 7, NULL));
  cr_assert_eq (symlink ("README.md", "link.md"), 0);
  git (dir, (const char *const[]) { "init", "-q", NULL });
  git (dir, (const char *const[]) { "add", "README.md", "src/x.c", NULL });
  git (dir, (const char *const[]) { "add", "-f", "forced.md", NULL });
}

GLS_TEST (lint_walk, git_work_tree_lists_what_git_tracks_or_would_track)
{
  char *dir = enter_tmp ();
  make_git_tree (dir);
  g_autofree char *got = walk ((const char *const[]) { ".", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (got,
                    ".github/workflow.md\n"
                    "README.md\n"
                    "docs/a.md\n"
                    "forced.md\n"
                    "src/x.c\n");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, git_subdirectory_keeps_the_users_spelling)
{
  char *dir = enter_tmp ();
  make_git_tree (dir);
  g_autofree char *a = walk ((const char *const[]) { "src", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (a, "src/x.c\n");
  g_autofree char *b = walk ((const char *const[]) { "./docs/", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (b, "./docs/a.md\n");
  g_autofree char *c = walk ((const char *const[]) { "build", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (c, "note: build: no files to lint (none that git tracks or would track is Markdown or source)\n",
                    "an ignored directory contributes nothing, and says so");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, plain_directory_skips_hidden_dependencies_and_build_trees)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md", "x\n"));
  g_free (gls_tmp_write (dir, ".hidden/b.md", "x\n"));
  g_free (gls_tmp_write (dir, ".c.md", "x\n"));
  g_free (gls_tmp_write (dir, "node_modules/m/readme.md", "x\n"));
  g_free (gls_tmp_write (dir, "builddir/meson-private/coredata.dat", "x"));
  g_free (gls_tmp_write (dir, "builddir/x.md", "x\n"));
  g_free (gls_tmp_write (dir, "target/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"));
  g_free (gls_tmp_write (dir, "target/y.md", "x\n"));
  g_free (gls_tmp_write (dir, "cm/CMakeCache.txt", "x\n"));
  g_free (gls_tmp_write (dir, "cm/z.md", "x\n"));
  g_free (gls_tmp_write (dir, "__pycache__/q.py", "x\n"));
  g_free (gls_tmp_write (dir, "sub/d.py", "# x\n"));
  g_free (gls_tmp_write (dir, "sub/e.txt", "x\n"));
  g_free (gls_tmp_write (dir, "sub/B.md", "x\n"));
  g_free (gls_tmp_write (dir, "sub/deeper/f.rs", "// x\n"));
  cr_assert (g_file_set_contents ("sub/blob.c", "int\0", 4, NULL));
  cr_assert_eq (symlink ("sub", "linkdir"), 0);

  g_autofree char *got = walk ((const char *const[]) { ".", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (got,
                    "a.md\n"
                    "sub/B.md\n"
                    "sub/d.py\n"
                    "sub/deeper/f.rs\n");
  g_autofree char *hidden = walk ((const char *const[]) { ".hidden", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (hidden, ".hidden/b.md\n", "a directory named by the user is entered even if hidden");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, named_files_are_always_linted)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "notes.txt", "x\n"));
  g_free (gls_tmp_write (dir, "noext", "x\n"));
  cr_assert (g_file_set_contents ("blob.md", "a\0b", 3, NULL));
  g_autofree char *got = walk ((const char *const[]) { "notes.txt", "blob.md", "noext", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (got, "notes.txt*\nblob.md*\nnoext*\n", "in the order given");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, missing_paths_are_problems_and_the_rest_is_still_walked)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md", "x\n"));
  gboolean ok;
  guint n;
  g_autofree char *got = walk ((const char *const[]) { "nope.md", "a.md", "gone/", NULL }, NULL, &ok, &n);
  cr_expect_not (ok);
  cr_expect_eq (n, 2);
  cr_expect_str_eq (got, "a.md*\n");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, stdin_and_duplicates)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md", "x\n"));
  g_free (gls_tmp_write (dir, "b.md", "x\n"));
  g_autofree char *got = walk ((const char *const[]) { "b.md", "-", ".", "b.md", NULL }, "doc/readme.md", NULL, NULL);
  cr_expect_str_eq (got, "b.md*\ndoc/readme.md* (stdin)\na.md\n");
  g_autofree char *unnamed = walk ((const char *const[]) { "-", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (unnamed, "-* (stdin)\n");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, selection_by_name)
{
  cr_expect (gls_lint_walk_selects ("README.md"));
  cr_expect (gls_lint_walk_selects ("a/b/guide.markdown"));
  cr_expect (gls_lint_walk_selects ("x.c"));
  cr_expect (gls_lint_walk_selects ("x.py"));
  cr_expect (gls_lint_walk_selects ("ci.yml"));
  cr_expect (gls_lint_walk_selects ("Makefile"));
  cr_expect (gls_lint_walk_selects ("page.html"));
  cr_expect_not (gls_lint_walk_selects ("requirements.txt"));
  cr_expect_not (gls_lint_walk_selects ("package.json"));
  cr_expect_not (gls_lint_walk_selects ("LICENSE"));
  cr_expect_not (gls_lint_walk_selects ("terms.glossary"));
  /* CUDA and the other usual spellings of known languages (issue 11) */
  const char *const code[] = { "k.cu", "k.cuh", "a.hpp", "a.cc", "a.cxx", "a.hh", "a.hxx", "m.mjs", "m.cjs",
                               "c.jsx", "c.tsx", "s.pyi", "r.bash", "r.zsh", "p.mdx", "x.jl", "b.cmake" };
  for (gsize i = 0; i < G_N_ELEMENTS (code); i++)
    cr_expect (gls_lint_walk_selects (code[i]), "%s", code[i]);
}

GLS_TEST (lint_walk, named_files_of_unknown_type_are_a_note)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "kernel.xyz", "float Lora;\n"));
  g_free (gls_tmp_write (dir, "kernel.cu", "// Lora\n"));
  g_autofree char *got = walk ((const char *const[]) { "kernel.xyz", "kernel.cu", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (got, "kernel.cu*\nnote: kernel.xyz: not linted: unknown file type (to lint it as plain text: "
                         "glossary-ls lint --stdin-filename NAME.txt - < FILE)\n");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, skipped_files_and_why)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "a.md", "x\n"));
  g_free (gls_tmp_write (dir, "data.xyz", "x\n"));
  g_free (gls_tmp_write (dir, "notes.txt", "x\n"));
  cr_assert (g_file_set_contents ("blob.md", "a\0b", 3, NULL));
  cr_assert (symlink ("a.md", "link.md") == 0);
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_lint_target_free);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  cr_assert (gls_lint_walk_full ((const char *const[]) { ".", NULL }, NULL, targets, problems, NULL, skipped));
  cr_expect_eq (targets->len, 1);
  g_ptr_array_add (skipped, NULL);
  g_autofree char *got = g_strjoinv ("|", (char **) skipped->pdata);
  /* symlinks are not listed by the plain walk at all (they are not regular
   * files); the others say why */
  cr_expect_str_eq (got, "blob.md: binary|data.xyz: unknown file type|notes.txt: plain text or JSON (name it to lint it)");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, files_are_identified_by_device_and_inode)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "d/a.md", "x\n"));
  cr_assert_eq (link ("d/a.md", "hard.md"), 0);
  g_autofree char *got = walk ((const char *const[]) { "d/a.md", "./d/a.md", "hard.md", "d", "./d", NULL }, NULL,
                               NULL, NULL);
  cr_expect_str_eq (got, "d/a.md*\nnote: ./d skipped: this directory was already walked (named twice, a loop or a "
                         "second mount)\n");
  leave_tmp (dir);
}

GLS_TEST (lint_walk, special_files_are_skipped_with_a_note)
{
  char *dir = enter_tmp ();
  g_free (gls_tmp_write (dir, "d/a.md", "x\n"));
  cr_assert_eq (mkfifo ("d/pipe.md", 0600), 0);
  cr_assert_eq (mkfifo ("d/pipe.bin", 0600), 0);
  g_autofree char *got = walk ((const char *const[]) { "d", NULL }, NULL, NULL, NULL);
  cr_expect_str_eq (got, "d/a.md\nnote: d/pipe.md skipped: a FIFO, not a regular file\n");
  leave_tmp (dir);
}
