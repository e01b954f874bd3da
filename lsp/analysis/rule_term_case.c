/* rule_term_case.c — the term-case rule.
 *
 * Precision comes before recall: every exclusion
 * below removed false findings measured on real documentation and code
 * (bench/precision.c; the numbers are in the commit history).
 *   term-case        a hit of a term whose canonical spelling has irregular
 *                    capitals (LoRA, PyTorch, vLLM, BF16) where a word the
 *                    canonical writes irregularly is written in another
 *                    regular casing: Capitalized ("Lora", "Pytorch", "Bf16",
 *                    "Vllm"), ALL CAPS ("LORA") or, in Markdown prose only,
 *                    all lowercase ("lora", "vllm"). Plural and possessive
 *                    endings keep their own letters ("Loras" -> "LoRAs"). The
 *                    finding covers the miscased words only ("Lora" of "Lora
 *                    adapter"). Not flagged:
 *                      - words the canonical writes regularly (any case is
 *                        fine: "Rotary Position Embedding", "TOOLFORMER");
 *                      - a word glued to a suffix, path or option ("Llm.cs",
 *                        "vllm/", "--use-vllm", "control-lora") or quoted
 *                        ("LORA" as a value);
 *                      - lowercase renderings that are English words ("rag"),
 *                        end in a digit ("bf16"), are part of a longer hit, or
 *                        stand in code comments, docstrings or link texts
 *                        (the code's identifiers, the linked repository);
 *                      - other mixed-case spellings ("LoRa" is the radio);
 *                      - Capitalized ordinary English ("Dry", "Llama"), as the
 *                        matcher treats "Rope";
 *                      - a Capitalized word in a proper name ("Bert Belder",
 *                        "GNU Moe", "Qwen3.5 Moe": see gls_rule_in_proper_name
 *                        in rule_context.h), before a coined mixed-case word
 *                        ("Lora beYond Conventional"), or a known place or
 *                        person where the term is an acronym ("Rome", ROME)
 *                        unless its span (paragraph, comment) gives the
 *                        entry's category or another of its names ("Rome, a
 *                        model editing method");
 *                      - ALL CAPS next to ALL CAPS ordinary words (a shouted
 *                        heading: "FINE-TUNING WITH LORA").
 *                    One replacement; fixable except for lowercase renderings
 *                    (a package or command may be meant).
 */
#include "analysis/rule_term_case.h"

#include <string.h>

#include "glossary/casing.h"
#include "glossary/normalize.h"

typedef enum
{
  SHAPE_LOWER,        /* no capitals: "lora", "bf16" */
  SHAPE_CAPITALIZED,  /* only the first letter: "Lora", "Bf16" */
  SHAPE_UPPER,        /* every letter, at least two: "LORA", "BF16" */
  SHAPE_MIXED,        /* anything else: "LoRa", "pyTorch" */
} Shape;

static Shape
shape_of (const char *s, gsize n)
{
  guint letters = 0, upper = 0;
  gboolean first_upper = FALSE;
  for (gsize i = 0; i < n; i++)
    if (g_ascii_isalpha (s[i]))
      {
        if (g_ascii_isupper (s[i]))
          {
            if (letters == 0)
              first_upper = TRUE;
            upper++;
          }
        letters++;
      }
  if (upper == 0)
    return SHAPE_LOWER;
  if (upper == letters && letters >= 2)
    return SHAPE_UPPER;
  if (upper == 1 && first_upper)
    return SHAPE_CAPITALIZED;
  return SHAPE_MIXED;
}

static gboolean
is_english (const GlsWordlist *words, const char *s, gsize n)
{
  return gls_wordlist_contains (words, s, n);
}

/* Is the ALL CAPS word at text[start..end) part of a run of ALL CAPS ordinary
 * words ("FINE-TUNING WITH LORA")? Then capitals are the style of the line,
 * not the spelling of the term. Looks at the nearest word on each side within
 * the line. */
static gboolean
in_shouted_run (const GlsWordlist *words, const char *text, gsize len, gsize start, gsize end)
{
  /* before */
  gsize p = start;
  while (p > 0 && text[p - 1] != '\n' && !g_ascii_isalpha (text[p - 1]))
    p--;
  gsize we = p;
  while (p > 0 && g_ascii_isalpha (text[p - 1]))
    p--;
  if (we - p >= 2 && shape_of (text + p, we - p) == SHAPE_UPPER && is_english (words, text + p, we - p))
    return TRUE;
  /* after */
  p = end;
  while (p < len && text[p] != '\n' && !g_ascii_isalpha (text[p]))
    p++;
  gsize ws = p;
  while (p < len && g_ascii_isalpha (text[p]))
    p++;
  return p - ws >= 2 && shape_of (text + ws, p - ws) == SHAPE_UPPER && is_english (words, text + ws, p - ws);
}

