/* Tests of markup_text.h and tex_unicode.h: how a definition is condensed,
 * restructured and rendered for a hover. Inputs are written here, not taken
 * from the seeds. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "server/features/markup_text.h"
#include "glossary/tex_repair.h"
#include "server/features/tex_unicode.h"

static char *
unicode (const char *tex)
{
  g_autoptr (GString) out = g_string_new (NULL);
  if (!gls_tex_to_unicode (tex, strlen (tex), out))
    return NULL;
  return g_strdup (out->str);
}

static void
expect_unicode (const char *tex, const char *want)
{
  g_autofree char *got = unicode (tex);
  cr_expect_str_eq (got != NULL ? got : "(unrenderable)", want, "tex: %s", tex);
}

GLS_TEST (markup_text, math_becomes_unicode)
{
  expect_unicode ("\\hat{x}_i = \\gamma \\cdot (x_i - \\mu)", "x̂ᵢ = γ · (xᵢ − μ)");
  expect_unicode ("x^2 + y^{n+1}", "x² + yⁿ⁺¹");
  expect_unicode ("\\sum_{in} w", "∑ᵢₙ w");
  expect_unicode ("\\frac{a}{b}", "a/b");
  expect_unicode ("\\frac{a+1}{2m}", "(a+1)/2m");
  expect_unicode ("\\frac{1}{n}\\sum_j x_j", "1/n ∑ⱼ xⱼ");
  expect_unicode ("\\sqrt{\\sigma^2 + \\epsilon}", "√(σ² + ϵ)");
  expect_unicode ("x \\in \\mathbb{R}^d", "x ∈ ℝᵈ");
  expect_unicode ("\\text{softmax}(z)", "softmax(z)");
  expect_unicode ("\\left( a \\right]", "( a ]");
  expect_unicode ("\\log p", "log p");
  /* A script Unicode cannot write is kept readable, not dropped. */
  expect_unicode ("\\pi_{ref}", "π_(ref)");
  expect_unicode ("W^Q", "W^Q");
}

GLS_TEST (markup_text, math_that_cannot_be_rendered_is_refused_whole)
{
  const char *bad[] = {
    "\\begin{cases} x & 1 \\\\ y & 0 \\end{cases}", "\\unknowncommand x", "{a", "a}",
    "\\hat{xy}", "\\mathbb{W}", "\\sqrt[3]{x}", "", "   ",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *got = unicode (bad[i]);
      cr_expect_null (got, "%s gave %s", bad[i], got);
    }
  /* Deep nesting is bounded. */
  g_autoptr (GString) deep = g_string_new (NULL);
  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "\\frac{");
  g_autofree char *got = unicode (deep->str);
  cr_expect_null (got);
}

static char *
body (GlsMarkupKind kind, const char *text)
{
  GString *out = g_string_new (NULL);
  gls_markup_append_body (out, kind, text, strlen (text));
  return g_string_free (out, FALSE);
}

GLS_TEST (markup_text, math_in_text_is_rendered_or_kept_as_code)
{
  g_autofree char *md = body (GLS_MARKUP_MARKDOWN, "Scale by $\\alpha_i$ and $\\begin{cases} 1 \\end{cases}$.");
  cr_expect_str_eq (md, "Scale by αᵢ and `$\\begin{cases} 1 \\end{cases}$`.");
  g_autofree char *plain = body (GLS_MARKUP_PLAINTEXT, "Scale by $\\alpha_i$ and $\\begin{cases} 1 \\end{cases}$.");
  cr_expect_str_eq (plain, "Scale by αᵢ and $\\begin{cases} 1 \\end{cases}$.");
  /* A $$ block becomes one line; markup characters of the result escaped. */
  g_autofree char *block = body (GLS_MARKUP_MARKDOWN, "Loss:\n$$\nL = x^* \\cdot y\n$$\nDone.");
  cr_expect_str_eq (block, "Loss:  \nL = x\\* · y  \nDone.");
  /* Inline code keeps its dollars. */
  g_autofree char *code = body (GLS_MARKUP_MARKDOWN, "Type `$\\alpha$` to get $\\alpha$.");
  cr_expect_str_eq (code, "Type `$\\alpha$` to get α.");
}

