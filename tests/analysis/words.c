/* Tests of lsp/analysis/words.h: the misspelled-term rule's cheap word tests. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "analysis/words.h"
#include "common/leak-check.h"

static gboolean
code_like (const char *text, const char *word)
{
  GlsWordBytes bytes;
  gls_word_bytes_init (&bytes);
  const char *at = strstr (text, word);
  cr_assert_not_null (at);
  gsize ws = (gsize) (at - text);
  return gls_words_is_code_like (&bytes, text, strlen (text), ws, ws + strlen (word));
}

GLS_TEST (words, code_like_words)
{
  cr_expect (code_like ("x lora_dropout y", "lora"));
  cr_expect (code_like ("x tuners.lora y", "lora"));
  cr_expect (code_like ("call lora() now", "lora"));
  cr_expect (code_like ("the --lora flag", "lora"));
  cr_expect (code_like ("see lora.md here", "lora"));
  cr_expect (code_like ("lora::Config", "lora"));
  cr_expect (code_like ("lora:rank", "lora"));
  cr_expect (!code_like ("a lora, then", "lora"));
  cr_expect (!code_like ("lora.", "lora"));
  cr_expect (!code_like ("(lora)", "lora"));
  cr_expect (!code_like ("QA-lora", "lora"));
}

GLS_TEST (words, byte_classes)
{
  GlsWordBytes bytes;
  gls_word_bytes_init (&bytes);
  cr_expect_eq (bytes.cls['a'], GLS_WORD_BYTE_WORD);
  cr_expect_eq (bytes.cls['Q'], GLS_WORD_BYTE_WORD | GLS_WORD_BYTE_UPPER);
  cr_expect_eq (bytes.cls['7'], GLS_WORD_BYTE_WORD | GLS_WORD_BYTE_DIGIT);
  cr_expect_eq (bytes.cls[0xc3], GLS_WORD_BYTE_WORD | GLS_WORD_BYTE_NOT_ALNUM);
  cr_expect_eq (bytes.cls['-'], 0);
  cr_expect_eq (bytes.cls[0], 0);
  cr_expect_eq (bytes.glue[0], 0);
}

static gboolean
marked (const GlsWordMemo *memo, const char *w)
{
  guint8 v;
  return gls_word_memo_lookup (memo, w, strlen (w), gls_word_memo_hash (w, strlen (w)), &v);
}

GLS_TEST (words, code_and_bold_words_of_a_document)
{
  const char *doc = "Run `Toolfromer` and **Zorbnett** but *Single* and `ab` and **a b**; `x` then `Qwerty";
  GlsWordMemo *memo = gls_word_memo_new (0);
  gls_words_collect_marked (memo, doc, strlen (doc), 4, 48);
  cr_expect (marked (memo, "toolfromer"));
  cr_expect (marked (memo, "zorbnett"));
  cr_expect (!marked (memo, "single"));   /* one star is emphasis, not bold */
  cr_expect (!marked (memo, "ab"));       /* shorter than 4 */
  cr_expect (!marked (memo, "qwerty"));   /* never closed */
  cr_expect (!marked (memo, " and "));    /* only between consecutive markers that fit */
  gls_word_memo_free (memo);
}
