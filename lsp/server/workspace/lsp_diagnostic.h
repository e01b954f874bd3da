/* lsp_diagnostic.h — LSP Diagnostic values: of a finding, and of the
 * reader's problems in a glossary document's text (in its format).
 *
 * Diagnostic: range (negotiated encoding), severity (from the rule config;
 * a finding of a rule turned off shows as a warning), code = rule id or
 * "glossary-format", source "glossary-ls", message, and for findings data =
 * {replacements: [string], term: canonical spelling, fixable: bool}.
 * Pure builders returning floating GVariants; any thread on values it owns
 * (the document's line index is read). Never fail.
 */
#pragma once

#include "analysis/finding.h"
#include "glossary/format.h"
#include "glossary/glossary.h"
#include "server/transport/lsp_range.h"
#include "text/document.h"

G_BEGIN_DECLS

/* The Diagnostic (a{sv}, floating) of f at range; glossary (nullable)
 * gives data.term. */
GVariant *gls_lsp_diagnostic_for_finding        (const GlsFinding  *f,
                                                 const GlsLspRange *range,
                                                 GlsGlossary       *glossary);
/* The loader's problems with doc's text, read in format (glossary/format.h;
 * GLS_FORMAT_AUTO: detected), as Diagnostics (av, floating), one per problem
 * on its line, positions in encoding; *count gets their number. The whole
 * text is parsed. */
GVariant *gls_lsp_diagnostics_for_glossary_text (GlsDocument        *doc,
                                                 GlsFormat           format,
                                                 GlsPositionEncoding encoding,
                                                 guint              *count);

G_END_DECLS
