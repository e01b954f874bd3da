/* tex_unicode.h — LaTeX math as readable Unicode text, for hovers: editors'
 * hover Markdown does not render TeX.
 *
 * Converts the subset glossary definitions use: Greek letters and symbols
 * (\alpha -> α, \cdot -> ·, \leq -> ≤, \sum -> ∑, \nabla -> ∇), superscripts
 * and subscripts where Unicode has every character (x^2 -> x², x_{in} -> xᵢₙ;
 * otherwise x^(n+1), x_(max)), \frac{a}{b} -> a/b or (a+1)/(b), \sqrt{x} ->
 * √x, accents on one letter (\hat{x} -> x̂), \mathbb{R} -> ℝ, \text{..} and
 * \mathrm{..} as their text, \left / \right dropped, spacing commands as one
 * space, grouping braces dropped.
 *
 * Anything else (an unknown command, environments such as \begin{cases},
 * alignment "&" and "\\" rows, an unbalanced brace) makes the whole span
 * unrenderable: the caller then shows the TeX as written (as code), never a
 * half-converted mix.
 *
 * Pure function, any thread. Cost O(len); nesting is bounded (deeper input
 * is unrenderable).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends the Unicode rendering of the math tex[0..len) (without its $
 * delimiters) to out and returns TRUE, or returns FALSE and leaves out as it
 * was. */
gboolean gls_tex_to_unicode (const char *tex,
                             gsize       len,
                             GString    *out);

G_END_DECLS
