/* source.c — see source.h. */
#include "glossary/source.h"

#include "gls-config.h"

#include <gio/gio.h>
#include <string.h>

#include "gls-seeds-resource.h"

#define SEEDS_RESOURCE_DIR "/org/glossary-ls/seeds/"
#define MAX_DIR_DEPTH 32

void
gls_source_free (GlsSource *source)
{
  if (source == NULL)
    return;
  g_free (source->display_path);
  g_free (source->disk_path);
  g_clear_pointer (&source->text, g_bytes_unref);
  g_free (source);
}

GlsSource *
gls_source_new_from_bytes (const char *display_path, const char *disk_path, GBytes *text)
{
  GlsSource *source = g_new0 (GlsSource, 1);
  source->display_path = g_strdup (display_path);
  source->disk_path = g_strdup (disk_path);
  source->text = g_bytes_ref (text);
  return source;
}

/* An on-disk copy is only used for positions when its bytes are exactly the
 * embedded ones: a line number into a different file would be a lie. */
static char *
find_identical_copy (const char *name, GBytes *embedded)
{
  const char *dirs[] = { GLS_SOURCE_SEEDS_DIR, GLS_DATA_SEEDS_DIR };

  for (gsize i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
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

  for (char **name = names; *name != NULL; name++)
    {
      g_autofree char *res_path = g_strconcat (SEEDS_RESOURCE_DIR, *name, NULL);
      g_autoptr (GBytes) text = g_resource_lookup_data (resource, res_path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (text == NULL)
        continue;
      g_autofree char *disk = find_identical_copy (*name, text);
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

static gboolean
add_file (GPtrArray *sources, const char *path, GPtrArray *issues)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR, "cannot read glossary: %s", error->message));
      return FALSE;
    }

  const char *bad;
  if (!utf8_validate (contents, len, &bad))
    {
      gsize at = (gsize) (bad - contents);
      g_ptr_array_add (issues, gls_issue_new (path, line_of_offset (contents, at), GLS_ISSUE_ERROR,
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
  g_ptr_array_add (sources, gls_source_new_from_bytes (path, absolute, text));
  return TRUE;
}

static gboolean
is_glossary_name (const char *name)
{
  return g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".glossary");
}

static guint
add_directory (GPtrArray *sources, const char *path, GPtrArray *issues, guint depth)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint added = 0;

  if (dir == NULL)
    {
      g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR, "cannot read directory: %s", error->message));
      return 0;
    }
  if (depth > MAX_DIR_DEPTH)
    {
      g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_WARNING,
                                              "directories nested deeper than %d levels are skipped", MAX_DIR_DEPTH));
      return 0;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        added += add_directory (sources, child, issues, depth + 1);
      else if (is_glossary_name (child) && add_file (sources, child, issues))
        added++;
    }
  return added;
}

gboolean
gls_sources_add_path (GPtrArray *sources, const char *path, GPtrArray *issues)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (add_directory (sources, path, issues, 0) > 0)
        return TRUE;
      g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR,
                                              "no glossary files (*.txt, *.glossary) in this directory"));
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_ERROR, "no such file or directory"));
      return FALSE;
    }
  return add_file (sources, path, issues);
}
