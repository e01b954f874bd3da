/* fuzz_glossary.c — libFuzzer target: the glossary loader.
 *
 * Input: one flag byte, then glossary file text. The text is made valid UTF-8
 * exactly as gls_sources_add_path does with a file's bytes, then built into a
 * glossary with gls_glossary_new_from_sources (grammar, entry model, terms,
 * canonical casing, trie); flag bit 0 splits it at a line near the middle
 * into two files, so terms merge across sources.
 *
 * Oracles: every slice inside its source; entry/name/term cross references
 * consistent; each name's term key is its normalized text; every key is in
 * the trie and maps to its term; and the loader gives the same entries,
 * names and issue lines when the text is parsed in small chunks in parallel
 * (gls_loader_parse_chunked, loader.h: "chunking never changes the result").
 */
#include "fuzz_common.h"

#include "glossary/glossary.h"
#include "glossary/loader.h"
#include "glossary/normalize.h"
#include "glossary/glossary_build.h"
#include "glossary/source_files.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The loader parses on GLib's shared thread pool. A pool thread that ends
 * frees its GSlice magazine in a thread-exit destructor that runs after
 * LeakSanitizer has stopped scanning that thread: every 30,000-40,000 inputs
 * a 2,032-byte "leak" (g_slice_alloc <- g_array_sized_new in parse_chunk)
 * that replaying the input never shows. Idle threads are kept, so none
 * ends while fuzzing. */
int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_thread_pool_set_max_unused_threads (-1);
  g_thread_pool_set_max_idle_time (0);
  return 0;
}

static void
check_slice (const GlsGlossary *g, const GlsEntry *e, GlsSlice s, const char *what)
{
  const GlsSource *source = gls_glossary_source (g, e->source);
  gsize len = g_bytes_get_size (source->text);

  if ((guint64) s.start + s.len > len)
    fuzz_fail ("%s slice [%u,+%u) outside %zu bytes", what, s.start, s.len, len);
}

static void
check_glossary (const GlsGlossary *g)
{
  guint n_names = 0;

  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      if (e->source >= gls_glossary_n_sources (g) || e->line == 0)
        fuzz_fail ("entry %u: source %u, line %u", i, e->source, e->line);
      check_slice (g, e, e->header, "header");
      check_slice (g, e, e->body, "body");
      check_slice (g, e, e->title, "title");
      check_slice (g, e, e->category, "category");
      if (e->n_items > e->n_names || e->first_name != n_names)
        fuzz_fail ("entry %u: names [%u,+%u), %u items, expected first %u", i, e->first_name,
                   e->n_names, e->n_items, n_names);
      for (guint k = 0; k < e->n_names; k++)
        {
          const GlsName *name = gls_glossary_name (g, e->first_name + k);
          if (name->entry != i)
            fuzz_fail ("name %u belongs to entry %u, listed by %u", e->first_name + k,
                       name->entry, i);
          check_slice (g, e, name->text, "name");
          if (name->term == G_MAXUINT32)
            continue;  /* no letters or digits: reported, not a term */
          if (name->term >= gls_glossary_n_terms (g))
            fuzz_fail ("name %u: term %u of %u", e->first_name + k, name->term,
                       gls_glossary_n_terms (g));
          g_autofree char *text = gls_glossary_slice_dup (g, e, name->text);
          g_autofree char *key = gls_normalize_key (text, name->text.len);
          const char *term_key = gls_glossary_term_key (g, gls_glossary_term (g, name->term));
          if (strcmp (key, term_key) != 0)
            fuzz_fail ("name \"%s\" normalizes to \"%s\" but its term key is \"%s\"", text, key,
                       term_key);
        }
      n_names += e->n_names;
    }

  for (guint t = 0; t < gls_glossary_n_terms (g); t++)
    {
      const GlsTerm *term = gls_glossary_term (g, t);
      const char *key = gls_glossary_term_key (g, term);
      GlsTrieValues values;

      if (gls_glossary_term_index (g, term) != t || gls_glossary_term_canonical (g, term) == NULL)
        fuzz_fail ("term %u: index or canonical spelling", t);
      if (!gls_trie_lookup (gls_glossary_trie (g), key, strlen (key), &values) || values.n == 0 ||
          values.ids[0] != t)
        fuzz_fail ("term %u key \"%s\" not in the trie as itself", t, key);
      if (term->n_refs == 0)
        fuzz_fail ("term %u \"%s\" has no names", t, key);
      for (guint k = 0; k < term->n_refs; k++)
        {
          const GlsName *name = gls_glossary_term_ref (g, term, k);
          if (name == NULL || name->term != t)
            fuzz_fail ("term %u ref %u names another term", t, k);
        }
    }
  if (gls_trie_n_keys (gls_glossary_trie (g)) != gls_glossary_n_terms (g))
    fuzz_fail ("trie has %zu keys for %u terms", gls_trie_n_keys (gls_glossary_trie (g)),
               gls_glossary_n_terms (g));
}

