/* glossary.h — the loaded glossary: entries, terms, and the trie over them.
 *
 * A GlsGlossary is immutable once built and atomically ref-counted, so the
 * server can hand it to worker threads and swap in a reloaded one while old
 * requests finish with the old one.
 *
 * Building it (glossary_load.h: files, cache; glossary_build.h: reading each
 * file with its format's reader, reader.h, then assembling) names each
 * entry's header items and title aliases,
 * groups names into terms by normalized key (normalize.h), decides per term:
 *
 *   - canonical spelling: the header item's spelling, with every word replaced
 *     by its irregular casing (LoRA, RoPE, PyTorch, vLLM) when that is the form
 *     the glossary text itself uses most for that word (casing.h);
 *   - whether it is matched in prose: categories never are (they are not terms
 *     at all); a term whose only names are keywords is not; a term whose key is
 *     one ordinary English word but whose canonical spelling is irregular (RoPE
 *     vs rope, RAG vs rag) is matched only where the text is not written as
 *     ordinary English (GLS_TERM_CASE_SENSITIVE);
 *   - names and tags: which header items light up prose (see "Names and
 *     tags" below); a term is matched in prose when at least one of its
 *     names has a role before GLS_ROLE_KEYWORD;
 *   - the rank of its entries, stable and explained: by role of the name
 *     (headword, title, alias, keyword), then user glossaries before the
 *     default one, then source order (file order as given, line within file).
 *
 * Names and tags (roles.c). A seed-format header mixes the names of an
 * entry with topic tags and search phrases. Other formats declare their
 * names (an aliases column or key, "Also known as:", several Sphinx term
 * lines): those are names, except that a question is a tag and one ordinary
 * English word a keyword, as below. Every later item of a seed-format header
 * is scored from its own entry's evidence, never from a list of words:
 *   - a question ("do you offer training": an interrogative or auxiliary
 *     first, three words or more) is a tag, and makes the entry a FAQ
 *     answer, whose headword is then a tag too when it is ordinary English;
 *   - one ordinary English word ("data") is a keyword (unless written with
 *     irregular capitals: RAG);
 *   - otherwise: +4 when it is the title, a title name, a bold span of the
 *     lead sentence before its verb ("**X** (also **Y**) is ..."), or an
 *     acronym or contraction of the headword, the title or a lead name, or
 *     they of it (moe / mixture of experts, layernorm / layer
 *     normalization), or two or more of their words written as one
 *     (huggingface / Hugging Face Transformers); +1 when it overlaps the title or headword ("LSTM" in
 *     "LSTM Anomaly"); +1 when the body (after the title) uses it; -2 when
 *     another entry has it as headword; -2 when every word of it is ordinary
 *     English ("model architecture"). 3 or more: an alias (a name). Below
 *     that, a mention when it is not all ordinary English and the body
 *     uses it or it overlaps the title or headword ("naive bayes" of
 *     "gaussian naive bayes"), or when it is a bold span of a later body
 *     line (a sub-term the entry explains); else a tag.
 * Items past the 64th of a header are tags (each scored item searches the
 * body: bounded work on a hostile header). Names and mentions are matched
 * in prose; a term whose best entry only
 * mentions it is shown as "mentioned in" that entry, with the passage that
 * uses it (gls_glossary_find_passage). Keywords and tags stay findable by
 * lookup (define, completion, workspace/symbol). A header that is its title
 * split at the spaces ("long,context,LLM,techniques" under **Long Context
 * LLM Techniques**) gets the title as a name and its pieces become tags.
 *
 * Problems are collected as issues (file:line) and never stop the load: a
 * broken file contributes what could be parsed, and the rest still loads.
 */
#pragma once

#include <gio/gio.h>

#include "glossary/entry.h"
#include "glossary/issue.h"
#include "glossary/preference.h"
#include "glossary/source.h"
#include "glossary/trie.h"

G_BEGIN_DECLS

typedef struct _GlsGlossary GlsGlossary;

GlsGlossary *gls_glossary_ref   (GlsGlossary *self);
void         gls_glossary_unref (GlsGlossary *self);

