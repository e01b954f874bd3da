/* glossary_cache.h — built glossaries kept on disk between runs.
 *
 * Loading a large glossary parses every byte through the tree-sitter grammar
 * (~1.5 s for 100k entries); a language server restarted with every editor and
 * a linter run on every commit would pay that each time. After a build, the
 * model is written as a snapshot (snapshot.h) into a cache directory; the next
 * load whose sources are byte-for-byte the same decodes it instead of parsing.
 *
 * The key is exact, not a guess from timestamps: the path and a gls_digest of
 * the bytes of every source, in order, plus the identity (device, inode, size,
 * modification time) of the running executable, since the model also depends
 * on the code that built it and the word list compiled into it. The file name
 * is a digest of the key and the snapshot stores the key itself, so a name
 * collision is a miss, not a wrong glossary.
 *
 * The cache never changes what a load returns, only how fast: a missing,
 * stale, truncated or damaged file is a miss (decoding checks everything), and
 * a directory that cannot be written is silently not used (g_debug says why).
 * Files are written to a temporary name and renamed, so concurrent processes
 * never see half a file; the directory keeps the GLS_GLOSSARY_CACHE_FILES
 * most recently written snapshots, and no more of them than fit in
 * GLS_GLOSSARY_CACHE_BYTES (the newest is kept whatever its size): every save
 * of an edited 100k-entry glossary in the editor writes a 32 MB snapshot.
 *
 * The directory must be the user's own: owned by the effective user and not
 * writable by group or others (gls_glossary_cache_dir_trusted); otherwise the
 * cache is not used at all and one warning per process goes to stderr.
 * Snapshots are opened with O_NOFOLLOW | O_NONBLOCK and read only when they
 * are regular files (text/safe_file.h): a symlink or FIFO planted at a
 * snapshot's name is a miss, never a hang.
 */
#pragma once

#include <glib.h>

#include "glossary/glossary.h"

G_BEGIN_DECLS

#define GLS_GLOSSARY_CACHE_FILES 8
#define GLS_GLOSSARY_CACHE_BYTES ((guint64) 512 << 20)

/* The cache directory the front ends use: $GLOSSARY_LS_CACHE_DIR when set (an
 * empty value turns the cache off: NULL), else glossary-ls/ in the user's
 * cache directory ($XDG_CACHE_HOME, ~/.cache). */
char        *gls_glossary_cache_default_dir (void);

/* TRUE if dir exists, is a directory, is owned by the effective user and is
 * not writable by group or others. Warns once per process otherwise. */
gboolean     gls_glossary_cache_dir_trusted (const char *dir);

/* The key of sources (GlsSource*), or NULL when it cannot be made (the
 * executable cannot be identified): then nothing is cached. */
GBytes      *gls_glossary_cache_key (GPtrArray *sources);

/* The glossary cached in dir under key, built on sources (moved into it, and
 * its stored issues appended to issues), or NULL on any miss, sources and
 * issues untouched. */
GlsGlossary *gls_glossary_cache_read (const char *dir,
                                      GBytes     *key,
                                      GPtrArray  *sources,
                                      GPtrArray  *issues);

/* Stores glossary under key in dir (created if needed), with the issues of
 * issues from first_issue on (those its build reported). Failures are only
 * logged with g_debug. */
void         gls_glossary_cache_write (const char        *dir,
                                       GBytes            *key,
                                       const GlsGlossary *glossary,
                                       GPtrArray         *issues,
                                       guint              first_issue);

/* Removes the snapshots (*.glsnap) of dir beyond the max_files newest and
 * beyond max_bytes in all, newest first; the newest is always kept. Other
 * files are left alone. gls_glossary_cache_write calls it with
 * GLS_GLOSSARY_CACHE_FILES and GLS_GLOSSARY_CACHE_BYTES. */
void         gls_glossary_cache_prune (const char *dir,
                                       guint       max_files,
                                       guint64     max_bytes);

G_END_DECLS