GLS_TEST (markup_text, plain_text_has_no_markdown)
{
  g_autofree char *plain = body (GLS_MARKUP_PLAINTEXT,
                                 "**Bold** and a [link](https://example.com/a_b) and snake\\_case.");
  cr_expect_str_eq (plain, "Bold and a link (https://example.com/a_b) and snake_case.");
}

GLS_TEST (markup_text, lists_and_tables_keep_their_lines)
{
  g_autofree char *md = body (GLS_MARKUP_MARKDOWN,
                              "Intro text\n- one\n- two\nAfter.\n| a | b |\n|---|---|\n| 1 | 2 |");
  cr_expect_str_eq (md, "Intro text  \n- one  \n- two  \n\nAfter.\n\n| a | b |\n|---|---|\n| 1 | 2 |");
}

static char *
restructure (const char *text)
{
  gsize len;
  return gls_definition_restructure (text, strlen (text), &len);
}

GLS_TEST (markup_text, one_line_page_exports_get_their_blocks_back)
{
  g_autofree char *a = restructure (
    "**Pump** moves fluid. **Why Pumps Fail** - Cavitation: bubbles collapse. - Wear: seals age. "
    "**Numbers** - Flow: 3 L/s.");
  cr_expect_str_eq (a, "**Pump** moves fluid.\n**Why Pumps Fail**\n- Cavitation: bubbles collapse.\n"
                       "- Wear: seals age.\n**Numbers**\n- Flow: 3 L/s.");
  g_autofree char *b = restructure ("Intro. **Key points**: **Speed**: fast. **Cost**: low.");
  cr_expect_str_eq (b, "Intro.\n**Key points**:\n**Speed**: fast.\n**Cost**: low.");
  g_autofree char *c = restructure ("**Guide: Pumps** **1. Basics** Pumps move fluid.");
  cr_expect_str_eq (c, "**Guide: Pumps**\n**1. Basics**\nPumps move fluid.");
}

GLS_TEST (markup_text, prose_with_bold_and_dashes_is_left_alone)
{
  const char *same[] = {
    "It uses **LoRA**. **Note** that ranks vary - a lot - in practice.",
    "Range 3 - 5 V. **Bold** words - inline.",
    "```\n**A** - B - C\n```",
    "| **A** - B | C |",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *got = restructure (same[i]);
      cr_expect_str_eq (got, same[i]);
    }
}

static char *
condensed (const char *text, gsize limit)
{
  return g_strndup (text, gls_markup_condense (text, strlen (text), limit));
}

GLS_TEST (markup_text, a_cut_never_ends_on_a_heading_or_colon)
{
  g_autofree char *filler = g_strnfill (70, 'x');
  /* The heading's list fits within half the limit again: kept. */
  g_autofree char *t1 = g_strdup_printf ("Intro %s.\n**Steps**\n- one\n- two\n\nTail %s.", filler, filler);
  g_autofree char *c1 = condensed (t1, 90);
  cr_expect (g_str_has_suffix (c1, "- two"), "%s", c1);
  /* The list after the colon is too long: the cut moves before the line. */
  g_autofree char *long_list = g_strnfill (400, 'y');
  g_autofree char *t2 = g_strdup_printf ("Intro %s.\nIt needs:\n- %s\n", filler, long_list);
  g_autofree char *c2 = condensed (t2, 90);
  g_autofree char *want2 = g_strdup_printf ("Intro %s.", filler);
  cr_expect_str_eq (c2, want2);
  /* A whole definition that ends on a heading drops it. */
  g_autofree char *c3 = condensed ("Short text.\n**Safety**", 600);
  cr_expect_str_eq (c3, "Short text.");
  g_autofree char *c4 = condensed ("Short text.\n- **Later**:", 600);
  cr_expect_str_eq (c4, "Short text.");
}

