/* Tests of snapshots damaged past the checksum (snapshot.h): the tests
 * re-seal mutated snapshots themselves (snapshot_format.h's layout), and
 * every inconsistency is rejected, or the decoded glossary is sound. */
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

TestSuite (snapshot_corrupt);

/* ----------------------------- snapshot rejections past the checksum */

/* A copy of the small snapshot, to be edited and re-sealed. */
static GByteArray *
small_snapshot_copy (void)
{
  g_autoptr (GBytes) bytes = small_snapshot ();
  assert_decodes (bytes);
  return snapshot_copy (bytes);
}

static guint32 *
record_field (GByteArray *snap, guint section, gsize record_size, guint index, gsize field_offset)
{
  gsize size;
  guint8 *data = section_of (snap, section, &size);
  cr_assert_lt ((index + 1) * record_size, size + 1, "no record %u", index);
  return (guint32 *) (void *) (data + index * record_size + field_offset);
}

static guint32
section_count (GByteArray *snap, guint section, gsize record_size)
{
  gsize size;
  section_of (snap, section, &size);
  return (guint32) (size / record_size);
}

/* Sets one 32-bit field of one record to value, re-seals, and expects the
 * decode to fail. */
static void
expect_field_fails (guint section, gsize record_size, guint index, gsize field_offset,
                    guint32 value, const char *what)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  *record_field (snap, section, record_size, index, field_offset) = value;
  reseal (snap);
  g_autofree char *full = g_strdup_printf ("%s = %u", what, value);
  expect_array_fails (snap, full);
}

#define ENTRY_FIELD(index, field, value) \
  expect_field_fails (GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry), index, offsetof (GlsEntry, field), value, \
                      "entry " #index " " #field)
#define NAME_FIELD(index, field, value) \
  expect_field_fails (GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName), index, offsetof (GlsName, field), value, \
                      "name " #index " " #field)
#define TERM_FIELD(index, field, value) \
  expect_field_fails (GLS_SNAPSHOT_SEC_TERMS, sizeof (GlsTerm), index, offsetof (GlsTerm, field), value, \
                      "term " #index " " #field)

GLS_TEST (snapshot_corrupt, entries_out_of_range_are_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  guint32 n_entries = section_count (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry));
  guint32 names = section_count (snap, GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName));
  guint32 team_len = (guint32) strlen (team_text);
  cr_assert_gt (n_entries, 2);

  /* Entry 0 is in team.txt (source 0) and 1 is its second entry. */
  ENTRY_FIELD (0, source, 2);
  ENTRY_FIELD (0, source, G_MAXUINT32);
  ENTRY_FIELD (0, header.start, team_len);
  ENTRY_FIELD (0, header.len, team_len);
  ENTRY_FIELD (0, header.start, G_MAXUINT32);
  ENTRY_FIELD (0, body.len, G_MAXUINT32);
  ENTRY_FIELD (0, body.start, team_len - 2);
  ENTRY_FIELD (1, title.start, G_MAXUINT32 - 1);
  ENTRY_FIELD (1, category.start, team_len);
  ENTRY_FIELD (1, category.len, team_len);
  ENTRY_FIELD (0, first_name, names);
  ENTRY_FIELD (0, first_name, G_MAXUINT32);
  ENTRY_FIELD (0, n_names, 0);
  ENTRY_FIELD (0, n_names, names + 1);
  ENTRY_FIELD (0, n_names, G_MAXUINT32);
  ENTRY_FIELD (0, n_items, 0);
  ENTRY_FIELD (0, n_items, G_MAXUINT32);
  /* The last entry's names end at the last name: one more is past it. */
  ENTRY_FIELD (n_entries - 1, n_names,
               *record_field (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry), n_entries - 1,
                              offsetof (GlsEntry, n_names)) + 1);
}

