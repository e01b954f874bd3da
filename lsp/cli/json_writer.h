/* json_writer.h — pretty JSON written straight into a GString, laid out
 * byte for byte as json-glib 1.6's JsonGenerator (pretty, indent 2) lays
 * out the same tree, for the linter's per-finding output (lint_report.c).
 *
 * Why not JsonBuilder + JsonGenerator: building a node tree and a generator
 * per finding cost ~70k instructions a finding, ~9% of a lint run on the
 * lint-vs-grep corpus; this writes the same bytes as it goes.
 *
 * The calls mirror JsonBuilder's (begin/end object and array, a member name
 * before each member value). Layout: "{" / "[" then one element per line,
 * "," after all but the last, members as `"name" : value`, each line indented
 * by 2 spaces per level plus a base indent (the first line included); an
 * empty array as "[]", an empty object as "{", 2 spaces per level of the
 * object, "}" (json-glib's quirk, kept). Strings are escaped as json-glib escapes
 * them (\" \\ \b \f \n \r \t, other C0 and DEL as \u00xx, everything else
 * verbatim) except U+001F, which json-glib 1.6 writes raw (invalid JSON) and
 * this writes as \u001f; and "##[" inside a string becomes "##\u005b" (the
 * same JSON string; lint_message.h: no legacy workflow command in a CI log).
 * Strings must be valid UTF-8: the caller makes them so (lint_report.c
 * passes text through g_utf8_make_valid), bytes are copied as they are.
 *
 * A GlsJsonWriter lives on the caller's stack, holds no allocation of its
 * own and writes into the caller's GString; nesting is bounded by
 * GLS_JSON_WRITER_DEPTH (g_assert). One thread at a time.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLS_JSON_WRITER_DEPTH 16

typedef struct
{
  GString    *out;
  guint       base_indent;
  guint       depth;                          /* open containers */
  guint       count[GLS_JSON_WRITER_DEPTH];   /* elements written in each */
  const char *member;                         /* (nullable) name of the next value */
} GlsJsonWriter;

/* Starts a document (one root value) appended to out, every line indented
 * by base_indent spaces. out is borrowed. */
void gls_json_writer_init              (GlsJsonWriter *w, GString *out, guint base_indent);

/* The name of the next value; only inside an object. name is borrowed until
 * that value is written. */
void gls_json_writer_set_member_name   (GlsJsonWriter *w, const char *name);
void gls_json_writer_begin_object      (GlsJsonWriter *w);
void gls_json_writer_end_object        (GlsJsonWriter *w);
void gls_json_writer_begin_array       (GlsJsonWriter *w);
void gls_json_writer_end_array         (GlsJsonWriter *w);
/* value: valid UTF-8, NUL-terminated. */
void gls_json_writer_add_string_value  (GlsJsonWriter *w, const char *value);
void gls_json_writer_add_int_value     (GlsJsonWriter *w, gint64 value);
void gls_json_writer_add_boolean_value (GlsJsonWriter *w, gboolean value);
void gls_json_writer_add_null_value    (GlsJsonWriter *w);

/* Appends text escaped as a JSON string body (no quotes), as above. */
void gls_json_writer_escape            (GString *out, const char *text);

G_END_DECLS
