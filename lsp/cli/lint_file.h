/* lint_file.h — one document as the linter sees it: its bytes, the name it is
 * reported under, its line index, and what the file looked like on disk when
 * it was read (so that --fix can refuse to overwrite a file that changed).
 *
 * Positions reported to users are 1-based lines and 1-based columns counted in
 * characters (Unicode code points, as UTF-32 units in text/position.h): a tab
 * is one character, "é" is one character whatever its byte length, and each
 * byte that is not part of valid UTF-8 counts as one character. The end of a
 * range is exclusive: endColumn is the column just past its last character.
 * A UTF-8 byte order mark at the start of the text is not a character: the
 * first visible character of the file is column 1 either way.
 *
 * Ownership: a GlsLintFile owns its copies of the names, the bytes (always
 * followed by a NUL that is not part of the text) and the line index. It is
 * immutable after creation; distinct threads may read one at the same time.
 *
 * Complexity: loading is O(size); a position costs O(log lines + its column).
 * A GlsLintCursor turns the sorted offsets of many findings into positions in
 * O(log lines) each plus one pass over the text in all, so a line with
 * thousands of findings costs its length, not its length per finding.
 */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

#include "text/lines.h"

G_BEGIN_DECLS

/* Identity and version of a file on disk at the moment it was read. */
typedef struct
{
  dev_t  dev;
  ino_t  ino;
  off_t  size;
  gint64 mtime_ns;
  guint  mode;       /* st_mode & 07777 */
  guint  uid;
  guint  gid;
  guint  nlink;      /* hard links (--fix refuses to split them) */
} GlsLintFileStamp;

typedef struct
{
  char             *path;       /* as reported: the user's spelling, "-" style names for stdin */
  char             *fs_path;    /* where it was read from; NULL for stdin */
  char             *text;       /* len bytes + a terminating NUL */
  gsize             len;
  GlsLineIndex     *lines;
  GlsLintFileStamp  stamp;      /* zeroed for stdin */
} GlsLintFile;

/* A position as users see it: both 1-based, column in characters. */
typedef struct
{
  guint line;
  guint column;
} GlsLintPosition;

/* Reads fs_path (a regular file) whole. Errors are G_IO_ERROR / G_FILE_ERROR
 * with a message naming the path. Files of 4 GiB or more are refused, because
 * the analysis works with 32-bit offsets. */
GlsLintFile *gls_lint_file_load      (const char  *path,
                                      const char  *fs_path,
                                      GError     **error);

/* The same with a size limit: a file of more than max_size bytes (measured
 * before reading and while reading, as files grow) is refused with
 * G_IO_ERROR_NO_SPACE and a message naming the file and the limit, without
 * reading more than max_size + 1 bytes. */
GlsLintFile *gls_lint_file_load_limited (const char  *path,
                                         const char  *fs_path,
                                         gsize        max_size,
                                         GError     **error);

/* A file whose bytes are already in memory (stdin, tests); copies text. */
GlsLintFile *gls_lint_file_new       (const char  *path,
                                      const char  *text,
                                      gsize        len);

void         gls_lint_file_free      (GlsLintFile *file);

/* Fills stamp from an open descriptor or a path (following symlinks). */
gboolean     gls_lint_file_stamp_fd   (int               fd,
                                       GlsLintFileStamp *stamp,
                                       GError          **error);
gboolean     gls_lint_file_stamp_path (const char       *fs_path,
                                       GlsLintFileStamp *stamp,
                                       GError          **error);
/* TRUE if both describe the same file at the same version. */
gboolean     gls_lint_file_stamp_equal (const GlsLintFileStamp *a,
                                        const GlsLintFileStamp *b);

/* The user-visible position of a byte offset (see position.h for offsets
 * inside a UTF-8 sequence or a line terminator). */
GlsLintPosition gls_lint_file_position (const GlsLintFile *file,
                                        gsize              offset);

/* Converts increasing offsets to positions in amortised O(1) per call plus
 * the characters stepped over. Offsets may also go backwards (then the line
 * is counted again from its start). Holds a pointer to file, no reference. */
typedef struct
{
  const GlsLintFile *file;
  gsize              line;        /* 0-based line of offset */
  gsize              line_start;
  gsize              line_end;    /* before the terminator */
  gsize              offset;      /* a character boundary in [line_start, line_end] */
  guint              column;      /* characters from line_start to offset */
  gboolean           valid;
} GlsLintCursor;

void            gls_lint_cursor_init     (GlsLintCursor     *cursor,
                                          const GlsLintFile *file);
GlsLintPosition gls_lint_cursor_position (GlsLintCursor     *cursor,
                                          gsize              offset);

/* Byte length of the character at p (< end) under the column rule: a valid
 * UTF-8 sequence, else 1 (the byte alone); *c is the character or -1. */
gsize        gls_lint_char_length      (const char *p,
                                        const char *end,
                                        gunichar   *c);

/* The character boundary before p (> floor) under the same rule. */
gsize        gls_lint_char_before      (const char *text,
                                        gsize       floor,
                                        gsize       p);

/* Bytes of the byte order mark that starts text (3) or 0. */
gsize        gls_lint_file_bom         (const GlsLintFile *file);

/* The bytes [start, end) of a 1-based line, without its terminator. */
void         gls_lint_file_line_bounds (const GlsLintFile *file,
                                        guint              line,
                                        gsize             *start,
                                        gsize             *end);

/* TRUE if a NUL byte occurs in the first 8 KiB of fs_path: how git and grep
 * tell binary files, which the directory walk skips. Reads at most 8 KiB. */
gboolean     gls_lint_path_looks_binary (const char *fs_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsLintFile, gls_lint_file_free)

G_END_DECLS
