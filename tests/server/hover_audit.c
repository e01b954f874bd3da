/* hover_audit.c — see hover_audit.h. */
#include "hover_audit.h"

#include <string.h>

/* TeX commands that never stand without their backslash in math: Greek
 * letters (except "eta", which a lost "\b" also leaves of "\beta"), binary
 * operators and relations, and commands that take an argument (matched with
 * their "{"). Function names (log, exp, max) read the same either way and
 * "in", "to" are ordinary subscripts, so they are not listed. */
static const char *const bare_words[] = {
  "alpha", "gamma", "delta", "epsilon", "varepsilon", "zeta", "theta", "iota", "kappa", "lambda",
  "sigma", "upsilon", "varphi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Sigma", "Omega",
  "cdot", "cdots", "ldots", "times", "leq", "geq", "neq", "approx", "infty", "partial", "nabla",
  "sum", "prod", "setminus", "propto", "otimes", "oplus", "rightarrow", "leftarrow", "mathbb{",
  "mathbf{", "mathcal{", "mathrm{", "frac{", "sqrt{", "hat{", "tilde{", "text{", "begin{",
  "overline{", "operatorname{", "left(", "left[", "right)", "right]",
};

static gboolean
is_letter (char c)
{
  return g_ascii_isalpha (c);
}

static gboolean
math_has_bare_command (const char *m, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!is_letter (m[i]) || (i > 0 && (is_letter (m[i - 1]) || m[i - 1] == '\\')))
        continue;
      for (gsize k = 0; k < G_N_ELEMENTS (bare_words); k++)
        {
          gsize n = strlen (bare_words[k]);
          gboolean arg = bare_words[k][n - 1] == '{' || bare_words[k][n - 1] == '(' ||
                         bare_words[k][n - 1] == '[' || bare_words[k][n - 1] == ')' ||
                         bare_words[k][n - 1] == ']';
          if (i + n <= len && memcmp (m + i, bare_words[k], n) == 0 &&
              (arg || i + n == len || !is_letter (m[i + n])))
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
gls_text_has_damaged_tex (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      if (c == 0x07 || c == 0x08 || c == 0x0b || c == 0x0c || (c == '\r' && p[1] != '\n'))
        return TRUE;
      if (g_str_has_prefix (p, "egin{") && (p == text || p[-1] != 'b'))
        return TRUE;
      if (g_str_has_prefix (p, "ext{") && (p == text || p[-1] != 't'))
        return TRUE;
      if ((p == text || p[-1] == '\n') &&
          (g_str_has_prefix (p, "abla") || g_str_has_prefix (p, "ight")))
        return TRUE;
    }
  /* $...$ and $$...$$ spans, line by line (a $$ block's lines too). */
  gboolean block = FALSE;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      const char *line = *l;
      g_autofree char *trimmed = g_strstrip (g_strdup (line));
      if (strcmp (trimmed, "$$") == 0)
        {
          block = !block;
          continue;
        }
      if (block)
        {
          if (math_has_bare_command (line, strlen (line)))
            return TRUE;
          continue;
        }
      const char *open = NULL;
      for (const char *p = line; *p != '\0'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              p++;
              continue;
            }
          if (*p != '$')
            continue;
          if (p[1] == '$')
            p++;
          if (open == NULL)
            open = p + 1;
          else
            {
              if (math_has_bare_command (open, (gsize) (p - open)))
                return TRUE;
              open = NULL;
            }
        }
    }
  return FALSE;
}

const char *
gls_hover_flaw_name (GlsHoverFlaw flaw)
{
  switch (flaw)
    {
    case GLS_FLAW_CUT: return "cut";
    case GLS_FLAW_ENDS_HEADING: return "ends-heading";
    case GLS_FLAW_ENDS_COLON: return "ends-colon";
    case GLS_FLAW_DOUBLE_TITLE: return "double-title";
    case GLS_FLAW_DAMAGED_TEX: return "damaged-tex";
    case GLS_FLAW_RAW_LINK: return "raw-link";
    case GLS_FLAW_ESCAPES: return "escapes";
    case GLS_FLAW_DUPLICATE: return "duplicate";
    case GLS_FLAW_FLAT_LIST: return "flat-list";
    }
  return "?";
}

