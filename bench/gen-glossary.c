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
 *
 * --mess (compact layout only) makes about half of the entries carry the
 * defects of real exports that hover text must survive (issue 10), for the
 * hover checker: long bodies whose condensed start would end on a bold
 * heading or on a line ending with a colon that introduces a list or math;
 * titles "Name (ACRONYM)"; generic titles ("Algorithm", "Overview"); the
 * same title on several entries; FAQ entries whose headword is an ordinary
 * word and whose other items are questions; one name split at its spaces
 * into header items; LaTeX damaged by the export (a tab for the \t of \text,
 * a backspace for the \b of \begin, a line break for the \n of \nabla,
 * missing backslashes before \hat, \gamma, \cdot). Without --mess the output
 * is byte for byte what it was before the option existed.
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

static const char *faq_words[] = {
  "support", "pricing", "consulting", "licensing", "security", "partnership", "delivery", "warranty",
};
static const char *generic_titles[] = { "Algorithm", "Overview", "The problem", "Definition", "Key idea" };

static const char *
pick (GRand *r, const char *const *list, guint n)
{
  return list[g_rand_int_range (r, 0, (gint32) n)];
}

#define PICK(r, list) pick (r, list, G_N_ELEMENTS (list))

/* A long body (well over the 600-byte hover excerpt): sections under bold
 * headings, a line ending with a colon before a list or a $$ block, and
 * LaTeX as the export damaged it. name is shown in the first sentence. */
static void
messy_body (GRand *r, GString *out, const char *name)
{
  g_string_append_printf (out, "%s %s, and it %s. It %s.\n", name, PICK (r, fillers), PICK (r, fillers),
                          PICK (r, fillers));
  guint sections = (guint) g_rand_int_range (r, 2, 5);
  for (guint s = 0; s < sections; s++)
    {
      g_string_append_printf (out, "**Section %u of %s**\n", s + 1, name);
      g_string_append_printf (out, "In practice it %s and %s. The rule has three parts:\n", PICK (r, fillers),
                              PICK (r, fillers));
      for (guint i = 0; i < 3; i++)
        g_string_append_printf (out, "- **Part %u**: it %s.\n", i + 1, PICK (r, fillers));
      switch (g_rand_int_range (r, 0, 5))
        {
        case 0:  /* the \t of \text became a tab (C "\t" below); \hat, \gamma, \cdot lost
                  * their backslash; \max and \ge are intact ("\\") */
          g_string_append (out, "The normalized input is $hat{x}_i = gamma cdot x_i$, and\n"
                                "$\text{RReLU}(x) = \\max(0, x)$ for $x \\ge 0$.\n");
          break;
        case 1:  /* the \n of \nabla and of \right became line breaks */
          g_string_append (out, "The update is:\n$$\n\\theta_{t+1} = \\theta_t - \\eta \n"
                                "abla L(\\theta_t) \\left[ 1 - \\beta \n"
                                "ight]\n$$\n");
          break;
        case 2:  /* the \b of \begin became a backspace (C "\b" below) */
          g_string_append (out, "$$\n\begin{aligned} y &= W x + b \\\\ z &= \\sigma(y) \\end{aligned}\n$$\n");
          break;
        case 3:
          g_string_append (out, "| Setting | Value |\n|---|---|\n| rank | 8 |\n| alpha | 16 |\n");
          break;
        default:
          g_string_append (out, "```python\nloss = criterion(model(x), y)\nloss.backward()\n```\n");
          break;
        }
    }
  g_string_append_printf (out, "**Limitations**\nIt %s.\n", PICK (r, fillers));
}

/* Writes one entry with a defect of real exports (see --mess above), or
 * returns FALSE to let the caller write an ordinary one. titles keeps
 * "header\ntitle" of earlier messy entries for duplicates. */
static gboolean
messy_entry (GRand *r, GString *out, GPtrArray *titles)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GString) acro = g_string_new (NULL);
  g_autofree char *header = NULL, *title = NULL;

  phrase (r, name, (guint) g_rand_int_range (r, 2, 4));
  for (const char *w = name->str; *w != '\0'; w++)
    if (w == name->str || w[-1] == ' ')
      g_string_append_c (acro, g_ascii_toupper (*w));
  switch (g_rand_int_range (r, 0, 12))
    {
    case 0:  /* Title "Name (ACRONYM)", acronym as an alias. */
      header = g_strdup_printf ("%s,%s,%s", name->str, acro->str, PICK (r, categories));
      title_case (name, 0, name->len);
      title = g_strdup_printf ("%s (%s)", name->str, acro->str);
      break;
    case 1:  /* A generic title where the name should be. */
      header = g_strdup_printf ("%s, %s", name->str, PICK (r, categories));
      title = g_strdup (PICK (r, generic_titles));
      break;
    case 2:  /* The same title as an earlier entry, another body. */
      if (titles->len == 0)
        return FALSE;
      {
        const char *dup = g_ptr_array_index (titles, g_rand_int_range (r, 0, (gint32) titles->len));
        const char *nl = strchr (dup, '\n');
        header = g_strndup (dup, (gsize) (nl - dup));
        title = g_strdup (nl + 1);
      }
      break;
    case 3:  /* FAQ: an ordinary word as headword, questions as items. */
      {
        const char *w = PICK (r, faq_words);
        header = g_strdup_printf ("%s, do you offer %s, help, contact, getting started, %s", w, w, name->str);
        title = g_strdup_printf ("Yes, we offer %s for every customer", w);
      }
      break;
    case 4:  /* One name split at its spaces, the acronym and a tag after it. */
      header = g_strdup_printf ("%s,%s,techniques", name->str, acro->str);
      for (char *c = header; *c != ',' && *c != '\0'; c++)
        if (*c == ' ')
          *c = ',';
      title_case (name, 0, name->len);
      title = g_strdup_printf ("%s Techniques", name->str);
      break;
    case 5:  /* A plain title and a long body. */
      header = g_strdup_printf ("%s, %s", name->str, PICK (r, categories));
      title_case (name, 0, name->len);
      title = g_strdup (name->str);
      break;
    default:
      return FALSE;
    }
  g_string_append_printf (out, "%s\n**%s**\n", header, title);
  messy_body (r, out, title);
  if (titles->len < 256)
    g_ptr_array_add (titles, g_strdup_printf ("%s\n%s", header, title));
  return TRUE;
}

int
main (int argc, char **argv)
{
  gboolean page = FALSE, mess = FALSE;
  gint64 seed = 42;
  GOptionEntry entries[] = {
    { "page", 0, 0, G_OPTION_ARG_NONE, &page, "Page-export layout", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed", "N" },
    { "mess", 0, 0, G_OPTION_ARG_NONE, &mess, "Entries with the defects of real exports (compact only)", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("ENTRIES");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || (page && mess))
    {
      fprintf (stderr, "usage: gen-glossary [--page | --mess] [--seed N] ENTRIES\n");
      return 2;
    }
  guint64 n = g_ascii_strtoull (argv[1], NULL, 10);
  g_autoptr (GRand) r = g_rand_new_with_seed ((guint32) seed);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) headword = g_string_new (NULL);
  g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  if (page)
    g_string_append_printf (out, "\xe2\x86\x90 Back to AI Factory Chat\n\nAI Factory Glossary\n\n"
                                 "%" G_GUINT64_FORMAT " technical terms and definitions\n\n"
                                 "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z All\n"
                                 "Showing page 1 of 1 (%" G_GUINT64_FORMAT " entries)\n\n", n, n);
  for (guint64 i = 0; i < n; i++)
    {
      if (mess && messy_entry (r, out, titles))
        continue;
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
