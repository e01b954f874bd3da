/* Tests of the on-disk cache of built glossaries (glossary_cache.h): hits
 * give the same glossary and issues as a build, damaged, stale or unusable
 * files are misses, and old snapshots are pruned. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stddef.h>
#include <string.h>

#include "common/tmp-dir.h"
#include <utime.h>

#include "common/leak-check.h"
#include "glossary/digest.h"
#include "glossary/glossary.h"
#include "glossary/glossary_build.h"
#include "glossary/glossary_cache.h"
#include "glossary/glossary_load.h"
#include "glossary/snapshot.h"
#include "glossary/snapshot_format.h"
#include "glossary/source.h"
#include "glossary/source_files.h"
#include "glossary/trie.h"
#include "snapshot_helpers.h"

TestSuite (glossary_cache);

/* --------------------------------------------------------- the cache */

static guint
count_snapshots (const char *dir, char **name_out)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".glsnap"))
      {
        n++;
        if (name_out != NULL)
          {
            g_free (*name_out);
            *name_out = g_build_filename (dir, name, NULL);
          }
      }
  return n;
}

typedef struct
{
  GlsGlossary *glossary;
  char        *dump;
  char        *issues;
} Loaded;

static void
loaded_clear (Loaded *l)
{
  g_clear_pointer (&l->glossary, gls_glossary_unref);
  g_clear_pointer (&l->dump, g_free);
  g_clear_pointer (&l->issues, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loaded, loaded_clear)

static Loaded
load_file (const char *path, const char *cache_dir, gboolean no_default)
{
  const char *paths[] = { path, NULL };
  GlsGlossaryOptions options = { .no_default = no_default, .paths = paths, .cache_dir = cache_dir };
  g_autoptr (GPtrArray) issues = issues_new ();
  Loaded l = { gls_glossary_load (&options, issues), NULL, NULL };
  cr_assert_not_null (l.glossary);
  l.dump = dump_glossary (l.glossary, 5);
  l.issues = dump_issues (issues, 0);
  return l;
}

static void
assert_same_load (const Loaded *a, const Loaded *b)
{
  assert_same_text (a->dump, b->dump, "glossary dump");
  assert_same_text (a->issues, b->issues, "issues");
}

static char *
read_file (const char *path, gsize *len)
{
  char *contents;
  g_autoptr (GError) error = NULL;
  cr_assert (g_file_get_contents (path, &contents, len, &error), "%s", error != NULL ? error->message : "");
  return contents;
}

GLS_TEST (glossary_cache, a_second_load_is_a_hit_with_the_same_result, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", "nested", NULL);
  g_autofree char *file = write_file (dir, "team.txt", team_text, -1);
  g_autofree char *snapshot = NULL;

  g_auto (Loaded) uncached = load_file (file, NULL, TRUE);
  g_auto (Loaded) first = load_file (file, cache, TRUE);
  cr_assert_eq (count_snapshots (cache, &snapshot), 1, "the first load stores its build");
  g_auto (Loaded) second = load_file (file, cache, TRUE);
  cr_expect_eq (count_snapshots (cache, NULL), 1);
  assert_same_load (&uncached, &first);
  assert_same_load (&first, &second);
  cr_assert_neq (first.issues[0], '\0', "the file has problems to report");

  /* Proof that the second load read the file: store the same glossary
   * with one more issue under the same name, and the next load has it. */
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GPtrArray) issues = issues_new ();
  gls_sources_add_path (sources, file, issues);
  g_autoptr (GBytes) key = gls_glossary_cache_key (sources);
  cr_assert_not_null (key);
  g_ptr_array_add (issues, gls_issue_new ("planted.txt", 7, GLS_ISSUE_ERROR, "from the cache"));
  gls_glossary_cache_write (cache, key, first.glossary, issues, 0);
  cr_assert_eq (count_snapshots (cache, NULL), 1, "written under the same name");
  g_auto (Loaded) planted = load_file (file, cache, TRUE);
  assert_same_text (first.dump, planted.dump, "glossary dump");
  cr_expect (strstr (planted.issues, "planted.txt:7") != NULL, "a hit returns the stored issues");
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, a_damaged_file_is_a_miss_and_rewritten, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *file = write_file (dir, "team.txt", team_text, -1);
  g_autofree char *snapshot = NULL;

  g_auto (Loaded) first = load_file (file, cache, TRUE);
  cr_assert_eq (count_snapshots (cache, &snapshot), 1);
  gsize len;
  g_autofree char *good = read_file (snapshot, &len);

  /* A flipped byte in the middle, then a file cut in half, then an empty
   * file: each load gives the same result and stores a good file again. */
  for (guint damage = 0; damage < 3; damage++)
    {
      g_autofree char *bad = g_memdup2 (good, len);
      gsize bad_len = len;
      if (damage == 0)
        bad[len / 2] ^= 0x10;
      else
        bad_len = damage == 1 ? len / 2 : 0;
      cr_assert (g_file_set_contents (snapshot, bad, (gssize) bad_len, NULL));

      g_auto (Loaded) again = load_file (file, cache, TRUE);
      assert_same_load (&first, &again);
      gsize now_len;
      g_autofree char *now = read_file (snapshot, &now_len);
      cr_expect (now_len == len && memcmp (now, good, len) == 0, "damage %u: not rewritten", damage);
    }
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, a_changed_source_is_a_miss, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *text = g_strdup (team_text);
  g_autofree char *file = write_file (dir, "team.txt", text, -1);

  g_auto (Loaded) first = load_file (file, cache, TRUE);
  cr_assert_not_null (gls_glossary_lookup (first.glossary, "rope", -1));
  cr_assert_eq (count_snapshots (cache, NULL), 1);

  /* One byte: the headword "rope" becomes "ropf" (the title RoPE is no
   * name of its own: it has no "X (Y)" form). */
  char *at = strstr (text, "rope, rotary");
  cr_assert_not_null (at);
  at[3] = 'f';
  g_autofree char *same = write_file (dir, "team.txt", text, -1);
  g_auto (Loaded) changed = load_file (file, cache, TRUE);
  cr_expect_eq (count_snapshots (cache, NULL), 2, "a new snapshot for the new bytes");
  cr_expect_null (gls_glossary_lookup (changed.glossary, "rope", -1));
  cr_expect_not_null (gls_glossary_lookup (changed.glossary, "ropf", -1));
  g_auto (Loaded) uncached = load_file (file, NULL, TRUE);
  assert_same_load (&uncached, &changed);

  /* And back: the first snapshot is still there and still right. */
  at[3] = 'e';
  g_autofree char *back = write_file (dir, "team.txt", text, -1);
  g_auto (Loaded) restored = load_file (file, cache, TRUE);
  cr_expect_eq (count_snapshots (cache, NULL), 2);
  assert_same_load (&first, &restored);
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, with_the_default_glossary, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *file = write_file (dir, "team.txt", team_text, -1);

  g_auto (Loaded) uncached = load_file (file, NULL, FALSE);
  g_auto (Loaded) first = load_file (file, cache, FALSE);
  g_auto (Loaded) second = load_file (file, cache, FALSE);
  cr_expect_eq (count_snapshots (cache, NULL), 1);
  assert_same_load (&uncached, &first);
  assert_same_load (&uncached, &second);
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, an_unusable_directory_still_loads, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *file = write_file (dir, "team.txt", team_text, -1);
  g_autofree char *plain = write_file (dir, "plain", "not a directory\n", -1);
  g_autofree char *cache = g_build_filename (plain, "sub", NULL);

  g_auto (Loaded) uncached = load_file (file, NULL, TRUE);
  g_auto (Loaded) first = load_file (file, cache, TRUE);
  g_auto (Loaded) second = load_file (file, cache, TRUE);
  assert_same_load (&uncached, &first);
  assert_same_load (&uncached, &second);
  cr_expect (g_file_test (plain, G_FILE_TEST_IS_REGULAR), "the file is left alone");
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, old_snapshots_are_pruned, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *file = g_build_filename (dir, "g.txt", NULL);
  g_autofree char *last = NULL;

  for (guint i = 0; i < GLS_GLOSSARY_CACHE_FILES + 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("term %u, alias %u, things\n**Term %u** is one.\n",
                                               i, i, i);
      cr_assert (g_file_set_contents (file, text, -1, NULL));
      g_auto (Loaded) l = load_file (file, cache, TRUE);
      g_autofree char *key = g_strdup_printf ("term %u", i);
      cr_assert_not_null (gls_glossary_lookup (l.glossary, key, -1));
      cr_expect_leq (count_snapshots (cache, NULL), GLS_GLOSSARY_CACHE_FILES);
    }
  cr_expect_eq (count_snapshots (cache, NULL), GLS_GLOSSARY_CACHE_FILES);
  gls_tmp_remove (dir);
}

