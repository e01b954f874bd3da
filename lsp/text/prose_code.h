/* prose_code.h — comments and docstrings of code, through tree-sitter.
 *
 * The table of tree-sitter languages (VS Code languageIds -> grammar, all
 * compiled from node_modules by lsp/text/grammars/meson.build) and the
 * extraction of prose from a parsed tree: every comment node (types
 * "comment", "line_comment", "block_comment", "html_comment") through
 * prose_comment.h, and for Python the docstrings: a string that is the whole
 * first statement of a module, class or function body (comments before it do
 * not count), its interior split at blank lines (GLS_PROSE_DOCSTRING).
 * Identifiers and string literals are never prose. A "#!" line at offset 0 is
 * a shebang, not a comment.
 *
 * A GlsCodeTables holds per-language symbol tables (built once per GlsProse;
 * nothing global is mutable). Extraction over a range visits only the
 * subtrees that touch it: O(touched nodes).
 */
#pragma once

#include "text/span.h"

#include <tree_sitter/api.h>

G_BEGIN_DECLS

typedef struct _GlsCodeLanguage GlsCodeLanguage;
typedef struct _GlsCodeTables GlsCodeTables;

/* The tree-sitter language for a languageId (lower case), or NULL. */
const GlsCodeLanguage *gls_prose_code_language      (const char *language_id);
const char            *gls_prose_code_language_name (const GlsCodeLanguage *lang);
const TSLanguage      *gls_prose_code_ts_language   (const GlsCodeLanguage *lang);

GlsCodeTables *gls_prose_code_tables_new  (const GlsCodeLanguage *lang);
void           gls_prose_code_tables_free (GlsCodeTables *tables);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsCodeTables, gls_prose_code_tables_free)

/* Appends (sorted) the spans of every comment and docstring whose node
 * touches [*from, *to] (closed: a node ending at *from counts) and widens
 * *from / *to to cover those nodes. */
void gls_prose_code_extract (const GlsCodeTables *tables,
                             TSNode               root,
                             const char          *text,
                             guint32             *from,
                             guint32             *to,
                             GArray              *out);

/* Python: appends to ranges (GlsByteRange) the first statements of the
 * bodies enclosing offset pos, whose docstring status an edit at pos may
 * change. Nothing for other languages. */
void gls_prose_code_docstring_ranges (const GlsCodeTables *tables,
                                      TSNode               root,
                                      guint32              pos,
                                      GArray              *ranges);

G_END_DECLS
