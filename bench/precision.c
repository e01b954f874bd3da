/* precision.c — run the analysis engine over a corpus and print every finding,
 * to review by hand how often the rules cry wolf.
 *
 *   gls-precision [--hits] [--lang ID] [--config FILE] [--files-from FILE|-] [PATH...]
 *
 * Each path is a file (gzip'd files are read through zlib: /usr/share/doc)
 * whose language comes from its name without ".gz" (--lang forces one). For
 * every finding it prints "path:line: rule: message => replacements" and the
 * line; at the end, on stderr, the corpus size in prose words (runs of ASCII
 * letters and digits inside matchable prose spans) and findings per 10,000
 * words per rule. --config applies a .glossary-ls.json, glossaries included
 * (e.g. a synthetic 100k-entry glossary as a stress test). The corpus stays
 * outside the repository: pass paths.
 */
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "corpus_text.h"
#include "analysis/analyzer.h"
#include "glossary/glossary_load.h"
#include "analysis/suppress.h"
#include "text/prose.h"

typedef struct
{
  GlsAnalyzer   *analyzer;
  GlsRuleConfig *config;
  gboolean       print_hits;
  const char    *lang;
  guint64        words;
  guint64        bytes;
  guint64        hits;
  guint          files;
  guint          per_rule[GLS_N_RULES];
} Run;

static GBytes *
read_file (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) raw = g_file_read (file, NULL, error);
  if (raw == NULL)
    return NULL;
  g_autoptr (GInputStream) in = NULL;
  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr (GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      in = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (z));
    }
  else
    in = G_INPUT_STREAM (g_object_ref (raw));
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
print_line (const char *text, gsize len, guint32 at)
{
  gsize s = at, e = at;
  while (s > 0 && text[s - 1] != '\n')
    s--;
  while (e < len && text[e] != '\n')
    e++;
  if (e - s > 200)
    {
      s = at > s + 80 ? at - 80 : s;
      e = MIN (e, s + 200);
    }
  printf ("    | %.*s\n", (int) (e - s), text + s);
}

static guint
line_of (const char *text, guint32 at)
{
  guint line = 1;
  for (guint32 i = 0; i < at; i++)
    line += text[i] == '\n';
  return line;
}

static void
check_file (Run *run, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = read_file (path, &error);
  if (bytes == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return;
    }
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  if (len == 0 || memchr (text, '\0', MIN (len, 8192)) != NULL)
    return;

  g_autofree char *name = g_str_has_suffix (path, ".gz") ? g_strndup (path, strlen (path) - 3) : g_strdup (path);
  const char *lang = run->lang != NULL ? run->lang : gls_prose_language_id_for_path (name);
  g_autoptr (GlsProse) prose = gls_prose_new (lang);
  if (!gls_prose_parse (prose, text, len, NULL, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return;
    }
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (prose, 0, (guint32) len, spans);
  const GlsProseSpan *sp = (const GlsProseSpan *) (gpointer) spans->data;

  g_autoptr (GArray) findings = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
  g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  gls_analyzer_check (run->analyzer, run->config, text, len, sp, spans->len, findings, hits);
  gls_suppress_filter (text, len, sp, spans->len, findings);

  run->files++;
  run->bytes += len;
  run->words += bench_count_words (text, sp, spans->len);
  run->hits += hits->len;
  const GlsGlossary *g = gls_analyzer_glossary (run->analyzer);
  if (run->print_hits)
    for (guint i = 0; i < hits->len; i++)
      {
        const GlsHit *h = &g_array_index (hits, GlsHit, i);
        printf ("%s:%u: hit “%.*s” = %s\n", path, line_of (text, h->start), (int) (h->end - h->start),
                text + h->start, gls_glossary_term_canonical (g, gls_glossary_term (g, h->term)));
      }
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      GlsRuleId rule;
      if (gls_rule_lookup (f->rule, &rule))
        run->per_rule[rule]++;
      printf ("%s:%u: %s: %s =>", path, line_of (text, f->start), f->rule, f->message);
      for (guint r = 0; r < f->replacements->len; r++)
        printf (" “%s”", (const char *) g_ptr_array_index (f->replacements, r));
      printf ("%s\n", f->fixable ? " (fixable)" : "");
      print_line (text, len, f->start);
    }
}

static void
check_list (Run *run, const char *list)
{
  g_auto (GStrv) lines = bench_read_list (list);
  for (char **l = lines; *l != NULL; l++)
    check_file (run, *l);
}

int
main (int argc, char **argv)
{
  gboolean hits = FALSE;
  char *lang = NULL, *files_from = NULL, *config_path = NULL;
  g_auto (GStrv) paths = NULL;
  GOptionEntry entries[] = {
    { "hits", 0, 0, G_OPTION_ARG_NONE, &hits, "print every term hit too", NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "languageId for every file", "ID" },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &files_from, "read paths, one per line (- for stdin)", "FILE" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, "a .glossary-ls.json to apply", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- findings of glossary-ls over a corpus");
  g_autoptr (GError) error = NULL;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  Run run = { 0 };
  run.config = gls_rule_config_new ();
  run.print_hits = hits;
  run.lang = lang;
  if (config_path != NULL && !gls_rule_config_merge_file (run.config, config_path, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  /* The config's glossaries, as the linter would load them. */
  GlsGlossaryOptions options = { !gls_rule_config_default_glossary (run.config),
                                 gls_rule_config_glossaries (run.config) };
  g_autoptr (GlsGlossary) glossary = gls_glossary_load (&options, NULL);
  run.analyzer = gls_analyzer_new (glossary);

  gint64 t0 = g_get_monotonic_time ();
  if (files_from != NULL)
    check_list (&run, files_from);
  for (char **p = paths; p != NULL && *p != NULL; p++)
    check_file (&run, *p);
  double secs = (g_get_monotonic_time () - t0) / 1e6;

  g_printerr ("files %u, %.1f MB, %" G_GUINT64_FORMAT " prose words, %" G_GUINT64_FORMAT " hits, %.2f s\n",
              run.files, run.bytes / 1e6, run.words, run.hits, secs);
  for (guint r = 0; r < GLS_N_RULES; r++)
    g_printerr ("%-16s %6u findings, %.2f per 10,000 words\n", gls_rule_info (r)->id, run.per_rule[r],
                run.words > 0 ? run.per_rule[r] * 10000.0 / run.words : 0.0);
  gls_analyzer_unref (run.analyzer);
  gls_rule_config_unref (run.config);
  g_free (lang);
  g_free (files_from);
  g_free (config_path);
  return 0;
}
