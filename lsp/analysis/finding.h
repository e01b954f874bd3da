/* finding.h — what the rules report: one problem at a byte range of a document,
 * with the rule that found it and, when there is one, its fix.
 *
 * A finding is the shared currency of the two front ends: the server turns it
 * into an LSP diagnostic (+ a quick fix code action), the linter into a text,
 * JSON, SARIF or GitHub line (+ an in-place edit with --fix). Offsets are bytes
 * into the UTF-8 text that was analysed; positions are computed at the edges.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Values equal LSP's DiagnosticSeverity; OFF means the rule does not run. */
typedef enum
{
  GLS_SEVERITY_OFF     = 0,
  GLS_SEVERITY_ERROR   = 1,
  GLS_SEVERITY_WARNING = 2,
  GLS_SEVERITY_INFO    = 3,
  GLS_SEVERITY_HINT    = 4,
} GlsSeverity;

typedef struct
{
  guint32      start;         /* byte range [start, end) of the offending text */
  guint32      end;
  const char  *rule;          /* static string: "term-case", "misspelled-term" */
  GlsSeverity  severity;
  char        *message;       /* names the glossary term, e.g. "“Lora” is written “LoRA” in the glossary" */
  GPtrArray   *replacements;  /* char*: replacement texts for [start, end), best first; may be empty */
  gboolean     fixable;       /* exactly one replacement and safe to apply without asking (--fix) */
  guint32      term;          /* index of the glossary term concerned */
} GlsFinding;

/* Frees the members (for GArray clear funcs: g_array_set_clear_func (a, (GDestroyNotify) gls_finding_clear)). */
void        gls_finding_clear (GlsFinding *finding);
const char *gls_severity_to_string (GlsSeverity severity);          /* "error", "warning", "info", "hint", "off" */
gboolean    gls_severity_parse (const char *text, GlsSeverity *out);  /* the same names; also "information", "none" */

G_END_DECLS
