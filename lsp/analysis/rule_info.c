/* rule_info.c — see rule_info.h. */
#include "analysis/rule_info.h"

#include <string.h>

static const GlsRuleInfo rules[GLS_N_RULES] = {
  [GLS_RULE_ID_TERM_CASE] = {
    GLS_RULE_TERM_CASE,
    "Glossary term written with the wrong capitalization",
    "A glossary term whose canonical spelling has irregular capitals (LoRA, PyTorch, vLLM, BF16) is "
    "written in another casing, such as \"Lora\", \"LORA\" or \"Pytorch\". Words the glossary writes "
    "regularly may use any case, all-lowercase renderings and spellings that are ordinary English are "
    "not reported. The fix replaces the text with the glossary's spelling, keeping plural endings.",
    GLS_SEVERITY_WARNING,
  },
  [GLS_RULE_ID_MISSPELLED_TERM] = {
    GLS_RULE_MISSPELLED_TERM,
    "Misspelled glossary term",
    "A word that is neither ordinary English nor part of a glossary term is within one or two edits of "
    "a word of a glossary term, and correcting it yields that term (\"toolfromer\", \"Levenstein "
    "transformer\", \"rotary positon embedding\"). The fix is the corrected term; when several "
    "corrections are equally close they are all offered and none is applied automatically.",
    GLS_SEVERITY_WARNING,
  },
  [GLS_RULE_ID_PREFERRED_TERM] = {
    GLS_RULE_PREFERRED_TERM,
    "A spelling the glossary rejects in favour of another",
    "A word or phrase that a team's vocabulary rejects (cspell flagWords and suggestWords, Vale "
    "reject.txt, typos extend-words corrections, a glossary entry's \"avoid:\" line) is written, in any "
    "case or plural form (\"whitelist\", \"Whitelists\"). The message names the preferred term and where "
    "the rejection is written. The fix is the preferred term; a rejection that names none is reported "
    "without a fix.",
    GLS_SEVERITY_WARNING,
  },
};

const GlsRuleInfo *
gls_rule_info (GlsRuleId rule)
{
  /* An internal invariant: ids come from the GlsRuleId enum or gls_rule_lookup. */
  g_assert ((guint) rule < GLS_N_RULES);
  return &rules[rule];
}

gboolean
gls_rule_lookup (const char *id, GlsRuleId *out)
{
  for (guint i = 0; i < GLS_N_RULES; i++)
    if (strcmp (rules[i].id, id) == 0)
      {
        if (out != NULL)
          *out = (GlsRuleId) i;
        return TRUE;
      }
  return FALSE;
}
