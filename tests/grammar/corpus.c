/* corpus.c — see corpus.h. The regular expressions are the CLI's
 * (cli/src/test.rs of tree-sitter 0.20.7). */
#include "corpus.h"

#include <string.h>

#define HEADER_RE \
  "^===+(?P<suffix1>[^=\\r\\n][^\\r\\n]*)?\\r?\\n" \
  "(?P<test_name>([^=\\r\\n][^\\r\\n]*\\r?\\n)+)" \
  "===+(?P<suffix2>[^=\\r\\n][^\\r\\n]*)?\\r?\\n"
#define DIVIDER_RE "^---+(?P<suffix>[^-\\r\\n][^\\r\\n]*)?\\r?\\n"
#define COMMENT_RE "^\\s*;.*$"
#define FIELD_RE " \\w+: \\("

void
gls_corpus_example_free (GlsCorpusExample *example)
{
  if (example == NULL)
    return;
  g_free (example->name);
  g_clear_pointer (&example->input, g_bytes_unref);
  g_free (example->expected);
  g_free (example);
}

/* A named group's text, or NULL when it did not take part in the match. */
static char *
fetch_group (GMatchInfo *info, const char *group)
{
  int start = -1, end = -1;
  if (!g_match_info_fetch_named_pos (info, group, &start, &end) || start < 0)
    return NULL;
  return g_match_info_fetch_named (info, group);
}

static char *
normalize_expected (const char *text, gsize len, gboolean *has_fields)
{
  g_autoptr (GRegex) comment = g_regex_new (COMMENT_RE, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autoptr (GRegex) field = g_regex_new (FIELD_RE, 0, 0, NULL);
  g_autofree char *raw = g_strndup (text, len);
  g_autofree char *uncommented = g_regex_replace_literal (comment, raw, -1, 0, "", 0, NULL);
  g_autofree char *collapsed = g_regex_replace_literal (space, g_strstrip (uncommented), -1, 0,
                                                       " ", 0, NULL);
  g_auto (GStrv) parts = g_strsplit (collapsed, " )", -1);

  char *out = g_strjoinv (")", parts);
  *has_fields = g_regex_match (field, out, 0, NULL);
  return out;
}

/* Byte ranges of the headers whose suffixes match the first header's. */
typedef struct
{
  gsize start, end;
  char *name;
} Header;

static void
header_clear (gpointer data)
{
  g_free (((Header *) data)->name);
}

GPtrArray *
gls_corpus_read (const char *path, GError **error)
{
  g_autofree char *content = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &content, &len, error))
    return NULL;

  g_autoptr (GRegex) header_re = g_regex_new (HEADER_RE, G_REGEX_MULTILINE, 0, error);
  g_autoptr (GRegex) divider_re = g_regex_new (DIVIDER_RE, G_REGEX_MULTILINE, 0, error);
  if (header_re == NULL || divider_re == NULL)
    return NULL;

  g_autoptr (GArray) headers = g_array_new (FALSE, TRUE, sizeof (Header));
  g_array_set_clear_func (headers, header_clear);
  g_autofree char *first_suffix = NULL;
  gboolean first = TRUE;
  g_autoptr (GMatchInfo) info = NULL;

  g_regex_match_full (header_re, content, (gssize) len, 0, 0, &info, NULL);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      g_autofree char *suffix1 = fetch_group (info, "suffix1");
      g_autofree char *suffix2 = fetch_group (info, "suffix2");
      if (first)
        {
          first_suffix = g_strdup (suffix1);
          first = FALSE;
        }
      if (g_strcmp0 (suffix1, first_suffix) != 0 || g_strcmp0 (suffix2, first_suffix) != 0)
        continue;
      int start, end;
      g_match_info_fetch_pos (info, 0, &start, &end);
      g_autofree char *name = fetch_group (info, "test_name");
      Header h = { (gsize) start, (gsize) end, g_strchomp (g_steal_pointer (&name)) };
      g_array_append_val (headers, h);
    }

  GPtrArray *examples = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_corpus_example_free);
  for (guint i = 0; i < headers->len; i++)
    {
      const Header *h = &g_array_index (headers, Header, i);
      gsize section_end = i + 1 < headers->len ? g_array_index (headers, Header, i + 1).start : len;
      gsize best_start = 0, best_end = 0;
      g_autoptr (GMatchInfo) d = NULL;

      /* The longest divider of the section, so an input may hold "---". */
      g_regex_match_full (divider_re, content, (gssize) section_end, (gint) h->end, 0, &d, NULL);
      for (; g_match_info_matches (d); g_match_info_next (d, NULL))
        {
          g_autofree char *suffix = fetch_group (d, "suffix");
          int start, end;
          if (g_strcmp0 (suffix, first_suffix) != 0)
            continue;
          g_match_info_fetch_pos (d, 0, &start, &end);
          if ((gsize) (end - start) > best_end - best_start)
            {
              best_start = (gsize) start;
              best_end = (gsize) end;
            }
        }
      if (best_end == 0)
        continue;

      gsize input_len = best_start - h->end;
      if (input_len > 0)
        input_len--; /* the newline before the divider */
      if (input_len > 0 && content[h->end + input_len - 1] == '\r')
        input_len--;

      GlsCorpusExample *ex = g_new0 (GlsCorpusExample, 1);
      ex->name = g_strdup (h->name);
      ex->input = g_bytes_new (content + h->end, input_len);
      ex->expected = normalize_expected (content + best_end, section_end - best_end, &ex->has_fields);
      g_ptr_array_add (examples, ex);
    }
  return examples;
}

char *
gls_corpus_actual (const GlsCorpusExample *example, const char *sexp)
{
  if (example->has_fields)
    return g_strdup (sexp);
  g_autoptr (GRegex) field = g_regex_new (FIELD_RE, 0, 0, NULL);
  return g_regex_replace_literal (field, sexp, -1, 0, " (", 0, NULL);
}
