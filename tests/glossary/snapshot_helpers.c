/* snapshot_helpers.c — see snapshot_helpers.h. */
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

/* ------------------------------------------------------------ text output */

/* s[0..len) quoted, with control bytes, quotes and backslashes escaped, so
 * any key or slice (NUL and invalid UTF-8 included) prints on one line. */
void
append_quoted (GString *out, const char *s, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

void
append_ids (GString *out, GlsTrieValues v)
{
  g_string_append_c (out, '[');
  for (gsize i = 0; i < v.n; i++)
    g_string_append_printf (out, i > 0 ? " %u" : "%u", v.ids[i]);
  g_string_append_c (out, ']');
}

/* Fails with the first line where two dumps differ: the dumps are far too
 * long to print whole. */
void
assert_same_text (const char *a, const char *b, const char *what)
{
  guint line = 1;
  const char *pa = a, *pb = b;

  while (*pa != '\0' || *pb != '\0')
    {
      const char *ea = pa + strcspn (pa, "\n"), *eb = pb + strcspn (pb, "\n");
      if (ea - pa != eb - pb || memcmp (pa, pb, (gsize) (ea - pa)) != 0)
        cr_assert_fail ("%s: line %u differs:\n  %.*s\n  %.*s", what, line, (int) (ea - pa), pa,
                        (int) (eb - pb), pb);
      pa = *ea != '\0' ? ea + 1 : ea;
      pb = *eb != '\0' ? eb + 1 : eb;
      line++;
    }
}

/* ------------------------------------------------------------- trie dumps */

static gboolean
dump_prefix_visit (const char *key, gsize len, GlsTrieValues v, gpointer out)
{
  g_string_append (out, "    ");
  append_quoted (out, key, len);
  append_ids (out, v);
  g_string_append_c (out, '\n');
  return TRUE;
}

static gboolean
dump_fuzzy_visit (const char *key, gsize len, guint distance, GlsTrieValues v, gpointer out)
{
  g_string_append_printf (out, "    %u ", distance);
  append_quoted (out, key, len);
  append_ids (out, v);
  g_string_append_c (out, '\n');
  return TRUE;
}

/* Every answer the trie gives for query: exact lookup, the keys it prefixes,
 * the longest match in it and in it followed by more text, and the keys
 * within one and two edits. */
void
dump_trie_query (GString *out, const GlsTrie *t, const char *query, gsize len, gboolean fuzzy)
{
  GlsTrieValues v;
  g_autofree char *longer = g_strdup_printf ("%.*s and more", (int) len, query);

  g_string_append (out, "query ");
  append_quoted (out, query, len);
  g_string_append_printf (out, "\n  lookup %d ", gls_trie_lookup (t, query, len, &v));
  append_ids (out, v);
  g_string_append_printf (out, "\n  longest %zu ", gls_trie_longest_match (t, query, len, &v));
  append_ids (out, v);
  g_string_append_printf (out, "\n  longest+ %zu ",
                          gls_trie_longest_match (t, longer, len + strlen (" and more"), &v));
  append_ids (out, v);
  g_string_append (out, "\n  prefix\n");
  gls_trie_prefix (t, query, len, 0, dump_prefix_visit, out);
  for (guint k = 1; fuzzy && k <= GLS_TRIE_MAX_EDITS; k++)
    {
      g_string_append_printf (out, "  fuzzy %u\n", k);
      gls_trie_fuzzy (t, query, len, k, 0, dump_fuzzy_visit, out);
    }
}

void
append_digest (GString *out, const void *data, gsize len)
{
  char hex[33];
  gls_digest_hex (gls_digest (data, len), hex);
  g_string_append (out, hex);
}

/* The trie's shape: sizes and a digest of each array. */
void
dump_trie_arrays (GString *out, const GlsTrie *t)
{
  GlsTrieArrays a;

  gls_trie_get_arrays (t, &a);
  g_string_append_printf (out, "trie keys %zu nodes %zu values %zu labels %zu\n  ",
                          gls_trie_n_keys (t), a.n_nodes, a.n_values, a.n_labels);
  append_digest (out, a.nodes, (a.n_nodes + 1) * GLS_TRIE_NODE_SIZE);
  g_string_append_c (out, ' ');
  append_digest (out, a.values, a.n_values * sizeof (guint32));
  g_string_append_c (out, ' ');
  append_digest (out, a.labels, a.n_labels);
  g_string_append_c (out, '\n');
}

/* What any accepted trie must satisfy, whatever its bytes: keys come out of
 * a prefix walk in strictly increasing byte order, each one looks up and
 * longest-matches to exactly the ids the walk reported, ids are sorted,
 * unique and below the limit, and the walk sees every key. Queries must also
 * neither crash nor read out of bounds (AddressSanitizer watches). */
typedef struct
{
  const GlsTrie *t;
  guint32        id_limit;
  GString       *previous;
  gsize          seen;
  gboolean       first;
} Consistency;

static gboolean
consistency_visit (const char *key, gsize len, GlsTrieValues v, gpointer data)
{
  Consistency *c = data;
  GlsTrieValues found;

  if (!c->first)
    {
      gsize common = MIN (c->previous->len, len);
      int order = memcmp (c->previous->str, key, common);
      cr_expect (order < 0 || (order == 0 && c->previous->len < len), "keys out of order");
    }
  c->first = FALSE;
  g_string_truncate (c->previous, 0);
  g_string_append_len (c->previous, key, (gssize) len);
  cr_expect (v.n > 0);
  for (gsize i = 0; i < v.n; i++)
    cr_expect (v.ids[i] < c->id_limit && (i == 0 || v.ids[i] > v.ids[i - 1]), "bad ids");
  cr_expect (gls_trie_lookup (c->t, key, len, &found) && found.ids == v.ids && found.n == v.n,
             "a visited key does not look up to itself");
  cr_expect_eq (gls_trie_longest_match (c->t, key, len, &found), len);
  cr_expect (found.ids == v.ids && found.n == v.n);
  c->seen++;
  return TRUE;
}

void
check_consistent (const GlsTrie *t, guint32 id_limit, const char * const *probes, gsize n_probes)
{
  Consistency c = { t, id_limit, g_string_new (NULL), 0, TRUE };

  gls_trie_prefix (t, "", 0, 0, consistency_visit, &c);
  cr_expect_eq (c.seen, gls_trie_n_keys (t), "the walk sees %zu of %zu keys", c.seen,
                gls_trie_n_keys (t));
  g_string_free (c.previous, TRUE);
  for (gsize i = 0; i < n_probes; i++)
    {
      gsize len = strlen (probes[i]);
      gls_trie_lookup (t, probes[i], len, NULL);
      gls_trie_prefix (t, probes[i], len, 0, NULL, NULL);
      gls_trie_longest_match (t, probes[i], len, NULL);
      gls_trie_fuzzy (t, probes[i], len, GLS_TRIE_MAX_EDITS, 0, NULL, NULL);
    }
}

/* ------------------------------------------------------- glossary dumps */

/* Names are not counted by the public API: they are the ranges of the
 * entries. */
guint
n_names (const GlsGlossary *g)
{
  guint n = 0;
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      n = MAX (n, e->first_name + e->n_names);
    }
  return n;
}

