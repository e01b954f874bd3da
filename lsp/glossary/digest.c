/* digest.c — see digest.h. The lane step is xxHash64's round; the final mix
 * is MurmurHash3's fmix64. */
#include "glossary/digest.h"

#include <stdio.h>
#include <string.h>

#define PRIME1 G_GUINT64_CONSTANT (0x9E3779B185EBCA87)
#define PRIME2 G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)

static inline guint64
rotl (guint64 x, int r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
round_step (guint64 acc, guint64 word)
{
  return rotl (acc + word * PRIME2, 31) * PRIME1;
}

static inline guint64
fmix (guint64 k)
{
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xC4CEB9FE1A85EC53);
  k ^= k >> 33;
  return k;
}

GlsDigest
gls_digest (const void *data, gsize len)
{
  const guint8 *p = data;
  /* The length goes into every lane, so inputs that differ only by trailing
   * zero bytes (the padded tail below) still differ. */
  guint64 lane[4] = { PRIME1 ^ len, PRIME2 + len, rotl (PRIME1, 17) - len, rotl (PRIME2, 29) ^ ~len };
  gsize left = len;

  while (left >= 32)
    {
      guint64 w[4];
      memcpy (w, p, sizeof w);
      for (int i = 0; i < 4; i++)
        lane[i] = round_step (lane[i], GUINT64_FROM_LE (w[i]));
      p += 32;
      left -= 32;
    }
  if (left > 0)
    {
      guint64 w[4] = { 0 };
      memcpy (w, p, left);
      for (int i = 0; i < 4; i++)
        lane[i] = round_step (lane[i], GUINT64_FROM_LE (w[i]));
    }

  GlsDigest d;
  d.lo = fmix (lane[0] + rotl (lane[1], 7) + rotl (lane[2], 12) + rotl (lane[3], 18));
  d.hi = fmix (lane[3] ^ rotl (lane[2], 23) ^ (lane[1] * PRIME1) ^ rotl (lane[0] + d.lo, 41));
  return d;
}

void
gls_digest_hex (GlsDigest digest, char out[33])
{
  snprintf (out, 33, "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x", digest.hi, digest.lo);
}
