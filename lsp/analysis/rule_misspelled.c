/* rule_misspelled.c — the misspelled-term rule.
 *
 *   misspelled-term  a word that substituted by a close word of a term key
 *                    makes a target term covering it (a term recognised in
 *                    prose, or a tag of several words: rule_index.h):
 *                    "Levenstein transformer", "toolfromer", "rotary positon
 *                    embedding", "RMSNrom", "KV cahce". Candidates are prose
 *                    words outside hits, of 4-48 ASCII letters (digits too
 *                    when the word has capitals after its first letter:
 *                    "MobileNetV2"), not code-like (next to _ . / \ = ( and
 *                    similar), not ALL CAPS of 4 letters or fewer (one edit
 *                    turns an acronym into another: "BEFT", "BERT"), and none
 *                    of: ordinary English (also as a singular), a proper
 *                    name, a word of any term key, a word of the glossary
 *                    files' text ("Mistral" next to "Mixtral", "ReLU"), an
 *                    ignored word, a Capitalized word in a proper name, a
 *                    word the document writes as code or in bold somewhere
 *                    (its own name). How often a word is written does not
 *                    matter: writers who misspell a term do it consistently.
 *                    Towards terms of several words (a neighbouring word
 *                    belongs to one; 4+ letters): optimal string alignment
 *                    distance 1 for up to 7 letters, 2 for 8 or more, whole
 *                    words. Towards a one-word key (5+ letters, or 4+ with
 *                    capitals after the first letter): 1 edit, of a key of
 *                    4+ letters, sharing the first letter (or with its first
 *                    two swapped; with capitals also a dropped first letter
 *                    or its keyboard neighbour: "reamBooth"), not merely
 *                    adding or dropping letters at the end ("alloc" is not
 *                    "allo"), not a compound of English words; for plain
 *                    letters also: no other English word one edit away
 *                    ("knowledge transfe" is "transfer", not "TransE") and an
 *                    English key only from 7 letters ("transfromer"); for
 *                    capitalised words of 4-5 letters only typing edits
 *                    (drop, double, swap, neighbour key: "LRoA", not "LoHa").
 *                    Each correction is spelled as the canonical spelling's
 *                    word (irregular letters kept, else with the user's
 *                    capital) or that word in the other number, whichever is
 *                    closer to what was typed ("experst": both). Ranking:
 *                    fewest edits, then terms of several words (only those
 *                    kept when there are any), then the canonical number.
 *                    Fixable (safe) only when exactly one replacement is left
 *                    and it keeps the typed word's number (s-plural or not);
 *                    otherwise every candidate is offered, best first.
 *
 * Most prose words are rejected by byte tests and one word-list search. A
 * survivor's singular stem is looked up with up to two edits among the words
 * of term keys (misspelled_search.c: once per distinct stem, remembered by
 * the analyzer across checks); each close term word is
 * then substituted into the span's normalized text and the usual
 * leftmost-longest scan decides whether a recognised term now covers it.
 */
#include "analysis/rule_misspelled.h"

#include <string.h>

#include "glossary/casing.h"
#include "analysis/typo.h"
#include "analysis/word_memo.h"
#include "analysis/words.h"
#include "analysis/matcher.h"
#include "glossary/normalize.h"
#include "text/ts_edit.h"  /* gls_u32_lower_bound */

#define MIN_LETTERS 5
#define MAX_LETTERS GLS_TYPO_MAX_LETTERS

typedef struct
{
  guint32  start;        /* document range of the corrected phrase */
  guint32  end;
  guint32  term;
  char    *replacement;  /* for [start, end) */
  guint    distance;     /* edits from the typed word to the corrected one, whole words, case aside */
  gboolean phrase;       /* the term has several words: its neighbours confirm it */
  gboolean canonical;    /* the corrected word is spelled as in the canonical spelling */
  gboolean keeps_number; /* typed word and correction are both plural or both singular */
} Correction;

static void
correction_clear (Correction *c)
{
  g_free (c->replacement);
}