/* An entry lists names[first_name, +n_names), and readers take those names'
 * slices from the listing entry's source (hover's "Also:" line, the entry
 * summary); each name's slice is checked against the source of the entry it
 * names. A name listed by another entry than its own would be read from the
 * wrong source: here the entry of more.txt (34 bytes) listing "alpha term"
 * of team.txt, bytes [34,44). Found by fuzz-snapshot (heap overflow in
 * append_other_names, term_markup.c). */
GLS_TEST (snapshot_corrupt, an_entry_listing_another_entry_s_names_is_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  guint32 n_entries = section_count (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry));
  GlsEntry last;
  memcpy (&last, record_field (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry), n_entries - 1, 0), sizeof last);
  cr_assert_eq (last.source, 1, "the last entry is in more.txt");
  GlsName name0;
  memcpy (&name0, record_field (snap, GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName), 0, 0), sizeof name0);
  cr_assert_gt (name0.text.start + name0.text.len, strlen (more_text),
                "name 0 ends past the end of more.txt");

  ENTRY_FIELD (n_entries - 1, first_name, 0);
  /* And an entry of team.txt taking the next entry's first name. */
  ENTRY_FIELD (0, n_names, last.first_name + 1);
}

GLS_TEST (snapshot_corrupt, names_out_of_range_are_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  guint32 n_entries = section_count (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry));
  guint32 names = section_count (snap, GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName));
  guint32 terms = section_count (snap, GLS_SNAPSHOT_SEC_TERMS, sizeof (GlsTerm));

  NAME_FIELD (0, entry, n_entries);
  NAME_FIELD (0, entry, G_MAXUINT32);
  NAME_FIELD (0, term, terms);
  NAME_FIELD (0, role, GLS_ROLE_LAST + 1);
  NAME_FIELD (0, role, G_MAXUINT32);
  NAME_FIELD (0, text.start, strlen (team_text));
  NAME_FIELD (0, text.len, G_MAXUINT32);
  /* The last name is in more.txt. */
  NAME_FIELD (names - 1, text.start, strlen (more_text));
}

GLS_TEST (snapshot_corrupt, terms_and_refs_out_of_range_are_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize pool_len, refs_size;
  section_of (snap, GLS_SNAPSHOT_SEC_POOL, &pool_len);
  section_of (snap, GLS_SNAPSHOT_SEC_REFS, &refs_size);
  guint32 n_refs = (guint32) (refs_size / sizeof (guint32));
  guint32 names = section_count (snap, GLS_SNAPSHOT_SEC_NAMES, sizeof (GlsName));

  TERM_FIELD (0, key, (guint32) pool_len);
  TERM_FIELD (0, key, G_MAXUINT32);
  TERM_FIELD (0, canonical, (guint32) pool_len);
  TERM_FIELD (0, flags, 1u << 5);  /* the first bit past GLS_TERM_COMBINED */
  TERM_FIELD (0, flags, G_MAXUINT32);
  TERM_FIELD (0, n_refs, 0);
  TERM_FIELD (0, n_refs, n_refs + 1);
  TERM_FIELD (0, first_ref, n_refs);
  TERM_FIELD (0, first_ref, G_MAXUINT32);
  expect_field_fails (GLS_SNAPSHOT_SEC_REFS, sizeof (guint32), 0, 0, names, "ref 0");
  expect_field_fails (GLS_SNAPSHOT_SEC_REFS, sizeof (guint32), n_refs - 1, 0, G_MAXUINT32, "last ref");
}

GLS_TEST (snapshot_corrupt, a_bad_string_pool_is_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize pool_len;
  guint8 *pool = section_of (snap, GLS_SNAPSHOT_SEC_POOL, &pool_len);

  /* Not NUL-terminated. */
  pool[pool_len - 1] = 'x';
  reseal (snap);
  expect_array_fails (snap, "pool without its last NUL");

  /* Invalid UTF-8 inside a key: first and last byte of the first string,
   * and a lone continuation byte. */
  const guint8 bad[] = { 0xff, 0xc3, 0x80, 0xfe };
  for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
    {
      g_autoptr (GByteArray) copy = small_snapshot_copy ();
      guint8 *p = section_of (copy, GLS_SNAPSHOT_SEC_POOL, &pool_len);
      gsize first_len = strlen ((const char *) p);
      cr_assert_gt (first_len, 1);
      p[b % 2 == 0 ? 0 : first_len - 1] = bad[b];
      reseal (copy);
      g_autofree char *what = g_strdup_printf ("pool byte 0x%02x", bad[b]);
      expect_array_fails (copy, what);
    }
}

