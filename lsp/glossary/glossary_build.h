/* glossary_build.h — a GlsGlossary from sources already in memory.
 *
 * Each source is read by its format's reader (reader.h: the seed format's
 * tree-sitter reader, loader.h, is the first), then names are grouped into
 * terms by normalized key (normalize.h), canonical spellings chosen (casing.h,
 * wordlist.h), roles decided (roles.h), entries ranked and the trie built;
 * glossary.h states the rules. Problems go to issues and never stop the
 * build. Any thread; the result is immutable.
 */
#pragma once

#include <gio/gio.h>

#include "glossary/glossary.h"
#include "glossary/reader.h"

G_BEGIN_DECLS

/* Builds a glossary from sources (takes ownership of the GlsSource pointers
 * in sources, which must have a free func of gls_source_free or none; the
 * array itself is not consumed). issues (nullable) receives GlsIssue*.
 * Returns (transfer full) the glossary. */
GlsGlossary *gls_glossary_new_from_sources (GPtrArray *sources,
                                            GPtrArray *issues);

/* The same, stopping early when cancellable (nullable) is cancelled from
 * another thread: then NULL (the sources are freed with the partial glossary). */
GlsGlossary *gls_glossary_build (GPtrArray    *sources,
                                 GPtrArray    *issues,
                                 GCancellable *cancellable);

/* The same with every source read by reader (transfer none; NULL: each
 * source's reader from readers.c's table): a reader's tests, and a caller
 * that knows the format. */
GlsGlossary *gls_glossary_build_with_reader (GPtrArray               *sources,
                                             const GlsGlossaryReader *reader,
                                             GPtrArray               *issues,
                                             GCancellable            *cancellable);

G_END_DECLS
