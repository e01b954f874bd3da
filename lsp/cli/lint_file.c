/* lint_file.c — see lint_file.h. */
#include "cli/lint_file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/position.h"

#define BINARY_PROBE_BYTES 8192

static void
stamp_from_stat (const struct stat *st, GlsLintFileStamp *stamp)
{
  memset (stamp, 0, sizeof *stamp);
  stamp->dev = st->st_dev;
  stamp->ino = st->st_ino;
  stamp->size = st->st_size;
  stamp->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st->st_mtim.tv_nsec;
  stamp->mode = st->st_mode & 07777;
  stamp->uid = st->st_uid;
  stamp->gid = st->st_gid;
}

static gboolean
set_errno_error (GError **error, int saved_errno, const char *what, const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s %s: %s",
               what, path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
gls_lint_file_stamp_fd (int fd, GlsLintFileStamp *stamp, GError **error)
{
  struct stat st;
  if (fstat (fd, &st) != 0)
    return set_errno_error (error, errno, "cannot stat", "file");
  stamp_from_stat (&st, stamp);
  return TRUE;
}

gboolean
gls_lint_file_stamp_path (const char *fs_path, GlsLintFileStamp *stamp, GError **error)
{
  struct stat st;
  if (stat (fs_path, &st) != 0)
    return set_errno_error (error, errno, "cannot stat", fs_path);
  stamp_from_stat (&st, stamp);
  return TRUE;
}

gboolean
gls_lint_file_stamp_equal (const GlsLintFileStamp *a, const GlsLintFileStamp *b)
{
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_ns == b->mtime_ns;
}

static GlsLintFile *
file_take (const char *path, const char *fs_path, char *text, gsize len)
{
  GlsLintFile *file = g_new0 (GlsLintFile, 1);
  file->path = g_strdup (path);
  file->fs_path = g_strdup (fs_path);
  file->text = text;
  file->len = len;
  file->lines = gls_line_index_new (text, len);
  return file;
}

GlsLintFile *
gls_lint_file_new (const char *path, const char *text, gsize len)
{
  char *copy = g_malloc (len + 1);
  memcpy (copy, text, len);
  copy[len] = '\0';
  return file_take (path, NULL, copy, len);
}

GlsLintFile *
gls_lint_file_load (const char *path, const char *fs_path, GError **error)
{
  int fd = g_open (fs_path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, "cannot open", fs_path);
      return NULL;
    }

  GlsLintFileStamp stamp;
  struct stat st;
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, "cannot stat", fs_path);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "%s is not a regular file", fs_path);
      close (fd);
      return NULL;
    }
  stamp_from_stat (&st, &stamp);

  /* Read to EOF rather than trusting st_size: a file may grow while read, and
   * what is linted must be exactly what --fix later rewrites. */
  gsize cap = (gsize) st.st_size + 1, len = 0;
  char *buf = g_malloc (cap + 1);
  for (;;)
    {
      if (len == cap)
        {
          cap *= 2;
          buf = g_realloc (buf, cap + 1);
        }
      ssize_t n = read (fd, buf + len, cap - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, "cannot read", fs_path);
          g_free (buf);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      len += (gsize) n;
      if (len >= G_MAXUINT32)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "%s is too large to lint (4 GiB or more)", fs_path);
          g_free (buf);
          close (fd);
          return NULL;
        }
    }
  buf[len] = '\0';
  close (fd);

  GlsLintFile *file = file_take (path, fs_path, buf, len);
  file->stamp = stamp;
  return file;
}

void
gls_lint_file_free (GlsLintFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->fs_path);
  g_free (file->text);
  gls_line_index_free (file->lines);
  g_free (file);
}

GlsLintPosition
gls_lint_file_position (const GlsLintFile *file, gsize offset)
{
  gint64 line, character;
  gls_offset_to_position (file->lines, file->text, file->len, offset, GLS_POSITION_UTF32,
                          &line, &character);
  return (GlsLintPosition) { (guint) line + 1, (guint) character + 1 };
}

void
gls_lint_file_line_bounds (const GlsLintFile *file, guint line, gsize *start, gsize *end)
{
  gsize n = gls_line_index_n_lines (file->lines);
  gsize l = line == 0 ? 0 : MIN ((gsize) line - 1, n - 1);
  *start = gls_line_index_line_start (file->lines, l);
  *end = gls_line_index_line_end (file->lines, file->text, file->len, l);
}

gboolean
gls_lint_path_looks_binary (const char *fs_path)
{
  int fd = g_open (fs_path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return FALSE; /* unreadable files are reported when they are loaded */
  char buf[BINARY_PROBE_BYTES];
  gsize got = 0;
  while (got < sizeof buf)
    {
      ssize_t n = read (fd, buf + got, sizeof buf - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
  close (fd);
  return memchr (buf, '\0', got) != NULL;
}
