/* Tests of snapshots (snapshot.h): a glossary decoded from its snapshot dumps
 * exactly like the one it was taken from (snapshot_helpers.h), the layout is
 * the one the tests assume, and truncated or flipped bytes are rejected with
 * an error, a NULL result, and the caller's sources and issues untouched. */
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

TestSuite (snapshot);

/* ------------------------------------------------- snapshot round trips */

GLS_TEST (snapshot, small_glossary_round_trips)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = small_glossary (issues);
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GPtrArray) decoded_issues = issues_new ();

  /* The glossary has what the test means to cover. */
  cr_assert_geq (issues->len, 4, "stray text, open fence, no definition, -- at least");
  cr_assert_not_null (gls_glossary_lookup (g, "low-rank adaptation", -1));
  assert_decodes_to (snap, g, issues, sources, decoded_issues, 1);
}

GLS_TEST (snapshot, only_the_issues_from_first_issue_on_are_stored)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  g_ptr_array_add (issues, gls_issue_new ("earlier.txt", 3, GLS_ISSUE_ERROR, "not the build's"));
  g_autoptr (GlsGlossary) g = small_glossary (issues);
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 1);
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GPtrArray) decoded_issues = issues_new ();
  /* What decode appends to: the caller's own issue stays first. */
  g_ptr_array_add (decoded_issues, gls_issue_new ("earlier.txt", 3, GLS_ISSUE_ERROR, "not the build's"));

  assert_decodes_to (snap, g, issues, sources, decoded_issues, 1);

  /* A NULL issues array is allowed. */
  g_autoptr (GPtrArray) more_sources = small_sources ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) d = gls_snapshot_decode (snap, KEY, KEY_LEN, more_sources, NULL, &error);
  cr_expect_not_null (d);
}

GLS_TEST (snapshot, an_empty_glossary_round_trips)
{
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GBytes) text = g_bytes_new_static ("just notes\n", 11);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("notes.txt", NULL, text));
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);
  cr_assert_eq (gls_glossary_n_entries (g), 0);
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);

  g_autoptr (GPtrArray) fresh = sources_new ();
  g_ptr_array_add (fresh, gls_source_new_from_bytes ("notes.txt", NULL, text));
  g_autoptr (GPtrArray) decoded_issues = issues_new ();
  assert_decodes_to (snap, g, issues, fresh, decoded_issues, 1);

  /* No sources at all. */
  g_autoptr (GPtrArray) none = sources_new ();
  g_autoptr (GlsGlossary) empty = gls_glossary_new_from_sources (none, NULL);
  g_autoptr (GBytes) empty_snap = gls_snapshot_encode (empty, KEY, KEY_LEN, NULL, 0);
  g_autoptr (GPtrArray) none_again = sources_new ();
  g_autoptr (GPtrArray) no_issues = issues_new ();
  g_autoptr (GPtrArray) no_issues_decoded = issues_new ();
  assert_decodes_to (empty_snap, empty, no_issues, none_again, no_issues_decoded, 1);
}

GLS_TEST (snapshot, default_glossary_round_trips, .timeout = 240)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  GlsGlossaryOptions options = { 0 };
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GPtrArray) decoded_issues = issues_new ();

  cr_assert_gt (gls_glossary_n_entries (g), 200);
  cr_assert_eq (issues->len, 1, "the seeds' truncated $$ block");
  gls_sources_add_default (sources);
  assert_decodes_to (snap, g, issues, sources, decoded_issues, 13);
}

/* The user glossary on disk next to the default, loaded as a front end
 * does; the fresh sources are made as gls_glossary_load makes them, and the
 * issues gls_sources_add_path reports come first, as on a cache hit. */
GLS_TEST (snapshot, user_and_default_glossary_round_trips, .timeout = 240)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *team = write_file (dir, "team.txt", team_text, -1);
  g_autofree char *bytes = write_file (dir, "zz-bytes.txt", team_bytes, -1);
  const char *paths[] = { dir, NULL };
  GlsGlossaryOptions options = { .paths = paths };
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = gls_glossary_load (&options, issues);

  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GPtrArray) fresh_issues = issues_new ();
  for (const char * const *p = paths; *p != NULL; p++)
    gls_sources_add_path (sources, *p, fresh_issues);
  gls_sources_add_default (sources);
  guint first_issue = fresh_issues->len;
  cr_assert_eq (first_issue, 1, "the byte that is not UTF-8");
  cr_assert_gt (issues->len, first_issue + 4);

  g_autoptr (GBytes) snap = gls_snapshot_encode (g, KEY, KEY_LEN, issues, first_issue);
  assert_decodes_to (snap, g, issues, sources, fresh_issues, 13);
  gls_tmp_remove (dir);
}

GLS_TEST (snapshot, encoding_is_deterministic)
{
  g_autoptr (GBytes) a = small_snapshot ();
  g_autoptr (GBytes) b = small_snapshot ();
  cr_expect (g_bytes_equal (a, b));
}

/* ------------------------------------------------ the snapshot layout */

