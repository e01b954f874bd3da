/* vocab.h — vocabulary lists without definitions: the word lists of spell
 * checkers and style linters that teams already keep (cspell, Vale, typos).
 *
 * A list says two things: "this spelling is right" (cspell `words` and
 * `ignoreWords`, Vale `accept.txt`, a typos `extend-words` entry mapped to
 * itself) and "write X, not Y" (cspell `flagWords` and `suggestWords`, Vale
 * `reject.txt`, a typos entry mapped to another word or to ""). Each reader
 * turns one file's bytes into GlsVocabWord records whose text is a slice of
 * those bytes (so file:line and go-to-definition point at the word itself);
 * reader_vocab.c turns them into the glossary model: an accepted word is
 * an entry whose only name is its headword, spelled as the list spells it
 * (its canonical casing), with an empty definition; a rejected word is a
 * GlsPreference (preference.h).
 *
 * Every reader is hostile-input safe: bounded time (linear in the file, with
 * nesting limited to GLS_VOCAB_MAX_DEPTH), no allocation beyond a small
 * multiple of the file, never reads past len. A word that cannot be kept as a
 * slice of the file (a JSON or YAML string with escapes, a regular
 * expression) is skipped with an issue naming file:line; the rest still
 * loads. Pure functions: any thread.
 */
#pragma once

#include <glib.h>

#include "glossary/entry.h"

G_BEGIN_DECLS

#define GLS_VOCAB_MAX_DEPTH 64

/* Which list of which tool a word came from (gls_vocab_list_name). */
typedef enum
{
  GLS_VOCAB_CSPELL_WORDS,
  GLS_VOCAB_CSPELL_IGNORE_WORDS,
  GLS_VOCAB_CSPELL_FLAG_WORDS,
  GLS_VOCAB_CSPELL_SUGGEST_WORDS,
  GLS_VOCAB_VALE_ACCEPT,
  GLS_VOCAB_VALE_REJECT,
  GLS_VOCAB_TYPOS_WORDS,
  GLS_VOCAB_TYPOS_IDENTIFIERS,
  GLS_VOCAB_N_LISTS
} GlsVocabList;

typedef struct
{
  GlsSlice     text;       /* the word (or phrase) as written in the file */
  guint32      line;       /* 1-based line of text */
  gboolean     rejected;   /* "write preferred, not text" */
  GlsSlice     preferred;  /* rejected only: the replacement as written; len 0 when the list gives none */
  GlsVocabList list;
  /* Where the word comes from when text is not written in the file: the Vale
   * line it was expanded from (vale_regex.h), whose text then lies in the
   * source's derived text (gls_vocab_derived). len 0: text itself. */
  GlsSlice     written;
} GlsVocabWord;

typedef enum
{
  GLS_VOCAB_FORMAT_NONE,
  GLS_VOCAB_FORMAT_CSPELL_JSON,
  GLS_VOCAB_FORMAT_CSPELL_YAML,
  GLS_VOCAB_FORMAT_VALE_ACCEPT,
  GLS_VOCAB_FORMAT_VALE_REJECT,
  GLS_VOCAB_FORMAT_TYPOS,
} GlsVocabFormat;

/* The vocabulary format of a file, from its name (cspell.json, .cspell.json,
 * cspell.config.json, cSpell.json, cspell.yaml/.yml and the .config / dot
 * variants, accept.txt, reject.txt, _typos.toml, typos.toml, .typos.toml) and,
 * for other *.toml / *.json / *.yaml names, its content (a typos
 * `extend-words` table; a top-level cspell `words` or `flagWords` key next to
 * `version` or `language`). GLS_VOCAB_FORMAT_NONE for anything else. */
GlsVocabFormat gls_vocab_detect (const char *path, const char *text, gsize len);

/* "cspell", "vale-accept", ... (the names .glossary-ls.json may give), and back. */
const char    *gls_vocab_format_name  (GlsVocabFormat format);
gboolean       gls_vocab_format_parse (const char *name, GlsVocabFormat *out);

/* For people: "a cspell word list", "a Vale vocabulary", "a typos
 * configuration"; NULL for GLS_VOCAB_FORMAT_NONE. */
const char    *gls_vocab_format_label (GlsVocabFormat format);

/* "cspell words", "Vale reject.txt", "typos extend-words", ... */
const char    *gls_vocab_list_name (GlsVocabList list);

/* Reads text[0..len) as format, appending GlsVocabWord to words and problems
 * (GlsIssue*, with path) to issues. FALSE when the file is not of that format
 * at all (not JSON, no table); words found before an error are kept. */
gboolean gls_vocab_read (GlsVocabFormat format, const char *path, const char *text, gsize len,
                         GArray *words, GPtrArray *issues);

#define GLS_VOCAB_MAX_LINE_ISSUES 20

/* The derived text of a vocabulary file (NULL when it has none): the words
 * expanded from Vale regular expressions that the file does not spell out,
 * each followed by '\n'. The source's text is the file's bytes, '\n', then
 * this (source.h), and the words gls_vocab_read gives point into it at
 * offsets from len + 1. (transfer full) */
GString *gls_vocab_derived (GlsVocabFormat format, const char *path, const char *text, gsize len);

/* The readers (vocab_cspell.c, vocab_cspell_yaml.c, vocab.c, vocab_typos.c). */
gboolean gls_vocab_read_cspell_json (const char *path, const char *text, gsize len,
                                     GArray *words, GPtrArray *issues);
gboolean gls_vocab_read_cspell_yaml (const char *path, const char *text, gsize len,
                                     GArray *words, GPtrArray *issues);
/* Vale lines with regular-expression syntax: the simple forms of
 * vale_regex.h expand into their words, each a slice of the line when it is
 * written there ("(LoRA|QLoRA)"), else of the derived text (below); every
 * other line is reported at its line (the first GLS_VOCAB_MAX_LINE_ISSUES,
 * then a count) and skipped. */
gboolean gls_vocab_read_vale        (const char *path, const char *text, gsize len, gboolean reject,
                                     GArray *words, GPtrArray *issues);
gboolean gls_vocab_read_typos       (const char *path, const char *text, gsize len,
                                     GArray *words, GPtrArray *issues);

/* (vocab_cspell.c) cspell's "word->suggestion" / "word: suggestion" pairs (suggestWords, and
 * flagWords entries written that way): splits s[0..len) (already a slice of
 * the file at offset at) into the rejected and preferred slices. FALSE when s
 * holds no such separator. Exposed for the tests. */
gboolean gls_vocab_split_suggestion (const char *s, gsize len, guint32 at,
                                     GlsSlice *rejected, GlsSlice *preferred);

G_END_DECLS
