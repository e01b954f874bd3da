/* word_memo.h — a memo of short byte strings (words) to a small value, for
 * the rules' per-run decisions ("is this lowercase word a candidate?").
 *
 * Open addressing with linear probing over one byte buffer: a lookup hashes
 * nothing itself (the caller passes gls_word_memo_hash or, for a word in
 * the document's case, gls_word_memo_hash_folded) and compares bytes only on a full hash
 * match; no allocation per word, unlike a GHashTable of g_strndup'd keys.
 * Words are at most GLS_WORD_MEMO_MAX_LEN bytes. Grows as needed (memory
 * O(distinct words)). One thread at a time; the owner frees it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLS_WORD_MEMO_MAX_LEN 255

typedef struct _GlsWordMemo GlsWordMemo;

/* (transfer full) An empty memo sized for about expected words (it grows
 * past them). */
GlsWordMemo *gls_word_memo_new    (guint expected);
/* NULL is allowed. */
void         gls_word_memo_free   (GlsWordMemo *memo);

/* The memo's hash of w[0..n): eight bytes a step (a multiply and a
 * shift each), not one, as words are hashed once per occurrence. */
guint32      gls_word_memo_hash   (const char *w, gsize n);
/* The hash of the lowercase form of w[0..n), ASCII letters and digits in any
 * case, read in place; avail (>= n): how many bytes from w on may be read
 * (rounded up to eight, the bytes are read straight from w). */
guint32      gls_word_memo_hash_folded (const char *w, gsize n, gsize avail);

/* How many words are stored. */
guint        gls_word_memo_size   (const GlsWordMemo *memo);

/* TRUE and *value if w[0..n) (hash h) was stored. */
gboolean     gls_word_memo_lookup (const GlsWordMemo *memo, const char *w, gsize n, guint32 h, guint8 *value);
/* The same for a word of ASCII letters and digits w[0..n) in any case,
 * stored lowercase (h: the hash of the lowercase word): the document's own
 * bytes, without a lowercase copy. avail (>= n): how many bytes from w on
 * may be read; with 8 past the word, it is compared eight bytes a step. */
gboolean     gls_word_memo_lookup_folded (const GlsWordMemo *memo, const char *w, gsize n, gsize avail,
                                          guint32 h, guint8 *value);
/* Stores w[0..n) (hash h, not yet stored, n <= GLS_WORD_MEMO_MAX_LEN) with value. */
void         gls_word_memo_insert (GlsWordMemo *memo, const char *w, gsize n, guint32 h, guint8 value);

G_END_DECLS
