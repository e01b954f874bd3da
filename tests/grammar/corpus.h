/* corpus.h — tree-sitter corpus files, read the way the tree-sitter CLI 0.20
 * reads them, so the files of grammar/test/corpus run without the CLI (which is not
 * available at test time).
 *
 * A file holds examples: a header (a line of '=', the name, a line of '='),
 * the input, a divider (the longest line of '-' before the next header) and
 * the expected S-expression. Like the CLI: the input loses one final newline
 * ("\n" or "\r\n"); comment lines (";") are dropped from the expectation and
 * its white space is collapsed; fields are compared only when the
 * expectation names one. A first header with a suffix ("=== foo") makes
 * only headers and dividers with that suffix count.
 *
 * Ownership: gls_corpus_read returns a new array that owns its examples.
 * Complexity: linear in the file size (plus the regex engine's).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  GBytes   *input;
  char     *expected;   /* normalized S-expression */
  gboolean  has_fields; /* the expectation names fields ("header: (") */
} GlsCorpusExample;

void       gls_corpus_example_free (GlsCorpusExample *example);

/* The examples of one corpus file, in order. */
GPtrArray *gls_corpus_read         (const char  *path,
                                    GError     **error);

/* An actual tree (ts_node_string) in the form to compare with `expected`:
 * without field names unless the example has fields. */
char      *gls_corpus_actual       (const GlsCorpusExample *example,
                                    const char             *sexp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsCorpusExample, gls_corpus_example_free)

G_END_DECLS
