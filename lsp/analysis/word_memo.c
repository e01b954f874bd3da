/* word_memo.c — see word_memo.h. */
#include "analysis/word_memo.h"

#include <string.h>

typedef struct
{
  guint32 hash;
  guint32 offset;  /* of the word in bytes; G_MAXUINT32: empty */
  guint8  len;
  guint8  value;
} Slot;

struct _GlsWordMemo
{
  Slot    *slots;
  guint32  mask;   /* slots - 1 (a power of two minus one) */
  guint32  used;
  GString *bytes;  /* the words, end to end */
};

GlsWordMemo *
gls_word_memo_new (guint expected)
{
  GlsWordMemo *memo = g_new0 (GlsWordMemo, 1);
  guint32 n_slots = 16;
  /* Keep the load at most one half. */
  while (n_slots < 2 * MIN (expected, 1u << 24))
    n_slots *= 2;
  memo->mask = n_slots - 1;
  memo->slots = g_new (Slot, n_slots);
  memset (memo->slots, 0xff, sizeof (Slot) * n_slots);
  memo->bytes = g_string_sized_new (8 * MIN (expected, 1u << 20));
  return memo;
}

void
gls_word_memo_free (GlsWordMemo *memo)
{
  if (memo == NULL)
    return;
  g_free (memo->slots);
  g_string_free (memo->bytes, TRUE);
  g_free (memo);
}

guint
gls_word_memo_size (const GlsWordMemo *memo)
{
  return memo->used;
}

#define FOLD G_GUINT64_CONSTANT (0x2020202020202020)

