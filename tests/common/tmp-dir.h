/* tmp-dir.h — scratch directories and files for the tests.
 *
 * Each test makes its own directory under $TMPDIR (g_dir_make_tmp) and removes
 * it when done, so tests can run in parallel and leave nothing behind. Header
 * only: every test binary includes it once.
 */
#pragma once

#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

G_GNUC_UNUSED static char *
gls_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("gls-test-XXXXXX", &error);
  cr_assert_not_null (dir, "g_dir_make_tmp: %s", error != NULL ? error->message : "");
  return dir;
}

/* Writes text to dir/rel, creating the directories on the way. Returns the
 * full path. */
G_GNUC_UNUSED static char *
gls_tmp_write (const char *dir, const char *rel, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  cr_assert_eq (g_mkdir_with_parents (parent, 0755), 0);
  cr_assert (g_file_set_contents (path, text, -1, &error), "write %s: %s", path,
             error != NULL ? error->message : "");
  return path;
}

G_GNUC_UNUSED static char *
gls_tmp_read (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  cr_assert (g_file_get_contents (path, &text, NULL, &error), "read %s: %s", path,
             error != NULL ? error->message : "");
  return text;
}

/* rm -rf path, without following symlinks. */
G_GNUC_UNUSED static void
gls_tmp_remove (const char *path)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          gls_tmp_remove (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Number of entries in dir (to see that no temporary file was left). */
G_GNUC_UNUSED static guint
gls_tmp_count_entries (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;
  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  if (dir != NULL)
    g_dir_close (dir);
  return n;
}
