/* snapshot.c — see snapshot.h for the contract and the format. */
#include "glossary/snapshot.h"

#include <gio/gio.h>
#include <string.h>

#include "glossary/digest.h"
#include "glossary/glossary_private.h"
#include "glossary/preference.h"
#include "glossary/snapshot_format.h"
#include "glossary/source.h"
#include "glossary/source_words.h"

/* The arrays are stored as the structs are laid out in memory; these hold
 * only 32-bit fields, so there is no padding whose bytes would vary. */
G_STATIC_ASSERT (sizeof (GlsEntry) == 13 * sizeof (guint32));
G_STATIC_ASSERT (sizeof (GlsName) == 5 * sizeof (guint32));
G_STATIC_ASSERT (sizeof (GlsTerm) == 5 * sizeof (guint32));
G_STATIC_ASSERT (sizeof (GlsPreference) == 6 * sizeof (guint32));

/* ------------------------------------------------------------------ encode */

static void
add_section (GByteArray *out, GlsSnapshotHeader *header, guint index, const void *data, gsize len)
{
  static const guint8 zeros[8] = { 0 };

  g_byte_array_append (out, zeros, (8 - out->len % 8) % 8);
  header->sections[index].offset = out->len;
  header->sections[index].size = len;
  if (len > 0)
    g_byte_array_append (out, data, (guint) len);
}

static GByteArray *
encode_issues (GPtrArray *issues, guint first_issue)
{
  GByteArray *out = g_byte_array_new ();

  for (guint i = first_issue; issues != NULL && i < issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (issues, i);
      GlsSnapshotIssue r = {
        .line = issue->line,
        .severity = issue->severity,
        .in_default = issue->in_default ? 1 : 0,
        .path_len = (guint32) strlen (issue->path),
        .message_len = (guint32) strlen (issue->message),
      };
      g_byte_array_append (out, (const guint8 *) &r, sizeof r);
      g_byte_array_append (out, (const guint8 *) issue->path, r.path_len);
      g_byte_array_append (out, (const guint8 *) issue->message, r.message_len);
    }
  return out;
}

GBytes *
gls_snapshot_encode (const GlsGlossary *glossary, const void *key, gsize key_len,
                     GPtrArray *issues, guint first_issue)
{
  g_return_val_if_fail (glossary != NULL && glossary->trie != NULL, NULL);

  GlsSnapshotHeader header = { .byte_order = GLS_SNAPSHOT_BYTE_ORDER_MARK, .version = GLS_SNAPSHOT_VERSION };
  GByteArray *out = g_byte_array_new ();
  GlsTrieArrays trie;
  g_autoptr (GByteArray) stored_issues = encode_issues (issues, first_issue);

  memcpy (header.magic, GLS_SNAPSHOT_MAGIC, sizeof header.magic);
  gls_trie_get_arrays (glossary->trie, &trie);
  g_byte_array_set_size (out, sizeof header);
  add_section (out, &header, GLS_SNAPSHOT_SEC_KEY, key, key_len);
  add_section (out, &header, GLS_SNAPSHOT_SEC_ENTRIES, glossary->entries->data,
               (gsize) glossary->entries->len * sizeof (GlsEntry));
  add_section (out, &header, GLS_SNAPSHOT_SEC_NAMES, glossary->names->data,
               (gsize) glossary->names->len * sizeof (GlsName));
  add_section (out, &header, GLS_SNAPSHOT_SEC_TERMS, glossary->terms->data,
               (gsize) glossary->terms->len * sizeof (GlsTerm));
  add_section (out, &header, GLS_SNAPSHOT_SEC_REFS, glossary->refs->data,
               (gsize) glossary->refs->len * sizeof (guint32));
  add_section (out, &header, GLS_SNAPSHOT_SEC_POOL, glossary->pool->str, glossary->pool->len);
  add_section (out, &header, GLS_SNAPSHOT_SEC_TRIE_NODES, trie.nodes, (trie.n_nodes + 1) * GLS_TRIE_NODE_SIZE);
  add_section (out, &header, GLS_SNAPSHOT_SEC_TRIE_VALUES, trie.values, trie.n_values * sizeof (guint32));
  add_section (out, &header, GLS_SNAPSHOT_SEC_TRIE_LABELS, trie.labels, trie.n_labels);
  add_section (out, &header, GLS_SNAPSHOT_SEC_PREFERENCES, glossary->preferences->data,
               (gsize) glossary->preferences->len * sizeof (GlsPreference));
  add_section (out, &header, GLS_SNAPSHOT_SEC_VOCABULARY, glossary->vocabulary->str, glossary->vocabulary->len);
  add_section (out, &header, GLS_SNAPSHOT_SEC_ISSUES, stored_issues->data, stored_issues->len);

  memcpy (out->data, &header, sizeof header);
  GlsDigest sum = gls_digest (out->data + GLS_SNAPSHOT_CHECKED_FROM, out->len - GLS_SNAPSHOT_CHECKED_FROM);
  header.checksum_lo = sum.lo;
  header.checksum_hi = sum.hi;
  memcpy (out->data, &header, sizeof header);
  return g_byte_array_free_to_bytes (out);
}

