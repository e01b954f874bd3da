/* fuzz_readers.c — libFuzzer target: the glossary readers of other formats
 * (glossary/format.h: Markdown pages, Sphinx, MyST, abbreviations,
 * Contextive, YAML, JSON, CSV).
 *
 * Input: one byte choosing the format (its value modulo the number of
 * formats besides the seed layout), then the file's bytes as they are (the
 * readers must cope with any bytes, not only the valid UTF-8 that
 * glossary/source.h hands them).
 *
 * Oracles: the model text starts with the file's bytes; every slice lies in
 * the model text, every header and category in the file; each entry has a
 * name, a non-empty one, and a line inside the file; names point back at
 * their entry; issue lines are inside the file; every deprecated name
 * (preference) is a non-empty slice of the model text written on a line of
 * the file, its preferred spelling a name of the file; reading twice gives
 * the same entries, names, preferences and model text (no state between calls); and format
 * detection answers for the file under every kind of name. */
#include "fuzz_common.h"

#include "glossary/issue.h"
#include "glossary/format.h"
#include "glossary/preference.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct
{
  GArray    *entries;
  GArray    *names;
  GPtrArray *issues;
  GArray    *preferences;
  GBytes    *model;
} Result;

static Result
run (GlsFormat format, const char *text, gsize len)
{
  Result r = { g_array_new (FALSE, FALSE, sizeof (GlsEntry)), g_array_new (FALSE, FALSE, sizeof (GlsName)),
               g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free),
               g_array_new (FALSE, FALSE, sizeof (GlsPreference)), NULL };
  gls_format_read (format, "fuzz", text, len, 0, r.entries, r.names, r.issues, r.preferences, &r.model);
  return r;
}

static void
result_clear (Result *r)
{
  g_array_unref (r->entries);
  g_array_unref (r->names);
  g_ptr_array_unref (r->issues);
  g_array_unref (r->preferences);
  g_bytes_unref (r->model);
}

static void
check (const Result *r, const char *text, gsize len)
{
  gsize model_len;
  const char *model = g_bytes_get_data (r->model, &model_len);
  guint lines = 1;
  for (gsize i = 0; i < len; i++)
    lines += text[i] == '\n';

  if (model_len < len || (len > 0 && memcmp (model, text, len) != 0))
    fuzz_fail ("model text (%zu bytes) does not start with the file (%zu bytes)", model_len, len);
  for (guint i = 0; i < r->entries->len; i++)
    {
      const GlsEntry *e = &g_array_index (r->entries, GlsEntry, i);
      if ((guint64) e->body.start + e->body.len > model_len || (guint64) e->header.start + e->header.len > len ||
          (guint64) e->category.start + e->category.len > len)
        fuzz_fail ("entry %u: a slice lies outside its text", i);
      if (e->line == 0 || e->line > lines)
        fuzz_fail ("entry %u: line %u of %u", i, e->line, lines);
      if (e->n_names == 0 || e->n_items == 0 || e->n_items > e->n_names ||
          (guint64) e->first_name + e->n_names > r->names->len)
        fuzz_fail ("entry %u: names [%u,+%u) of %u", i, e->first_name, e->n_names, r->names->len);
      for (guint k = 0; k < e->n_names; k++)
        {
          const GlsName *n = &g_array_index (r->names, GlsName, e->first_name + k);
          if (n->entry != i || n->text.len == 0 || (guint64) n->text.start + n->text.len > model_len)
            fuzz_fail ("entry %u name %u: entry %u, slice [%u,+%u)", i, k, n->entry, n->text.start, n->text.len);
          if ((k == 0) != (n->role == GLS_ROLE_HEADWORD) || (k < e->n_items) == (n->role == GLS_ROLE_TITLE))
            fuzz_fail ("entry %u name %u has role %d", i, k, (int) n->role);
        }
    }
  for (guint i = 0; i < r->preferences->len; i++)
    {
      const GlsPreference *p = &g_array_index (r->preferences, GlsPreference, i);
      if (p->rejected.len == 0 || (guint64) p->rejected.start + p->rejected.len > model_len ||
          p->preferred.len == 0 || (guint64) p->preferred.start + p->preferred.len > model_len)
        fuzz_fail ("preference %u: a slice outside the model text or empty", i);
      if (p->line == 0 || p->line > lines)
        fuzz_fail ("preference %u: line %u of %u", i, p->line, lines);
    }
  for (guint i = 0; i < r->issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (r->issues, i);
      if (issue->line > lines)
        fuzz_fail ("issue at line %u of %u: %s", issue->line, lines, issue->message);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  GlsFormat format = (GlsFormat) (1 + data[0] % GLS_FORMAT_LAST);
  const char *text = (const char *) data + 1;
  gsize len = size - 1;

  Result a = run (format, text, len);
  check (&a, text, len);
  Result b = run (format, text, len);
  if (a.entries->len != b.entries->len || a.names->len != b.names->len || a.issues->len != b.issues->len ||
      a.preferences->len != b.preferences->len ||
      (a.preferences->len > 0 &&
       memcmp (a.preferences->data, b.preferences->data, a.preferences->len * sizeof (GlsPreference)) != 0) ||
      !g_bytes_equal (a.model, b.model) ||
      /* An empty GArray's data is NULL, which memcmp must not get. */
      (a.entries->len > 0 && memcmp (a.entries->data, b.entries->data, a.entries->len * sizeof (GlsEntry)) != 0) ||
      (a.names->len > 0 && memcmp (a.names->data, b.names->data, a.names->len * sizeof (GlsName)) != 0))
    fuzz_fail ("reading the same %s text twice gave different results", gls_format_to_string (format));
  result_clear (&a);
  result_clear (&b);

  static const char *const paths[] = { "g.md", "g.rst", "g.txt", ".contextive/d.yml", "g.yaml", "g.json", "g.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    if ((guint) gls_format_detect (paths[i], text, len) > GLS_FORMAT_LAST)
      fuzz_fail ("detection of %s gave no format", paths[i]);
  return 0;
}
