/* bench/readers.c — how fast the glossary readers of other formats
 * (glossary/format.h) read a generated glossary, and how fast a glossary is
 * built from it.
 *
 *   bench-readers [--runs N] [--entries N] [--write DIR]
 *
 * For each format (markdown, sphinx, myst, abbr, contextive, yaml, json,
 * csv) writes ENTRIES (default 10,000) entries in memory: distinct
 * syllable-built terms, a third with an alias, one- to three-sentence
 * definitions, in the layout that format's public files use. Times (wall and
 * process CPU, each the median of RUNS, default 5): the reader alone
 * (gls_format_read), and the whole load of the bytes as a glossary: the
 * source made from them (format detected, file read, derived text) and the
 * glossary built from it (gls_glossary_new_from_sources: names, terms,
 * casing, roles, ranks, trie), i.e. what gls_glossary_load does without the
 * disk and the cache.
 * --write DIR also writes each generated file there (to try them by hand).
 * Deterministic. Not a test: no assertions.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "glossary/glossary.h"
#include "glossary/glossary_build.h"
#include "glossary/issue.h"
#include "glossary/format.h"

static const char *syllables[] = {
  "ra", "to", "ken", "mo", "del", "li", "near", "tion", "em", "bed", "ding", "gra", "di", "ent",
  "la", "tent", "dif", "fu", "sion", "trans", "for", "mer", "at", "ten", "con", "vo", "lu", "net",
};

/* A distinct two- or three-word term for i (words from syllables). */
static void
term_of (guint i, gboolean alias, GString *out)
{
  guint n = G_N_ELEMENTS (syllables);
  g_string_truncate (out, 0);
  guint x = i * 2654435761u + (alias ? 7u : 0u);
  for (guint w = 0; w < (alias ? 1u : 2u); w++)
    {
      if (w > 0)
        g_string_append_c (out, ' ');
      for (guint s = 0; s < 3; s++, x /= n)
        g_string_append (out, syllables[x % n]);
    }
  /* The index makes every term distinct. */
  g_string_append_printf (out, alias ? "%uX" : " %u", i);
}

static void
definition_of (guint i, GString *out)
{
  g_string_truncate (out, 0);
  g_string_append (out, "A method that maps inputs to outputs with learned weights.");
  if (i % 2 == 0)
    g_string_append (out, " It is trained on large corpora and fine-tuned for tasks.");
  if (i % 3 == 0)
    g_string_append (out, " See the model card for the evaluation details.");
}

static GString *
generate (GlsFormat format, guint entries)
{
  GString *f = g_string_new (NULL);
  g_autoptr (GString) term = g_string_new (NULL);
  g_autoptr (GString) alias = g_string_new (NULL);
  g_autoptr (GString) def = g_string_new (NULL);

  switch (format)
    {
    case GLS_FORMAT_MARKDOWN: g_string_append (f, "# Glossary\n\nTerms of the project.\n\n"); break;
    case GLS_FORMAT_SPHINX: g_string_append (f, "Glossary\n========\n\n.. glossary::\n   :sorted:\n\n"); break;
    case GLS_FORMAT_MYST: g_string_append (f, "# Glossary\n\n```{glossary}\n"); break;
    case GLS_FORMAT_CONTEXTIVE: g_string_append (f, "contexts:\n  - name: Models\n    terms:\n"); break;
    case GLS_FORMAT_YAML: g_string_append (f, "entries:\n"); break;
    case GLS_FORMAT_JSON: g_string_append (f, "{\"entries\": [\n"); break;
    case GLS_FORMAT_CSV: g_string_append (f, "term,definition,aliases\n"); break;
    default: break;
    }
  for (guint i = 0; i < entries; i++)
    {
      gboolean has_alias = i % 3 == 0;
      term_of (i, FALSE, term);
      term_of (i, TRUE, alias);
      definition_of (i, def);
      switch (format)
        {
        case GLS_FORMAT_MARKDOWN:
          g_string_append_printf (f, has_alias ? "## %s (%s)\n\n%s\n\n" : "## %s\n\n%s%s\n\n", term->str,
                                  has_alias ? alias->str : "", def->str);
          break;
        case GLS_FORMAT_SPHINX:
          g_string_append_printf (f, "   %s\n", term->str);
          if (has_alias)
            g_string_append_printf (f, "   %s\n", alias->str);
          g_string_append_printf (f, "      %s\n\n", def->str);
          break;
        case GLS_FORMAT_MYST:
          g_string_append_printf (f, "%s\n", term->str);
          if (has_alias)
            g_string_append_printf (f, "%s\n", alias->str);
          g_string_append_printf (f, "  %s\n\n", def->str);
          break;
        case GLS_FORMAT_ABBR:
          g_string_append_printf (f, "*[%s]: %s\n", term->str, def->str);
          break;
        case GLS_FORMAT_CONTEXTIVE:
          g_string_append_printf (f, "    - name: %s\n      definition: %s\n", term->str, def->str);
          if (has_alias)
            g_string_append_printf (f, "      aliases:\n        - %s\n", alias->str);
          break;
        case GLS_FORMAT_YAML:
          g_string_append_printf (f, "  %s:\n    description: |-\n      %s\n", term->str, def->str);
          if (has_alias)
            g_string_append_printf (f, "    aliases: [%s]\n", alias->str);
          break;
        case GLS_FORMAT_JSON:
          g_string_append_printf (f, "%s  {\"term\": \"%s\", \"definition\": \"%s\"", i > 0 ? ",\n" : "", term->str,
                                  def->str);
          if (has_alias)
            g_string_append_printf (f, ", \"aliases\": [\"%s\"]", alias->str);
          g_string_append_c (f, '}');
          break;
        case GLS_FORMAT_CSV:
          g_string_append_printf (f, "%s,\"%s\",%s\n", term->str, def->str, has_alias ? alias->str : "");
          break;
        default: g_assert_not_reached ();
        }
    }
  if (format == GLS_FORMAT_MYST)
    g_string_append (f, "```\n");
  if (format == GLS_FORMAT_JSON)
    g_string_append (f, "\n]}\n");
  return f;
}

