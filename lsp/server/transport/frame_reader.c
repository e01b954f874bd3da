/* frame_reader.c — see frame_reader.h for the accepted syntax and recovery. */
#include "server/transport/frame_reader.h"

#include <string.h>

/* A header block larger than this is not LSP: real ones are ~60 bytes. It is
 * also the size of the peek buffer, so a whole block is always inspectable. */
#define MAX_HEADER_BYTES (64 * 1024)
/* Bodies being discarded are skipped in bounded steps. */
#define SKIP_CHUNK (1024 * 1024)

static const char content_length_name[] = "content-length:";

G_DEFINE_QUARK (gls-frame-error-quark, gls_frame_error)

struct _GlsFrameReader
{
  GObject               parent_instance;
  GBufferedInputStream *stream;
  gsize                 max_body;
  /* Recovery left for the next read by an earlier frame error. */
  guint64               skip_remaining;
  gboolean              resync;
  gboolean              reading;
};

G_DEFINE_FINAL_TYPE (GlsFrameReader, gls_frame_reader, G_TYPE_OBJECT)

typedef struct
{
  guint8 *body;
  gsize   body_len;
  gsize   body_have;  /* bytes copied from the peek buffer */
} ReadOp;

static void step (GTask *task);
static void finish_body (GTask *task);

gboolean
gls_frame_error_is_recoverable (const GError *error)
{
  return g_error_matches (error, GLS_FRAME_ERROR, GLS_FRAME_ERROR_TOO_LARGE) ||
         g_error_matches (error, GLS_FRAME_ERROR, GLS_FRAME_ERROR_MALFORMED);
}

static void
read_op_free (ReadOp *op)
{
  g_free (op->body);
  g_free (op);
}

static void
gls_frame_reader_finalize (GObject *object)
{
  GlsFrameReader *self = GLS_FRAME_READER (object);

  g_clear_object (&self->stream);
  G_OBJECT_CLASS (gls_frame_reader_parent_class)->finalize (object);
}

static void
gls_frame_reader_class_init (GlsFrameReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gls_frame_reader_finalize;
}

static void
gls_frame_reader_init (GlsFrameReader *self)
{
}

GlsFrameReader *
gls_frame_reader_new (GInputStream *base, gsize max_body)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (base), NULL);
  g_return_val_if_fail (max_body > 0, NULL);

  GlsFrameReader *self = g_object_new (GLS_TYPE_FRAME_READER, NULL);
  self->stream = G_BUFFERED_INPUT_STREAM (
      g_buffered_input_stream_new_sized (base, MAX_HEADER_BYTES));
  g_filter_input_stream_set_close_base_stream (
      G_FILTER_INPUT_STREAM (self->stream), FALSE);
  self->max_body = max_body;
  return self;
}

static const char *
peek (GlsFrameReader *self, gsize *available)
{
  return g_buffered_input_stream_peek_buffer (self->stream, available);
}

static GInputStream *
base_stream (GlsFrameReader *self)
{
  return g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self->stream));
}

/* Drops bytes that are already buffered: never blocks, never fails. */
static void
consume (GlsFrameReader *self, gsize n)
{
  if (n == 0)
    return;
  gssize skipped = g_input_stream_skip (G_INPUT_STREAM (self->stream), n,
                                        NULL, NULL);
  g_assert (skipped == (gssize) n);
}

static void
finish_error (GTask *task, GlsFrameError code, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

static void
finish_error (GTask *task, GlsFrameError code, const char *format, ...)
{
  GlsFrameReader *self = g_task_get_source_object (task);
  va_list args;

  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);

  self->reading = FALSE;
  g_task_return_new_error (task, GLS_FRAME_ERROR, code, "%s", message);
  g_object_unref (task);
}

