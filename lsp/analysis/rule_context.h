/* rule_context.h — what one rule run sees and how it reports.
 *
 * The analyzer (analyzer.c) fills a GlsRuleContext on its stack for each
 * check and hands it to every enabled rule (rule_term_case.h,
 * rule_misspelled.h); it is valid during the run only and used by one
 * thread. A rule appends findings with gls_rule_add_finding, in any order:
 * the analyzer sorts them.
 */
#pragma once

#include <glib.h>

#include "analysis/config.h"
#include "analysis/finding.h"
#include "analysis/rule_index.h"
#include "glossary/glossary.h"

G_BEGIN_DECLS

typedef struct
{
  const GlsGlossary          *glossary;
  const GlsRuleIndex         *index;
  const GlsRuleConfig        *config;
  const char                 *text;
  gsize                       len;
  GlsSeverity                 severity;          /* of the rule being run */
  GArray                     *findings;          /* GlsFinding */
  /* The misspelled-term rule's cache (rule_misspelled.h), shared by every
   * run of one analyzer: mutable behind the const analyzer, locked inside. */
  struct _GlsMisspelledCache *misspelled_cache;
} GlsRuleContext;

/* A new finding appended to ctx->findings with an empty replacement list;
 * takes message. (transfer none) The finding, valid until the next append. */
GlsFinding *gls_rule_add_finding    (const GlsRuleContext *ctx,
                                     const char           *rule,
                                     guint32               start,
                                     guint32               end,
                                     guint32               term,
                                     char                 *message /* taken */);

/* TRUE if the Capitalized word text[start..end) reads as part of a proper
 * name: the token next to it on either side (one space apart, same line) is
 * Capitalized and a known name or not ordinary English, ALL CAPS, or a
 * capitalized token with digits, and not a word of a term either: "Bert
 * Belder", "Sam Roberts", "GNU Moe", "Qwen3.5 Moe". */
gboolean    gls_rule_in_proper_name (const GlsRuleIndex *index,
                                     const char         *text,
                                     gsize               len,
                                     gsize               start,
                                     gsize               end);

G_END_DECLS