static const char *
extension (GlsFormat format)
{
  switch (format)
    {
    case GLS_FORMAT_SPHINX: return "glossary.rst";
    case GLS_FORMAT_MYST: return "myst-glossary.md";
    case GLS_FORMAT_ABBR: return "abbreviations.md";
    case GLS_FORMAT_CONTEXTIVE: return "definitions.yml";
    case GLS_FORMAT_YAML: return "glossary.yml";
    case GLS_FORMAT_JSON: return "glossary.json";
    case GLS_FORMAT_CSV: return "glossary.csv";
    default: return "GLOSSARY.md";
    }
}

/* CPU time of the whole process (the build uses worker threads), in ms. */
static double
cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, (int (*) (const void *, const void *)) compare_double);
  return v[n / 2];
}

int
main (int argc, char **argv)
{
  gint runs = 5, entries = 10000;
  g_autofree char *write_dir = NULL;
  GOptionEntry options[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "timed runs per format (median)", "N" },
    { "entries", 0, 0, G_OPTION_ARG_INT, &entries, "entries per glossary", "N" },
    { "write", 0, 0, G_OPTION_ARG_FILENAME, &write_dir, "also write the generated files here", "DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- time the glossary readers");
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL) || runs < 1 || entries < 1)
    return 2;

  printf ("| format | bytes | entries | names | reader wall | reader CPU | load wall | load CPU |\n");
  printf ("|---|---|---|---|---|---|---|---|\n");
  for (guint f = GLS_FORMAT_MARKDOWN; f <= GLS_FORMAT_LAST; f++)
    {
      g_autoptr (GString) text = generate ((GlsFormat) f, (guint) entries);
      g_autofree double *read_ms = g_new (double, runs);
      g_autofree double *build_ms = g_new (double, runs);
      g_autofree double *read_cpu = g_new (double, runs);
      g_autofree double *build_cpu = g_new (double, runs);
      guint n_entries = 0, n_names = 0;
      if (write_dir != NULL)
        {
          g_autofree char *path = g_build_filename (write_dir, extension ((GlsFormat) f), NULL);
          g_file_set_contents (path, text->str, (gssize) text->len, NULL);
        }
      for (gint r = 0; r < runs; r++)
        {
          g_autoptr (GArray) e = g_array_new (FALSE, FALSE, sizeof (GlsEntry));
          g_autoptr (GArray) n = g_array_new (FALSE, FALSE, sizeof (GlsName));
          g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
          g_autoptr (GBytes) model = NULL;
          gint64 t0 = g_get_monotonic_time ();
          double c0 = cpu_ms ();
          gls_format_read ((GlsFormat) f, extension ((GlsFormat) f), text->str, text->len, 0, e, n, issues, NULL, &model);
          read_ms[r] = (g_get_monotonic_time () - t0) / 1e3;
          read_cpu[r] = cpu_ms () - c0;
          n_entries = e->len;
          n_names = n->len;

          g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
          g_autoptr (GBytes) bytes = g_bytes_new (text->str, text->len);
          t0 = g_get_monotonic_time ();
          c0 = cpu_ms ();
          g_ptr_array_add (sources, gls_source_new_from_bytes (extension ((GlsFormat) f), NULL, bytes));
          GlsGlossary *g = gls_glossary_new_from_sources (sources, NULL);
          build_ms[r] = (g_get_monotonic_time () - t0) / 1e3;
          build_cpu[r] = cpu_ms () - c0;
          gls_glossary_unref (g);
        }
      printf ("| %s | %zu | %u | %u | %.1f ms | %.1f ms | %.1f ms | %.1f ms |\n", gls_format_to_string ((GlsFormat) f),
              text->len, n_entries, n_names, median (read_ms, (guint) runs), median (read_cpu, (guint) runs),
              median (build_ms, (guint) runs), median (build_cpu, (guint) runs));
    }
  return 0;
}
