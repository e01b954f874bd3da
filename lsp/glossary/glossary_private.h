/* glossary_private.h — the GlsGlossary struct, for the modules that build one
 * (glossary.c from parsed sources, snapshot.c from a stored model). Nothing
 * else may include it: everyone else goes through glossary.h. */
#pragma once

#include "glossary/glossary.h"

G_BEGIN_DECLS

struct _GlsGlossary
{
  gatomicrefcount ref;
  GPtrArray *sources;  /* GlsSource* */
  GArray    *entries;  /* GlsEntry */
  GArray    *names;    /* GlsName */
  GArray    *terms;    /* GlsTerm */
  GArray    *refs;     /* guint32 name indexes, grouped by term */
  GArray    *preferences;  /* GlsPreference: "write X, not Y" (preference.h) */
  GString   *pool;     /* NUL-terminated keys and canonical spellings */
  GlsTrie   *trie;     /* normalized key -> term index; NULL until built */
  GString   *vocabulary;  /* the sources' words (source_words.h), stored form */
};

/* A glossary with empty arrays, no sources and no trie yet. */
GlsGlossary *gls_glossary_new_empty (void);

/* Moves every source of sources (GlsSource*, in order) into self, leaving
 * sources empty and without a free func. */
void         gls_glossary_take_sources (GlsGlossary *self, GPtrArray *sources);

G_END_DECLS
