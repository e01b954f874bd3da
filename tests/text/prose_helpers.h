/* prose_helpers.h — shared by the prose tests: spans as readable strings,
 * the span invariants of prose.h, and the randomized differential test of
 * incremental re-extraction against a fresh full parse. */
#pragma once

#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "text/prose.h"

/* Spans as "kind:text|kind:text..." (substrings C-escaped, NUL shown as \0);
 * a new string, caller frees. */
char *prose_spans_string (const GlsProse *p, const char *text);

/* text[0..len) with C escapes; unlike g_strescape it goes on past NUL. */
char *prose_escape (const char *text, gsize len);

/* cr_asserts the span invariants of prose.h for any document. */
void prose_check_invariants (const GlsProse *p, const char *text, gsize len);

/* A fresh parse of text, invariants checked, as prose_spans_string. */
char *prose_extract (const char *language_id, const char *text, gsize len);

#define EXPECT_PROSE(lang, text, want)                                                    \
  do                                                                                      \
    {                                                                                     \
      g_autofree char *got_ = prose_extract ((lang), (text), strlen (text));              \
      cr_expect (strcmp (got_, (want)) == 0, "%s: %s\n  got  %s\n  want %s", (lang), (text), \
                 got_, (want));                                                           \
    }                                                                                     \
  while (0)

/* Applies n random edits (snippets from palette inserted, ranges deleted or
 * replaced) to base; after each, the incremental result must equal a fresh
 * parse, and outside the reported changed ranges the old spans must stand. */
void prose_differential (const char *language_id, const char *base, const char *const *palette,
                         guint32 seed, guint n);

/* One edit (the first `old` in before replaced by repl), then the incremental
 * result must equal a fresh parse. */
void edit_matches_fresh (const char *lang, const char *before, const char *old, const char *repl);
