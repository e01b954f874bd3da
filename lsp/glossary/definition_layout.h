/* definition_layout.h — the layout facts of an entry's definition that
 * every place showing it uses (hover and completion in lsp/server, `define`
 * in lsp/cli): where the text worth showing under a heading starts, whether
 * its title is generic, and the blocks of a one-line page export.
 *
 * Page exports put a whole entry on one line, "... text. **Why X Is
 * Needed** - Item: a. - Item: b.": gls_definition_restructure() gives the
 * bold pseudo-headings and the " - " items that follow them lines of their
 * own again, so lists stay lists and a condensed text can stop between
 * blocks.
 *
 * Pure functions of their arguments, any thread; results newly allocated.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the definition text[0..len) starts being worth showing under a
 * heading that shows title[0..title_len): after a first line that is only
 * "**title**" (and the blank lines after it). *opens_with_title (nullable)
 * is set when the first line starts with "**title**" followed by text. */
gsize     gls_definition_start         (const char *text,
                                        gsize       len,
                                        const char *title,
                                        gsize       title_len,
                                        gboolean   *opens_with_title);

/* (transfer full) text[0..len) with the one-line layout of page exports
 * broken into lines (see above); other text unchanged. *out_len gets the
 * length. A bold span starts a line when a sentence (or another bold
 * heading) ends right before it and " - ", another bold span, or nothing
 * follows it, or it ends with ":"; after such a heading each " - " followed
 * by a capital, digit or "**" starts a list item. */
char     *gls_definition_restructure   (const char *text,
                                        gsize       len,
                                        gsize      *out_len);

/* TRUE when title[0..len) says nothing about the entry ("Algorithm", "The
 * problem", "Overview"): no word has capitals inside or is all capitals
 * (RoPE, BERT), and no name of names[0..n) has all its words in the title
 * (compared ignoring case and a plural "s"; a word may be a prefix of a
 * title word, "rec" of "recommendation", or the initials of the title's
 * words, "moe"). */
gboolean  gls_definition_title_is_generic (const char        *title,
                                        gsize              len,
                                        const char *const *names,
                                        const gsize       *name_lens,
                                        guint              n);

G_END_DECLS
