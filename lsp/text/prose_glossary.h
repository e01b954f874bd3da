/* prose_glossary.h — the prose of a glossary file, read with the glossary
 * grammar (grammar/, the parser the glossary loader uses).
 *
 * Prose (prose.h's span type and invariants):
 *   - every header item (`term` and `category` nodes) as GLS_PROSE_HEADING;
 *   - the text of entry bodies (`text` nodes), read as Markdown
 *     (prose_markdown.h), so emphasis markers, inline code, links and
 *     tables are handled exactly as in a Markdown document.
 * Not prose: code blocks, math blocks, the page-export preamble, stray text
 * before the first entry.
 *
 * Called by prose.c only (languageId "glossary"), which owns the parser and
 * tree and reparses incrementally like code. A GlsGlossaryTables holds the
 * grammar's symbols (immutable after new); extraction reads the tree and the
 * text during the call and owns nothing. Extraction over a range visits only
 * the top-level nodes (entries) that touch it.
 */
#pragma once

#include "text/span.h"

#include <tree_sitter/api.h>

G_BEGIN_DECLS

typedef struct _GlsGlossaryTables GlsGlossaryTables;

/* The glossary grammar (compiled in, grammar/). */
const TSLanguage  *gls_prose_glossary_ts_language (void);

GlsGlossaryTables *gls_prose_glossary_tables_new  (void);
void               gls_prose_glossary_tables_free (GlsGlossaryTables *tables);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsGlossaryTables, gls_prose_glossary_tables_free)

/* Appends (sorted) the spans of every top-level node that touches
 * [*from, *to] (closed: an edit at an entry's edge may change it) and
 * widens *from / *to to cover those nodes. */
void gls_prose_glossary_extract (const GlsGlossaryTables *tables,
                                 TSNode                   root,
                                 const char              *text,
                                 guint32                 *from,
                                 guint32                 *to,
                                 GArray                  *out);

G_END_DECLS
