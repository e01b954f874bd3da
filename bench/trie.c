/* bench/trie.c — build cost, size and query speed of the glossary trie.
 *
 * Not a test: it prints numbers and asserts nothing. Keys are synthetic but
 * term-like: 1-5 words (mostly 2-3) drawn with a skewed distribution from a
 * generated vocabulary of syllable words, a few capitalized, plural or
 * accented, all passed through gls_normalize_key() as the loader would.
 * Every figure is the median of several runs.
 *
 *   bench-trie            100k and 1M keys
 *   bench-trie --quick    100k keys, fewer runs (a smoke run)
 *   bench-trie --wall     time with the wall clock instead of CPU time
 *
 * By default times are the CPU time (user + system) of the benchmark thread,
 * which a busy shared machine distorts less than the wall clock; cache
 * and memory contention from other processes still shows.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "glossary/normalize.h"
#include "glossary/trie.h"

static const char *syllables[] = {
  "ra", "to", "ken", "mo", "del", "li", "near", "tion", "em", "bed", "ding", "gra",
  "di", "ent", "la", "tent", "dif", "fu", "sion", "trans", "for", "mer", "at", "ten",
  "con", "vo", "lu", "net", "work", "pro", "ba", "bil", "i", "ty", "re", "war",
  "pol", "cy", "op", "ti", "mi", "za", "ver", "sa", "ri", "al", "quan", "tum",
  "com", "pu", "ter", "lo", "gic", "ma", "trix", "vec", "se", "man", "tic", "sy",
};

static double
now_s (clockid_t clk)
{
  struct timespec ts;
  clock_gettime (clk, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static long
peak_rss_kib (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* Resident and peak resident KiB from /proc/self/status (0 if unknown). */
static long
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  const char *at = strstr (status, field);
  return at != NULL ? strtol (at + strlen (field), NULL, 10) : 0;
}

/* Lets the next VmHWM reading show the peak of what follows (Linux >= 4.0). */
static gboolean
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  if (f == NULL)
    return FALSE;
  gboolean ok = fputs ("5", f) >= 0;
  return fclose (f) == 0 && ok;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, (int (*) (const void *, const void *)) compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static GPtrArray *
make_vocabulary (GRand *r, guint n)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  while (words->len < n)
    {
      GString *w = g_string_new (NULL);
      guint parts = (guint) g_rand_int_range (r, 1, 5);
      for (guint i = 0; i < parts; i++)
        g_string_append (w, syllables[g_rand_int_range (r, 0, G_N_ELEMENTS (syllables))]);
      if (g_rand_int_range (r, 0, 50) == 0)
        g_string_append (w, "é");
      char *s = g_string_free (w, FALSE);
      if (g_hash_table_contains (seen, s))
        {
          g_free (s);
          continue;
        }
      g_hash_table_add (seen, s);
      g_ptr_array_add (words, s);
    }
  return words;
}

/* Frequent words are much more frequent, as in real term lists. */
static const char *
pick_word (GRand *r, GPtrArray *vocab)
{
  double u = g_rand_double (r);
  return vocab->pdata[(guint) (u * u * u * vocab->len)];
}

static char *
make_key (GRand *r, GPtrArray *vocab)
{
  static const guint cumulative[] = { 25, 65, 87, 96, 100 }; /* 1..5 words, % */
  guint roll = (guint) g_rand_int_range (r, 0, 100), n = 1;
  while (roll >= cumulative[n - 1])
    n++;
  GString *raw = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      const char *w = pick_word (r, vocab);
      if (i > 0)
        g_string_append_c (raw, g_rand_int_range (r, 0, 10) == 0 ? '-' : ' ');
      if (g_rand_int_range (r, 0, 8) == 0)
        {
          g_string_append_c (raw, g_ascii_toupper (w[0]));
          g_string_append (raw, w + 1);
        }
      else
        g_string_append (raw, w);
    }
  if (g_rand_int_range (r, 0, 6) == 0)
    g_string_append_c (raw, 's');
  char *key = gls_normalize_key (raw->str, (gssize) raw->len);
  g_string_free (raw, TRUE);
  return key;
}

static GlsTrie *
build (GPtrArray *keys)
{
  GlsTrieBuilder *b = gls_trie_builder_new ();
  for (guint i = 0; i < keys->len; i++)
    gls_trie_builder_add (b, keys->pdata[i], strlen (keys->pdata[i]), i);
  return gls_trie_builder_finish (b);
}

static gboolean
count_visit (const char *key, gsize len, GlsTrieValues v, gpointer data)
{
  *(gsize *) data += len;
  return TRUE;
}

static gboolean
count_fuzzy (const char *key, gsize len, guint d, GlsTrieValues v, gpointer data)
{
  *(gsize *) data += len + d;
  return TRUE;
}

