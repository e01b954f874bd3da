/* mentions.c — every term mention the server would light up in a corpus, with
 * the entry its hover shows first: the material to judge answer precision by
 * hand (BENCHMARKS.md, "Answer precision on real prose").
 *
 *   gls-mentions [OPTIONS] PATH...
 *     --root DIR             print paths relative to DIR (and sample by them)
 *     --files-from FILE|-    more paths, one per line
 *     --config FILE          a .glossary-ls.json (its glossaries, as lint loads them)
 *     --glossary PATH        a glossary file or directory (repeatable)
 *     --no-default-glossary  leave out the embedded seeds
 *     --sample N --seed S    only a reproducible random sample of N mentions
 *     --summary              counts and the most frequent terms instead of a list
 *     --top K                terms in the summary (default 40)
 *     --context-words W      words of context around a mention (default 30)
 *     --hover-chars C        characters of the plaintext hover to print (default 160; 0: none)
 *     --names                which headwords, title names and acronyms light up (no PATH needed)
 *     --names-list           --names, and list the ones that stay dark
 *
 * A PATH is a file or a directory, walked recursively (hidden entries skipped,
 * files whose language gls_prose_language_id_for_path does not know skipped,
 * sorted by path). Each file goes through the same prose extraction (text/prose.h)
 * and matcher (analysis/matcher.h) as an open document in the server, so a
 * mention here is a word that gets a hover there; the hover text is
 * term_markup.h's, as hover.c produces it.
 *
 * Output (list and sample): a header line, then one tab-separated line per
 * mention, in file order:
 *   id       16 hex digits: a hash of (seed, relative path, byte offset)
 *   place    path:line:column (column in characters, 1-based)
 *   matched  the document's text of the hit
 *   term     the term's canonical spelling
 *   via      the role of the term's name in the entry shown first: headword,
 *            title, alias or keyword
 *   entry    that entry's title (its headword when it has none)
 *   defined  the entry's file:line
 *   entries  how many entries name the term (the hover lists the others)
 *   context  the sentence around the mention, the match in [[ ]], at most W words
 *   hover    the start of the plaintext hover, line breaks as " / "
 *
 * The sample is the N mentions with the smallest ids (a bottom-N sample of a
 * seeded hash), so a rerun after the engine changed keeps every sampled
 * mention that still exists, with the same id, and only replaces those that
 * disappeared: diff two samples by id or place. Paths should be given below
 * the same --root for the ids to agree.
 *
 * Names (--names): whether each headword, title name ("X" and "Y" of a title
 * "X (Y)") and acronym (a name of one word with two or more capitals, in any
 * role: LoRA, RLHF, MoE) of the glossary lights up when written alone in a
 * paragraph, spelled as the hover spells it (its canonical spelling; a title
 * name as the title writes it): the count of names a change of the matching
 * rules must not lose. Each counts once per normalized key.
 *
 * Counts (stderr, and the summary): files, prose words (runs of ASCII letters
 * and digits in matchable spans, as gls-precision counts them), mentions,
 * distinct terms and entries, mentions by role. The corpus stays outside the
 * repository (bench/corpus/build-corpus.sh builds one).
 *
 * Failure: an unreadable file or one the prose parser rejects is reported on
 * stderr and skipped; empty files, files with a NUL byte and files over 2 GiB
 * are counted but not read. One thread; everything is held in memory (a few
 * hundred bytes per mention).
 *
 * When the engine decides per hit what a hover shows (a tag's "mentioned in"
 * hover, issue 10), the two places to follow it are hover_start (the hover
 * text) and format_mention (the entry shown first: the term's first ref).
 */
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "corpus_text.h"
#include "analysis/config.h"
#include "glossary/glossary_load.h"
#include "analysis/matcher.h"
#include "server/features/term_markup.h"
#include "text/prose.h"

typedef struct
{
  guint64 id;
  guint32 file;      /* index into Run.paths */
  guint32 start;
  guint32 term;
  char   *line;      /* the formatted output line, without id */
} Mention;

typedef struct
{
  const GlsGlossary *glossary;
  GlsMatchIndex     *index;
  const char        *root;
  guint64            seed;
  guint              context_words;
  guint              hover_chars;
  GPtrArray         *paths;     /* relative paths as printed */
  GArray            *mentions;  /* Mention */
  GHashTable        *hovers;    /* (name shown << 32 | term) -> formatted hover start */
  char              *cwd;       /* glossary paths are printed relative to it */
  guint              files;
  guint64            words;
  guint64            bytes;
} Run;