/* Is the word at text[start..end) glued to a file or package suffix or a
 * path ("Llm.cs", "lora/", "vllm_config", "@vllm")? Then it is a name. */
static gboolean
is_glued (const char *text, gsize len, gsize start, gsize end)
{
  char prev = start > 0 ? text[start - 1] : ' ';
  char next = end < len ? text[end] : ' ';
  char after = end + 1 < len ? text[end + 1] : ' ';
  if (strchr ("_./\\=@$#~&%^:<-", prev) != NULL && prev != '\0')
    return TRUE;
  if (strchr ("_/\\=(@$#&%^[{<>", next) != NULL && next != '\0')
    return TRUE;
  return (next == '.' || next == ':' || next == '-') && g_ascii_isalnum (after);
}

/* Is the word after text[end] a coined name with irregular capitals that
 * is no term word ("Lora beYond Conventional", the expansion of LyCORIS)?
 * Then the Capitalized word before it belongs to that name. */
static gboolean
before_coined_word (const GlsRuleIndex *an, const char *text, gsize len, gsize end)
{
  if (end + 1 >= len || text[end] != ' ')
    return FALSE;
  gsize s = end + 1, e = s;
  guint inner = 0;
  for (; e < len && g_ascii_isalpha (text[e]); e++)
    inner += e > s && g_ascii_isupper (text[e]);
  if (e - s < 2 || e - s > 64 || inner == 0 || g_ascii_isupper (text[s]))
    return FALSE;
  char lower[65];
  for (gsize i = s; i < e; i++)
    lower[i - s] = g_ascii_tolower (text[i]);
  return !gls_trie_lookup (an->term_words, lower, e - s, NULL);
}

typedef struct
{
  gsize       start;  /* in the surface */
  gsize       end;
  const char *stem;   /* the canonical letters, k bytes */
  gsize       k;
} Fix;

/* Is the word at text[start..end) quoted ("lora", `vllm`, 'lora')? Then it
 * is a value or a name, not prose. */
static gboolean
is_quoted (const char *text, gsize len, gsize start, gsize end)
{
  char prev = start > 0 ? text[start - 1] : ' ';
  char next = end < len ? text[end] : ' ';
  return prev == next && (prev == '"' || prev == '\'' || prev == '`');
}

/* One finding for the miscased words of hit (fixes, in order): from the
 * first to the last, with the canonical letters in their place. */
static void
report_fixes (const GlsRuleContext *ctx, const GlsHit *hit, const char *canonical, const GArray *fixes,
              gboolean lowercase_only)
{
  const char *surface = ctx->text + hit->start;
  gsize surface_len = hit->end - hit->start;
  const Fix *first = &g_array_index (fixes, Fix, 0);
  const Fix *last = &g_array_index (fixes, Fix, fixes->len - 1);
  g_autoptr (GString) replacement = g_string_new (NULL);
  gsize at = first->start;
  for (guint i = 0; i < fixes->len; i++)
    {
      const Fix *fix = &g_array_index (fixes, Fix, i);
      g_string_append_len (replacement, surface + at, (gssize) (fix->start - at));
      g_string_append_len (replacement, fix->stem, (gssize) fix->k);
      at = fix->start + fix->k;
    }
  g_string_append_len (replacement, surface + at, (gssize) (last->end - at));

  g_autofree char *written = g_strndup (surface + first->start, last->end - first->start);
  gboolean whole = first->start == 0 && last->end == surface_len;
  char *message = whole
    ? g_strdup_printf ("“%s” is written “%s” in the glossary", written, replacement->str)
    : g_strdup_printf ("“%s” is written “%s” in the glossary term “%s”", written, replacement->str, canonical);
  GlsFinding *f = gls_rule_add_finding (ctx, GLS_RULE_TERM_CASE, hit->start + (guint32) first->start,
                                        hit->start + (guint32) last->end, hit->term, message);
  g_ptr_array_add (f->replacements, g_string_free (g_steal_pointer (&replacement), FALSE));
  f->fixable = !lowercase_only;
}

