/* glossary.c — assembling entries into terms; see glossary.h for the rules. */
#include "glossary/glossary_private.h"

#include <string.h>

#include "glossary/casing.h"
#include "glossary/glossary_cache.h"
#include "glossary/loader.h"
#include "glossary/normalize.h"
#include "glossary/preference.h"
#include "glossary/roles.h"
#include "glossary/wordlist.h"

GlsGlossary *
gls_glossary_new_empty (void)
{
  GlsGlossary *self = g_new0 (GlsGlossary, 1);

  g_atomic_ref_count_init (&self->ref);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  self->entries = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  self->names = g_array_new (FALSE, FALSE, sizeof (GlsName));
  self->terms = g_array_new (FALSE, FALSE, sizeof (GlsTerm));
  self->refs = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->preferences = g_array_new (FALSE, FALSE, sizeof (GlsPreference));
  self->pool = g_string_new (NULL);
  return self;
}

void
gls_glossary_take_sources (GlsGlossary *self, GPtrArray *sources)
{
  for (guint i = 0; i < sources->len; i++)
    g_ptr_array_add (self->sources, g_ptr_array_index (sources, i));
  /* The sources now belong to the glossary: empty the array without freeing
   * them (GLib has no getter to restore the free func, so it stays unset). */
  g_ptr_array_set_free_func (sources, NULL);
  g_ptr_array_set_size (sources, 0);
}

GlsGlossary *
gls_glossary_ref (GlsGlossary *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
gls_glossary_unref (GlsGlossary *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  g_ptr_array_unref (self->sources);
  g_array_unref (self->entries);
  g_array_unref (self->names);
  g_array_unref (self->terms);
  g_array_unref (self->refs);
  g_array_unref (self->preferences);
  g_string_free (self->pool, TRUE);
  gls_trie_unref (self->trie);
  g_free (self);
}

guint
gls_glossary_n_sources (const GlsGlossary *self)
{
  return self->sources->len;
}

const GlsSource *
gls_glossary_source (const GlsGlossary *self, guint index)
{
  g_return_val_if_fail (index < self->sources->len, NULL);
  return g_ptr_array_index (self->sources, index);
}

guint
gls_glossary_n_entries (const GlsGlossary *self)
{
  return self->entries->len;
}

const GlsEntry *
gls_glossary_entry (const GlsGlossary *self, guint index)
{
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, GlsEntry, index);
}

const GlsName *
gls_glossary_name (const GlsGlossary *self, guint index)
{
  g_return_val_if_fail (index < self->names->len, NULL);
  return &g_array_index (self->names, GlsName, index);
}

guint
gls_glossary_n_terms (const GlsGlossary *self)
{
  return self->terms->len;
}

const GlsTerm *
gls_glossary_term (const GlsGlossary *self, guint index)
{
  g_return_val_if_fail (index < self->terms->len, NULL);
  return &g_array_index (self->terms, GlsTerm, index);
}

guint
gls_glossary_term_index (const GlsGlossary *self, const GlsTerm *term)
{
  return (guint) (term - &g_array_index (self->terms, GlsTerm, 0));
}

guint
gls_glossary_n_preferences (const GlsGlossary *self)
{
  return self->preferences->len;
}

const GlsPreference *
gls_glossary_preference (const GlsGlossary *self, guint index)
{
  g_return_val_if_fail (index < self->preferences->len, NULL);
  return &g_array_index (self->preferences, GlsPreference, index);
}

const char *
gls_glossary_source_slice (const GlsGlossary *self, guint32 source, GlsSlice slice, gsize *len)
{
  const GlsSource *s = g_ptr_array_index (self->sources, source);
  if (len != NULL)
    *len = slice.len;
  return (const char *) g_bytes_get_data (s->text, NULL) + slice.start;
}

const GlsTrie *
gls_glossary_trie (const GlsGlossary *self)
{
  return self->trie;
}

