/* rule_info.h — the catalogue of lint rules: ids, descriptions, defaults.
 *
 * Rule ids are API: they appear in configuration files, suppression comments,
 * LSP diagnostics (code), SARIF (ruleId) and GlsFinding.rule, so they never
 * change once released. Everything here is static data; any thread may read.
 */
#pragma once

#include <glib.h>

#include "analysis/finding.h"

G_BEGIN_DECLS

#define GLS_RULE_TERM_CASE       "term-case"
#define GLS_RULE_MISSPELLED_TERM "misspelled-term"
#define GLS_RULE_PREFERRED_TERM  "preferred-term"

typedef enum
{
  GLS_RULE_ID_TERM_CASE,
  GLS_RULE_ID_MISSPELLED_TERM,
  GLS_RULE_ID_PREFERRED_TERM,
  GLS_N_RULES,
} GlsRuleId;

typedef struct
{
  const char  *id;                 /* "term-case" */
  const char  *short_description;  /* one sentence, no final period */
  const char  *full_description;   /* a paragraph: what is flagged, what is not, the fix */
  GlsSeverity  default_severity;
} GlsRuleInfo;

/* Every rule, indexed by GlsRuleId (transfer none, static). rule must be a
 * GlsRuleId (an enum constant or from gls_rule_lookup): asserted. */
const GlsRuleInfo *gls_rule_info (GlsRuleId rule);

/* The GlsRuleId of a rule id string (exact, case-sensitive); FALSE if unknown. */
gboolean           gls_rule_lookup (const char *id, GlsRuleId *out);

G_END_DECLS