/* ------------------------------------------------------------------ decode */

typedef struct
{
  const guint8 *data;
  GlsSnapshotHeader        header;
  GPtrArray    *sources;  /* the caller's, not yet taken */
} Reader;

static gboolean
fail (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "invalid glossary snapshot: %s", message);
  return FALSE;
}

static const guint8 *
section (const Reader *r, guint index, gsize *size)
{
  *size = (gsize) r->header.sections[index].size;
  return r->data + r->header.sections[index].offset;
}

/* Copies a section of whole elements into array; FALSE if it is not one. */
static gboolean
read_array (const Reader *r, guint index, GArray *array, const char *what, GError **error)
{
  gsize size;
  const guint8 *data = section (r, index, &size);
  guint element = g_array_get_element_size (array);

  if (size % element != 0 || size / element > G_MAXUINT32)
    return fail (error, "%s: not a whole number of records", what);
  if (size > 0)
    g_array_append_vals (array, data, (guint) (size / element));
  return TRUE;
}

/* Inside the source and on its character boundaries: sources are valid
 * UTF-8 (source.h) and the loader cuts only at ASCII delimiters, so a slice
 * that starts or ends inside a character is damage, and would hand hover and
 * completion (JSON strings) bytes that are not UTF-8. */
static gboolean
slice_ok (const Reader *r, guint32 source, GlsSlice slice)
{
  const GlsSource *s = g_ptr_array_index (r->sources, source);
  gsize len;
  const guint8 *text = g_bytes_get_data (s->text, &len);
  guint64 end = (guint64) slice.start + slice.len;

  return end <= len && (slice.start == len || (text[slice.start] & 0xC0) != 0x80) &&
         (end == len || (text[end] & 0xC0) != 0x80);
}

static gboolean
check_entries (const Reader *r, const GlsGlossary *g, GError **error)
{
  for (guint i = 0; i < g->entries->len; i++)
    {
      const GlsEntry *e = &g_array_index (g->entries, GlsEntry, i);
      if (e->source >= r->sources->len)
        return fail (error, "entry %u: no source %u", i, e->source);
      if (!slice_ok (r, e->source, e->header) || !slice_ok (r, e->source, e->body) ||
          !slice_ok (r, e->source, e->title) || !slice_ok (r, e->source, e->category))
        return fail (error, "entry %u: a slice outside its source or inside a character", i);
      /* Every entry has its headword, which is a header item. */
      if (e->n_names == 0 || e->n_items == 0 || e->n_items > e->n_names ||
          (guint64) e->first_name + e->n_names > g->names->len)
        return fail (error, "entry %u: names out of range", i);
      /* Its names are its own: readers take a name's slice from the source
       * of the entry that lists it (term_markup.c, feature_util.c), while
       * check_names checks it against the source of the entry it names. */
      for (guint k = 0; k < e->n_names; k++)
        if (g_array_index (g->names, GlsName, e->first_name + k).entry != i)
          return fail (error, "entry %u: lists a name of another entry", i);
    }
  return TRUE;
}

static gboolean
check_names (const Reader *r, const GlsGlossary *g, GError **error)
{
  for (guint i = 0; i < g->names->len; i++)
    {
      const GlsName *n = &g_array_index (g->names, GlsName, i);
      if (n->entry >= g->entries->len || (n->term >= g->terms->len && n->term != GLS_NO_TERM) ||
          (guint) n->role > GLS_ROLE_LAST)
        return fail (error, "name %u: entry, term or role out of range", i);
      const GlsEntry *e = &g_array_index (g->entries, GlsEntry, n->entry);
      if (!slice_ok (r, e->source, n->text))
        return fail (error, "name %u: a slice outside its source or inside a character", i);
    }
  return TRUE;
}

/* Keys and spellings are whole strings of the pool: an offset into one could
 * start inside a character (the pool is checked string by string). */
static gboolean
string_start (const GString *pool, guint32 at)
{
  return at < pool->len && (at == 0 || pool->str[at - 1] == '\0');
}

