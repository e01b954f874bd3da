/* reader_helpers.h — runs one glossary reader (glossary/format.h) on a text
 * and answers questions about what it produced; shared by the reader tests.
 * Header-only (static functions); test thread only. */
#pragma once

#include <criterion/criterion.h>
#include <string.h>

#include "glossary/issue.h"
#include "glossary/format.h"
#include "glossary/preference.h"

typedef struct
{
  const char *text;   /* the file's bytes (borrowed) */
  gsize       len;
  GArray     *entries;
  GArray     *names;
  GPtrArray  *issues;
  GArray     *preferences;  /* GlsPreference: the deprecated names */
  GBytes     *model;  /* the source text the slices point into */
} Read;

static inline Read *
read_as (GlsFormat format, const char *path, const char *text)
{
  Read *r = g_new0 (Read, 1);
  r->text = text;
  r->len = strlen (text);
  r->entries = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  r->names = g_array_new (FALSE, FALSE, sizeof (GlsName));
  r->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  r->preferences = g_array_new (FALSE, FALSE, sizeof (GlsPreference));
  gls_format_read (format, path, text, r->len, 0, r->entries, r->names, r->issues, r->preferences, &r->model);
  /* Every slice lies inside the model text, and the model starts with the file. */
  gsize model_len;
  const char *model = g_bytes_get_data (r->model, &model_len);
  cr_assert (model_len >= r->len && memcmp (model, text, r->len) == 0);
  for (guint i = 0; i < r->entries->len; i++)
    {
      const GlsEntry *e = &g_array_index (r->entries, GlsEntry, i);
      cr_assert ((gsize) e->body.start + e->body.len <= model_len);
      cr_assert ((gsize) e->header.start + e->header.len <= r->len);
      cr_assert (e->n_names > 0 && e->first_name + e->n_names <= r->names->len);
    }
  return r;
}

static inline void
read_free (Read *r)
{
  g_array_unref (r->entries);
  g_array_unref (r->names);
  g_ptr_array_unref (r->issues);
  g_array_unref (r->preferences);
  g_bytes_unref (r->model);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Read, read_free)

static inline const GlsEntry *
entry (const Read *r, guint i)
{
  cr_assert (i < r->entries->len, "entry %u of %u", i, r->entries->len);
  return &g_array_index (r->entries, GlsEntry, i);
}

static inline char *
slice_dup (const Read *r, GlsSlice s)
{
  return g_strndup ((const char *) g_bytes_get_data (r->model, NULL) + s.start, s.len);
}

/* "name|alias|..." of entry i. */
static inline char *
names_of (const Read *r, guint i)
{
  const GlsEntry *e = entry (r, i);
  GString *out = g_string_new (NULL);
  for (guint k = 0; k < e->n_names; k++)
    {
      const GlsName *n = &g_array_index (r->names, GlsName, e->first_name + k);
      g_autofree char *s = slice_dup (r, n->text);
      g_string_append_printf (out, "%s%s", k > 0 ? "|" : "", s);
    }
  return g_string_free (out, FALSE);
}

static inline char *
definition_of (const Read *r, guint i)
{
  return slice_dup (r, entry (r, i)->body);
}

/* The name lies in the file's own bytes (not derived) at line `line`. */
static inline void
assert_name_in_file (const Read *r, guint i, guint k, guint line)
{
  const GlsEntry *e = entry (r, i);
  const GlsName *n = &g_array_index (r->names, GlsName, e->first_name + k);
  cr_assert ((gsize) n->text.start + n->text.len <= r->len, "name %u of entry %u is derived", k, i);
  guint at = 1;
  for (guint32 p = 0; p < n->text.start; p++)
    at += r->text[p] == '\n';
  cr_assert_eq (at, line, "name %u of entry %u on line %u, expected %u", k, i, at, line);
}

/* "rejected->preferred@line" of every deprecated name, joined by ", ". */
static inline char *
preferences_of (const Read *r)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < r->preferences->len; i++)
    {
      const GlsPreference *p = &g_array_index (r->preferences, GlsPreference, i);
      g_autofree char *rejected = slice_dup (r, p->rejected);
      g_autofree char *preferred = slice_dup (r, p->preferred);
      g_string_append_printf (out, "%s%s->%s@%u", i > 0 ? ", " : "", rejected, preferred, p->line);
    }
  return g_string_free (out, FALSE);
}

#define assert_preferences(r, expected)                                   \
  do {                                                                     \
    g_autofree char *got_ = preferences_of ((r));                          \
    cr_assert_str_eq (got_, (expected));                                   \
  } while (0)

/* "path:line: severity: message" lines of every issue, joined by '\n'. */
static inline char *
issues_of (const Read *r)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < r->issues->len; i++)
    {
      g_autofree char *s = gls_issue_format (g_ptr_array_index (r->issues, i));
      g_string_append_printf (out, "%s%s", i > 0 ? "\n" : "", s);
    }
  return g_string_free (out, FALSE);
}

#define assert_names(r, i, expected)                                      \
  do {                                                                     \
    g_autofree char *got_ = names_of ((r), (i));                           \
    cr_assert_str_eq (got_, (expected), "entry %u", (i));                  \
  } while (0)

#define assert_definition(r, i, expected)                                 \
  do {                                                                     \
    g_autofree char *got_ = definition_of ((r), (i));                      \
    cr_assert_str_eq (got_, (expected), "entry %u", (i));                  \
  } while (0)
