/* roles.c — names versus tags; see glossary.h ("Names and tags") for the
 * rules and roles.h for when they run. */
#define _GNU_SOURCE  /* memmem */
#include "glossary/roles.h"
#include "glossary/passage.h"

#include <string.h>

#include "glossary/normalize.h"

/* Inputs beyond these sizes are never acronyms or split titles: it bounds the
 * work a hostile header can cause. */
#define MAX_ACRONYM   12
#define MAX_WORDS     24
#define MAX_WORD_LEN  64
/* Bold spans kept as evidence per entry: lead names, later sub-headings. */
#define MAX_LEAD      16
#define MAX_BOLD      256
/* Bytes of the first line searched for the verb of the lead sentence. */
#define LEAD_SUBJECT  400
/* Header items scored from the evidence; later ones are tags. */
#define MAX_SCORED    64
/* A passage longer than this is cut to the sentence that uses the term. */

static gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

/* The words of a normalized key (runs of word bytes), at most MAX_WORDS. */
typedef struct
{
  const char *at[MAX_WORDS];
  gsize       len[MAX_WORDS];
  guint       n;
  gboolean    overflow;
} Words;

static void
split_words (const char *key, Words *w)
{
  w->n = 0;
  w->overflow = FALSE;
  for (const char *p = key; *p != '\0';)
    {
      if (!is_word_byte (*p))
        {
          p++;
          continue;
        }
      const char *start = p;
      while (*p != '\0' && is_word_byte (*p))
        p++;
      if (w->n == MAX_WORDS)
        {
          w->overflow = TRUE;
          return;
        }
      w->at[w->n] = start;
      w->len[w->n++] = (gsize) (p - start);
    }
}

static gboolean
word_eq (const Words *a, guint i, const Words *b, guint j)
{
  return a->len[i] == b->len[j] && memcmp (a->at[i], b->at[j], a->len[i]) == 0;
}

/* Function words that an acronym may skip (Mixture of Experts -> ME or MoE).
 * Grammar, not vocabulary: the same for any glossary written in English. */