/* The normalized text: terms among filler words and punctuation. */
static GString *
make_text (GRand *r, GPtrArray *keys, GPtrArray *vocab, gsize bytes)
{
  static const char *filler[] = { "the", "of", "and", "a", "to", "in", "is", "we", "use",
                                  "with", "for", "this", "that", "by", "on", "model" };
  GString *raw = g_string_new (NULL);
  while (raw->len < bytes)
    {
      guint roll = (guint) g_rand_int_range (r, 0, 100);
      if (roll < 25)
        g_string_append (raw, keys->pdata[g_rand_int_range (r, 0, (gint32) keys->len)]);
      else if (roll < 55)
        g_string_append (raw, pick_word (r, vocab));
      else
        g_string_append (raw, filler[g_rand_int_range (r, 0, G_N_ELEMENTS (filler))]);
      roll = (guint) g_rand_int_range (r, 0, 100);
      g_string_append (raw, roll < 8 ? ", " : roll < 12 ? ". " : roll < 14 ? " (" : " ");
    }
  GString *text = g_string_new (NULL);
  gls_normalize (raw->str, (gssize) raw->len, text, NULL);
  g_string_free (raw, TRUE);
  return text;
}

static GArray *
word_starts (const GString *text)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean in_word = FALSE;
  for (const char *p = text->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean w = gls_is_word_char (g_utf8_get_char (p));
      if (w && !in_word)
        {
          guint32 at = (guint32) (p - text->str);
          g_array_append_val (starts, at);
        }
      in_word = w;
    }
  return starts;
}

/* The key with one random character edit: delete, insert, substitute or
 * swap with the next character. */
static char *
edit_once (GRand *r, const char *key)
{
  glong n;
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (key, -1, &n);
  GString *s = g_string_new (NULL);
  glong at = n > 0 ? g_rand_int_range (r, 0, (gint32) n) : 0;
  guint op = (guint) g_rand_int_range (r, 0, 4);

  for (glong i = 0; i < n; i++)
    {
      if (i != at)
        g_string_append_unichar (s, u[i]);
      else if (op == 1)
        {
          g_string_append_c (s, (char) ('a' + g_rand_int_range (r, 0, 26)));
          g_string_append_unichar (s, u[i]);
        }
      else if (op == 2)
        g_string_append_c (s, (char) ('a' + g_rand_int_range (r, 0, 26)));
      else if (op == 3 && i + 1 < n)
        {
          g_string_append_unichar (s, u[i + 1]);
          g_string_append_unichar (s, u[i]);
          i++;
        }
      /* op 0 (or a swap at the end): the character is dropped */
    }
  return g_string_free (s, FALSE);
}

static char *
typo (GRand *r, const char *key, gboolean twice)
{
  char *once = edit_once (r, key);
  if (!twice)
    return once;
  char *again = edit_once (r, once);
  g_free (once);
  return again;
}