struct _GlsMisspelledRun
{
  const GlsRuleContext *ctx;
  gsize                 hit;          /* hits before it end before the words still to come */
  GlsWordMemo          *memo;         /* lowercase word -> is_candidate (taken from the analyzer's cache) */
  GArray               *pending;      /* Occurrence: candidates, decided once all are counted */
  GHashTable           *close_single; /* stem -> GlsClose* among one-word keys */
  GHashTable           *close_all;    /* stem -> GlsClose* among all words of recognised keys */
  const GlsProseSpan   *normalized;   /* the span norm/map describe, or NULL */
  GString              *norm;
  GArray               *map;
  GString              *buf;          /* norm with one word replaced */
  GString              *canon_norm;
  GArray               *canon_map;
  GArray               *corrections;  /* Correction */
  GlsWordMemo          *defined;      /* lowercase words the document writes as code or bold; NULL until needed */
  GlsWordMemo          *refused;      /* "stem\0fix" -> one_word_refused's English tests (1: refused) */
  gboolean              inner_capital; /* the word being checked has capitals after its first letter */
  GlsWordBytes          bytes;        /* byte classes of the code-like test */
};
typedef struct _GlsMisspelledRun State;

/* A candidate word of the document. */
typedef struct
{
  guint32 span;
  guint32 start;
  guint32 end;
} Occurrence;

#define MIN_LETTERS_CONFIRMED 4  /* a word with a term's neighbour or irregular capitals */

/* --- cheap word tests ---------------------------------------------------- */

/* A corrected text covers a term when the term is a misspelling target (a
 * name recognised in prose, or a tag of several words: rule_index.h). */
static gboolean
accept_corrected (const GlsGlossary *glossary, guint32 term_index, gsize match_len, gpointer user_data)
{
  const GlsTerm *term = gls_glossary_term (glossary, term_index);
  const State *st = user_data;
  /* A case-sensitive term (RoPE, RotatE: an English word written as a name)
   * only when the typed word has capitals after its first letter ("RoPPE");
   * plain lowercase or Capitalized letters are the English word's. */
  return gls_rule_index_is_target (st->ctx->index, term_index) &&
         (!(term->flags & GLS_TERM_CASE_SENSITIVE) || st->inner_capital);
}

static void
ensure_normalized (State *st, const GlsProseSpan *span)
{
  if (st->normalized == span)
    return;
  g_string_truncate (st->norm, 0);
  gls_normalize (st->ctx->text + span->start, span->end - span->start, st->norm, st->map);
  st->normalized = span;
}

/* Normalized offset of span-relative source offset rel, or -1. */
static gssize
norm_offset (const GArray *map, guint32 rel)
{
  guint lo = gls_u32_lower_bound (map, rel);
  return lo < map->len && g_array_index (map, guint32, lo) == rel ? (gssize) lo : -1;
}

/* The spellings the corrected word may take: the canonical spelling's word
 * (its letters when the term writes it irregularly, else lowercase with the
 * user's capital) and the same word in the other number. Falls back to the
 * key's word when the canonical spelling does not line up with the key.
 * Appends char* to forms; the first is the canonical word. */
static void
word_forms (State *st, const GlsTerm *term, const char *key_at, gsize key_len, gsize word_in_key,
            const char *word, const char *fix, gsize fix_len, GPtrArray *forms)
{
  const char *canonical = gls_glossary_term_canonical (st->ctx->glossary, term);
  g_autoptr (GString) base = NULL;

  g_string_truncate (st->canon_norm, 0);
  gls_normalize (canonical, -1, st->canon_norm, st->canon_map);
  if (st->canon_norm->len == key_len && memcmp (st->canon_norm->str, key_at, key_len) == 0)
    {
      gsize cs = g_array_index (st->canon_map, guint32, word_in_key);
      gsize ce = gls_normalize_source_end (st->canon_map, word_in_key + fix_len);
      while (ce > cs && !g_ascii_isalnum (canonical[ce - 1]))
        ce--;
      if (ce > cs && ce - cs <= MAX_LETTERS)
        base = g_string_new_len (canonical + cs, (gssize) (ce - cs));
    }
  if (base == NULL)
    base = g_string_new_len (fix, (gssize) fix_len);
  if (!gls_casing_is_irregular (base->str, base->len))
    {
      for (gsize i = 0; i < base->len; i++)
        base->str[i] = g_ascii_tolower (base->str[i]);
      if (g_ascii_isupper (word[0]))
        base->str[0] = g_ascii_toupper (base->str[0]);
    }
  g_autoptr (GString) other = g_string_new (base->str);
  if (gls_typo_reads_plural (base->str, base->len))
    g_string_truncate (other, other->len - 1);
  else if (base->len >= 2 && base->str[base->len - 1] == 'y' && !strchr ("aeiou", base->str[base->len - 2]))
    {
      g_string_truncate (other, other->len - 1);
      g_string_append (other, "ies");
    }
  else if (base->len >= 2 && (g_ascii_tolower (base->str[base->len - 1]) == 'x' ||
                               ((g_ascii_tolower (base->str[base->len - 1]) == 'h' &&
                                 strchr ("cs", g_ascii_tolower (base->str[base->len - 2])) != NULL))))
    g_string_append (other, "es");  /* "indexes", "patches": as normalize.h singularizes them */
  else if (base->len >= 2 && g_ascii_isalpha (base->str[base->len - 1]) && base->str[base->len - 1] != 's')
    g_string_append_c (other, 's');
  else
    g_string_truncate (other, 0);
  g_ptr_array_add (forms, g_string_free (g_steal_pointer (&base), FALSE));
  if (other->len > 0)
    g_ptr_array_add (forms, g_string_free (g_steal_pointer (&other), FALSE));
}

