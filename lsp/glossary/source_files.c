/* source_files.c — glossary files read from disk and the embedded seeds;
 * see source_files.h. */
#include "glossary/source_files.h"

#include "gls-config.h"

#include <errno.h>
#include <gio/gio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text/safe_file.h"

#include "glossary/reader.h"
#include "glossary/walk_filter.h"

#include "gls-seeds-resource.h"

#define SEEDS_RESOURCE_DIR "/org/glossary-ls/seeds/"
#define MAX_DIR_DEPTH 32
#define MAX_DIR_ENTRIES 100000
/* Files a walk reads to look at their content (walk_filter.h). */
#define MAX_WALK_SNIFFS 10000

/* One gls_sources_add_path_full call. */
typedef struct
{
  GPtrArray  *sources;
  GPtrArray  *issues;
  gsize       max_bytes;  /* per file */
  char       *root;       /* realpath of a walked directory, or NULL */
  GHashTable *seen;       /* FileId* of directories and files met, or NULL */
  GlsFormat   format;     /* of every file read, or GLS_FORMAT_AUTO */
  guint       sniffs;     /* files read for their content so far */
} Walk;

typedef struct
{
  guint64 dev, ino;
} FileId;

/* <directory of the running binary>/../share/glossary-ls/seeds, or NULL: a
 * relocated install (the VS Code extension's bundled server/bin/glossary-ls
 * beside server/share) finds its seed files wherever it was unpacked. */
static char *
relocated_seeds_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe == NULL || !g_path_is_absolute (exe))
    return NULL;
  g_autofree char *bin_dir = g_path_get_dirname (exe);
  return g_canonicalize_filename ("../share/glossary-ls/seeds", bin_dir);
}

/* An on-disk copy is only used for positions when its bytes are exactly the
 * embedded ones: a line number into a different file would be a lie. */
