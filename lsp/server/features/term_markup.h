/* term_markup.h — what a glossary term says, as hover / completion
 * documentation (LSP MarkupContent text, Markdown or plain text).
 *
 * For a term the text shows, from its best entry (the term's first ref, or
 * the entry options->sense chose from the words around the mention):
 *   - a heading: the entry's title, else the term's canonical spelling; the
 *     canonical spelling too when the title is generic ("The problem",
 *     "Overview": gls_markup_title_is_generic); then the entry's category.
 *     No heading when the definition opens with that text ("**LoRA (...)**
 *     adds ...", "Ring attention distributes ..."): the title is shown once,
 *     and the category follows the location instead;
 *   - the definition as markup_text.h makes it: repaired LaTeX
 *     (tex_repair.h), without a first line that is only the bold title,
 *     one-line page exports broken into their headings and lists, condensed
 *     when long (gls_markup_condense: never ending on a heading or a colon),
 *     math as Unicode;
 *   - where it lives: a link to the entry's header line,
 *     `file:///path#L<line>` (VS Code opens such links at the line; Go to
 *     Definition reaches the same place), labelled "Full definition" when
 *     the definition was condensed;
 *   - when the best entry only mentions the term (its name there is a
 *     mention or tag, glossary.h "Names and tags"): the term as heading,
 *     "mentioned in *Entry title*", and instead of the definition the
 *     passage of the body that uses the term (gls_passage_find on the
 *     repaired, re-blocked text, one search);
 *   - the entry's other names (headword, aliases and title names that are
 *     not the term itself) as "Also:", its mentions and tags as "Tags:";
 *     keywords and items that glue two names together are left out;
 *   - the locations of entries that say the same thing as the best one
 *     (gls_glossary_entries_alike) as "Same entry also at:";
 *   - the other entries for the same term, in the glossary's rank order,
 *     look-alikes grouped into one line with the title, category and every
 *     location (at most max_other_entries lines, then a count of the rest).
 * Plain text carries the same information with no Markdown at all: no "**",
 * no escapes, links as "label (destination)", "path:line" for places.
 *
 * Markdown safety: names, titles and categories are escaped (they are
 * shown, not interpreted; an "_" inside a word needs no escape and gets
 * none), URIs have their parentheses percent-encoded so that a link never
 * ends early. The definition itself is Markdown already and goes in as
 * written, but for its math.
 *
 * Ownership: results are newly allocated; the glossary is only read during
 * the call. Cost: O(shown text + other entries).
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"
#include "glossary/sense.h"
#include "server/features/markup_text.h"

G_BEGIN_DECLS

/* The file URI of a glossary source, or NULL when it has none; borrowed. */
typedef const char *(*GlsSourceUriFunc) (guint    source,
                                         gpointer user_data);

#define GLS_MARKUP_DEFAULT_EXCERPT      600
#define GLS_MARKUP_DEFAULT_OTHERS       8
/* Body bytes searched for a mentioned term's passage (one search, in the
 * repaired text): bounds a hover's cost on a huge entry; a passage beyond
 * it is not found and the definition's start is shown. */
#define GLS_MARKUP_MENTION_WINDOW       (64 * 1024)

typedef struct
{
  GlsMarkupKind    kind;
  /* Definition bytes shown before condensing; 0 = GLS_MARKUP_DEFAULT_EXCERPT. */
  gsize            excerpt_limit;
  /* 0 = GLS_MARKUP_DEFAULT_OTHERS. */
  guint            max_other_entries;
  /* May be NULL: the term's best entry first. Else the entry the words
   * around the mention chose (gls_sense_choose), shown first, the term's
   * other entries after it. */
  const GlsSense  *sense;
  /* May be NULL: no links, only path:line. */
  GlsSourceUriFunc source_uri;
  gpointer         user_data;
} GlsTermMarkupOptions;

/* The documentation of term (an index for gls_glossary_term). */
char          *gls_term_markup       (const GlsGlossary          *glossary,
                                      guint32                     term,
                                      const GlsTermMarkupOptions *options);

/* The "MarkupKind" string of LSP: "markdown" or "plaintext". */
/* The hover of a rejected spelling (preference.h) found as text[0..len):
 * "“whitelist” is deprecated for **allowlist** (glossary.yml:4)" for a
 * glossary's deprecated name or avoid: line, "... is a rejected spelling;
 * write ..." for a vocabulary list's (typos, cspell flagWords, Vale
 * reject.txt), then, when the preferred spelling is a glossary term, that
 * term's markup (gls_term_markup, options->sense ignored). (transfer full) */
char          *gls_rejected_markup   (const GlsGlossary          *glossary,
                                      guint                       preference,
                                      const char                 *text,
                                      gsize                       len,
                                      const GlsTermMarkupOptions *options);

const char    *gls_markup_kind_to_string (GlsMarkupKind kind);

G_END_DECLS