static void
mention_clear (gpointer p)
{
  g_free (((Mention *) p)->line);
}

/* GlsRole as printed (glossary.h). */
static const char *
role_name (guint role)
{
  g_assert (role <= GLS_ROLE_LAST);
  return gls_role_to_string (role);
}

/* FNV-1a over the bytes, then a splitmix64 finalizer with the seed and offset:
 * stable across runs, machines and engine versions. */
static guint64
mention_id (guint64 seed, const char *path, guint32 offset)
{
  guint64 h = 0xcbf29ce484222325ULL;
  for (const char *c = path; *c != '\0'; c++)
    h = (h ^ (guchar) *c) * 0x100000001b3ULL;
  guint64 z = h ^ (seed * 0x9e3779b97f4a7c15ULL) ^ ((guint64) offset << 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Appends text[0..len) with every run of white space (line ends included)
 * as one space, and tabs never printed: the output is one TSV field. */
static void
append_flat (GString *out, const char *text, gsize len)
{
  gboolean space = out->len > 0 && out->str[out->len - 1] == ' ';
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isspace (text[i]))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
        }
      else
        {
          g_string_append_c (out, text[i]);
          space = FALSE;
        }
    }
}

static gboolean
ends_sentence (const char *text, guint32 at, guint32 end)
{
  /* text[at] is . ! or ? followed by white space (or the span's end). */
  return (text[at] == '.' || text[at] == '!' || text[at] == '?') &&
         (at + 1 >= end || g_ascii_isspace (text[at + 1]));
}

static gboolean
blank_line_at (const char *text, guint32 at, guint32 end)
{
  return text[at] == '\n' && at + 1 < end && (text[at + 1] == '\n' ||
                                               (text[at + 1] == '\r' && at + 2 < end && text[at + 2] == '\n'));
}

/* The sentence around [start, end) inside span [lo, hi), the match marked,
 * at most max_words words (a window around the match, "…" where cut). */
static char *
sentence_around (const char *text, guint32 lo, guint32 hi, guint32 start, guint32 end, guint max_words)
{
  guint32 s = start, e = end;
  while (s > lo && !ends_sentence (text, s - 1, hi) && !blank_line_at (text, s - 1, hi))
    s--;
  while (e < hi && !ends_sentence (text, e, hi) && !blank_line_at (text, e, hi))
    e++;
  if (e < hi && text[e] != '\n')
    e++;  /* keep the full stop */

  g_autoptr (GString) before = g_string_new (NULL);
  g_autoptr (GString) after = g_string_new (NULL);
  g_autoptr (GString) match = g_string_new (NULL);
  append_flat (before, text + s, start - s);
  append_flat (match, text + start, end - start);
  append_flat (after, text + end, e - end);
  g_auto (GStrv) bw = g_strsplit_set (g_strstrip (before->str), " ", -1);
  g_auto (GStrv) aw = g_strsplit_set (g_strstrip (after->str), " ", -1);
  guint nb = g_strv_length (bw), na = g_strv_length (aw);
  guint nm = 1;
  for (const char *c = g_strstrip (match->str); *c != '\0'; c++)
    nm += *c == ' ';
  guint budget = max_words > nm ? max_words - nm : 0;
  /* Split the budget evenly; a side that needs less gives the rest away. */
  guint kb = MIN (nb, budget / 2), ka = MIN (na, budget - kb);
  kb = MIN (nb, budget - ka);

  GString *out = g_string_new (NULL);
  if (kb < nb)
    g_string_append (out, "… ");
  /* A word attached to the match ("post-training", "(LoRA") stays attached. */
  gboolean glued = start > s && !g_ascii_isspace (text[start - 1]);
  for (guint i = nb - kb; i < nb; i++)
    g_string_append_printf (out, i + 1 == nb && glued ? "%s" : "%s ", bw[i]);
  g_string_append_printf (out, "[[%s]]", match->str);
  /* An attached suffix ("LoRA's", "model,") stays attached. */
  gboolean attached = end < hi && !g_ascii_isspace (text[end]);
  for (guint i = 0; i < ka; i++)
    g_string_append_printf (out, i == 0 && attached ? "%s" : " %s", aw[i]);
  if (ka < na)
    g_string_append (out, " …");
  return g_string_free (out, FALSE);
}

