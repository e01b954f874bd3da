/* vocab_cspell_yaml.c — cspell's YAML configuration (cspell.yaml,
 * .cspell.yml, cspell.config.yaml) as vocabulary (vocab.h).
 *
 * Parsed with libyaml's event API: no document tree is built and aliases are
 * never expanded (a "billion laughs" file costs its own size), and libyaml
 * keeps its nesting on the heap, not the C stack. A sequence that is the
 * value of a `words`, `ignoreWords`, `flagWords` or `suggestWords` key at any
 * depth is a word list; its scalar items are words. libyaml marks count
 * characters, so each mark is turned into a byte offset through the line
 * starts; a word whose value is not its bytes in the file (escapes, folded
 * lines) is skipped with a warning.
 */
#include "glossary/vocab.h"

#include <string.h>
#include <yaml.h>

#include "glossary/issue.h"

typedef struct
{
  const char *text;
  gsize       len;
  GArray     *line_starts;  /* gsize: byte offset of each line's first byte */
} Lines;

/* The byte offset of a libyaml mark (0-based line, column in characters). */
static gsize
mark_offset (const Lines *lines, const yaml_mark_t *mark)
{
  if (mark->line >= lines->line_starts->len)
    return lines->len;
  gsize at = g_array_index (lines->line_starts, gsize, mark->line);
  for (gsize col = 0; col < mark->column && at < lines->len && lines->text[at] != '\n'; col++)
    {
      at++;
      while (at < lines->len && ((guchar) lines->text[at] & 0xC0) == 0x80)
        at++;
    }
  return at;
}

static void
add_scalar (const Lines *lines, const yaml_event_t *ev, GlsVocabList list, const char *path,
            GArray *words, GPtrArray *issues)
{
  gsize a = mark_offset (lines, &ev->start_mark), b = mark_offset (lines, &ev->end_mark);
  const char *value = (const char *) ev->data.scalar.value;
  gsize value_len = ev->data.scalar.length;
  guint32 line = (guint32) ev->start_mark.line + 1;

  if (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
      ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
    {
      a++;
      b = b > a ? b - 1 : a;
    }
  if (b < a || b > lines->len || b - a != value_len || memcmp (lines->text + a, value, value_len) != 0 ||
      memchr (value, '\0', value_len) != NULL)
    {
      g_ptr_array_add (issues, gls_issue_new (path, line, GLS_ISSUE_WARNING,
                                              "word \"%.*s\" is not written literally (escapes or folded "
                                              "lines) and is skipped", (int) MIN (value_len, 80), value));
      return;
    }
  GlsVocabWord word = { { (guint32) a, (guint32) value_len }, line, FALSE, { 0, 0 }, list };
  if (value_len > 1 && value[0] == '!' && list != GLS_VOCAB_CSPELL_SUGGEST_WORDS)
    {
      word.text.start++, word.text.len--;
      list = word.list = GLS_VOCAB_CSPELL_FLAG_WORDS;
    }
  if (list == GLS_VOCAB_CSPELL_FLAG_WORDS || list == GLS_VOCAB_CSPELL_SUGGEST_WORDS)
    {
      GlsSlice rejected, preferred;
      word.rejected = TRUE;
      if (gls_vocab_split_suggestion (lines->text + word.text.start, word.text.len, word.text.start,
                                      &rejected, &preferred))
        word.text = rejected, word.preferred = preferred;
      else if (list == GLS_VOCAB_CSPELL_SUGGEST_WORDS)
        return;
    }
  if (word.text.len > 0)
    g_array_append_val (words, word);
}

static int
list_of_key (const yaml_event_t *ev)
{
  static const char *const keys[] = { "words", "ignoreWords", "flagWords", "suggestWords" };
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (strcmp ((const char *) ev->data.scalar.value, keys[k]) == 0)
      return (int) k;  /* GLS_VOCAB_CSPELL_WORDS.. in this order */
  return -1;
}

gboolean
gls_vocab_read_cspell_yaml (const char *path, const char *text, gsize len, GArray *words, GPtrArray *issues)
{
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  Lines lines = { text, len, starts };
  gsize zero = 0;
  g_array_append_val (starts, zero);
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n')
      {
        gsize next = i + 1;
        g_array_append_val (starts, next);
      }

  yaml_parser_t parser;
  if (!yaml_parser_initialize (&parser))
    g_error ("libyaml: out of memory");
  /* libyaml asserts a non-NULL input; an empty file's bytes may be NULL. */
  yaml_parser_set_input_string (&parser, (const unsigned char *) (text != NULL ? text : ""), len);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  /* A stack of what each open collection is: in a mapping, whether the next
   * scalar is a key; for a sequence, the word list it is (-1: none). */
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  enum { MAP_KEY = -10, MAP_VALUE = -11 };
  int pending = -1;  /* the word list of the key just read */
  gboolean done = FALSE, ok = TRUE;
  while (!done)
    {
      yaml_event_t ev;
      if (!yaml_parser_parse (&parser, &ev))
        {
          g_ptr_array_add (issues, gls_issue_new (path, (guint) parser.problem_mark.line + 1, GLS_ISSUE_ERROR,
                                                  "cspell configuration: %s; the words before it are kept",
                                                  parser.problem != NULL ? parser.problem : "invalid YAML"));
          ok = words->len > 0;
          break;
        }
      int *top = stack->len > 0 ? &g_array_index (stack, int, stack->len - 1) : NULL;
      gboolean value_slot = top != NULL && *top == MAP_VALUE;
      switch (ev.type)
        {
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
          {
            int kind = ev.type == YAML_MAPPING_START_EVENT ? MAP_KEY : (value_slot ? pending : -1);
            if (top != NULL && *top == MAP_VALUE)
              *top = MAP_KEY;
            g_array_append_val (stack, kind);
            pending = -1;
          }
          break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
          if (stack->len > 0)
            g_array_set_size (stack, stack->len - 1);
          break;
        case YAML_SCALAR_EVENT:
          if (top != NULL && *top == MAP_KEY)
            {
              pending = list_of_key (&ev);
              *top = MAP_VALUE;
            }
          else if (top != NULL && *top == MAP_VALUE)
            *top = MAP_KEY;
          else if (top != NULL && *top >= 0)
            add_scalar (&lines, &ev, (GlsVocabList) *top, path, words, issues);
          break;
        case YAML_ALIAS_EVENT:
          if (top != NULL && *top == MAP_VALUE)
            *top = MAP_KEY;
          else if (top != NULL && *top == MAP_KEY)
            *top = MAP_VALUE;
          break;
        default:
          break;
        }
      yaml_event_delete (&ev);
    }
  yaml_parser_delete (&parser);
  return ok;
}
