/* glossary_cache.c — see glossary_cache.h. */
#include "glossary/glossary_cache.h"

#include <errno.h>
#include <stdint.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/safe_file.h"

#include "glossary/digest.h"
#include "glossary/snapshot.h"
#include "glossary/source.h"

#define SUFFIX ".glsnap"

char *
gls_glossary_cache_default_dir (void)
{
  const char *dir = g_getenv ("GLOSSARY_LS_CACHE_DIR");

  if (dir != NULL)
    return dir[0] != '\0' ? g_strdup (dir) : NULL;
  return g_build_filename (g_get_user_cache_dir (), "glossary-ls", NULL);
}

GBytes *
gls_glossary_cache_key (GPtrArray *sources)
{
  GStatBuf exe;

  if (g_stat ("/proc/self/exe", &exe) != 0)
    return NULL;

  GString *key = g_string_new (NULL);
  g_string_append_printf (key, "glossary-ls snapshot %d\nexe %ju %ju %jd %jd.%09ld\n",
                          GLS_SNAPSHOT_VERSION, (uintmax_t) exe.st_dev, (uintmax_t) exe.st_ino,
                          (intmax_t) exe.st_size, (intmax_t) exe.st_mtim.tv_sec,
                          (long) exe.st_mtim.tv_nsec);
  for (guint i = 0; i < sources->len; i++)
    {
      const GlsSource *s = g_ptr_array_index (sources, i);
      gsize len;
      const void *text = g_bytes_get_data (s->text, &len);
      char hex[33];
      const char *disk = s->disk_path != NULL ? s->disk_path : "";

      gls_digest_hex (gls_digest (text, len), hex);
      /* Paths are length-prefixed: they may hold any byte but NUL. */
      /* The format too: a path configured as another format reads the same
       * bytes into another model. */
      g_string_append_printf (key, "source %d %zu:%s %zu:%s %zu %s %s\n", s->is_default ? 1 : 0,
                              strlen (s->display_path), s->display_path, strlen (disk), disk, len,
                              hex, gls_format_to_string (s->format));
    }
  return g_string_free_to_bytes (key);
}

static char *
cache_path (const char *dir, GBytes *key)
{
  gsize len;
  const void *data = g_bytes_get_data (key, &len);
  char hex[33];

  gls_digest_hex (gls_digest (data, len), hex);
  g_autofree char *name = g_strconcat (hex, SUFFIX, NULL);
  return g_build_filename (dir, name, NULL);
}

/* A cache directory another user owns or can write to could hand us a
 * forged snapshot or swap files under us: such a directory is not used, and
 * the user hears it once per process (not on every load). A missing
 * directory is simply a miss. */
gboolean
gls_glossary_cache_dir_trusted (const char *dir)
{
  static gint warned = 0;
  struct stat st;
  const char *why;

  if (stat (dir, &st) != 0)
    return FALSE;
  if (!S_ISDIR (st.st_mode))
    why = "is not a directory";
  else if (st.st_uid != geteuid ())
    why = "is owned by another user";
  else if (st.st_mode & (S_IWGRP | S_IWOTH))
    why = "is writable by other users";
  else
    return TRUE;
  if (g_atomic_int_compare_and_exchange (&warned, 0, 1))
    g_printerr ("glossary-ls: warning: the cache directory %s %s; the glossary cache is not used\n", dir, why);
  g_debug ("glossary cache: %s %s", dir, why);
  return FALSE;
}

GlsGlossary *
gls_glossary_cache_read (const char *dir, GBytes *key, GPtrArray *sources, GPtrArray *issues)
{
  g_autofree char *path = cache_path (dir, key);
  g_autoptr (GError) error = NULL;
  char *contents;
  gsize len;

  if (!gls_glossary_cache_dir_trusted (dir))
    return NULL;
  /* Read, not mapped: a file truncated under a mapping would kill the
   * process with SIGBUS, and decoding touches every byte anyway. Not through
   * a symlink, never a FIFO (O_NONBLOCK, fstat), never beyond the cache's
   * own byte limit. */
  if (!gls_safe_file_read (path, GLS_GLOSSARY_CACHE_BYTES, GLS_SAFE_FILE_NOFOLLOW, &contents, &len, &error))
    {
      g_debug ("glossary cache: no %s: %s", path, error->message);
      return NULL;
    }
  g_autoptr (GBytes) bytes = g_bytes_new_take (contents, len);
  gsize key_len;
  const void *key_data = g_bytes_get_data (key, &key_len);
  GlsGlossary *glossary = gls_snapshot_decode (bytes, key_data, key_len, sources, issues, &error);
  if (glossary == NULL)
    g_debug ("glossary cache: %s: %s", path, error->message);
  else
    g_debug ("glossary cache: loaded %s", path);
  return glossary;
}

typedef struct
{
  char   *path;
  gint64  mtime;
  guint64 size;
} CacheFile;

static gint
newest_first (gconstpointer a, gconstpointer b)
{
  const CacheFile *x = a, *y = b;
  return x->mtime > y->mtime ? -1 : x->mtime < y->mtime;
}

void
gls_glossary_cache_prune (const char *dir, guint max_files, guint64 max_bytes)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GArray) files = g_array_new (FALSE, FALSE, sizeof (CacheFile));
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      GStatBuf st;
      CacheFile f = { g_build_filename (dir, name, NULL), 0, 0 };
      if (g_str_has_suffix (name, SUFFIX) && g_stat (f.path, &st) == 0)
        {
          f.mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
          f.size = (guint64) st.st_size;
          g_array_append_val (files, f);
        }
      else
        g_free (f.path);
    }
  g_array_sort (files, newest_first);
  guint64 kept = 0;
  for (guint i = 0; i < files->len; i++)
    {
      CacheFile *f = &g_array_index (files, CacheFile, i);
      kept += f->size;
      gboolean keep = i == 0 || (i < max_files && kept <= max_bytes);
      if (!keep && g_unlink (f->path) == 0)
        g_debug ("glossary cache: removed the old %s", f->path);
      g_free (f->path);
    }
}

void
gls_glossary_cache_write (const char *dir, GBytes *key, const GlsGlossary *glossary,
                          GPtrArray *issues, guint first_issue)
{
  g_autofree char *path = cache_path (dir, key);
  g_autoptr (GError) error = NULL;
  gsize key_len, len;
  const void *key_data = g_bytes_get_data (key, &key_len);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("glossary cache: cannot create %s: %s", dir, g_strerror (errno));
      return;
    }
  if (!gls_glossary_cache_dir_trusted (dir))
    return;
  g_autoptr (GBytes) snapshot = gls_snapshot_encode (glossary, key_data, key_len, issues, first_issue);
  const char *data = g_bytes_get_data (snapshot, &len);
  /* Consistent (a temporary file renamed over the name), not durable: a
   * snapshot lost in a crash is only a slower next load. */
  if (!g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    {
      g_debug ("glossary cache: cannot write %s: %s", path, error->message);
      return;
    }
  gls_glossary_cache_prune (dir, GLS_GLOSSARY_CACHE_FILES, GLS_GLOSSARY_CACHE_BYTES);
}
