/* source_files.h — glossary files read from disk, and the embedded seeds,
 * as GlsSources (source.h).
 *
 * The default glossary (seeds/) is compiled into the binary, so glossary-ls works
 * from any directory. Its sources still point at real files when an identical copy
 * exists in ../share/glossary-ls/seeds beside the running binary's directory (a
 * relocated install such as the VS Code extension's bundled server), the source
 * tree or the installed data directory, checked in that order, so positions open
 * the real seed file; otherwise they are named resource:///org/glossary-ls/seeds/...
 *
 * User glossaries are files or directories (recursively, sorted by path,
 * every file a reader recognises by its name or its content: walk_filter.h;
 * hidden entries skipped but vocabulary lists such as .cspell.json and the
 * few hidden directories they live in). With a format configured for the
 * directory, only the readers' endings (*.txt, *.glossary). Failing paths
 * are reported as issues and the rest still loads; a file looked into for
 * its content that is no glossary, or cannot be read, is passed over in
 * silence.
 *
 * Paths may come from an untrusted repository (docs/security.md), so every
 * file is read through text/safe_file.h: only regular files, never blocking
 * on a FIFO or device, at most a size limit per file (past it the file is
 * reported and skipped). A directory walk reads each directory and each file
 * once (by device and inode: `a -> .` and `b -> .` end the walk instead of
 * looping), follows a symbolic link only when it resolves inside the walked
 * directory, stops at 32 levels and at 100,000 entries per directory, and
 * looks into at most 10,000 files for their content.
 */
#pragma once

#include <glib.h>

#include "glossary/issue.h"
#include "glossary/source.h"

G_BEGIN_DECLS

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

/* The same, reading every file found at path in format (GLS_FORMAT_AUTO:
 * detected from each file's name and content, gls_format_detect): a
 * project's {"path": ..., "format": ...}. */
gboolean   gls_sources_add_path_as (GPtrArray  *sources,
                                    const char *path,
                                    guint64     max_bytes,
                                    GlsFormat   format,
                                    GPtrArray  *issues);

/* The default size limit of one glossary file: $GLOSSARY_LS_MAX_GLOSSARY_BYTES
 * (a number of bytes) when set and valid, else GLS_SOURCE_DEFAULT_MAX_BYTES. */
#define GLS_SOURCE_DEFAULT_MAX_BYTES ((guint64) 256 << 20)
guint64    gls_sources_max_file_bytes (void);

G_END_DECLS
