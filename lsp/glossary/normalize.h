/* normalize.h — the one text normalization shared by glossary keys and documents.
 *
 * A glossary term and a run of document text are compared only after both went
 * through gls_normalize(), so "Rotary-Position  Embeddings" in a document and the
 * header item "rotary position embedding" meet as the same bytes. The rules:
 *
 *   - Unicode case folding (g_utf8_casefold), so LoRA, LORA and lora are equal;
 *   - every run of '-', '_' and white space becomes one ' ', leading and trailing
 *     runs are dropped: "fine-tuning" == "fine tuning" (but not "finetuning");
 *   - each word (a maximal run of letters and digits) loses a regular English
 *     plural ending: -ies -> -y, -sses/-shes/-ches/-xes -> drop "es", a final "s"
 *     after a word of four or more bytes that does not end in ss/is (or us in
 *     words of five or more: "corpus" stays, "GPUs" loses its s) -> dropped.
 *     Words ending in "che" lose the "e" so that "cache" and "caches" agree.
 *     The rules only need to be applied the same way on both sides, so they are
 *     allowed to produce non-words ("cmos" -> "cmo");
 *   - other punctuation is kept as is ("risk assessment (legal)"), and invalid
 *     UTF-8 bytes become U+FFFD, which no key contains.
 *
 * The result is valid UTF-8. Optionally an offset map is filled so that a byte
 * range of the normalized text can be mapped back to the source text: map[i] is
 * the source offset of the character that produced normalized byte i, and
 * map[out->len] is the source length. A match [a, b) in normalized text covers
 * the source bytes [map[a], gls_normalize_source_end(map, b)).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends the normalized form of text[0..len) to out. If map is non-NULL it must
 * be a GArray of guint32; it is cleared and filled with out->len + 1 entries
 * (offsets relative to text). len < 0 means NUL-terminated. */
void   gls_normalize            (const char *text,
                                 gssize      len,
                                 GString    *out,
                                 GArray     *map);

/* Convenience: the normalized key of a term, newly allocated. */
char  *gls_normalize_key        (const char *text,
                                 gssize      len);

/* The source offset just past the last source character that contributed to
 * normalized bytes [.., end): trailing separators folded into a ' ' and
 * dropped plural letters are included, so "models" maps back whole. */
guint32 gls_normalize_source_end (const GArray *map,
                                  gsize         end);

/* The length of a lowercase word once the plural rules above ran on it; when
 * *ies_to_y is set the word's byte at the returned length - 1 must read 'y'.
 * Exposed so that code counting words (casing.h) stems exactly as keys do. */
gsize  gls_normalize_singular_length (const char *word,
                                      gsize       len,
                                      gboolean   *ies_to_y);

/* TRUE if the code point is part of a word (letters, digits, marks). */
gboolean gls_is_word_char       (gunichar c);

G_END_DECLS