/* Pruning keeps the newest snapshots within the file count and the byte
 * budget (oldest go first, the newest stays even alone over budget) and
 * never touches other files. Ages are set with utime, sizes by content. */
GLS_TEST (glossary_cache, prune_keeps_the_newest_within_count_and_bytes)
{
  g_autofree char *dir = gls_tmp_dir ();
  const guint sizes[] = { 40, 40, 40, 40, 40 };  /* file i is i seconds older than file 0 */
  char *names[G_N_ELEMENTS (sizes)];

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *content = g_strnfill (sizes[i], 'x');
      g_autofree char *name = g_strdup_printf ("%c.glsnap", 'a' + i);
      names[i] = write_file (dir, name, content, -1);
      struct utimbuf t = { .actime = 1700000000 - i, .modtime = 1700000000 - i };
      cr_assert_eq (utime (names[i], &t), 0);
    }
  g_autofree char *other = write_file (dir, "notes.txt", "not a snapshot\n", -1);
  struct utimbuf ancient = { .actime = 1000, .modtime = 1000 };
  cr_assert_eq (utime (other, &ancient), 0);

  /* 4 files allowed, 100 bytes: the two newest fit (80), the third would not. */
  gls_glossary_cache_prune (dir, 4, 100);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    cr_expect_eq (g_file_test (names[i], G_FILE_TEST_EXISTS), i < 2, "%s", names[i]);
  cr_expect (g_file_test (other, G_FILE_TEST_EXISTS), "other files are left alone");

  /* A budget smaller than the newest file keeps the newest alone. */
  gls_glossary_cache_prune (dir, 4, 10);
  cr_expect (g_file_test (names[0], G_FILE_TEST_EXISTS));
  cr_expect_not (g_file_test (names[1], G_FILE_TEST_EXISTS));

  /* The count limit applies on its own too. */
  for (guint i = 1; i < G_N_ELEMENTS (sizes); i++)
    {
      g_free (names[i]);
      g_autofree char *name = g_strdup_printf ("%c.glsnap", 'a' + i);
      names[i] = write_file (dir, name, "y", -1);
      struct utimbuf t = { .actime = 1700000000 - i, .modtime = 1700000000 - i };
      cr_assert_eq (utime (names[i], &t), 0);
    }
  gls_glossary_cache_prune (dir, 3, G_MAXUINT64);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    cr_expect_eq (g_file_test (names[i], G_FILE_TEST_EXISTS), i < 3, "%s", names[i]);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    g_free (names[i]);
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, read_misses_leave_the_arguments_alone)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GBytes) key = gls_glossary_cache_key (sources);
  cr_assert_not_null (key);

  /* Nothing there. */
  cr_expect_null (gls_glossary_cache_read (dir, key, sources, issues));
  cr_expect_eq (sources->len, 2);
  cr_expect_eq (issues->len, 0);

  /* Stored under another key. */
  g_autoptr (GlsGlossary) g = small_glossary (NULL);
  g_autoptr (GBytes) other = g_bytes_new_static ("other key", 9);
  gls_glossary_cache_write (dir, other, g, NULL, 0);
  cr_expect_null (gls_glossary_cache_read (dir, key, sources, issues));
  cr_expect_eq (sources->len, 2);

  /* Stored under this one. */
  gls_glossary_cache_write (dir, key, g, NULL, 0);
  g_autoptr (GlsGlossary) hit = gls_glossary_cache_read (dir, key, sources, issues);
  cr_expect_not_null (hit);
  cr_expect_eq (sources->len, 0);
  gls_tmp_remove (dir);
}

