/* fuzz_snapshot.c — libFuzzer target: decoding glossary snapshots.
 *
 * A snapshot (snapshot.h) is read back from a cache file anyone could have
 * edited, so gls_snapshot_decode must refuse any bytes that are not a
 * snapshot of its sources, and a glossary it accepts must be safe to use.
 * LLVMFuzzerInitialize builds a small fixed glossary from in-memory sources
 * (with problems, so issues are stored too) and encodes its snapshot once:
 * the reference. Each input is decoded against fresh copies of those
 * sources three ways:
 *   1. as it is: the header checks and the checksum see it;
 *   2. re-sealed: its checksum recomputed, so that mutations reach the
 *      section table and the checks of every record;
 *   3. the reference's header (magic, version, section table) followed by
 *      the input's bytes after the header, re-sealed: the sections stay
 *      where the reference has them, so mutations land in the records (and
 *      the corpus survives a format change that moves the header's fields).
 * The seeds (corpus/snapshot/) are the reference and a few damaged copies;
 * GLS_FUZZ_SNAPSHOT_SEED=<file> writes the reference there and exits, to
 * renew the seed after a format change.
 *
 * Oracles: a refused input sets G_IO_ERROR_INVALID_DATA and leaves the
 * sources and issues untouched; the reference itself decodes. A glossary
 * that decodes is used the way the server and the linter use one, and must
 * hold: every slice, name, key and spelling valid UTF-8 (they go into JSON
 * strings), cross references in range, the trie consistent (keys in byte
 * order, each one looking up and longest-matching to the ids the walk gave,
 * ids that are terms), hover markup valid UTF-8 for every term, and the
 * analyzer's hits and findings inside the fixed document, naming terms.
 * Out-of-bounds reads are AddressSanitizer's to catch.
 *
 * Decoding promises safety, not sense: re-sealed bytes can make a glossary
 * whose term keys are not what its trie holds ("clpha term" in the pool,
 * "alpha term" in the trie). The analyzer's match index is built from the
 * keys and gls_matcher_find walks the trie, so their agreement
 * (fuzz_check_analysis) is only asked of a glossary that is consistent:
 * every key normalized and in the trie as its own term alone.
 */
#include "fuzz_common.h"

#include <gio/gio.h>

#include "analysis/analyzer.h"
#include "glossary/digest.h"
#include "glossary/glossary.h"
#include "glossary/normalize.h"
#include "glossary/snapshot.h"
#include "glossary/snapshot_format.h"
#include "glossary/wordlist.h"
#include "glossary/glossary_build.h"
#include "server/features/term_markup.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The header's layout (snapshot_format.h): the checksum covers the section
 * table and everything after it. */
#define HEADER_SIZE sizeof (GlsSnapshotHeader)
#define CHECKSUM_AT G_STRUCT_OFFSET (GlsSnapshotHeader, checksum_lo)
#define CHECKED_FROM GLS_SNAPSHOT_CHECKED_FROM

#define KEY "fuzz snapshot key"
#define KEY_LEN (sizeof KEY - 1)

static const char team_text[] =
  "Stray notes before the first entry.\n"
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
  "**RoPE** rotates queries and keys.\n";
static const char more_text[] =
  "日本語, languages\n"
  "**日本語 (Japanese)** is written in three scripts.\n"
  "qlora, lora, quantization\n"
  "**QLoRA** quantizes the base model.\n";
/* What the analyzer reads: prose that names the glossary's terms. */
static const char document[] =
  "# Notes\n\n"
  "We tried lora and QLoRA with rope scaling, then naive bayes and the Alpha Term.\n"
  "Low-Rank Adaptation is cheap; 日本語 text too. See `lora` in code.\n";

static gboolean consistent (const GlsGlossary *g);
static void     reseal (guint8 *data, gsize size);

static GBytes      *reference;  /* the fixed glossary's snapshot */
static GlsWordlist *words;
static GlsProse    *prose;      /* document, parsed once */

