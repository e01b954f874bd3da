/* reader_table.h — one row of a term table (CSV, JSON, YAML, Contextive)
 * and how it becomes an entry. Private to reader_{table,csv,json,yaml}.c.
 *
 * A string is held with where its bytes stand in the file when they do
 * (hint: an offset, or G_MAXSIZE): the builder then stores a slice of the
 * file, so go-to-definition lands on the written term; and with where it is
 * written even when its bytes differ (an escaped JSON string, a YAML block
 * scalar: its token's first byte), for the line of a deprecated name. Record strings are
 * borrowed from the reader's parse; the record owns only its arrays. */
#pragma once

#include "glossary/format_private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *s;
  gsize       n;
  gsize       hint;
  gsize       where;  /* offset of its token in the file; G_MAXSIZE: unknown */
} GlsTableStr;

typedef enum
{
  GLS_COLUMN_OTHER,
  GLS_COLUMN_TERM,
  GLS_COLUMN_DEFINITION,
  GLS_COLUMN_ALIASES,
  GLS_COLUMN_EXAMPLES,
  GLS_COLUMN_CATEGORY,
  GLS_COLUMN_DEPRECATED,
} GlsTableColumn;

typedef struct
{
  gsize       at;          /* an offset on the entry's first line */
  GlsTableStr term;
  GlsTableStr definition;
  GlsTableStr category;    /* used only when it stands in the file (hint set) */
  GArray     *aliases;     /* GlsTableStr */
  GArray     *examples;    /* GlsTableStr */
  GArray     *expansions;  /* GlsTableStr: aliases never split */
  GArray     *deprecated;  /* GlsTableStr: names not to use (split as aliases) */
} GlsTableRecord;

/* What a column header or key names (case-insensitive): term, name, word,
 * abbreviation, acronym; definition, description, meaning, expansion,
 * explanation, gloss; aliases, alias, synonyms, synonym, longform; examples,
 * example; category, context; deprecated, deprecated_aliases, avoid. */
GlsTableColumn gls_table_column (const char *name, gsize len);

void gls_table_record_init  (GlsTableRecord *r, gsize at);
void gls_table_record_clear (GlsTableRecord *r);
/* A term member's strings (GlsTableStr; one, or a list's items): the first
 * is the record's term unless the term is known already (a mapping's key);
 * every other is an expansion ("AP: {term: Acquisition plan}"), which
 * becomes an alias, and the definition when there is none. */
void gls_table_record_term_member (GlsTableRecord *r, const GArray *strings);

/* Appends the entry: term, aliases (each alias string is split at any byte
 * of split, which may be ""), expansions, definition, then "Examples:" as a
 * list; each deprecated name (split at split_deprecated) becomes "write the term, not
 * this" (reader_builder.h) at the line it is written on. An entry without a
 * term is reported at its line and skipped, its deprecated names with it. */
void gls_table_record_emit  (GlsReaderBuilder *b, GlsTableRecord *r, const char *split,
                             const char *split_deprecated);

G_END_DECLS
