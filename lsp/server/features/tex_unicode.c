/* tex_unicode.c — see tex_unicode.h. */
#include "server/features/tex_unicode.h"

#include <string.h>

#define MAX_DEPTH 16

typedef struct
{
  const char *name;
  const char *text;
} Symbol;

/* Commands that stand for one symbol or a function name. */
static const Symbol symbols[] = {
  { "alpha", "α" }, { "beta", "β" }, { "gamma", "γ" }, { "delta", "δ" }, { "epsilon", "ϵ" },
  { "varepsilon", "ε" }, { "zeta", "ζ" }, { "eta", "η" }, { "theta", "θ" }, { "vartheta", "ϑ" },
  { "iota", "ι" }, { "kappa", "κ" }, { "lambda", "λ" }, { "mu", "μ" }, { "nu", "ν" },
  { "xi", "ξ" }, { "pi", "π" }, { "rho", "ρ" }, { "varrho", "ϱ" }, { "sigma", "σ" },
  { "tau", "τ" }, { "upsilon", "υ" }, { "phi", "ϕ" }, { "varphi", "φ" }, { "chi", "χ" },
  { "psi", "ψ" }, { "omega", "ω" }, { "Gamma", "Γ" }, { "Delta", "Δ" }, { "Theta", "Θ" },
  { "Lambda", "Λ" }, { "Xi", "Ξ" }, { "Pi", "Π" }, { "Sigma", "Σ" }, { "Upsilon", "Υ" },
  { "Phi", "Φ" }, { "Psi", "Ψ" }, { "Omega", "Ω" },
  { "cdot", "·" }, { "cdots", "⋯" }, { "ldots", "…" }, { "dots", "…" }, { "vdots", "⋮" },
  { "ddots", "⋱" }, { "times", "×" }, { "div", "÷" }, { "pm", "±" }, { "mp", "∓" },
  { "leq", "≤" }, { "le", "≤" }, { "geq", "≥" }, { "ge", "≥" }, { "neq", "≠" }, { "ne", "≠" },
  { "approx", "≈" }, { "sim", "∼" }, { "simeq", "≃" }, { "equiv", "≡" }, { "propto", "∝" },
  { "ll", "≪" }, { "gg", "≫" }, { "infty", "∞" }, { "partial", "∂" }, { "nabla", "∇" },
  { "sum", "∑" }, { "prod", "∏" }, { "int", "∫" }, { "oint", "∮" }, { "forall", "∀" },
  { "exists", "∃" }, { "in", "∈" }, { "notin", "∉" }, { "ni", "∋" }, { "subset", "⊂" },
  { "subseteq", "⊆" }, { "supset", "⊃" }, { "supseteq", "⊇" }, { "cup", "∪" }, { "cap", "∩" },
  { "setminus", "∖" }, { "emptyset", "∅" }, { "varnothing", "∅" }, { "to", "→" },
  { "rightarrow", "→" }, { "leftarrow", "←" }, { "Rightarrow", "⇒" }, { "Leftarrow", "⇐" },
  { "leftrightarrow", "↔" }, { "Leftrightarrow", "⇔" }, { "implies", "⇒" }, { "iff", "⇔" },
  { "mapsto", "↦" }, { "circ", "∘" }, { "bullet", "•" }, { "star", "⋆" }, { "ast", "∗" },
  { "oplus", "⊕" }, { "otimes", "⊗" }, { "odot", "⊙" }, { "wedge", "∧" }, { "land", "∧" },
  { "vee", "∨" }, { "lor", "∨" }, { "neg", "¬" }, { "lnot", "¬" }, { "ell", "ℓ" },
  { "hbar", "ℏ" }, { "perp", "⊥" }, { "top", "⊤" }, { "bot", "⊥" }, { "parallel", "∥" },
  { "mid", "∣" }, { "langle", "⟨" }, { "rangle", "⟩" }, { "lceil", "⌈" }, { "rceil", "⌉" },
  { "lfloor", "⌊" }, { "rfloor", "⌋" }, { "prime", "′" }, { "dagger", "†" }, { "angle", "∠" },
  { "triangle", "△" }, { "Re", "ℜ" }, { "Im", "ℑ" }, { "aleph", "ℵ" }, { "|", "‖" },
  { "{", "{" }, { "}", "}" }, { "%", "%" }, { "$", "$" }, { "#", "#" }, { "_", "_" },
  { "&", "&" }, { ",", " " }, { ";", " " }, { ":", " " }, { " ", " " }, { "!", "" },
  { "quad", " " }, { "qquad", " " },
  { "log", "log" }, { "ln", "ln" }, { "exp", "exp" }, { "sin", "sin" }, { "cos", "cos" },
  { "tan", "tan" }, { "sinh", "sinh" }, { "cosh", "cosh" }, { "tanh", "tanh" },
  { "arcsin", "arcsin" }, { "arccos", "arccos" }, { "arctan", "arctan" }, { "max", "max" },
  { "min", "min" }, { "sup", "sup" }, { "inf", "inf" }, { "lim", "lim" }, { "arg", "arg" },
  { "argmax", "argmax" }, { "argmin", "argmin" }, { "det", "det" }, { "dim", "dim" },
  { "ker", "ker" }, { "deg", "deg" }, { "gcd", "gcd" }, { "Pr", "Pr" }, { "mod", "mod" },
  { "bmod", "mod" },
};