static gboolean
check_terms (const GlsGlossary *g, GError **error)
{
  const guint known = GLS_TERM_MATCH_PROSE | GLS_TERM_CASE_SENSITIVE | GLS_TERM_IRREGULAR_CASE |
                      GLS_TERM_ENGLISH_WORD | GLS_TERM_COMBINED;

  for (guint i = 0; i < g->terms->len; i++)
    {
      const GlsTerm *t = &g_array_index (g->terms, GlsTerm, i);
      /* The pool ends with a NUL (checked first), so any offset inside it
       * starts a NUL-terminated string. */
      if ((t->flags & ~known) != 0 || !string_start (g->pool, t->key) ||
          !string_start (g->pool, t->canonical) ||
          t->n_refs == 0 || (guint64) t->first_ref + t->n_refs > g->refs->len)
        return fail (error, "term %u: out of range", i);
    }
  for (guint i = 0; i < g->refs->len; i++)
    if (g_array_index (g->refs, guint32, i) >= g->names->len)
      return fail (error, "ref %u: no such name", i);
  return TRUE;
}

static gboolean
check_pool (const GString *pool, GError **error)
{
  if (pool->len == 0)
    return TRUE;
  if (pool->str[pool->len - 1] != '\0')
    return fail (error, "the string pool does not end with a NUL");
  for (const char *s = pool->str, *end = pool->str + pool->len; s < end; s += strlen (s) + 1)
    if (!g_utf8_validate (s, -1, NULL))
      return fail (error, "the string pool holds invalid UTF-8");
  return TRUE;
}

static gboolean
check_preferences (const Reader *r, const GlsGlossary *g, GError **error)
{
  for (guint i = 0; i < g->preferences->len; i++)
    {
      const GlsPreference *p = &g_array_index (g->preferences, GlsPreference, i);
      if (p->source >= r->sources->len || p->rejected.len == 0 || !slice_ok (r, p->source, p->rejected) ||
          !slice_ok (r, p->source, p->preferred))
        return fail (error, "preference %u: a slice outside its source or inside a character", i);
    }
  return TRUE;
}

static gboolean
read_trie (const Reader *r, GlsGlossary *g, GError **error)
{
  GlsTrieArrays arrays;
  gsize nodes_size, values_size;

  arrays.nodes = section (r, GLS_SNAPSHOT_SEC_TRIE_NODES, &nodes_size);
  arrays.values = (const guint32 *) section (r, GLS_SNAPSHOT_SEC_TRIE_VALUES, &values_size);
  arrays.labels = section (r, GLS_SNAPSHOT_SEC_TRIE_LABELS, &arrays.n_labels);
  if (nodes_size % GLS_TRIE_NODE_SIZE != 0 || nodes_size < 2 * GLS_TRIE_NODE_SIZE ||
      values_size % sizeof (guint32) != 0)
    return fail (error, "trie arrays: not whole records");
  arrays.n_nodes = nodes_size / GLS_TRIE_NODE_SIZE - 1;
  arrays.n_values = values_size / sizeof (guint32);

  g_autoptr (GError) trie_error = NULL;
  g->trie = gls_trie_new_from_arrays (&arrays, g->terms->len, &trie_error);
  if (g->trie == NULL)
    return fail (error, "%s", trie_error->message);
  return TRUE;
}

static gboolean
read_vocabulary (const Reader *r, GlsGlossary *g, GError **error)
{
  gsize size;
  const char *words = (const char *) section (r, GLS_SNAPSHOT_SEC_VOCABULARY, &size);
  if (!gls_source_words_is_valid (words, size))
    return fail (error, "vocabulary: not lowercase words of %d to %d letters, one a line",
                 GLS_SOURCE_WORDS_MIN, GLS_SOURCE_WORDS_MAX);
  g_string_append_len (g->vocabulary, words, (gssize) size);
  return TRUE;
}

static gboolean
read_issues (const Reader *r, GPtrArray *out, GError **error)
{
  gsize size;
  const guint8 *p = section (r, GLS_SNAPSHOT_SEC_ISSUES, &size);

  while (size > 0)
    {
      GlsSnapshotIssue rec;
      if (size < sizeof rec)
        return fail (error, "issues: a truncated record");
      memcpy (&rec, p, sizeof rec);
      p += sizeof rec;
      size -= sizeof rec;
      if ((guint64) rec.path_len + rec.message_len > size || rec.severity > GLS_ISSUE_WARNING)
        return fail (error, "issues: a record out of range");
      const char *path = (const char *) p, *message = path + rec.path_len;
      if (!g_utf8_validate_len (path, rec.path_len, NULL) ||
          !g_utf8_validate_len (message, rec.message_len, NULL))
        return fail (error, "issues: invalid UTF-8");

      GlsIssue *issue = g_new0 (GlsIssue, 1);
      issue->path = g_strndup (path, rec.path_len);
      issue->line = rec.line;
      issue->severity = rec.severity;
      issue->message = g_strndup (message, rec.message_len);
      issue->in_default = rec.in_default != 0;
      g_ptr_array_add (out, issue);
      p += rec.path_len + rec.message_len;
      size -= rec.path_len + rec.message_len;
    }
  return TRUE;
}