static char *
find_identical_copy (const char *name, GBytes *embedded, const char *relocated_dir)
{
  const char *dirs[] = { relocated_dir, GLS_SOURCE_SEEDS_DIR, GLS_DATA_SEEDS_DIR };

  for (gsize i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      if (dirs[i] == NULL)
        continue;
      g_autofree char *path = g_build_filename (dirs[i], name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_get_contents (path, &contents, &len, NULL))
        continue;
      if (len == g_bytes_get_size (embedded) &&
          memcmp (contents, g_bytes_get_data (embedded, NULL), len) == 0)
        return g_steal_pointer (&path);
    }
  return NULL;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

void
gls_sources_add_default (GPtrArray *sources)
{
  GResource *resource = gls_seeds_get_resource ();
  g_auto (GStrv) names = g_resource_enumerate_children (resource, SEEDS_RESOURCE_DIR,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (names == NULL)
    return;
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  g_autofree char *relocated = relocated_seeds_dir ();

  for (char **name = names; *name != NULL; name++)
    {
      g_autofree char *res_path = g_strconcat (SEEDS_RESOURCE_DIR, *name, NULL);
      g_autoptr (GBytes) text = g_resource_lookup_data (resource, res_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (text == NULL)
        continue;
      g_autofree char *disk = find_identical_copy (*name, text, relocated);
      g_autofree char *display = disk != NULL ? g_strdup (disk) : g_strconcat ("resource://", res_path, NULL);
      GlsSource *source = gls_source_new_from_bytes (display, disk, text);
      source->is_default = TRUE;
      g_ptr_array_add (sources, source);
    }
}

static guint
line_of_offset (const char *text, gsize offset)
{
  guint line = 1;
  for (gsize i = 0; i < offset; i++)
    if (text[i] == '\n')
      line++;
  return line;
}

/* g_utf8_validate_len (NUL counts as invalid too), with runs of ASCII taken
 * eight bytes at a time: glossaries are mostly ASCII, and GLib's byte loop
 * was a fifth of loading a cached 42 MB glossary. */
static gboolean
utf8_validate (const char *text, gsize len, const char **bad)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  const char *p = text, *end = text + len;

  while (p < end)
    {
      if (end - p >= 8)
        {
          guint64 w;
          memcpy (&w, p, sizeof w);
          /* No byte with its high bit set and no zero byte. */
          if (((w | ((w - ones) & ~w)) & highs) == 0)
            {
              p += 8;
              continue;
            }
        }
      /* Something else within the next 8 bytes: let GLib judge a window. A
       * window may end inside a character; it then stops at that character's
       * start, and the next window begins there. */
      gsize n = MIN ((gsize) (end - p), 64);
      const char *stop;
      if (g_utf8_validate_len (p, n, &stop))
        p += n;
      else if (stop > p)
        p = stop;
      else
        {
          /* The window held at least 4 bytes or reached the end, so the
           * character at p is invalid, not cut off. */
          *bad = p;
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads the file at path as a glossary source. sniff: a walk's candidate by
 * its ending (walk_filter.h): kept only when its content says it is a
 * glossary, and silent when it cannot be read or is not one. */
static gboolean
add_file_full (Walk *w, const char *path, gboolean sniff)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!gls_safe_file_read (path, w->max_bytes, GLS_SAFE_FILE_DEFAULT, &contents, &len, &error))
    {
      if (sniff)
        return FALSE;
      /* The safe_file message starts with the path, which the issue gives. */
      const char *why = g_str_has_prefix (error->message, path) && error->message[strlen (path)] == ':'
                          ? error->message + strlen (path) + 2 : error->message;
      g_ptr_array_add (w->issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR, "cannot read glossary: %s", why));
      return FALSE;
    }

  if (sniff && !gls_walk_filter_accepts (path, contents, len))
    return FALSE;
  const char *bad;
  if (!utf8_validate (contents, len, &bad))
    {
      gsize at = (gsize) (bad - contents);
      g_ptr_array_add (w->issues, gls_issue_new (path, line_of_offset (contents, at), GLS_ISSUE_ERROR,
                                                 "invalid UTF-8 (byte 0x%02x); such bytes are read as U+FFFD",
                                                 (guchar) *bad));
      char *valid = g_utf8_make_valid (contents, (gssize) len);
      g_free (contents);
      contents = valid;
      len = strlen (valid);
    }

  g_autoptr (GBytes) text = g_bytes_new_take (g_steal_pointer (&contents), len);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *absolute = g_file_get_path (file);
  g_ptr_array_add (w->sources, gls_source_new_in_format (path, absolute, text, w->format));
  return TRUE;
}

static gboolean
add_file (Walk *w, const char *path)
{
  return add_file_full (w, path, FALSE);
}

/* The walk's verdict on a file (walk_filter.h); with a format configured for
 * the directory, the readers' endings only (as before formats were detected). */
static GlsWalkVerdict
verdict_of (Walk *w, const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  if (w->format != GLS_FORMAT_AUTO)
    return name[0] != '.' && gls_glossary_readers_accept_name (name) ? GLS_WALK_READ : GLS_WALK_SKIP;
  return gls_walk_filter_file (name);
}

/* TRUE the first time the walk meets this (device, inode): a directory
 * reached again (a -> ., two links to one directory) or a file linked twice
 * is read once. */
static gboolean
first_visit (Walk *w, const struct stat *st)
{
  FileId id = { (guint64) st->st_dev, (guint64) st->st_ino };
  if (g_hash_table_contains (w->seen, &id))
    return FALSE;
  g_hash_table_add (w->seen, g_memdup2 (&id, sizeof id));
  return TRUE;
}

/* A symlink met in a directory walk is followed only when it resolves inside
 * the directory the walk started from: a glossary directory in a repository
 * must not lead the walk to / or /etc. */
static gboolean
link_inside_root (Walk *w, const char *child)
{
  g_autofree char *real = realpath (child, NULL);
  if (real == NULL)
    return FALSE;
  gsize n = strlen (w->root);
  return strncmp (real, w->root, n) == 0 &&
         (real[n] == '/' || real[n] == '\0' || (n == 1 && w->root[0] == '/'));
}

static guint add_directory (Walk *w, const char *path, guint depth);

/* One entry of a directory: checked with lstat and stat first, so no FIFO,
 * device or socket is ever opened and no directory is read twice. */
static guint
add_child (Walk *w, const char *child, guint depth)
{
  struct stat lst, st;

  if (lstat (child, &lst) != 0)
    return 0;
  if (S_ISLNK (lst.st_mode))
    {
      if (stat (child, &st) != 0)
        return 0;  /* a dangling link: nothing to read */
      if (!link_inside_root (w, child))
        {
          if (S_ISDIR (st.st_mode) || verdict_of (w, child) == GLS_WALK_READ)
            g_ptr_array_add (w->issues, gls_issue_new (child, 0, GLS_ISSUE_WARNING,
                                                       "symbolic link leads outside %s; skipped", w->root));
          return 0;
        }
    }
  else
    st = lst;
  if (S_ISDIR (st.st_mode))
    {
      g_autofree char *name = g_path_get_basename (child);
      if (!gls_walk_filter_directory (name))
        return 0;
      if (!first_visit (w, &st))
        {
          g_ptr_array_add (w->issues, gls_issue_new (child, 0, GLS_ISSUE_WARNING,
                                                     "directory already read (a symbolic link cycle or a "
                                                     "second link to it); skipped"));
          return 0;
        }
      return add_directory (w, child, depth + 1);
    }
  GlsWalkVerdict verdict = verdict_of (w, child);
  if (verdict == GLS_WALK_SKIP || (verdict == GLS_WALK_SNIFF && !S_ISREG (st.st_mode)))
    return 0;
  if (!S_ISREG (st.st_mode))
    {
      g_ptr_array_add (w->issues, gls_issue_new (child, 0, GLS_ISSUE_ERROR,
                                                 "cannot read glossary: %s, not a regular file; not read",
                                                 gls_safe_file_kind (st.st_mode)));
      return 0;
    }
  if (!first_visit (w, &st))
    return 0;  /* the same file under a second name: its entries are in already */
  if (verdict == GLS_WALK_SNIFF && w->sniffs++ >= MAX_WALK_SNIFFS)
    {
      if (w->sniffs == MAX_WALK_SNIFFS + 1)
        g_ptr_array_add (w->issues, gls_issue_new (w->root, 0, GLS_ISSUE_WARNING,
                                                   "more than %d files to look into; the rest are skipped "
                                                   "(name glossary files one by one)",
                                                   MAX_WALK_SNIFFS));
      return 0;
    }
  return add_file_full (w, child, verdict == GLS_WALK_SNIFF) ? 1 : 0;
}

static guint
add_directory (Walk *w, const char *path, guint depth)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint added = 0;

  if (depth > MAX_DIR_DEPTH)
    {
      g_ptr_array_add (w->issues, gls_issue_new (path, 0, GLS_ISSUE_WARNING,
                                                 "directories nested deeper than %d levels are skipped",
                                                 MAX_DIR_DEPTH));
      return 0;
    }
  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      g_ptr_array_add (w->issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR, "cannot read directory: %s",
                                                 error->message));
      return 0;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' || gls_walk_filter_directory (name) || gls_walk_filter_file (name) != GLS_WALK_SKIP)
      {
        if (names->len >= MAX_DIR_ENTRIES)
          {
            g_ptr_array_add (w->issues, gls_issue_new (path, 0, GLS_ISSUE_WARNING,
                                                       "more than %d entries; the rest are skipped",
                                                       MAX_DIR_ENTRIES));
            break;
          }
        g_ptr_array_add (names, g_strdup (name));
      }
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      added += add_child (w, child, depth);
    }
  return added;
}

