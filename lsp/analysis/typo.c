/* typo.c — see typo.h. */
#include "analysis/typo.h"

#include <string.h>

/* Strips one common English ending, leaving at least three letters. */
gsize
gls_typo_inflection_stem (const char *w, gsize n)
{
  static const char *const endings[] = {
    "izations", "isations", "ization", "isation", "izing", "ising", "ations", "ation", "ized", "ised",
    "ings", "ing", "ions", "ion", "ers", "er", "ed", "es", "ize", "ise", "ly", "s", "e",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      gsize k = strlen (endings[i]);
      if (n >= k + 3 && memcmp (w + n - k, endings[i], k) == 0)
        return n - k;
    }
  return n;
}

/* TRUE if a and b are spellings of one word rather than a typo of each
 * other: inflections of one stem ("tokenized"/"tokenizing") or British and
 * American spellings ("normalisation"/"normalization", "colour"/"color",
 * "centre"/"center", "modelling"/"modeling"). */
gboolean
gls_typo_same_word (const char *a, gsize an, const char *b, gsize bn)
{
  gsize as = gls_typo_inflection_stem (a, an), bs = gls_typo_inflection_stem (b, bn);
  /* A bare "e" or "s" more or less is the commonest typo at a word's end
   * ("speculativ", "transfe"), not an inflection. */
  if (as == bs && memcmp (a, b, as) == 0 && an - as != 1 && bn - bs != 1)
    return TRUE;

  if (an == bn)
    {
      gsize diff = 0, at = 0;
      for (gsize i = 0; i < an; i++)
        if (a[i] != b[i])
          {
            diff++;
            at = i;
          }
      /* -ise/-ize, -isation/-ization: an i before, a vowel after */
      if (diff == 1 && ((a[at] == 's' && b[at] == 'z') || (a[at] == 'z' && b[at] == 's')) && at > 0 &&
          a[at - 1] == 'i' && at + 1 < an && strchr ("aei", a[at + 1]) != NULL)
        return TRUE;
      if (diff == 2 && an >= 3 && memcmp (a, b, an - 2) == 0 &&
          ((memcmp (a + an - 2, "re", 2) == 0 && memcmp (b + bn - 2, "er", 2) == 0) ||
           (memcmp (a + an - 2, "er", 2) == 0 && memcmp (b + bn - 2, "re", 2) == 0)))
        return TRUE;
    }
  /* One extra letter: "ou" for "o", "ll" for "l". */
  if (an + 1 == bn || bn + 1 == an)
    {
      const char *l = an > bn ? a : b, *s = an > bn ? b : a;
      gsize ln = MAX (an, bn);
      gsize i = 0;
      while (i < ln - 1 && l[i] == s[i])
        i++;
      if (memcmp (l + i + 1, s + i, ln - 1 - i) != 0)
        return FALSE;
      if (l[i] == 'u' && i > 0 && l[i - 1] == 'o')
        return TRUE;
      /* "modelling", "labelled": el/al doubled before an inflection, not
       * "rolling"/"roling" or "delletion" */
      gsize p = i > 0 && l[i - 1] == 'l' ? i - 1 : i;
      if (l[i] == 'l' && p >= 1 && p + 1 < ln && l[p + 1] == 'l' && strchr ("ae", l[p - 1]) != NULL)
        {
          static const char *const endings[] = { "ing", "ings", "ed", "er", "ers" };
          for (gsize k = 0; k < G_N_ELEMENTS (endings); k++)
            if (strlen (endings[k]) == ln - p - 2 && memcmp (l + p + 2, endings[k], ln - p - 2) == 0)
              return TRUE;
        }
    }
  return FALSE;
}

/* Optimal string alignment distance between a and b, ASCII case aside,
 * or limit + 1 when it exceeds limit. */
guint
gls_typo_osa_distance (const char *a, gsize an, const char *b, gsize bn, guint limit)
{
  guint rows[3][GLS_TYPO_MAX_LETTERS + 3];
  guint *pp = rows[0], *p = rows[1], *c = rows[2];

  if (an > GLS_TYPO_MAX_LETTERS + 1 || bn > GLS_TYPO_MAX_LETTERS + 1)
    return limit + 1;
  for (gsize j = 0; j <= bn; j++)
    p[j] = (guint) j;
  for (gsize i = 1; i <= an; i++)
    {
      c[0] = (guint) i;
      guint best = c[0];
      for (gsize j = 1; j <= bn; j++)
        {
          char x = g_ascii_tolower (a[i - 1]), y = g_ascii_tolower (b[j - 1]);
          guint v = MIN (MIN (p[j] + 1, c[j - 1] + 1), p[j - 1] + (x != y));
          if (i > 1 && j > 1 && x == g_ascii_tolower (b[j - 2]) && g_ascii_tolower (a[i - 2]) == y)
            v = MIN (v, pp[j - 2] + 1);
          c[j] = v;
          best = MIN (best, v);
        }
      if (best > limit)
        return limit + 1;
      guint *t = pp;
      pp = p;
      p = c;
      c = t;
    }
  return MIN (p[bn], limit + 1);
}

/* Does the lowercase word read as a plural (an s ending that is not -ss, -us
 * or -is)? */
