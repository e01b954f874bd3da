/* safe_file.h — opening a file whose path an untrusted party chose.
 *
 * Glossary paths come from a repository's .glossary-ls.json, the project file
 * itself sits in a repository, and the glossary cache directory may be shared:
 * any of them may be a FIFO (open or read blocks forever), a device
 * (/dev/zero, /dev/urandom: endless), a huge file, or a symlink planted where
 * a file was expected. Every such open goes through this module:
 *
 *   - open (2) with O_NONBLOCK, O_NOCTTY and O_CLOEXEC (and O_NOFOLLOW on
 *     request), so opening a FIFO or a device never blocks;
 *   - fstat (2) on the descriptor before the first read: only a regular file
 *     is read (a directory, FIFO, socket or device is refused with
 *     GLS_SAFE_FILE_ERROR_NOT_REGULAR, naming what it is);
 *   - a size limit checked on st_size and again while reading (a file that
 *     grows, or a /proc file whose st_size is 0): past it, nothing is returned
 *     and the error is GLS_SAFE_FILE_ERROR_TOO_LARGE, naming the limit.
 *
 * Every error message starts with the path. Open and read errors keep their
 * G_FILE_ERROR code. Thread-safe (no shared state); it does block on a slow
 * disk like any read, so the server calls it off its main loop where the
 * file may be large (glossaries), and only for small bounded files on it
 * (the project file, limit GLS_SAFE_FILE_CONFIG_LIMIT).
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

#define GLS_SAFE_FILE_ERROR (gls_safe_file_error_quark ())
GQuark gls_safe_file_error_quark (void);

typedef enum
{
  GLS_SAFE_FILE_ERROR_NOT_REGULAR,  /* a directory, FIFO, socket or device */
  GLS_SAFE_FILE_ERROR_TOO_LARGE,    /* larger than the caller's limit */
} GlsSafeFileError;

typedef enum
{
  GLS_SAFE_FILE_DEFAULT = 0,
  GLS_SAFE_FILE_NOFOLLOW = 1 << 0,  /* refuse a symlink as the last component (ELOOP) */
} GlsSafeFileFlags;

/* A project file (.glossary-ls.json) is a few hundred bytes; 1 MiB is far
 * beyond any real one and small enough to read on the main loop. */
#define GLS_SAFE_FILE_CONFIG_LIMIT ((gsize) 1 << 20)

/* Reads the regular file at path, at most max_bytes bytes. On success
 * *contents (transfer full) is NUL-terminated and *len is its length
 * (without the NUL). On failure FALSE, error set, outputs untouched. */
gboolean gls_safe_file_read (const char       *path,
                             gsize             max_bytes,
                             GlsSafeFileFlags  flags,
                             char            **contents,
                             gsize            *len,
                             GError          **error);

/* What kind of file st_mode describes, for messages: "a FIFO",
 * "a character device", ... (static string). */
const char *gls_safe_file_kind (mode_t mode);

/* A size in bytes for messages: "64 MiB", "1000 bytes". (transfer full) */
char *gls_safe_file_format_size (guint64 bytes);

G_END_DECLS
