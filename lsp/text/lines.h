/* lines.h — the line index of a UTF-8 byte buffer.
 *
 * LSP addresses text by (line, character); the core addresses it by byte
 * offset. This index is the bridge's first half: the byte offset at which every
 * line starts, so that finding a line is a binary search instead of a scan.
 *
 * Line terminators are exactly the three LSP 3.17 names ("\n", "\r\n", "\r"),
 * and "\r\n" is one terminator, never two: "a\r\nb" has two lines, "a\r\rb"
 * has three. A buffer of N terminators has N + 1 lines; the empty buffer has
 * one empty line, and a buffer ending in a terminator ends with an empty line.
 * No other byte (NUL, U+2028, NEL, invalid UTF-8) ends a line.
 *
 * Invariants: line 0 starts at 0; starts are strictly increasing and at most
 * the buffer length. The index does not own or keep the buffer: every call that
 * needs bytes takes them, and they must be the bytes the index was built or
 * last updated for.
 *
 * Complexity: building is O(len); locating the line of an offset is O(log
 * lines); gls_line_index_replace() costs O(inserted bytes) scanning plus a
 * move of the starts after the edit (O(lines after it), no byte of the
 * unchanged text is read).
 *
 * Not thread-safe for mutation; concurrent readers of an index nobody mutates
 * are fine.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlsLineIndex GlsLineIndex;

/* Indexes text[0..len). Never fails; text may contain NUL and invalid UTF-8. */
GlsLineIndex *gls_line_index_new            (const char         *text,
                                             gsize               len);

GlsLineIndex *gls_line_index_copy           (const GlsLineIndex *index);

void          gls_line_index_free           (GlsLineIndex       *index);

/* Always >= 1. */
gsize         gls_line_index_n_lines        (const GlsLineIndex *index);

/* Byte offset of the first byte of line (line < n_lines: asserted, callers
 * clamp first). */
gsize         gls_line_index_line_start     (const GlsLineIndex *index,
                                             gsize               line);

/* Byte offset just past the content of line, i.e. before its terminator (the
 * last line has none). line < n_lines (asserted); text/len as documented
 * above. */
gsize         gls_line_index_line_end       (const GlsLineIndex *index,
                                             const char         *text,
                                             gsize               len,
                                             gsize               line);

/* The line containing byte offset (offset <= the buffer length). The bytes of
 * a terminator belong to the line they end. O(log lines). */
gsize         gls_line_index_line_of_offset (const GlsLineIndex *index,
                                             gsize               offset);

/* Updates the index after bytes [start, old_end) of the old buffer were
 * replaced by inserted_len bytes; text/len are the NEW buffer. Handles
 * terminators created or split at the edges ("\r" + "\n" joined into one
 * "\r\n", or separated again). start <= old_end and start + inserted_len
 * <= len are asserted (document.c computes them). */
void          gls_line_index_replace        (GlsLineIndex       *index,
                                             const char         *text,
                                             gsize               len,
                                             gsize               start,
                                             gsize               old_end,
                                             gsize               inserted_len);

/* TRUE if both indexes hold the same line starts (tests, assertions). */
gboolean      gls_line_index_equal          (const GlsLineIndex *a,
                                             const GlsLineIndex *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsLineIndex, gls_line_index_free)

G_END_DECLS
