/* walk_filter.h — which files a directory walk (source_files.h) reads as
 * glossaries: every file a reader recognises, by name and by content.
 *
 *   by name    the endings of reader.h's table (*.txt, *.glossary: the seed
 *              layout; Vale's accept.txt / reject.txt), and the vocabulary
 *              lists vocab.h names (cspell.json, .cspell.json, cspell.yaml,
 *              _typos.toml, .typos.toml, ...): read;
 *   by content *.md, *.markdown, *.mdx, *.rst, *.rest, *.yml, *.yaml, *.json,
 *              *.csv, *.toml are read and kept when they hold a glossary of
 *              their kind: a MyST {glossary} fence, a Sphinx ".. glossary::"
 *              directive, only abbreviation lines, Contextive's "contexts:"
 *              (or a file under .contextive/), a cspell configuration or a
 *              typos `extend-words` table; a Markdown page or a YAML / JSON /
 *              CSV term table when its name says so (glossary, glossaries,
 *              terminology, terms, abbreviations in the file name): a docs/
 *              folder is not a pile of glossaries, and README.md or
 *              package.json never become one.
 *   hidden     names starting with '.' are skipped, except vocabulary lists
 *              recognised by name (.cspell.json, .typos.toml, ...) and the
 *              directories such files live in: .contextive, .github (Vale
 *              styles), .vale, .vscode (cspell.json), .config.
 * Pure functions; any thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLS_WALK_SKIP,   /* not a glossary by its name */
  GLS_WALK_READ,   /* a glossary by its name */
  GLS_WALK_SNIFF,  /* maybe: read it and ask gls_walk_filter_accepts */
} GlsWalkVerdict;

/* The verdict for a file called name (its last path component). */
GlsWalkVerdict gls_walk_filter_file      (const char *name);
/* TRUE when a walk enters the directory called name (its last component). */
gboolean       gls_walk_filter_directory (const char *name);
/* For GLS_WALK_SNIFF: TRUE when the file at path (its bytes text[0..len))
 * holds a glossary of its kind (see above). */
gboolean       gls_walk_filter_accepts   (const char *path, const char *text, gsize len);

G_END_DECLS