static const char *
hover_start (Run *run, guint32 term, const GlsSense *sense)
{
  /* One hover per term and entry shown first (the context may choose). */
  guint64 cache_key = ((guint64) sense->name << 32) | term;
  const char *cached = g_hash_table_lookup (run->hovers, &cache_key);
  if (cached != NULL)
    return cached;
  GlsTermMarkupOptions options = { .kind = GLS_MARKUP_PLAINTEXT, .sense = sense };
  g_autofree char *hover = gls_term_markup (run->glossary, term, &options);
  g_autoptr (GString) out = g_string_new (NULL);
  /* Line breaks as " / " so the reader still sees where the heading ends;
   * whole characters only (the hover is valid UTF-8), hover_chars of them. */
  guint chars = 0;
  for (const char *c = hover; *c != '\0' && chars < run->hover_chars; c = g_utf8_next_char (c), chars++)
    {
      if (*c == '\n')
        {
          while (c[1] == '\n')
            c++;
          g_string_append (out, " / ");
        }
      else if (*c == '\t' || *c == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, c, g_utf8_next_char (c) - c);
    }
  char *s = g_string_free (g_steal_pointer (&out), FALSE);
  g_hash_table_insert (run->hovers, g_memdup2 (&cache_key, sizeof cache_key), s);
  return s;
}

static const char *
relative (const char *root, const char *path)
{
  gsize n = root != NULL ? strlen (root) : 0;
  while (n > 0 && root[n - 1] == '/')
    n--;
  if (n > 0 && strncmp (path, root, n) == 0 && path[n] == '/')
    return path + n + 1;
  return path;
}

static char *
entry_title (const GlsGlossary *g, const GlsEntry *entry)
{
  if (entry->title.len > 0)
    return gls_glossary_slice_dup (g, entry, entry->title);
  const GlsName *head = gls_glossary_name (g, entry->first_name);
  return gls_glossary_slice_dup (g, entry, head->text);
}

static char *
format_mention (Run *run, const char *text, const GlsProseSpan *span, const GlsHit *hit,
                const char *path, guint line, guint column)
{
  const GlsGlossary *g = run->glossary;
  const GlsTerm *term = gls_glossary_term (g, hit->term);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s:%u:%u\t", path, line, column);
  append_flat (out, text + hit->start, hit->end - hit->start);
  g_string_append_printf (out, "\t%s\t", gls_glossary_term_canonical (g, term));
  /* The entry shown first, as the server chooses it for this mention
   * (sense.h: by the words around it in the file). */
  GlsSense sense = { 0 };
  if (gls_sense_choose (g, hit->term, text, strlen (text), hit->start, hit->end, &sense))
    {
      const GlsName *best = gls_glossary_name (g, sense.name);
      const GlsEntry *entry = gls_glossary_entry (g, sense.entry);
      const GlsSource *source = gls_glossary_source (g, entry->source);
      g_autofree char *title = entry_title (g, entry);
      g_string_append_printf (out, "%s\t", role_name (best->role));
      append_flat (out, title, strlen (title));
      g_string_append_printf (out, "\t%s:%u\t%u", relative (run->cwd, source->display_path), entry->line,
                              term->n_refs);
    }
  else
    g_string_append (out, "-\t-\t-\t0");
  g_autofree char *context = sentence_around (text, span->start, span->end, hit->start, hit->end,
                                              run->context_words);
  g_string_append_printf (out, "\t%s", context);
  if (run->hover_chars > 0)
    g_string_append_printf (out, "\t%s", hover_start (run, hit->term, &sense));
  return g_string_free (out, FALSE);
}

