/* completion_prefix.h — which text before the cursor a term completion may
 * replace.
 *
 * Terms have several words ("rotary position embedding"), so what the user
 * is typing may be more than the word under the cursor: "rotary po|" should
 * complete as one phrase. A window is a stretch of text that ends at the
 * cursor and starts at a word start (a word character, gls_is_word_char,
 * after a non-word character or at the lower bound). The windows offered are
 * the one starting at the word being typed (when the cursor follows a word
 * character) and those starting at up to max_words - 1 earlier word starts,
 * all of them
 *   - inside the prose span that holds the cursor (the caller passes its
 *     start), so text of code or markup next to the span never joins in;
 *   - on the cursor's line, because LSP requires a completion's edit range to
 *     be one line.
 * A window may end in separators ("rotary |" after a space): the caller reads
 * that as a phrase whose next word is still empty.
 *
 * Windows start at most GLS_COMPLETION_MAX_WINDOW bytes before the cursor
 * (a phrase of a few words is short), so the cost does not depend on the
 * length of the line. UTF-8 is decoded to find word characters; bytes that
 * are not valid UTF-8 count as non-word. Pure; O(GLS_COMPLETION_MAX_WINDOW).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How far back from the cursor windows may start, in bytes. */
#define GLS_COMPLETION_MAX_WINDOW 256

/* Writes to starts[] (room for max_words entries) the start offsets of the
 * windows ending at cursor, longest window first, and returns how many.
 * lower_bound is the start of the prose span; cursor <= len. 0 windows when
 * no word of the line precedes the cursor, or when the cursor follows the end
 * of a clause (one of . , ; : ! ? ) ] } " '): after "c+" or "a/" a phrase may
 * go on, after "end." it does not. */
gsize    gls_completion_windows (const char *text,
                                 gsize       len,
                                 guint32     lower_bound,
                                 guint32     cursor,
                                 guint       max_words,
                                 guint32    *starts);

/* TRUE if the character that ends just before offset is a word character. */
gboolean gls_completion_after_word (const char *text,
                                    gsize       len,
                                    guint32     offset);

G_END_DECLS