/* Does normalized text hold key as whole words? A key of one ordinary
 * English word, or of fewer than 4 bytes, is too weak to count. */
static gboolean
mentions_key (const GlsRuleContext *ctx, const GString *text, const char *key)
{
  gsize n = strlen (key);
  if (n < 4 || (strchr (key, ' ') == NULL && gls_wordlist_contains (ctx->index->words, key, n)))
    return FALSE;
  for (const char *at = strstr (text->str, key); at != NULL; at = strstr (at + 1, key))
    {
      gsize p = (gsize) (at - text->str);
      if ((p == 0 || !g_ascii_isalnum (text->str[p - 1])) && (p + n == text->len || !g_ascii_isalnum (text->str[p + n])))
        return TRUE;
    }
  return FALSE;
}

/* Does the span around hit (its paragraph, comment, table row...) name
 * its term's entry another way: the entry's category or another of its
 * names ("model editing" beside "Rome" for ROME, whose category it is)?
 * Asked only for a place or a person's name; remembered per span and term
 * in memo (a document repeating "Rome" on one long line costs one pass). */
static gboolean
context_names_term (const GlsRuleContext *ctx, const GlsProseSpan *span, guint32 span_index, const GlsHit *hit,
                    GHashTable *memo)
{
  const GlsGlossary *glossary = ctx->glossary;
  const GlsTerm *term = gls_glossary_term (glossary, hit->term);
  if (span == NULL || term->n_refs == 0)
    return FALSE;
  gint64 key = ((gint64) span_index << 32) | hit->term;
  gpointer known = g_hash_table_lookup (memo, &key);
  if (known != NULL)
    return GPOINTER_TO_INT (known) == 2;

  const GlsEntry *entry = gls_glossary_entry (glossary, gls_glossary_term_ref (glossary, term, 0)->entry);
  g_autoptr (GString) text = g_string_new (NULL);
  gls_normalize (ctx->text + span->start, (gssize) (span->end - span->start), text, NULL);
  gboolean named = FALSE;
  gsize category_len = 0;
  const char *category_text = entry->category.len > 0
    ? gls_glossary_slice (glossary, entry, entry->category, &category_len)
    : NULL;
  if (category_text != NULL)
    {
      g_autofree char *category = gls_normalize_key (category_text, (gssize) category_len);
      named = mentions_key (ctx, text, category);
    }
  for (guint32 i = 0; i < entry->n_names && !named; i++)
    {
      const GlsName *name = gls_glossary_name (glossary, entry->first_name + i);
      named = name->term != GLS_NO_TERM && name->term != hit->term &&
              mentions_key (ctx, text, gls_glossary_term_key (glossary, gls_glossary_term (glossary, name->term)));
    }
  g_hash_table_insert (memo, g_memdup2 (&key, sizeof key), GINT_TO_POINTER (named ? 2 : 1));
  return named;
}

