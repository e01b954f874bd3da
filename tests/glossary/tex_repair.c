/* Tests of tex_repair.h: the backslashes an export took from LaTeX, put
 * back inside math only and only on unambiguous evidence. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "glossary/tex_repair.h"

static void
expect_repair (const char *in, const char *want)
{
  gsize len = 0;
  g_autofree char *got = gls_tex_repair (in, strlen (in), &len);
  cr_expect_str_eq (got, want, "input: %s", in);
  cr_expect_eq (len, strlen (got));
}

GLS_TEST (tex_repair, control_characters_inside_math_become_their_escapes)
{
  expect_repair ("$\theta_t$ and $\beta$", "$\\theta_t$ and $\\beta$");
  expect_repair ("$\frac{a}{b} \approx \vec{v}$", "$\\frac{a}{b} \\approx \\vec{v}$");
  expect_repair ("$x\rho$", "$x\\rho$");
  /* A tab that completes no command stays a tab, and outside math a tab
   * before "heta" is prose. */
  expect_repair ("$a\tb$", "$a\tb$");
  expect_repair ("col\theta", "col\theta");
}

GLS_TEST (tex_repair, bare_commands_inside_math_get_their_backslash)
{
  expect_repair ("$hat{x}_i = gamma cdot (x_i - mu) / sqrt{sigma^2 + epsilon}$",
                 "$\\hat{x}_i = \\gamma \\cdot (x_i - \\mu) / \\sqrt{\\sigma^2 + \\epsilon}$");
  expect_repair ("each GPU sends $frac{2(N-1)}{N}$ times", "each GPU sends $\\frac{2(N-1)}{N}$ times");
  expect_repair ("$$\nsum_{i} alpha_i leq 1\n$$", "$$\n\\sum_{i} \\alpha_i \\leq 1\n$$");
  expect_repair ("\\(Delta x\\) and \\[left( y right)\\]", "\\(\\Delta x\\) and \\[\\left( y \\right)\\]");
}

GLS_TEST (tex_repair, ambiguous_words_are_left_alone)
{
  /* "in" is a subscript, "eta" may be \eta or \beta, "max" reads the same,
   * "frac" without "{" and "left" without a delimiter are not commands. */
  expect_repair ("$sum_{in} eta_t max_i$", "$\\sum_{in} eta_t max_i$");
  expect_repair ("$frac + left x$", "$frac + left x$");
  /* Intact commands are never doubled. */
  expect_repair ("$\\gamma \\cdot \\frac{1}{2}$", "$\\gamma \\cdot \\frac{1}{2}$");
}

GLS_TEST (tex_repair, lost_first_letters_are_completed_once)
{
  expect_repair ("$ ext{RReLU}(x) = egin{cases} x end{cases}$",
                 "$ \\text{RReLU}(x) = \\begin{cases} x \\end{cases}$");
  expect_repair ("$ heta_t$ and $ au$", "$ \\theta_t$ and $ \\tau$");
  /* "ar" is completed only before "{" (\bar{x}); "an" alone is not \tan. */
  expect_repair ("$ar{x} + an$", "$\\bar{x} + an$");
}

GLS_TEST (tex_repair, line_breaks_that_were_escapes_are_joined)
{
  expect_repair ("$$\n\\mathbf{v} \\cdot\nabla f = 0\n$$", "$$\n\\mathbf{v} \\cdot\\nabla f = 0\n$$");
  expect_repair ("$Q = left[sum_{in}\night] - frac{1}{2m}left[a\night]$, where",
                 "$Q = \\left[\\sum_{in}\\right] - \\frac{1}{2m}\\left[a\\right]$, where");
  /* Without math on the line, a line starting "ight" is left as it is. */
  expect_repair ("Some text\night now", "Some text\night now");
}

GLS_TEST (tex_repair, prose_code_and_prices_are_untouched)
{
  const char *same[] = {
    "It costs $5 per hour, times two, $10 in all.",
    "The gamma function and the sum of frac parts.",
    "```\n$gamma cdot x$\n```",
    "Use `$gamma$` literally.",
    "",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    expect_repair (same[i], same[i]);
}

GLS_TEST (tex_repair, every_known_command_is_found_and_unknown_ones_are_not)
{
  cr_expect (gls_tex_is_known_command ("nabla", 5));
  cr_expect (gls_tex_is_known_command ("Delta", 5));
  cr_expect (gls_tex_is_known_command ("text", 4));
  cr_expect_not (gls_tex_is_known_command ("tex", 3));
  cr_expect_not (gls_tex_is_known_command ("textual", 7));
  cr_expect_not (gls_tex_is_known_command ("", 0));
}

GLS_TEST (tex_repair, random_bytes_keep_their_line_count_or_lose_joined_lines)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  const char *pieces[] = { "$", "$$", "\n", "abla", "ight", "gamma ", "\t", "\b", "{", "}", "x", " ", "\\", "`", "egin{" };
  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr (GString) s = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 40);
      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      gsize len;
      g_autofree char *out = gls_tex_repair (s->str, s->len, &len);
      guint in_lines = 0, out_lines = 0;
      for (gsize i = 0; i < s->len; i++)
        in_lines += s->str[i] == '\n';
      for (gsize i = 0; i < len; i++)
        out_lines += out[i] == '\n';
      cr_assert_leq (out_lines, in_lines, "round %u", round);
      cr_assert_geq (len, s->len, "repair only adds: round %u", round);
    }
}
