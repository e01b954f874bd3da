/* tex_repair.h — undoing the damage a glossary export did to LaTeX.
 *
 * Exported glossaries were written through a string escaper that read the
 * backslash of TeX commands as an escape: "\theta" became a tab and "heta",
 * "\beta" a backspace and "eta" (or "eta" alone once control characters were
 * dropped), "\nabla" a line break and "abla", "\right" a line break and
 * "ight", and every other backslash was lost ("\cdot" became "cdot",
 * "\frac{" "frac{"). gls_tex_repair() puts the backslashes back, only inside
 * math ($...$, $$...$$ blocks and spans, \( \), \[ \]) and only where the
 * evidence is unambiguous:
 *
 *   - a control character \t \b \n \r \f \v \a (or a line break) followed by
 *     letters that complete a known TeX command ("\tau", not "\t" + "au" when
 *     "au" were a command itself) becomes "\" + its letter;
 *   - a word that is a known command ("gamma", "cdot", "frac{", "left[")
 *     gets its backslash; words that are also ordinary subscripts ("in",
 *     "to") and "eta" (\eta, or \beta that lost its \b) are left alone;
 *   - a word that is a known command without its first letter, where exactly
 *     one of the escape letters t b n r f v a completes it ("ext{", "egin{",
 *     "heta", "imes"), gets "\" + that letter; a space before it (a tab made
 *     blank) is kept, which TeX ignores in math.
 * Code spans and fences are never touched. Nothing else changes: a repaired
 * text has the same lines as the source except where a line break was the
 * damaged "\n" / "\r" of a command, which is joined back.
 *
 * The repair is applied when a definition is shown (hover, completion,
 * `define`, `dump`): the model keeps its slices into the source bytes, so
 * every position (entry lines, go-to-definition, diagnostics) still maps to
 * the file as written, and the snapshot cache is unchanged.
 *
 * Pure functions, any thread. Cost O(len).
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

/* (transfer full) The repaired copy of text[0..len), NUL-terminated;
 * *out_len (nullable) gets its length. */
char     *gls_tex_repair              (const char *text,
                                       gsize       len,
                                       gsize      *out_len);

/* TRUE when name[0..len) (letters, no backslash) is a TeX command this
 * module knows: the table both the repair and hover rendering use. */
gboolean  gls_tex_is_known_command    (const char *name,
                                       gsize       len);

/* (transfer full) The entry's definition as it should be shown: its body,
 * repaired (gls_tex_repair). *len (nullable) gets its length. */
char     *gls_glossary_definition_dup (const GlsGlossary *glossary,
                                       const GlsEntry    *entry,
                                       gsize             *len);

G_END_DECLS