/* Whole-file and chunked parses must agree. The chunk size is small so that
 * even short inputs are split wherever the loader finds a strong header. */
static void
check_chunking (const char *text, gsize len, gsize chunk_size)
{
  g_autoptr (GArray) e1 = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  g_autoptr (GArray) n1 = g_array_new (FALSE, FALSE, sizeof (GlsName));
  g_autoptr (GArray) e2 = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  g_autoptr (GArray) n2 = g_array_new (FALSE, FALSE, sizeof (GlsName));
  g_autoptr (GPtrArray) i1 = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_autoptr (GPtrArray) i2 = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);

  gls_loader_parse_chunked ("fuzz", text, len, 0, G_MAXSIZE, e1, n1, i1);
  gls_loader_parse_chunked ("fuzz", text, len, 0, chunk_size, e2, n2, i2);
  if (e1->len != e2->len || n1->len != n2->len)
    fuzz_fail ("chunks of %zu: %u entries, %u names; whole: %u entries, %u names", chunk_size,
               e2->len, n2->len, e1->len, n1->len);
  if (e1->len > 0 && memcmp (e1->data, e2->data, e1->len * sizeof (GlsEntry)) != 0)
    fuzz_fail ("chunks of %zu: entries differ from the whole-file parse", chunk_size);
  if (n1->len > 0 && memcmp (n1->data, n2->data, n1->len * sizeof (GlsName)) != 0)
    fuzz_fail ("chunks of %zu: names differ from the whole-file parse", chunk_size);
  if (i1->len != i2->len)
    fuzz_fail ("chunks of %zu: %u issues; whole: %u", chunk_size, i2->len, i1->len);
  for (guint i = 0; i < i1->len; i++)
    if (((GlsIssue *) i1->pdata[i])->line != ((GlsIssue *) i2->pdata[i])->line)
      fuzz_fail ("chunks of %zu: issue %u on line %u; whole: line %u", chunk_size, i,
                 ((GlsIssue *) i2->pdata[i])->line, ((GlsIssue *) i1->pdata[i])->line);
}

static void
add_source (GPtrArray *sources, const char *name, const char *text, gsize len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, len);

  g_ptr_array_add (sources, gls_source_new_from_bytes (name, NULL, bytes));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  FuzzReader r = fuzz_reader (data, size);
  guint8 flags = fuzz_u8 (&r);
  gsize raw_len;
  const char *raw = fuzz_rest (&r, &raw_len);
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);

  /* Exactly what gls_sources_add_path does to a file's bytes: valid UTF-8
   * (NUL included) is kept; otherwise g_utf8_make_valid, which also turns
   * NUL into U+FFFD, so strlen is the new length. */
  if (g_utf8_validate_len (raw, raw_len, NULL))
    {
      text = g_malloc (raw_len + 1);
      memcpy (text, raw, raw_len);
      text[raw_len] = '\0';
      len = raw_len;
    }
  else
    {
      text = g_utf8_make_valid (raw, (gssize) raw_len);
      len = strlen (text);
    }

  if ((flags & 1) && len > 1)
    {
      const char *mid = memchr (text + len / 2, '\n', len - len / 2);
      gsize cut = mid != NULL ? (gsize) (mid - text) + 1 : len;
      add_source (sources, "a.txt", text, cut);
      add_source (sources, "b.txt", text + cut, len - cut);
    }
  else
    add_source (sources, "fuzz.txt", text, len);

  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);
  check_glossary (g);
  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *line = gls_issue_format (issues->pdata[i]);
      if (line == NULL || *line == '\0')
        fuzz_fail ("issue %u formats to nothing", i);
    }
  check_chunking (text, len, 16 + (flags >> 1) * 4);
  return 0;
}
