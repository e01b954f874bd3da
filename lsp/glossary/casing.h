/* casing.h — which capitalisation does the glossary itself use for a word?
 *
 * "LoRA" is written LoRA 59 times and lora 12 times in the seed glossary; the
 * canonical spelling of every term containing that word should say LoRA. A
 * GlsCasing is told which words matter (watch: the words of term keys), then
 * counts, over the glossary text, how often each watched word appears in each
 * spelling. Plural endings are stripped exactly as keys are (normalize.h), so
 * "LoRAs" counts for LoRA. Only ASCII words are counted: a word with another
 * character in it is skipped whole.
 *
 * Cost: one pass over the text with a hash lookup per word of at least two
 * letters; memory proportional to the watched words and their spellings.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GlsCasing GlsCasing;

GlsCasing  *gls_casing_new   (void);
void        gls_casing_free  (GlsCasing *self);

/* Watch a word given in its normalized (lowercase, singular) form. */
void        gls_casing_watch (GlsCasing *self, const char *word, gsize len);

/* Count every watched word in text. */
void        gls_casing_count (GlsCasing *self, const char *text, gsize len);

/* The spelling of a watched word seen most often (ties: the first seen), or
 * NULL when it was never seen. Owned by self. */
const char *gls_casing_preferred (GlsCasing *self, const char *word, gsize len,
                                  guint *count, guint *total);

/* TRUE if word has capitals beyond its first character: LoRA, BF16, vLLM,
 * PyTorch, 3D, AMP; FALSE for lora, Lora, Transformer, a, X. */
gboolean    gls_casing_is_irregular (const char *word, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsCasing, gls_casing_free)

G_END_DECLS