static gboolean
read_header (Reader *r, gsize size, const void *key, gsize key_len, GError **error)
{
  if (size < sizeof r->header)
    return fail (error, "shorter than its header");
  memcpy (&r->header, r->data, sizeof r->header);
  if (memcmp (r->header.magic, GLS_SNAPSHOT_MAGIC, sizeof r->header.magic) != 0)
    return fail (error, "not a snapshot");
  if (r->header.byte_order != GLS_SNAPSHOT_BYTE_ORDER_MARK || r->header.version != GLS_SNAPSHOT_VERSION)
    return fail (error, "written by another version or another kind of machine");
  for (guint i = 0; i < GLS_SNAPSHOT_N_SECTIONS; i++)
    {
      const GlsSnapshotSection *s = &r->header.sections[i];
      /* 8-aligned as written, so the trie's words are read aligned (the
       * buffer itself comes from malloc). */
      if (s->offset < sizeof r->header || s->offset > size || s->size > size - s->offset ||
          s->offset % 8 != 0)
        return fail (error, "section %u lies outside the file", i);
    }
  GlsDigest sum = gls_digest (r->data + GLS_SNAPSHOT_CHECKED_FROM, size - GLS_SNAPSHOT_CHECKED_FROM);
  if (sum.lo != r->header.checksum_lo || sum.hi != r->header.checksum_hi)
    return fail (error, "checksum mismatch (a truncated or damaged file)");

  gsize stored_len;
  const guint8 *stored = section (r, GLS_SNAPSHOT_SEC_KEY, &stored_len);
  if (stored_len != key_len || (key_len > 0 && memcmp (stored, key, key_len) != 0))
    return fail (error, "made from other sources");
  return TRUE;
}

GlsGlossary *
gls_snapshot_decode (GBytes *bytes, const void *key, gsize key_len, GPtrArray *sources,
                     GPtrArray *issues, GError **error)
{
  g_return_val_if_fail (bytes != NULL && sources != NULL, NULL);

  gsize size;
  Reader r = { .data = g_bytes_get_data (bytes, &size), .sources = sources };
  /* The trie's arrays are read in place as words: a buffer that is not
   * 8-aligned (never one from malloc) is copied first. */
  g_autofree guint8 *aligned = NULL;
  if ((guintptr) r.data % 8 != 0)
    r.data = aligned = g_memdup2 (r.data, size);
  if (!read_header (&r, size, key, key_len, error))
    return NULL;

  g_autoptr (GlsGlossary) g = gls_glossary_new_empty ();
  g_autoptr (GPtrArray) stored_issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  gsize pool_len;
  const guint8 *pool = section (&r, GLS_SNAPSHOT_SEC_POOL, &pool_len);

  g_string_append_len (g->pool, (const char *) pool, (gssize) pool_len);
  if (!read_array (&r, GLS_SNAPSHOT_SEC_ENTRIES, g->entries, "entries", error) ||
      !read_array (&r, GLS_SNAPSHOT_SEC_NAMES, g->names, "names", error) ||
      !read_array (&r, GLS_SNAPSHOT_SEC_TERMS, g->terms, "terms", error) ||
      !read_array (&r, GLS_SNAPSHOT_SEC_REFS, g->refs, "refs", error) ||
      !read_array (&r, GLS_SNAPSHOT_SEC_PREFERENCES, g->preferences, "preferences", error) ||
      !check_preferences (&r, g, error) || !check_pool (g->pool, error) ||
      !check_entries (&r, g, error) || !check_names (&r, g, error) || !check_terms (g, error) ||
      !read_trie (&r, g, error) || !read_vocabulary (&r, g, error) || !read_issues (&r, stored_issues, error))
    return NULL;

  gls_glossary_take_sources (g, sources);
  if (issues != NULL)
    g_ptr_array_extend_and_steal (issues, g_steal_pointer (&stored_issues));
  return g_steal_pointer (&g);
}
