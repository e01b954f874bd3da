/* export.h — the loaded glossary written as another tool's input
 * (`glossary-ls export --to FORMAT`), so the glossary stays the one source of
 * truth: spell checkers stop flagging its terms, Vale and typos enforce its
 * spellings and rejections, a docs site shows its definitions.
 *
 *   cspell       a cspell.json: "words" = every term recognised in prose, in
 *                its canonical spelling; "flagWords" = every rejected
 *                spelling, "rejected->preferred" when there is a preferred one
 *   vale         accept.txt (the terms) and reject.txt (the rejected
 *                spellings) of a Vale vocabulary; spellings with regular
 *                expression syntax are left out (and counted)
 *   typos        a _typos.toml: terms of one token (letters, digits, '_') map
 *                to themselves, in [default.extend-identifiers] when their
 *                canonical spelling has irregular capitals (typos splits
 *                identifiers at case changes, "LoRA" would be "Lo RA") and
 *                in [default.extend-words] otherwise; rejected one-token
 *                spellings map to their preferred spelling or "" (never
 *                valid); longer terms are left out (and counted)
 *   mkdocs-abbr  Python-Markdown abbreviations, "*[TERM]: definition" for
 *                every entry with a definition: its first sentence, as
 *                plain text on one line
 *   markdown     a glossary page: "## Term", the definition (headings inside
 *                it become bold lines), "Also called:" and "Avoid:" lines
 *   json         [{"term", "aliases", "definition", "deprecated", "file",
 *                "line"}, ...], one object per entry
 *
 * Terms are sorted without case (then bytewise); entries keep glossary
 * order. Pure functions of the glossary: any thread.
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

typedef enum
{
  GLS_EXPORT_CSPELL,
  GLS_EXPORT_VALE,
  GLS_EXPORT_TYPOS,
  GLS_EXPORT_MKDOCS_ABBR,
  GLS_EXPORT_MARKDOWN,
  GLS_EXPORT_JSON,
} GlsExportFormat;

gboolean gls_export_format_parse (const char *name, GlsExportFormat *out);

/* The export of glossary as format (transfer full). For GLS_EXPORT_VALE this
 * is accept.txt, and reject (nullable) receives reject.txt. *left_out
 * (nullable) gets how many terms or rejected spellings the format cannot
 * hold. */
char    *gls_export_render (const GlsGlossary *glossary, GlsExportFormat format, GString *reject,
                            guint *left_out);

G_END_DECLS