/* The location line that ends the definition part (term_markup.h). */
static gboolean
is_location_block (const char *block)
{
  static GRegex *re;
  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new (
      "^(\\*[^*\\n]+\\* · )?(\\[Full definition\\]\\(|Full definition: |Defined in |"
      "\\[[^\\]\\n]*\\]\\([^)\\n]*#L[0-9]+\\)|`[^`\\n]*:[0-9]+`)",
      G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (re, block, 0, NULL);
}

/* Lowercase letters and digits only: "**LoRA (Low-Rank)**" -> "lorarank". */
static char *
squash (const char *text, gsize len)
{
  GString *s = g_string_new (NULL);
  for (gsize i = 0; i < len && text[i] != '\0'; i++)
    if (g_ascii_isalnum (text[i]))
      g_string_append_c (s, g_ascii_tolower (text[i]));
  return g_string_free (s, FALSE);
}

static gboolean
is_heading_line (const char *line)
{
  static GRegex *re;
  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new (
      "^\\s*(#{1,6}\\s|([-*+]\\s+|[0-9]+[.)]\\s+)?\\*\\*[^*]+\\*\\*\\s*:?\\s*$)",
      G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (re, line, 0, NULL);
}

static guint
audit_definition (const char *heading, const char *def, GlsMarkupKind kind)
{
  guint flaws = 0;
  g_auto (GStrv) lines = g_strsplit (def, "\n", -1);
  const char *first = NULL, *last = NULL;

  for (char **l = lines; *l != NULL; l++)
    if (**l != '\0' && strspn (*l, " \t") < strlen (*l))
      {
        if (first == NULL)
          first = *l;
        last = *l;
        /* A pseudo-heading followed by " - " items on the same line. */
        if (strstr (*l, "** - ") != NULL && strstr (strstr (*l, "** - ") + 5, " - ") != NULL)
          flaws |= GLS_FLAW_FLAT_LIST;
      }
  if (last == NULL)
    return 0;

  g_autofree char *end = g_strdup (last);
  g_strchomp (end);
  if (g_str_has_suffix (end, "…"))
    {
      flaws |= GLS_FLAW_CUT;
      end[strlen (end) - strlen ("…")] = '\0';
      g_strchomp (end);
    }
  if (kind == GLS_MARKUP_MARKDOWN && is_heading_line (end))
    flaws |= GLS_FLAW_ENDS_HEADING;
  gsize n = strlen (end);
  while (n > 0 && (end[n - 1] == '*' || end[n - 1] == ' '))
    n--;
  if (n > 0 && end[n - 1] == ':')
    flaws |= GLS_FLAW_ENDS_COLON;

  /* The heading without its category, against the definition's start. */
  g_autofree char *title = g_strdup (heading);
  char *dot = strstr (title, " · ");
  if (dot != NULL)
    *dot = '\0';
  g_autofree char *t = squash (title, strlen (title));
  g_autofree char *f = squash (first, strlen (first));
  if (strlen (t) >= 3 && g_str_has_prefix (f, t))
    flaws |= GLS_FLAW_DOUBLE_TITLE;
  else if (kind == GLS_MARKUP_PLAINTEXT && strrchr (title, '(') != NULL)
    {
      /* Plain text puts the category in parentheses. */
      g_autofree char *bare = squash (title, (gsize) (strrchr (title, '(') - title));
      if (strlen (bare) >= 3 && g_str_has_prefix (f, bare))
        flaws |= GLS_FLAW_DOUBLE_TITLE;
    }
  return flaws;
}

static guint
audit_plaintext (const char *hover)
{
  static GRegex *link, *escape;
  guint flaws = 0;

  if (g_once_init_enter (&link))
    g_once_init_leave (&link, g_regex_new ("\\[[^\\]\\n]*\\]\\([^)\\n]*\\)", 0, 0, NULL));
  if (g_once_init_enter (&escape))
    g_once_init_leave (&escape, g_regex_new ("\\\\[_*\\[\\]`#|<>~]", 0, 0, NULL));
  if (g_regex_match (link, hover, 0, NULL))
    flaws |= GLS_FLAW_RAW_LINK;
  if (g_regex_match (escape, hover, 0, NULL))
    flaws |= GLS_FLAW_ESCAPES;
  return flaws;
}

guint
gls_hover_audit (const char *hover, GlsMarkupKind kind, GlsHoverDuplicateFunc duplicates,
                 gpointer user_data)
{
  g_auto (GStrv) blocks = g_strsplit (hover, "\n\n", -1);
  guint flaws = 0;
  guint n = g_strv_length (blocks);
  guint loc = 1;

  while (loc < n && !is_location_block (blocks[loc]))
    loc++;
  if (loc > 1)
    {
      g_autofree char *def = g_strjoinv ("\n\n", (char **) blocks + 1);
      /* Only the blocks before the location. */
      char *cut = def;
      for (guint i = 1; i < loc; i++)
        cut += strlen (blocks[i]) + (i + 1 < loc ? 2 : 0);
      *cut = '\0';
      flaws |= audit_definition (blocks[0], def, kind);
      if (gls_text_has_damaged_tex (def))
        flaws |= GLS_FLAW_DAMAGED_TEX;
    }
  if (kind == GLS_MARKUP_PLAINTEXT)
    flaws |= audit_plaintext (hover);
  const char *others = strstr (hover, kind == GLS_MARKUP_MARKDOWN ? "**Other entries:**" : "Other entries:");
  if (duplicates != NULL && others != NULL && duplicates (others, user_data))
    flaws |= GLS_FLAW_DUPLICATE;
  return flaws;
}
