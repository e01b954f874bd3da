/* words.h — cheap tests on the words of a document for the misspelled-term
 * rule: byte classes of its word scan, words glued to code ("x_", ".x",
 * "x("), and the words a document writes as code or in bold (its own names).
 *
 * Pure functions of their arguments; a GlsWordBytes is filled once and then
 * only read (any thread).
 */
#pragma once

#include <glib.h>

#include "analysis/word_memo.h"

G_BEGIN_DECLS

/* Bits of GlsWordBytes.cls. */
enum
{
  GLS_WORD_BYTE_WORD = 1 << 0,      /* part of a word: ASCII letter or digit, or any non-ASCII byte */
  GLS_WORD_BYTE_NOT_ALNUM = 1 << 1, /* non-ASCII: a word holding one is no candidate */
  GLS_WORD_BYTE_DIGIT = 1 << 2,
  GLS_WORD_BYTE_UPPER = 1 << 3,
};

typedef struct
{
  guint8 cls[256];   /* GLS_WORD_BYTE_* of each byte */
  guint8 glue[256];  /* 1: glues a word to code when before it, 2: when after it */
} GlsWordBytes;

void     gls_word_bytes_init      (GlsWordBytes *bytes);

/* Is the word text[ws..we) (of text[0..len)) part of code: glued to "_ . /
 * \ = @ $ # ~ & % ^" before it, "_ / \ = ( @ $ # & % ^ [ { <" after it,
 * an --option, or file.ext, module.member, ns::name, key:value? */
gboolean gls_words_is_code_like   (const GlsWordBytes *bytes, const char *text, gsize len, gsize ws, gsize we);

/* Adds to memo (value 1) every word of ASCII letters and digits written
 * alone between two consecutive backticks ("`x`") or between "**" and "**"
 * ("**x**") of min..max bytes, lowercased. */
void     gls_words_collect_marked (GlsWordMemo *memo, const char *text, gsize len, gsize min, gsize max);

G_END_DECLS
