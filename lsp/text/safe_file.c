/* safe_file.c — see safe_file.h. */
#include "text/safe_file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (gls-safe-file-error-quark, gls_safe_file_error)

const char *
gls_safe_file_kind (mode_t mode)
{
  if (S_ISREG (mode))
    return "a regular file";
  if (S_ISDIR (mode))
    return "a directory";
  if (S_ISFIFO (mode))
    return "a FIFO";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  if (S_ISLNK (mode))
    return "a symbolic link";
  return "not a regular file";
}

char *
gls_safe_file_format_size (guint64 bytes)
{
  if (bytes >= ((guint64) 1 << 20) && bytes % ((guint64) 1 << 20) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " MiB", bytes >> 20);
  if (bytes >= ((guint64) 1 << 10) && bytes % ((guint64) 1 << 10) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " KiB", bytes >> 10);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " bytes", bytes);
}

static gboolean
too_large (const char *path, gsize max_bytes, GError **error)
{
  g_autofree char *limit = gls_safe_file_format_size (max_bytes);
  g_set_error (error, GLS_SAFE_FILE_ERROR, GLS_SAFE_FILE_ERROR_TOO_LARGE,
               "%s: larger than the limit of %s; not read", path, limit);
  return FALSE;
}

static gboolean
errno_error (const char *path, const char *what, int saved, GError **error)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s%s", path, what,
               g_strerror (saved));
  return FALSE;
}

/* Reads fd to its end, at most max_bytes (one more byte tells a file that
 * grew past the limit). st_size is only a hint for the first allocation. */
static gboolean
read_all (int fd, const char *path, gsize hint, gsize max_bytes, char **contents, gsize *len,
          GError **error)
{
  gsize cap = MIN (MAX (hint, 4096), max_bytes) + 1;
  gsize n = 0;
  char *buf = g_malloc (cap + 1);

  for (;;)
    {
      if (n == cap)
        {
          if (n > max_bytes)
            {
              g_free (buf);
              return too_large (path, max_bytes, error);
            }
          cap = MIN (cap * 2, max_bytes + 1);
          buf = g_realloc (buf, cap + 1);
        }
      ssize_t r = read (fd, buf + n, cap - n);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          int saved = errno;
          g_free (buf);
          return errno_error (path, "cannot read: ", saved, error);
        }
      if (r == 0)
        break;
      n += (gsize) r;
    }
  if (n > max_bytes)
    {
      g_free (buf);
      return too_large (path, max_bytes, error);
    }
  buf[n] = '\0';
  *contents = buf;
  *len = n;
  return TRUE;
}

gboolean
gls_safe_file_read (const char *path, gsize max_bytes, GlsSafeFileFlags flags, char **contents,
                    gsize *len, GError **error)
{
  int oflags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
  struct stat st;

  g_return_val_if_fail (max_bytes < G_MAXSIZE - 1, FALSE);
  if (flags & GLS_SAFE_FILE_NOFOLLOW)
    oflags |= O_NOFOLLOW;
  int fd = open (path, oflags);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == ELOOP && (flags & GLS_SAFE_FILE_NOFOLLOW))
        {
          g_set_error (error, GLS_SAFE_FILE_ERROR, GLS_SAFE_FILE_ERROR_NOT_REGULAR,
                       "%s: a symbolic link; not followed", path);
          return FALSE;
        }
      return errno_error (path, "", saved, error);
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      return errno_error (path, "", saved, error);
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, GLS_SAFE_FILE_ERROR, GLS_SAFE_FILE_ERROR_NOT_REGULAR,
                   "%s: %s, not a regular file; not read", path, gls_safe_file_kind (st.st_mode));
      return FALSE;
    }
  if (st.st_size > 0 && (guint64) st.st_size > max_bytes)
    {
      close (fd);
      return too_large (path, max_bytes, error);
    }
  gboolean ok = read_all (fd, path, (gsize) MAX (st.st_size, 0), max_bytes, contents, len, error);
  close (fd);
  return ok;
}
