/* fuzz_vocab.h — the body shared by the vocabulary-list fuzz targets
 * (fuzz_vocab_cspell_json.c, fuzz_vocab_cspell_yaml.c, fuzz_vocab_vale.c,
 * fuzz_vocab_typos.c): each reads the input as one file of its format.
 *
 * Oracles: the reader never reads past the input (ASan); every word is a
 * non-empty slice of the input on the line it reports, and so is its
 * preferred spelling; a rejected word comes only from a list that rejects;
 * gls_vocab_to_model gives one entry per accepted word and one preference per
 * rejected word, each entry's one name its headword.
 */
#pragma once

#include "fuzz_common.h"

#include "glossary/issue.h"
#include "glossary/preference.h"
#include "glossary/vocab.h"

static inline void
fuzz_vocab_check (GlsVocabFormat format, const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (GlsVocabWord));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);

  gls_vocab_read (format, "fuzz", text, size, words, issues);
  guint accepted = 0;
  for (guint i = 0; i < words->len; i++)
    {
      const GlsVocabWord *w = &g_array_index (words, GlsVocabWord, i);
      if (w->text.len == 0 || (guint64) w->text.start + w->text.len > size ||
          (guint64) w->preferred.start + w->preferred.len > size)
        fuzz_fail ("word %u: slice outside the input", i);
      guint32 line = 1;
      for (gsize k = 0; k < w->text.start; k++)
        line += text[k] == '\n';
      if (line != w->line)
        fuzz_fail ("word %u: line %u, written on %u", i, w->line, line);
      if (w->rejected && (w->list == GLS_VOCAB_CSPELL_WORDS || w->list == GLS_VOCAB_CSPELL_IGNORE_WORDS ||
                          w->list == GLS_VOCAB_VALE_ACCEPT))
        fuzz_fail ("word %u: rejected by an accepting list", i);
      accepted += !w->rejected;
    }
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  g_autoptr (GArray) names = g_array_new (FALSE, FALSE, sizeof (GlsName));
  g_autoptr (GArray) prefs = g_array_new (FALSE, FALSE, sizeof (GlsPreference));
  gls_vocab_to_model (words, 0, entries, names, prefs);
  if (entries->len != accepted || names->len != accepted || prefs->len != words->len - accepted)
    fuzz_fail ("model: %u entries, %u preferences for %u words", entries->len, prefs->len, words->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const GlsEntry *e = &g_array_index (entries, GlsEntry, i);
      const GlsName *n = &g_array_index (names, GlsName, e->first_name);
      if (e->n_names != 1 || n->entry != i || n->role != GLS_ROLE_HEADWORD)
        fuzz_fail ("entry %u: not one headword", i);
    }
}
