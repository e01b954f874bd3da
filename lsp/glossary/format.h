/* format.h — glossary files in the formats teams already keep.
 *
 * Besides the seed layout (loader.h) a glossary file may be:
 *   markdown    a glossary page: one heading per term ("## Term" and its
 *               paragraphs), definition lists ("Term" / ": definition") or
 *               bold-lead items ("- **Term**: definition"); see reader_markdown.c
 *   sphinx      reStructuredText with `.. glossary::` directives
 *   myst        MyST Markdown with ```{glossary} (or :::{glossary}) blocks
 *   abbr        MkDocs / Python-Markdown abbreviations: *[HTML]: Hyper Text ...
 *   contextive  Contextive's definitions YAML (contexts, terms, aliases, examples)
 *   yaml, json, csv   a term table: term, definition, aliases (reader_table.c)
 *
 * Every reader gives the same model as the seed loader (entries with names,
 * a definition in Markdown, file and line) through reader_builder.h, so
 * hover, completion, definition and the lint rules work unchanged.
 *
 * Text that does not lie verbatim in the file (an indented reST definition
 * made flush, a JSON string with escapes) is derived: the source's text
 * becomes the file's bytes, '\n', then the derived text (gls_format_read's
 * *text). Names and lines always point into the file's own bytes when the
 * name is written there as is.
 *
 * All readers take hostile input: time and memory linear in the file, no
 * recursion on the input's nesting, YAML aliases that reuse a node are
 * refused. Problems are issues with file:line; the rest of the file loads.
 * Pure functions; any thread.
 */
#pragma once

#include <glib.h>

#include "glossary/entry.h"

G_BEGIN_DECLS

typedef enum
{
  GLS_FORMAT_AUTO = -1,  /* not a format: "detect it" (gls_format_detect) */
  GLS_FORMAT_SEED = 0,   /* the seed layout: header line + Markdown body (loader.h) */
  GLS_FORMAT_MARKDOWN,
  GLS_FORMAT_SPHINX,
  GLS_FORMAT_MYST,
  GLS_FORMAT_ABBR,
  GLS_FORMAT_CONTEXTIVE,
  GLS_FORMAT_YAML,
  GLS_FORMAT_JSON,
  GLS_FORMAT_CSV,
  GLS_FORMAT_LAST = GLS_FORMAT_CSV
} GlsFormat;

/* "seed", "markdown", "sphinx", "myst", "abbr", "contextive", "yaml", "json", "csv". */
const char *gls_format_to_string   (GlsFormat format);
/* FALSE for an unknown name. */
gboolean    gls_format_from_string (const char *name, GlsFormat *format);

/* The format of a file from its name and its first bytes:
 *   *.rst, *.rest, *.txt holding ".. glossary::"           sphinx
 *   *.md, *.markdown, *.mdx: a {glossary} fence             myst
 *                  only abbreviation lines (and blanks)     abbr
 *                  otherwise                                markdown
 *   *.yml, *.yaml: under .contextive/ or a top-level
 *                  "contexts:" key                          contextive
 *                  otherwise                                yaml
 *   *.json                                                  json
 *   *.csv                                                   csv
 *   anything else (*.txt, *.glossary, no extension)         seed
 * except that a vocabulary list gls_vocab_detect (vocab.h) recognises
 * (cspell.json, cspell.yaml, accept.txt, _typos.toml, ...) is "seed" too:
 * not a format of this file, the vocab readers of reader.h's table, which
 * come before these, read it. */
GlsFormat   gls_format_detect (const char *path, const char *text, gsize len);

/* Reads text[0..len) (not NUL-terminated) in format (not GLS_FORMAT_SEED),
 * appending entries, names and issues as gls_loader_parse does, and to
 * preferences (nullable: not wanted) the GlsPreference of each deprecated
 * name (reader_builder.h: a YAML/JSON `deprecated` list, a CSV `deprecated`
 * column, a Markdown "X (deprecated)"). *text_out gets
 * the source text the slices refer to (transfer full): the file's bytes plus
 * any derived text (see above). */
void        gls_format_read (GlsFormat   format,
                             const char *path,
                             const char *text,
                             gsize       len,
                             guint32     source,
                             GArray     *entries,
                             GArray     *names,
                             GPtrArray  *issues,
                             GArray     *preferences,
                             GBytes    **text_out);

/* Any glossary file's text, the seed layout included (gls_loader_parse),
 * as an editor's open glossary document is read: the same entries, names
 * and issues as gls_format_read gives. A vocabulary list (vocab.h: cspell,
 * Vale, typos; detected as seed) gives one entry per word, accepted or
 * rejected, named by the word as written (its outline) and its reader's
 * issues. *model gets the text the slices
 * refer to (transfer full; the text itself for the seed layout). */
void        gls_format_parse_text (GlsFormat   format,
                                   const char *path,
                                   const char *text,
                                   gsize       len,
                                   GArray     *entries,
                                   GArray     *names,
                                   GPtrArray  *issues,
                                   GBytes    **model);

G_END_DECLS
