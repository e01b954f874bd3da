/* prose_markdown.h — Markdown block structure to prose spans, resumable.
 *
 * A line-based CommonMark + GFM block scanner: block quotes and list items
 * (containers, nesting capped at 64: deeper markers are text), ATX and setext
 * headings, fenced and indented code, the seven kinds of HTML blocks, link
 * reference definitions, thematic breaks, pipe tables, YAML ("---") and TOML
 * ("+++") front matter (only if closed within the first 64 KiB). Inline
 * content goes through prose_inline.h. Lines end at \n, \r\n or \r; tabs
 * advance to the next multiple of 4 columns.
 *
 * Checkpoints make it incremental. A checkpoint is a line start where the
 * scanner state is empty, so that what follows scans the same whatever came
 * before: offset 0, and every line that starts in column 0, is not blank, is
 * not inside a top-level fence or HTML block, and either follows a blank line
 * or opens a block that closes everything open (ATX heading, fence, thematic
 * break of * or _, HTML block of kinds 1-6). A scan records the checkpoints it
 * passes; a later scan after an edit restarts at gls_prose_markdown_restart()
 * and stops at the first checkpoint past the edit that was also a checkpoint
 * before it (shifted): from there on the old spans are still right.
 * Spans never cross a checkpoint. O(bytes scanned); no state survives a call.
 */
#pragma once

#include "text/span.h"

#include <gio/gio.h>

G_BEGIN_DECLS

/* Scans text from offset from (a checkpoint, 0 for a full scan) and appends
 * the spans (GlsProseSpan) and checkpoints (guint32, from included) it meets.
 * If old_checkpoints is non-NULL, stops at the first checkpoint c >=
 * stop_after such that c - delta is in old_checkpoints (sorted) and returns c;
 * otherwise, or if there is none, scans to the end and returns len. Returns
 * G_MAXUINT32 if cancelled (the arrays then hold a partial result). */
guint32 gls_prose_markdown_scan    (const char   *text,
                                    guint32       len,
                                    guint32       from,
                                    const GArray *old_checkpoints,
                                    gint64        delta,
                                    guint32       stop_after,
                                    GArray       *spans,
                                    GArray       *checkpoints,
                                    GCancellable *cancellable);

/* The checkpoint (of checkpoints, sorted, valid before the edit) from which to
 * rescan new_text after an edit whose first changed byte is start: the last
 * one whose whole line lies before start; 0 when the first line may start
 * front matter and start is within its 64 KiB window. */
guint32 gls_prose_markdown_restart (const char   *new_text,
                                    guint32       new_len,
                                    const GArray *checkpoints,
                                    guint32       start);

G_END_DECLS