/* Criticals are bugs (a g_return_if_fail on a decoded glossary): abort so
 * the fuzzer keeps the input. */
static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_default (level, fields, n_fields, NULL);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static GPtrArray *
fixed_sources (void)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) a = g_bytes_new_static (team_text, sizeof team_text - 1);
  g_autoptr (GBytes) b = g_bytes_new_static (more_text, sizeof more_text - 1);

  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", "/nonexistent/team.txt", a));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("more.txt", NULL, b));
  return sources;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_autoptr (GPtrArray) sources = fixed_sources ();
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GlsGlossary) glossary = gls_glossary_new_from_sources (sources, issues);
  if (issues->len == 0 || gls_glossary_n_terms (glossary) < 10)
    fuzz_fail ("the fixed glossary lost its issues or terms (%u, %u)", issues->len,
               gls_glossary_n_terms (glossary));
  reference = gls_snapshot_encode (glossary, KEY, KEY_LEN, issues, 0);
  /* Else the analyzer's full oracle would never run. */
  if (!consistent (glossary))
    fuzz_fail ("the fixed glossary is not consistent (see consistent ())");
  /* Else variants 2 and 3 would all stop at the checksum. */
  gsize ref_len;
  const guint8 *ref = g_bytes_get_data (reference, &ref_len);
  g_autofree guint8 *resealed = g_memdup2 (ref, ref_len);
  reseal (resealed, ref_len);
  if (ref_len < HEADER_SIZE || memcmp (resealed, ref, ref_len) != 0)
    fuzz_fail ("the header layout mirrored here is not snapshot.c's");

  const char *seed = g_getenv ("GLS_FUZZ_SNAPSHOT_SEED");
  if (seed != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (reference, &len);
      if (!g_file_set_contents (seed, data, (gssize) len, &error))
        fuzz_fail ("%s", error->message);
      exit (0);
    }

  words = gls_wordlist_new_default (&error);
  if (words == NULL)
    fuzz_fail ("no word list: %s", error->message);
  prose = gls_prose_new ("markdown");
  if (!gls_prose_parse (prose, document, sizeof document - 1, NULL, &error))
    fuzz_fail ("the document does not parse: %s", error->message);
  return 0;
}

/* ------------------------------------------------------------- oracles */

static void
check_utf8 (const char *text, gssize len, const char *what, guint index)
{
  if (!g_utf8_validate (text, len, NULL))
    fuzz_fail ("%s %u is not valid UTF-8", what, index);
}

typedef struct
{
  const GlsGlossary *g;
  const GlsTrie     *trie;
  GString           *previous;
  gsize              seen;
} Walk;

static gboolean
walk_visit (const char *key, gsize len, GlsTrieValues v, gpointer data)
{
  Walk *w = data;
  GlsTrieValues found;

  if (w->seen > 0)
    {
      int order = memcmp (w->previous->str, key, MIN (w->previous->len, len));
      if (order > 0 || (order == 0 && w->previous->len >= len))
        fuzz_fail ("trie keys out of byte order");
    }
  g_string_truncate (w->previous, 0);
  g_string_append_len (w->previous, key, (gssize) len);
  if (v.n == 0)
    fuzz_fail ("a visited key without ids");
  for (gsize i = 0; i < v.n; i++)
    if (v.ids[i] >= gls_glossary_n_terms (w->g) || (i > 0 && v.ids[i] <= v.ids[i - 1]))
      fuzz_fail ("trie ids not sorted terms: %u of %u terms", v.ids[i], gls_glossary_n_terms (w->g));
  if (!gls_trie_lookup (w->trie, key, len, &found) || found.ids != v.ids || found.n != v.n)
    fuzz_fail ("a visited key does not look up to its ids");
  if (gls_trie_longest_match (w->trie, key, len, &found) != len || found.ids != v.ids)
    fuzz_fail ("a visited key does not longest-match itself");
  /* Typo-tolerant lookup walks the trie its own way: make it run. */
  if (w->seen < 8)
    gls_trie_fuzzy (w->trie, key, len, 1, 16, NULL, NULL);
  w->seen++;
  return TRUE;
}