guint            gls_glossary_n_sources (const GlsGlossary *self);
const GlsSource *gls_glossary_source    (const GlsGlossary *self, guint index);
guint            gls_glossary_n_entries (const GlsGlossary *self);
const GlsEntry  *gls_glossary_entry     (const GlsGlossary *self, guint index);
const GlsName   *gls_glossary_name      (const GlsGlossary *self, guint index);
guint            gls_glossary_n_terms   (const GlsGlossary *self);
const GlsTerm   *gls_glossary_term      (const GlsGlossary *self, guint index);
const GlsTrie   *gls_glossary_trie      (const GlsGlossary *self);
/* The glossary files' own words in source_words.h's stored form (each
 * followed by '\n'); *len gets its length in bytes. */
const char      *gls_glossary_vocabulary (const GlsGlossary *self, gsize *len);
/* "Write X, not Y" records (preference.h), in source order. */
guint                gls_glossary_n_preferences (const GlsGlossary *self);
const GlsPreference *gls_glossary_preference    (const GlsGlossary *self, guint index);
/* The bytes of a slice of source number source (a preference's); *len gets
 * its length. Not NUL-terminated. */
const char          *gls_glossary_source_slice  (const GlsGlossary *self, guint32 source, GlsSlice slice,
                                                 gsize *len);

/* The bytes of a slice of entry's source; *len gets its length. Not NUL-terminated. */
const char  *gls_glossary_slice      (const GlsGlossary *self, const GlsEntry *entry,
                                      GlsSlice slice, gsize *len);
char        *gls_glossary_slice_dup  (const GlsGlossary *self, const GlsEntry *entry, GlsSlice slice);
const char  *gls_glossary_term_key       (const GlsGlossary *self, const GlsTerm *term);
const char  *gls_glossary_term_canonical (const GlsGlossary *self, const GlsTerm *term);
/* The names of a term, best entry first (see the ranking above). */
const GlsName *gls_glossary_term_ref (const GlsGlossary *self, const GlsTerm *term, guint i);

/* The term whose normalized key equals text's normalization, or NULL. */
const GlsTerm *gls_glossary_lookup (const GlsGlossary *self, const char *text, gssize len);

/* Where entry's body talks about term: the body line after the title that
 * first contains the term's key at word boundaries (the sentence, when the
 * line is long), as a slice of the entry's source. FALSE when the body never
 * uses it. */
gboolean     gls_glossary_find_passage (const GlsGlossary *self, const GlsEntry *entry,
                                        const GlsTerm *term, GlsSlice *passage);
/* The same search in any text from byte from on (a definition already
 * repaired and broken into blocks): [*start, *end) is the line holding the
 * normalized key (its sentence when the line is long), with the lines under
 * it when that line is a bold heading alone. FALSE when text lacks key. */
gboolean     gls_passage_find          (const char *text, gsize len, gsize from, const char *key,
                                        gsize *start, gsize *end);
/* The same, and whether the passage says what the term is (*explains,
 * nullable): a label holding the term with prose after it ("**vLLM**: ...",
 * a heading over a paragraph), or a sentence that opens with the term. Such
 * a passage is preferred to any other. A sentence that only lists the term,
 * or a heading over a table or code, does not explain it. */
gboolean     gls_passage_find_explaining (const char *text, gsize len, gsize from, const char *key,
                                          gsize *start, gsize *end, gboolean *explains);

/* Two entries that say the same thing: the same title (normalized), or
 * definitions that start with the same 80 normalized bytes after their
 * titles. Hover lists such entries as one, and go-to-definition returns only
 * the best of them. */
gboolean     gls_glossary_entries_alike (const GlsGlossary *self, const GlsEntry *a, const GlsEntry *b);

/* The offset in entry's body just after its title slice (before the
 * closing "**"): where the text after the title starts. 0 when there is no
 * title or it does not lie inside the body (a damaged snapshot). */
gsize        gls_glossary_title_end (const GlsEntry *entry);

/* "headword", "title", "alias", "mention", "keyword" or "tag". */
const char  *gls_role_to_string (GlsRole role);

/* Index of a term (for the trie's values, which are term indexes). */
guint        gls_glossary_term_index (const GlsGlossary *self, const GlsTerm *term);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsGlossary, gls_glossary_unref)

G_END_DECLS