const char *
gls_glossary_slice (const GlsGlossary *self, const GlsEntry *entry, GlsSlice slice, gsize *len)
{
  const GlsSource *source = g_ptr_array_index (self->sources, entry->source);
  const char *text = g_bytes_get_data (source->text, NULL);
  if (len != NULL)
    *len = slice.len;
  return text + slice.start;
}

char *
gls_glossary_slice_dup (const GlsGlossary *self, const GlsEntry *entry, GlsSlice slice)
{
  gsize len;
  const char *text = gls_glossary_slice (self, entry, slice, &len);
  return g_strndup (text, len);
}

const char *
gls_glossary_term_key (const GlsGlossary *self, const GlsTerm *term)
{
  return self->pool->str + term->key;
}

const char *
gls_glossary_term_canonical (const GlsGlossary *self, const GlsTerm *term)
{
  return self->pool->str + term->canonical;
}

const GlsName *
gls_glossary_term_ref (const GlsGlossary *self, const GlsTerm *term, guint i)
{
  g_return_val_if_fail (i < term->n_refs, NULL);
  guint32 name = g_array_index (self->refs, guint32, term->first_ref + i);
  return &g_array_index (self->names, GlsName, name);
}

const GlsTerm *
gls_glossary_lookup (const GlsGlossary *self, const char *text, gssize len)
{
  g_autofree char *key = gls_normalize_key (text, len);
  GlsTrieValues values;
  if (!gls_trie_lookup (self->trie, key, strlen (key), &values) || values.n == 0)
    return NULL;
  return &g_array_index (self->terms, GlsTerm, values.ids[0]);
}

/* --- building ------------------------------------------------------------ */

static guint32
pool_add (GString *pool, const char *s, gsize len)
{
  guint32 at = (guint32) pool->len;
  g_string_append_len (pool, s, (gssize) len);
  g_string_append_c (pool, '\0');
  return at;
}

/* Groups names into terms by normalized key. Returns the key of each term in
 * the pool; names without any letter or digit get no term. */
static void
assign_terms (GlsGlossary *self, GPtrArray *issues)
{
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GString) key = g_string_new (NULL);
  /* Keys live in the pool, whose buffer moves as it grows, so the table maps
   * to term indexes and holds its own copies of the keys. */
  g_autoptr (GStringChunk) keys = g_string_chunk_new (1 << 16);

  for (guint i = 0; i < self->names->len; i++)
    {
      GlsName *name = &g_array_index (self->names, GlsName, i);
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, name->entry);
      gsize len;
      const char *text = gls_glossary_slice (self, entry, name->text, &len);

      g_string_truncate (key, 0);
      gls_normalize (text, (gssize) len, key, NULL);
      name->term = GLS_NO_TERM;
      if (key->len == 0)
        {
          const GlsSource *source = g_ptr_array_index (self->sources, entry->source);
          g_ptr_array_add (issues, gls_issue_new (source->display_path, entry->line, GLS_ISSUE_WARNING,
                                                  "header item \"%.*s\" has no letters or digits and is ignored",
                                                  (int) len, text));
          continue;
        }
      gpointer found;
      if (g_hash_table_lookup_extended (by_key, key->str, NULL, &found))
        {
          name->term = GPOINTER_TO_UINT (found);
          continue;
        }
      GlsTerm term = { 0 };
      term.key = pool_add (self->pool, key->str, key->len);
      term.canonical = term.key;
      name->term = self->terms->len;
      g_array_append_val (self->terms, term);
      g_hash_table_insert (by_key, g_string_chunk_insert_len (keys, key->str, (gssize) key->len),
                           GUINT_TO_POINTER (name->term));
    }
}

/* Each term's canonical spelling: the spelling of its first header item in
 * glossary order, with each word replaced by the glossary's own most frequent
 * spelling of it when that spelling has irregular capitals (casing.h). An
 * ordinary English word takes its irregular spelling only when it is the whole
 * term ("rope" -> RoPE): inside a phrase the acronym that shares its letters is
 * usually another word ("DRY" the principle is not "dry etch", "FLOP" is not
 * "flip flop"). */