/* Term strings must start at a string of the pool: an offset into the
 * middle of "naïve bayes" would hand out a string that begins with a UTF-8
 * continuation byte. */
GLS_TEST (snapshot_corrupt, a_term_string_inside_a_character_is_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize pool_len;
  const guint8 *pool = section_of (snap, GLS_SNAPSHOT_SEC_POOL, &pool_len);
  gsize ii = 0;  /* where ï is */
  while (ii + 1 < pool_len && !(pool[ii] == 0xc3 && pool[ii + 1] == 0xaf))
    ii++;
  cr_assert_lt (ii + 1, pool_len, "the pool holds naïve");
  guint32 inside = (guint32) ii + 1;

  TERM_FIELD (0, key, inside);
  TERM_FIELD (0, canonical, inside);
}

/* Slices must start and end on character boundaries of their source: a
 * slice cut inside "é" hands out bytes that are not UTF-8 (hover and
 * completion put them in JSON strings). */
GLS_TEST (snapshot_corrupt, a_slice_inside_a_character_is_rejected)
{
  const char *cafe = strstr (team_text, "café");
  cr_assert_not_null (cafe);
  guint32 e_at = (guint32) (cafe - team_text) + 3;  /* the first byte of é */

  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  GlsEntry e;
  memcpy (&e, record_field (snap, GLS_SNAPSHOT_SEC_ENTRIES, sizeof (GlsEntry), 0, 0), sizeof e);
  cr_assert (e.body.start < e_at && e_at + 2 <= e.body.start + e.body.len, "é is in entry 0's body");

  ENTRY_FIELD (0, body.start, e_at + 1);                    /* starts inside é */
  ENTRY_FIELD (0, body.len, e_at + 1 - e.body.start);       /* ends inside é */
  ENTRY_FIELD (0, title.start, e_at + 1);
  ENTRY_FIELD (0, header.start, e_at + 1);
  NAME_FIELD (0, text.start, e_at + 1);
}

GLS_TEST (snapshot_corrupt, a_bad_trie_is_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  guint32 terms = section_count (snap, GLS_SNAPSHOT_SEC_TERMS, sizeof (GlsTerm));
  guint32 records = section_count (snap, GLS_SNAPSHOT_SEC_TRIE_NODES, GLS_TRIE_NODE_SIZE);
  cr_assert_gt (records, 3);

  /* A value that is no term. */
  expect_field_fails (GLS_SNAPSHOT_SEC_TRIE_VALUES, sizeof (guint32), 0, 0, terms, "trie value");
  expect_field_fails (GLS_SNAPSHOT_SEC_TRIE_VALUES, sizeof (guint32), 0, 0, G_MAXUINT32, "trie value");
  /* The root's children, and the sentinel's three offsets. */
  expect_field_fails (GLS_SNAPSHOT_SEC_TRIE_NODES, GLS_TRIE_NODE_SIZE, 0, 4, 0, "root children");
  for (gsize field = 0; field < 3; field++)
    expect_field_fails (GLS_SNAPSHOT_SEC_TRIE_NODES, GLS_TRIE_NODE_SIZE, records - 1, 4 * field,
                        *record_field (snap, GLS_SNAPSHOT_SEC_TRIE_NODES, GLS_TRIE_NODE_SIZE, records - 1,
                                       4 * field) + 1, "sentinel");
}

