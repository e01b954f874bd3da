/* bench/prose.c — prose extraction speed (lsp/text/prose.h).
 *
 * Generates, in memory and deterministically, a ~6 MB Markdown document from
 * the seed glossaries' bodies (headings, paragraphs, code blocks and tables as
 * they are, plus inline code, links, autolinks, bare URLs, math, emphasis,
 * raw HTML, HTML comments, block quotes and lists) and a large C file, then
 * reports:
 *   - full extraction of each, MB/s (best of a few runs);
 *   - re-extraction after a one-line edit (a word typed into a paragraph /
 *     a comment) in the middle of each, median over many positions; and, for
 *     Markdown, a structural edit (a fence opened mid-document, which turns
 *     the rest of the document into code);
 *   - for comparison, the tree-sitter Markdown block grammar on the same
 *     Markdown (prefix of --ts-bytes, default 1 MB) and the inline grammar
 *     over its inline nodes: why prose_markdown.c scans by hand.
 *
 * Usage: bench-prose [--mb N] [--ts-bytes N] [--write-markdown PATH]
 * Numbers only; nothing is asserted (timings never belong in tests).
 */
#include "gls-config.h"
#include "seed_texts.h"
#include "text/prose.h"

#include <stdio.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_markdown (void);
const TSLanguage *tree_sitter_markdown_inline (void);

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* ---- generated documents ----------------------------------------------- */

static const char *const extras[] = {
  "Use `rotary_embedding(x)` with [the paper](https://arxiv.org/abs/2104.09864 \"RoFormer\") and "
  "see <https://example.com/docs> or https://example.org/path?q=1. The cost is $O(n^2)$ and "
  "**mixture of experts** layers scale; compare `top_k` routing with _dense_ layers.\n",
  "> A quoted remark about attention heads and key-value caches,\n> spread over two lines.\n",
  ("- first point about fine-tuning\n- second point with <span class=\"term\">inline HTML</span>\n"
   "  - nested detail about learning rate schedules\n"),
  "<!-- glossary-ls: disable-next-line -->\nThe model uses RoPE &amp; ALiBi variants.\n",
  "$$\n\\mathrm{softmax}(QK^T / \\sqrt{d})V\n$$\n",
  "<div class=\"note\">\nA note rendered as HTML about gradient checkpointing.\n</div>\n",
  "1. Load the checkpoint\n2. Quantize to 4-bit\n3. Evaluate perplexity on ![plot](img.png)\n",
};

static GString *
generate_markdown (gsize target)
{
  GString *doc = g_string_sized_new (target + 65536);
  g_autoptr (GPtrArray) bodies = bench_seed_texts ("**Fallback**\nNo seeds found: prose about attention.\n");

  guint round = 0, k = 0;
  while (doc->len < target)
    {
      g_string_append_printf (doc, "# Glossary part %u\n\n", round++);
      for (guint b = 0; b < bodies->len && doc->len < target; b++)
        {
          g_auto (GStrv) lines = g_strsplit (g_ptr_array_index (bodies, b), "\n", -1);
          for (guint i = 0; lines[i] != NULL && doc->len < target; i++)
            {
              const char *l = lines[i];
              gsize n = strlen (l);
              if (n > 4 && g_str_has_prefix (l, "**") && g_str_has_suffix (l, "**"))
                {
                  g_string_append_printf (doc, "\n## %.*s\n\n", (int) (n - 4), l + 2);
                  if (++k % 3 == 0)
                    g_string_append_printf (doc, "%s\n", extras[k % G_N_ELEMENTS (extras)]);
                }
              else
                g_string_append_printf (doc, "%s\n", l);
            }
        }
    }
  return doc;
}

static GString *
generate_c (gsize target)
{
  GString *c = g_string_sized_new (target + 4096);
  g_string_append (c, "/* Generated benchmark source. */\n#include <stdio.h>\n\n");
  for (guint i = 0; c->len < target; i++)
    g_string_append_printf (c,
      "/**\n * Computes step %u of the rotary position embedding.\n"
      " * @param x the input activation\n */\n"
      "static int\nstep_%u (int x)\n{\n"
      "  // scale by the attention temperature before the softmax\n"
      "  const char *label = \"attention // not a comment\";\n"
      "  int y = x * %u + (int) label[0]; /* trailing remark */\n"
      "  for (int k = 0; k < 4; k++)\n    y += k;\n  return y;\n}\n\n", i, i, i);
  return c;
}

