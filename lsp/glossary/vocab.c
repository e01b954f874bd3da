/* vocab.c — format detection, the Vale reader, and vocabulary words into the
 * model (vocab.h). */
#define _GNU_SOURCE /* memmem */
#include "glossary/vocab.h"

#include <string.h>

#include "glossary/issue.h"
#include "glossary/vale_regex.h"

static const char *const format_names[] = {
  [GLS_VOCAB_FORMAT_NONE] = "none",
  [GLS_VOCAB_FORMAT_CSPELL_JSON] = "cspell",
  [GLS_VOCAB_FORMAT_CSPELL_YAML] = "cspell-yaml",
  [GLS_VOCAB_FORMAT_VALE_ACCEPT] = "vale-accept",
  [GLS_VOCAB_FORMAT_VALE_REJECT] = "vale-reject",
  [GLS_VOCAB_FORMAT_TYPOS] = "typos",
};

static const char *const list_names[GLS_VOCAB_N_LISTS] = {
  [GLS_VOCAB_CSPELL_WORDS] = "cspell words",
  [GLS_VOCAB_CSPELL_IGNORE_WORDS] = "cspell ignoreWords",
  [GLS_VOCAB_CSPELL_FLAG_WORDS] = "cspell flagWords",
  [GLS_VOCAB_CSPELL_SUGGEST_WORDS] = "cspell suggestWords",
  [GLS_VOCAB_VALE_ACCEPT] = "Vale accept.txt",
  [GLS_VOCAB_VALE_REJECT] = "Vale reject.txt",
  [GLS_VOCAB_TYPOS_WORDS] = "typos extend-words",
  [GLS_VOCAB_TYPOS_IDENTIFIERS] = "typos extend-identifiers",
};

const char *
gls_vocab_format_name (GlsVocabFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), "none");
  return format_names[format];
}

gboolean
gls_vocab_format_parse (const char *name, GlsVocabFormat *out)
{
  for (guint i = 1; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i]) == 0)
      {
        *out = (GlsVocabFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gls_vocab_format_label (GlsVocabFormat format)
{
  switch (format)
    {
    case GLS_VOCAB_FORMAT_CSPELL_JSON:
    case GLS_VOCAB_FORMAT_CSPELL_YAML:
      return "a cspell word list";
    case GLS_VOCAB_FORMAT_VALE_ACCEPT:
    case GLS_VOCAB_FORMAT_VALE_REJECT:
      return "a Vale vocabulary";
    case GLS_VOCAB_FORMAT_TYPOS:
      return "a typos configuration";
    case GLS_VOCAB_FORMAT_NONE:
    default:
      return NULL;
    }
}

const char *
gls_vocab_list_name (GlsVocabList list)
{
  g_return_val_if_fail ((guint) list < GLS_VOCAB_N_LISTS, "vocabulary");
  return list_names[list];
}

/* Does the first 64 KiB of text hold needle? Detection reads no more. */
static gboolean
head_contains (const char *text, gsize len, const char *needle)
{
  return memmem (text, MIN (len, (gsize) 64 << 10), needle, strlen (needle)) != NULL;
}

GlsVocabFormat
gls_vocab_detect (const char *path, const char *text, gsize len)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);
  static const char *const cspell_json[] = { "cspell.json", ".cspell.json", "cspell.config.json",
                                             ".cspell.config.json", NULL };
  static const char *const cspell_yaml[] = { "cspell.yaml", "cspell.yml", ".cspell.yaml", ".cspell.yml",
                                             "cspell.config.yaml", "cspell.config.yml",
                                             ".cspell.config.yaml", ".cspell.config.yml", NULL };

  if (g_strv_contains (cspell_json, lower))
    return GLS_VOCAB_FORMAT_CSPELL_JSON;
  if (g_strv_contains (cspell_yaml, lower))
    return GLS_VOCAB_FORMAT_CSPELL_YAML;
  if (strcmp (base, "accept.txt") == 0)
    return GLS_VOCAB_FORMAT_VALE_ACCEPT;
  if (strcmp (base, "reject.txt") == 0)
    return GLS_VOCAB_FORMAT_VALE_REJECT;
  if (strcmp (lower, "_typos.toml") == 0 || strcmp (lower, "typos.toml") == 0 ||
      strcmp (lower, ".typos.toml") == 0)
    return GLS_VOCAB_FORMAT_TYPOS;
  if (text == NULL)
    return GLS_VOCAB_FORMAT_NONE;
  if (g_str_has_suffix (lower, ".toml"))
    return head_contains (text, len, "extend-words") ? GLS_VOCAB_FORMAT_TYPOS : GLS_VOCAB_FORMAT_NONE;
  /* The content is looked at only for the endings a vocabulary list has:
   * every source of every load comes through here, and the seed format's
   * .txt files are most of what is loaded. */
  gboolean json = g_str_has_suffix (lower, ".json");
  if (!json && !g_str_has_suffix (lower, ".yaml") && !g_str_has_suffix (lower, ".yml"))
    return GLS_VOCAB_FORMAT_NONE;
  gboolean cspellish = (head_contains (text, len, "words") || head_contains (text, len, "flagWords")) &&
                       (head_contains (text, len, "version") || head_contains (text, len, "language"));
  if (json && cspellish && head_contains (text, len, "\"words\""))
    return GLS_VOCAB_FORMAT_CSPELL_JSON;
  if (!json && cspellish && head_contains (text, len, "\nwords:"))
    return GLS_VOCAB_FORMAT_CSPELL_YAML;
  return GLS_VOCAB_FORMAT_NONE;
}