GLS_TEST (snapshot_corrupt, bad_issue_records_are_rejected)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize size;
  section_of (snap, GLS_SNAPSHOT_SEC_ISSUES, &size);
  cr_assert_gt (size, sizeof (GlsSnapshotIssue));

  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, severity), GLS_ISSUE_WARNING + 1,
                      "issue severity");
  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, path_len), (guint32) size,
                      "issue path_len");
  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, path_len), G_MAXUINT32,
                      "issue path_len");
  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, message_len), (guint32) size,
                      "issue message_len");
  expect_field_fails (GLS_SNAPSHOT_SEC_ISSUES, 1, 0, offsetof (GlsSnapshotIssue, message_len), G_MAXUINT32,
                      "issue message_len");

  /* Invalid UTF-8 and a NUL in the first issue's path and message. */
  const guint8 bad[] = { 0xff, 0x00 };
  for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
    for (gsize where = 0; where < 2; where++)
      {
        g_autoptr (GByteArray) copy = small_snapshot_copy ();
        guint8 *p = section_of (copy, GLS_SNAPSHOT_SEC_ISSUES, &size);
        GlsSnapshotIssue r;
        memcpy (&r, p, sizeof r);
        p[sizeof r + (where == 0 ? 0 : r.path_len)] = bad[b];
        reseal (copy);
        g_autofree char *what = g_strdup_printf ("issue %s byte 0x%02x", where ? "message" : "path",
                                                 bad[b]);
        expect_array_fails (copy, what);
      }

  /* The issues section cut short by one byte (and the file with it): a
   * truncated record. */
  g_autoptr (GByteArray) cut = small_snapshot_copy ();
  header_of (cut)->sections[GLS_SNAPSHOT_SEC_ISSUES].size -= 1;
  g_byte_array_set_size (cut, cut->len - 1);
  reseal (cut);
  expect_array_fails (cut, "issues one byte short");
  /* Or shorter than a record. */
  g_autoptr (GByteArray) stub = small_snapshot_copy ();
  header_of (stub)->sections[GLS_SNAPSHOT_SEC_ISSUES].size = sizeof (GlsSnapshotIssue) - 1;
  g_byte_array_set_size (stub, (guint) (header_of (stub)->sections[GLS_SNAPSHOT_SEC_ISSUES].offset +
                                        sizeof (GlsSnapshotIssue) - 1));
  reseal (stub);
  expect_array_fails (stub, "issues shorter than a record");
}

GLS_TEST (snapshot_corrupt, a_bad_section_table_is_rejected)
{
  const struct { guint section; gint64 d_offset, d_size; const char *what; } cases[] = {
    { GLS_SNAPSHOT_SEC_ENTRIES, 0, -4, "entries not whole records" },
    { GLS_SNAPSHOT_SEC_NAMES, 0, 4, "names not whole records" },
    { GLS_SNAPSHOT_SEC_TERMS, 0, -(gint64) sizeof (GlsTerm), "a term short" },
    { GLS_SNAPSHOT_SEC_REFS, 0, -4, "a ref short" },
    { GLS_SNAPSHOT_SEC_POOL, 0, -1, "pool one short" },
    { GLS_SNAPSHOT_SEC_TRIE_NODES, 0, -8, "trie nodes not whole" },
    { GLS_SNAPSHOT_SEC_TRIE_NODES, 0, -GLS_TRIE_NODE_SIZE, "trie nodes one short" },
    { GLS_SNAPSHOT_SEC_TRIE_VALUES, 0, -2, "trie values not whole" },
    { GLS_SNAPSHOT_SEC_TRIE_LABELS, 0, -1, "trie labels one short" },
    { GLS_SNAPSHOT_SEC_KEY, 0, -1, "key one short" },
    { GLS_SNAPSHOT_SEC_ISSUES, 0, 1, "issues past the end" },
    { GLS_SNAPSHOT_SEC_ENTRIES, 4, 0, "entries shifted" },
    { GLS_SNAPSHOT_SEC_ENTRIES, -200, 0, "entries before the body" },
    { GLS_SNAPSHOT_SEC_POOL, G_MAXINT64, 0, "pool far away" },
    { GLS_SNAPSHOT_SEC_NAMES, 0, G_MAXINT64, "names huge" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GByteArray) snap = small_snapshot_copy ();
      GlsSnapshotSection *s = &header_of (snap)->sections[cases[i].section];
      s->offset += (guint64) cases[i].d_offset;
      s->size += (guint64) cases[i].d_size;
      reseal (snap);
      expect_array_fails (snap, cases[i].what);
    }
  /* Every size at its maximum, and offsets past the file. */
  for (guint sec = 0; sec < GLS_SNAPSHOT_N_SECTIONS; sec++)
    {
      g_autoptr (GByteArray) snap = small_snapshot_copy ();
      header_of (snap)->sections[sec].size = G_MAXUINT64;
      reseal (snap);
      expect_array_fails (snap, "a section of G_MAXUINT64 bytes");
      g_autoptr (GByteArray) far = small_snapshot_copy ();
      header_of (far)->sections[sec].offset = far->len + 8;
      header_of (far)->sections[sec].size = 0;
      reseal (far);
      expect_array_fails (far, "a section past the end");
    }
}

