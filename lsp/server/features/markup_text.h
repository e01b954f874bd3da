/* markup_text.h — a definition's Markdown made fit for a hover: structure
 * restored, condensed at block and sentence boundaries, rendered as
 * Markdown or plain text with its math as Unicode.
 *
 * The steps, in the order term_markup.c applies them to a definition that
 * gls_glossary_definition_dup() (tex_repair.h) has already repaired:
 *
 *   1. gls_definition_start() (definition_layout.h): where the shown text starts (a first
 *      line that is only the bold title is skipped) and whether it opens
 *      with the title in bold ("**LoRA** adds ...": the hover then needs no
 *      separate heading, the title is shown once);
 *   2. gls_definition_restructure(): page exports put a whole entry on one line,
 *      "... text. **Why X Is Needed** - Item: a. - Item: b." : the bold
 *      pseudo-headings and the " - " items that follow them get lines of
 *      their own again, so lists stay lists and condensing can cut between
 *      blocks;
 *   3. gls_markup_condense(): the prefix to show;
 *   4. gls_markup_append_body(): the rendering.
 *
 * Pure functions of their arguments, any thread; results newly allocated.
 */
#pragma once

#include <glib.h>

#include "glossary/definition_layout.h"

G_BEGIN_DECLS

typedef enum
{
  GLS_MARKUP_PLAINTEXT,
  GLS_MARKUP_MARKDOWN,
} GlsMarkupKind;

/* How much of a Markdown definition text[0..len) to show within about limit
 * bytes: returns the length of the prefix to keep (len when it all fits).
 * Cut points, best first:
 *   1. the end of a paragraph (before a blank line);
 *   2. the end of a line, or of a whole code fence / $$ block;
 *   3. the end of a sentence (". ", "! ", "? ") inside the text line that
 *      crosses the limit, where inline code, bold and $ math are balanced;
 * each only if it keeps at least a third of the limit, else the longest of
 * them; with none at all, the last word boundary before the limit (again
 * with balanced inline markup). A cut is never inside a fence or $$ block:
 * a block that does not fit is left out whole (the result may then be 0).
 * The kept text never ends on a heading line ("# X", a bold-only line,
 * "**X**:" with nothing after, as a list item too) nor on a colon: the
 * block such a line introduces (up to the next blank line or heading) is
 * kept when it ends within limit * 3 / 2, else the cut moves before the
 * line. A table is kept with its header, delimiter row and one row at
 * least, or not at all. Trailing white space is not kept. O(len). */
gsize     gls_markup_condense          (const char *text,
                                        gsize       len,
                                        gsize       limit);

/* Appends the definition text[0..len) in kind: Markdown keeps its blocks
 * (each text line followed by another ends in a hard break, a table gets the
 * blank line before it that it needs), plain text drops "**" markers,
 * Markdown escapes and link syntax ("[a](u)" -> "a (u)"). Math ($...$, $$
 * blocks, \( \), \[ \]) becomes Unicode (tex_unicode.h); math that cannot be
 * rendered stays TeX, as code in Markdown. Code spans and fences are kept. */
void      gls_markup_append_body       (GString       *out,
                                        GlsMarkupKind  kind,
                                        const char    *text,
                                        gsize          len);

G_END_DECLS
