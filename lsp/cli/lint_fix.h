/* lint_fix.h — applying replacements to a text, and putting the result on disk
 * without ever losing the original.
 *
 * Edits: each replaces the bytes [start, end) of the ORIGINAL text. They are
 * applied all at once, so no edit shifts another's offsets. Two edits conflict
 * when their ranges share a byte (or both insert at the same offset); a
 * conflict cannot be resolved without asking, so every edit of a conflicting
 * group is refused and the text there stays as it was. An edit identical to
 * another (same range, same replacement: two rules proposing one fix) is
 * applied once. Complexity O(n log n) in the edits plus O(text).
 *
 * Replacing a file: the new contents are written to a temporary file in the
 * same directory (".NAME.glossary-ls-XXXXXX"), flushed to disk, given the
 * original's permission bits (and owner, where allowed), then renamed over the
 * original: readers see either the old or the new file, never a partial one.
 * A symlink is followed and its target replaced. A file with several hard
 * links is refused (rename makes a new inode, so the other names would keep
 * the old contents without a word), and so is a read-only file (no write
 * permission bit, or not writable by this user: rename only needs the
 * directory's permission, so it would bypass the file's). Before the rename the
 * original is compared with the stamp taken when it was read: if it changed in
 * the meantime nothing is written. On every error the temporary file is
 * removed and the original is untouched.
 */
#pragma once

#include <glib.h>

#include "cli/lint_file.h"

G_BEGIN_DECLS

typedef enum
{
  GLS_LINT_EDIT_PENDING,    /* not looked at yet */
  GLS_LINT_EDIT_APPLIED,
  GLS_LINT_EDIT_DUPLICATE,  /* same as an applied edit: nothing more to do */
  GLS_LINT_EDIT_CONFLICT,   /* overlaps another edit: refused */
} GlsLintEditStatus;

typedef struct
{
  guint32            start;        /* bytes [start, end) of the original text */
  guint32            end;
  const char        *replacement;  /* borrowed, NUL-terminated */
  guint              tag;          /* the caller's (e.g. the finding's index) */
  GlsLintEditStatus  status;       /* set by gls_lint_apply_edits */
} GlsLintEdit;

/* Applies edits (a GArray of GlsLintEdit, in any order; it is sorted by
 * position) to text[0..len) and returns the new text, NUL-terminated, its
 * length in *out_len. Edits outside the text are refused as conflicts. */
char     *gls_lint_apply_edits  (const char  *text,
                                 gsize        len,
                                 GArray      *edits,
                                 gsize       *out_len);

/* Replaces the contents of fs_path by data[0..len) as described above.
 * expected (may be NULL) is the stamp of the version the edits were computed
 * on; a mismatch is G_IO_ERROR_WRONG_ETAG. */
gboolean  gls_lint_replace_file (const char             *fs_path,
                                 const GlsLintFileStamp *expected,
                                 const char             *data,
                                 gsize                   len,
                                 GError                **error);

G_END_DECLS