/* Sources other than those encoded (a file shortened under the same key)
 * must be checked against, not trusted. */
GLS_TEST (snapshot_corrupt, shorter_sources_are_rejected)
{
  g_autoptr (GBytes) snap = small_snapshot ();
  assert_decodes (snap);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GBytes) a = g_bytes_new_static (team_text, 40);
  g_autoptr (GBytes) b = g_bytes_new_static ("mixed, other\n", 13);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", NULL, a));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("more.txt", NULL, b));
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) g = gls_snapshot_decode (snap, KEY, KEY_LEN, sources, NULL, &error);
  cr_expect_null (g);
  cr_expect_eq (sources->len, 2);

  /* Fewer sources. */
  g_ptr_array_set_size (sources, 1);
  g_clear_error (&error);
  g_autoptr (GlsGlossary) g2 = gls_snapshot_decode (snap, KEY, KEY_LEN, sources, NULL, &error);
  cr_expect_null (g2);
  cr_expect_eq (sources->len, 1);
}

/* What any decoded glossary must offer, whatever bytes it came from: every
 * slice, name and term string readable and valid UTF-8, cross references in
 * range, and the trie self-consistent with ids that are terms. */
static void
check_decoded (const GlsGlossary *g)
{
  guint names = n_names (g);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      const GlsSlice slices[] = { e->header, e->body, e->title, e->category };
      cr_assert_lt (e->source, gls_glossary_n_sources (g));
      /* The entry's names are its own, read as the server reads them:
       * from the listing entry's source. */
      for (guint k = 0; k < e->n_names; k++)
        {
          const GlsName *n = gls_glossary_name (g, e->first_name + k);
          cr_assert_eq (n->entry, i, "entry %u lists a name of entry %u", i, n->entry);
          gsize len;
          const char *text = gls_glossary_slice (g, e, n->text, &len);
          cr_expect (g_utf8_validate (text, (gssize) len, NULL));
        }
      for (gsize k = 0; k < G_N_ELEMENTS (slices); k++)
        {
          gsize len;
          const char *text = gls_glossary_slice (g, e, slices[k], &len);
          cr_expect (g_utf8_validate (text, (gssize) len, NULL), "entry %u slice %zu", i, k);
        }
      cr_assert_geq (e->n_names, 1);
    }
  for (guint i = 0; i < names; i++)
    {
      const GlsName *n = gls_glossary_name (g, i);
      cr_assert_lt (n->entry, gls_glossary_n_entries (g));
      gsize len;
      const char *text = gls_glossary_slice (g, gls_glossary_entry (g, n->entry), n->text, &len);
      cr_expect (g_utf8_validate (text, (gssize) len, NULL), "name %u", i);
      cr_assert (n->term < gls_glossary_n_terms (g) || n->term == G_MAXUINT32);
    }
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      cr_expect (g_utf8_validate (gls_glossary_term_key (g, term), -1, NULL), "term %u key", t);
      cr_expect (g_utf8_validate (gls_glossary_term_canonical (g, term), -1, NULL), "term %u", t);
      for (guint k = 0; k < term->n_refs; k++)
        cr_assert_not_null (gls_glossary_term_ref (g, term, k));
    }
  check_consistent (gls_glossary_trie (g), MAX (gls_glossary_n_terms (g), 1), NULL, 0);
}

