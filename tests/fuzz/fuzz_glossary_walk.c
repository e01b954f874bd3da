/* fuzz_glossary_walk.c — libFuzzer target: the glossary directory walk
 * (glossary/source.c, gls_sources_add_path) over a tree built from the input.
 *
 * Input: up to 48 operations, each an opcode byte, a parent byte and a name
 * byte, then for files a length byte and that many bytes of text. Nodes are
 * made in a scratch directory under the parent chosen among the directories
 * made so far; names come from a small set ("a", "b.txt", "c.glossary", ".h",
 * hidden and content-detected names such as ".cspell.json", "glossary.md",
 * ...) so operations collide. Opcodes: directory, glossary file, symlink to
 * ".", "..", "/", "/dev/zero", the root, an earlier node or a missing path,
 * FIFO, a file of the size limit + 1 (the limit is set to 64 bytes here),
 * and a hard link to an earlier file.
 *
 * Oracles: the walk ends (no hang on cycles or FIFOs: libFuzzer's -timeout);
 * every source it returns is a regular file whose realpath is inside the
 * walked root, no file is read twice (device and inode), every source is at
 * most the size limit; the walk never reports success with no source.
 */
#include "fuzz_common.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glossary/source.h"
#include "glossary/source_files.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define LIMIT 64
#define MAX_OPS 48

static const char *const names[] = { "a",       "b", "c.txt", "d.txt", "e.glossary", ".h.txt", "f", "g.txt",
                                     ".cspell.json", "glossary.md", ".contextive", "x.json" };

static char *scratch;  /* made once; the tree is rebuilt under it per input */

static void
remove_tree (const char *path)
{
  struct stat st;
  if (lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      rmdir (path);
    }
  else
    unlink (path);
}

static void
build_tree (FuzzReader *r, const char *root)
{
  g_autoptr (GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) nodes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (dirs, g_strdup (root));

  for (guint op = 0; op < MAX_OPS && !fuzz_reader_done (r); op++)
    {
      guint8 code = fuzz_u8 (r) % 12;
      const char *parent = g_ptr_array_index (dirs, fuzz_u8 (r) % dirs->len);
      g_autofree char *path = g_build_filename (parent, names[fuzz_u8 (r) % G_N_ELEMENTS (names)], NULL);
      const char *earlier = nodes->len > 0 ? g_ptr_array_index (nodes, op % nodes->len) : root;
      gsize len;
      const char *text;
      int made = 0;

      switch (code)
        {
        case 0:
          made = mkdir (path, 0700);
          if (made == 0)
            g_ptr_array_add (dirs, g_strdup (path));
          break;
        case 1:
          text = fuzz_bytes (r, fuzz_u8 (r), &len);
          made = g_file_set_contents (path, text, (gssize) len, NULL) ? 0 : -1;
          break;
        case 2: made = symlink (".", path); break;
        case 3: made = symlink ("..", path); break;
        case 4: made = symlink ("/", path); break;
        case 5: made = symlink ("/dev/zero", path); break;
        case 6: made = symlink (root, path); break;
        case 7: made = symlink (earlier, path); break;
        case 8: made = symlink ("missing", path); break;
        case 9: made = mkfifo (path, 0600); break;
        case 10:
          {
            g_autofree char *big = g_strnfill (LIMIT + 1, 'x');
            made = g_file_set_contents (path, big, -1, NULL) ? 0 : -1;
            break;
          }
        default: made = link (earlier, path); break;
        }
      if (made == 0)
        g_ptr_array_add (nodes, g_strdup (path));
    }
}

static void
check_sources (GPtrArray *sources, const char *root_real)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize n = strlen (root_real);

  for (guint i = 0; i < sources->len; i++)
    {
      const GlsSource *s = g_ptr_array_index (sources, i);
      struct stat st;
      if (stat (s->display_path, &st) != 0 || !S_ISREG (st.st_mode))
        fuzz_fail ("%s is not a regular file", s->display_path);
      if (g_bytes_get_size (s->text) > LIMIT * 3)  /* U+FFFD may triple invalid bytes */
        fuzz_fail ("%s is past the limit", s->display_path);
      char *real = realpath (s->display_path, NULL);
      if (real == NULL || strncmp (real, root_real, n) != 0 || real[n] != '/')
        fuzz_fail ("%s resolves outside the walked directory", s->display_path);
      free (real);
      char *id = g_strdup_printf ("%ju:%ju", (uintmax_t) st.st_dev, (uintmax_t) st.st_ino);
      if (!g_hash_table_add (seen, id))
        fuzz_fail ("%s read twice", s->display_path);
    }
}

static void
remove_scratch (void)
{
  remove_tree (scratch);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  FuzzReader r = fuzz_reader (data, size);

  if (scratch == NULL)
    {
      char *dir = g_dir_make_tmp ("gls-fuzz-walk-XXXXXX", NULL);
      if (dir == NULL)
        fuzz_fail ("no scratch directory");
      scratch = realpath (dir, NULL);
      g_free (dir);
      atexit (remove_scratch);
    }
  g_autofree char *root = g_build_filename (scratch, "g", NULL);
  remove_tree (root);
  if (mkdir (root, 0700) != 0)
    fuzz_fail ("mkdir %s", root);
  build_tree (&r, root);

  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  gboolean ok = gls_sources_add_path_full (sources, root, LIMIT, issues);
  if (ok != (sources->len > 0))
    fuzz_fail ("walk returned %d with %u sources", ok, sources->len);
  check_sources (sources, root);
  remove_tree (root);
  return 0;
}
