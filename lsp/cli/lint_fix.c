/* lint_fix.c — see lint_fix.h. */
#include "cli/lint_fix.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Edits that do not fit the text sort after all the others. */
static int
compare_edits (gconstpointer pa, gconstpointer pb, gpointer len_ptr)
{
  const GlsLintEdit *a = pa, *b = pb;
  gsize len = *(const gsize *) len_ptr;
  gboolean bad_a = a->start > a->end || a->end > len, bad_b = b->start > b->end || b->end > len;
  if (bad_a != bad_b)
    return bad_a ? 1 : -1;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  int c = strcmp (a->replacement, b->replacement);
  if (c != 0)
    return c;
  return a->tag < b->tag ? -1 : a->tag > b->tag;
}

static gboolean
same_edit (const GlsLintEdit *a, const GlsLintEdit *b)
{
  return a->start == b->start && a->end == b->end && strcmp (a->replacement, b->replacement) == 0;
}

/* Decides the status of the group edits[first..last]: they overlap one another
 * transitively. Only a group whose members all propose the same edit is
 * applied. */
static void
settle_group (GlsLintEdit *edits, guint first, guint last)
{
  gboolean agree = TRUE;
  for (guint i = first + 1; i <= last && agree; i++)
    agree = same_edit (&edits[first], &edits[i]);
  for (guint i = first; i <= last; i++)
    edits[i].status = !agree ? GLS_LINT_EDIT_CONFLICT
                      : i == first ? GLS_LINT_EDIT_APPLIED : GLS_LINT_EDIT_DUPLICATE;
}

char *
gls_lint_apply_edits (const char *text, gsize len, GArray *edits, gsize *out_len)
{
  GlsLintEdit *e = (GlsLintEdit *) edits->data;
  guint n = 0;

  g_array_sort_with_data (edits, compare_edits, &len);
  for (guint i = 0; i < edits->len; i++)
    {
      gboolean bad = e[i].start > e[i].end || e[i].end > len;
      e[i].status = bad ? GLS_LINT_EDIT_CONFLICT : GLS_LINT_EDIT_PENDING;
      n += !bad;
    }

  /* Group overlapping edits in one sweep over the sorted array: an edit joins
   * the current group if it starts before the group's furthest end, or at the
   * same offset as the previous edit (two insertions there, or an insertion
   * and a replacement, have no agreed order). */
  guint first = 0;
  guint32 reach = 0;
  for (guint i = 0; i < n; i++)
    {
      if (i > first && (e[i].start < reach || e[i].start == e[i - 1].start))
        {
          reach = MAX (reach, e[i].end);
          continue;
        }
      if (i > 0)
        settle_group (e, first, i - 1);
      first = i;
      reach = e[i].end;
    }
  if (n > 0)
    settle_group (e, first, n - 1);
  /* The applied edits are disjoint and sorted, so one forward copy builds the
   * result: the same outcome as applying them one by one from the end, with
   * every offset still referring to the original text. */
  GString *out = g_string_sized_new (len + 64);
  gsize at = 0;
  for (guint i = 0; i < n; i++)
    {
      if (e[i].status != GLS_LINT_EDIT_APPLIED)
        continue;
      g_string_append_len (out, text + at, (gssize) (e[i].start - at));
      g_string_append (out, e[i].replacement);
      at = e[i].end;
    }
  g_string_append_len (out, text + at, (gssize) (len - at));
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
errno_error (GError **error, int saved_errno, const char *what, const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s %s: %s",
               what, path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int fd, const char *data, gsize len, const char *path, GError **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return errno_error (error, errno, "cannot write", path);
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
gls_lint_replace_file (const char *fs_path, const GlsLintFileStamp *expected,
                       const char *data, gsize len, GError **error)
{
  /* Replace the file a symlink points to, not the link itself. */
  g_autofree char *target = realpath (fs_path, NULL);
  if (target == NULL)
    return errno_error (error, errno, "cannot resolve", fs_path);

  GlsLintFileStamp now;
  if (!gls_lint_file_stamp_path (target, &now, error))
    return FALSE;
  if (expected != NULL && !gls_lint_file_stamp_equal (expected, &now))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   "%s changed while it was being linted; not fixed", fs_path);
      return FALSE;
    }

  /* rename() would give the fixed text a new inode: the file's other hard
   * links would silently keep the old text, and a read-only file (0444:
   * someone meant it not to change) would be rewritten all the same, since
   * only the directory's permissions matter to rename. Refuse both. */
  if (now.nlink > 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "%s has %u hard links; fixing it would separate them (the other names would keep the old "
                   "text); not fixed", fs_path, now.nlink);
      return FALSE;
    }
  if ((now.mode & 0222) == 0 || access (target, W_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "%s is read-only; not fixed", fs_path);
      return FALSE;
    }

  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *name = g_strdup_printf (".%s.glossary-ls-XXXXXX", base);
  g_autofree char *tmp = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return errno_error (error, errno, "cannot create a temporary file in", dir);

  gboolean ok = write_all (fd, data, len, tmp, error);
  if (ok && fchmod (fd, now.mode) != 0)
    ok = errno_error (error, errno, "cannot set the mode of", tmp);
  /* Keeping the owner only works for root or a matching owner; a file we
   * could write but not chown still gets fixed, owned by us. */
  if (ok && (now.uid != (guint) geteuid () || now.gid != (guint) getegid ()))
    (void) !fchown (fd, now.uid, now.gid);
  if (ok && fsync (fd) != 0)
    ok = errno_error (error, errno, "cannot flush", tmp);
  if (close (fd) != 0 && ok)
    ok = errno_error (error, errno, "cannot write", tmp);

  /* Narrow the window in which a concurrent writer's change could be lost. */
  GlsLintFileStamp again;
  if (ok && !gls_lint_file_stamp_path (target, &again, error))
    ok = FALSE;
  if (ok && !gls_lint_file_stamp_equal (&now, &again))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   "%s changed while it was being fixed; not fixed", fs_path);
      ok = FALSE;
    }
  if (ok && g_rename (tmp, target) != 0)
    ok = errno_error (error, errno, "cannot replace", fs_path);
  if (!ok)
    g_unlink (tmp);
  return ok;
}
