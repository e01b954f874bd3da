/* fuzz_vocab.h — the body shared by the vocabulary-list fuzz targets
 * (fuzz_vocab_cspell_json.c, fuzz_vocab_cspell_yaml.c, fuzz_vocab_vale.c,
 * fuzz_vocab_typos.c): each reads the input as one file of its format.
 *
 * Oracles: the reader never reads past the input (ASan); every word is a
 * non-empty slice of the input without NUL bytes on the line it reports, and
 * so is its preferred spelling (a word expanded from a Vale regular
 * expression: a slice of the input's derived text, gls_vocab_derived, and
 * the expression a slice of the input on that line); a rejected word comes only from a list that rejects;
 * the glossary built from the input under a file name of its format (the
 * reader table, reader_vocab.c) has one entry per accepted word, its one name
 * its headword on the word's line, and one preference per rejected word.
 */
#pragma once

#include "fuzz_common.h"

#include "glossary/glossary_build.h"
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
  g_autoptr (GString) derived = gls_vocab_derived (format, "fuzz", text, size);
  g_autoptr (GString) model = g_string_new_len (text, (gssize) size);
  if (derived != NULL)
    {
      g_string_append_c (model, '\n');
      g_string_append_len (model, derived->str, (gssize) derived->len);
    }
  guint accepted = 0;
  for (guint i = 0; i < words->len; i++)
    {
      const GlsVocabWord *w = &g_array_index (words, GlsVocabWord, i);
      GlsSlice written = w->written.len > 0 ? w->written : w->text;
      if (w->text.len == 0 || (guint64) w->text.start + w->text.len > model->len ||
          (guint64) written.start + written.len > size || (guint64) w->preferred.start + w->preferred.len > size)
        fuzz_fail ("word %u: slice outside the input", i);
      if (memchr (model->str + w->text.start, '\0', w->text.len) != NULL ||
          memchr (text + w->preferred.start, '\0', w->preferred.len) != NULL)
        fuzz_fail ("word %u: holds a NUL byte", i);
      guint32 line = 1;
      for (gsize k = 0; k < written.start; k++)
        line += text[k] == '\n';
      if (line != w->line)
        fuzz_fail ("word %u: line %u, written on %u", i, w->line, line);
      if (w->rejected && (w->list == GLS_VOCAB_CSPELL_WORDS || w->list == GLS_VOCAB_CSPELL_IGNORE_WORDS ||
                          w->list == GLS_VOCAB_VALE_ACCEPT))
        fuzz_fail ("word %u: rejected by an accepting list", i);
      accepted += !w->rejected;
    }
  static const char *const names[] = {
    [GLS_VOCAB_FORMAT_CSPELL_JSON] = "cspell.json", [GLS_VOCAB_FORMAT_CSPELL_YAML] = "cspell.yaml",
    [GLS_VOCAB_FORMAT_VALE_ACCEPT] = "accept.txt",  [GLS_VOCAB_FORMAT_VALE_REJECT] = "reject.txt",
    [GLS_VOCAB_FORMAT_TYPOS] = "_typos.toml",
  };
  /* Sources are valid UTF-8 (source.h); the reader must agree with itself
   * on what the build reads, so the check needs the same bytes. */
  if (!g_utf8_validate_len (text, size, NULL))
    return;
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_ptr_array_add (sources, gls_source_new_from_bytes (names[format], NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);
  if (gls_glossary_n_entries (g) != accepted || gls_glossary_n_preferences (g) != words->len - accepted)
    fuzz_fail ("glossary: %u entries, %u preferences for %u words (%u accepted)", gls_glossary_n_entries (g),
               gls_glossary_n_preferences (g), words->len, accepted);
  for (guint i = 0, e = 0; i < words->len; i++)
    {
      const GlsVocabWord *w = &g_array_index (words, GlsVocabWord, i);
      if (w->rejected)
        continue;
      const GlsEntry *entry = gls_glossary_entry (g, e++);
      const GlsName *name = gls_glossary_name (g, entry->first_name);
      if (entry->n_items != 1 || name->role != GLS_ROLE_HEADWORD || entry->line != w->line ||
          name->text.start != w->text.start || name->text.len != w->text.len)
        fuzz_fail ("entry %u: not the word's one headword", e - 1);
    }
}