gboolean
gls_vocab_read (GlsVocabFormat format, const char *path, const char *text, gsize len,
                GArray *words, GPtrArray *issues)
{
  switch (format)
    {
    case GLS_VOCAB_FORMAT_CSPELL_JSON:
      return gls_vocab_read_cspell_json (path, text, len, words, issues);
    case GLS_VOCAB_FORMAT_CSPELL_YAML:
      return gls_vocab_read_cspell_yaml (path, text, len, words, issues);
    case GLS_VOCAB_FORMAT_VALE_ACCEPT:
    case GLS_VOCAB_FORMAT_VALE_REJECT:
      return gls_vocab_read_vale (path, text, len, format == GLS_VOCAB_FORMAT_VALE_REJECT, words, issues);
    case GLS_VOCAB_FORMAT_TYPOS:
      return gls_vocab_read_typos (path, text, len, words, issues);
    case GLS_VOCAB_FORMAT_NONE:
    default:
      return FALSE;
    }
}

/* A Vale vocabulary line is a Go regular expression. A line without regex
 * syntax is a plain word (a '.' alone counts as plain: "Node.js" is meant
 * literally far more often than as "any character"); "(?i)" in front only
 * makes it case-insensitive, which a plain word read here already is for
 * every rule but term-case. Other lines expand when simple (vale_regex.h). */
static gboolean
vale_plain (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] == '\0' || strchr ("\\[](){}|*+?^$", s[i]) != NULL)
      return FALSE;
  return len > 0;
}

/* The expansions of the line text[a, b) as words: a slice of the line when
 * written there, else of the derived text (appended to derived). */
static void
add_expansions (const char *text, gsize len, gsize a, gsize b, guint32 line, gboolean reject, GPtrArray *expanded,
                GString *derived, GArray *words)
{
  for (guint k = 0; k < expanded->len; k++)
    {
      const char *w = g_ptr_array_index (expanded, k);
      gsize n = strlen (w);
      GlsVocabWord word = { { 0, (guint32) n }, line, reject, { 0, 0 },
                            reject ? GLS_VOCAB_VALE_REJECT : GLS_VOCAB_VALE_ACCEPT,
                            { (guint32) a, (guint32) (b - a) } };
      const char *in_line = g_strstr_len (text + a, (gssize) (b - a), w);
      if (in_line != NULL)
        word.text.start = (guint32) (in_line - text);
      else
        {
          word.text.start = (guint32) (len + 1 + derived->len);
          g_string_append_len (derived, w, (gssize) n);
          g_string_append_c (derived, '\n');
        }
      g_array_append_val (words, word);
    }
}

static gboolean
read_vale (const char *path, const char *text, gsize len, gboolean reject, GArray *words, GPtrArray *issues,
           GString *derived)
{
  guint32 line = 0;
  guint skipped = 0;

  for (gsize at = 0; at < len;)
    {
      const char *nl = memchr (text + at, '\n', len - at);
      gsize end = nl != NULL ? (gsize) (nl - text) : len, next = nl != NULL ? end + 1 : len;
      gsize a = at, b = end;
      line++;
      while (a < b && g_ascii_isspace (text[a]))
        a++;
      while (b > a && g_ascii_isspace (text[b - 1]))
        b--;
      if (b - a >= 4 && memcmp (text + a, "(?i)", 4) == 0)
        a += 4;
      if (a == b || text[a] == '#')
        ;
      else if (!vale_plain (text + a, b - a))
        {
          g_autoptr (GPtrArray) expanded = g_ptr_array_new_with_free_func (g_free);
          if (gls_vale_expand (text + a, b - a, expanded))
            add_expansions (text, len, a, b, line, reject, expanded, derived, words);
          else if (skipped++ < GLS_VOCAB_MAX_LINE_ISSUES)
            g_ptr_array_add (issues, gls_issue_new (path, line, GLS_ISSUE_WARNING,
                                                    "regular expression \"%.*s\" not read: only character "
                                                    "classes ([Gg]), groups of words ((a|b)), optional parts "
                                                    "(colou?r) and escaped punctuation expand; skipped",
                                                    (int) MIN (b - a, (gsize) 80), text + a));
        }
      else
        {
          GlsVocabWord w = { { (guint32) a, (guint32) (b - a) }, line, reject, { 0, 0 },
                             reject ? GLS_VOCAB_VALE_REJECT : GLS_VOCAB_VALE_ACCEPT };
          g_array_append_val (words, w);
        }
      at = next;
    }
  /* A vocabulary of unusual expressions would otherwise bury the other problems. */
  if (skipped > GLS_VOCAB_MAX_LINE_ISSUES)
    g_ptr_array_add (issues, gls_issue_new (path, 0, GLS_ISSUE_WARNING,
                                            "%u more regular expression lines not read",
                                            skipped - GLS_VOCAB_MAX_LINE_ISSUES));
  return TRUE;
}

gboolean
gls_vocab_read_vale (const char *path, const char *text, gsize len, gboolean reject, GArray *words,
                     GPtrArray *issues)
{
  g_autoptr (GString) derived = g_string_new (NULL);
  return read_vale (path, text, len, reject, words, issues, derived);
}

GString *
gls_vocab_derived (GlsVocabFormat format, const char *path, const char *text, gsize len)
{
  if (format != GLS_VOCAB_FORMAT_VALE_ACCEPT && format != GLS_VOCAB_FORMAT_VALE_REJECT)
    return NULL;
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (GlsVocabWord));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  GString *derived = g_string_new (NULL);
  read_vale (path, text, len, format == GLS_VOCAB_FORMAT_VALE_REJECT, words, issues, derived);
  if (derived->len == 0)
    {
      g_string_free (derived, TRUE);
      return NULL;
    }
  return derived;
}
