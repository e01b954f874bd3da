/* walk_filter.c — see walk_filter.h. */
#include "glossary/walk_filter.h"

#include <string.h>

#include "glossary/format.h"
#include "glossary/reader.h"
#include "glossary/vocab.h"

static const char *const sniffed_endings[] = {
  ".md", ".markdown", ".mdx", ".rst", ".rest", ".yml", ".yaml", ".json", ".csv", ".toml",
};

/* Hidden directories vocabulary lists and glossaries are kept in. */
static const char *const hidden_dirs[] = { ".contextive", ".github", ".vale", ".vscode", ".config" };

/* What a term table's or glossary page's file name says. */
static const char *const glossary_words[] = { "glossary", "glossaries", "terminology", "terms", "abbreviations" };

static gboolean
has_suffix_ci (const char *name, const char *suffix)
{
  gsize n = strlen (name), m = strlen (suffix);
  return n >= m && g_ascii_strcasecmp (name + n - m, suffix) == 0;
}

GlsWalkVerdict
gls_walk_filter_file (const char *name)
{
  /* By name alone: vocabulary lists (hidden ones too) and the readers' endings. */
  if (gls_vocab_detect (name, NULL, 0) != GLS_VOCAB_FORMAT_NONE)
    return GLS_WALK_READ;
  if (name[0] == '.')
    return GLS_WALK_SKIP;
  if (gls_glossary_readers_accept_name (name))
    return GLS_WALK_READ;
  for (guint i = 0; i < G_N_ELEMENTS (sniffed_endings); i++)
    if (has_suffix_ci (name, sniffed_endings[i]))
      return GLS_WALK_SNIFF;
  return GLS_WALK_SKIP;
}

gboolean
gls_walk_filter_directory (const char *name)
{
  if (name[0] != '.')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (hidden_dirs); i++)
    if (strcmp (name, hidden_dirs[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
named_as_glossary (const char *path)
{
  const char *slash = strrchr (path, '/');
  g_autofree char *base = g_ascii_strdown (slash != NULL ? slash + 1 : path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (glossary_words); i++)
    if (strstr (base, glossary_words[i]) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
gls_walk_filter_accepts (const char *path, const char *text, gsize len)
{
  if (gls_vocab_detect (path, text, len) != GLS_VOCAB_FORMAT_NONE)
    return TRUE;
  switch (gls_format_detect (path, text, len))
    {
    case GLS_FORMAT_MYST:
    case GLS_FORMAT_ABBR:
    case GLS_FORMAT_CONTEXTIVE:
      return TRUE;
    case GLS_FORMAT_SPHINX:
      /* Any *.rst detects as Sphinx; only one with the directive is a glossary. */
      return g_strstr_len (text, (gssize) MIN (len, (gsize) 1 << 20), ".. glossary::") != NULL;
    case GLS_FORMAT_MARKDOWN:
    case GLS_FORMAT_YAML:
    case GLS_FORMAT_JSON:
    case GLS_FORMAT_CSV:
      return named_as_glossary (path);
    case GLS_FORMAT_SEED:
    case GLS_FORMAT_AUTO:
    default:
      return FALSE;
    }
}