static void
finish_gerror (GTask *task, GError *error)
{
  GlsFrameReader *self = g_task_get_source_object (task);

  self->reading = FALSE;
  g_task_return_error (task, error);
  g_object_unref (task);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
ascii_equal_n (const char *a, gsize a_len, const char *b)
{
  return a_len == strlen (b) && g_ascii_strncasecmp (a, b, a_len) == 0;
}

static void
trim (const char **s, gsize *len)
{
  while (*len > 0 && is_blank (**s))
    {
      (*s)++;
      (*len)--;
    }
  while (*len > 0 && is_blank ((*s)[*len - 1]))
    (*len)--;
}

/* "application/vscode-jsonrpc; charset=utf-8" and the variants LSP allows. */
static gboolean
content_type_ok (const char *value, gsize len)
{
  const char *semi = memchr (value, ';', len);
  gsize type_len = semi != NULL ? (gsize) (semi - value) : len;
  const char *type = value;

  trim (&type, &type_len);
  if (!ascii_equal_n (type, type_len, "application/vscode-jsonrpc") &&
      !ascii_equal_n (type, type_len, "application/json"))
    return FALSE;
  if (semi == NULL)
    return TRUE;

  const char *param = semi + 1;
  gsize param_len = len - (gsize) (param - value);
  trim (&param, &param_len);
  if (param_len < 8 || g_ascii_strncasecmp (param, "charset=", 8) != 0)
    return FALSE;
  const char *charset = param + 8;
  gsize charset_len = param_len - 8;
  if (charset_len >= 2 && charset[0] == '"' && charset[charset_len - 1] == '"')
    {
      charset++;
      charset_len -= 2;
    }
  return ascii_equal_n (charset, charset_len, "utf-8") ||
         ascii_equal_n (charset, charset_len, "utf8");
}

/* Parses digits only: no sign, no spaces, no overflow. */
static gboolean
parse_length (const char *value, gsize len, guint64 *out)
{
  guint64 n = 0;

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (value[i]))
        return FALSE;
      guint digit = (guint) (value[i] - '0');
      if (n > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      n = n * 10 + digit;
    }
  *out = n;
  return TRUE;
}

/* Parses block[0..len) (the header lines and the empty line ending them). Sets *has_length when exactly one usable Content-Length was seen,
 * even if the block is otherwise malformed, so the caller can still skip the
 * body by count. */
static gboolean
parse_headers (const char *block,
               gsize       len,
               guint64    *length,
               gboolean   *has_length,
               GError    **error)
{
  gboolean length_broken = FALSE;
  g_autoptr(GError) first_error = NULL;

  *has_length = FALSE;
  for (gsize start = 0; start < len;)
    {
      const char *nl = memchr (block + start, '\n', len - start);
      gsize end = nl != NULL ? (gsize) (nl - block) : len;
      const char *line = block + start;
      gsize line_len = end - start;

      start = end + 1;
      if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;
      if (line_len == 0)
        continue;  /* the empty line that ends the block */

      gboolean printable = TRUE;
      for (gsize i = 0; i < line_len; i++)
        if (!(g_ascii_isprint (line[i]) || line[i] == '\t'))
          printable = FALSE;
      const char *colon = memchr (line, ':', line_len);
      if (!printable || colon == NULL || colon == line)
        {
          if (first_error == NULL)
            first_error = g_error_new (GLS_FRAME_ERROR,
                                       GLS_FRAME_ERROR_MALFORMED,
                                       "malformed header line (expected "
                                       "'Name: value' in ASCII)");
          continue;
        }

      gsize name_len = (gsize) (colon - line);
      const char *value = colon + 1;
      gsize value_len = line_len - name_len - 1;
      trim (&value, &value_len);

      if (ascii_equal_n (line, name_len, "content-length"))
        {
          guint64 n;
          if (!parse_length (value, value_len, &n) ||
              (*has_length && n != *length))
            length_broken = TRUE;
          else
            {
              *length = n;
              *has_length = TRUE;
            }
        }
      else if (ascii_equal_n (line, name_len, "content-type") &&
               !content_type_ok (value, value_len) && first_error == NULL)
        first_error = g_error_new (GLS_FRAME_ERROR, GLS_FRAME_ERROR_MALFORMED,
                                   "unsupported Content-Type '%.*s' (only "
                                   "UTF-8 JSON is spoken here)",
                                   (int) MIN (value_len, 80), value);
    }

  if (length_broken || !*has_length)
    {
      *has_length = FALSE;
      g_set_error (error, GLS_FRAME_ERROR, GLS_FRAME_ERROR_MALFORMED,
                   length_broken ? "invalid Content-Length header"
                                 : "missing Content-Length header");
      return FALSE;
    }
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

/* Offset just past the empty line ending the header block in buf, or 0 if
 * the block is not complete yet. buf does not start with a line break. */
static gsize
find_header_end (const char *buf, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (buf[i] != '\n')
        continue;
      if (i + 1 < len && buf[i + 1] == '\n')
        return i + 2;
      if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n')
        return i + 3;
    }
  return 0;
}

