/* reader.h — glossary file formats: one reader per format, chosen per file.
 *
 * Adding a reader for another format is one new file and one line in the
 * table of readers.c:
 *
 *   1. lsp/glossary/reader_<format>.c defines
 *        const GlsGlossaryReader gls_reader_<format> = { "<format>", suffixes, claims, read, NULL };
 *      where read gets one file (GlsReaderInput: path, bytes, source index)
 *      and fills the glossary through the builder (glossary_builder.h);
 *   2. readers.c lists &gls_reader_<format> in `readers` (before the seed
 *      reader, which reads every file no other reader claims) and declares it
 *      extern beside the table; meson.build lists the new file.
 *
 * Everything after reading (terms, canonical spellings, roles, ranking, the
 * trie, the snapshot cache) is the same for every format. reader_seed.c, the
 * tree-sitter reader of the seed format (loader.h), is the first reader.
 *
 * A reader must treat the bytes as hostile (bounded time and memory, no
 * crash on any input) and report problems as issues; it runs in the loading
 * thread, not necessarily the main one.
 */
#pragma once

#include "glossary/glossary_builder.h"

G_BEGIN_DECLS

typedef struct
{
  const char *path;    /* shown in issues (GlsSource.display_path) */
  const char *text;    /* the file's bytes, valid UTF-8, not NUL-terminated; slices point into them */
  gsize       len;     /* of the file; for formats with derived text (format.h) the
                        * source's text goes on after it with that text */
  guint32     source;  /* to pass to gls_glossary_builder_add_entry */
  GlsFormat   format;  /* the source's (GlsSource.format): detected, or as configured */
  /* (nullable) (transfer none) What reading the file when its source was
   * made gave (GlsSource.parsed_*), for a reader that can reuse it. */
  const GArray     *parsed_entries;
  const GArray     *parsed_names;
  const GPtrArray  *parsed_issues;
  const GArray     *parsed_preferences;
} GlsReaderInput;

typedef struct
{
  const char *name;                  /* "seed": for messages and tests */
  /* Endings of the file names a directory walk reads for this format
   * (".txt"); NULL-terminated. Files named on the command line are read
   * whatever their name. */
  const char *const *suffixes;
  /* TRUE when this reader reads input (by its path's ending or its first
   * bytes). NULL: every file (the seed reader, last in the table). */
  gboolean  (*claims)   (const GlsReaderInput *input);
  /* Reads one file. */
  void      (*read)     (GlsGlossaryBuilder *builder, const GlsReaderInput *input);
  /* Optional: reads n consecutive files this reader claimed, in order, as
   * read would one by one (the seed reader parses them in parallel). */
  void      (*read_run) (GlsGlossaryBuilder *builder, const GlsReaderInput *inputs, guint n);
} GlsGlossaryReader;

/* The first reader of the table that claims input (transfer none, static). */
const GlsGlossaryReader *gls_glossary_reader_for (const GlsReaderInput *input);

/* TRUE when a directory walk should read a file called name (its ending is
 * one of a reader's suffixes). */
gboolean                 gls_glossary_readers_accept_name (const char *name);

/* "*.txt, *.glossary": every reader's suffixes, for messages (transfer full). */
char                    *gls_glossary_readers_describe_names (void);
/* What a directory walk reads (walk_filter.h), for messages (transfer full). */
char                    *gls_glossary_readers_describe_walk (void);

G_END_DECLS