static void
assign_canonical (GlsGlossary *self, const GlsWordlist *words)
{
  g_autoptr (GlsCasing) casing = gls_casing_new ();
  g_autoptr (GArray) first_name = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_array_set_size (first_name, self->terms->len);
  for (guint t = 0; t < self->terms->len; t++)
    g_array_index (first_name, guint32, t) = GLS_NO_TERM;
  /* The base spelling is the first header item naming the term (header items
   * are the glossary's own spelling of terms; titles are Title Cased by
   * convention), or its first title name when no header names it. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->names->len; i++)
      {
        const GlsName *name = &g_array_index (self->names, GlsName, i);
        if (name->term == GLS_NO_TERM || (pass == 0 && name->role == GLS_ROLE_TITLE))
          continue;
        if (g_array_index (first_name, guint32, name->term) == GLS_NO_TERM)
          g_array_index (first_name, guint32, name->term) = i;
      }

  /* An entry whose title spells its headword ("**RotatE** ...", "**LINE
   * (Large-scale ...)**" for line) says how the name is written, better than
   * counts over the whole glossary, where "line" the word outnumbers LINE the
   * method. Such an irregular title spelling is the canonical one. */
  g_autoptr (GArray) title_of = g_array_new (FALSE, TRUE, sizeof (GlsSlice));
  g_autoptr (GArray) title_entry = g_array_new (FALSE, TRUE, sizeof (guint32));
  g_autoptr (GString) title_key = g_string_new (NULL);
  g_array_set_size (title_of, self->terms->len);
  g_array_set_size (title_entry, self->terms->len);
  for (guint e = 0; e < self->entries->len; e++)
    {
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, e);
      const GlsName *headword = &g_array_index (self->names, GlsName, entry->first_name);
      if (entry->title.len == 0 || entry->n_items == 0 || headword->term == GLS_NO_TERM ||
          g_array_index (title_of, GlsSlice, headword->term).len > 0)
        continue;
      /* The whole title, or X of "X (Y)" (the entry's first title name). */
      GlsSlice spelling = entry->title;
      if (entry->n_names > entry->n_items)
        spelling = g_array_index (self->names, GlsName, entry->first_name + entry->n_items).text;
      gsize len;
      const char *text = gls_glossary_slice (self, entry, spelling, &len);
      g_string_truncate (title_key, 0);
      gls_normalize (text, (gssize) len, title_key, NULL);
      const GlsTerm *term = &g_array_index (self->terms, GlsTerm, headword->term);
      if (strcmp (title_key->str, self->pool->str + term->key) == 0 && gls_casing_is_irregular (text, len) &&
          memchr (text, ' ', len) == NULL)
        {
          g_array_index (title_of, GlsSlice, headword->term) = spelling;
          g_array_index (title_entry, guint32, headword->term) = e;
        }
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint s = 0; s < self->sources->len; s++)
      {
        const GlsSource *source = g_ptr_array_index (self->sources, s);
        gsize len;
        const char *text = g_bytes_get_data (source->text, &len);
        if (pass == 0)
          gls_casing_scan (casing, text, len);
        else
          gls_casing_count (casing, text, len);
      }

  for (guint t = 0; t < self->terms->len; t++)
    {
      GlsTerm *term = &g_array_index (self->terms, GlsTerm, t);
      const GlsName *name = &g_array_index (self->names, GlsName, g_array_index (first_name, guint32, t));
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, name->entry);
      gsize len;
      const char *text = gls_glossary_slice (self, entry, name->text, &len);
      if (g_array_index (title_of, GlsSlice, t).len > 0)
        {
          entry = &g_array_index (self->entries, GlsEntry, g_array_index (title_entry, guint32, t));
          text = gls_glossary_slice (self, entry, g_array_index (title_of, GlsSlice, t), &len);
        }
      g_autofree char *spelling = g_strndup (text, len);
      char lower[65];

      for (gsize i = 0; i < len;)
        {
          if (!g_ascii_isalnum (spelling[i]))
            {
              i++;
              continue;
            }
          gsize start = i;
          gboolean ascii = TRUE;
          /* Not "ascii = ascii && spelling[i++] < 0x80": once ascii is FALSE
           * the && skips the increment and a word with two non-ASCII bytes
           * ("naïve") loops forever. */
          for (; i < len && (g_ascii_isalnum (spelling[i]) || (guchar) spelling[i] >= 0x80); i++)
            if ((guchar) spelling[i] >= 0x80)
              ascii = FALSE;
          gsize n = i - start;
          if (!ascii || n > 64)
            continue;
          for (gsize k = 0; k < n; k++)
            lower[k] = g_ascii_tolower (spelling[start + k]);
          gboolean ies_to_y;
          gsize keep = gls_normalize_singular_length (lower, n, &ies_to_y);
          if (ies_to_y)
            continue;
          const char *preferred = gls_casing_preferred (casing, lower, keep, NULL, NULL);
          gboolean whole_term = start == 0 && i == len;
          if (preferred != NULL && gls_casing_is_irregular (preferred, keep) &&
              (whole_term || !(gls_wordlist_contains (words, lower, n) || gls_wordlist_contains (words, lower, keep))))
            memcpy (spelling + start, preferred, keep);
        }
      /* The key can be shorter than the spelling (a title's "(X)" part,
       * separators folded): compare lengths before bytes. */
      const char *key = self->pool->str + term->key;
      if (strlen (key) != len || memcmp (spelling, key, len) != 0)
        term->canonical = pool_add (self->pool, spelling, len);
      for (gsize i = 0; i < len;)
        {
          gsize n = 0;
          while (i + n < len && g_ascii_isalnum (spelling[i + n]))
            n++;
          if (n > 0 && gls_casing_is_irregular (spelling + i, n))
            term->flags |= GLS_TERM_IRREGULAR_CASE;
          i += n > 0 ? n : 1;
        }
    }
}