/* Random 32-bit words of the body overwritten with small, boundary and
 * random values, re-sealed: each result is refused or passes
 * check_decoded (and AddressSanitizer sees every read). */
GLS_TEST (snapshot_corrupt, random_resealed_mutations_are_rejected_or_sound, .timeout = 240)
{
  g_autoptr (GByteArray) clean = small_snapshot_copy ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (77);
  guint body_words = (clean->len - (guint) sizeof (GlsSnapshotHeader)) / 4;
  guint rejected = 0, accepted = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr (GByteArray) snap = g_byte_array_sized_new (clean->len);
      g_byte_array_append (snap, clean->data, clean->len);
      guint n = (guint) g_rand_int_range (rand, 1, 4);
      for (guint k = 0; k < n; k++)
        {
          guint word = (guint) g_rand_int_range (rand, 0, (gint32) body_words);
          guint32 *p = (guint32 *) (void *) (snap->data + sizeof (GlsSnapshotHeader) + 4 * word);
          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0: *p = (guint32) g_rand_int_range (rand, 0, 64); break;
            case 1: *p += 1; break;
            case 2: *p -= 1; break;
            case 3: *p = G_MAXUINT32 - (guint32) g_rand_int_range (rand, 0, 4); break;
            default: *p = g_rand_int (rand); break;
            }
        }
      reseal (snap);
      g_autoptr (GBytes) bytes = g_bytes_new (snap->data, snap->len);
      g_autoptr (GPtrArray) sources = small_sources ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GlsGlossary) g = gls_snapshot_decode (bytes, KEY, KEY_LEN, sources, NULL, &error);
      if (g == NULL)
        {
          cr_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
          cr_assert_eq (sources->len, 2);
          rejected++;
          continue;
        }
      check_decoded (g);
      accepted++;
    }
  cr_log_info ("re-sealed mutations: %u rejected, %u accepted", rejected, accepted);
  cr_expect_gt (rejected, 1000);
}

/* The vocabulary section (source_words.h): what the build collected comes
 * back, and a section not in the stored form is refused. */
GLS_TEST (snapshot_corrupt, vocabulary_round_trips_and_damage_is_refused)
{
  g_autoptr (GByteArray) snap = small_snapshot_copy ();
  gsize size;
  const guint8 *words = section_of (snap, GLS_SNAPSHOT_SEC_VOCABULARY, &size);
  g_autoptr (GlsGlossary) g = small_glossary (NULL);
  gsize want_len;
  const char *want = gls_glossary_vocabulary (g, &want_len);
  cr_assert_gt (want_len, 5, "the small glossary has words of its own");
  cr_assert_eq (size, want_len);
  cr_assert (memcmp (words, want, size) == 0);
  cr_assert ((const char *) memchr (want, '\n', want_len) - want >= 4, "its first word has four letters or more");

  /* A capital, a byte that is no letter, a word cut to three letters, an
   * unterminated last word. */
  const struct { gsize at; guint8 byte; const char *what; } damage[] = {
    { 0, 'A', "a capital" }, { 0, 0x80, "a non-ASCII byte" }, { 3, '\n', "a three-letter word" },
    { want_len - 1, 'a', "an unterminated word" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autoptr (GByteArray) copy = small_snapshot_copy ();
      gsize n;
      guint8 *p = (guint8 *) section_of (copy, GLS_SNAPSHOT_SEC_VOCABULARY, &n);
      p[damage[i].at] = damage[i].byte;
      reseal (copy);
      expect_array_fails (copy, damage[i].what);
    }
}
