/* prose_fallback.h — comments of languages without a tree-sitter grammar.
 *
 * One static const table (prose_fallback.c) gives, per VS Code languageId,
 * its line-comment prefixes, block-comment delimiters (optionally nesting),
 * the characters that quote string literals and a few flags. The scanner
 * walks the text once: outside strings and comments it recognises comment
 * openers (block first, then line prefixes); a quote opens a string that
 * ends at the same unescaped quote or at the end of the line, and comment
 * markers inside strings are not comments. Comment text is emitted through
 * prose_comment.h (markers stripped, blocks per line). Single pass, O(n).
 *
 * Plaintext: every paragraph (text between blank lines) is one TEXT span.
 */
#pragma once

#include "text/span.h"

G_BEGIN_DECLS

typedef struct _GlsCommentSyntax GlsCommentSyntax;

/* The table row for a languageId (lower case), or NULL. */
const GlsCommentSyntax *gls_prose_fallback_syntax (const char *language_id);

/* "fallback:" and the row's markers, e.g. "fallback:#", "fallback:--". */
const char *gls_prose_fallback_name (const GlsCommentSyntax *syntax);

void gls_prose_fallback_scan  (const GlsCommentSyntax *syntax,
                               const char             *text,
                               guint32                 len,
                               GArray                 *out);

void gls_prose_plaintext_scan (const char *text,
                               guint32     len,
                               GArray     *out);

G_END_DECLS
