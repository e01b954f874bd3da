/* bench/analysis.c — speed of the analysis engine (lsp/analysis/).
 *
 * Generates, in memory and deterministically, a Markdown document of --mb MB
 * (default 6) from the seed glossaries' bodies interleaved with paragraphs
 * that carry term hits, miscapitalized terms and near-miss misspellings, then
 * reports, best of --runs runs (default 5):
 *   - prose extraction (for reference; text/prose.h);
 *   - the matcher alone over every span, MB/s: gls_matcher_find_indexed (what
 *     the analyzer uses) and the whole-span reference gls_matcher_find;
 *   - a full check (gls_analyzer_check: matcher + both rules), MB/s;
 *   - building the analyzer (the term-word and vocabulary indexes).
 * MB/s are document bytes per second. By default the glossary is the seed
 * glossary; --glossary PATH (repeatable) adds files, --no-default leaves the
 * seeds out, e.g. with a synthetic one from gen-glossary:
 *
 *   bench-gen-glossary 100000 > /tmp/g100k.txt
 *   bench-analysis --no-default --glossary /tmp/g100k.txt
 *
 * Times are thread CPU time (--wall: wall clock). --write-markdown PATH saves
 * the document. Numbers only: nothing asserted.
 */
#include "gls-config.h"
#include "seed_texts.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "analysis/analyzer.h"
#include "glossary/glossary_load.h"
#include "text/prose.h"

/* Thread CPU time by default: the machine may be shared, and waiting for a
 * CPU is not the engine's cost. --wall switches to the wall clock. */
