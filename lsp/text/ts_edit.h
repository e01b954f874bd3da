/* ts_edit.h — what an incremental tree-sitter user keeps beside its tree.
 *
 * ts_tree_edit() wants every edit in bytes and in TSPoints (row, byte
 * column), and tree-sitter counts rows by '\n' alone. A newline index, the
 * sorted byte offsets of every '\n' of the text, answers both halves: the
 * point of an offset is a binary search, and the index follows an edit by
 * dropping the replaced newlines, shifting the later ones and adding the
 * inserted ones (O(inserted bytes + newlines after the edit)). This is not
 * text/lines.h, whose lines end at "\r\n" and "\r" too, as LSP wants.
 *
 * The index is a GArray of guint32 owned by the caller; the text is never
 * kept. Offsets are those of text[0..len) with len < 4 GiB. Not thread-safe
 * for mutation.
 */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <tree_sitter/api.h>

#include "text/span.h"

G_BEGIN_DECLS

/* Index of the first element of a sorted guint32 array that is >= v
 * (a->len when none is). */
guint       gls_u32_lower_bound          (const GArray *a,
                                          guint32       v);

/* Appends the offset of every '\n' in text[from..to) to newlines. */
void        gls_ts_newlines_append       (GArray       *newlines,
                                          const char   *text,
                                          guint32       from,
                                          guint32       to);

/* The tree-sitter point of a byte offset of the indexed text. */
TSPoint     gls_ts_newlines_point_at     (const GArray *newlines,
                                          guint32       offset);

/* Records that text[start..old_end) of the indexed text was replaced, and
 * the new text (given whole) holds the replacement at [start..new_end).
 * Updates the index to the new text and returns the edit to hand to
 * ts_tree_edit(). */
TSInputEdit gls_ts_newlines_edit         (GArray       *newlines,
                                          const char   *text,
                                          guint32       start,
                                          guint32       old_end,
                                          guint32       new_end);

/* ts_parser_parse_string() that stops when cancellable (may be NULL) is
 * cancelled, from another thread too: NULL then, and the parser is reset so
 * the next parse starts clean. old_tree (may be NULL) must already carry the
 * edits. */
TSTree     *gls_ts_parse_cancellable     (TSParser     *parser,
                                          TSTree       *old_tree,
                                          const char   *text,
                                          guint32       len,
                                          GCancellable *cancellable);

/* One incremental step of a tree-sitter user: updates newlines to the new
 * text (gls_ts_newlines_edit), edits *tree, reparses text[0..len)
 * (cancellable may be NULL) and then appends to ranges (GlsByteRange) the
 * ranges tree-sitter reports changed followed by the edited [start, new_end),
 * and replaces *tree by the new tree (the old one deleted). FALSE when
 * cancelled: *tree is the old tree with the edit applied, nothing is
 * appended and no error is set (callers name the failure and drop their
 * state). */
gboolean    gls_ts_reparse               (TSParser     *parser,
                                          TSTree      **tree,
                                          GArray       *newlines,
                                          const char   *text,
                                          guint32       len,
                                          guint32       start,
                                          guint32       old_end,
                                          guint32       new_end,
                                          GArray       *ranges,
                                          GCancellable *cancellable);

G_END_DECLS