GLS_TEST (markup_text, a_table_is_kept_with_a_row_or_not_at_all)
{
  g_autofree char *filler = g_strnfill (60, 'x');
  g_autofree char *row = g_strnfill (40, 'r');
  g_autofree char *text = g_strdup_printf ("Intro %s.\n| a | b |\n|---|---|\n| %s |\n| %s |", filler, row, row);
  g_autofree char *c = condensed (text, 90);
  g_autofree char *want = g_strdup_printf ("Intro %s.", filler);
  cr_expect_str_eq (c, want);
}

GLS_TEST (markup_text, the_title_line_is_skipped_or_reported_as_the_lead)
{
  gboolean opens = TRUE;
  const char *a = "**KV Cache**\n\nStores keys.";
  cr_expect_eq (gls_definition_start (a, strlen (a), "KV Cache", 8, &opens), strlen ("**KV Cache**\n\n"));
  cr_expect_not (opens);
  const char *b = "**KV Cache** stores keys.";
  cr_expect_eq (gls_definition_start (b, strlen (b), "KV Cache", 8, &opens), 0);
  cr_expect (opens);
  const char *c = "Stores keys.";
  cr_expect_eq (gls_definition_start (c, strlen (c), "KV Cache", 8, &opens), 0);
  cr_expect_not (opens);
}

static gboolean
generic (const char *title, const char *names)
{
  g_auto (GStrv) v = g_strsplit (names, ",", -1);
  guint n = g_strv_length (v);
  g_autofree gsize *lens = g_new0 (gsize, n + 1);
  for (guint i = 0; i < n; i++)
    lens[i] = strlen (v[i]);
  return gls_definition_title_is_generic (title, strlen (title), (const char *const *) v, lens, n);
}

GLS_TEST (markup_text, generic_titles_are_those_that_name_nothing_of_the_entry)
{
  cr_expect (generic ("Algorithm", "louvain algorithm,community detection"));
  cr_expect (generic ("The problem", "gradient clipping"));
  cr_expect (generic ("Overview", "consistent hashing"));
  cr_expect_not (generic ("Gradient Clipping", "gradient clipping"));
  cr_expect_not (generic ("Long-Tail Recommendation", "long-tail rec"), "a prefix of a title word");
  cr_expect_not (generic ("Mixture of Experts", "moe"), "an acronym of the title");
  cr_expect_not (generic ("Reward Models", "reward model"), "a plural");
  cr_expect_not (generic ("RoPE", "rotary position embedding"), "a name with capitals inside");
}

/* Hostile definitions: random soups of the constructs every step looks
 * for, through the whole pipeline. Nothing may crash (ASan / UBSan runs),
 * every output stays valid UTF-8, the cut stays inside the text. */
GLS_TEST (markup_text, random_definitions_render_as_valid_utf8)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2026);
  const char *pieces[] = {
    "$", "$$", "\n", "\\(", "\\)", "\\[", "\\]", "`", "```", "\n```py\n", "**", "** - ", " - A",
    "\\frac{", "}", "{", "^", "_", "\\hat", "abla", "ight]", "\t", "\b", "gamma ", ":", "\n| a |\n",
    "# H\n", "é", "😀", "\\", "[l](u)", "x", " ", ". ", "\\begin{cases}", "&", "\\\\",
  };
  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 80);
      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      gsize len;
      g_autofree char *repaired = gls_tex_repair (s->str, s->len, &len);
      g_autofree char *text = gls_definition_restructure (repaired, len, &len);
      gsize limit = g_rand_int_range (rand, 10, 300);
      gsize keep = gls_markup_condense (text, len, limit);
      cr_assert_leq (keep, len, "round %u", round);
      for (guint k = 0; k < 2; k++)
        {
          g_autoptr (GString) out = g_string_new (NULL);
          gls_markup_append_body (out, k == 0 ? GLS_MARKUP_MARKDOWN : GLS_MARKUP_PLAINTEXT, text, keep);
          cr_assert (g_utf8_validate (out->str, (gssize) out->len, NULL), "round %u: %s", round, out->str);
        }
      g_autoptr (GString) math = g_string_new (NULL);
      if (gls_tex_to_unicode (s->str, s->len, math))
        cr_assert (g_utf8_validate (math->str, (gssize) math->len, NULL), "round %u", round);
    }
}