/* TRUE if form is a spelling of the key word fix: normalizes to it. */
static gboolean
form_spells (State *st, const char *form, const char *fix, gsize fix_len)
{
  g_autoptr (GString) n = g_string_new (NULL);
  g_autoptr (GArray) m = g_array_new (FALSE, FALSE, sizeof (guint32));
  gls_normalize (form, -1, n, m);
  return n->len == fix_len && g_ascii_strncasecmp (n->str, fix, fix_len) == 0;
}

static gboolean is_compound_word (const GlsWordlist *words, const char *lower, gsize n, const char *stem,
                                  gsize stem_len);

static guint
count_digits (const char *w, gsize n)
{
  guint digits = 0;
  for (gsize i = 0; i < n; i++)
    digits += g_ascii_isdigit (w[i]) ? 1 : 0;
  return digits;
}

/* A one-word term has no neighbours to confirm the correction: allow one
 * edit only, towards a key of 4+ letters, not at the first letter (rarely
 * mistyped: "Felli" is not "Delli"), not by letters added or dropped at the
 * end ("alloc" is not "allo"), which make other words rather than typos, and
 * not from a compound of English words. Plain letters: not when another
 * English word is as close or the key is a short English word (a spelling
 * checker's job). Capitals after the first letter mark a name: then a
 * dropped or neighbouring first letter counts, and short ones only by the
 * edits of typing. */
static gboolean
one_word_refused (State *st, const char *stem, gsize stem_len, const char *fix, gsize fix_len,
                  guint distance)
{
  const GlsWordlist *words = st->ctx->index->words;
  gboolean marked = st->inner_capital;

  if (distance > 1 || stem_len < (marked ? MIN_LETTERS_CONFIRMED : MIN_LETTERS))
    return TRUE;
  /* one edit from an acronym of 3 letters is another acronym (DDPO, not DPO) */
  if (fix_len < MIN_LETTERS_CONFIRMED)
    return TRUE;
  /* short names with capitals are many (LoHa next to LoRA) */
  if (marked && stem_len <= 5 && !gls_typo_is_typing_edit (stem, stem_len, fix, fix_len))
    return TRUE;
  if (stem[0] != fix[0] && !(stem[0] == fix[1] && stem[1] == fix[0]) &&
      !(marked && stem_len + 1 == fix_len && memcmp (stem, fix + 1, stem_len) == 0) &&
      !(marked && stem_len == fix_len && gls_typo_keys_adjacent (stem[0], fix[0]) &&
        memcmp (stem + 1, fix + 1, stem_len - 1) == 0))
    return TRUE;  /* "reamBooth" and "EreamBooth" pass, "korbnet" does not */
  /* A digit more or less is a version of the name, no typo: "LLaMA2",
   * "LLaMA3" next to "LLaMA". */
  if (count_digits (stem, stem_len) != count_digits (fix, fix_len))
    return TRUE;
  /* A name typed with its capitals is a name: a letter more or less at its
   * end ("DreamBoothh", "TorchScrip") or English words inside it
   * ("CreamBooth", "FoolBench") do not make another word of it. */
  if (marked)
    return FALSE;
  if (stem_len != fix_len && strncmp (stem, fix, MIN (stem_len, fix_len)) == 0)
    return TRUE;
  if (gls_wordlist_contains (words, fix, fix_len) && stem_len < 7)
    return TRUE;
  /* "knowledge transfe" is "transfer", not "TransE": a search of ~50 word
   * list lookups per letter, remembered for the run ("stem\0fix"). */
  char key[2 * MAX_LETTERS + 2];
  guint8 refused;
  if (stem_len + 1 + fix_len > sizeof key)
    return TRUE;
  memcpy (key, stem, stem_len);
  key[stem_len] = '\0';
  memcpy (key + stem_len + 1, fix, fix_len);
  gsize kn = stem_len + 1 + fix_len;
  guint32 h = gls_word_memo_hash (key, kn);
  if (!gls_word_memo_lookup (st->refused, key, kn, h, &refused))
    {
      refused = gls_typo_near_other_english (words, stem, stem_len, fix, fix_len) ||
                is_compound_word (words, stem, stem_len, stem, stem_len);
      gls_word_memo_insert (st->refused, key, kn, h, refused);
    }
  return refused;
}