static void
append_slice (GString *out, const GlsGlossary *g, const GlsEntry *e, const char *what, GlsSlice s)
{
  gsize len;
  const char *text = gls_glossary_slice (g, e, s, &len);
  g_string_append_printf (out, "  %s [%u,+%u] ", what, s.start, s.len);
  append_quoted (out, text, len);
  g_string_append_c (out, '\n');
}

/* Everything a glossary holds and answers, one fact per line. fuzzy_every
 * picks the term keys queried with edits (every one is slow on the seeds). */
char *
dump_glossary (const GlsGlossary *g, guint fuzzy_every)
{
  GString *out = g_string_new (NULL);
  const GlsTrie *trie = gls_glossary_trie (g);

  g_string_append_printf (out, "sources %u\n", gls_glossary_n_sources (g));
  for (guint i = 0; i < gls_glossary_n_sources (g); i++)
    {
      const GlsSource *s = gls_glossary_source (g, i);
      gsize len;
      const char *text = g_bytes_get_data (s->text, &len);
      g_string_append_printf (out, "source %u %s disk=%s default=%d len=%zu ", i, s->display_path,
                              s->disk_path != NULL ? s->disk_path : "(none)", s->is_default, len);
      append_digest (out, text, len);
      g_string_append_c (out, '\n');
    }

  gsize vocabulary_len;
  const char *vocabulary = gls_glossary_vocabulary (g, &vocabulary_len);
  g_string_append_printf (out, "vocabulary %zu\n%.*s", vocabulary_len, (int) vocabulary_len, vocabulary);

  g_string_append_printf (out, "entries %u\n", gls_glossary_n_entries (g));
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      g_string_append_printf (out, "entry %u source=%u line=%u names=%u+%u items=%u\n", i,
                              e->source, e->line, e->first_name, e->n_names, e->n_items);
      append_slice (out, g, e, "header", e->header);
      append_slice (out, g, e, "body", e->body);
      append_slice (out, g, e, "title", e->title);
      append_slice (out, g, e, "category", e->category);
    }

  guint names = n_names (g);
  g_string_append_printf (out, "names %u\n", names);
  for (guint i = 0; i < names; i++)
    {
      const GlsName *n = gls_glossary_name (g, i);
      g_string_append_printf (out, "name %u entry=%u term=%u role=%d\n", i, n->entry, n->term,
                              (int) n->role);
      append_slice (out, g, gls_glossary_entry (g, n->entry), "text", n->text);
    }

  const GlsName *name0 = names > 0 ? gls_glossary_name (g, 0) : NULL;
  g_string_append_printf (out, "terms %u\n", gls_glossary_n_terms (g));
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      const char *key = gls_glossary_term_key (g, term);
      const char *canonical = gls_glossary_term_canonical (g, term);
      g_string_append_printf (out, "term %u flags=%x key=", t, (guint) term->flags);
      append_quoted (out, key, strlen (key));
      g_string_append (out, " canonical=");
      append_quoted (out, canonical, strlen (canonical));
      g_string_append (out, " refs");
      for (guint k = 0; k < term->n_refs; k++)
        g_string_append_printf (out, " %td", gls_glossary_term_ref (g, term, k) - name0);
      const GlsTerm *found = gls_glossary_lookup (g, canonical, -1);
      g_string_append_printf (out, " lookup=%d\n",
                              found != NULL ? (int) gls_glossary_term_index (g, found) : -1);
    }

  dump_trie_arrays (out, trie);
  dump_trie_query (out, trie, "", 0, FALSE);
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const char *key = gls_glossary_term_key (g, gls_glossary_term (g, t));
      gsize len = strlen (key);
      dump_trie_query (out, trie, key, len, t % fuzzy_every == 0);
      /* And a typo: the key without its middle byte. */
      if (t % fuzzy_every == 0 && len > 2)
        {
          g_autofree char *typo = g_strdup (key);
          memmove (typo + len / 2, typo + len / 2 + 1, len - len / 2);
          dump_trie_query (out, trie, typo, len - 1, TRUE);
        }
    }
  return g_string_free (out, FALSE);
}