/* Superscript and subscript forms, "plain" -> "script" pairs. */
static const char *const supers[] = {
  "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸",
  "9", "⁹", "+", "⁺", "-", "⁻", "−", "⁻", "=", "⁼", "(", "⁽", ")", "⁾", "a", "ᵃ", "b", "ᵇ",
  "c", "ᶜ", "d", "ᵈ", "e", "ᵉ", "f", "ᶠ", "g", "ᵍ", "h", "ʰ", "i", "ⁱ", "j", "ʲ", "k", "ᵏ",
  "l", "ˡ", "m", "ᵐ", "n", "ⁿ", "o", "ᵒ", "p", "ᵖ", "r", "ʳ", "s", "ˢ", "t", "ᵗ", "u", "ᵘ",
  "v", "ᵛ", "w", "ʷ", "x", "ˣ", "y", "ʸ", "z", "ᶻ", "A", "ᴬ", "B", "ᴮ", "D", "ᴰ", "E", "ᴱ",
  "G", "ᴳ", "H", "ᴴ", "I", "ᴵ", "J", "ᴶ", "K", "ᴷ", "L", "ᴸ", "M", "ᴹ", "N", "ᴺ", "O", "ᴼ",
  "P", "ᴾ", "R", "ᴿ", "T", "ᵀ", "U", "ᵁ", "V", "ⱽ", "W", "ᵂ", "α", "ᵅ", "β", "ᵝ", "γ", "ᵞ",
  "δ", "ᵟ", "θ", "ᶿ", "ϕ", "ᵠ", "φ", "ᵠ", "χ", "ᵡ", "⊤", "ᵀ", "′", "′", "∗", "*", NULL,
};
static const char *const subs[] = {
  "0", "₀", "1", "₁", "2", "₂", "3", "₃", "4", "₄", "5", "₅", "6", "₆", "7", "₇", "8", "₈",
  "9", "₉", "+", "₊", "-", "₋", "−", "₋", "=", "₌", "(", "₍", ")", "₎", "a", "ₐ", "e", "ₑ",
  "h", "ₕ", "i", "ᵢ", "j", "ⱼ", "k", "ₖ", "l", "ₗ", "m", "ₘ", "n", "ₙ", "o", "ₒ", "p", "ₚ",
  "r", "ᵣ", "s", "ₛ", "t", "ₜ", "u", "ᵤ", "v", "ᵥ", "x", "ₓ", "β", "ᵦ", "γ", "ᵧ", "ρ", "ᵨ",
  "ϕ", "ᵩ", "φ", "ᵩ", "χ", "ᵪ", NULL,
};