/* Substitutes fix for the word at document [ws, we) (normalized stem of
 * stem_len bytes) and records a Correction if a recognised term then covers
 * the word. */
static void
try_correction (State *st, const GlsProseSpan *span, gsize ws, gsize we, const char *stem, gsize stem_len,
                gboolean ies_to_y, guint distance, const char *fix)
{
  const GlsRuleContext *ctx = st->ctx;
  const GlsGlossary *glossary = ctx->glossary;
  gsize fix_len = strlen (fix);

  ensure_normalized (st, span);
  gssize at = norm_offset (st->map, (guint32) (ws - span->start));
  if (at < 0)
    return;
  gsize a = (gsize) at, b = a + stem_len;
  if (b > st->norm->len || (b < st->norm->len && g_ascii_isalnum (st->norm->str[b])))
    return;

  g_string_truncate (st->buf, 0);
  g_string_append_len (st->buf, st->norm->str, (gssize) a);
  g_string_append_len (st->buf, fix, (gssize) fix_len);
  g_string_append_len (st->buf, st->norm->str + b, (gssize) (st->norm->len - b));
  const char *s = st->buf->str;
  gsize n = st->buf->len;

  /* A term covering the word starts at most max_key_words words before it. */
  gsize scan = a;
  guint starts = 0;
  for (gsize q = a; q > 0 && starts + 1 < ctx->index->max_key_words;)
    {
      q--;
      while (q > 0 && ((guchar) s[q] & 0xC0) == 0x80)
        q--;
      if (gls_matcher_is_match_start (s, q))
        {
          scan = q;
          starts++;
        }
    }

  for (gsize i = scan; i <= a && i < n;)
    {
      guint32 term;
      gsize m = gls_matcher_is_match_start (s, i)
        ? gls_matcher_longest_accepted (glossary, s + i, n - i, accept_corrected, st, &term)
        : 0;
      if (m == 0)
        {
          i++;
          while (i < n && ((guchar) s[i] & 0xC0) == 0x80)
            i++;
          continue;
        }
      if (i + m <= a)
        {
          i += m;
          continue;
        }
      if (i + m < a + fix_len)
        return;  /* a term overlaps the word without covering it */
      if (i == a && m == fix_len && one_word_refused (st, stem, stem_len, fix, fix_len, distance))
        return;

      gsize end_in_norm = i + m - fix_len + stem_len;
      guint32 doc_start = span->start + g_array_index (st->map, guint32, i);
      guint32 doc_end = span->start + gls_normalize_source_end (st->map, end_in_norm);
      const GlsTerm *t = gls_glossary_term (glossary, term);
      if (doc_start > ws || doc_end < we)
        return;
      /* The word's spellings closest to what was typed, whole words: the
       * plural of "experst" may be "experts" or "expert". */
      g_autoptr (GPtrArray) forms = g_ptr_array_new_with_free_func (g_free);
      word_forms (st, t, s + i, m, a - i, ctx->text + ws, fix, fix_len, forms);
      guint dist[2] = { G_MAXUINT, G_MAXUINT }, best = G_MAXUINT;
      for (guint k = 0; k < forms->len; k++)
        {
          const char *form = g_ptr_array_index (forms, k);
          if (form_spells (st, form, fix, fix_len))
            dist[k] = gls_typo_osa_distance (ctx->text + ws, we - ws, form, strlen (form), 2);
          best = MIN (best, dist[k]);
        }
      /* Whole words decide: 1 edit for up to 7 letters, 2 beyond. */
      if (best == 0 || best > (we - ws >= 8 ? 2u : 1u))
        return;
      for (guint k = 0; k < forms->len; k++)
        {
          if (dist[k] != best)
            continue;
          const char *form = g_ptr_array_index (forms, k);
          GString *r = g_string_new_len (ctx->text + doc_start, (gssize) (ws - doc_start));
          g_string_append (r, form);
          g_string_append_len (r, ctx->text + we, (gssize) (doc_end - we));
          Correction c = { doc_start, doc_end, term, g_string_free (r, FALSE), best,
                           strchr (gls_glossary_term_key (glossary, t), ' ') != NULL, k == 0,
                           gls_typo_reads_plural (ctx->text + ws, we - ws) == gls_typo_reads_plural (form, strlen (form)) };
          g_array_append_val (st->corrections, c);
        }
      return;
    }
}