char *
dump_issues (GPtrArray *issues, guint from)
{
  GString *out = g_string_new (NULL);
  for (guint i = from; i < issues->len; i++)
    {
      const GlsIssue *issue = issues->pdata[i];
      g_string_append_printf (out, "%s:%u severity=%d default=%d %s\n", issue->path, issue->line,
                              issue->severity, issue->in_default, issue->message);
    }
  return g_string_free (out, FALSE);
}

void
assert_same_glossary (const GlsGlossary *want, const GlsGlossary *got, guint fuzzy_every)
{
  g_autofree char *a = dump_glossary (want, fuzzy_every);
  g_autofree char *b = dump_glossary (got, fuzzy_every);
  assert_same_text (a, b, "glossary dump");
}

void
assert_same_issues (GPtrArray *want, GPtrArray *got)
{
  g_autofree char *a = dump_issues (want, 0);
  g_autofree char *b = dump_issues (got, 0);
  cr_expect_eq (want->len, got->len);
  assert_same_text (a, b, "issues");
}

GPtrArray *
issues_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
}

GPtrArray *
sources_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
}

/* ---------------------------------------------------- temporary files */

char *
write_file (const char *dir, const char *name, const char *text, gssize len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  cr_assert (g_file_set_contents (path, text, len, &error), "%s", error != NULL ? error->message : "");
  return path;
}

/* ------------------------------------------------- the test glossaries */

/* A user glossary with every kind of problem the loader reports: stray text
 * before the first header, a fence never closed, an entry without a
 * definition, a header item without letters or digits, a title of the form
 * "X (Y)", categories, non-ASCII names, and (in team_bytes) a byte that is
 * not UTF-8, which gls_sources_add_path reports before the build. */
const char team_text[] =
  "Some notes that are not an entry.\n"
  "alpha term, first alias, more\n"
  "**Alpha Term (AT)** is the first; see the café.\n"
  "```python\n"
  "x = f(a, b)\n"
  "beta term, cat\n"
  "**Beta Term** is the second.\n"
  "gamma term, delta, epsilon\n"
  "naïve bayes, --, nb\n"
  "**Naïve Bayes** classifies with counts.\n"
  "lora, fine-tuning\n"
  "**LoRA (Low-Rank Adaptation)** trains small adapters; LoRA is everywhere.\n"
  "rope, rotary embedding, positions\n"
  "**RoPE** rotates queries and keys.\n"
  "$$\n"
  "x^2\n";
const char team_bytes[] =
  "team glossary, notes\n"
  "**Team Glossary** holds \xff our words.\n";

const char more_text[] = "mixed, other\n**Mixed** ends here.\n";