/* Which terms are ordinary English words; the roles of header items are
 * decided by roles.c from their entry's evidence. */
static void
assign_roles (GlsGlossary *self, const GlsWordlist *words)
{
  for (guint t = 0; t < self->terms->len; t++)
    {
      GlsTerm *term = &g_array_index (self->terms, GlsTerm, t);
      const char *key = self->pool->str + term->key;
      const char *canonical = self->pool->str + term->canonical;
      if (strchr (key, ' ') == NULL &&
          (gls_wordlist_contains (words, key, strlen (key)) ||
           gls_wordlist_contains (words, canonical, strlen (canonical))))
        term->flags |= GLS_TERM_ENGLISH_WORD;
      if ((term->flags & GLS_TERM_ENGLISH_WORD) && (term->flags & GLS_TERM_IRREGULAR_CASE))
        term->flags |= GLS_TERM_CASE_SENSITIVE;
    }
  gls_roles_assign (self, words);
}

typedef struct
{
  guint32  name;
  guint32  term;
  guint32  entry;
  GlsRole  role;
  gboolean is_default;
} RefKey;

static int
compare_refs (gconstpointer pa, gconstpointer pb)
{
  const RefKey *a = pa, *b = pb;
  if (a->term != b->term)
    return a->term < b->term ? -1 : 1;
  if (a->role != b->role)
    return a->role < b->role ? -1 : 1;
  if (a->is_default != b->is_default)
    return a->is_default ? 1 : -1;
  if (a->entry != b->entry)
    return a->entry < b->entry ? -1 : 1;
  return a->name < b->name ? -1 : a->name > b->name;
}

/* A (term, entry) pair's hash from all 64 bits: g_int64_hash keeps only the
 * low 32 (GLib 2.74), so the pairs of one entry naming 80k terms, or of 80k
 * entries sharing a term, all collided and the build was quadratic. */
static guint
pair_hash (gconstpointer key)
{
  guint64 x = *(const guint64 *) key;
  /* The MurmurHash3 64-bit finalizer: every input bit affects every output bit. */
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return (guint) x;
}