static inline guint64
load8 (const char *p)
{
  guint64 v;
  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

/* The bytes w[0..k) (k <= 8) as the low bytes of a word, the rest zero. */
static inline guint64
load_tail (const char *w, gsize k)
{
  guchar b[8] = { 0 };
  memcpy (b, w, k);
  return load8 ((const char *) b);
}

static inline guint64
mix (guint64 x, guint64 chunk)
{
  x = (x ^ chunk) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return x ^ (x >> 29);
}

static inline guint32
finish (guint64 x)
{
  x *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  return (guint32) (x ^ (x >> 32));
}

guint32
gls_word_memo_hash (const char *w, gsize n)
{
  guint64 x = n;
  gsize i = 0;
  for (; n - i > 8; i += 8)
    x = mix (x, load8 (w + i));
  return finish (mix (x, load_tail (w + i, n - i)));
}

guint32
gls_word_memo_hash_folded (const char *w, gsize n, gsize avail)
{
  guint64 x = n;
  gsize i = 0;
  if (n == 0 || avail < ((n + 7) & ~(gsize) 7))
    {
      char lower[GLS_WORD_MEMO_MAX_LEN];
      g_return_val_if_fail (n <= sizeof lower, 0);
      for (gsize k = 0; k < n; k++)
        lower[k] = (char) ((guchar) w[k] | 0x20);
      return gls_word_memo_hash (lower, n);
    }
  for (; n - i > 8; i += 8)
    x = mix (x, load8 (w + i) | FOLD);
  /* The last step: the word's remaining bytes, folded, the rest zero. */
  guint64 last = (load8 (w + i) | FOLD) & (G_MAXUINT64 >> (8 * (8 - (n - i))));
  return finish (mix (x, last));
}

/* Words are short: a byte loop beats a call to memcmp. fold: b is ASCII
 * letters and digits in any case, compared lowercased. */
static inline gboolean
same_bytes (const char *a, const char *b, gsize n, guchar fold)
{
  for (gsize i = 0; i < n; i++)
    if (a[i] != (char) ((guchar) b[i] | fold))
      return FALSE;
  return TRUE;
}

static inline Slot *
find (const GlsWordMemo *memo, const char *w, gsize n, guint32 h, guchar fold)
{
  for (guint32 at = h & memo->mask;; at = (at + 1) & memo->mask)
    {
      Slot *s = &memo->slots[at];
      if (s->offset == G_MAXUINT32 ||
          (s->hash == h && s->len == n && same_bytes (memo->bytes->str + s->offset, w, n, fold)))
        return s;
    }
}

gboolean
gls_word_memo_lookup (const GlsWordMemo *memo, const char *w, gsize n, guint32 h, guint8 *value)
{
  const Slot *s = find (memo, w, n, h, 0);
  if (s->offset == G_MAXUINT32)
    return FALSE;
  *value = s->value;
  return TRUE;
}

/* same_bytes for a document word w, eight bytes a step: the stored words
 * are followed by at least PAD readable bytes (insert keeps them), and w by
 * avail - n. Bytes past the word are masked out of the last step. */
#define PAD 8

static inline gboolean
same_folded_wide (const char *stored, const char *w, gsize n)
{
  for (gsize i = 0;; i += 8)
    {
      guint64 diff = load8 (stored + i) ^ (load8 (w + i) | FOLD);
      if (n - i <= 8)
        return (diff & (G_MAXUINT64 >> (8 * (8 - (n - i))))) == 0;
      if (diff != 0)
        return FALSE;
    }
}

gboolean
gls_word_memo_lookup_folded (const GlsWordMemo *memo, const char *w, gsize n, gsize avail, guint32 h,
                             guint8 *value)
{
  if (n == 0 || avail < n + PAD)
    {
      /* ASCII letters and digits: setting bit 5 lowercases a letter and keeps a digit. */
      const Slot *s = find (memo, w, n, h, 0x20);
      if (s->offset == G_MAXUINT32)
        return FALSE;
      *value = s->value;
      return TRUE;
    }
  for (guint32 at = h & memo->mask;; at = (at + 1) & memo->mask)
    {
      const Slot *s = &memo->slots[at];
      if (s->offset == G_MAXUINT32)
        return FALSE;
      if (s->hash == h && s->len == n && same_folded_wide (memo->bytes->str + s->offset, w, n))
        {
          *value = s->value;
          return TRUE;
        }
    }
}

static void
grow (GlsWordMemo *memo)
{
  Slot *old = memo->slots;
  guint32 n_old = memo->mask + 1;
  memo->mask = 2 * n_old - 1;
  memo->slots = g_new (Slot, 2 * n_old);
  memset (memo->slots, 0xff, sizeof (Slot) * 2 * n_old);
  for (guint32 i = 0; i < n_old; i++)
    if (old[i].offset != G_MAXUINT32)
      {
        guint32 at = old[i].hash & memo->mask;
        while (memo->slots[at].offset != G_MAXUINT32)
          at = (at + 1) & memo->mask;
        memo->slots[at] = old[i];
      }
  g_free (old);
}

void
gls_word_memo_insert (GlsWordMemo *memo, const char *w, gsize n, guint32 h, guint8 value)
{
  g_assert (n <= GLS_WORD_MEMO_MAX_LEN);
  g_assert (memo->bytes->len < G_MAXUINT32 - n);
  /* Keep the load at most one half. */
  if (2 * (memo->used + 1) > memo->mask + 1)
    grow (memo);
  Slot *s = find (memo, w, n, h, 0);
  g_assert (s->offset == G_MAXUINT32);
  *s = (Slot) { h, (guint32) memo->bytes->len, (guint8) n, value };
  /* A plain copy: g_string_append_len (through g_string_insert_len) cost
   * ~85 instructions a word, a tenth of a one-line lint's start-up. */
  gsize at = memo->bytes->len;
  if (at + n + PAD >= memo->bytes->allocated_len)
    g_string_set_size (memo->bytes, at + n + PAD);
  memcpy (memo->bytes->str + at, w, n);
  memset (memo->bytes->str + at + n, 0, PAD);  /* what a wide compare reads past the word (and the NUL) */
  memo->bytes->len = at + n;
  memo->used++;
}
