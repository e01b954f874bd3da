/* glossary_builder.h — what a glossary reader fills: the entries and names of
 * a glossary under construction (reader.h says how a reader is called).
 *
 * A reader turns one file's bytes into entries (entry.h): every text of an
 * entry is a slice of those bytes, so a reader never copies text. It adds an
 * entry, then the entry's names: its header items first (the headword, then
 * the other items, all GLS_ROLE_HEADWORD for the first and GLS_ROLE_ALIAS for
 * the rest; roles.c decides their final roles later), then the names its
 * title gives (GLS_ROLE_TITLE). Terms, canonical spellings, roles, ranking
 * and the trie are computed afterwards from what the readers added
 * (glossary_build.c), the same whatever the file format was.
 *
 * Problems go to gls_glossary_builder_add_issue and never stop a read: add
 * what can be read and report the rest.
 *
 * Threads: a builder is used by one thread at a time (the one running
 * gls_glossary_build); a reader may parse in worker threads but adds to the
 * builder from the calling thread.
 */
#pragma once

#include <gio/gio.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

typedef struct _GlsGlossaryBuilder GlsGlossaryBuilder;

/* Appends an entry of source number source (GlsReaderInput.source) whose
 * header is on line line (1-based): header, body, title and category are
 * slices of that source's bytes (len 0: none). Returns its index. Its names
 * are the ones added next, until the next entry. */
guint32       gls_glossary_builder_add_entry (GlsGlossaryBuilder *self,
                                              guint32             source,
                                              guint32             line,
                                              GlsSlice            header,
                                              GlsSlice            body,
                                              GlsSlice            title,
                                              GlsSlice            category);

/* Appends a name of the entry added last: role GLS_ROLE_HEADWORD for the
 * first header item, GLS_ROLE_ALIAS for later header items, GLS_ROLE_TITLE
 * for names its title gives, which come after every header item. text is
 * not empty. An entry must get its headword before the next entry. */
void          gls_glossary_builder_add_name  (GlsGlossaryBuilder *self,
                                              GlsSlice            text,
                                              GlsRole             role);

/* Records "write preferred, not rejected" (preference.h) of source number
 * source, written on line line; rejected is not empty, preferred may be
 * (len 0: the source names nothing to write instead). */
void          gls_glossary_builder_add_preference (GlsGlossaryBuilder *self,
                                                   guint32             source,
                                                   guint32             line,
                                                   GlsSlice            rejected,
                                                   GlsSlice            preferred);

/* Reports a problem (transfer full). */
void          gls_glossary_builder_add_issue (GlsGlossaryBuilder *self,
                                              GlsIssue           *issue);

/* (nullable) (transfer none): once cancelled, a long read may stop early;
 * the glossary is then thrown away. */
GCancellable *gls_glossary_builder_get_cancellable (GlsGlossaryBuilder *self);

/* (transfer none) The arrays themselves (GlsEntry, GlsName, GlsIssue*), for a
 * reader that appends in bulk (the seed reader's parallel parse, loader.h).
 * Such a reader keeps the rules above: names of an entry contiguous from its
 * first_name, header items first, term unset. */
void          gls_glossary_builder_get_arrays (GlsGlossaryBuilder *self,
                                               GArray            **entries,
                                               GArray            **names,
                                               GPtrArray         **issues);

/* For glossary_build.c: a builder filling glossary (borrowed, which already
 * holds its sources) and reporting to issues (borrowed); cancellable may be
 * NULL. */
GlsGlossaryBuilder *gls_glossary_builder_new  (GlsGlossary         *glossary,
                                               GPtrArray           *issues,
                                               GCancellable        *cancellable);
void                gls_glossary_builder_free (GlsGlossaryBuilder *self);

G_END_DECLS