/* Every term's names, one per entry (its best role), ranked. */
static void
assign_refs (GlsGlossary *self)
{
  g_autoptr (GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (RefKey), self->names->len);

  for (guint i = 0; i < self->names->len; i++)
    {
      const GlsName *name = &g_array_index (self->names, GlsName, i);
      if (name->term == GLS_NO_TERM)
        continue;
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, name->entry);
      const GlsSource *source = g_ptr_array_index (self->sources, entry->source);
      RefKey key = { i, name->term, name->entry, name->role, source->is_default };
      g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_refs);

  /* After sorting by (term, role, ...), the first ref of a (term, entry) pair
   * carries its best role: drop the others so an entry that names a term twice
   * ("rife, rife, ...") is listed once. */
  g_autoptr (GHashTable) seen = g_hash_table_new (pair_hash, g_int64_equal);
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_set_size (pairs, keys->len);
  for (guint i = 0; i < keys->len; i++)
    {
      const RefKey *key = &g_array_index (keys, RefKey, i);
      GlsTerm *term = &g_array_index (self->terms, GlsTerm, key->term);
      gint64 *pair = &g_array_index (pairs, gint64, i);
      *pair = ((gint64) key->term << 32) | key->entry;
      if (!g_hash_table_add (seen, pair))
        continue;
      if (term->n_refs == 0)
        term->first_ref = self->refs->len;
      term->n_refs++;
      g_array_append_val (self->refs, key->name);
      if (key->role < GLS_ROLE_KEYWORD)
        term->flags |= GLS_TERM_MATCH_PROSE;
    }
}

static void
build_trie (GlsGlossary *self)
{
  GlsTrieBuilder *builder = gls_trie_builder_new ();
  for (guint t = 0; t < self->terms->len; t++)
    {
      const GlsTerm *term = &g_array_index (self->terms, GlsTerm, t);
      const char *key = self->pool->str + term->key;
      gls_trie_builder_add (builder, key, strlen (key), t);
    }
  self->trie = gls_trie_builder_finish (builder);
}

/* The seed format's "write X, not Y": avoid: lines (preference.h). */
static void
add_avoid_lines (GlsGlossary *self)
{
  for (guint e = 0; e < self->entries->len; e++)
    {
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, e);
      const GlsSource *source = g_ptr_array_index (self->sources, entry->source);
      gsize len;
      const char *text = g_bytes_get_data (source->text, &len);
      gls_preferences_from_entry (text, len, entry, &g_array_index (self->names, GlsName, entry->first_name),
                                  self->preferences);
    }
}

/* gls_glossary_new_from_sources(); NULL when cancellable (may be NULL) was
 * cancelled before the parse ended. */
static GlsGlossary *
glossary_build (GPtrArray *sources, GPtrArray *issues, GCancellable *cancellable)
{
  GlsGlossary *self = gls_glossary_new_empty ();
  g_autoptr (GPtrArray) own_issues = NULL;
  g_autoptr (GError) error = NULL;

  if (issues == NULL)
    issues = own_issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);

  GlsLoaderBatch *batch = gls_loader_batch_new (0);
  guint first_issue = issues->len;
  gls_glossary_take_sources (self, sources);
  for (guint i = 0; i < self->sources->len; i++)
    {
      const GlsSource *source = g_ptr_array_index (self->sources, i);
      gsize len;
      const char *text = g_bytes_get_data (source->text, &len);
      gls_loader_batch_add (batch, source->display_path, text, len, i);
    }
  gls_loader_batch_set_cancellable (batch, cancellable);
  gls_loader_batch_run (batch, self->entries, self->names, issues);
  /* Issues name their file by display path; mark those of the default glossary. */
  for (guint k = first_issue; k < issues->len; k++)
    {
      GlsIssue *issue = g_ptr_array_index (issues, k);
      for (guint i = 0; i < self->sources->len; i++)
        {
          const GlsSource *source = g_ptr_array_index (self->sources, i);
          if (source->is_default && g_strcmp0 (issue->path, source->display_path) == 0)
            issue->in_default = TRUE;
        }
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      gls_glossary_unref (self);
      return NULL;
    }

  g_autoptr (GlsWordlist) words = gls_wordlist_new_default (&error);
  if (words == NULL)
    g_error ("the embedded word list is missing: %s", error->message);

  add_avoid_lines (self);
  gls_roles_repair_split_headers (self);
  assign_terms (self, issues);
  assign_canonical (self, words);
  assign_roles (self, words);
  assign_refs (self);
  build_trie (self);
  return self;
}

