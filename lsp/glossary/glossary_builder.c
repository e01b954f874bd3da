/* glossary_builder.c — the entries and names readers add; see glossary_builder.h. */
#include "glossary/glossary_builder.h"

#include "glossary/glossary_private.h"
#include "glossary/preference.h"

struct _GlsGlossaryBuilder
{
  GlsGlossary  *glossary;     /* borrowed */
  GPtrArray    *issues;       /* borrowed */
  GCancellable *cancellable;  /* borrowed, nullable */
};

GlsGlossaryBuilder *
gls_glossary_builder_new (GlsGlossary *glossary, GPtrArray *issues, GCancellable *cancellable)
{
  g_assert (glossary != NULL && issues != NULL);
  GlsGlossaryBuilder *self = g_new0 (GlsGlossaryBuilder, 1);
  self->glossary = glossary;
  self->issues = issues;
  self->cancellable = cancellable;
  return self;
}

void
gls_glossary_builder_free (GlsGlossaryBuilder *self)
{
  g_free (self);
}

guint32
gls_glossary_builder_add_entry (GlsGlossaryBuilder *self, guint32 source, guint32 line, GlsSlice header,
                                GlsSlice body, GlsSlice title, GlsSlice category)
{
  GArray *entries = self->glossary->entries;
  g_return_val_if_fail (source < self->glossary->sources->len, 0);
  /* The entry before must have its headword by now. */
  g_return_val_if_fail (entries->len == 0 || g_array_index (entries, GlsEntry, entries->len - 1).n_items > 0, 0);
  GlsEntry entry = {
    .source = source,
    .line = line,
    .header = header,
    .body = body,
    .title = title,
    .category = category,
    .first_name = self->glossary->names->len,
  };
  g_array_append_val (entries, entry);
  return entries->len - 1;
}

void
gls_glossary_builder_add_name (GlsGlossaryBuilder *self, GlsSlice text, GlsRole role)
{
  GArray *entries = self->glossary->entries;
  g_return_if_fail (entries->len > 0 && text.len > 0);
  g_return_if_fail (role == GLS_ROLE_HEADWORD || role == GLS_ROLE_ALIAS || role == GLS_ROLE_TITLE);
  GlsEntry *entry = &g_array_index (entries, GlsEntry, entries->len - 1);
  /* Header items first, headword first: ranking and roles.c rely on it. */
  g_return_if_fail ((role == GLS_ROLE_HEADWORD) == (entry->n_names == 0));
  g_return_if_fail (role == GLS_ROLE_TITLE || entry->n_items == entry->n_names);

  GlsName name = { .text = text, .entry = entries->len - 1, .term = GLS_NO_TERM, .role = role };
  g_array_append_val (self->glossary->names, name);
  entry->n_names++;
  if (role != GLS_ROLE_TITLE)
    entry->n_items++;
}

void
gls_glossary_builder_add_preference (GlsGlossaryBuilder *self, guint32 source, guint32 line, GlsSlice rejected,
                                     GlsSlice preferred)
{
  g_return_if_fail (source < self->glossary->sources->len && rejected.len > 0);
  GlsPreference p = { source, line, rejected, preferred };
  g_array_append_val (self->glossary->preferences, p);
}

void
gls_glossary_builder_add_issue (GlsGlossaryBuilder *self, GlsIssue *issue)
{
  g_ptr_array_add (self->issues, issue);
}

GCancellable *
gls_glossary_builder_get_cancellable (GlsGlossaryBuilder *self)
{
  return self->cancellable;
}

void
gls_glossary_builder_get_arrays (GlsGlossaryBuilder *self, GArray **entries, GArray **names, GPtrArray **issues)
{
  *entries = self->glossary->entries;
  *names = self->glossary->names;
  *issues = self->issues;
}
