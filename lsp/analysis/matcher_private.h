/* matcher_private.h — what the reference matcher (matcher.c) and the
 * indexed one (match_index.c) share; no other unit includes it. Pure
 * functions of their arguments.
 */
#pragma once

#include <glib.h>

#include "analysis/matcher.h"
#include "glossary/normalize.h"

G_BEGIN_DECLS

/* Word-ness of the character at s[i] (valid UTF-8: normalized text is). */
static inline gboolean
word_at (const char *s, gsize i, gsize *clen)
{
  guchar b = (guchar) s[i];
  if (b < 0x80)
    {
      *clen = 1;
      return g_ascii_isalnum ((char) b);
    }
  gunichar c = g_utf8_get_char (s + i);
  *clen = (gsize) (g_utf8_next_char (s + i) - (s + i));
  return gls_is_word_char (c);
}

/* Start of the character before s[i] (i > 0). */
static inline gsize
prev_char (const char *s, gsize i)
{
  i--;
  while (i > 0 && ((guchar) s[i] & 0xC0) == 0x80)
    i--;
  return i;
}

typedef struct
{
  const char   *span_text;  /* the span's first document byte */
  const GArray *map;        /* normalized offset -> offset in the span */
  gsize         at;         /* normalized offset where the match starts */
} GlsMatchSurface;

/* The GlsMatchAccept of document text: user_data is a GlsMatchSurface. A
 * key is recognised when its term matches in prose and, for a
 * case-sensitive term, the document's bytes are marked (matcher.h). */
gboolean gls_matcher_accept_in_document (const GlsGlossary *glossary,
                                         guint32            term_index,
                                         gsize              match_len,
                                         gpointer           user_data);

/* A hit inside an identifier or a path ("examples/lora_dreambooth/x.py",
 * "tuners.lora.config", "dpo_figure") is part of a name, not the term. A
 * hyphen is no such glue: "QA-LoRA", "LoRA-based" are uses of the term. */
static inline gboolean
in_identifier (const char *text, const GlsProseSpan *span, guint32 start, guint32 end)
{
  char prev = start > span->start ? text[start - 1] : ' ';
  char before = start > span->start + 1 ? text[start - 2] : ' ';
  char next = end < span->end ? text[end] : ' ';
  char after = end + 1 < span->end ? text[end + 1] : ' ';
  if (prev == '_' || prev == '/' || prev == '\\' || (prev == '.' && g_ascii_isalnum (before)))
    return TRUE;
  return next == '_' || next == '/' || next == '\\' || (next == '.' && g_ascii_isalnum (after));
}

G_END_DECLS
