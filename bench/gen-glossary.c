/* bench/gen-glossary.c — writes a synthetic glossary in the seed format.
 *
 *   gen-glossary [--page] [--seed N] ENTRIES > glossary.txt
 *
 * Compact layout by default (entries back to back, as 000_/001_/004_), page
 * export with --page (preamble, then header / blank / one-line body / blank).
 * Entries look like the seeds: a header of 1-6 lowercase items (some with an
 * uppercase acronym alias, some ending in a category), a body opening with a
 * bold title, bullet lists, and now and then a code fence whose lines look like
 * headers, a $$ math block with commas, or a table. Terms are built from a
 * syllable vocabulary, so 100k entries give ~500k distinct keys. Deterministic
 * for a given seed. Not a test: it only writes data.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

static const char *syllables[] = {
  "ra", "to", "ken", "mo", "del", "li", "near", "tion", "em", "bed", "ding", "gra", "di", "ent",
  "la", "tent", "dif", "fu", "sion", "trans", "for", "mer", "at", "ten", "con", "vo", "lu", "net",
  "work", "pro", "ba", "bil", "ty", "re", "war", "pol", "cy", "op", "ti", "mi", "za", "ver", "sa",
  "ri", "al", "quan", "tum", "com", "pu", "ter", "lo", "gic", "ma", "trix", "vec", "se", "man", "tic",
};
static const char *categories[] = {
  "ai safety", "graph neural networks", "model optimization", "time series models", "neural architecture",
  "multimodal ai", "model training", "foundation model", "generative models", "distributed training",
  "semiconductor manufacturing", "ai agents", "explainable ai", "llm architecture",
};
static const char *fillers[] = {
  "reduces memory traffic during training", "improves calibration on held-out data",
  "is applied in semiconductor manufacturing operations", "scales with the number of devices",
  "trades accuracy for latency under a fixed budget", "needs careful tuning of the learning rate",
  "is evaluated with controlled ablations", "keeps gradients stable in deep networks",
};

static void
word (GRand *r, GString *out)
{
  guint n = (guint) g_rand_int_range (r, 2, 5);
  for (guint i = 0; i < n; i++)
    g_string_append (out, syllables[g_rand_int_range (r, 0, G_N_ELEMENTS (syllables))]);
}

static void
phrase (GRand *r, GString *out, guint words)
{
  for (guint i = 0; i < words; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      word (r, out);
    }
}

static void
title_case (GString *out, gsize from, gsize to)
{
  gboolean start = TRUE;
  for (gsize i = from; i < to; i++)
    {
      if (start && g_ascii_islower (out->str[i]))
        out->str[i] = g_ascii_toupper (out->str[i]);
      start = out->str[i] == ' ';
    }
}

static void
body (GRand *r, GString *out, const char *headword, gboolean one_line)
{
  const char *nl = one_line ? " " : "\n";
  gsize t = out->len + 2;
  g_string_append_printf (out, "**%s** is **a technique that %s** - it %s.%s", headword,
                          fillers[g_rand_int_range (r, 0, G_N_ELEMENTS (fillers))],
                          fillers[g_rand_int_range (r, 0, G_N_ELEMENTS (fillers))], nl);
  title_case (out, t, t + strlen (headword));
  g_string_append_printf (out, "**Why %s Matters**%s", headword, nl);
  guint bullets = (guint) g_rand_int_range (r, 2, 5);
  for (guint i = 0; i < bullets; i++)
    g_string_append_printf (out, "- **Point %u**: It %s.%s", i + 1,
                            fillers[g_rand_int_range (r, 0, G_N_ELEMENTS (fillers))], nl);
  if (one_line)
    return;
  switch (g_rand_int_range (r, 0, 8))
    {
    case 0:
      g_string_append (out, "```python\nconfig = LoraConfig(r=8, lora_alpha=16, dropout=0.1)\n"
                            "model, optimizer = setup(config, lr=3e-4)\n```\n");
      break;
    case 1:
      g_string_append (out, "$$\nL = \\sum_{i=1}^{n} w_i, x_i\n$$\nabla f(x, y) is the gradient.\n");
      break;
    case 2:
      g_string_append (out, "| Variant | Cost |\n|---|---|\n| base, small | low |\n");
      break;
    default:
      break;
    }
}

int
main (int argc, char **argv)
{
  gboolean page = FALSE;
  gint64 seed = 42;
  GOptionEntry entries[] = {
    { "page", 0, 0, G_OPTION_ARG_NONE, &page, "Page-export layout", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("ENTRIES");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "usage: gen-glossary [--page] [--seed N] ENTRIES\n");
      return 2;
    }
  guint64 n = g_ascii_strtoull (argv[1], NULL, 10);
  g_autoptr (GRand) r = g_rand_new_with_seed ((guint32) seed);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) headword = g_string_new (NULL);

  if (page)
    g_string_append_printf (out, "\xe2\x86\x90 Back to AI Factory Chat\n\nAI Factory Glossary\n\n"
                                 "%" G_GUINT64_FORMAT " technical terms and definitions\n\n"
                                 "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z All\n"
                                 "Showing page 1 of 1 (%" G_GUINT64_FORMAT " entries)\n\n", n, n);
  for (guint64 i = 0; i < n; i++)
    {
      g_string_truncate (headword, 0);
      phrase (r, headword, (guint) g_rand_int_range (r, 1, 4));
      g_string_append (out, headword->str);
      guint aliases = (guint) g_rand_int_range (r, 0, 5);
      for (guint k = 0; k < aliases; k++)
        {
          g_string_append (out, g_rand_boolean (r) ? "," : ", ");
          if (k == 0 && g_rand_int_range (r, 0, 4) == 0)
            {
              /* An acronym alias, written in capitals like "RoPE" or "LDD". */
              gsize at = out->len;
              word (r, out);
              for (gsize c = at; c < out->len; c++)
                out->str[c] = g_ascii_toupper (out->str[c]);
            }
          else
            phrase (r, out, (guint) g_rand_int_range (r, 1, 4));
        }
      if (g_rand_int_range (r, 0, 3) == 0)
        g_string_append_printf (out, ", %s", categories[g_rand_int_range (r, 0, G_N_ELEMENTS (categories))]);
      g_string_append (out, page ? "\n\n" : "\n");
      body (r, out, headword->str, page);
      if (page)
        g_string_append (out, i + 1 < n ? "\n\n" : "");
      if (out->len > (1 << 20))
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  fwrite (out->str, 1, out->len, stdout);
  return fflush (stdout) == 0 ? 0 : 1;
}
