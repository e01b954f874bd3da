/* json_writer.c — see json_writer.h. */
#include "cli/json_writer.h"

#include <string.h>

void
gls_json_writer_init (GlsJsonWriter *w, GString *out, guint base_indent)
{
  memset (w, 0, sizeof *w);
  w->out = out;
  w->base_indent = base_indent;
}

static void
indent (GlsJsonWriter *w, guint level)
{
  gsize n = w->base_indent + 2 * (gsize) level;
  gsize at = w->out->len;
  g_string_set_size (w->out, at + n);
  memset (w->out->str + at, ' ', n);
}

/* Bytes that need more than a copy in a JSON string body as json-glib
 * writes it, plus '[' (checked for a preceding "##"). */
static const guint8 special[256] = {
  [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
  [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
  [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1,
  [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1, ['['] = 1, [0x7f] = 1,
};

void
gls_json_writer_escape (GString *out, const char *text)
{
  gsize body = out->len;   /* where this string's bytes start */
  const char *p = text;

  for (;;)
    {
      const char *run = p;
      while (*p != '\0' && !special[(guint8) *p])
        p++;
      if (p > run)
        g_string_append_len (out, run, p - run);
      if (*p == '\0')
        return;
      char c = *p++;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '[':
          /* No escape yields '#', so "##" before it is text of this string. */
          if (out->len - body >= 2 && out->str[out->len - 1] == '#' && out->str[out->len - 2] == '#')
            g_string_append (out, "\\u005b");
          else
            g_string_append_c (out, '[');
          break;
        default:
          g_string_append_printf (out, "\\u00%02x", (guint) (guint8) c);
          break;
        }
    }
}

/* Starts a value: the separator from the previous element, the line's
 * indent and the member name. */
static void
begin_value (GlsJsonWriter *w)
{
  if (w->depth > 0)
    {
      guint *count = &w->count[w->depth - 1];
      g_string_append (w->out, *count > 0 ? ",\n" : "\n");
      (*count)++;
    }
  indent (w, w->depth);
  if (w->member != NULL)
    {
      g_string_append_c (w->out, '"');
      gls_json_writer_escape (w->out, w->member);
      g_string_append (w->out, "\" : ");
      w->member = NULL;
    }
}

void
gls_json_writer_set_member_name (GlsJsonWriter *w, const char *name)
{
  g_assert (w->depth > 0 && w->member == NULL);
  w->member = name;
}

static void
open_container (GlsJsonWriter *w, char c)
{
  g_assert (w->depth < GLS_JSON_WRITER_DEPTH);
  begin_value (w);
  g_string_append_c (w->out, c);
  w->count[w->depth++] = 0;
}

static void
close_container (GlsJsonWriter *w, char c)
{
  g_assert (w->depth > 0 && w->member == NULL);
  w->depth--;
  if (w->count[w->depth] == 0)
    {
      /* json-glib 1.6: an empty array is "[]", an empty object "{" and the
       * object's own indent (without the base, which only follows line
       * breaks) "}". */
      if (c == '}')
        for (guint i = 0; i < 2 * w->depth; i++)
          g_string_append_c (w->out, ' ');
    }
  else
    {
      g_string_append_c (w->out, '\n');
      indent (w, w->depth);
    }
  g_string_append_c (w->out, c);
}

void
gls_json_writer_begin_object (GlsJsonWriter *w)
{
  open_container (w, '{');
}

void
gls_json_writer_end_object (GlsJsonWriter *w)
{
  close_container (w, '}');
}

void
gls_json_writer_begin_array (GlsJsonWriter *w)
{
  open_container (w, '[');
}

void
gls_json_writer_end_array (GlsJsonWriter *w)
{
  close_container (w, ']');
}

void
gls_json_writer_add_string_value (GlsJsonWriter *w, const char *value)
{
  begin_value (w);
  g_string_append_c (w->out, '"');
  gls_json_writer_escape (w->out, value);
  g_string_append_c (w->out, '"');
}

void
gls_json_writer_add_int_value (GlsJsonWriter *w, gint64 value)
{
  begin_value (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

void
gls_json_writer_add_boolean_value (GlsJsonWriter *w, gboolean value)
{
  begin_value (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
gls_json_writer_add_null_value (GlsJsonWriter *w)
{
  begin_value (w);
  g_string_append (w->out, "null");
}
