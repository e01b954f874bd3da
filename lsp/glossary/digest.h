/* digest.h — a fast 128-bit fingerprint of a byte string.
 *
 * For telling whether bytes changed (the glossary cache's key, a snapshot's
 * checksum), not for security: it resists accidental collisions only, and it
 * is not stable across byte orders (the cache never leaves the machine). It
 * runs four independent 64-bit lanes over 32-byte blocks, so it costs about as
 * much as reading the bytes (see bench/load.c for the figure at 42 MB).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 lo;
  guint64 hi;
} GlsDigest;

GlsDigest gls_digest (const void *data, gsize len);

/* 32 lowercase hex digits and a NUL into out. */
void      gls_digest_hex (GlsDigest digest, char out[33]);

G_END_DECLS
