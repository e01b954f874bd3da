/* term_markup.h — what a glossary term says, as hover / completion
 * documentation (LSP MarkupContent text, Markdown or plain text).
 *
 * For a term the text shows, from its best entry (the term's first ref):
 *   - a heading: the entry's title, else the term's canonical spelling, and
 *     the entry's category;
 *   - the definition, condensed when long (gls_markup_condense) without the
 *     first line when that line is only the bold title already shown;
 *   - where it lives: a link to the entry's header line,
 *     `file:///path#L<line>` (VS Code opens such links at the line; Go to
 *     Definition reaches the same place), labelled "Full definition" when
 *     the definition was condensed;
 *   - when the best entry only mentions the term (its name there is a
 *     mention or tag, glossary.h "Names and tags"): the term as heading,
 *     "mentioned in *Entry title*", and instead of the definition the
 *     passage of the body that uses the term (gls_glossary_find_passage);
 *   - the entry's other names (headword, aliases and title names that are
 *     not the term itself) as "Also:", its mentions and tags as "Tags:";
 *     keywords and items that glue two names together are left out;
 *   - the locations of entries that say the same thing as the best one
 *     (gls_glossary_entries_alike) as "Same entry also at:";
 *   - the other entries for the same term, in the glossary's rank order,
 *     look-alikes grouped into one line with the title, category and every
 *     location (at most max_other_entries lines, then a count of the rest).
 * Plain text carries the same information: the definition's Markdown with
 * its bold markers removed, and "path:line" instead of links.
 *
 * Markdown safety: names, titles and categories are escaped (they are
 * shown, not interpreted), URIs have their parentheses percent-encoded so
 * that a link never ends early. The definition itself is Markdown already
 * and goes in as written.
 *
 * Ownership: results are newly allocated; the glossary is only read during
 * the call. Cost: O(shown text + other entries).
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

typedef enum
{
  GLS_MARKUP_PLAINTEXT,
  GLS_MARKUP_MARKDOWN,
} GlsMarkupKind;

/* The file URI of a glossary source, or NULL when it has none; borrowed. */
typedef const char *(*GlsSourceUriFunc) (guint    source,
                                         gpointer user_data);

#define GLS_MARKUP_DEFAULT_EXCERPT      600
#define GLS_MARKUP_DEFAULT_OTHERS       8

typedef struct
{
  GlsMarkupKind    kind;
  /* Definition bytes shown before condensing; 0 = GLS_MARKUP_DEFAULT_EXCERPT. */
  gsize            excerpt_limit;
  /* 0 = GLS_MARKUP_DEFAULT_OTHERS. */
  guint            max_other_entries;
  /* May be NULL: no links, only path:line. */
  GlsSourceUriFunc source_uri;
  gpointer         user_data;
} GlsTermMarkupOptions;

/* The documentation of term (an index for gls_glossary_term). */
char          *gls_term_markup       (const GlsGlossary          *glossary,
                                      guint32                     term,
                                      const GlsTermMarkupOptions *options);

/* The "MarkupKind" string of LSP: "markdown" or "plaintext". */
const char    *gls_markup_kind_to_string (GlsMarkupKind kind);

/* How much of a Markdown definition text[0..len) to show within about limit
 * bytes: returns the length of the prefix to keep (len when it all fits).
 * Cut points, best first:
 *   1. the end of a paragraph (before a blank line);
 *   2. the end of a line, or of a whole code fence / $$ block;
 *   3. the end of a sentence (". ", "! ", "? ") inside the text line that
 *      crosses the limit, where inline code, bold and $ math are balanced;
 * each only if it keeps at least a third of the limit, else the longest of
 * them; with none at all, the last word boundary before the limit (again
 * with balanced inline markup). A cut is never inside a fence or $$ block:
 * a block that does not fit is left out whole (the result may then be 0).
 * Trailing white space is not kept. O(limit). */
gsize          gls_markup_condense   (const char                 *text,
                                      gsize                       len,
                                      gsize                       limit);

G_END_DECLS
