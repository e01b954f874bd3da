/* prose.h — where in a document glossary terms may be matched.
 *
 * A GlsProse turns a document (VS Code languageId + UTF-8 bytes) into prose
 * spans: byte ranges [start, end) of the text, each with a kind. Terms are
 * matched only inside spans; everything else (code, identifiers, string
 * literals, URLs, markup, math, front matter) is invisible to the matcher.
 *
 * Languages (gls_prose_language() names the resolved one):
 *   - "markdown": paragraphs, list items, block quotes (TEXT), headings
 *     (HEADING), table cells (TABLE), link and image text (LINK_TEXT), HTML
 *     comments (HTML_COMMENT, see below) and the text between raw HTML tags.
 *     Not prose: fenced and indented code, code spans, link destinations,
 *     titles and reference definitions, autolinks and bare URLs (http://,
 *     https://, www.), HTML tags, entity references, YAML/TOML front matter,
 *     math ($...$, $$...$$). Emphasis delimiters (* _ ~) are cut out, so
 *     "**rotary position** embedding" gives "rotary position" and "embedding".
 *     Shortcut references "[text]" are TEXT, not LINK_TEXT: telling them from
 *     brackets needs the document's definitions, which would make edits
 *     non-local. Scanned by hand (prose_markdown.c, prose_inline.c): the
 *     tree-sitter Markdown block grammar parses at ~1-3 MB/s here (and
 *     its inline grammar slower still), see bench/prose.c.
 *   - "c", "cpp", "python", "javascript", "typescript", "tsx", "rust", "go",
 *     "bash", "lua", "java" (tree-sitter): comments only (COMMENT), markers
 *     stripped, block comments split per line without their " * " decoration;
 *     Python docstrings (first statement of a module, class or function) are
 *     DOCSTRING, split at blank lines. A "#!" first line is not a comment.
 *   - "fallback:<markers>" for the languageIds of the table in
 *     prose_fallback.c (ruby, sql, haskell, csharp, html, latex, ...): COMMENT
 *     spans found by a scanner that skips string literals.
 *   - "plaintext" (also every unknown languageId): all text is prose, one TEXT
 *     span per paragraph (blank lines separate paragraphs).
 *   - "glossary" (tree-sitter, the glossary grammar): header items (HEADING)
 *     and entry text read as Markdown; not code or math blocks, the preamble
 *     or stray text (prose_glossary.h).
 *
 * Span invariants: sorted by start, non-overlapping, never empty, never begin
 * or end with ASCII white space, and contain at least one ASCII letter or
 * digit or non-ASCII byte. A span may cover several lines of one paragraph
 * but never crosses a block boundary, a code span, a link destination or a
 * container marker ("> " of a block quote: such paragraphs are split per line).
 * Offsets are bytes; nothing is decoded, so invalid UTF-8 and NUL bytes are
 * just bytes (all cut points are ASCII bytes, so a span never splits a valid
 * UTF-8 sequence).
 *
 * HTML comments in Markdown are not prose: readers never see them, so
 * gls_prose_kind_is_matchable() is FALSE for GLS_PROSE_HTML_COMMENT. They are
 * still reported (interior of <!-- -->, trimmed) so the linter can read
 * suppression comments such as "glossary-ls: disable-next-line"; in code the
 * COMMENT spans serve the same purpose and are matchable.
 *
 * Ownership and threads: a GlsProse owns its tree-sitter parser and tree, its
 * spans and its bookkeeping, never the text: every call that takes the text
 * reads it only during the call. One GlsProse is used by one thread at a time;
 * distinct GlsProse objects are independent.
 *
 * The span vocabulary (GlsProseKind, GlsProseSpan, GlsByteRange and their
 * helpers) is in span.h, which this header includes.
 *
 * Complexity: full parse O(n) (Markdown ~100+ MB/s; code at tree-sitter's
 * speed); gls_prose_reparse_after_edit re-extracts only the blocks/comments
 * whose spans may differ plus an O(spans + lines) shift of later offsets;
 * gls_prose_spans is O(log spans + result).
 */
#pragma once

#include <gio/gio.h>

#include "text/span.h"

G_BEGIN_DECLS

typedef struct _GlsProse GlsProse;

/* Never NULL: languageIds are matched case-insensitively; unknown ones give
 * plaintext. NULL means plaintext. */
GlsProse    *gls_prose_new          (const char *language_id);
void         gls_prose_free         (GlsProse *p);

/* The resolved language, e.g. "markdown", "c", "fallback:#", "plaintext". */
const char  *gls_prose_language     (const GlsProse *p);

/* Full parse of text[0..len) (call once, and after any change that is not
 * described to gls_prose_reparse_after_edit). On error or cancellation the
 * GlsProse holds no spans until the next successful parse. Documents of 4 GiB
 * or more are refused (offsets are 32-bit). */
gboolean     gls_prose_parse        (GlsProse     *p,
                                     const char   *text,
                                     gsize         len,
                                     GCancellable *cancellable,
                                     GError      **error);

/* Incremental update after one edit: the old bytes [start, old_end) were
 * replaced, giving new_text in which the replacement is [start, new_end).
 * Appends to changed (a GArray of GlsByteRange, sorted, disjoint, in new-text
 * offsets) every range whose spans may differ from before, widened to whole
 * blocks/comments; outside those ranges the spans are the old ones shifted by
 * new_end - old_end. If the GlsProse has no valid parse (never parsed, or the
 * last call failed) this is a full parse and changed gets [0, new_len).
 * Inconsistent offsets (start > old_end, start > new_end, new_end > new_len)
 * are G_IO_ERROR_INVALID_ARGUMENT and leave the state untouched. */
gboolean     gls_prose_reparse_after_edit (GlsProse     *p,
                                           const char   *new_text,
                                           gsize         new_len,
                                           guint32       start,
                                           guint32       old_end,
                                           guint32       new_end,
                                           GArray       *changed,
                                           GCancellable *cancellable,
                                           GError      **error);

/* Appends to out (a GArray of GlsProseSpan) the spans intersecting
 * [from, to), in document order. */
void         gls_prose_spans        (const GlsProse *p,
                                     guint32         from,
                                     guint32         to,
                                     GArray         *out);

/* Number of spans of the current parse. */
guint        gls_prose_n_spans      (const GlsProse *p);

/* TRUE if the tree-sitter tree of the last parse has syntax errors. There,
 * and only there, incremental results may differ from a fresh parse: tree-
 * sitter's error recovery depends on the edit history. (Markdown, fallback
 * and plaintext never have errors.) */
gboolean     gls_prose_has_errors   (const GlsProse *p);

/* Appends to out every span extracted anew from text (the current document)
 * and the current tree, without the incremental span store: equal to
 * gls_prose_spans over everything after any sequence of calls. For tests and
 * debugging; O(document). */
void         gls_prose_extract_all  (const GlsProse *p,
                                     const char     *text,
                                     gsize           len,
                                     GArray         *out);

/* The languageId an editor would give a file, from its name (for the CLI):
 * "README.md" -> "markdown", "x.c" -> "c", "Makefile" -> "makefile", unknown
 * extensions -> "plaintext". Static string. */
const char  *gls_prose_language_id_for_path (const char *path);

/* FALSE when path's name ends in an extension that the table behind
 * gls_prose_language_id_for_path does not list ("kernel.xyz"): its
 * "plaintext" is a guess, and code read as prose gives false findings.
 * Names without an extension ("README", "NOTES") are known plain text. */
gboolean     gls_prose_path_type_is_known   (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsProse, gls_prose_free)

G_END_DECLS