static void
scan_file (Run *run, const char *full, const char *rel)
{
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (full, &text, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  run->files++;
  if (len == 0 || len > G_MAXUINT32 / 2 || memchr (text, '\0', len) != NULL)
    return;
  g_autoptr (GlsProse) prose = gls_prose_new (gls_prose_language_id_for_path (full));
  if (!gls_prose_parse (prose, text, len, NULL, &error))
    {
      g_printerr ("%s: %s\n", full, error->message);
      return;
    }
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (prose, 0, (guint32) len, spans);
  const GlsProseSpan *sp = (const GlsProseSpan *) (gpointer) spans->data;
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  gls_matcher_find_indexed (run->index, text, len, sp, spans->len, hits);

  guint32 file = run->paths->len;
  g_ptr_array_add (run->paths, g_strdup (rel));
  run->words += bench_count_words (text, sp, spans->len);
  run->bytes += len;

  guint line = 1;
  guint32 line_start = 0, at = 0, k = 0;
  for (guint i = 0; i < hits->len; i++)
    {
      const GlsHit *h = &g_array_index (hits, GlsHit, i);
      for (; at < h->start; at++)
        if (text[at] == '\n')
          line++, line_start = at + 1;
      while (k + 1 < spans->len && sp[k].end <= h->start)
        k++;
      g_assert (sp[k].start <= h->start && h->end <= sp[k].end);
      guint column = (guint) g_utf8_strlen (text + line_start, h->start - line_start) + 1;
      Mention m = { mention_id (run->seed, rel, h->start), file, h->start, h->term,
                    format_mention (run, text, &sp[k], h, rel, line, column) };
      g_array_append_val (run->mentions, m);
    }
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Files under dir, recursively, sorted, hidden entries and unknown languages skipped. */
static void
collect (const char *path, GPtrArray *out)
{
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (out, g_strdup (path));
      return;
    }
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect (child, out);
      else if (strcmp (gls_prose_language_id_for_path (child), "plaintext") != 0)
        g_ptr_array_add (out, g_steal_pointer (&child));
    }
}

static void
read_list (const char *list, GPtrArray *out)
{
  g_auto (GStrv) lines = bench_read_list (list);
  for (char **l = lines; *l != NULL; l++)
    collect (*l, out);
}

static int
by_id (gconstpointer a, gconstpointer b)
{
  const Mention *x = a, *y = b;
  return x->id < y->id ? -1 : x->id > y->id;
}

static int
by_place (gconstpointer a, gconstpointer b)
{
  const Mention *x = a, *y = b;
  if (x->file != y->file)
    return x->file < y->file ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static int
by_count (gconstpointer a, gconstpointer b, gpointer counts)
{
  guint ca = ((guint *) counts)[*(const guint32 *) a], cb = ((guint *) counts)[*(const guint32 *) b];
  if (ca != cb)
    return ca > cb ? -1 : 1;
  return *(const guint32 *) a < *(const guint32 *) b ? -1 : 1;
}

static void
print_summary (Run *run, guint top)
{
  const GlsGlossary *g = run->glossary;
  guint n_terms = gls_glossary_n_terms (g);
  g_autofree guint *counts = g_new0 (guint, n_terms);
  g_autoptr (GHashTable) entries = g_hash_table_new (NULL, NULL);
  guint by_role[GLS_ROLE_LAST + 1] = { 0 };
  g_autoptr (GArray) distinct = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < run->mentions->len; i++)
    {
      const Mention *m = &g_array_index (run->mentions, Mention, i);
      const GlsTerm *term = gls_glossary_term (g, m->term);
      if (counts[m->term]++ == 0)
        g_array_append_val (distinct, m->term);
      if (term->n_refs > 0)
        {
          const GlsName *best = gls_glossary_term_ref (g, term, 0);
          by_role[best->role]++;
          g_hash_table_add (entries, GUINT_TO_POINTER (best->entry + 1));
        }
    }
  printf ("files\t%u\nbytes\t%" G_GUINT64_FORMAT "\nprose words\t%" G_GUINT64_FORMAT
          "\nmentions\t%u\nper 10,000 words\t%.1f\ndistinct terms\t%u\ndistinct entries shown\t%u\n",
          run->files, run->bytes, run->words, run->mentions->len,
          run->words > 0 ? run->mentions->len * 10000.0 / run->words : 0.0, distinct->len,
          g_hash_table_size (entries));
  for (guint r = 0; r <= GLS_ROLE_LAST; r++)
    printf ("via %s\t%u\n", role_name (r), by_role[r]);
  g_array_sort_with_data (distinct, by_count, counts);
  printf ("\nmentions\tterm\tvia\tentry shown first\tdefined\tentries\n");
  for (guint i = 0; i < distinct->len && i < top; i++)
    {
      guint32 t = g_array_index (distinct, guint32, i);
      const GlsTerm *term = gls_glossary_term (g, t);
      printf ("%u\t%s\t", counts[t], gls_glossary_term_canonical (g, term));
      if (term->n_refs == 0)
        {
          printf ("-\t-\t-\t0\n");
          continue;
        }
      const GlsName *best = gls_glossary_term_ref (g, term, 0);
      const GlsEntry *entry = gls_glossary_entry (g, best->entry);
      g_autofree char *title = entry_title (g, entry);
      g_autoptr (GString) flat = g_string_new (NULL);
      append_flat (flat, title, strlen (title));
      printf ("%s\t%s\t%s:%u\t%u\n", role_name (best->role),
              flat->str, relative (run->cwd, gls_glossary_source (g, entry->source)->display_path), entry->line,
              term->n_refs);
    }
}