/* --- the finding --------------------------------------------------------- */

/* Ranks the corrections: fewest edits first, then terms of several words
 * (the neighbours confirm them: "transfe learning" is "transfer learning",
 * not "TransE learning"), then the canonical word's own number. Only the
 * best class is kept when it has phrases. */
static int
compare_corrections (gconstpointer pa, gconstpointer pb)
{
  const Correction *a = pa, *b = pb;
  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  if (a->phrase != b->phrase)
    return a->phrase ? -1 : 1;
  if (a->canonical != b->canonical)
    return a->canonical ? -1 : 1;
  return 0;
}

static void
report (State *st)
{
  const GlsRuleContext *ctx = st->ctx;
  const GlsGlossary *glossary = ctx->glossary;
  GArray *cs = st->corrections;
  guint32 start = G_MAXUINT32, end = 0;

  g_array_sort (cs, compare_corrections);
  const Correction *top = &g_array_index (cs, Correction, 0);
  guint keep = 0;
  while (keep < cs->len && g_array_index (cs, Correction, keep).distance == top->distance &&
         (!top->phrase || g_array_index (cs, Correction, keep).phrase))
    keep++;
  g_array_set_size (cs, keep);

  for (guint i = 0; i < cs->len; i++)
    {
      const Correction *c = &g_array_index (cs, Correction, i);
      start = MIN (start, c->start);
      end = MAX (end, c->end);
    }
  g_autofree char *written = g_strndup (ctx->text + start, end - start);
  g_autoptr (GPtrArray) replacements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) terms = g_string_new (NULL);
  gboolean keeps_number = TRUE;
  for (guint i = 0; i < cs->len; i++)
    {
      const Correction *c = &g_array_index (cs, Correction, i);
      g_autofree char *r = g_strdup_printf ("%.*s%s%.*s", (int) (c->start - start), ctx->text + start,
                                            c->replacement, (int) (end - c->end), ctx->text + c->end);
      gboolean dup = FALSE;
      for (guint k = 0; k < replacements->len && !dup; k++)
        dup = strcmp (g_ptr_array_index (replacements, k), r) == 0;
      if (dup)
        continue;
      keeps_number = keeps_number && c->keeps_number;
      g_ptr_array_add (replacements, g_steal_pointer (&r));
      const char *canonical = gls_glossary_term_canonical (glossary, gls_glossary_term (glossary, c->term));
      if (strstr (terms->str, canonical) == NULL)
        g_string_append_printf (terms, "%s“%s”", terms->len > 0 ? ", " : "", canonical);
    }
  char *message = replacements->len == 1
    ? g_strdup_printf ("“%s” looks like a misspelling of the glossary term %s", written, terms->str)
    : g_strdup_printf ("“%s” looks like a misspelling of %s (%u candidates)", written, terms->str,
                       replacements->len);
  GlsFinding *f = gls_rule_add_finding (ctx, GLS_RULE_MISSPELLED_TERM, start, end,
                                        g_array_index (cs, Correction, 0).term, message);
  g_ptr_array_extend_and_steal (f->replacements, g_steal_pointer (&replacements));
  /* Safe: one glossary spelling, in the number the text was written in. */
  f->fixable = f->replacements->len == 1 && keeps_number;
}

/* --- the word loop ------------------------------------------------------- */

