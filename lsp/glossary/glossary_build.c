/* glossary_build.c — a glossary from sources in memory: each file read by
 * its format's reader (reader.h), then names grouped into terms, canonical
 * spellings, roles, ranking and the trie (glossary_build.h, glossary.h). */
#include "glossary/glossary_build.h"

#include <string.h>

#include "glossary/casing.h"
#include "glossary/glossary_private.h"
#include "glossary/normalize.h"
#include "glossary/preference.h"
#include "glossary/reader.h"
#include "glossary/roles.h"
#include "glossary/source_words.h"
#include "glossary/wordlist.h"

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

/* The name each term's canonical spelling starts from: the first header item
 * naming it (header items are the glossary's own spelling of terms; titles
 * are Title Cased by convention), or its first title name when no header
 * names it. (transfer full) guint32 name index per term. */
static GArray *
base_names (const GlsGlossary *self)
{
  GArray *first_name = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_array_set_size (first_name, self->terms->len);
  for (guint t = 0; t < self->terms->len; t++)
    g_array_index (first_name, guint32, t) = GLS_NO_TERM;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->names->len; i++)
      {
        const GlsName *name = &g_array_index (self->names, GlsName, i);
        if (name->term == GLS_NO_TERM || (pass == 0 && name->role == GLS_ROLE_TITLE))
          continue;
        if (g_array_index (first_name, guint32, name->term) == GLS_NO_TERM)
          g_array_index (first_name, guint32, name->term) = i;
      }
  return first_name;
}

/* An entry whose title spells its headword ("**RotatE** ...", "**LINE
 * (Large-scale ...)**" for line) says how the name is written, better than
 * counts over the whole glossary, where "line" the word outnumbers LINE the
 * method. Such an irregular title spelling is the canonical one: fills
 * title_of (GlsSlice, len 0: none) and title_entry (guint32) per term. */
static void
irregular_titles (const GlsGlossary *self, GArray *title_of, GArray *title_entry)
{
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
}

/* Replaces, in place, each ASCII word of spelling[0..len) by the glossary's
 * preferred irregular spelling of it (casing.h), under the rule of
 * assign_canonical about ordinary English words. */
static void
respell_words (char *spelling, gsize len, GlsCasing *casing, const GlsWordlist *words)
{
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
}

/* Stores spelling as term's canonical (when it differs from the key) and
 * flags the term when a word of it has irregular capitals. */
static void
set_canonical (GlsGlossary *self, GlsTerm *term, const char *spelling, gsize len)
{
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

/* Each term's canonical spelling: the spelling of its first header item in
 * glossary order (base_names; an irregular title spelling wins,
 * irregular_titles), with each word replaced by the glossary's own most
 * frequent spelling of it when that spelling has irregular capitals
 * (casing.h). An ordinary English word takes its irregular spelling only when
 * it is the whole term ("rope" -> RoPE): inside a phrase the acronym that
 * shares its letters is usually another word ("DRY" the principle is not
 * "dry etch", "FLOP" is not "flip flop"). */
static void
assign_canonical (GlsGlossary *self, const GlsWordlist *words)
{
  g_autoptr (GlsCasing) casing = gls_casing_new ();
  g_autoptr (GArray) first_name = base_names (self);
  g_autoptr (GArray) title_of = g_array_new (FALSE, TRUE, sizeof (GlsSlice));
  g_autoptr (GArray) title_entry = g_array_new (FALSE, TRUE, sizeof (guint32));

  irregular_titles (self, title_of, title_entry);
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
      respell_words (spelling, len, casing, words);
      set_canonical (self, term, spelling, len);
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

/* Every source through its reader, consecutive sources of one reader
 * together (a reader may read them in parallel), in source order so entry
 * indexes follow it. */
static void
read_sources (GlsGlossary *self, const GlsGlossaryReader *only, GPtrArray *issues, GCancellable *cancellable)
{
  guint n = self->sources->len;
  g_autofree GlsReaderInput *inputs = g_new0 (GlsReaderInput, MAX (n, 1));
  g_autofree const GlsGlossaryReader **reader_of = g_new0 (const GlsGlossaryReader *, MAX (n, 1));
  GlsGlossaryBuilder *builder = gls_glossary_builder_new (self, issues, cancellable);

  for (guint i = 0; i < n; i++)
    {
      const GlsSource *source = g_ptr_array_index (self->sources, i);
      inputs[i].path = source->display_path;
      inputs[i].text = g_bytes_get_data (source->text, NULL);
      inputs[i].len = source->file_len;
      inputs[i].source = i;
      inputs[i].format = source->format;
      inputs[i].parsed_entries = source->parsed_entries;
      inputs[i].parsed_names = source->parsed_names;
      inputs[i].parsed_issues = source->parsed_issues;
      inputs[i].parsed_preferences = source->parsed_preferences;
      reader_of[i] = only != NULL ? only : gls_glossary_reader_for (&inputs[i]);
    }
  for (guint i = 0, j; i < n; i = j)
    {
      const GlsGlossaryReader *reader = reader_of[i];
      for (j = i + 1; j < n && reader_of[j] == reader; j++)
        ;
      if (reader->read_run != NULL)
        reader->read_run (builder, inputs + i, j - i);
      else
        for (guint k = i; k < j; k++)
          reader->read (builder, &inputs[k]);
    }
  gls_glossary_builder_free (builder);
  for (guint i = 0; i < n; i++)
    gls_source_drop_parse (g_ptr_array_index (self->sources, i));
  for (guint e = 0; e < self->entries->len; e++)
    g_assert (g_array_index (self->entries, GlsEntry, e).n_items > 0);
}

/* "Write X, not Y" from avoid: lines of any format's definitions (preference.h). */
static void
add_avoid_lines (GlsGlossary *self)
{
  g_autofree GlsLineIndex **lines = g_new0 (GlsLineIndex *, self->sources->len);
  for (guint e = 0; e < self->entries->len; e++)
    {
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, e);
      g_assert (entry->source < self->sources->len);
      const GlsSource *source = g_ptr_array_index (self->sources, entry->source);
      gsize len;
      const char *text = g_bytes_get_data (source->text, &len);
      gls_preferences_from_entry (text, len, source->file_len, entry,
                                  &g_array_index (self->names, GlsName, entry->first_name), &lines[entry->source],
                                  self->preferences);
    }
  for (guint i = 0; i < self->sources->len; i++)
    if (lines[i] != NULL)
      gls_line_index_free (lines[i]);
}

GlsGlossary *
gls_glossary_build (GPtrArray *sources, GPtrArray *issues, GCancellable *cancellable)
{
  return gls_glossary_build_with_reader (sources, NULL, issues, cancellable);
}

GlsGlossary *
gls_glossary_build_with_reader (GPtrArray *sources, const GlsGlossaryReader *reader, GPtrArray *issues,
                                GCancellable *cancellable)
{
  GlsGlossary *self = gls_glossary_new_empty ();
  g_autoptr (GPtrArray) own_issues = NULL;
  g_autoptr (GError) error = NULL;

  if (issues == NULL)
    issues = own_issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);

  guint first_issue = issues->len;
  gls_glossary_take_sources (self, sources);
  gls_source_words_collect (self->vocabulary, self->sources);
  read_sources (self, reader, issues, cancellable);
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
  return gls_glossary_build (sources, issues, NULL);
}
