/* fuzz_definition.c — libFuzzer target: a definition as hovers show it.
 *
 * The input is an entry's definition (Markdown with LaTeX, page-export
 * layout, export damage). It goes through every step a hover takes:
 * gls_tex_repair (tex_repair.h), gls_definition_start and
 * gls_definition_restructure (definition_layout.h), gls_markup_condense at a
 * limit taken from the input's length, gls_markup_append_body in Markdown and
 * plain text, and gls_tex_to_unicode on the whole input. Checked: the cut
 * stays inside the text, repair only adds bytes and never adds a line, and
 * valid UTF-8 in gives valid UTF-8 out.
 */
#include "fuzz_common.h"

#include "glossary/definition_layout.h"
#include "glossary/tex_repair.h"
#include "server/features/markup_text.h"
#include "server/features/tex_unicode.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
count_lines (const char *text, gsize len)
{
  guint n = 0;
  for (gsize i = 0; i < len; i++)
    n += text[i] == '\n';
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *input = (const char *) data;
  gboolean utf8 = g_utf8_validate (input, (gssize) size, NULL);
  gsize len;
  g_autofree char *repaired = gls_tex_repair (input, size, &len);

  if (len < size || count_lines (repaired, len) > count_lines (input, size))
    fuzz_fail ("repair removed bytes or added a line");
  gboolean opens = FALSE;
  gsize start = gls_definition_start (repaired, len, "Title", 5, &opens);
  if (start > len)
    fuzz_fail ("definition start %zu past %zu", start, len);
  gsize text_len;
  g_autofree char *text = gls_definition_restructure (repaired + start, len - start, &text_len);
  gsize limit = 10 + size % 700;
  gsize keep = gls_markup_condense (text, text_len, limit);
  if (keep > text_len)
    fuzz_fail ("cut %zu past %zu", keep, text_len);
  for (int k = 0; k < 2; k++)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      gls_markup_append_body (out, k == 0 ? GLS_MARKUP_MARKDOWN : GLS_MARKUP_PLAINTEXT, text, keep);
      if (utf8 && !g_utf8_validate (out->str, (gssize) out->len, NULL))
        fuzz_fail ("rendering made invalid UTF-8");
    }
  g_autoptr (GString) math = g_string_new (NULL);
  if (gls_tex_to_unicode (input, size, math) && !g_utf8_validate (math->str, (gssize) math->len, NULL))
    fuzz_fail ("math rendering made invalid UTF-8");
  return 0;
}