static clockid_t clock_id = CLOCK_THREAD_CPUTIME_ID;

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (clock_id, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char *const paragraphs[] = {
  "We fine-tune with LoRA adapters and compare them with full fine-tuning on the same data.\n",
  "Our Pytorch serving stack batches requests; Lora ranks of 8 and 16 behave alike.\n",
  "The Levenstein transformer edits sequences, while the toolfromer calls external tools.\n",
  "Rotary Position Embedding (RoPE) encodes relative positions; a rope is just a rope.\n",
  "Mixture of experts layers route tokens; the modal dialog of the model viewer is unrelated.\n",
  "We apply rotary positon embedding to every head and train in BF16 with gradient checkpointing.\n",
};

static GString *
generate_markdown (gsize target)
{
  GString *doc = g_string_sized_new (target + 65536);
  g_autoptr (GPtrArray) seeds = bench_seed_texts ("No seeds found: prose about attention and LoRA.\n");

  guint round = 0, k = 0;
  while (doc->len < target)
    {
      g_string_append_printf (doc, "# Notes, part %u\n\n", round++);
      for (guint s = 0; s < seeds->len && doc->len < target; s++)
        {
          g_auto (GStrv) lines = g_strsplit (g_ptr_array_index (seeds, s), "\n", -1);
          for (guint i = 0; lines[i] != NULL && doc->len < target; i++)
            {
              g_string_append (doc, lines[i]);
              g_string_append (doc, "\n\n");
              if (i % 7 == 0)
                g_string_append (doc, paragraphs[k++ % G_N_ELEMENTS (paragraphs)]);
            }
        }
    }
  return doc;
}

typedef struct
{
  double best;
  guint  count;
} Timing;

int
main (int argc, char **argv)
{
  double mb = 6;
  int runs = 5;
  gboolean no_default = FALSE, wall = FALSE;
  g_auto (GStrv) glossaries = NULL;
  g_autofree char *write_markdown = NULL, *read_markdown = NULL;
  GOptionEntry entries[] = {
    { "mb", 0, 0, G_OPTION_ARG_DOUBLE, &mb, "document size in MB (default 6)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs per measurement, best counts (default 5)", "N" },
    { "glossary", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &glossaries, "add a glossary file or directory", "PATH" },
    { "no-default", 0, 0, G_OPTION_ARG_NONE, &no_default, "leave out the seed glossary", NULL },
    { "write-markdown", 0, 0, G_OPTION_ARG_FILENAME, &write_markdown, "save the document", "PATH" },
    { "markdown", 0, 0, G_OPTION_ARG_FILENAME, &read_markdown, "use this document instead of generating one", "PATH" },
    { "wall", 0, 0, G_OPTION_ARG_NONE, &wall, "time with the wall clock instead of thread CPU time", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- analysis engine speed");
  g_autoptr (GError) error = NULL;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 || mb <= 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "bad arguments");
      return 2;
    }

  if (wall)
    clock_id = CLOCK_MONOTONIC;
  double t0 = now_ms ();
  GlsGlossaryOptions options = { no_default, (const char * const *) glossaries };
  g_autoptr (GlsGlossary) glossary = gls_glossary_load (&options, NULL);
  double t_load = now_ms () - t0;
  t0 = now_ms ();
  g_autoptr (GlsAnalyzer) analyzer = gls_analyzer_new (glossary);
  double t_analyzer = now_ms () - t0;
  printf ("glossary: %u entries, %u terms (load %.0f ms); analyzer build %.1f ms\n",
          gls_glossary_n_entries (glossary), gls_glossary_n_terms (glossary), t_load, t_analyzer);

  g_autoptr (GString) doc = NULL;
  if (read_markdown != NULL)
    {
      char *data;
      gsize data_len;
      if (!g_file_get_contents (read_markdown, &data, &data_len, &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      doc = g_string_new_len (data, (gssize) data_len);
      g_free (data);
    }
  else
    doc = generate_markdown ((gsize) (mb * 1e6));
  if (write_markdown != NULL && !g_file_set_contents (write_markdown, doc->str, (gssize) doc->len, &error))
    g_printerr ("%s\n", error->message);
  double doc_mb = doc->len / 1e6;

  g_autoptr (GlsProse) prose = gls_prose_new ("markdown");
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  Timing parse = { G_MAXDOUBLE, 0 }, reference = { G_MAXDOUBLE, 0 }, match = { G_MAXDOUBLE, 0 };
  Timing check = { G_MAXDOUBLE, 0 };
  guint n_findings = 0;

  for (int r = 0; r < runs; r++)
    {
      t0 = now_ms ();
      if (!gls_prose_parse (prose, doc->str, doc->len, NULL, &error))
        g_error ("%s", error->message);
      g_array_set_size (spans, 0);
      gls_prose_spans (prose, 0, G_MAXUINT32, spans);
      parse.best = MIN (parse.best, now_ms () - t0);
    }
  const GlsProseSpan *sp = (const GlsProseSpan *) (gpointer) spans->data;

  g_autoptr (GlsMatchIndex) index = gls_match_index_new (glossary);
  for (int r = 0; r < runs; r++)
    {
      g_autoptr (GArray) hits = g_array_sized_new (FALSE, FALSE, sizeof (GlsHit), 1 << 16);
      t0 = now_ms ();
      gls_matcher_find (glossary, doc->str, doc->len, sp, spans->len, hits);
      reference.best = MIN (reference.best, now_ms () - t0);
      reference.count = hits->len;
      g_array_set_size (hits, 0);
      t0 = now_ms ();
      gls_matcher_find_indexed (index, doc->str, doc->len, sp, spans->len, hits);
      match.best = MIN (match.best, now_ms () - t0);
      match.count = hits->len;
    }
  for (int r = 0; r < runs; r++)
    {
      g_autoptr (GArray) findings = g_array_new (FALSE, FALSE, sizeof (GlsFinding));
      g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
      g_autoptr (GArray) hits = g_array_sized_new (FALSE, FALSE, sizeof (GlsHit), 1 << 16);
      t0 = now_ms ();
      gls_analyzer_check (analyzer, NULL, doc->str, doc->len, sp, spans->len, findings, hits);
      check.best = MIN (check.best, now_ms () - t0);
      check.count = hits->len;
      n_findings = findings->len;
    }

  printf ("document: %.2f MB of Markdown, %u prose spans\n", doc_mb, spans->len);
  printf ("prose extraction: %8.1f ms  %7.1f MB/s\n", parse.best, doc_mb / (parse.best / 1000));
  printf ("matcher, indexed: %8.1f ms  %7.1f MB/s  (%u hits)\n", match.best, doc_mb / (match.best / 1000),
          match.count);
  printf ("matcher, whole-span reference: %8.1f ms  %7.1f MB/s  (%u hits)\n", reference.best,
          doc_mb / (reference.best / 1000), reference.count);
  printf ("full check:       %8.1f ms  %7.1f MB/s  (%u hits, %u findings)\n", check.best,
          doc_mb / (check.best / 1000), check.count, n_findings);
  return 0;
}
