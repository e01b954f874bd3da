/* rules_private.h — what the rule modules share inside lsp/analysis/; not API.
 *
 * rules.c builds the GlsAnalyzer and orchestrates a check; each rule lives in
 * its own file (rule_term_case.c, rule_misspelled.c) and appends findings to
 * the context's array in any order (rules.c sorts them).
 */
#pragma once

#include "analysis/analyzer.h"

G_BEGIN_DECLS

/* Ids stored with each word in GlsAnalyzer.term_words. */
#define GLS_TERM_WORD_ANY        0  /* a word of some term key */
#define GLS_TERM_WORD_RECOGNISED 1  /* a word of a key recognised in prose */
#define GLS_TERM_WORD_IN_PHRASE  2  /* a word of a recognised key of several words */

/* The misspelled-term rule's fuzzy search results, shared by every run of
 * one analyzer, from any thread (rule_misspelled.c). A cache: it changes
 * no result, only what a repeated search costs. */
typedef struct _GlsCloseMemo GlsCloseMemo;
GlsCloseMemo *gls_close_memo_new  (void);
void          gls_close_memo_free (GlsCloseMemo *memo);

struct _GlsAnalyzer
{
  gatomicrefcount ref;
  GlsGlossary    *glossary;
  GlsMatchIndex  *index;          /* for matching (matcher.h) */
  GlsWordlist    *words;
  GlsWordlist    *names;          /* proper names (names.h) */
  GlsTrie        *term_words;     /* every word (maximal run of word characters) of every term key */
  GlsTrie        *single_keys;    /* recognised one-word keys */
  GHashTable     *vocabulary;     /* every ASCII word of 4+ letters in the glossary files, lowercased */
  GStringChunk   *vocabulary_chunk;
  guint           max_key_words;  /* words in the longest key */
  GlsCloseMemo   *close_memo;     /* mutable behind the const analyzer: a cache */
};

typedef struct
{
  const GlsAnalyzer   *analyzer;
  const GlsRuleConfig *config;
  const char          *text;
  gsize                len;
  GlsSeverity          severity;  /* of the rule being run */
  GArray              *findings;  /* GlsFinding */
} GlsRuleContext;

void gls_rule_term_case_run  (const GlsRuleContext *ctx,
                              const GlsProseSpan   *spans,
                              gsize                 n_spans,
                              const GlsHit         *hits,
                              gsize                 n_hits);

void gls_rule_misspelled_run (const GlsRuleContext *ctx,
                              const GlsProseSpan   *spans,
                              gsize                 n_spans,
                              const GlsHit         *hits,
                              gsize                 n_hits);

/* TRUE if the Capitalized word text[start..end) reads as part of a proper
 * name: the token next to it on either side (one space apart, same line) is
 * Capitalized and a known name or not ordinary English, ALL CAPS, or a
 * capitalized token with digits, and not a word of a term either: "Bert
 * Belder", "Sam Roberts", "GNU Moe", "Qwen3.5 Moe". */
gboolean gls_rule_in_proper_name (const GlsAnalyzer *analyzer,
                                  const char        *text,
                                  gsize              len,
                                  gsize              start,
                                  gsize              end);

/* A new finding appended to ctx->findings with an empty replacement list. */
GlsFinding *gls_rule_add_finding (const GlsRuleContext *ctx,
                                  const char           *rule,
                                  guint32               start,
                                  guint32               end,
                                  guint32               term,
                                  char                 *message /* taken */);

G_END_DECLS