/* ---- measurements ------------------------------------------------------ */

static double
full_parse_ms (const char *lang, const GString *doc, guint *n_spans)
{
  double best = G_MAXDOUBLE;
  for (int run = 0; run < 3; run++)
    {
      g_autoptr (GlsProse) p = gls_prose_new (lang);
      double t0 = now_ms ();
      if (!gls_prose_parse (p, doc->str, doc->len, NULL, NULL))
        g_error ("parse failed");
      best = MIN (best, now_ms () - t0);
      *n_spans = gls_prose_n_spans (p);
    }
  return best;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Types `word` at the end of n lines containing `needle` around the middle
 * (each edit on the previous result), timing each reparse; median and max. */
static void
one_line_edits (const char *lang, GString *doc, const char *needle, const char *word, guint n,
                double *median, double *max, guint32 *changed_bytes)
{
  g_autoptr (GlsProse) p = gls_prose_new (lang);
  if (!gls_prose_parse (p, doc->str, doc->len, NULL, NULL))
    g_error ("parse failed");
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  gsize from = doc->len / 3;
  *changed_bytes = 0;
  for (guint i = 0; i < n; i++)
    {
      const char *hit = strstr (doc->str + from, needle);
      if (hit == NULL)
        break;
      const char *eol = strchr (hit, '\n');
      guint32 at = (guint32) ((eol != NULL ? eol : hit) - doc->str);
      g_string_insert (doc, at, word);
      g_array_set_size (changed, 0);
      double t0 = now_ms ();
      if (!gls_prose_reparse_after_edit (p, doc->str, doc->len, at, at, at + (guint32) strlen (word),
                                         changed, NULL, NULL))
        g_error ("reparse failed");
      double dt = now_ms () - t0;
      g_array_append_val (times, dt);
      for (guint k = 0; k < changed->len; k++)
        *changed_bytes = MAX (*changed_bytes, g_array_index (changed, GlsByteRange, k).end -
                                                g_array_index (changed, GlsByteRange, k).start);
      from = (gsize) (at + 1) + 997 * (i + 1) % 4096;
    }
  g_array_sort (times, cmp_double);
  *median = times->len ? g_array_index (times, double, times->len / 2) : 0;
  *max = times->len ? g_array_index (times, double, times->len - 1) : 0;
}

static double
structural_edit_ms (GString *doc, guint32 *changed_bytes)
{
  g_autoptr (GlsProse) p = gls_prose_new ("markdown");
  gls_prose_parse (p, doc->str, doc->len, NULL, NULL);
  const char *para = strstr (doc->str + doc->len / 2, "\n\n");
  guint32 at = (guint32) (para - doc->str) + 2;
  g_string_insert (doc, at, "```\n");
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (GlsByteRange));
  double t0 = now_ms ();
  gls_prose_reparse_after_edit (p, doc->str, doc->len, at, at, at + 4, changed, NULL, NULL);
  double dt = now_ms () - t0;
  *changed_bytes = changed->len ? g_array_index (changed, GlsByteRange, 0).end -
                                    g_array_index (changed, GlsByteRange, 0).start : 0;
  g_string_erase (doc, at, 4);
  return dt;
}

/* The tree-sitter alternative: the block grammar over the document, then the
 * inline grammar over every "inline" node. */