/* The context-free part of the decision for one lowercase word (hash h:
 * gls_word_memo_hash), a function of the analyzer alone: FALSE when it is
 * no candidate (too short, ordinary English, a name, a term word, a word of
 * the glossary's own text). The configuration's ignored words are checked
 * apart (count_word): the memo of these verdicts outlives the run. */
static gboolean
is_candidate (State *st, const char *lower, gsize n, guint32 h, const char *stem, gsize stem_len)
{
  const GlsRuleIndex *an = st->ctx->index;
  guint8 v;

  if (stem_len < MIN_LETTERS_CONFIRMED)
    return FALSE;
  /* Hash lookups before binary searches. */
  if (gls_word_memo_lookup (an->vocabulary, lower, n, h, &v))
    return FALSE;
  if (gls_trie_lookup (an->term_words, lower, n, NULL) || gls_trie_lookup (an->term_words, stem, stem_len, NULL))
    return FALSE;
  if (gls_wordlist_contains (an->words, lower, n) ||
      (stem_len != n && gls_wordlist_contains (an->words, stem, stem_len)))
    return FALSE;
  if (gls_wordlist_contains (an->names, lower, n) || gls_wordlist_contains (an->names, stem, stem_len))
    return FALSE;
  return TRUE;
}

/* Compounds of ordinary words are words of their own, unless the neighbours
 * make a glossary phrase of the corrected word ("router metworks"). */
static gboolean
is_compound_word (const GlsWordlist *words, const char *lower, gsize n, const char *stem, gsize stem_len)
{
  return gls_typo_is_compound (words, lower, n) || gls_typo_is_compound (words, stem, stem_len);
}

/* Is the ASCII word text[s..e) (its singular) a word of a recognised key of
 * several words? */
static gboolean
is_phrase_word (const GlsRuleIndex *an, const char *text, gsize s, gsize e)
{
  char w[MAX_LETTERS + 1];
  gsize n = e - s;
  GlsTrieValues values;

  if (n == 0 || n > MAX_LETTERS)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    w[i] = g_ascii_tolower (text[s + i]);
  gboolean ies_to_y;
  gsize keep = gls_normalize_singular_length (w, n, &ies_to_y);
  if (ies_to_y)
    w[keep - 1] = 'y';
  if (!gls_trie_lookup (an->term_words, w, keep, &values))
    return FALSE;
  for (gsize i = 0; i < values.n; i++)
    if (values.ids[i] == GLS_TERM_WORD_IN_PHRASE)
      return TRUE;
  return FALSE;
}

/* A correction can only make a term of several words if a neighbouring word
 * of the span belongs to one. */
static gboolean
has_phrase_neighbour (const GlsRuleIndex *an, const char *text, const GlsProseSpan *span, gsize ws, gsize we)
{
  gsize e = ws;
  while (e > span->start && !g_ascii_isalnum (text[e - 1]) && (guchar) text[e - 1] < 0x80)
    e--;
  gsize s = e;
  while (s > span->start && g_ascii_isalnum (text[s - 1]))
    s--;
  if (s < e && (s == span->start || (guchar) text[s - 1] < 0x80) && is_phrase_word (an, text, s, e))
    return TRUE;
  s = we;
  while (s < span->end && !g_ascii_isalnum (text[s]) && (guchar) text[s] < 0x80)
    s++;
  e = s;
  while (e < span->end && g_ascii_isalnum (text[e]))
    e++;
  return s < e && (e == span->end || (guchar) text[e] < 0x80) && is_phrase_word (an, text, s, e);
}

static void
lowercase_and_stem (const char *word, gsize n, char *lower, char *stem, gsize *stem_len, gboolean *ies_to_y)
{
  for (gsize i = 0; i < n; i++)
    lower[i] = (char) (word[i] | 0x20);  /* ASCII letters only */
  lower[n] = '\0';
  *stem_len = gls_normalize_singular_length (lower, n, ies_to_y);
  memcpy (stem, lower, *stem_len);
  stem[*stem_len] = '\0';
  if (*ies_to_y)
    stem[*stem_len - 1] = 'y';
}

/* First pass: is the word at [ws, we) (h: its lowercase hash) a
 * candidate, and not code? Remembers it if so. */
