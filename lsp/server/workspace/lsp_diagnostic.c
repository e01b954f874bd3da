/* lsp_diagnostic.c — see lsp_diagnostic.h. */
#include "server/workspace/lsp_diagnostic.h"

#include "glossary/format.h"

GVariant *
gls_lsp_diagnostic_for_finding (const GlsFinding *f, const GlsLspRange *range_in, GlsGlossary *glossary)
{
  GlsLspRange range = *range_in;
  g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
  g_auto (GVariantDict) data = G_VARIANT_DICT_INIT (NULL);
  g_auto (GVariantBuilder) replacements = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));

  g_variant_dict_insert_value (&d, "range", gls_lsp_range_to_variant (&range));
  g_variant_dict_insert (&d, "severity", "x",
                         (gint64) (f->severity == GLS_SEVERITY_OFF ? GLS_SEVERITY_WARNING : f->severity));
  g_variant_dict_insert (&d, "code", "s", f->rule);
  g_variant_dict_insert (&d, "source", "s", "glossary-ls");
  g_variant_dict_insert (&d, "message", "s", f->message != NULL ? f->message : f->rule);
  for (guint i = 0; f->replacements != NULL && i < f->replacements->len; i++)
    g_variant_builder_add (&replacements, "v",
                           g_variant_new_string (g_ptr_array_index (f->replacements, i)));
  g_variant_dict_insert_value (&data, "replacements", g_variant_builder_end (&replacements));
  if (glossary != NULL && f->term < gls_glossary_n_terms (glossary))
    g_variant_dict_insert (&data, "term", "s",
                           gls_glossary_term_canonical (glossary, gls_glossary_term (glossary, f->term)));
  g_variant_dict_insert (&data, "fixable", "b", f->fixable);
  g_variant_dict_insert_value (&d, "data", g_variant_dict_end (&data));
  return g_variant_dict_end (&d);
}

GVariant *
gls_lsp_diagnostics_for_glossary_text (GlsDocument *doc, GlsFormat format, GlsPositionEncoding encoding,
                                       guint *count)
{
  gsize len = 0;
  const char *text = gls_document_get_text (doc, &len);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
  g_autoptr (GArray) names = g_array_new (FALSE, FALSE, sizeof (GlsName));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  g_auto (GVariantBuilder) list = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));
  const GlsLineIndex *index = gls_document_get_line_index (doc);

  const char *uri = gls_document_get_uri (doc);
  g_autoptr (GBytes) model = NULL;
  gls_format_parse_text (format, uri, text, len, entries, names, issues, &model);
  *count = issues->len;
  for (guint i = 0; i < issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (issues, i);
      gsize line = issue->line > 0 ? issue->line - 1 : 0;
      line = MIN (line, gls_line_index_n_lines (index) - 1);
      guint32 start = (guint32) gls_line_index_line_start (index, line);
      guint32 end = (guint32) gls_line_index_line_end (index, text, len, line);
      GlsLspRange range;
      gls_document_offset_to_position (doc, start, encoding, &range.start_line, &range.start_character);
      gls_document_offset_to_position (doc, MAX (start, end), encoding, &range.end_line,
                                       &range.end_character);
      g_auto (GVariantDict) d = G_VARIANT_DICT_INIT (NULL);
      g_variant_dict_insert_value (&d, "range", gls_lsp_range_to_variant (&range));
      g_variant_dict_insert (&d, "severity", "x",
                             (gint64) (issue->severity == GLS_ISSUE_ERROR ? GLS_SEVERITY_ERROR
                                                                          : GLS_SEVERITY_WARNING));
      g_variant_dict_insert (&d, "code", "s", "glossary-format");
      g_variant_dict_insert (&d, "source", "s", "glossary-ls");
      g_variant_dict_insert (&d, "message", "s", issue->message);
      g_variant_builder_add (&list, "v", g_variant_dict_end (&d));
    }
  return g_variant_builder_end (&list);
}