gboolean
gls_sources_add_path (GPtrArray *sources, const char *path, GPtrArray *issues)
{
  return gls_sources_add_path_full (sources, path, 0, issues);
}

static guint
file_id_hash (gconstpointer p)
{
  const FileId *id = p;
  return g_int64_hash (&id->ino) ^ (g_int64_hash (&id->dev) * 31u);
}

static gboolean
file_id_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (FileId)) == 0;
}

gboolean
gls_sources_add_path_full (GPtrArray *sources, const char *path, guint64 max_bytes, GPtrArray *issues)
{
  return gls_sources_add_path_as (sources, path, max_bytes, GLS_FORMAT_AUTO, issues);
}

gboolean
gls_sources_add_path_as (GPtrArray *sources, const char *path, guint64 max_bytes, GlsFormat format,
                         GPtrArray *issues)
{
  struct stat st;

  if (stat (path, &st) != 0)
    {
      int saved = errno;
      g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR, "%s",
                                              saved == ENOENT ? "no such file or directory" : g_strerror (saved)));
      return FALSE;
    }
  Walk w = { sources, issues, max_bytes > 0 ? max_bytes : gls_sources_max_file_bytes (), NULL, NULL, format };
  if (!S_ISDIR (st.st_mode))
    return add_file (&w, path);

  char *real = realpath (path, NULL);
  w.root = real != NULL ? g_strdup (real) : g_canonicalize_filename (path, NULL);
  free (real);
  w.seen = g_hash_table_new_full (file_id_hash, file_id_equal, g_free, NULL);
  first_visit (&w, &st);
  guint added = add_directory (&w, path, 0);
  g_hash_table_unref (w.seen);
  g_free (w.root);
  if (added > 0)
    return TRUE;
  g_autofree char *names = gls_glossary_readers_describe_walk ();
  g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR, "no glossary files (%s) in this directory", names));
  return FALSE;
}

guint64
gls_sources_max_file_bytes (void)
{
  const char *env = g_getenv ("GLOSSARY_LS_MAX_GLOSSARY_BYTES");
  guint64 n = 0;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXSIZE - 2, &n, NULL))
    return n;
  return GLS_SOURCE_DEFAULT_MAX_BYTES;
}