static void
count_word (State *st, guint32 span, gsize ws, gsize we, guint32 h)
{
  const GlsRuleContext *ctx = st->ctx;
  gsize n = we - ws, stem_len;
  char lower[MAX_LETTERS + 1], stem[MAX_LETTERS + 1];
  gboolean ies_to_y;
  guint8 candidate;

  /* Documents repeat their words: decide each distinct one once (the stem
   * only then); the verdicts carry over from earlier runs of the analyzer. */
  if (!gls_word_memo_lookup_folded (st->memo, ctx->text + ws, n, ctx->len - ws, h, &candidate))
    {
      lowercase_and_stem (ctx->text + ws, n, lower, stem, &stem_len, &ies_to_y);
      candidate = is_candidate (st, lower, n, h, stem, stem_len) ? 1 : 0;
      gls_word_memo_insert (st->memo, lower, n, h, candidate);
    }
  if (candidate == 0)
    return;
  /* Digits only in words marked by capitals ("MobileNetV2", not "conv2d");
   * tested here, for the few candidates: the verdict is the word's alone. */
  const guint8 *cls = st->bytes.cls;
  guint first = cls[(guchar) ctx->text[ws]], rest = 0;
  for (gsize i = 1; i < n; i++)
    rest |= cls[(guchar) ctx->text[ws + i]];
  if (((first | rest) & GLS_WORD_BYTE_DIGIT) && (!(rest & GLS_WORD_BYTE_UPPER) || (first & GLS_WORD_BYTE_DIGIT)))
    return;
  for (gsize i = 0; i < n; i++)
    lower[i] = (char) (ctx->text[ws + i] | 0x20);  /* ASCII letters and digits only */
  /* Code-like last: most words are no candidates anyway. */
  if (!gls_rule_config_is_ignored (ctx->config, lower, (gssize) n) &&
      !gls_words_is_code_like (&st->bytes, ctx->text, ctx->len, ws, we))
    {
      Occurrence o = { span, (guint32) ws, (guint32) we };
      g_array_append_val (st->pending, o);
    }
}

/* Does the document define the word itself: write it as code (`word`) or in
 * bold (**word**) somewhere? Then it is the document's own name, however
 * close to a term ("the `toolfromer` package"). A word written often is not
 * excused: writers who misspell a term do it consistently. The document's
 * code and bold words are collected once, at the first question. */
static gboolean
defined_in_document (State *st, const char *lower, gsize n)
{
  guint8 v;
  if (st->defined == NULL)
    {
      st->defined = gls_word_memo_new (64);
      gls_words_collect_marked (st->defined, st->ctx->text, st->ctx->len, MIN_LETTERS_CONFIRMED, MAX_LETTERS);
    }
  return gls_word_memo_lookup (st->defined, lower, n, gls_word_memo_hash (lower, n), &v);
}

/* Second pass: a candidate word, checked in its context. */
static void
check_word (State *st, const GlsProseSpan *span, gsize ws, gsize we)
{
  const GlsRuleContext *ctx = st->ctx;
  const GlsRuleIndex *an = ctx->index;
  gsize n = we - ws, stem_len;
  char lower[MAX_LETTERS + 1], stem[MAX_LETTERS + 1];
  gboolean ies_to_y, inner_capital = FALSE, all_caps = TRUE;

  for (gsize i = ws; i < we; i++)
    {
      inner_capital = inner_capital || (i > ws && g_ascii_isupper (ctx->text[i]));
      all_caps = all_caps && !g_ascii_islower (ctx->text[i]);
    }
  /* One edit turns a short acronym into another one (BEFT, BERT). */
  if (all_caps && n <= 4)
    return;
  lowercase_and_stem (ctx->text + ws, n, lower, stem, &stem_len, &ies_to_y);
  st->inner_capital = inner_capital;
  if (!inner_capital && g_ascii_isupper (ctx->text[ws]) && gls_rule_in_proper_name (an, ctx->text, ctx->len, ws, we))
    return;

  /* Words with irregular capitals ("RMSNrom", "LlamaIdnex", "KV CAHCE") are
   * typos of terms written that way or identifiers: only the former count. */
  gboolean phrase = has_phrase_neighbour (an, ctx->text, span, ws, we);
  if (stem_len < (phrase || inner_capital ? MIN_LETTERS_CONFIRMED : MIN_LETTERS))
    return;
  if (!phrase && !inner_capital && is_compound_word (an->words, lower, n, stem, stem_len))
    return;
  const GlsClose *close = phrase
    /* One edit more than allowed: key words are normalized ("cache" is
     * "cach"), the whole-word distance is checked in try_correction. */
    ? gls_close_words (st->close_all, ctx->misspelled_cache, 1, an->term_words, GLS_TERM_WORD_RECOGNISED, stem,
                   stem_len, stem_len >= 8 ? 2 : stem_len >= 5 ? 2 : 1)
    : gls_close_words (st->close_single, ctx->misspelled_cache, 0, an->single_keys, 0, stem, stem_len, 1);
  if (close->words->len == 0)
    return;
  g_array_set_size (st->corrections, 0);
  for (guint i = 0; i < close->words->len; i++)
    try_correction (st, span, ws, we, stem, stem_len, ies_to_y, close->distance, g_ptr_array_index (close->words, i));
  /* An identifier with capitals may be one edit from a one-word term by
   * chance; in a glossary phrase the neighbours confirm it ("Reinforcement
   * eLarning from Human Feedback"). */
  if (inner_capital)
    for (guint i = st->corrections->len; i-- > 0;)
      {
        const Correction *c = &g_array_index (st->corrections, Correction, i);
        if (!c->phrase && !(gls_glossary_term (ctx->glossary, c->term)->flags & GLS_TERM_IRREGULAR_CASE))
          g_array_remove_index (st->corrections, i);
      }
  if (st->corrections->len > 0 && !defined_in_document (st, lower, n))
    report (st);
}