static const char *const double_struck[] = {
  "R", "ℝ", "N", "ℕ", "Z", "ℤ", "Q", "ℚ", "C", "ℂ", "P", "ℙ", "E", "𝔼", "1", "𝟙", NULL,
};
static const char *const calligraphic[] = {
  "L", "ℒ", "O", "𝒪", "N", "𝒩", "D", "𝒟", "H", "ℋ", "F", "ℱ", "X", "𝒳", "Y", "𝒴", "B", "ℬ",
  "E", "ℰ", "M", "ℳ", "R", "ℛ", "S", "𝒮", "A", "𝒜", "P", "𝒫", "T", "𝒯", "V", "𝒱", NULL,
};

typedef struct
{
  const char *s;
  gsize       len;
  gsize       pos;
  guint       depth;
} Parser;

static gboolean render_group_body (Parser *p, char closer, GString *out);

static const char *
pair_lookup (const char *const *pairs, const char *key, gsize len)
{
  for (gsize i = 0; pairs[i] != NULL; i += 2)
    if (strlen (pairs[i]) == len && memcmp (pairs[i], key, len) == 0)
      return pairs[i + 1];
  return NULL;
}

static const char *
symbol_lookup (const char *name, gsize len)
{
  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (strlen (symbols[i].name) == len && memcmp (symbols[i].name, name, len) == 0)
      return symbols[i].text;
  return NULL;
}

static void
skip_spaces (Parser *p)
{
  while (p->pos < p->len && g_ascii_isspace (p->s[p->pos]))
    p->pos++;
}

/* The command name after a backslash at p->pos (letters, or one other
 * character); advances past it. */
static gsize
read_command (Parser *p, const char **name)
{
  gsize start = ++p->pos;
  while (p->pos < p->len && g_ascii_isalpha (p->s[p->pos]))
    p->pos++;
  if (p->pos == start && p->pos < p->len)
    p->pos++;
  *name = p->s + start;
  return p->pos - start;
}

/* One argument: a {group} or a single character / command. */
static gboolean
render_argument (Parser *p, GString *out)
{
  skip_spaces (p);
  if (p->pos >= p->len)
    return FALSE;
  if (p->s[p->pos] == '{')
    {
      if (++p->depth > MAX_DEPTH)
        return FALSE;
      p->pos++;
      gboolean ok = render_group_body (p, '}', out);
      p->depth--;
      return ok;
    }
  Parser one = *p;
  gsize end = p->pos + (p->s[p->pos] == '\\' ? 1 : 0);
  if (p->s[p->pos] == '\\')
    while (end < p->len && g_ascii_isalpha (p->s[end]))
      end++;
  end = MAX (end, p->pos + (gsize) g_utf8_skip[(guchar) p->s[p->pos]]);
  one.len = MIN (end, p->len);
  gboolean ok = render_group_body (&one, 0, out);
  p->pos = one.pos;
  return ok;
}

/* The raw text of a {group} (for \text), braces balanced; advances. */
static gboolean
raw_argument (Parser *p, GString *out)
{
  skip_spaces (p);
  if (p->pos >= p->len || p->s[p->pos] != '{')
    return FALSE;
  guint level = 0;
  for (gsize i = p->pos; i < p->len; i++)
    {
      char c = p->s[i];
      if (c == '\\' && i + 1 < p->len)
        {
          if (strchr ("{}_%$#& ", p->s[i + 1]) == NULL)
            return FALSE;
          g_string_append_c (out, p->s[++i]);
          continue;
        }
      if (c == '{')
        {
          if (level++ > 0)
            g_string_append_c (out, c);
          continue;
        }
      if (c == '}' && --level == 0)
        {
          p->pos = i + 1;
          return TRUE;
        }
      g_string_append_c (out, c);
    }
  return FALSE;
}

