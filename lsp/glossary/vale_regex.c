/* vale_regex.c — see vale_regex.h. A line is parsed into atoms, each a small
 * set of alternative strings (a literal character, a class, a group; "" among
 * them when optional), and the words are their product, bounded as it grows. */
#include "glossary/vale_regex.h"

#include <string.h>

typedef GPtrArray Atom; /* char*: the alternatives */

static gsize
char_len (const char *s, gsize i, gsize len)
{
  return MIN ((gsize) g_utf8_skip[(guchar) s[i]], len - i);
}

static Atom *
atom_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static void
atom_add (Atom *a, const char *s, gsize n)
{
  for (guint k = 0; k < a->len; k++)
    if (strlen (g_ptr_array_index (a, k)) == n && memcmp (g_ptr_array_index (a, k), s, n) == 0)
      return;
  g_ptr_array_add (a, g_strndup (s, n));
}

/* An escape "\." is a literal punctuation byte; "\d", "\b", "\u..." are not. */
static gboolean
escape_at (const char *s, gsize i, gsize len)
{
  return i + 1 < len && !g_ascii_isalnum (s[i + 1]) && (guchar) s[i + 1] < 0x80 && s[i + 1] != '\0';
}

/* "[Gg]": members one character each; no negation, range or nesting. */
static Atom *
parse_class (const char *s, gsize *i, gsize len)
{
  gsize j = *i + 1;
  g_autoptr (GPtrArray) a = atom_new ();
  if (j < len && s[j] == '^')
    return NULL;
  while (j < len && s[j] != ']')
    {
      if (s[j] == '\\')
        {
          if (!escape_at (s, j, len))
            return NULL;
          atom_add (a, s + j + 1, 1);
          j += 2;
          continue;
        }
      if (s[j] == '[' || s[j] == '\0' || (s[j] == '-' && j > *i + 1 && j + 1 < len && s[j + 1] != ']'))
        return NULL;
      gsize n = char_len (s, j, len);
      atom_add (a, s + j, n);
      j += n;
    }
  if (j >= len || a->len == 0)
    return NULL;
  *i = j + 1;
  return g_steal_pointer (&a);
}

/* "(a|b)" or "(?:a|b)": literal alternatives, no nesting or quantifiers. */
static Atom *
parse_group (const char *s, gsize *i, gsize len)
{
  gsize j = *i + 1;
  if (j + 1 < len && s[j] == '?' && s[j + 1] == ':')
    j += 2;
  g_autoptr (GPtrArray) a = atom_new ();
  g_autoptr (GString) alt = g_string_new (NULL);
  for (; j < len && s[j] != ')'; j++)
    {
      if (s[j] == '\\')
        {
          if (!escape_at (s, j, len))
            return NULL;
          g_string_append_c (alt, s[++j]);
        }
      else if (s[j] == '|')
        {
          atom_add (a, alt->str, alt->len);
          g_string_truncate (alt, 0);
        }
      else if (s[j] == '\0' || strchr ("([]*+?{}^$", s[j]) != NULL)
        return NULL;
      else
        g_string_append_c (alt, s[j]);
    }
  if (j >= len)
    return NULL;
  atom_add (a, alt->str, alt->len);
  *i = j + 1;
  return g_steal_pointer (&a);
}

/* One branch of the line (no top-level '|') into atoms; FALSE on syntax
 * beyond the simple forms. */
static gboolean
parse_branch (const char *s, gsize len, GPtrArray *atoms)
{
  gsize i = 0;
  if (len > 0 && s[0] == '^')
    i++;
  if (len > i && s[len - 1] == '$' && !(len >= 2 && s[len - 2] == '\\'))
    len--;
  gboolean optional = FALSE; /* the last atom already took a '?' */
  while (i < len)
    {
      char c = s[i];
      Atom *atom = NULL;
      if (c == '?')
        {
          if (atoms->len == 0 || optional)
            return FALSE;
          atom_add (g_ptr_array_index (atoms, atoms->len - 1), "", 0);
          optional = TRUE;
          i++;
          continue;
        }
      if (c == '\\')
        {
          if (!escape_at (s, i, len))
            return FALSE;
          atom = atom_new ();
          atom_add (atom, s + i + 1, 1);
          i += 2;
        }
      else if (c == '[')
        atom = parse_class (s, &i, len);
      else if (c == '(')
        atom = parse_group (s, &i, len);
      else if (c == '\0' || strchr ("*+{}|)]^$", c) != NULL)
        return FALSE;
      else
        {
          gsize n = char_len (s, i, len);
          atom = atom_new ();
          atom_add (atom, s + i, n);
          i += n;
        }
      if (atom == NULL)
        return FALSE;
      g_ptr_array_add (atoms, atom);
      optional = FALSE;
    }
  return TRUE;
}

/* The product of the atoms appended to words (distinct); FALSE past the bound. */
static gboolean
expand_branch (GPtrArray *atoms, GPtrArray *words)
{
  g_autoptr (GPtrArray) acc = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (acc, g_strdup (""));
  for (guint k = 0; k < atoms->len; k++)
    {
      Atom *atom = g_ptr_array_index (atoms, k);
      if ((guint64) acc->len * atom->len > GLS_VALE_MAX_EXPANSIONS)
        return FALSE;
      g_autoptr (GPtrArray) next = g_ptr_array_new_with_free_func (g_free);
      for (guint a = 0; a < acc->len; a++)
        for (guint b = 0; b < atom->len; b++)
          g_ptr_array_add (next, g_strconcat (g_ptr_array_index (acc, a), g_ptr_array_index (atom, b), NULL));
      g_ptr_array_unref (acc);
      acc = g_steal_pointer (&next);
    }
  for (guint a = 0; a < acc->len; a++)
    {
      const char *w = g_ptr_array_index (acc, a);
      if (w[0] == '\0')
        continue;
      atom_add (words, w, strlen (w));
      if (words->len > GLS_VALE_MAX_EXPANSIONS)
        return FALSE;
    }
  return TRUE;
}

gboolean
gls_vale_expand (const char *s, gsize len, GPtrArray *out)
{
  if (len == 0 || len > GLS_VALE_MAX_LINE)
    return FALSE;
  g_autoptr (GPtrArray) words = atom_new ();
  /* Alternatives of the whole line: split at '|' outside groups and classes. */
  gsize from = 0;
  gint depth = 0;
  for (gsize i = 0; i <= len; i++)
    {
      if (i + 1 < len && s[i] == '\\')
        {
          i++;
          continue;
        }
      if (i < len && (s[i] == '(' || s[i] == '['))
        depth++;
      else if (i < len && (s[i] == ')' || s[i] == ']'))
        depth--;
      if (i < len && !(s[i] == '|' && depth == 0))
        continue;
      g_autoptr (GPtrArray) atoms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      if (i == from || !parse_branch (s + from, i - from, atoms) || !expand_branch (atoms, words))
        return FALSE;
      from = i + 1;
    }
  if (words->len == 0)
    return FALSE;
  for (guint k = 0; k < words->len; k++)
    g_ptr_array_add (out, g_strdup (g_ptr_array_index (words, k)));
  return TRUE;
}
