/* lint_file.c — see lint_file.h. */
#include "cli/lint_file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


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
  stamp->nlink = (guint) st->st_nlink;
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

static GlsLintFile *
too_large (const char *fs_path, gsize max_size, char *buf, int fd, GError **error)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
               "%s is larger than the %s limit of files to lint (--max-file-size); not linted", fs_path, limit);
  g_free (buf);
  close (fd);
  return NULL;
}

GlsLintFile *
gls_lint_file_load (const char *path, const char *fs_path, GError **error)
{
  return gls_lint_file_load_limited (path, fs_path, G_MAXUINT32 - 1, error);
}

GlsLintFile *
gls_lint_file_load_limited (const char *path, const char *fs_path, gsize max_size, GError **error)
{
  /* O_NONBLOCK: a FIFO put where a file was must not block the open. */
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
  /* The analysis works with 32-bit offsets whatever the limit says. */
  max_size = MIN (max_size, (gsize) G_MAXUINT32 - 1);
  if ((guint64) st.st_size > max_size)
    return too_large (fs_path, max_size, NULL, fd, error);
  stamp_from_stat (&st, &stamp);

  /* Read to EOF rather than trusting st_size: a file may grow while read, and
   * what is linted must be exactly what --fix later rewrites. */
  gsize cap = (gsize) st.st_size + 1, len = 0;
  char *buf = g_malloc (cap + 1);
  for (;;)
    {
      if (len == cap)
        {
          cap = MIN (cap * 2, max_size + 1);
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
      if (len > max_size)
        return too_large (fs_path, max_size, buf, fd, error);
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

gsize
gls_lint_char_length (const char *p, const char *end, gunichar *c)
{
  guchar b = (guchar) *p;
  if (b < 0x80)
    {
      *c = b;
      return 1;
    }
  *c = g_utf8_get_char_validated (p, end - p);
  if (*c == (gunichar) -1 || *c == (gunichar) -2)
    {
      *c = (gunichar) -1;
      return 1;
    }
  return (gsize) g_utf8_skip[b];
}

gsize
gls_lint_char_before (const char *text, gsize floor, gsize p)
{
  g_assert (p > floor);
  /* A valid sequence ends at p only if p - 1 is a continuation byte and a
   * lead byte at most 3 bytes earlier starts a sequence of exactly that
   * length; otherwise the byte before p stands alone (the forward rule). */
  if (((guchar) text[p - 1] & 0xC0) != 0x80)
    return p - 1;
  for (gsize k = 2; k <= 4 && p >= floor + k; k++)
    {
      guchar b = (guchar) text[p - k];
      if ((b & 0xC0) == 0x80)
        continue;
      gunichar c;
      if (gls_lint_char_length (text + p - k, text + p, &c) == k && c != (gunichar) -1)
        return p - k;
      break;
    }
  return p - 1;
}

gsize
gls_lint_file_bom (const GlsLintFile *file)
{
  return file->len >= 3 && memcmp (file->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void
gls_lint_cursor_init (GlsLintCursor *cursor, const GlsLintFile *file)
{
  memset (cursor, 0, sizeof *cursor);
  cursor->file = file;
}

GlsLintPosition
gls_lint_cursor_position (GlsLintCursor *c, gsize offset)
{
  const GlsLintFile *file = c->file;
  offset = MIN (offset, file->len);
  if (!c->valid || offset < c->offset || offset > c->line_end)
    {
      /* Another line (or backwards): start over at its first character. The
       * bytes of a terminator belong to the line they end. */
      c->line = gls_line_index_line_of_offset (file->lines, offset);
      c->line_start = gls_line_index_line_start (file->lines, c->line);
      c->line_end = gls_line_index_line_end (file->lines, file->text, file->len, c->line);
      c->offset = c->line_start;
      c->column = 0;
      c->valid = TRUE;
    }
  /* Same stepping as position.h (UTF-32): an offset inside a sequence is
   * that sequence's start. */
  gsize target = MIN (offset, c->line_end);
  const char *end = file->text + c->line_end;
  while (c->offset < target)
    {
      gunichar ch;
      gsize n = gls_lint_char_length (file->text + c->offset, end, &ch);
      if (c->offset + n > target)
        break;
      c->offset += n;
      c->column++;
    }
  guint column = c->column;
  if (c->line == 0 && column > 0 && gls_lint_file_bom (file) > 0)
    column--;
  return (GlsLintPosition) { (guint) c->line + 1, column + 1 };
}

GlsLintPosition
gls_lint_file_position (const GlsLintFile *file, gsize offset)
{
  GlsLintCursor cursor;
  gls_lint_cursor_init (&cursor, file);
  return gls_lint_cursor_position (&cursor, offset);
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
