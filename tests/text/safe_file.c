/* Tests of lsp/text/safe_file.[ch]: what a hostile path can be (FIFO,
 * device, symlink, directory, huge file, a /proc file of st_size 0). */
#include <criterion/criterion.h>
#include <glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/safe_file.h"
#include "common/leak-check.h"
#include "common/tmp-dir.h"

TestSuite (safe_file, .timeout = 20);

static gboolean
read_path (const char *path, gsize max, GlsSafeFileFlags flags, char **text, gsize *len, GError **error)
{
  return gls_safe_file_read (path, max, flags, text, len, error);
}

GLS_TEST (safe_file, reads_a_regular_file_within_the_limit)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *path = gls_tmp_write (dir, "a.txt", "hello\n");
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;

  cr_assert (read_path (path, 6, GLS_SAFE_FILE_DEFAULT, &text, &len, &error));
  cr_assert_str_eq (text, "hello\n");
  cr_assert_eq (len, 6);
  gls_tmp_remove (dir);
}

GLS_TEST (safe_file, a_file_past_the_limit_is_refused_naming_it)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *path = gls_tmp_write (dir, "a.txt", "hello\n");
  char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;

  cr_assert_not (read_path (path, 5, GLS_SAFE_FILE_DEFAULT, &text, &len, &error));
  cr_assert_null (text);
  cr_assert (g_error_matches (error, GLS_SAFE_FILE_ERROR, GLS_SAFE_FILE_ERROR_TOO_LARGE));
  cr_assert (g_str_has_prefix (error->message, path), "%s", error->message);
  cr_assert (strstr (error->message, "5 bytes") != NULL, "%s", error->message);
  gls_tmp_remove (dir);
}

GLS_TEST (safe_file, a_fifo_is_refused_without_blocking)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "fifo", NULL);
  char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;

  cr_assert_eq (mkfifo (path, 0600), 0);
  /* A blocking open would never return: no writer ever comes. */
  cr_assert_not (read_path (path, 100, GLS_SAFE_FILE_DEFAULT, &text, &len, &error));
  cr_assert (g_error_matches (error, GLS_SAFE_FILE_ERROR, GLS_SAFE_FILE_ERROR_NOT_REGULAR));
  cr_assert (strstr (error->message, "a FIFO") != NULL, "%s", error->message);
  gls_tmp_remove (dir);
}

GLS_TEST (safe_file, devices_and_directories_are_refused)
{
  const char *paths[] = { "/dev/zero", "/dev/urandom", "/" };
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      char *text = NULL;
      gsize len = 0;
      g_autoptr (GError) error = NULL;
      cr_assert_not (read_path (paths[i], 1 << 20, GLS_SAFE_FILE_DEFAULT, &text, &len, &error));
      cr_assert (g_error_matches (error, GLS_SAFE_FILE_ERROR, GLS_SAFE_FILE_ERROR_NOT_REGULAR), "%s",
                 paths[i]);
    }
}

GLS_TEST (safe_file, a_proc_file_is_bounded_by_the_limit_not_its_size)
{
  /* /proc files say st_size 0; the read itself must stop at the limit. */
  char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  cr_assert_not (read_path ("/proc/self/maps", 8, GLS_SAFE_FILE_DEFAULT, &text, &len, &error));
  cr_assert (g_error_matches (error, GLS_SAFE_FILE_ERROR, GLS_SAFE_FILE_ERROR_TOO_LARGE));
}

GLS_TEST (safe_file, nofollow_refuses_a_symlink_and_default_follows_it)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *target = gls_tmp_write (dir, "t.txt", "x");
  g_autofree char *link = g_build_filename (dir, "l.txt", NULL);
  g_autofree char *text = NULL;
  char *none = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;

  cr_assert_eq (symlink ("t.txt", link), 0);
  cr_assert_not (read_path (link, 10, GLS_SAFE_FILE_NOFOLLOW, &none, &len, &error));
  cr_assert (g_error_matches (error, GLS_SAFE_FILE_ERROR, GLS_SAFE_FILE_ERROR_NOT_REGULAR));
  cr_assert (read_path (link, 10, GLS_SAFE_FILE_DEFAULT, &text, &len, NULL));
  cr_assert_str_eq (text, "x");
  gls_tmp_remove (dir);
}

GLS_TEST (safe_file, a_missing_file_keeps_its_file_error)
{
  char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  cr_assert_not (read_path ("/nonexistent/x", 10, GLS_SAFE_FILE_DEFAULT, &text, &len, &error));
  cr_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
}