gboolean
gls_typo_reads_plural (const char *w, gsize n)
{
  return n >= 3 && g_ascii_tolower (w[n - 1]) == 's' && !strchr ("siu", g_ascii_tolower (w[n - 2]));
}

/* Are lowercase letters a and b next to each other on a QWERTY keyboard? */
gboolean
gls_typo_keys_adjacent (char a, char b)
{
  static const char *const rows[] = { "qwertyuiop", "asdfghjkl", "zxcvbnm" };
  int ra = -1, rb = -1, ca = 0, cb = 0;
  for (int r = 0; r < 3; r++)
    {
      const char *pa = strchr (rows[r], a), *pb = strchr (rows[r], b);
      if (a != '\0' && pa != NULL)
        ra = r, ca = (int) (pa - rows[r]);
      if (b != '\0' && pb != NULL)
        rb = r, cb = (int) (pb - rows[r]);
    }
  if (ra < 0 || rb < 0 || a == b)
    return FALSE;
  if (ra == rb)
    return ABS (ca - cb) == 1;
  /* Each row sits about half a key right of the one above. */
  int up = MIN (ra, rb), down_col = ra > rb ? ca : cb, up_col = ra > rb ? cb : ca;
  (void) up;
  return ABS (ra - rb) == 1 && (up_col == down_col || up_col == down_col + 1);
}

/* Is typed (lowercase) intended (lowercase) with one edit of typing: a
 * letter dropped, doubled, swapped with the next, or replaced by a key next
 * to it? */
gboolean
gls_typo_is_typing_edit (const char *typed, gsize tn, const char *intended, gsize in)
{
  gsize i = 0;
  while (i < tn && i < in && typed[i] == intended[i])
    i++;
  if (tn + 1 == in)  /* dropped */
    return memcmp (typed + i, intended + i + 1, tn - i) == 0;
  if (tn == in + 1)  /* doubled */
    return i > 0 && typed[i] == typed[i - 1] && memcmp (typed + i + 1, intended + i, in - i) == 0;
  if (tn != in || i == tn)
    return FALSE;
  if (memcmp (typed + i + 1, intended + i + 1, tn - i - 1) == 0)  /* neighbour key */
    return gls_typo_keys_adjacent (typed[i], intended[i]);
  return i + 1 < tn && typed[i] == intended[i + 1] && typed[i + 1] == intended[i] &&
         memcmp (typed + i + 2, intended + i + 2, tn - i - 2) == 0;  /* swapped */
}

/* TRUE if one edit turns the lowercase word w into an ordinary English word
 * other than except: then the writer more likely mistyped that word
 * ("knowledge transfe" is "transfer", not the one-word term "TransE"). */
gboolean
gls_typo_near_other_english (const GlsWordlist *words, const char *w, gsize n, const char *except, gsize except_len)
{
  char buf[GLS_TYPO_MAX_LETTERS + 2];
  if (n + 1 > GLS_TYPO_MAX_LETTERS)
    return FALSE;
#define TRY(len)                                                                                    \
  do                                                                                                \
    {                                                                                               \
      gsize l_ = (len);                                                                             \
      if (l_ >= 2 && !(l_ == except_len && memcmp (buf, except, l_) == 0) &&                        \
          gls_wordlist_contains (words, buf, l_))                                                   \
        return TRUE;                                                                                \
    }                                                                                               \
  while (0)
  for (gsize i = 0; i < n; i++)
    {
      /* drop */
      memcpy (buf, w, i);
      memcpy (buf + i, w + i + 1, n - i - 1);
      TRY (n - 1);
      /* swap */
      if (i + 1 < n)
        {
          memcpy (buf, w, n);
          buf[i] = w[i + 1];
          buf[i + 1] = w[i];
          TRY (n);
        }
      /* substitute */
      memcpy (buf, w, n);
      for (char c = 'a'; c <= 'z'; c++)
        if (c != w[i])
          {
            buf[i] = c;
            TRY (n);
          }
    }
  /* insert */
  for (gsize i = 0; i <= n; i++)
    {
      memcpy (buf, w, i);
      memcpy (buf + i + 1, w + i, n - i);
      for (char c = 'a'; c <= 'z'; c++)
        {
          buf[i] = c;
          TRY (n + 1);
        }
    }
#undef TRY
  return FALSE;
}

/* Ordinary words wamerican does not list: a prefix or a word followed by
 * another word ("reland", "minimatch", "preload", "workqueue"). */
gboolean
gls_typo_is_compound (const GlsWordlist *words, const char *w, gsize n)
{
  static const char *const prefixes[] = {
    "re", "un", "de", "co", "pre", "non", "dis", "mis", "sub", "anti", "semi", "post", "auto", "meta",
    "mini", "micro", "multi", "inter", "hyper", "super", "cross",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize k = strlen (prefixes[i]);
      if (n >= k + 3 && memcmp (w, prefixes[i], k) == 0 && gls_wordlist_contains (words, w + k, n - k))
        return TRUE;
    }
  for (gsize i = 3; i + 3 <= n; i++)
    if (gls_wordlist_contains (words, w, i) && gls_wordlist_contains (words, w + i, n - i))
      return TRUE;
  return FALSE;
}