void
gls_rule_misspelled_add_words (GlsMisspelledRun *st, const GlsProseSpan *span, guint32 span_index,
                               const GlsMatchWord *words, gsize n_words, const GlsHit *hits, gsize n_hits)
{
  const guchar *text = (const guchar *) st->ctx->text;

  for (gsize k = 0; k < n_words; k++)
    {
      guint32 ws = words[k].start, we = words[k].end;
      /* Words of 4-48 ASCII letters and digits, no non-ASCII byte next to
       * them (it would be part of the word). */
      if (we - ws < MIN_LETTERS_CONFIRMED || we - ws > MAX_LETTERS || (ws > span->start && text[ws - 1] >= 0x80) ||
          (we < span->end && text[we] >= 0x80))
        continue;
      while (st->hit < n_hits && hits[st->hit].end <= ws)
        st->hit++;
      if (st->hit < n_hits && hits[st->hit].start < we)
        continue;
      count_word (st, span_index, ws, we,
                  gls_word_memo_hash_folded ((const char *) text + ws, we - ws, st->ctx->len - ws));
    }
}

GlsMisspelledRun *
gls_rule_misspelled_begin (const GlsRuleContext *ctx)
{
  State *st = g_new0 (State, 1);

  st->ctx = ctx;
  gls_word_bytes_init (&st->bytes);
  st->memo = gls_misspelled_cache_take_memo (ctx->misspelled_cache);
  st->refused = gls_word_memo_new (16);
  st->close_single = gls_close_table_new ();
  st->close_all = gls_close_table_new ();
  st->norm = g_string_new (NULL);
  st->map = g_array_new (FALSE, FALSE, sizeof (guint32));
  st->buf = g_string_new (NULL);
  st->canon_norm = g_string_new (NULL);
  st->canon_map = g_array_new (FALSE, FALSE, sizeof (guint32));
  st->corrections = g_array_new (FALSE, FALSE, sizeof (Correction));
  g_array_set_clear_func (st->corrections, (GDestroyNotify) correction_clear);
  st->pending = g_array_new (FALSE, FALSE, sizeof (Occurrence));
  return st;
}

void
gls_rule_misspelled_finish (GlsMisspelledRun *st, const GlsProseSpan *spans, gsize n_spans)
{
  for (guint i = 0; i < st->pending->len; i++)
    {
      const Occurrence *o = &g_array_index (st->pending, Occurrence, i);
      g_assert (o->span < n_spans);
      check_word (st, &spans[o->span], o->start, o->end);
    }

  gls_misspelled_cache_give_memo (st->ctx->misspelled_cache, st->memo);
  gls_word_memo_free (st->refused);
  gls_word_memo_free (st->defined);
  g_array_unref (st->pending);
  g_hash_table_unref (st->close_single);
  g_hash_table_unref (st->close_all);
  g_string_free (st->norm, TRUE);
  g_array_unref (st->map);
  g_string_free (st->buf, TRUE);
  g_string_free (st->canon_norm, TRUE);
  g_array_unref (st->canon_map);
  g_array_unref (st->corrections);
  g_free (st);
}
