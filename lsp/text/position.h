/* position.h — LSP positions <-> byte offsets, in the negotiated encoding.
 *
 * The core speaks byte offsets into UTF-8; LSP speaks (line, character) where
 * "character" counts code units of the encoding agreed at initialize: UTF-16
 * unless the client offered and the server chose UTF-8 or UTF-32. This module
 * is the only place that converts between the two.
 *
 * What LSP 3.17 says, and what is done where it is silent:
 *   - Line terminators are "\n", "\r\n" and "\r" (see lines.h). Positions are
 *     line-end agnostic: one cannot address "\r|\n" or "\n|", so a byte
 *     offset inside a terminator maps to the end of the line it ends.
 *   - "If the character value is greater than the line length it defaults
 *     back to the line length" (spec, Position): clamped to the line's end,
 *     never into or past its terminator.
 *   - A line past the end of the document: the 3.17 text says nothing; the
 *     protocol's TypeScript types (vscode-languageserver-types 3.17.5) say it
 *     "defaults back to the number of lines in the document", which
 *     vscode-languageserver-textdocument implements as the document's end.
 *     Same here: any line >= n_lines is the end of the text. Negative lines or
 *     characters (also from those types) default to 0.
 *   - A character inside a code point (between the two halves of a UTF-16
 *     surrogate pair, or inside a UTF-8 sequence under UTF-8 encoding): the
 *     spec says nothing; the position snaps back to the start of that code
 *     point, so the result is never inside a UTF-8 sequence. Likewise a byte
 *     offset inside a sequence converts as the sequence's start.
 *   - Invalid UTF-8: each byte that does not begin a valid sequence is one
 *     code unit in every encoding. This matches an editor that decoded the
 *     file with one U+FFFD per bad byte (U+FFFD is one UTF-16 and one UTF-32
 *     unit; here it also counts as one UTF-8 unit, the byte itself). VS Code's
 *     decoder does that for stray bytes such as Latin-1 text; for a truncated
 *     multi-byte prefix ("\xE2\x82x") it emits one U+FFFD for the whole prefix,
 *     where this module counts two units. Clients send JSON strings, which are
 *     valid Unicode, so this only matters for text read from disk.
 *
 * Complexity: O(log lines) to find the line plus O(line length) to count units
 * (O(1) for UTF-8 positions -> offsets); no call reads outside the one line.
 *
 * The index must describe text[0..len) (see lines.h). All functions are pure:
 * safe from any thread on data nobody mutates.
 */
#pragma once

#include <glib.h>

#include "text/lines.h"

G_BEGIN_DECLS

typedef enum
{
  GLS_POSITION_UTF8,
  GLS_POSITION_UTF16,
  GLS_POSITION_UTF32,
} GlsPositionEncoding;

/* Parses the LSP PositionEncodingKind strings "utf-8", "utf-16", "utf-32"
 * (exact, as the spec spells them). Returns FALSE for anything else. */
gboolean     gls_position_encoding_parse   (const char          *name,
                                            GlsPositionEncoding *out);

/* The LSP string of an encoding ("utf-16" ...), static. */
const char  *gls_position_encoding_to_string (GlsPositionEncoding encoding);

/* The encoding the server answers at initialize, given the client's
 * general.positionEncodings in its order of preference (NULL-terminated, or
 * NULL when absent): the first one understood, else UTF-16, which every
 * client must support. */
GlsPositionEncoding gls_position_encoding_choose (const char *const *offered);

/* Code units of text[0..len) in encoding, with the invalid-byte rule above. */
gsize        gls_position_count_units      (const char          *text,
                                            gsize                len,
                                            GlsPositionEncoding  encoding);

/* The byte offset of (line, character), clamped as described above: always a
 * code point boundary in [0, len], never inside a terminator. */
gsize        gls_position_to_offset        (const GlsLineIndex  *index,
                                            const char          *text,
                                            gsize                len,
                                            gint64               line,
                                            gint64               character,
                                            GlsPositionEncoding  encoding);

/* The position of a byte offset: offsets past len are len, an offset inside a
 * UTF-8 sequence is its start, an offset on or inside a terminator is the end
 * of the line it ends. */
void         gls_offset_to_position        (const GlsLineIndex  *index,
                                            const char          *text,
                                            gsize                len,
                                            gsize                offset,
                                            GlsPositionEncoding  encoding,
                                            gint64              *line,
                                            gint64              *character);

G_END_DECLS