/* Is g what a build could give: each key normalized, and the trie mapping
 * exactly the keys, each to its own term? */
static gboolean
consistent (const GlsGlossary *g)
{
  const GlsTrie *trie = gls_glossary_trie (g);

  if (gls_trie_n_keys (trie) != gls_glossary_n_terms (g))
    return FALSE;
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const char *key = gls_glossary_term_key (g, gls_glossary_term (g, t));
      g_autofree char *normalized = gls_normalize_key (key, -1);
      GlsTrieValues v;
      if (strcmp (normalized, key) != 0 || !gls_trie_lookup (trie, key, strlen (key), &v) ||
          v.n != 1 || v.ids[0] != t)
        return FALSE;
    }
  return TRUE;
}

/* The rules over the fixed document, as the linter runs them. */
static void
check_analysis (GlsGlossary *g)
{
  g_autoptr (GlsAnalyzer) analyzer = gls_analyzer_new_with_wordlist (g, words);
  const gsize len = sizeof document - 1;

  if (consistent (g))
    {
      fuzz_check_analysis (analyzer, prose, document, len);
      return;
    }
  g_auto (FuzzAnalysis) a = { 0 };
  fuzz_analysis_run (analyzer, prose, document, len, &a);
  GArray *findings = a.findings;
  GArray *lists[] = { a.hits, a.matched };
  for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const GlsHit *h = &g_array_index (lists[l], GlsHit, i);
        if (!(h->start < h->end && h->end <= len) || h->term >= gls_glossary_n_terms (g))
          fuzz_fail ("hit [%u,%u) of term %u outside the document or the terms", h->start,
                     h->end, h->term);
      }
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      if (!(f->start < f->end && f->end <= len) || f->message == NULL ||
          !g_utf8_validate (f->message, -1, NULL))
        fuzz_fail ("finding %u [%u,%u) outside the document or without a UTF-8 message", i,
                   f->start, f->end);
    }
}

/* Everything a front end reads from a glossary, read and checked. */
static void
check_glossary (GlsGlossary *g)
{
  guint names = 0;

  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      const GlsSlice slices[] = { e->header, e->body, e->title, e->category };
      if (e->source >= gls_glossary_n_sources (g) || e->n_names == 0)
        fuzz_fail ("entry %u: source %u of %u, %u names", i, e->source,
                   gls_glossary_n_sources (g), e->n_names);
      for (gsize k = 0; k < G_N_ELEMENTS (slices); k++)
        {
          gsize len;
          const char *text = gls_glossary_slice (g, e, slices[k], &len);
          check_utf8 (text, (gssize) len, "entry slice of", i);
        }
      names = MAX (names, e->first_name + e->n_names);
      /* Its names are its own: the server reads them from this entry's
       * source (gls_feature_entry_summary, hover's "Also:" line). */
      for (guint k = 0; k < e->n_names; k++)
        {
          const GlsName *n = gls_glossary_name (g, e->first_name + k);
          if (n->entry != i)
            fuzz_fail ("entry %u lists name %u of entry %u", i, e->first_name + k, n->entry);
        }
    }
  for (guint i = 0; i < names; i++)
    {
      const GlsName *n = gls_glossary_name (g, i);
      if (n->entry >= gls_glossary_n_entries (g) ||
          (n->term >= gls_glossary_n_terms (g) && n->term != G_MAXUINT32))
        fuzz_fail ("name %u: entry %u, term %u", i, n->entry, n->term);
      gsize len;
      const char *text = gls_glossary_slice (g, gls_glossary_entry (g, n->entry), n->text, &len);
      check_utf8 (text, (gssize) len, "name", i);
    }
  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      const char *canonical = gls_glossary_term_canonical (g, term);
      check_utf8 (gls_glossary_term_key (g, term), -1, "term key", t);
      check_utf8 (canonical, -1, "term spelling", t);
      if (term->n_refs == 0)
        fuzz_fail ("term %u has no names", t);
      for (guint k = 0; k < term->n_refs; k++)
        if (gls_glossary_term_ref (g, term, k) == NULL)
          fuzz_fail ("term %u ref %u", t, k);
      gls_glossary_lookup (g, canonical, -1);

      GlsTermMarkupOptions options = { .kind = t % 2 ? GLS_MARKUP_PLAINTEXT : GLS_MARKUP_MARKDOWN };
      g_autofree char *markup = gls_term_markup (g, t, &options);
      if (markup == NULL)
        fuzz_fail ("no markup for term %u", t);
      check_utf8 (markup, -1, "markup of term", t);
    }

  Walk w = { g, gls_glossary_trie (g), g_string_new (NULL), 0 };
  gls_trie_prefix (w.trie, "", 0, 0, walk_visit, &w);
  g_string_free (w.previous, TRUE);
  if (w.seen != gls_trie_n_keys (w.trie))
    fuzz_fail ("the trie walk saw %zu of %zu keys", w.seen, gls_trie_n_keys (w.trie));

  check_analysis (g);
}

