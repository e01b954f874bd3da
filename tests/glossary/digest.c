/* Tests of the digest the snapshot checksum and the cache key rely on
 * (digest.h). */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "common/leak-check.h"
#include "glossary/digest.h"

TestSuite (digest);

/* ------------------------------------------------------------ digest */

GLS_TEST (digest, equal_bytes_give_equal_digests)
{
  const char text[] = "the same bytes, twice over and over again: more than 32 of them";
  char moved[sizeof text + 3];
  /* Not aligned as the original: the digest reads bytes, not words. */
  memcpy (moved + 3, text, sizeof text);
  for (gsize len = 0; len < sizeof text; len++)
    {
      GlsDigest a = gls_digest (text, len), b = gls_digest (moved + 3, len);
      cr_expect (a.lo == b.lo && a.hi == b.hi, "length %zu", len);
    }
}

static void
add_distinct (GHashTable *seen, const void *data, gsize len, const char *what)
{
  char hex[33];
  gls_digest_hex (gls_digest (data, len), hex);
  cr_expect (g_hash_table_add (seen, g_strdup (hex)), "%s: a repeated digest %s", what, hex);
}

GLS_TEST (digest, different_bytes_give_different_digests)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint8 zeros[101] = { 0 };
  guint8 ones[101];
  guint8 data[100];
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);

  memset (ones, 0xff, sizeof ones);
  /* Lengths 0..100 of zeros (each one more trailing zero) and of 0xff. */
  for (gsize len = 0; len <= 100; len++)
    {
      add_distinct (seen, zeros, len, "zeros");
      if (len > 0)
        add_distinct (seen, ones, len, "ones");
    }
  /* Every single bit flip of 100 random bytes, and of their prefixes that
   * end inside and at a 32-byte block. */
  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) g_rand_int (rand);
  const gsize lengths[] = { 100, 64, 33, 31, 1 };
  for (gsize l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      add_distinct (seen, data, lengths[l], "random");
      for (gsize bit = 0; bit < lengths[l] * 8; bit++)
        {
          data[bit / 8] ^= (guint8) (1u << (bit % 8));
          add_distinct (seen, data, lengths[l], "bit flip");
          data[bit / 8] ^= (guint8) (1u << (bit % 8));
        }
    }
  /* Trailing zeros after text. */
  add_distinct (seen, "abc", 3, "abc");
  add_distinct (seen, "abc\0", 4, "abc\\0");
  add_distinct (seen, "abc\0\0", 5, "abc\\0\\0");
  cr_expect_gt (g_hash_table_size (seen), 1200);
}

GLS_TEST (digest, hex_is_32_lowercase_digits)
{
  char hex[33];
  memset (hex, 'X', sizeof hex);
  GlsDigest d = gls_digest ("glossary", 8);
  gls_digest_hex (d, hex);
  cr_assert_eq (strlen (hex), 32);
  for (gsize i = 0; i < 32; i++)
    cr_expect (g_ascii_isdigit (hex[i]) || (hex[i] >= 'a' && hex[i] <= 'f'), "%s", hex);
  g_autofree char *want = g_strdup_printf ("%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
                                           d.hi, d.lo);
  cr_expect_str_eq (hex, want);
  GlsDigest zero = { 0, 0 };
  gls_digest_hex (zero, hex);
  cr_expect_str_eq (hex, "00000000000000000000000000000000");
}
