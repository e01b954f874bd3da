/* suppress.h — suppression comments, shared by the server and the linter.
 *
 * A directive is a comment span (GLS_PROSE_COMMENT in code, GLS_PROSE_HTML_COMMENT
 * in Markdown: <!-- ... -->) whose text starts with "glossary-ls:" followed by
 *
 *   disable-next-line [rule...]   findings starting on the line after the
 *                                 comment's last line (a closing "-->" or
 *                                 "*\/" alone on the next line belongs to it)
 *   disable-line [rule...]        findings starting on the directive's line
 *   disable [rule...]             findings from the directive on, up to the
 *   enable [rule...]              next enable of that rule (or the end of the
 *                                 document when there is none)
 *
 * Rules are rule ids (rule_info.h) separated by spaces or commas; no rule
 * means every rule; unknown names are ignored (a directive naming only
 * unknown rules suppresses nothing). Anything after " -- " is a free-form
 * reason: "glossary-ls: disable-line term-case -- the product is named Lora".
 * Directive keywords and rule ids are case-sensitive; lines are separated by
 * \n (a \r before it is part of the line end).
 *
 * The directive itself is never reported: findings that overlap the directive
 * text (from "glossary-ls:" to the end of its rule list) are removed too.
 *
 * Suppression needs the whole document (a "disable" at the top covers the
 * end), so pass every span of the document, even when the findings come from
 * re-checking only some of them. Cost: O(spans + comment text + findings);
 * lines are counted only up to the offsets that are needed.
 */
#pragma once

#include <glib.h>

#include "analysis/finding.h"
#include "text/prose.h"

G_BEGIN_DECLS

typedef struct _GlsSuppressions GlsSuppressions;

/* Reads the directives of a document; text and spans are not retained. */
GlsSuppressions *gls_suppressions_new   (const char         *text,
                                         gsize               len,
                                         const GlsProseSpan *spans,
                                         gsize               n_spans);
/* NULL is allowed. */
void             gls_suppressions_free  (GlsSuppressions *self);

/* Number of directives found (for tests and logging). */
guint            gls_suppressions_count (const GlsSuppressions *self);

/* TRUE if a finding of rule (a rule id) starting at start and ending at end
 * is suppressed. */
gboolean         gls_suppressions_covers (const GlsSuppressions *self,
                                          const char            *rule,
                                          guint32                start,
                                          guint32                end);

/* Removes the suppressed findings from findings (a GArray of GlsFinding),
 * keeping the order of the rest; removed findings are cleared
 * (gls_finding_clear) whether or not the array has a clear func. Returns how
 * many were removed. */
guint            gls_suppress_filter     (const char         *text,
                                          gsize               len,
                                          const GlsProseSpan *spans,
                                          gsize               n_spans,
                                          GArray             *findings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsSuppressions, gls_suppressions_free)

G_END_DECLS
