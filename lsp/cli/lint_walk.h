/* lint_walk.h — which files `glossary-ls lint PATH...` reads.
 *
 * Each PATH, in the order given:
 *   - "-" stands for standard input (one target without fs_path);
 *   - a file is linted whatever its contents ("named") when its type is
 *     known (gls_prose_path_type_is_known: a known extension, or none:
 *     README); a file with an unknown extension gets a note instead, as code
 *     of an unknown language read as prose gives false findings;
 *   - a directory is expanded recursively:
 *       * inside a git work tree: exactly the files git tracks or would track,
 *         i.e. `git ls-files -z --cached --others --exclude-standard` run in
 *         that directory, so .gitignore, .git/info/exclude and the global
 *         excludes file are honoured the way git honours them. git runs with
 *         every setting that could make it run a program overridden, a
 *         timeout, and its output checked (see git_ls_files in lint_walk.c
 *         and docs/security.md): a hostile .git cannot run code, hang the
 *         walk or point it outside the directory;
 *       * elsewhere (or when git is missing): every file below it, skipping
 *         hidden entries (".*"), node_modules, __pycache__, and build trees:
 *         directories holding CACHEDIR.TAG (cargo, many caches), meson-private
 *         (meson) or CMakeCache.txt (CMake);
 *     and of those only the files selected by gls_lint_walk_selects(), that
 *     are regular files (symlinks are never followed: a linked file is linted
 *     under its real name if the walk reaches it) and not binary (a NUL byte in
 *     their first 8 KiB). FIFOs, sockets and devices with a lintable name are
 *     skipped with a note; a directory reached again (same device and inode:
 *     a bind-mount loop) is skipped with a note.
 * A directory's files come sorted by path (byte order), so output order does
 * not depend on the file system. A file reached twice (same device and inode,
 * whatever the spelling: "x.md" and "./x.md", a hard link) is listed once, at
 * its first place.
 *
 * Reported names keep the user's spelling: "docs" gives "docs/intro.md", "."
 * gives "intro.md", "./docs" gives "./docs/intro.md".
 *
 * Problems (a PATH that does not exist, a directory that cannot be read) are
 * appended to problems as messages; the walk goes on with the other paths.
 * A directory that contributes no file at all (everything in it ignored by
 * git, or no Markdown or source file) is not a problem, but a note saying so
 * is appended to notes, because linting nothing looks like passing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *path;      /* the name the file is reported under */
  char     *fs_path;   /* the name it is opened by; NULL for standard input */
  gboolean  named;     /* given on the command line rather than found in a directory */
} GlsLintTarget;

void      gls_lint_target_free  (GlsLintTarget *target);

/* The walk described above. stdin_name is the reported name of "-" (NULL:
 * "-"). targets receives GlsLintTarget* (give it a free func of
 * gls_lint_target_free), problems and notes (may be NULL) receive char*.
 * Returns FALSE if any problem was found. */
gboolean  gls_lint_walk         (const char *const *paths,
                                 const char        *stdin_name,
                                 GPtrArray         *targets,
                                 GPtrArray         *problems,
                                 GPtrArray         *notes);

/* gls_lint_walk, and when skipped is non-NULL it receives "path: reason"
 * (char*) for every file a directory walk found and did not select (--verbose):
 * its type, a symbolic link, not a regular file, binary, vanished. */
gboolean  gls_lint_walk_full    (const char *const *paths,
                                 const char        *stdin_name,
                                 GPtrArray         *targets,
                                 GPtrArray         *problems,
                                 GPtrArray         *notes,
                                 GPtrArray         *skipped);

/* TRUE if a file found in a directory walk is linted, by its name: Markdown
 * and every language that gls_prose_language_id_for_path() knows and whose
 * comments text/prose.h can find (C, Python, shell, YAML, HTML, ...). Not:
 * plain text (*.txt and unknown names: too often data such as
 * requirements.txt, CMakeLists.txt or the glossary files themselves) and JSON
 * (no comments). Name such files explicitly to lint them. */
gboolean  gls_lint_walk_selects (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsLintTarget, gls_lint_target_free)

G_END_DECLS
