/* loader.h — one glossary file's text into entries, through the tree-sitter
 * grammar in grammar/ (the grammar is the format's only parser).
 *
 * For each `entry` node the loader records the header line, the header items
 * (`term` nodes: headword first, then aliases), the `category` node, the body
 * (the definition, blank lines trimmed) and the title (the first bold span of
 * the body's first line; a title "X (Y)" also names the entry X and Y).
 *
 * Large files are parsed in chunks, in parallel, cut only before lines the
 * grammar reads as a header whatever precedes them (see loader.c).
 *
 * Problems become issues with file:line, and never stop the file: `stray` text
 * before the first entry, ERROR and MISSING nodes (reported; entries around them
 * are kept), entries without a definition, code fences or math blocks left open.
 */
#pragma once

#include <gio/gio.h>

#include "glossary/entry.h"

G_BEGIN_DECLS

/* Appends the entries of text[0..len) to entries (GlsEntry) and their names to
 * names (GlsName, term unset). Entry and name indexes continue from the arrays'
 * current lengths; every slice is relative to text. source is stored in each
 * entry; path is only used in issues. */
void gls_loader_parse (const char *path,
                       const char *text,
                       gsize       len,
                       guint32     source,
                       GArray     *entries,
                       GArray     *names,
                       GPtrArray  *issues);

/* Several files at once: every file is split into chunks (see loader.c) and
 * all chunks of all files are parsed on every core; the entries, names and
 * issues come out in the order the files were added, as if each file had been
 * given to gls_loader_parse in turn. The text must stay alive until run. */
#define GLS_LOADER_CHUNK_SIZE ((gsize) 1 << 20)
typedef struct _GlsLoaderBatch GlsLoaderBatch;

GlsLoaderBatch *gls_loader_batch_new (gsize chunk_size);   /* 0: GLS_LOADER_CHUNK_SIZE */
void            gls_loader_batch_add (GlsLoaderBatch *batch,
                                      const char     *path,
                                      const char     *text,
                                      gsize           len,
                                      guint32         source);
/* Once cancellable (may be NULL) is cancelled, the chunks not yet parsed
 * are skipped: the results are incomplete and meant to be thrown away. */
void            gls_loader_batch_set_cancellable (GlsLoaderBatch *batch,
                                                  GCancellable   *cancellable);
/* Parses everything, appends the results and frees batch. */
void            gls_loader_batch_run (GlsLoaderBatch *batch,
                                      GArray         *entries,
                                      GArray         *names,
                                      GPtrArray      *issues);

/* The same, with files above chunk_size bytes parsed as chunks of about that
 * size in parallel (gls_loader_parse uses 1 MiB). Exposed so tests can check
 * that chunking never changes the result. */
void gls_loader_parse_chunked (const char *path,
                               const char *text,
                               gsize       len,
                               guint32     source,
                               gsize       chunk_size,
                               GArray     *entries,
                               GArray     *names,
                               GPtrArray  *issues);

G_END_DECLS
