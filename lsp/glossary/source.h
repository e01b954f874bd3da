/* source.h — where glossary text comes from.
 *
 * A GlsSource is one glossary file's bytes plus the names it is known by: the
 * path shown to users (file:line in messages, `file` in `dump`) and, when the
 * text exists on disk, a path an editor can open (go-to-definition).
 *
 * The default glossary (seeds/) is compiled into the binary, so glossary-ls works
 * from any directory. Its sources still point at real files when an identical copy
 * exists in the source tree or the installed data directory, so positions open
 * the real seed file; otherwise they are named resource:///org/glossary-ls/seeds/...
 *
 * User glossaries are files or directories (recursively, every *.txt and
 * *.glossary file, sorted by path, hidden entries skipped). Failing paths are
 * reported as issues and the rest still loads.
 *
 * Paths may come from an untrusted repository (docs/security.md), so every
 * file is read through text/safe_file.h: only regular files, never blocking
 * on a FIFO or device, at most a size limit per file (past it the file is
 * reported and skipped). A directory walk reads each directory and each file
 * once (by device and inode: `a -> .` and `b -> .` end the walk instead of
 * looping), follows a symbolic link only when it resolves inside the walked
 * directory, stops at 32 levels and at 100,000 entries per directory.
 */
#pragma once

#include <glib.h>

#include "glossary/issue.h"
#include "glossary/format.h"

G_BEGIN_DECLS

typedef struct
{
  char     *display_path;  /* as the user gave it, or seeds/<name> for the default */
  char     *disk_path;     /* absolute path of a file with exactly this text, or NULL */
  GBytes   *text;          /* the file's bytes, made valid UTF-8 (invalid bytes become U+FFFD),
                            * then for other formats any derived text (reader.h) */
  gboolean  is_default;    /* part of the embedded default glossary */
  GlsFormat format;        /* how the file reads (reader.h): detected, or as configured */
  gsize     file_len;      /* the file's bytes: text[0..file_len) */
} GlsSource;

void       gls_source_free (GlsSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsSource, gls_source_free)

/* Appends the embedded default glossary's sources (sorted by name) to sources. */
void       gls_sources_add_default (GPtrArray *sources);

/* Appends the glossary files found at path (a file, or a directory searched
 * recursively). Problems (missing path, unreadable file, invalid UTF-8, a
 * directory without glossary files) are appended to issues; returns FALSE if
 * nothing could be read from path. */
gboolean   gls_sources_add_path (GPtrArray  *sources,
                                 const char *path,
                                 GPtrArray  *issues);

/* The same, reading no file larger than max_bytes (0: the default,
 * gls_sources_max_file_bytes ()). */
gboolean   gls_sources_add_path_full (GPtrArray  *sources,
                                      const char *path,
                                      guint64     max_bytes,
                                      GPtrArray  *issues);

/* The default size limit of one glossary file: $GLOSSARY_LS_MAX_GLOSSARY_BYTES
 * (a number of bytes) when set and valid, else GLS_SOURCE_DEFAULT_MAX_BYTES. */
#define GLS_SOURCE_DEFAULT_MAX_BYTES ((guint64) 256 << 20)
guint64    gls_sources_max_file_bytes (void);

/* Like gls_sources_add_path_full, reading every file found at path in
 * format (GLS_FORMAT_AUTO: detected from each file's name and content,
 * gls_format_detect) — a project's {"path": ..., "format": ...}. */
gboolean   gls_sources_add_path_as (GPtrArray  *sources,
                                    const char *path,
                                    guint64     max_bytes,
                                    GlsFormat   format,
                                    GPtrArray  *issues);

/* A source from memory (tests, unsaved editor buffers), its format detected
 * from display_path and text. Takes a ref on text. */
GlsSource *gls_source_new_from_bytes (const char *display_path,
                                      const char *disk_path,
                                      GBytes     *text);
/* The same in format (GLS_FORMAT_AUTO: detected). A file in another format
 * than the seed layout is read once here (reader.h) so that text holds its
 * derived text from the start: slices, positions and the glossary cache's
 * key then agree whether the glossary is built or read from the cache. */
GlsSource *gls_source_new_in_format (const char *display_path,
                                     const char *disk_path,
                                     GBytes     *text,
                                     GlsFormat   format);

G_END_DECLS