GLS_TEST (snapshot, layout_is_the_one_the_tests_assume)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = small_glossary (issues);
  g_autoptr (GBytes) bytes = gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);
  g_autoptr (GByteArray) snap = snapshot_copy (bytes);
  const GlsSnapshotHeader *h = header_of (snap);
  gsize size;

  cr_assert_eq (memcmp (h->magic, "GLSSNAP\0", 8), 0);
  cr_assert_eq (h->version, GLS_SNAPSHOT_VERSION);
  cr_assert_eq (h->byte_order, 0x01020304u);
  const guint8 *key = section_of (snap, GLS_SNAPSHOT_SEC_KEY, &size);
  cr_assert (size == KEY_LEN && memcmp (key, KEY, KEY_LEN) == 0);
  section_of (snap, GLS_SNAPSHOT_SEC_ENTRIES, &size);
  cr_assert_eq (size, gls_glossary_n_entries (g) * sizeof (GlsEntry));
  cr_assert_eq (memcmp (snap->data + h->sections[GLS_SNAPSHOT_SEC_ENTRIES].offset, gls_glossary_entry (g, 0),
                        size), 0);
  section_of (snap, GLS_SNAPSHOT_SEC_NAMES, &size);
  cr_assert_eq (size, n_names (g) * sizeof (GlsName));
  section_of (snap, GLS_SNAPSHOT_SEC_TERMS, &size);
  cr_assert_eq (size, gls_glossary_n_terms (g) * sizeof (GlsTerm));
  GlsTrieArrays a;
  gls_trie_get_arrays (gls_glossary_trie (g), &a);
  section_of (snap, GLS_SNAPSHOT_SEC_TRIE_NODES, &size);
  cr_assert_eq (size, (a.n_nodes + 1) * GLS_TRIE_NODE_SIZE);
  section_of (snap, GLS_SNAPSHOT_SEC_TRIE_VALUES, &size);
  cr_assert_eq (size, a.n_values * sizeof (guint32));
  section_of (snap, GLS_SNAPSHOT_SEC_TRIE_LABELS, &size);
  cr_assert_eq (size, a.n_labels);
  const guint8 *pool = section_of (snap, GLS_SNAPSHOT_SEC_POOL, &size);
  cr_assert (size > 0 && pool[size - 1] == '\0');
  const guint8 *stored = section_of (snap, GLS_SNAPSHOT_SEC_ISSUES, &size);
  GlsSnapshotIssue first;
  cr_assert_geq (size, sizeof first);
  memcpy (&first, stored, sizeof first);
  const GlsIssue *issue = issues->pdata[0];
  cr_assert_eq (first.line, issue->line);
  cr_assert_eq (first.path_len, strlen (issue->path));
  cr_assert_eq (first.message_len, strlen (issue->message));
  cr_assert_eq (h->sections[GLS_SNAPSHOT_SEC_ISSUES].offset + size, snap->len, "issues come last");

  /* Re-sealing an intact snapshot changes nothing: the same checksum. */
  reseal (snap);
  cr_assert_eq (memcmp (snap->data, g_bytes_get_data (bytes, NULL), snap->len), 0);
}

/* ------------------------------------------------- snapshot rejections */

GLS_TEST (snapshot, another_key_is_rejected)
{
  g_autoptr (GBytes) snap = small_snapshot ();
  assert_decodes (snap);
  expect_decode_fails (snap, "snapshot test kez", KEY_LEN, "last byte of the key");
  expect_decode_fails (snap, KEY, KEY_LEN - 1, "a prefix of the key");
  expect_decode_fails (snap, KEY "!", KEY_LEN + 1, "a longer key");
  expect_decode_fails (snap, "", 0, "no key");
  expect_decode_fails (snap, NULL, 0, "NULL key");

  /* Made with an empty key, wanted with one. */
  g_autoptr (GlsGlossary) g = small_glossary (NULL);
  g_autoptr (GBytes) keyless = gls_snapshot_encode (g, NULL, 0, NULL, 0);
  expect_decode_fails (keyless, KEY, KEY_LEN, "stored key empty");
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GlsGlossary) d = gls_snapshot_decode (keyless, NULL, 0, sources, NULL, NULL);
  cr_expect_not_null (d, "an empty key matches an empty key");
}

GLS_TEST (snapshot, every_truncation_is_rejected, .timeout = 240)
{
  g_autoptr (GBytes) snap = small_snapshot ();
  gsize size = g_bytes_get_size (snap);

  assert_decodes (snap);

  for (gsize len = 0; len < size; len++)
    {
      g_autoptr (GBytes) part = g_bytes_new_from_bytes (snap, 0, len);
      g_autofree char *what = g_strdup_printf ("first %zu of %zu bytes", len, size);
      expect_decode_fails (part, KEY, KEY_LEN, what);
    }
}

GLS_TEST (snapshot, trailing_bytes_are_rejected)
{
  g_autoptr (GBytes) bytes = small_snapshot ();
  g_autoptr (GByteArray) snap = snapshot_copy (bytes);
  g_byte_array_append (snap, (const guint8 *) "\0\0\0\0\0\0\0\0", 8);
  expect_array_fails (snap, "8 zero bytes appended");
}

/* Every byte of the snapshot, flipped three ways. The header's magic,
 * version, byte order and checksum are compared; the checksum covers the
 * rest, the section table included: a flipped offset or size would move a
 * section onto other bytes, which the checks of its contents need not
 * notice (a pool moved by 128 bytes gave terms the keys "rm" and "ia"). */
GLS_TEST (snapshot, every_byte_flip_is_rejected, .timeout = 240)
{
  g_autoptr (GBytes) bytes = small_snapshot ();
  g_autoptr (GByteArray) snap = snapshot_copy (bytes);
  const guint8 flips[] = { 0x01, 0x80, 0xff };

  assert_decodes (bytes);

  for (guint i = 0; i < snap->len; i++)
    for (gsize f = 0; f < G_N_ELEMENTS (flips); f++)
      {
        snap->data[i] ^= flips[f];
        g_autofree char *what = g_strdup_printf ("byte %u of %u ^ 0x%02x", i, snap->len, flips[f]);
        expect_array_fails (snap, what);
        snap->data[i] ^= flips[f];
      }
}