/* --names: see the header. */
enum { NAME_HEADWORD, NAME_TITLE, NAME_ACRONYM, N_NAME_KINDS };
static const char *const name_kinds[] = { "headword", "title name", "acronym" };

static gboolean
is_acronym (const char *text)
{
  guint upper = 0;
  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_ascii_isspace (*c))
        return FALSE;
      upper += g_ascii_isupper (*c) != 0;
    }
  return upper >= 2;
}

/* TRUE if text, alone in a paragraph, is one mention from its start to its end. */
static gboolean
lights_up (const GlsMatchIndex *index, const char *text)
{
  gsize len = strlen (text);
  GlsProseSpan span = { 0, (guint32) len, GLS_PROSE_TEXT };
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (GlsHit));
  gls_matcher_find_indexed (index, text, len, &span, 1, hits);
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, GlsHit, i).start == 0 && g_array_index (hits, GlsHit, i).end == len)
      return TRUE;
  return FALSE;
}

static void
print_names (Run *run, gboolean list)
{
  const GlsGlossary *g = run->glossary;
  GHashTable *seen[N_NAME_KINDS];
  guint total[N_NAME_KINDS] = { 0 }, lit[N_NAME_KINDS] = { 0 };

  for (guint k = 0; k < N_NAME_KINDS; k++)
    seen[k] = g_hash_table_new (NULL, NULL);
  for (guint e = 0; e < gls_glossary_n_entries (g); e++)
    {
      const GlsEntry *entry = gls_glossary_entry (g, e);
      for (guint i = 0; i < entry->n_names; i++)
        {
          const GlsName *name = gls_glossary_name (g, entry->first_name + i);
          if (name->term == GLS_NO_TERM || name->term >= gls_glossary_n_terms (g))
            continue;
          const GlsTerm *term = gls_glossary_term (g, name->term);
          g_autofree char *text = name->role == GLS_ROLE_TITLE
                                    ? gls_glossary_slice_dup (g, entry, name->text)
                                    : g_strdup (gls_glossary_term_canonical (g, term));
          /* The headword is the first header item, whatever role the
           * evidence gave it (an FAQ's "training" is a tag). */
          gboolean kinds[N_NAME_KINDS] = { i == 0 && entry->n_items > 0, name->role == GLS_ROLE_TITLE,
                                           is_acronym (text) };
          int on = -1;  /* not matched yet */
          for (guint k = 0; k < N_NAME_KINDS; k++)
            {
              if (!kinds[k] || !g_hash_table_add (seen[k], GUINT_TO_POINTER (name->term + 1)))
                continue;
              if (on == -1)
                on = lights_up (run->index, text);
              total[k]++;
              lit[k] += on;
              if (!on && list)
                printf ("dark\t%s\t%s\t%s:%u\n", name_kinds[k], text,
                        relative (run->cwd, gls_glossary_source (g, entry->source)->display_path),
                        entry->line);
            }
        }
    }
  for (guint k = 0; k < N_NAME_KINDS; k++)
    {
      printf ("%s\t%u distinct\t%u light up\t%u dark\n", name_kinds[k], total[k], lit[k], total[k] - lit[k]);
      g_hash_table_unref (seen[k]);
    }
}

/* The glossaries: config_path's (may be NULL) as lint loads them, plus
 * paths (may be NULL); issues go to stderr. NULL with *error set when the
 * configuration cannot be read. */
static GlsGlossary *
load_glossary (const char *config_path, const char *const *paths, gboolean no_default, GError **error)
{
  g_autoptr (GlsRuleConfig) config = gls_rule_config_new ();
  if (config_path != NULL && !gls_rule_config_merge_file (config, config_path, NULL, error))
    return NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *const *from_config = gls_rule_config_glossaries (config);
  for (guint i = 0; from_config != NULL && from_config[i] != NULL; i++)
    g_strv_builder_add (builder, from_config[i]);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_strv_builder_add (builder, paths[i]);
  g_auto (GStrv) all = g_strv_builder_end (builder);
  GlsGlossaryOptions load = { no_default || !gls_rule_config_default_glossary (config),
                              (const char *const *) all };
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  GlsGlossary *glossary = gls_glossary_load (&load, issues);
  for (guint i = 0; i < issues->len; i++)
    {
      g_autofree char *message = gls_issue_format (issues->pdata[i]);
      g_printerr ("glossary: %s\n", message);
    }
  return glossary;
}