static void
tree_sitter_markdown_ms (const char *text, guint32 len, double *block_ms, double *inline_ms,
                         guint *n_inline)
{
  TSParser *parser = ts_parser_new ();
  ts_parser_set_language (parser, tree_sitter_markdown ());
  double t0 = now_ms ();
  TSTree *tree = ts_parser_parse_string (parser, NULL, text, len);
  *block_ms = now_ms () - t0;

  TSParser *inl = ts_parser_new ();
  ts_parser_set_language (inl, tree_sitter_markdown_inline ());
  TSSymbol inline_sym = ts_language_symbol_for_name (tree_sitter_markdown (), "inline", 6, TRUE);
  TSTreeCursor c = ts_tree_cursor_new (ts_tree_root_node (tree));
  *n_inline = 0;
  t0 = now_ms ();
  for (;;)
    {
      TSNode n = ts_tree_cursor_current_node (&c);
      if (ts_node_symbol (n) == inline_sym)
        {
          TSRange r = { ts_node_start_point (n), ts_node_end_point (n), ts_node_start_byte (n),
                        ts_node_end_byte (n) };
          ts_parser_set_included_ranges (inl, &r, 1);
          TSTree *t = ts_parser_parse_string (inl, NULL, text, len);
          ts_tree_delete (t);
          (*n_inline)++;
        }
      else if (ts_tree_cursor_goto_first_child (&c))
        continue;
      while (!ts_tree_cursor_goto_next_sibling (&c))
        if (!ts_tree_cursor_goto_parent (&c))
          goto done;
    }
done:
  *inline_ms = now_ms () - t0;
  ts_tree_cursor_delete (&c);
  ts_tree_delete (tree);
  ts_parser_delete (inl);
  ts_parser_delete (parser);
}

int
main (int argc, char **argv)
{
  gint mb = 6;
  gint ts_bytes = 1 << 20;
  g_autofree char *write_md = NULL;
  GOptionEntry entries[] = {
    { "mb", 0, 0, G_OPTION_ARG_INT, &mb, "document size in MB (default 6)", "N" },
    { "ts-bytes", 0, 0, G_OPTION_ARG_INT, &ts_bytes, "bytes for the tree-sitter comparison", "N" },
    { "write-markdown", 0, 0, G_OPTION_ARG_FILENAME, &write_md, "save the generated Markdown",
      "PATH" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- prose extraction benchmark");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  gsize target = (gsize) mb * 1000 * 1000;

  g_autoptr (GString) md = generate_markdown (target);
  if (write_md != NULL)
    g_file_set_contents (write_md, md->str, (gssize) md->len, NULL);
  guint n_spans;
  double ms = full_parse_ms ("markdown", md, &n_spans);
  printf ("markdown full extraction: %.2f MB, %u spans, %.1f ms, %.0f MB/s\n", md->len / 1e6,
          n_spans, ms, md->len / 1e3 / ms);

  double median, max;
  guint32 changed;
  one_line_edits ("markdown", md, "\n\nThe ", "x", 200, &median, &max, &changed);
  printf ("markdown one-line edit: median %.3f ms, max %.3f ms (largest changed range %u bytes)\n",
          median, max, changed);
  ms = structural_edit_ms (md, &changed);
  printf ("markdown fence opened mid-document: %.1f ms (changed range %u bytes)\n", ms, changed);

  g_autoptr (GString) c = generate_c (target);
  ms = full_parse_ms ("c", c, &n_spans);
  printf ("c full extraction: %.2f MB, %u spans, %.1f ms, %.1f MB/s\n", c->len / 1e6, n_spans, ms,
          c->len / 1e3 / ms);
  one_line_edits ("c", c, "// scale", " x", 50, &median, &max, &changed);
  printf ("c one-line edit: median %.3f ms, max %.3f ms (largest changed range %u bytes)\n", median,
          max, changed);

  guint32 len = (guint32) MIN ((gsize) ts_bytes, md->len);
  double block_ms, inline_ms;
  guint n_inline;
  tree_sitter_markdown_ms (md->str, len, &block_ms, &inline_ms, &n_inline);
  double ours = 0;
  {
    g_autoptr (GlsProse) p = gls_prose_new ("markdown");
    double t0 = now_ms ();
    gls_prose_parse (p, md->str, len, NULL, NULL);
    ours = now_ms () - t0;
  }
  printf ("comparison on %.2f MB: tree-sitter-markdown block %.1f ms (%.1f MB/s), inline grammar "
          "over %u inline nodes %.1f ms (%.1f MB/s); hand-written block+inline %.1f ms (%.0f MB/s)\n",
          len / 1e6, block_ms, len / 1e3 / block_ms, n_inline, inline_ms, len / 1e3 / inline_ms,
          ours, len / 1e3 / ours);
  return 0;
}
