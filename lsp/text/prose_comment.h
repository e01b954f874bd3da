/* prose_comment.h — the text inside a code comment.
 *
 * Shared by the tree-sitter extractor (prose_code.c) and the fallback scanner
 * (prose_fallback.c), so that "//", "///", "//!", "#", "--", ";", "%" line
 * comments and C-style (slash-star, slash-star-star), "<!-- -->", "{- -}",
 * "<# #>", "%{ %}", Lua "--[[ ]]" / "--[==[ ]==]" block comments all lose
 * their markers the same way. Block comments give one span per line; in C-style blocks a leading "*"
 * decoration (" * text") is skipped. A run of the marker character is one
 * marker ("////", "##", "---"), and "//!" is one marker. O(comment length).
 */
#pragma once

#include "text/span.h"

G_BEGIN_DECLS

/* Appends the prose of the comment text[start, end) (markers included,
 * recognised from its first bytes) to out. */
void gls_prose_comment_emit       (GArray       *out,
                                   const char   *text,
                                   guint32       start,
                                   guint32       end,
                                   GlsProseKind  kind);

/* Appends the lines of a block comment body text[start, end) (markers already
 * removed), one span per line; star_decoration skips a leading '*' on every
 * line after the first. */
void gls_prose_comment_emit_lines (GArray       *out,
                                   const char   *text,
                                   guint32       start,
                                   guint32       end,
                                   gboolean      star_decoration,
                                   GlsProseKind  kind);

G_END_DECLS