static void
fill_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GlsFrameReader *self = g_task_get_source_object (task);
  GError *error = NULL;
  gsize available;

  gssize n = g_buffered_input_stream_fill_finish (self->stream, result, &error);
  if (n < 0)
    {
      finish_gerror (task, error);
      return;
    }
  if (n == 0)
    {
      peek (self, &available);
      /* Leftover bytes while resyncing were garbage already reported. */
      if (available == 0 || self->resync)
        finish_error (task, GLS_FRAME_ERROR_EOF, "end of input");
      else
        finish_error (task, GLS_FRAME_ERROR_TRUNCATED,
                      "input ended inside a message header");
      return;
    }
  step (task);
}

static void
fill (GTask *task)
{
  GlsFrameReader *self = g_task_get_source_object (task);

  g_buffered_input_stream_fill_async (self->stream, -1, G_PRIORITY_DEFAULT,
                                      g_task_get_cancellable (task),
                                      fill_cb, task);
}

static void
skip_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GlsFrameReader *self = g_task_get_source_object (task);
  GError *error = NULL;

  gssize n = g_input_stream_skip_finish (G_INPUT_STREAM (source), result,
                                         &error);
  if (n < 0)
    {
      finish_gerror (task, error);
      return;
    }
  if (n == 0)
    {
      finish_error (task, GLS_FRAME_ERROR_TRUNCATED,
                    "input ended inside a discarded message body");
      return;
    }
  self->skip_remaining -= (guint64) n;
  step (task);
}

static void
body_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  ReadOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  gsize n_read = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result,
                                       &n_read, &error))
    {
      finish_gerror (task, error);
      return;
    }
  if (op->body_have + n_read != op->body_len)
    {
      finish_error (task, GLS_FRAME_ERROR_TRUNCATED,
                    "input ended after %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                    " body bytes", op->body_have + n_read, op->body_len);
      return;
    }
  finish_body (task);
}

static void
finish_body (GTask *task)
{
  GlsFrameReader *self = g_task_get_source_object (task);
  ReadOp *op = g_task_get_task_data (task);

  GBytes *body = g_bytes_new_take (g_steal_pointer (&op->body), op->body_len);
  self->reading = FALSE;
  g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
  g_object_unref (task);
}

/* Discards input up to the next "Content-Length:". TRUE once found. */
static gboolean
resync (GlsFrameReader *self)
{
  const gsize name_len = sizeof content_length_name - 1;
  gsize available;
  const char *buf = peek (self, &available);

  for (gsize i = 0; i + name_len <= available; i++)
    if (g_ascii_strncasecmp (buf + i, content_length_name, name_len) == 0)
      {
        consume (self, i);
        self->resync = FALSE;
        return TRUE;
      }
  /* Keep a tail that may be the start of a match split across reads. */
  if (available >= name_len)
    consume (self, available - (name_len - 1));
  return FALSE;
}