static void
check_hit (const GlsRuleContext *ctx, const GlsProseSpan *span, guint32 span_index, const GlsHit *hit,
           GString *ns, GArray *ms, GString *nc, GArray *mc, GArray *fixes, GHashTable *context_memo)
{
  GlsProseKind kind = span != NULL ? span->kind : GLS_PROSE_TEXT;
  const GlsGlossary *glossary = ctx->glossary;
  const GlsTerm *term = gls_glossary_term (glossary, hit->term);
  const char *canonical = gls_glossary_term_canonical (glossary, term);
  const char *surface = ctx->text + hit->start;
  gsize surface_len = hit->end - hit->start;

  g_string_truncate (ns, 0);
  g_string_truncate (nc, 0);
  gls_normalize (surface, (gssize) surface_len, ns, ms);
  gls_normalize (canonical, -1, nc, mc);
  if (strcmp (ns->str, nc->str) != 0)
    return;
  g_array_set_size (fixes, 0);
  gboolean lowercase_only = TRUE;

  for (gsize a = 0; a < ns->len;)
    {
      if (!g_ascii_isalnum (ns->str[a]) && (guchar) ns->str[a] < 0x80)
        {
          a++;
          continue;
        }
      gsize b = a;
      gboolean ascii = TRUE;
      for (; b < ns->len && (g_ascii_isalnum (ns->str[b]) || (guchar) ns->str[b] >= 0x80); b++)
        if ((guchar) ns->str[b] >= 0x80)
          ascii = FALSE;
      gsize k = b - a;
      gsize ss = g_array_index (ms, guint32, a), se = gls_normalize_source_end (ms, b);
      gsize cs = g_array_index (mc, guint32, a), ce = gls_normalize_source_end (mc, b);
      const char *s = surface + ss, *c = canonical + cs;
      a = b;

      /* Only ASCII words whose stem letters line up on both sides (not the
       * -ies of "Policies", whose stem ends in y). */
      if (!ascii || se - ss < k || ce - cs < k ||
          g_ascii_strncasecmp (s, ns->str + b - k, k) != 0 || g_ascii_strncasecmp (c, ns->str + b - k, k) != 0)
        continue;
      if (!gls_casing_is_irregular (c, k) || memcmp (s, c, k) == 0)
        continue;
      gsize ds = hit->start + ss, de = hit->start + se;
      if (is_glued (ctx->text, ctx->len, ds, de) || is_quoted (ctx->text, ctx->len, ds, de))
        continue;  /* "Llm.cs", "vllm/", "lora_alpha", a value: "LORA" */
      Shape shape = shape_of (s, k);
      switch (shape)
        {
        case SHAPE_LOWER:
          /* "lora", "vllm" in prose: a finding unless the word is English
           * ("rag") or the term has several words written lowercase. Not a
           * safe fix: a package or command name may be meant. */
          if (is_english (ctx->index->words, s, k) || surface_len != se - ss ||
              !g_ascii_isalpha (c[k - 1]) || k < 3)
            continue;
          /* Only in Markdown prose: in code comments and docstrings the
           * lowercase word is the code's identifier ("set lora scale"), in
           * a link's text the linked repository's name, in quotes a value. */
          if (kind != GLS_PROSE_TEXT && kind != GLS_PROSE_HEADING && kind != GLS_PROSE_TABLE)
            continue;
          break;
        case SHAPE_MIXED:
          /* A deliberate different spelling names something else (LoRa). */
          continue;
        case SHAPE_CAPITALIZED:
          if (is_english (ctx->index->words, s, k))
            continue;  /* "Dry", "Llama": ordinary English, as the matcher treats "Rope" */
          if (gls_rule_in_proper_name (ctx->index, ctx->text, ctx->len, ds, de) ||
              before_coined_word (ctx->index, ctx->text, ctx->len, de))
            continue;  /* "Bert Belder", "Lora beYond Conventional" */
          /* A place or a person the list of names knows ("Rome") is not an
           * acronym term written in lower case (ROME), unless the text
           * around it names the term's entry ("Rome, the model editing
           * method"). */
          if (shape_of (c, k) == SHAPE_UPPER && gls_wordlist_contains (ctx->index->names, s, k) &&
              !context_names_term (ctx, span, span_index, hit, context_memo))
            continue;
          break;
        case SHAPE_UPPER:
          if (in_shouted_run (ctx->index->words, ctx->text, ctx->len, hit->start + ss, hit->start + se))
            continue;
          break;
        }
      if (gls_rule_config_is_ignored (ctx->config, s, (gssize) (se - ss)))
        continue;
      Fix fix = { ss, se, c, k };
      g_array_append_val (fixes, fix);
      lowercase_only = lowercase_only && shape == SHAPE_LOWER;
    }
  if (fixes->len == 0 || gls_rule_config_is_ignored (ctx->config, surface, (gssize) surface_len))
    return;

  report_fixes (ctx, hit, canonical, fixes, lowercase_only);
}

void
gls_rule_term_case_run (const GlsRuleContext *ctx, const GlsProseSpan *spans, gsize n_spans,
                        const GlsHit *hits, gsize n_hits)
{
  gsize sp = 0;
  g_autoptr (GString) ns = g_string_new (NULL);
  g_autoptr (GString) nc = g_string_new (NULL);
  g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) mc = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) fixes = g_array_new (FALSE, FALSE, sizeof (Fix));
  g_autoptr (GHashTable) context_memo = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (gsize i = 0; i < n_hits; i++)
    {
      const GlsTerm *term = gls_glossary_term (ctx->glossary, hits[i].term);
      if (!(term->flags & GLS_TERM_IRREGULAR_CASE))
        continue;
      /* Hits are in document order, inside spans: walk both together. */
      while (sp + 1 < n_spans && spans[sp].end <= hits[i].start)
        sp++;
      check_hit (ctx, n_spans > 0 ? &spans[sp] : NULL, (guint32) sp, &hits[i], ns, ms, nc, mc, fixes, context_memo);
    }
}
