/* casing.h — which capitalisation does the glossary itself use for a word?
 *
 * "LoRA" is written LoRA 59 times and lora 12 times in the seed glossary; the
 * canonical spelling of every term containing that word should say LoRA. Only
 * words that the text writes with irregular capitals somewhere (a capital after
 * the first character: LoRA, BF16, vLLM) can change a canonical spelling, so
 * counting takes two passes over the same texts:
 *
 *   1. gls_casing_scan: every ASCII word with irregular capitals is recorded,
 *      under its stem (lowercase, plural ending stripped exactly as keys are,
 *      normalize.h: "LoRAs" counts for "lora");
 *   2. gls_casing_count: every other occurrence of those stems is counted (a
 *      bitmap keyed on a word's first three letters rejects almost every other
 *      word before it is stemmed or looked up).
 *
 * Words with a non-ASCII character are skipped whole. Cost: two linear passes,
 * a hash per word, a table lookup only for words whose hash is in the bitmap;
 * memory proportional to the distinct irregular words.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlsCasing GlsCasing;

GlsCasing  *gls_casing_new   (void);
void        gls_casing_free  (GlsCasing *self);

/* Pass 1, over every text. */
void        gls_casing_scan  (GlsCasing *self, const char *text, gsize len);

/* Pass 2, over the same texts, after every gls_casing_scan. */
void        gls_casing_count (GlsCasing *self, const char *text, gsize len);

/* The spelling of a stem (lowercase, singular) seen most often (ties: the first
 * seen), or NULL when the stem was never written with irregular capitals.
 * Owned by self. */
const char *gls_casing_preferred (GlsCasing *self, const char *word, gsize len,
                                  guint *count, guint *total);

/* TRUE if word has capitals beyond its first character: LoRA, BF16, vLLM,
 * PyTorch, 3D, AMP; FALSE for lora, Lora, Transformer, a, X. */
gboolean    gls_casing_is_irregular (const char *word, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsCasing, gls_casing_free)

G_END_DECLS