GlsGlossary *
gls_glossary_new_from_sources (GPtrArray *sources, GPtrArray *issues)
{
  return glossary_build (sources, issues, NULL);
}

GlsGlossary *
gls_glossary_load (const GlsGlossaryOptions *options, GPtrArray *issues)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GPtrArray) own_issues = NULL;

  if (issues == NULL)
    issues = own_issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  /* User glossaries first: their entries rank before the default's anyway,
   * and their problems are what the user most needs to see first. */
  for (const char * const *path = options->paths; path != NULL && *path != NULL; path++)
    gls_sources_add_path (sources, *path, issues);
  if (!options->no_default)
    gls_sources_add_default (sources);

  g_autoptr (GBytes) key = NULL;
  if (options->cache_dir != NULL && (key = gls_glossary_cache_key (sources)) != NULL)
    {
      GlsGlossary *cached = gls_glossary_cache_read (options->cache_dir, key, sources, issues);
      if (cached != NULL)
        return cached;
    }
  guint first_issue = issues->len;
  GlsGlossary *self = glossary_build (sources, issues, options->cancellable);
  if (self != NULL && key != NULL)
    gls_glossary_cache_write (options->cache_dir, key, self, issues, first_issue);
  return self;
}

const char *
gls_role_to_string (GlsRole role)
{
  static const char *const names[] = { "headword", "title", "alias", "mention", "keyword", "tag" };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == GLS_ROLE_LAST + 1);
  return (guint) role <= GLS_ROLE_LAST ? names[role] : "unknown";
}

gsize
gls_glossary_title_end (const GlsEntry *entry)
{
  /* 64-bit sums: a snapshot read back from disk may hold any slices. */
  guint64 title_end = (guint64) entry->title.start + entry->title.len;
  if (entry->title.len == 0 || entry->title.start < entry->body.start ||
      title_end > (guint64) entry->body.start + entry->body.len)
    return 0;
  return (gsize) (title_end - entry->body.start);
}

/* The first bytes of an entry's definition after its title, normalized. */
#define ALIKE_START 80

static void
definition_start (const GlsGlossary *self, const GlsEntry *entry, GString *out)
{
  gsize len;
  const char *body = gls_glossary_slice (self, entry, entry->body, &len);
  gsize skip = 0;
  skip = gls_glossary_title_end (entry);
  /* A few times the compared length: normalizing folds runs of spaces. */
  gsize take = MIN (len - skip, (gsize) ALIKE_START * 4);
  /* Do not cut a UTF-8 character in two. */
  while (take < len - skip && ((guchar) body[skip + take] & 0xC0) == 0x80)
    take--;
  g_string_truncate (out, 0);
  gls_normalize (body + skip, (gssize) take, out, NULL);
}

gboolean
gls_glossary_entries_alike (const GlsGlossary *self, const GlsEntry *a, const GlsEntry *b)
{
  if (a == b)
    return TRUE;
  if (a->title.len > 0 && b->title.len > 0)
    {
      gsize la, lb;
      const char *ta = gls_glossary_slice (self, a, a->title, &la);
      const char *tb = gls_glossary_slice (self, b, b->title, &lb);
      g_autofree char *ka = gls_normalize_key (ta, (gssize) la);
      g_autofree char *kb = gls_normalize_key (tb, (gssize) lb);
      if (strcmp (ka, kb) == 0)
        return TRUE;
    }
  g_autoptr (GString) sa = g_string_new (NULL);
  g_autoptr (GString) sb = g_string_new (NULL);
  definition_start (self, a, sa);
  definition_start (self, b, sb);
  return sa->len >= ALIKE_START && sb->len >= ALIKE_START && memcmp (sa->str, sb->str, ALIKE_START) == 0;
}
