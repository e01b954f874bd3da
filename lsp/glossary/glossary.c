/* glossary.c — the glossary model: ref-counting and accessors (glossary.h).
 * Building one is glossary_build.c; loading files is glossary_load.c. */
#include "glossary/glossary_private.h"

#include <string.h>

#include "glossary/normalize.h"
#include "glossary/preference.h"

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
  self->vocabulary = g_string_new (NULL);
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

const char *
gls_glossary_vocabulary (const GlsGlossary *self, gsize *len)
{
  *len = self->vocabulary->len;
  return self->vocabulary->str;
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
  g_string_free (self->vocabulary, TRUE);
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