/* ------------------------------------------------------------ decoding */

/* Decodes bytes against fresh sources; checks the contract either way. */
static gboolean
decode (const guint8 *data, gsize size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);  /* malloc: 8-aligned */
  g_autoptr (GPtrArray) sources = fixed_sources ();
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GError) error = NULL;
  gpointer first = sources->pdata[0];

  g_ptr_array_add (issues, gls_issue_new ("caller.txt", 1, GLS_ISSUE_WARNING, "the caller's"));
  g_autoptr (GlsGlossary) g = gls_snapshot_decode (bytes, KEY, KEY_LEN, sources, issues, &error);
  if (g == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        fuzz_fail ("refused without G_IO_ERROR_INVALID_DATA");
      if (sources->len != 2 || sources->pdata[0] != first || issues->len != 1)
        fuzz_fail ("a refused snapshot changed the sources or issues");
      return FALSE;
    }
  if (error != NULL || sources->len != 0 || issues->len < 1)
    fuzz_fail ("accepted, but error set, sources left or issues dropped");
  for (guint i = 1; i < issues->len; i++)
    {
      const GlsIssue *issue = issues->pdata[i];
      check_utf8 (issue->path, -1, "issue path", i);
      check_utf8 (issue->message, -1, "issue message", i);
      g_autofree char *line = gls_issue_format (issue);
      if (line == NULL || *line == '\0')
        fuzz_fail ("issue %u formats to nothing", i);
    }
  check_glossary (g);
  return TRUE;
}

static void
reseal (guint8 *data, gsize size)
{
  GlsDigest sum = gls_digest (data + CHECKED_FROM, size - CHECKED_FROM);
  memcpy (data + CHECKSUM_AT, &sum.lo, sizeof sum.lo);
  memcpy (data + CHECKSUM_AT + 8, &sum.hi, sizeof sum.hi);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gsize ref_len;
  const guint8 *ref = g_bytes_get_data (reference, &ref_len);
  gboolean ok = decode (data, size);

  if (size == ref_len && memcmp (data, ref, size) == 0 && !ok)
    fuzz_fail ("the reference snapshot does not decode");

  if (size >= CHECKED_FROM)
    {
      g_autofree guint8 *sealed = g_memdup2 (data, size);
      reseal (sealed, size);
      decode (sealed, size);
    }

  if (size >= HEADER_SIZE)
    {
      g_autofree guint8 *grafted = g_memdup2 (data, size);
      memcpy (grafted, ref, HEADER_SIZE);
      reseal (grafted, size);
      decode (grafted, size);
    }
  return 0;
}