GPtrArray *
small_sources (void)
{
  GPtrArray *sources = sources_new ();
  g_autoptr (GBytes) a = g_bytes_new_static (team_text, sizeof team_text - 1);
  g_autoptr (GBytes) b = g_bytes_new_static (more_text, sizeof more_text - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", "/tmp/team.txt", a));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("more.txt", NULL, b));
  return sources;
}

GlsGlossary *
small_glossary (GPtrArray *issues)
{
  g_autoptr (GPtrArray) sources = small_sources ();
  return gls_glossary_new_from_sources (sources, issues);
}

/* The small glossary's snapshot, with its build's issues. */
GBytes *
small_snapshot (void)
{
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GlsGlossary) g = small_glossary (issues);
  return gls_snapshot_encode (g, KEY, KEY_LEN, issues, 0);
}

/* Decodes snapshot onto fresh sources and checks it equals original. */
void
assert_decodes_to (GBytes *snapshot, const GlsGlossary *original, GPtrArray *original_issues,
                   GPtrArray *fresh_sources, GPtrArray *fresh_issues, guint fuzzy_every)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) decoded = gls_snapshot_decode (snapshot, KEY, KEY_LEN, fresh_sources,
                                                         fresh_issues, &error);
  cr_assert_not_null (decoded, "decode failed: %s", error != NULL ? error->message : "(no error)");
  cr_assert_null (error);
  cr_expect_eq (fresh_sources->len, 0, "the sources moved into the glossary");
  assert_same_glossary (original, decoded, fuzzy_every);
  assert_same_issues (original_issues, fresh_issues);
}

GlsSnapshotHeader *
header_of (GByteArray *snap)
{
  cr_assert_geq (snap->len, sizeof (GlsSnapshotHeader));
  return (GlsSnapshotHeader *) snap->data;  /* GByteArray data is malloc'd: aligned */
}

guint8 *
section_of (GByteArray *snap, guint index, gsize *size)
{
  const GlsSnapshotSection *s = &header_of (snap)->sections[index];
  cr_assert_leq (s->offset + s->size, snap->len);
  *size = (gsize) s->size;
  return snap->data + s->offset;
}

/* Makes the checksum match the bytes again, as an editor who knew the
 * format would: it covers the section table and everything after it. */
void
reseal (GByteArray *snap)
{
  const gsize from = GLS_SNAPSHOT_CHECKED_FROM;
  GlsDigest sum = gls_digest (snap->data + from, snap->len - from);
  header_of (snap)->checksum_lo = sum.lo;
  header_of (snap)->checksum_hi = sum.hi;
}

GByteArray *
snapshot_copy (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GByteArray *copy = g_byte_array_sized_new ((guint) len);
  g_byte_array_append (copy, data, (guint) len);
  return copy;
}

/* Decoding bytes must fail with G_IO_ERROR_INVALID_DATA and leave the
 * caller's sources and issues exactly as they were. */
void
expect_decode_fails (GBytes *bytes, const void *key, gsize key_len, const char *what)
{
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GPtrArray) issues = issues_new ();
  g_autoptr (GError) error = NULL;
  gpointer first_source = sources->pdata[0], second_source = sources->pdata[1];
  GlsIssue *marker = gls_issue_new ("mine.txt", 1, GLS_ISSUE_WARNING, "the caller's");

  g_ptr_array_add (issues, marker);
  GlsGlossary *g = gls_snapshot_decode (bytes, key, key_len, sources, issues, &error);
  cr_expect_null (g, "%s: accepted", what);
  if (g != NULL)
    {
      gls_glossary_unref (g);
      return;
    }
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA), "%s: error %s", what,
             error != NULL ? error->message : "not set");
  cr_expect (sources->len == 2 && sources->pdata[0] == first_source &&
             sources->pdata[1] == second_source, "%s: sources changed", what);
  cr_expect (issues->len == 1 && issues->pdata[0] == marker, "%s: issues changed", what);
  /* The sources' free func must still be set: the leak check notices if
   * freeing the array leaves them behind. */
}

void
expect_array_fails (GByteArray *snap, const char *what)
{
  g_autoptr (GBytes) bytes = g_bytes_new (snap->data, snap->len);
  expect_decode_fails (bytes, KEY, KEY_LEN, what);
}

/* The rejection tests start from bytes that decode: otherwise every one of
 * them would pass for the wrong reason. */
void
assert_decodes (GBytes *bytes)
{
  g_autoptr (GPtrArray) sources = small_sources ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) g = gls_snapshot_decode (bytes, KEY, KEY_LEN, sources, NULL, &error);
  cr_assert_not_null (g, "the intact snapshot does not decode: %s",
                      error != NULL ? error->message : "(no error)");
}