GLS_TEST (glossary_cache, the_key_names_every_source_byte_and_path)
{
  g_autoptr (GPtrArray) a = small_sources ();
  g_autoptr (GPtrArray) b = small_sources ();
  g_autoptr (GBytes) ka = gls_glossary_cache_key (a);
  g_autoptr (GBytes) kb = gls_glossary_cache_key (b);
  cr_assert (ka != NULL && kb != NULL);
  cr_expect (g_bytes_equal (ka, kb), "the same sources, the same key");

  /* One byte of text, a display path, a disk path, the order, the default
   * flag: each gives another key. */
  g_autofree char *changed_text = g_strdup (team_text);
  changed_text[5] ^= 1;
  g_autoptr (GBytes) text = g_bytes_new_take (g_steal_pointer (&changed_text), strlen (team_text));
  g_autoptr (GBytes) same_text = g_bytes_new_static (team_text, strlen (team_text));
  GlsSource *variants[] = {
    gls_source_new_from_bytes ("team.txt", "/tmp/team.txt", text),
    gls_source_new_from_bytes ("team2.txt", "/tmp/team.txt", same_text),
    gls_source_new_from_bytes ("team.txt", NULL, same_text),
    gls_source_new_from_bytes ("team.txt", "/tmp/other.txt", same_text),
  };
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_add (keys, g_bytes_ref (ka));
  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr (GPtrArray) s = small_sources ();
      gls_source_free (s->pdata[0]);
      s->pdata[0] = variants[i];
      g_ptr_array_add (keys, gls_glossary_cache_key (s));
    }
  g_autoptr (GPtrArray) swapped = small_sources ();
  gpointer first = swapped->pdata[0];
  swapped->pdata[0] = swapped->pdata[1];
  swapped->pdata[1] = first;
  g_ptr_array_add (keys, gls_glossary_cache_key (swapped));
  g_autoptr (GPtrArray) flagged = small_sources ();
  ((GlsSource *) flagged->pdata[1])->is_default = TRUE;
  g_ptr_array_add (keys, gls_glossary_cache_key (flagged));

  for (guint i = 0; i < keys->len; i++)
    for (guint j = i + 1; j < keys->len; j++)
      cr_expect_not (g_bytes_equal (keys->pdata[i], keys->pdata[j]), "keys %u and %u equal", i, j);
}
