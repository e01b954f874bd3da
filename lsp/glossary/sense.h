/* sense.h — which entry a mention means, chosen by the words around it.
 *
 * A word can name two things in one glossary: "transformers" the
 * architecture (the headword of one entry) and the Hugging Face library (an
 * entry named "transformers library", titled "Hugging Face Transformers").
 * The candidates of a term are the entries of its own names (glossary.h's
 * rank order) and the entries of lit names that are the term followed by
 * more words ("transformers library" for "transformers"). Each is scored by
 * a simplified Lesk overlap: the distinct content words of the text around
 * the mention (SENSE_CONTEXT bytes either side) found in the entry's
 * signature (its title, header items and the start of its definition) but
 * not in the signature of the entry shown by default. Words both entries use
 * say nothing about which one is meant; neither do the term's own words,
 * short words or function words. The default (the term's best entry) is
 * kept unless another candidate has at least SENSE_MIN such words and
 * SENSE_MARGIN more than the default has against it (an entry's own names
 * count twice): weak evidence never changes an answer. Two more conditions:
 * an entry reached through a longer name is chosen only when the mention is
 * spelled as that entry writes it ("transformers", not "transformer": a
 * library is called by its exact name); and an entry whose signature shares
 * one word in SENSE_DISTINCT or more with the default's describes the same
 * thing in other words (a tutorial and a reference), so it is never chosen
 * by context: the rank order decides between such entries.
 *
 * Reads only; thread-safe on an immutable glossary. Cost: O(context +
 * candidates × signature), each bounded by the constants in sense.c (600
 * bytes either side, 8 + 16 candidates, 64 header items and 800 definition
 * bytes per signature), whatever the document or the glossary.
 */
#pragma once

#include "glossary/glossary.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 entry;     /* the entry to show first (index for gls_glossary_entry) */
  guint32 name;      /* its name that the choice came from (index for gls_glossary_name) */
  gboolean changed;  /* not the term's best entry */
  guint   score;     /* its context words against the default (0 when unchanged) */
} GlsSense;

/* The entry that a mention of term at text[start, end) means. text is the
 * document (or any text around the mention, len bytes; the mention must lie
 * inside it). FALSE when the term has no entry. */
gboolean gls_sense_choose (const GlsGlossary *glossary, guint32 term, const char *text, gsize len,
                           gsize start, gsize end, GlsSense *out);

G_END_DECLS
