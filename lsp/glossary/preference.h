/* preference.h — "write X, not Y": a rejected spelling and, when its source
 * gives one, the spelling to use instead.
 *
 * Preferences come from vocabulary lists (vocab.h: cspell flagWords and
 * suggestWords, Vale reject.txt, typos extend-words mappings), from the
 * seed format's `avoid:` lines (gls_preferences_from_entry) and from the
 * deprecated names of the other formats (reader_builder.h: a `deprecated`
 * key or column in term tables and Contextive, "X (deprecated)" in
 * Markdown, Sphinx and MyST term lines and "also called" phrases). Like every other
 * part of the model they are slices of their source's bytes, so they cost a
 * few integers each and say exactly where they were written (file:line). The
 * preferred-term rule (analysis/rule_preferred.c) reports the rejected
 * spelling in prose with a fix to the preferred one.
 *
 * Seed format (and the definition of an entry in any format). Any line of
 * an entry's definition that starts with "avoid:" or "deprecated:" (any
 * case; optionally as a list item "- avoid:" or in bold "**Avoid:**") lists
 * comma-separated spellings that must not be used for the entry's headword:
 *
 *     allowlist, allow list
 *     **Allowlist** is a list of what is permitted ...
 *     Avoid: whitelist, white list
 *
 * The grammar reads the line as ordinary definition text (no grammar change),
 * and hover shows it as part of the definition. Items may be quoted with ` or
 * " and are trimmed; an empty item is skipped.
 */
#pragma once

#include <glib.h>

#include "glossary/entry.h"
#include "text/lines.h"

G_BEGIN_DECLS

typedef struct
{
  guint32  source;     /* index of the GlsSource */
  guint32  line;       /* 1-based line where the rejected spelling is written */
  GlsSlice rejected;   /* the spelling not to use */
  GlsSlice preferred;  /* what to write instead; len 0 when the source names nothing */
} GlsPreference;

/* Appends the preferences of entry's `avoid:` lines (text[0..len) is the
 * entry's source text, of which text[0..file_len) is the file and the rest
 * derived text) to preferences; the preferred spelling is the entry's
 * headword (its first header item, names[entry->first_name]). Lines are
 * LSP's (text/lines.h: "\n", "\r\n" and a lone "\r" each end one), the
 * line of each is the file's. lines (nullable): the caller's cache of the
 * file's line index, one per source, built on first need and freed by the
 * caller (gls_line_index_free; NULL: a cache of this call). Bounded: one
 * pass over the body, plus one over the file per cache, plus (avoid lines
 * in derived text) one search of the file from the entry's header over
 * about twice the body's length. */
void gls_preferences_from_entry (const char     *text,
                                 gsize           len,
                                 gsize           file_len,
                                 const GlsEntry *entry,
                                 const GlsName  *headword,
                                 GlsLineIndex  **lines,
                                 GArray         *preferences);

/* TRUE when line[0..len) is an avoid line (as above). */
gboolean gls_preference_is_avoid_line (const char *line, gsize len);

G_END_DECLS
