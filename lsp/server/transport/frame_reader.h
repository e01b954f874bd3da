/* frame_reader.h — LSP base-protocol framing on top of any GInputStream.
 *
 * Reads "Content-Length: N\r\n[other headers\r\n]\r\n" + N body bytes and
 * hands back the body. It exists because JsonrpcInputStream (jsonrpc-glib
 * 3.42), verified on this platform, loses the frame boundary on bad input:
 * a Content-Length over its 16 MiB limit fails on the header line and leaves
 * the rest of the headers and the whole body in the stream; a header block
 * without a usable Content-Length fails at the blank line and leaves the body
 * in the stream; "Content-Type: application/gvariant" switches it to decoding
 * the body as binary GVariant; and it parses the body itself, so nothing can
 * check the JSON nesting depth first (json-glib 1.6 recurses per level and
 * overflows the stack on ~50k nested brackets). This reader keeps the stream
 * in sync instead and leaves JSON to message.h.
 *
 * What is accepted: header lines end in "\r\n" or "\n"; names are
 * case-insensitive; the space after ':' is optional; unknown headers are
 * ignored; CR/LF bytes between frames are skipped. Content-Type, if present,
 * must be application/vscode-jsonrpc or application/json with no charset or
 * charset utf-8/utf8. Header bytes must be printable ASCII or tab.
 *
 * Errors (domain GLS_FRAME_ERROR) and what the next read does:
 *   EOF        input ended between frames. Final.
 *   TRUNCATED  input ended inside a frame. Final.
 *   TOO_LARGE  Content-Length above max_body. Recoverable: the error is
 *              reported as soon as the header block is read (the peer gets an
 *              answer without the server buffering the body) and the next read
 *              first discards the N body bytes.
 *   MALFORMED  the header block is unusable. Recoverable: if it still carried
 *              a valid Content-Length the body is discarded by count; if not
 *              (missing, unparsable, or conflicting lengths, or a header block
 *              over 64 KiB) the frame boundary is lost and the next read
 *              discards input up to the next "Content-Length:" (any case).
 *              That resync is best effort: a valid JSON body cannot contain a
 *              raw line break, but it can contain that text inside a string.
 * Any GIOError of the base stream (including G_IO_ERROR_CANCELLED) is final.
 *
 * Ownership: the reader refs the base stream and never closes it; nothing
 * else may read from it. One read at a time (a second concurrent read fails
 * with G_IO_ERROR_PENDING). The pending GTask holds a reference on the reader,
 * so unreffing it while a read is outstanding is safe; cancel the read to
 * stop it.
 *
 * Complexity: O(header bytes) per frame plus one copy of the body. Frames
 * already in the 64 KiB look-ahead buffer are taken without further I/O; the
 * rest of a larger body is read (or skipped) straight from the base stream,
 * so a pollable base (pipe, socket) never involves GLib's thread pool.
 * Memory: the buffer plus the body being returned (at most max_body).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The body limit of jsonrpc-glib, kept so both ends of any jsonrpc-glib
 * connection agree. */
#define GLS_FRAME_DEFAULT_MAX_BODY (16 * 1024 * 1024)

#define GLS_FRAME_ERROR (gls_frame_error_quark ())

typedef enum
{
  GLS_FRAME_ERROR_EOF,
  GLS_FRAME_ERROR_TRUNCATED,
  GLS_FRAME_ERROR_TOO_LARGE,
  GLS_FRAME_ERROR_MALFORMED,
} GlsFrameError;

GQuark gls_frame_error_quark (void);

/* TRUE if after this error the reader can read the next frame. */
gboolean gls_frame_error_is_recoverable (const GError *error);

#define GLS_TYPE_FRAME_READER (gls_frame_reader_get_type ())
G_DECLARE_FINAL_TYPE (GlsFrameReader, gls_frame_reader, GLS, FRAME_READER, GObject)

/* max_body: the largest accepted body in bytes (> 0). */
GlsFrameReader *gls_frame_reader_new         (GInputStream        *base,
                                              gsize                max_body);

/* Reads the next frame; the result is its body (possibly empty). */
void            gls_frame_reader_read_async  (GlsFrameReader      *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GBytes         *gls_frame_reader_read_finish (GlsFrameReader      *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