static void
run (guint n_keys, guint runs, GPtrArray *vocab, clockid_t clk)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (n_keys);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gsize key_bytes = 0;
  for (guint i = 0; i < n_keys; i++)
    {
      char *k = make_key (r, vocab);
      key_bytes += strlen (k);
      g_ptr_array_add (keys, k);
    }
  g_autofree double *t = g_new (double, runs);

  g_print ("\n== %u keys (%.1f bytes per key on average, %.1f MB of raw key bytes)\n", n_keys,
           (double) key_bytes / n_keys, key_bytes / 1e6);

  /* build; the first one also measures the peak memory it needs */
  GlsTrie *trie = NULL;
  long rss_before = status_kib ("VmRSS:");
  gboolean can_peak = reset_peak ();
  long build_peak = 0;
  for (guint i = 0; i < runs; i++)
    {
      g_clear_pointer (&trie, gls_trie_unref);
      double t0 = now_s (clk);
      trie = build (keys);
      t[i] = now_s (clk) - t0;
      if (i == 0)
        build_peak = status_kib ("VmHWM:") - rss_before;
    }
  gsize size = gls_trie_memory_size (trie);
  gsize distinct = gls_trie_n_keys (trie);
  g_print ("build                 %8.1f ms   (%u pairs, %zu distinct keys)\n",
           median (t, runs) * 1e3, n_keys, distinct);
  g_print ("memory                %8.1f bytes per distinct key, %.1f per added key (%.1f MB)\n",
           (double) size / distinct, (double) size / n_keys, size / 1e6);
  if (can_peak)
    g_print ("build peak RSS        %8.1f MB over the %.1f MB resident before (all builder copies)\n",
             build_peak / 1024.0, rss_before / 1024.0);

  /* exact lookup: 90 %% present, 10 %% absent, in random order */
  guint n_q = 1000000;
  g_autoptr (GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autofree gsize *qlen = g_new (gsize, n_q);
  for (guint i = 0; i < n_q; i++)
    {
      const char *k = keys->pdata[g_rand_int_range (r, 0, (gint32) n_keys)];
      char *q = g_rand_int_range (r, 0, 10) == 0 ? typo (r, k, FALSE) : g_strdup (k);
      qlen[i] = strlen (q);
      g_ptr_array_add (queries, q);
    }
  gsize sink = 0;
  for (guint i = 0; i < runs; i++)
    {
      double t0 = now_s (clk);
      for (guint j = 0; j < n_q; j++)
        sink += gls_trie_lookup (trie, queries->pdata[j], qlen[j], NULL);
      t[i] = now_s (clk) - t0;
    }
  g_print ("lookup                %8.1f ns/op  (%.1f%% found)\n", median (t, runs) / n_q * 1e9,
           100.0 * (double) sink / ((double) n_q * runs));

  /* the same queries against a GHashTable of the keys, for scale */
  {
    g_autoptr (GHashTable) h = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint i = 0; i < n_keys; i++)
      g_hash_table_insert (h, keys->pdata[i], GUINT_TO_POINTER (i + 1));
    for (guint i = 0; i < runs; i++)
      {
        double t0 = now_s (clk);
        for (guint j = 0; j < n_q; j++)
          sink += g_hash_table_lookup (h, queries->pdata[j]) != NULL;
        t[i] = now_s (clk) - t0;
      }
    g_print ("  (GHashTable lookup  %8.1f ns/op, for scale)\n", median (t, runs) / n_q * 1e9);
  }

  /* prefix, limit 20: completion after typing 1-6 characters of a term */
  guint n_p = 100000;
  g_autofree gsize *plen = g_new (gsize, n_p);
  for (guint j = 0; j < n_p; j++)
    {
      const char *k = queries->pdata[j];
      glong chars = MIN (g_rand_int_range (r, 1, 7), g_utf8_strlen (k, -1));
      plen[j] = (gsize) (g_utf8_offset_to_pointer (k, chars) - k);
    }
  for (guint i = 0; i < runs; i++)
    {
      double t0 = now_s (clk);
      for (guint j = 0; j < n_p; j++)
        gls_trie_prefix (trie, queries->pdata[j], plen[j], 20, count_visit, &sink);
      t[i] = now_s (clk) - t0;
    }
  g_print ("prefix (limit 20)     %8.2f us/op\n", median (t, runs) / n_p * 1e6);

  /* longest match at every word start of 6 MB of text */
  g_autoptr (GString) text = NULL;
  text = make_text (r, keys, vocab, 6 * 1000 * 1000);
  g_autoptr (GArray) starts = word_starts (text);
  gsize matches = 0, matched = 0;
  for (guint i = 0; i < runs; i++)
    {
      matches = matched = 0;
      double t0 = now_s (clk);
      for (guint j = 0; j < starts->len; j++)
        {
          guint32 at = g_array_index (starts, guint32, j);
          gsize m = gls_trie_longest_match (trie, text->str + at, text->len - at, NULL);
          matches += m > 0;
          matched += m;
        }
      t[i] = now_s (clk) - t0;
    }
  double lm = median (t, runs);
  g_print ("longest match         %8.1f MB/s   (%.1f MB, %u word starts, %.0f ns/call, "
           "%zu matches)\n",
           text->len / lm / 1e6, text->len / 1e6, starts->len, lm / starts->len * 1e9, matches);

  /* fuzzy: a query one (or two) edits away from a key, every hit enumerated */
  for (guint k = 1; k <= 2; k++)
    {
      guint n_f = k == 1 ? 20000 : 2000;
      g_autoptr (GPtrArray) fq = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < n_f; j++)
        g_ptr_array_add (fq, typo (r, keys->pdata[g_rand_int_range (r, 0, (gint32) n_keys)],
                                   k == 2));
      gsize hits = 0;
      for (guint limit = 0; limit <= 10; limit += 10)
        {
          for (guint i = 0; i < runs; i++)
            {
              hits = 0;
              double t0 = now_s (clk);
              for (guint j = 0; j < n_f; j++)
                hits += gls_trie_fuzzy (trie, fq->pdata[j], strlen (fq->pdata[j]), k, limit,
                                        count_fuzzy, &sink);
              t[i] = now_s (clk) - t0;
            }
          g_print ("fuzzy %u edit%s limit %-2u %8.1f us/op  (%.1f hits per query)\n", k,
                   k == 1 ? ", " : "s,", limit, median (t, runs) / n_f * 1e6,
                   (double) hits / n_f);
        }
    }

  g_print ("peak RSS so far       %8.1f MiB (whole process: keys, queries, text included)\n",
           peak_rss_kib () / 1024.0);
  if (sink == 42)
    g_print (" ");
  gls_trie_unref (trie);
}

int
main (int argc, char **argv)
{
  gboolean quick = FALSE;
  clockid_t clk = CLOCK_THREAD_CPUTIME_ID;
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--quick") == 0)
        quick = TRUE;
      else if (strcmp (argv[i], "--wall") == 0)
        clk = CLOCK_MONOTONIC;
      else
        {
          g_printerr ("usage: bench-trie [--quick] [--wall]\n");
          return 2;
        }
    }
  g_autoptr (GRand) r = g_rand_new_with_seed (20261);
  g_autoptr (GPtrArray) vocab = make_vocabulary (r, 30000);

  g_print ("glossary trie benchmark (medians of %u runs, %s)\n", quick ? 3 : 5,
           clk == CLOCK_MONOTONIC ? "wall clock" : "thread CPU time");
  run (100000, quick ? 3 : 5, vocab, clk);
  if (!quick)
    run (1000000, 5, vocab, clk);
  return 0;
}