/* The list, or with sample >= 0 the sample (see the header), in file order. */
static void
print_list (Run *run, gint sample)
{
  if (sample >= 0 && (guint) sample < run->mentions->len)
    {
      g_array_sort (run->mentions, by_id);
      g_array_set_size (run->mentions, (guint) sample);
      g_array_sort (run->mentions, by_place);
    }
  printf ("id\tplace\tmatched\tterm\tvia\tentry\tdefined\tentries\tcontext%s\n",
          run->hover_chars > 0 ? "\thover" : "");
  for (guint i = 0; i < run->mentions->len; i++)
    {
      const Mention *m = &g_array_index (run->mentions, Mention, i);
      printf ("%016" G_GINT64_MODIFIER "x\t%s\n", m->id, m->line);
    }
}

int
main (int argc, char **argv)
{
  gboolean summary = FALSE, no_default = FALSE, names = FALSE, names_list = FALSE;
  gint sample = -1, top = 40, context_words = 30, hover_chars = 160;
  gint64 seed = 1;
  g_autofree char *root = NULL, *files_from = NULL, *config_path = NULL;
  g_auto (GStrv) paths = NULL, glossaries = NULL;
  GOptionEntry options[] = {
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &root, "print paths relative to DIR", "DIR" },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &files_from, "read paths, one per line (- for stdin)", "FILE" },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path, "a .glossary-ls.json to apply", "FILE" },
    { "glossary", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &glossaries, "a glossary file or directory (repeatable)", "PATH" },
    { "no-default-glossary", 0, 0, G_OPTION_ARG_NONE, &no_default, "leave out the embedded seeds", NULL },
    { "sample", 0, 0, G_OPTION_ARG_INT, &sample, "print a random sample of N mentions", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "seed of the sample and ids (default 1)", "S" },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary, "counts and top terms instead of a list", NULL },
    { "names", 0, 0, G_OPTION_ARG_NONE, &names, "which headwords, title names, acronyms light up", NULL },
    { "names-list", 0, 0, G_OPTION_ARG_NONE, &names_list, "--names, listing the dark ones", NULL },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, "terms in the summary (default 40)", "K" },
    { "context-words", 0, 0, G_OPTION_ARG_INT, &context_words, "words of context (default 30)", "W" },
    { "hover-chars", 0, 0, G_OPTION_ARG_INT, &hover_chars, "characters of hover text (default 160, 0: none)", "C" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, "PATH..." },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- term mentions in a corpus, with the entry shown");
  g_autoptr (GError) error = NULL;
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (top < 0 || context_words < 1 || hover_chars < 0)
    {
      g_printerr ("--top, --context-words and --hover-chars must be positive\n");
      return 2;
    }

  g_autoptr (GlsGlossary) glossary = load_glossary (config_path, (const char *const *) glossaries,
                                                    no_default, &error);
  if (glossary == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  Run run = { glossary, gls_match_index_new (glossary), root, (guint64) seed, (guint) context_words,
              (guint) hover_chars, g_ptr_array_new_with_free_func (g_free),
              g_array_new (FALSE, FALSE, sizeof (Mention)),
              g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free), g_get_current_dir (), 0, 0, 0 };
  g_array_set_clear_func (run.mentions, mention_clear);

  if (names || names_list)
    print_names (&run, names_list);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  if (files_from != NULL)
    read_list (files_from, files);
  for (char **p = paths; p != NULL && *p != NULL; p++)
    collect (*p, files);
  for (guint i = 0; i < files->len; i++)
    scan_file (&run, files->pdata[i], relative (root, files->pdata[i]));

  g_printerr ("files %u, %" G_GUINT64_FORMAT " prose words, %u mentions (seed %" G_GINT64_FORMAT ")\n",
              run.files, run.words, run.mentions->len, seed);
  if ((names || names_list) && files->len == 0)
    ;  /* only the names were asked for */
  else if (summary)
    print_summary (&run, (guint) top);
  else
    print_list (&run, sample);
  g_array_unref (run.mentions);
  g_ptr_array_unref (run.paths);
  g_hash_table_unref (run.hovers);
  gls_match_index_unref (run.index);
  g_free (run.cwd);
  return 0;
}
