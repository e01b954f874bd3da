/* feature_fixture.h — a GlsServer + GlsWorkspace + every feature module,
 * driven over pipes, for the tests of hover, completion, definition,
 * references and symbols.
 *
 * feat_new() writes the glossary text to terms.txt in a temporary directory
 * (the only glossary: the default one is left out so the terms are known),
 * starts a server with a workspace and gls_features_register_all(), and
 * sends initialize (with the capabilities given) and initialized.
 *
 * Requests: feat_request() sends one and returns its result, skipping the
 * notifications the server sends meanwhile (diagnostics, log messages) and
 * answering requests from the server with null. Waits are bounded by the
 * harness (a hang guard, not a timing assertion).
 *
 * Positions: feat_position() finds the n-th occurrence of a string in a text
 * and converts its byte offset (plus a delta) to an LSP position in the
 * fixture's negotiated encoding, counted independently of the server
 * (GLib's UTF-16 conversion), so a server that mixed encodings would fail.
 *
 * JSON goes in as text and comes out as JsonNode (owned by the caller).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "harness.h"
#include "json_path.h"
#include "server/workspace/workspace.h"

G_BEGIN_DECLS

typedef struct
{
  const char *capabilities;   /* JSON; NULL: {} (UTF-16, plain text) */
  const char *glossary_text;  /* NULL: GLS_TEST_GLOSSARY_TEXT */
  const char *glossary_name;  /* its file's name, which tells its format; NULL: terms.txt */
} FeatSetup;

typedef struct
{
  GlsTestPeer        *peer;
  GlsServer          *server;
  GlsWorkspace       *ws;
  char               *dir;
  char               *glossary_path;
  char               *glossary_uri;
  gint64              next_id;
  GlsPositionEncoding encoding;   /* what the server answered */
} FeatFixture;

FeatFixture *feat_new        (const FeatSetup *setup);
void         feat_free       (FeatFixture *f);

/* file:// URI of name inside the fixture's directory (owned). */
char        *feat_uri        (FeatFixture *f, const char *name);
/* A JSON string literal (owned). */
char        *feat_json_string (const char *text);

void         feat_open       (FeatFixture *f, const char *uri, const char *language_id,
                              const char *text);
/* Replaces the whole text (version must grow). */
void         feat_replace    (FeatFixture *f, const char *uri, gint64 version, const char *text);

/* The result of a request (asserting a result, not an error). */
JsonNode    *feat_request    (FeatFixture *f, const char *method, const char *params_json);
/* The whole response, result or error. */
JsonNode    *feat_request_raw (FeatFixture *f, const char *method, const char *params_json);
/* {textDocument: {uri}, position: {line, character}} plus extra members
 * (JSON text without braces, e.g. "\"context\":{...}", or NULL). */
char        *feat_position_params (const char *uri, gint64 line, gint64 character,
                                   const char *extra);

/* The position of byte (offset of the occurrence-th `needle` in text) +
 * delta, in encoding. Fails the test if needle is missing. */
void         feat_position   (const char *text, const char *needle, guint occurrence,
                              gsize delta, GlsPositionEncoding encoding,
                              gint64 *line, gint64 *character);
/* The position of a byte offset in encoding. */
void         feat_offset_position (const char *text, gsize offset, GlsPositionEncoding encoding,
                                   gint64 *line, gint64 *character);

/* TRUE if node's range ({start, end}) at path is exactly these numbers. */
gboolean     feat_range_is   (JsonNode *node, const char *path, gint64 sl, gint64 sc,
                              gint64 el, gint64 ec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeatFixture, feat_free)

G_END_DECLS