static gboolean
is_function_word (const char *w, gsize len)
{
  static const char *const list[] = { "a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "by", NULL };
  for (guint i = 0; list[i] != NULL; i++)
    if (strlen (list[i]) == len && memcmp (list[i], w, len) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char  *letters;
  gsize        n;
  const Words *words;
  gsize        stride;  /* longest word + 1 */
  guint8      *seen;    /* [(n + 1) * words->n * stride]: 0 unknown, 1 no, 2 yes */
} Acronym;

/* Letters [i..) can be read from word w, after its first k bytes were used,
 * then from later words: each later word that is not a function word gives at
 * least its first letter, in order. Memoized, so bounded by the table size. */
static gboolean
acronym_from (Acronym *a, gsize i, guint w, gsize k)
{
  guint8 *seen = &a->seen[(i * a->words->n + w) * a->stride + k];
  if (*seen != 0)
    return *seen == 2;
  gboolean ok = FALSE;
  if (i == a->n)
    {
      ok = TRUE;
      for (guint v = w + 1; v < a->words->n && ok; v++)
        ok = is_function_word (a->words->at[v], a->words->len[v]);
    }
  else
    {
      /* Continue inside word w. */
      for (gsize p = k; p < a->words->len[w] && !ok; p++)
        if (a->words->at[w][p] == a->letters[i])
          ok = acronym_from (a, i + 1, w, p + 1);
      /* Or start the next word, skipping function words. */
      for (guint v = w + 1; v < a->words->n && !ok; v++)
        {
          if (a->words->at[v][0] == a->letters[i])
            ok = acronym_from (a, i + 1, v, 1);
          if (!is_function_word (a->words->at[v], a->words->len[v]))
            break;
        }
    }
  *seen = ok ? 2 : 1;
  return ok;
}

/* short_key (one word, 2..MAX_ACRONYM letters) abbreviates long_key (two or
 * more words): "moe" / "mixture of expert", "layernorm" / "layer normalization". */
static gboolean
is_acronym_of (const char *short_key, const char *long_key)
{
  gsize n = strlen (short_key);
  Words words;

  if (n < 2 || n > MAX_ACRONYM || strchr (short_key, ' ') != NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (short_key[i]))
      return FALSE;
  split_words (long_key, &words);
  if (words.overflow || words.n < 2 || words.at[0][0] != short_key[0] || words.len[0] > MAX_WORD_LEN)
    return FALSE;
  Acronym a = { short_key, n, &words, 1, NULL };
  for (guint w = 0; w < words.n; w++)
    {
      if (words.len[w] > MAX_WORD_LEN)
        return FALSE;
      a.stride = MAX (a.stride, words.len[w] + 1);
    }
  /* At most 13 * 24 * 65 bytes; usually a few hundred. */
  guint8 small[512];
  gsize size = (n + 1) * words.n * a.stride;
  g_autofree guint8 *large = size > sizeof small ? g_malloc0 (size) : NULL;
  a.seen = large != NULL ? large : small;
  if (large == NULL)
    memset (small, 0, size);
  return acronym_from (&a, 1, 0, 1);
}

/* key is two or more consecutive words of phrase written as one
 * ("huggingface" in "hugging face transformers"). */
static gboolean
is_joined_run (const char *key, const char *phrase)
{
  gsize n = strlen (key);
  Words words;

  if (n < 4 || strchr (key, ' ') != NULL)
    return FALSE;
  split_words (phrase, &words);
  for (guint first = 0; first + 1 < words.n; first++)
    {
      gsize at = 0;
      for (guint w = first; w < words.n && at < n; w++)
        {
          if (at + words.len[w] > n || memcmp (key + at, words.at[w], words.len[w]) != 0)
            break;
          at += words.len[w];
          if (at == n && w > first)
            return TRUE;
        }
    }
  return FALSE;
}

/* One abbreviates or contracts the other. */
static gboolean
acronym_either_way (const char *a, const char *b)
{
  return is_acronym_of (a, b) || is_acronym_of (b, a) || is_joined_run (a, b) || is_joined_run (b, a);
}

/* Every word of key is an ordinary English word ("model architecture",
 * "getting started"): a phrase anyone might write, not a coined name. */
static gboolean
all_english (const GlsWordlist *words, const char *key)
{
  Words w;
  split_words (key, &w);
  if (w.overflow || w.n == 0)
    return FALSE;
  for (guint i = 0; i < w.n; i++)
    if (!gls_wordlist_contains (words, w.at[i], w.len[i]))
      return FALSE;
  return TRUE;
}

/* A search phrase typed as a question ("do you offer training", "how does
 * LoRA work"): English interrogatives and auxiliaries, three words or more. */
static gboolean
is_question (const char *key)
{
  static const char *const starts[] = {
    "do", "does", "did", "can", "could", "how", "what", "why", "when", "where", "which", "who",
    "is", "are", "was", "were", "will", "would", "should", "shall", "may", "might", NULL,
  };
  Words w;
  split_words (key, &w);
  if (w.n < 3)
    return FALSE;
  for (guint i = 0; starts[i] != NULL; i++)
    if (strlen (starts[i]) == w.len[0] && memcmp (starts[i], w.at[0], w.len[0]) == 0)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------- split headers */

/* The title's words, in order, are single-word header items from the
 * headword on: returns TRUE and marks those items in `piece`. */
static gboolean
find_split (GlsGlossary *self, const GlsEntry *entry, gboolean *piece)
{
  gsize len;
  const char *title = gls_glossary_slice (self, entry, entry->title, &len);
  g_autofree char *title_key = gls_normalize_key (title, (gssize) len);
  Words tw;
  split_words (title_key, &tw);
  if (tw.overflow || tw.n < 2 || tw.n > entry->n_items)
    return FALSE;

  guint j = 0;
  for (guint i = 0; i < entry->n_items; i++)
    {
      const GlsName *name = &g_array_index (self->names, GlsName, entry->first_name + i);
      const char *text = gls_glossary_slice (self, entry, name->text, &len);
      g_autofree char *key = gls_normalize_key (text, (gssize) len);
      Words iw;
      split_words (key, &iw);
      piece[i] = FALSE;
      if (j < tw.n && iw.n == 1 && !iw.overflow && word_eq (&iw, 0, &tw, j))
        {
          piece[i] = TRUE;
          j++;
        }
      else if (i == 0)
        return FALSE;
      else if (iw.n == 1 && !iw.overflow)
        /* A title word given twice ("...,LLM,RoPE,...,LLM,techniques") is a
         * piece both times. */
        for (guint k = 0; k < tw.n && !piece[i]; k++)
          piece[i] = word_eq (&iw, 0, &tw, k);
    }
  return j == tw.n;
}

void
gls_roles_repair_split_headers (GlsGlossary *self)
{
  g_autofree gboolean *split = g_new0 (gboolean, MAX (self->entries->len, 1));
  guint n_split = 0;

  for (guint e = 0; e < self->entries->len; e++)
    {
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, e);
      /* A title "X (Y)" already names its entry; and a header of one or two
       * items is no split title. */
      if (entry->title.len == 0 || entry->n_items < 3 || entry->n_names > entry->n_items)
        continue;
      g_autofree gboolean *piece = g_new0 (gboolean, entry->n_items);
      if (!find_split (self, entry, piece))
        continue;
      for (guint i = 0; i < entry->n_items; i++)
        if (piece[i])
          g_array_index (self->names, GlsName, entry->first_name + i).role = GLS_ROLE_TAG;
      split[e] = TRUE;
      n_split++;
    }
  if (n_split == 0)
    return;

  /* Every entry's names are one run of the array: copy them run by run and
   * put the title after the names of a repaired entry. */
  GArray *names = g_array_sized_new (FALSE, FALSE, sizeof (GlsName), self->names->len + n_split);
  for (guint e = 0; e < self->entries->len; e++)
    {
      GlsEntry *entry = &g_array_index (self->entries, GlsEntry, e);
      guint32 first = names->len;
      g_array_append_vals (names, &g_array_index (self->names, GlsName, entry->first_name), entry->n_names);
      if (split[e])
        {
          GlsName title = { entry->title, e, GLS_NO_TERM, GLS_ROLE_TITLE };
          g_array_append_val (names, title);
          entry->n_names++;
        }
      entry->first_name = first;
    }
  g_array_unref (self->names);
  self->names = names;
}

/* ------------------------------------------------------------- evidence */

typedef struct
{
  GString   *body;      /* the normalized body after the title */
  GPtrArray *lead;      /* normalized bold spans of the first line before its verb, and the title names */
  GPtrArray *bold;      /* normalized bold spans of the later lines, trailing ':' dropped */
  char      *title;     /* normalized title, or "" */
  char      *headword;  /* normalized headword */
} Evidence;

/* Where the lead sentence's subject ends: "**X** (also **Y**) is a **...**"
 * names the entry before the verb and describes it after. */
static gsize
lead_verb (const char *line, gsize len)
{
  /* The subject is at the start: a long first line is not searched whole. */
  len = MIN (len, (gsize) LEAD_SUBJECT);
  /* One pass for all verbs (the first position where any starts is the
   * earliest hit), cut at a NUL as g_strstr_len() would be: this runs for
   * every line of every entry, and a scan per verb cost seven. */
  gsize searched = strnlen (line, len);
  /* Every verb starts with ' ' or ':'. */
#define VERB(s) { s, sizeof s - 1 }
  static const struct
  {
    const char *s;
    gsize       n;  /* 2 or more */
  } verbs[] = { VERB (" is "), VERB (" are "), VERB (" refers to "), VERB (" means "),
                VERB (" — "), VERB (" – "), VERB (": ") };
#undef VERB
  for (gsize at = 0; at < searched; at++)
    {
      if (line[at] != ' ' && line[at] != ':')
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
        if (verbs[i].n <= searched - at && line[at + 1] == verbs[i].s[1] &&
            memcmp (line + at, verbs[i].s, verbs[i].n) == 0)
          return at;
    }
  return len;
}

static void
add_key (GPtrArray *keys, const char *text, gsize len)
{
  g_autofree char *key = gls_normalize_key (text, (gssize) len);
  gsize n = strlen (key);
  while (n > 0 && !is_word_byte (key[n - 1]))
    key[--n] = '\0';
  if (n > 0)
    g_ptr_array_add (keys, g_steal_pointer (&key));
}

/* Bold spans (** **, within one line) of body[0..len). */
static void
collect_bold (const char *body, gsize len, Evidence *ev)
{
  const char *nl = memchr (body, '\n', len);
  gsize first_end = nl != NULL ? (gsize) (nl - body) : len;
  gsize verb = lead_verb (body, first_end);

  for (gsize i = 0; i + 1 < len;)
    {
      if (body[i] != '*' || body[i + 1] != '*')
        {
          i++;
          continue;
        }
      gsize start = i + 2, end = start;
      while (end + 1 < len && body[end] != '\n' && !(body[end] == '*' && body[end + 1] == '*'))
        end++;
      if (end + 1 >= len)
        break;
      if (body[end] == '\n')
        {
          /* Not closed on its line: no bold span; go on after it. */
          i = end + 1;
          continue;
        }
      /* Capped: each key is compared with every header item. */
      if (start < first_end)
        {
          if (start < verb && ev->lead->len < MAX_LEAD)
            add_key (ev->lead, body + start, end - start);
        }
      else if (ev->bold->len < MAX_BOLD)
        add_key (ev->bold, body + start, end - start);
      i = end + 2;
    }
}

static void
evidence_init (GlsGlossary *self, const GlsEntry *entry, Evidence *ev)
{
  gsize len;
  const char *body = gls_glossary_slice (self, entry, entry->body, &len);
  const GlsName *headword = &g_array_index (self->names, GlsName, entry->first_name);
  gsize skip = 0;

  ev->body = g_string_new (NULL);
  ev->lead = g_ptr_array_new_with_free_func (g_free);
  ev->bold = g_ptr_array_new_with_free_func (g_free);
  skip = gls_glossary_title_end (entry);
  gls_normalize (body + skip, (gssize) (len - skip), ev->body, NULL);
  collect_bold (body, len, ev);
  const char *text = gls_glossary_slice (self, entry, entry->title, &len);
  ev->title = gls_normalize_key (text, (gssize) len);
  text = gls_glossary_slice (self, entry, headword->text, &len);
  ev->headword = gls_normalize_key (text, (gssize) len);
  /* A headword written "X (Y)" where one abbreviates the other, or one
   * word is spelled out in three or more ("lime (local interpretable ...)"), names the entry by both halves; "risk
   * assessment (legal)" only qualifies its name. */
  const char *open = len > 0 && text[len - 1] == ')' ? memchr (text, '(', len) : NULL;
  if (open != NULL && open > text)
    {
      g_autofree char *x = gls_normalize_key (text, open - text);
      g_autofree char *y = gls_normalize_key (open + 1, (gssize) (len - (gsize) (open - text) - 2));
      Words xw, yw;
      split_words (x, &xw);
      split_words (y, &yw);
      if (acronym_either_way (x, y) || (xw.n == 1 && yw.n >= 3 && !yw.overflow))
        {
          g_ptr_array_add (ev->lead, g_steal_pointer (&x));
          g_ptr_array_add (ev->lead, g_steal_pointer (&y));
        }
    }
  for (guint i = entry->n_items; i < entry->n_names; i++)
    {
      const GlsName *name = &g_array_index (self->names, GlsName, entry->first_name + i);
      text = gls_glossary_slice (self, entry, name->text, &len);
      add_key (ev->lead, text, len);
    }
}

static void
evidence_clear (Evidence *ev)
{
  g_string_free (ev->body, TRUE);
  g_ptr_array_unref (ev->lead);
  g_ptr_array_unref (ev->bold);
  g_free (ev->title);
  g_free (ev->headword);
}

static gboolean
in_keys (const GPtrArray *keys, const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (strcmp (g_ptr_array_index (keys, i), key) == 0)
      return TRUE;
  return FALSE;
}

/* One phrase inside another at word boundaries, either way round. */
static gboolean
overlaps (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  if (la == 0 || lb == 0)
    return FALSE;
  return la <= lb ? gls_passage_find_phrase (b, lb, a, la) >= 0 : gls_passage_find_phrase (a, la, b, lb) >= 0;
}

/* key is name followed by what name abbreviates ("llava large language and
 * vision assistant" for LLaVA): the name written with its expansion. */
static gboolean
name_with_expansion (const char *key, const char *name)
{
  gsize n = strlen (name);
  return n > 0 && strncmp (key, name, n) == 0 && key[n] == ' ' && acronym_either_way (name, key + n + 1);
}

/* key is the first words of name, and name has more ("lstm" of "lstm
 * anomaly"). */
static gboolean
leading_words_of (const char *key, const char *name)
{
  gsize k = strlen (key), n = strlen (name);
  return k > 0 && k < n && gls_passage_find_phrase (name, n, key, k) == 0;
}

/* The role of a later header item (glossary.h, "Names and tags"). */
static GlsRole
score_item (const Evidence *ev, const char *key, const GlsTerm *term, gboolean other_headword,
            gboolean declared, const GlsWordlist *words)
{
  if (is_question (key))
    return GLS_ROLE_TAG;
  if ((term->flags & GLS_TERM_ENGLISH_WORD) && !(term->flags & GLS_TERM_IRREGULAR_CASE))
    return GLS_ROLE_KEYWORD;
  /* Its file said it is a name (see gls_roles_assign). */
  if (declared)
    return GLS_ROLE_ALIAS;

  gboolean strong = in_keys (ev->lead, key) || strcmp (key, ev->title) == 0 ||
                    acronym_either_way (key, ev->headword) || acronym_either_way (key, ev->title) ||
                    name_with_expansion (key, ev->title) || name_with_expansion (key, ev->headword);
  for (guint i = 0; i < ev->lead->len && !strong; i++)
    strong = acronym_either_way (key, g_ptr_array_index (ev->lead, i));
  gboolean partial = overlaps (key, ev->title) || overlaps (key, ev->headword);
  gboolean uses = gls_passage_find_phrase (ev->body->str, ev->body->len, key, strlen (key)) >= 0;
  /* Spelled with irregular capitals (RoPE, ALiBi), it is not the word. */
  gboolean english = all_english (words, key) && !(term->flags & GLS_TERM_IRREGULAR_CASE);
  int score = 4 * strong + partial + uses - 2 * other_headword - 2 * english;

  if (score >= 3)
    return GLS_ROLE_ALIAS;
  /* Only the leading words of the entry's longer name ("lstm" of "LSTM
   * Anomaly", "rgcn" of "RGCN Sampling"): the entry is about a kind or a use
   * of it, so it is a topic tag, not what the entry defines. */
  if (leading_words_of (key, ev->title) || leading_words_of (key, ev->headword))
    return GLS_ROLE_TAG;
  if ((!english && (uses || partial)) || in_keys (ev->bold, key))
    return GLS_ROLE_MENTION;
  return GLS_ROLE_TAG;
}

/* key, read as words, is the words of two other names of the entry one
 * after the other ("rotary position embedding rope", "mixture of experts
 * (moe)"): a header item that only glues names together. Only names count
 * as parts: "risk assessment (legal)" glues a tag and a keyword, and is the
 * only name of its entry that says what it is. */
static gboolean
is_combination (GlsGlossary *self, const GlsEntry *entry, guint skip, const char *key)
{
  Words kw;
  split_words (key, &kw);
  if (kw.overflow || kw.n < 2)
    return FALSE;
  for (guint a = 0; a < entry->n_names; a++)
    {
      const GlsName *na = &g_array_index (self->names, GlsName, entry->first_name + a);
      if (a == skip || na->term == GLS_NO_TERM || na->role > GLS_ROLE_ALIAS)
        continue;
      Words aw;
      split_words (self->pool->str + g_array_index (self->terms, GlsTerm, na->term).key, &aw);
      if (aw.overflow || aw.n >= kw.n)
        continue;
      gboolean prefix = TRUE;
      for (guint i = 0; i < aw.n && prefix; i++)
        prefix = word_eq (&aw, i, &kw, i);
      if (!prefix)
        continue;
      for (guint b = 0; b < entry->n_names; b++)
        {
          const GlsName *nb = &g_array_index (self->names, GlsName, entry->first_name + b);
          if (b == skip || b == a || nb->term == GLS_NO_TERM || nb->role > GLS_ROLE_ALIAS)
            continue;
          Words bw;
          split_words (self->pool->str + g_array_index (self->terms, GlsTerm, nb->term).key, &bw);
          gboolean rest = !bw.overflow && aw.n + bw.n == kw.n;
          for (guint i = 0; i < bw.n && rest; i++)
            rest = word_eq (&bw, i, &kw, aw.n + i);
          if (rest)
            return TRUE;
        }
    }
  return FALSE;
}

/* Names that glue two others together become tags; a term all of whose
 * names do is GLS_TERM_COMBINED (never offered by completion). */
static void
mark_combinations (GlsGlossary *self)
{
  g_autofree guint32 *names = g_new0 (guint32, MAX (self->terms->len, 1));
  g_autofree guint32 *combined = g_new0 (guint32, MAX (self->terms->len, 1));

  for (guint e = 0; e < self->entries->len; e++)
    {
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, e);
      /* Bounded work per entry: a header of hundreds of items is not worth
       * a quadratic search. */
      if (entry->n_names < 3 || entry->n_names > 32)
        continue;
      for (guint i = 0; i < entry->n_items; i++)
        {
          GlsName *name = &g_array_index (self->names, GlsName, entry->first_name + i);
          if (name->term == GLS_NO_TERM ||
              !is_combination (self, entry, i, self->pool->str + g_array_index (self->terms, GlsTerm, name->term).key))
            continue;
          name->role = GLS_ROLE_TAG;
          combined[name->term]++;
        }
    }
  for (guint i = 0; i < self->names->len; i++)
    {
      const GlsName *name = &g_array_index (self->names, GlsName, i);
      if (name->term != GLS_NO_TERM)
        names[name->term]++;
    }
  for (guint t = 0; t < self->terms->len; t++)
    if (combined[t] > 0 && combined[t] == names[t])
      g_array_index (self->terms, GlsTerm, t).flags |= GLS_TERM_COMBINED;
}

/* The entry's body (after its title) has a passage that explains key. */
static gboolean
mention_explained (GlsGlossary *self, const GlsEntry *entry, const char *key)
{
  gsize len, start, end;
  gboolean explains = FALSE;
  const char *body = gls_glossary_slice (self, entry, entry->body, &len);
  gsize from = MIN (gls_glossary_title_end (entry), len);
  return gls_passage_find_explaining (body, len, from, key, &start, &end, &explains) && explains;
}

void
gls_roles_assign (GlsGlossary *self, const GlsWordlist *words)
{
  /* How many entries have each term as their headword. */
  g_autofree guint32 *headword_of = g_new0 (guint32, MAX (self->terms->len, 1));
  for (guint e = 0; e < self->entries->len; e++)
    {
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, e);
      const GlsName *headword = &g_array_index (self->names, GlsName, entry->first_name);
      if (entry->n_items > 0 && headword->role == GLS_ROLE_HEADWORD && headword->term != GLS_NO_TERM)
        headword_of[headword->term]++;
    }

  for (guint e = 0; e < self->entries->len; e++)
    {
      const GlsEntry *entry = &g_array_index (self->entries, GlsEntry, e);
      if (entry->n_items < 2)
        continue;
      Evidence ev;
      gboolean faq = FALSE;
      const GlsSource *source = g_ptr_array_index (self->sources, entry->source);
      gboolean declared = source->format != GLS_FORMAT_SEED;
      evidence_init (self, entry, &ev);
      GlsName *headword = &g_array_index (self->names, GlsName, entry->first_name);
      for (guint i = 1; i < entry->n_items; i++)
        {
          GlsName *name = &g_array_index (self->names, GlsName, entry->first_name + i);
          if (name->term == GLS_NO_TERM || name->role != GLS_ROLE_ALIAS)
            continue;
          const GlsTerm *term = &g_array_index (self->terms, GlsTerm, name->term);
          const char *key = self->pool->str + term->key;
          gboolean other = headword_of[name->term] > (headword->term == name->term ? 1u : 0u);
          faq |= is_question (key);
          /* Each scored item searches the body: past MAX_SCORED items a
           * header is a list of tags, and bounded work. */
          name->role = i < MAX_SCORED ? score_item (&ev, key, term, other, declared, words) : GLS_ROLE_TAG;
          /* A mention lights up only where the entry says what it is
           * (gls_passage_find_explaining); an entry that only lists it, or
           * heads a table with it, would show a hover that explains nothing. */
          if (name->role == GLS_ROLE_MENTION && !mention_explained (self, entry, key))
            name->role = GLS_ROLE_TAG;
        }
      /* A question among the items makes the entry a FAQ answer: its headword
       * is then a search keyword when it is ordinary English ("training"). */
      /* Not when the title is the headword's own name ("Query Planner",
       * "Raft Consensus Algorithm" for raft): that entry defines the word,
       * and the question is only a search phrase of it. */
      if (faq && headword->role == GLS_ROLE_HEADWORD && headword->term != GLS_NO_TERM &&
          all_english (words, self->pool->str + g_array_index (self->terms, GlsTerm, headword->term).key) &&
          strcmp (ev.headword, ev.title) != 0 && !leading_words_of (ev.headword, ev.title))
        headword->role = GLS_ROLE_TAG;
      evidence_clear (&ev);
    }
  mark_combinations (self);
}

/* ------------------------------------------------------------- passages */