static void
read_header (GTask *task)
{
  GlsFrameReader *self = g_task_get_source_object (task);
  gsize available;
  const char *buf = peek (self, &available);
  gsize lead = 0;

  while (lead < available && (buf[lead] == '\r' || buf[lead] == '\n'))
    lead++;
  consume (self, lead);
  buf = peek (self, &available);

  gsize header_len = find_header_end (buf, available);
  if (header_len == 0)
    {
      if (available < MAX_HEADER_BYTES)
        {
          fill (task);
          return;
        }
      consume (self, available);
      self->resync = TRUE;
      finish_error (task, GLS_FRAME_ERROR_MALFORMED,
                    "message header larger than %d bytes", MAX_HEADER_BYTES);
      return;
    }

  g_autoptr(GError) error = NULL;
  guint64 length = 0;
  gboolean has_length = FALSE;
  gboolean ok = parse_headers (buf, header_len, &length, &has_length, &error);
  consume (self, header_len);

  if (!ok)
    {
      if (has_length)
        self->skip_remaining = length;
      else
        self->resync = TRUE;
      finish_gerror (task, g_steal_pointer (&error));
      return;
    }
  if (length > self->max_body)
    {
      self->skip_remaining = length;
      finish_error (task, GLS_FRAME_ERROR_TOO_LARGE,
                    "message body of %" G_GUINT64_FORMAT " bytes exceeds the "
                    "limit of %" G_GSIZE_FORMAT " bytes", length,
                    self->max_body);
      return;
    }

  ReadOp *op = g_task_get_task_data (task);
  op->body_len = (gsize) length;
  op->body = g_malloc (MAX (op->body_len, 1));

  /* Take what is buffered synchronously and read any rest straight from the
   * base stream: async reads on a GBufferedInputStream (not pollable) run in
   * GLib's thread pool, one thread round trip per message otherwise. */
  buf = peek (self, &available);
  op->body_have = MIN (available, op->body_len);
  memcpy (op->body, buf, op->body_have);
  consume (self, op->body_have);
  if (op->body_have == op->body_len)
    {
      finish_body (task);
      return;
    }
  g_input_stream_read_all_async (base_stream (self), op->body + op->body_have,
                                 op->body_len - op->body_have,
                                 G_PRIORITY_DEFAULT,
                                 g_task_get_cancellable (task), body_cb, task);
}

/* One turn of the state machine: finish earlier recovery, then read a frame.
 * Every path either starts exactly one async operation (which calls step
 * again) or completes the task. */
static void
step (GTask *task)
{
  GlsFrameReader *self = g_task_get_source_object (task);

  if (self->skip_remaining > 0)
    {
      gsize available;
      peek (self, &available);
      gsize buffered = (gsize) MIN (self->skip_remaining, available);
      consume (self, buffered);
      self->skip_remaining -= buffered;
    }
  if (self->skip_remaining > 0)
    {
      /* The buffer is empty now: skip on the base stream (see read_header). */
      gsize chunk = (gsize) MIN (self->skip_remaining, SKIP_CHUNK);
      g_input_stream_skip_async (base_stream (self), chunk, G_PRIORITY_DEFAULT,
                                 g_task_get_cancellable (task), skip_cb, task);
      return;
    }
  if (self->resync && !resync (self))
    {
      fill (task);
      return;
    }
  read_header (task);
}

void
gls_frame_reader_read_async (GlsFrameReader      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GLS_IS_FRAME_READER (self));

  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gls_frame_reader_read_async);
  if (self->reading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "a frame is already being read");
      g_object_unref (task);
      return;
    }
  self->reading = TRUE;
  g_task_set_task_data (task, g_new0 (ReadOp, 1), (GDestroyNotify) read_op_free);
  step (task);
}

GBytes *
gls_frame_reader_read_finish (GlsFrameReader  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