/* One word: no spaces and no operators, so a/b needs no parentheses. */
static gboolean
is_simple (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      if (g_unichar_isspace (u) || strchr ("+-/=<>,", (int) (u < 128 ? u : 'x')) != NULL ||
          u == 0x2212 || u == 0x00B7 || u == 0x00D7)
        return FALSE;
    }
  return TRUE;
}

/* Appends text as a superscript or subscript: every character mapped, or
 * "^x" for one character, "^(text)" otherwise. */
static void
append_script (GString *out, const char *text, gboolean super)
{
  g_autoptr (GString) mapped = g_string_new (NULL);
  gboolean all = *text != '\0';
  for (const char *c = text; *c != '\0' && all; c = g_utf8_next_char (c))
    {
      const char *m = pair_lookup (super ? supers : subs, c, (gsize) (g_utf8_next_char (c) - c));
      if (m == NULL)
        all = FALSE;
      else
        g_string_append (mapped, m);
    }
  if (all)
    g_string_append (out, mapped->str);
  else if (g_utf8_strlen (text, -1) == 1)
    g_string_append_printf (out, "%s%s", super ? "^" : "_", text);
  else
    g_string_append_printf (out, "%s(%s)", super ? "^" : "_", text);
}

static const char *
accent_mark (const char *name, gsize len)
{
  static const char *const accents[] = {
    "hat", "\xcc\x82", "widehat", "\xcc\x82", "bar", "\xcc\x84", "overline", "\xcc\x84",
    "tilde", "\xcc\x83", "widetilde", "\xcc\x83", "vec", "\xe2\x83\x97", "dot", "\xcc\x87",
    "ddot", "\xcc\x88", NULL,
  };
  return pair_lookup (accents, name, len);
}

static gboolean
render_command (Parser *p, GString *out)
{
  const char *name;
  gsize n = read_command (p, &name);
  const char *text;

  if ((n == 4 && memcmp (name, "frac", 4) == 0) || (n == 5 && memcmp (name, "dfrac", 5) == 0) ||
      (n == 5 && memcmp (name, "tfrac", 5) == 0))
    {
      g_autoptr (GString) a = g_string_new (NULL);
      g_autoptr (GString) b = g_string_new (NULL);
      if (!render_argument (p, a) || !render_argument (p, b))
        return FALSE;
      g_string_append_printf (out, is_simple (a->str) ? "%s/" : "(%s)/", a->str);
      g_string_append_printf (out, is_simple (b->str) ? "%s" : "(%s)", b->str);
      /* "1/n ∑ⱼ", not "1/n∑ⱼ": a fraction reads as one factor. */
      if (p->pos < p->len && (g_ascii_isalpha (p->s[p->pos]) || p->s[p->pos] == '\\'))
        g_string_append_c (out, ' ');
      return TRUE;
    }
  if (n == 4 && memcmp (name, "sqrt", 4) == 0)
    {
      g_autoptr (GString) a = g_string_new (NULL);
      if (p->pos < p->len && p->s[p->pos] == '[')
        return FALSE;
      if (!render_argument (p, a))
        return FALSE;
      g_string_append_printf (out, is_simple (a->str) ? "√%s" : "√(%s)", a->str);
      return TRUE;
    }
  if ((text = accent_mark (name, n)) != NULL)
    {
      g_autoptr (GString) a = g_string_new (NULL);
      if (!render_argument (p, a) || g_utf8_strlen (a->str, -1) != 1)
        return FALSE;
      g_string_append (out, a->str);
      g_string_append (out, text);
      return TRUE;
    }
  static const char *const raw[] = { "text", "textrm", "textit", "textbf", "mathrm", "operatorname", "textsf", "texttt", NULL };
  for (gsize i = 0; raw[i] != NULL; i++)
    if (strlen (raw[i]) == n && memcmp (raw[i], name, n) == 0)
      return raw_argument (p, out);
  static const char *const styles[] = { "mathbf", "mathit", "mathsf", "boldsymbol", "bm", "mathnormal", NULL };
  for (gsize i = 0; styles[i] != NULL; i++)
    if (strlen (styles[i]) == n && memcmp (styles[i], name, n) == 0)
      return render_argument (p, out);
  if ((n == 6 && memcmp (name, "mathbb", 6) == 0) || (n == 7 && memcmp (name, "mathcal", 7) == 0))
    {
      g_autoptr (GString) a = g_string_new (NULL);
      if (!raw_argument (p, a))
        return FALSE;
      const char *m = pair_lookup (n == 6 ? double_struck : calligraphic, a->str, a->len);
      if (m == NULL)
        return FALSE;
      g_string_append (out, m);
      return TRUE;
    }
  static const char *const sizes[] = { "left", "right", "big", "bigl", "bigr", "Big", "Bigl", "Bigr", "bigg", "biggl", "biggr", "Bigg", "Biggl", "Biggr", "middle", NULL };
  for (gsize i = 0; sizes[i] != NULL; i++)
    if (strlen (sizes[i]) == n && memcmp (sizes[i], name, n) == 0)
      {
        skip_spaces (p);
        if (p->pos < p->len && p->s[p->pos] == '.')
          p->pos++;  /* the empty delimiter */
        return TRUE;
      }
  if ((text = symbol_lookup (name, n)) != NULL)
    {
      g_string_append (out, text);
      /* A function name followed by a letter needs the space TeX puts there. */
      if (g_ascii_isalpha (*text) && p->pos < p->len && g_ascii_isalnum (p->s[p->pos]))
        g_string_append_c (out, ' ');
      return TRUE;
    }
  return FALSE;  /* \begin, \\, unknown commands */
}

