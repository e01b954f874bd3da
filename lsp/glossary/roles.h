/* roles.h — telling an entry's names from its tags (glossary.h has the rules
 * in full; this is the module that applies them while a glossary is built).
 *
 * Private to lsp/glossary: glossary.c calls the two passes, in this order,
 * around the grouping of names into terms. Both only read the sources and
 * rewrite the names array / roles in place; single-threaded, like the build.
 */
#pragma once

#include "glossary/glossary_private.h"
#include "glossary/wordlist.h"

G_BEGIN_DECLS

/* Before terms exist: an entry whose header is its title split at the
 * spaces ("long,context,LLM,techniques" under **Long Context LLM
 * Techniques**) gets the title as a name (GLS_ROLE_TITLE, appended after its
 * other names), and the pieces become tags. Rebuilds self->names and the
 * entries' first_name / n_names when any header was repaired. */
void gls_roles_repair_split_headers (GlsGlossary *self);

/* After terms and canonical spellings: the role of every header item from the
 * evidence of its own entry (see glossary.h). */
void gls_roles_assign (GlsGlossary *self, const GlsWordlist *words);

G_END_DECLS
