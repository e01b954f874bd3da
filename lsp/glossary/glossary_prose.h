/* glossary_prose.h — the prose of a glossary file open in an editor.
 *
 * GlsProse (text/prose.h) treats languageId "glossary" as having no prose,
 * because the structure of a glossary file is only known to its grammar.
 * This module parses the file with that grammar (grammar/, the same parser
 * the loader uses) and reports, with prose.h's span type and invariants:
 *   - every header item (`term` and `category` nodes) as GLS_PROSE_HEADING;
 *   - the text of entry bodies (`text` nodes), read as Markdown by a
 *     GlsProse("markdown"), so emphasis markers, inline code, links and
 *     tables are handled exactly as in a Markdown document.
 * Not prose: code blocks, math blocks, the page-export preamble, stray text
 * before the first entry.
 *
 * Incremental updates follow gls_prose_reparse_after_edit's contract: the
 * tree is edited and reparsed by tree-sitter, and only the top-level nodes
 * (entries) touched by the edit or by tree-sitter's changed ranges are
 * re-extracted; the other spans are shifted.
 *
 * Ownership and threads: a GlsGlossaryProse owns its parser, tree and spans,
 * never the text (read only during a call). One thread at a time.
 *
 * Complexity: a full parse is tree-sitter's parse plus one Markdown scan of
 * the body text; an edit costs the incremental reparse, the re-extraction of
 * the touched entries and O(spans + lines) shifting.
 */
#pragma once

#include <gio/gio.h>

#include "text/prose.h"

G_BEGIN_DECLS

typedef struct _GlsGlossaryProse GlsGlossaryProse;

GlsGlossaryProse *gls_glossary_prose_new    (void);
void              gls_glossary_prose_free   (GlsGlossaryProse *self);

/* Full parse of text[0..len). On failure (cancelled, or 4 GiB and more) the
 * object holds no spans until the next successful parse. */
gboolean          gls_glossary_prose_parse  (GlsGlossaryProse *self,
                                             const char       *text,
                                             gsize             len,
                                             GCancellable     *cancellable,
                                             GError          **error);

/* As gls_prose_reparse_after_edit (same arguments, same guarantees). */
gboolean          gls_glossary_prose_reparse_after_edit (GlsGlossaryProse *self,
                                                         const char       *new_text,
                                                         gsize             new_len,
                                                         guint32           start,
                                                         guint32           old_end,
                                                         guint32           new_end,
                                                         GArray           *changed,
                                                         GCancellable     *cancellable,
                                                         GError          **error);

/* Appends to out (GArray of GlsProseSpan) the spans intersecting [from, to). */
void              gls_glossary_prose_spans  (const GlsGlossaryProse *self,
                                             guint32                 from,
                                             guint32                 to,
                                             GArray                 *out);
guint             gls_glossary_prose_n_spans (const GlsGlossaryProse *self);

/* Every span of text[0..len) extracted from scratch with a fresh parse:
 * what gls_glossary_prose_spans must equal after any sequence of edits
 * (tests). */
void              gls_glossary_prose_extract (const char *text,
                                              gsize       len,
                                              GArray     *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsGlossaryProse, gls_glossary_prose_free)

G_END_DECLS