/* Renders up to closer (0: to the end) into out; FALSE if unrenderable. */
static gboolean
render_group_body (Parser *p, char closer, GString *out)
{
  while (p->pos < p->len)
    {
      char c = p->s[p->pos];
      if (closer != 0 && c == closer)
        {
          p->pos++;
          return TRUE;
        }
      if (c == '^' || c == '_')
        {
          p->pos++;
          g_autoptr (GString) script = g_string_new (NULL);
          if (!render_argument (p, script))
            return FALSE;
          append_script (out, script->str, c == '^');
          continue;
        }
      if (c == '\\')
        {
          if (!render_command (p, out))
            return FALSE;
        }
      else if (c == '{')
        {
          if (++p->depth > MAX_DEPTH)
            return FALSE;
          p->pos++;
          if (!render_group_body (p, '}', out))
            return FALSE;
          p->depth--;
        }
      else if (c == '}' || c == '&' || c == '$')
        return FALSE;
      else if (g_ascii_isspace (c))
        {
          p->pos++;
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        {
          gsize n = (gsize) g_utf8_skip[(guchar) c];
          n = MIN (n, p->len - p->pos);
          if (c == '-')
            g_string_append (out, "−");
          else if (c == '*')
            g_string_append (out, "∗");
          else if (c == '\'')
            g_string_append (out, "′");
          else if (c == '~')
            g_string_append_c (out, ' ');
          else
            g_string_append_len (out, p->s + p->pos, (gssize) n);
          p->pos += n;
        }
    }
  return closer == 0;
}

gboolean
gls_tex_to_unicode (const char *tex, gsize len, GString *out)
{
  g_return_val_if_fail (out != NULL, FALSE);
  Parser p = { tex, len, 0, 0 };
  g_autoptr (GString) text = g_string_new (NULL);

  if (!g_utf8_validate (tex, (gssize) len, NULL) || !render_group_body (&p, 0, text))
    return FALSE;
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    return FALSE;
  g_string_append (out, text->str);
  return TRUE;
}
