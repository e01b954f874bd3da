/* rule_index.h — the word indexes the lint rules consult.
 *
 * Built once per glossary by the analyzer (analyzer.h) and owned by it: every
 * word of every term key with what it belongs to (term_words), the
 * recognised one-word keys, the glossary files' own vocabulary, the ordinary
 * English word list and the proper names (names.h). Immutable after
 * gls_rule_index_new; read from any thread.
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"
#include "glossary/trie.h"
#include "glossary/wordlist.h"
#include "analysis/word_memo.h"

G_BEGIN_DECLS

/* Ids stored with each word in GlsRuleIndex.term_words. */
#define GLS_TERM_WORD_ANY        0  /* a word of some term key */
#define GLS_TERM_WORD_RECOGNISED 1  /* a word of a misspelling target (gls_rule_index_is_target) */
#define GLS_TERM_WORD_IN_PHRASE  2  /* a word of a misspelling target of several words */

typedef struct
{
  GlsWordlist  *words;            /* ordinary English */
  GlsWordlist  *names;            /* proper names (names.h) */
  GlsTrie      *term_words;       /* every word (maximal run of word characters) of every term key */
  GlsTrie      *single_keys;      /* recognised one-word keys */
  GlsWordMemo  *vocabulary;       /* every ASCII word of 4+ letters in the glossary files, lowercased (value 1) */
  guint         max_key_words;    /* words in the longest key */
  guint8       *targets;          /* per term: 1 if a misspelling target (gls_rule_index_is_target) */
  guint         n_targets;        /* terms of the glossary, the length of targets */
} GlsRuleIndex;

/* Is term a target of the misspelled-term rule? A key recognised in prose
 * is; so is a key of several words that lights up nothing (a tag or search
 * phrase of a header: "knowledge transfer", "parameter efficient
 * fine-tuning"), since its misspelling is as wrong as a name's, unless it
 * only glues other names of its entry together (GLS_TERM_COMBINED). Tags
 * stay dark for hover and completion: only the rule corrects towards them. */
static inline gboolean
gls_rule_index_is_target (const GlsRuleIndex *index, guint32 term)
{
  return term < index->n_targets && index->targets[term] != 0;
}

/* (transfer full) A new index of glossary's keys and sources; takes a
 * reference to words. Cannot fail (the embedded list of names is compiled
 * in: its absence is a build error, g_error). Any thread. */
GlsRuleIndex *gls_rule_index_new  (const GlsGlossary *glossary,
                                   GlsWordlist       *words);
/* NULL is allowed. */
void          gls_rule_index_free (GlsRuleIndex *index);

G_END_DECLS
