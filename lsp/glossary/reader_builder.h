/* reader_builder.h — how a glossary reader (reader.h) fills the model.
 *
 * A reader walks one file's bytes and, for each entry, calls begin / name /
 * category / definition / end. The builder turns that into the same GlsEntry
 * and GlsName records the seed loader (loader.h) produces, so everything
 * above the model works unchanged.
 *
 * The model stores text as slices of the source's bytes. A name or a
 * definition that lies verbatim in the file (a Markdown heading, a CSV field
 * without escapes, a plain YAML scalar) is stored as a slice of it, so
 * go-to-definition lands on it. Text that does not lie verbatim in the file
 * (an indented reST definition made flush, a JSON string with escapes, a YAML
 * block scalar) is copied to the builder's `derived` text, which the caller
 * appends to the file's bytes after one '\n' (gls_reader_builder_text);
 * slices of it start at len + 1. Entry lines always name the file's own line.
 *
 * Deprecated names ("write the headword, not this": a YAML `deprecated:`
 * list, a Markdown "X (deprecated)") are no names of the entry: they become
 * preferences (preference.h) whose preferred spelling is the entry's
 * headword, appended to preferences when the entry ends.
 *
 * Ownership: the builder borrows every array and the text; derived and the
 * pending deprecated names are owned by the builder until
 * gls_reader_builder_clear. One thread per builder.
 * Failure: problems go to issues as file:line; an entry without a name is
 * dropped with an error, one without a definition kept with a warning.
 */
#pragma once

#include <glib.h>

#include "glossary/entry.h"
#include "glossary/issue.h"

G_BEGIN_DECLS

typedef struct
{
  const char *path;       /* for issues */
  const char *text;       /* the file's bytes */
  gsize       len;
  guint32     source;
  GArray     *entries;    /* GlsEntry, appended to */
  GArray     *names;      /* GlsName, appended to */
  GPtrArray  *issues;     /* GlsIssue*, appended to */
  GString    *derived;    /* owned: text that is not verbatim in the file */
  GArray     *preferences;  /* (nullable) GlsPreference, appended to; NULL: deprecated names are dropped */
  /* private */
  GArray     *pending;      /* GlsPreference of the open entry, preferred unset; owned */
  GlsEntry    entry;
  gboolean    open;
  gsize       line_offset;  /* a known line start and its 1-based number: */
  guint       line_number;  /* line_of counts forward from it */
  guint       n_lines;      /* lines of the file, once an issue needed them; 0 before */
} GlsReaderBuilder;

void     gls_reader_builder_init  (GlsReaderBuilder *b, const char *path, const char *text, gsize len,
                                   guint32 source, GArray *entries, GArray *names, GPtrArray *issues);
void     gls_reader_builder_clear (GlsReaderBuilder *b);

/* 1-based line of byte offset (clamped to len). Fast when offsets only grow. */
guint    gls_reader_builder_line_of (GlsReaderBuilder *b, gsize offset);

/* Starts an entry whose header is the file line holding offset. An entry
 * still open is ended first. */
void     gls_reader_builder_begin (GlsReaderBuilder *b, gsize offset);
/* A name: text[start..start+len) of the file (trimmed of spaces). The first
 * name is the headword; later ones get role: GLS_ROLE_ALIAS for another name
 * the file gives the entry, GLS_ROLE_TITLE for Y of a title "X (Y)" (the
 * builder puts those last, after the header items, as the seed loader does). */
void     gls_reader_builder_name  (GlsReaderBuilder *b, gsize start, gsize len, GlsRole role);
/* A name given as a string: a slice of the file when s points into it or when
 * the same bytes stand at hint (an offset, or G_MAXSIZE for none), else
 * copied to the derived text. */
void     gls_reader_builder_name_text (GlsReaderBuilder *b, const char *s, gsize len, gsize hint,
                                       GlsRole role);
/* A deprecated name of the open entry, given as name_text gives a name
 * (trimmed; a slice of the file when it lies there, else derived text),
 * written on file line `line`. Kept until the entry ends: then, when the
 * entry has a headword, "write <headword>, not <s>" is appended to
 * preferences (an entry dropped for want of a name drops it too). */
void     gls_reader_builder_deprecated (GlsReaderBuilder *b, const char *s, gsize len, gsize hint, guint line);
/* TRUE when text[start..start+*len) ends with the marker "(deprecated)"
 * (any case, maybe in emphasis: "*(deprecated)*"); *len then drops it and
 * the blanks before it. */
gboolean gls_reader_builder_strip_deprecated (const char *text, gsize start, gsize *len);
/* A name written in the file at [start, start+len) (its marker stripped):
 * not deprecated, a name (gls_reader_builder_name); deprecated, a deprecated
 * name of the entry (above), except as the entry's first name, which has no
 * headword to prefer: a name then, with a warning. */
void     gls_reader_builder_name_marked (GlsReaderBuilder *b, gsize start, gsize len, GlsRole role,
                                         gboolean deprecated);
void     gls_reader_builder_category (GlsReaderBuilder *b, gsize start, gsize len);
/* The definition (Markdown): same rules as name_text. Blank lines around it
 * are trimmed. A second call replaces the first. */
void     gls_reader_builder_definition (GlsReaderBuilder *b, const char *md, gsize len, gsize hint);
/* Appends the entry (see Failure above). */
void     gls_reader_builder_end   (GlsReaderBuilder *b);

/* An issue at line (clamped to the file's last line; 0: the whole file). */
void     gls_reader_builder_issue (GlsReaderBuilder *b, guint line, GlsIssueSeverity severity,
                                   const char *format, ...) G_GNUC_PRINTF (4, 5);

/* The source text the slices refer to: the file's bytes, then (when anything
 * was derived) '\n' and the derived text. (transfer full) */
GBytes  *gls_reader_builder_text  (GlsReaderBuilder *b);

G_END_DECLS
