/* message.c — see message.h for the classification rules. */
#include "server/transport/message.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "text/json_guard.h"

void
gls_message_free (GlsMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->method);
  g_clear_pointer (&message->id, g_variant_unref);
  g_clear_pointer (&message->params, g_variant_unref);
  g_clear_pointer (&message->result, g_variant_unref);
  g_clear_pointer (&message->error, g_variant_unref);
  g_free (message);
}

/* The value of the \uXXXX escape at text[i] (text[i] == '\\'), or -1. */
static gint
unicode_escape (const char *text, gsize len, gsize i)
{
  gint value = 0;

  if (len - i < 6 || text[i + 1] != 'u')
    return -1;
  for (gsize k = i + 2; k < i + 6; k++)
    {
      gint digit = g_ascii_xdigit_value (text[k]);
      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

static gboolean
prescan_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
prescan_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_PARSE_ERROR, "Parse error: %s", message);
  return FALSE;
}

/* One pass over the raw body before json-glib, which must not see it unless
 * it is safe to:
 *   - json-glib 1.6 recurses once per nesting level and overflows the stack
 *     on ~50k brackets: deeper than GLS_MESSAGE_MAX_DEPTH is refused;
 *   - it also accepts what JSON does not, C comments and single-quoted
 *     strings, inside which a '"' would hide brackets from a depth count that
 *     only knows JSON strings. So the lexical syntax is checked strictly:
 *     outside strings only JSON's structural characters, white space and
 *     the characters of numbers and true/false/null; inside strings only
 *     JSON's escapes (a \u with four hex digits). json-glib checks the rest;
 *   - json-glib mishandles three valid escapes: a high surrogate not followed
 *     by an escaped low surrogate becomes invalid UTF-8 (g_variant_new_string
 *     then fails with a critical) or, when another \u escape follows, a parse
 *     error that leaks the scanner's string; a lone low surrogate is a parse
 *     error; \u0000 cuts the string short (GVariant strings cannot hold NUL),
 *     silently dropping the rest of, say, a didChange text. Each is rewritten
 *     to \uFFFD in a copy (*repaired, NULL when nothing was rewritten): the
 *     same length in the body and one UTF-16 unit like the original, so the
 *     positions of a change stay in sync.
 * Returns FALSE with a ParseError when the body is refused. */
static gboolean
prescan (const char *text, gsize len, char **repaired, GError **error)
{
  gsize depth = 0;
  gboolean in_string = FALSE;

  *repaired = NULL;
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      if (!in_string)
        {
          if (c == '"')
            in_string = TRUE;
          else if (c == '[' || c == '{')
            {
              if (++depth > GLS_MESSAGE_MAX_DEPTH)
                return prescan_error (error, "JSON nested deeper than %d levels",
                                      GLS_MESSAGE_MAX_DEPTH);
            }
          else if (c == ']' || c == '}')
            depth = depth > 0 ? depth - 1 : 0;
          else if (!(strchr (" \t\r\n:,-+.", c) != NULL && c != '\0') && !g_ascii_isalnum (c))
            return prescan_error (error, "unexpected byte 0x%02x outside a string at offset %"
                                  G_GSIZE_FORMAT, c, i);
          continue;
        }
      if (c == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (c != '\\')
        continue;
      if (i + 1 >= len)
        break;  /* an unterminated string: json-glib says so */
      if (text[i + 1] != 'u')
        {
          if (strchr ("\"\\/bfnrt", text[i + 1]) == NULL || text[i + 1] == '\0')
            return prescan_error (error, "invalid escape in a string at offset %" G_GSIZE_FORMAT,
                                  i);
          i++;
          continue;
        }
      gint value = unicode_escape (text, len, i);
      if (value < 0)
        return prescan_error (error, "invalid \\u escape in a string at offset %" G_GSIZE_FORMAT,
                              i);
      gboolean bad = value == 0 || (value >= 0xDC00 && value <= 0xDFFF);
      if (value >= 0xD800 && value <= 0xDBFF)
        {
          gint low = i + 6 < len && text[i + 6] == '\\' ? unicode_escape (text, len, i + 6) : -1;
          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              i += 11;  /* a proper pair */
              continue;
            }
          bad = TRUE;
        }
      if (bad)
        {
          if (*repaired == NULL)
            *repaired = g_memdup2 (text, len);
          memcpy (*repaired + i, "\\uFFFD", 6);
        }
      i += 5;
    }
  return TRUE;
}

static gboolean
is_id (GVariant *value)
{
  return value != NULL &&
         (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) ||
          g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ||
          g_variant_is_of_type (value, GLS_MESSAGE_RAW_ID_TYPE));
}

/* --- integer ids as written ----------------------------------------------
 *
 * json-glib reads every integer into a gint64, wrapping the rest (2^63 comes
 * out as -2^63, 2^64 - 1 as -1), and a reply must carry the id the client
 * sent. So the top-level "id" member is also found in the raw body; when its
 * digits are not what the gint64 prints, the id is kept as those digits
 * (GLS_MESSAGE_RAW_ID_TYPE) and gls_message_to_json writes them back. The
 * body is valid JSON here (json-glib accepted it), which the scanner relies
 * on. */

static const char *
skip_ws (const char *p, const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* p at the opening quote; returns the position after the closing one. */
static const char *
skip_string (const char *p, const char *end)
{
  for (p++; p < end && *p != '"'; p++)
    if (*p == '\\')
      p++;
  return p < end ? p + 1 : end;
}

static const char *
skip_value (const char *p, const char *end)
{
  if (p < end && *p == '"')
    return skip_string (p, end);
  if (p < end && (*p == '{' || *p == '['))
    {
      gsize depth = 0;
      while (p < end)
        {
          if (*p == '"')
            {
              p = skip_string (p, end);
              continue;
            }
          if (*p == '{' || *p == '[')
            depth++;
          else if ((*p == '}' || *p == ']') && --depth == 0)
            return p + 1;
          p++;
        }
      return end;
    }
  while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' && *p != '\n' &&
         *p != '\r')
    p++;
  return p;
}

/* The key between quotes [p, q) spells "id", escapes decoded. */
static gboolean
key_is_id (const char *p, const char *q)
{
  char out[2];
  gsize n = 0;

  while (p < q)
    {
      char c = *p++;
      if (c == '\\')
        {
          if (q - p < 5 || *p != 'u' || !g_ascii_isxdigit (p[1]) || !g_ascii_isxdigit (p[2]) ||
              !g_ascii_isxdigit (p[3]) || !g_ascii_isxdigit (p[4]))
            return FALSE;
          guint cp = (guint) (g_ascii_xdigit_value (p[1]) << 12 | g_ascii_xdigit_value (p[2]) << 8 |
                              g_ascii_xdigit_value (p[3]) << 4 | g_ascii_xdigit_value (p[4]));
          if (cp >= 0x80)
            return FALSE;
          c = (char) cp;
          p += 5;
        }
      if (n == 2)
        return FALSE;
      out[n++] = c;
    }
  return n == 2 && out[0] == 'i' && out[1] == 'd';
}

/* The text of the last top-level "id" member's value (json-glib keeps the
 * last of duplicates), or FALSE. */
static gboolean
find_raw_id (const char *body, gsize len, const char **start, const char **stop)
{
  const char *end = body + len, *p = skip_ws (body, end);
  gboolean found = FALSE;

  if (p >= end || *p != '{')
    return FALSE;
  for (p = skip_ws (p + 1, end); p < end && *p == '"';)
    {
      const char *key = p + 1;
      p = skip_string (p, end);
      gboolean is_id_key = key_is_id (key, p - 1);
      p = skip_ws (p, end);
      if (p >= end || *p != ':')
        return found;
      const char *value = skip_ws (p + 1, end);
      p = skip_value (value, end);
      if (is_id_key)
        {
          *start = value;
          *stop = p;
          found = TRUE;
        }
      p = skip_ws (p, end);
      if (p >= end || *p != ',')
        break;
      p = skip_ws (p + 1, end);
    }
  return found;
}

/* id as read by json-glib, or its digits when json-glib changed it. */
static GVariant *
exact_id (GVariant *id, const char *body, gsize len)
{
  const char *start, *stop;

  if (id == NULL || !g_variant_is_of_type (id, G_VARIANT_TYPE_INT64) ||
      !find_raw_id (body, len, &start, &stop))
    return id;
  /* An integer token: -?digits (json-glib made a gint64 of it). */
  const char *d = start + (start < stop && *start == '-');
  if (d == stop)
    return id;
  for (const char *c = d; c < stop; c++)
    if (!g_ascii_isdigit (*c))
      return id;
  g_autofree char *printed = g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (id));
  if (strlen (printed) == (gsize) (stop - start) && memcmp (printed, start, (gsize) (stop - start)) == 0)
    return id;
  g_autofree char *raw = g_strndup (start, (gsize) (stop - start));
  g_variant_unref (id);
  return g_variant_ref_sink (g_variant_new ("(s)", raw));
}

static gboolean
is_null (GVariant *value)
{
  return g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE) &&
         g_variant_n_children (value) == 0;
}

/* The body's JSON as a GVariant object (a{sv}, a new reference), or NULL
 * with -32700 for text that is no JSON or -32600 for JSON that is not an
 * object. body is the prescanned (maybe repaired) text. */
static GVariant *
parse_envelope (const char *body, gsize len, GError **error)
{
  g_autoptr(GError) parse_error = NULL;

  /* Not json_gvariant_deserialize_data(): in json-glib 1.6 it leaks its
   * parser on every syntax error, and a peer can send those at will. */
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  if (!gls_json_is_single_value (body, len))
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_PARSE_ERROR, "Parse error: text after the JSON value");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, body, (gssize) len, &parse_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_PARSE_ERROR,
                   "Parse error: %s", parse_error != NULL ? parse_error->message
                                                          : "empty message");
      return NULL;
    }
  g_autoptr(GVariant) root = json_gvariant_deserialize (json_parser_get_root (parser),
                                                        NULL, &parse_error);
  if (root == NULL)
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_PARSE_ERROR,
                   "Parse error: %s", parse_error->message);
      return NULL;
    }
  g_variant_ref_sink (root);

  if (!g_variant_is_of_type (root, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_REQUEST,
                   g_variant_is_of_type (root, G_VARIANT_TYPE ("av"))
                     ? "Invalid request: batches are not supported by LSP"
                     : "Invalid request: a message must be a JSON object");
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* A request (id set) or notification (id NULL) from root, taking *id; or
 * NULL with -32600 naming the field that is wrong. */
static GlsMessage *
classify_request (GVariant *root, GVariant *method, GVariant **id, GError **error)
{
  if (*id != NULL && !is_id (*id))
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_REQUEST,
                   "Invalid request: \"id\" must be an integer or a string");
      return NULL;
    }
  if (method == NULL || !g_variant_is_of_type (method, G_VARIANT_TYPE_STRING))
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_REQUEST,
                   method == NULL
                     ? "Invalid request: \"method\" is missing"
                     : "Invalid request: \"method\" must be a string");
      return NULL;
    }

  g_autoptr(GVariant) params = g_variant_lookup_value (root, "params", NULL);
  if (params != NULL && is_null (params))
    g_clear_pointer (&params, g_variant_unref);
  if (params != NULL &&
      !g_variant_is_of_type (params, G_VARIANT_TYPE_VARDICT) &&
      !g_variant_is_of_type (params, G_VARIANT_TYPE ("av")))
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_REQUEST,
                   "Invalid request: \"params\" must be an object or an array");
      return NULL;
    }

  GlsMessage *message = g_new0 (GlsMessage, 1);
  message->kind = *id != NULL ? GLS_MESSAGE_REQUEST : GLS_MESSAGE_NOTIFICATION;
  message->method = g_variant_dup_string (method, NULL);
  message->id = g_steal_pointer (id);
  message->params = g_steal_pointer (&params);
  return message;
}

GlsMessage *
gls_message_decode (const char  *body,
                    gsize        len,
                    GVariant   **bad_id,
                    GError     **error)
{
  if (bad_id != NULL)
    *bad_id = NULL;

  g_autofree char *repaired = NULL;
  if (!prescan (body, len, &repaired, error))
    return NULL;
  if (repaired != NULL)
    body = repaired;

  g_autoptr(GVariant) root = parse_envelope (body, len, error);
  if (root == NULL)
    return NULL;

  g_autoptr(GVariant) id = exact_id (g_variant_lookup_value (root, "id", NULL), body, len);
  if (is_id (id) && bad_id != NULL)
    *bad_id = g_variant_ref (id);

  const char *version = NULL;
  if (!g_variant_lookup (root, "jsonrpc", "&s", &version) ||
      !g_str_equal (version, "2.0"))
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_REQUEST,
                   "Invalid request: \"jsonrpc\" must be \"2.0\"");
      return NULL;
    }

  g_autoptr(GVariant) method = g_variant_lookup_value (root, "method", NULL);
  g_autoptr(GVariant) result = g_variant_lookup_value (root, "result", NULL);
  g_autoptr(GVariant) failure = g_variant_lookup_value (root, "error", NULL);

  /* A response answers one of our requests: it is never replied to, so it
   * is classified leniently and the caller matches (or drops) it. */
  if (method == NULL && (result != NULL || failure != NULL))
    {
      GlsMessage *message = g_new0 (GlsMessage, 1);
      message->kind = GLS_MESSAGE_RESPONSE;
      message->id = is_id (id) ? g_steal_pointer (&id) : NULL;
      message->result = g_steal_pointer (&result);
      message->error = g_steal_pointer (&failure);
      return message;
    }
  return classify_request (root, method, &id, error);
}

GVariant *
gls_message_null (void)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
}

static void
insert_id (GVariantDict *dict, GVariant *id)
{
  g_variant_dict_insert_value (dict, "id", id != NULL ? id : gls_message_null ());
}

GVariant *
gls_message_new_response (GVariant *id, GVariant *result)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (id != NULL && is_id (id), NULL);

  g_variant_dict_insert (&dict, "jsonrpc", "s", "2.0");
  insert_id (&dict, id);
  g_variant_dict_insert_value (&dict, "result",
                               result != NULL ? result : gls_message_null ());
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

GVariant *
gls_message_new_error (GVariant   *id,
                       int         code,
                       const char *message,
                       GVariant   *data)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_auto(GVariantDict) err = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (id == NULL || is_id (id), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  /* Messages can quote the peer's input: json-glib's parse errors show the
   * string constant they gave up on, which may be invalid UTF-8 ("\ude0"
   * decoded as a lone surrogate), and a GVariant string must be valid. */
  g_autofree char *valid = g_utf8_validate (message, -1, NULL) ? NULL
                                                               : g_utf8_make_valid (message, -1);
  g_variant_dict_insert (&err, "code", "x", (gint64) code);
  g_variant_dict_insert (&err, "message", "s", valid != NULL ? valid : message);
  if (data != NULL)
    g_variant_dict_insert_value (&err, "data", data);

  g_variant_dict_insert (&dict, "jsonrpc", "s", "2.0");
  insert_id (&dict, id);
  g_variant_dict_insert_value (&dict, "error", g_variant_dict_end (&err));
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

GVariant *
gls_message_new_notification (const char *method, GVariant *params)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (method != NULL, NULL);

  g_variant_dict_insert (&dict, "jsonrpc", "s", "2.0");
  g_variant_dict_insert (&dict, "method", "s", method);
  if (params != NULL)
    g_variant_dict_insert_value (&dict, "params", params);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

GVariant *
gls_message_new_request (GVariant *id, const char *method, GVariant *params)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (is_id (id), NULL);
  g_return_val_if_fail (method != NULL, NULL);

  g_variant_dict_insert (&dict, "jsonrpc", "s", "2.0");
  insert_id (&dict, id);
  g_variant_dict_insert (&dict, "method", "s", method);
  if (params != NULL)
    g_variant_dict_insert_value (&dict, "params", params);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

char *
gls_message_id_to_string (GVariant *id)
{
  if (id == NULL)
    return g_strdup ("null");
  if (g_variant_is_of_type (id, G_VARIANT_TYPE_INT64))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (id));
  if (g_variant_is_of_type (id, G_VARIANT_TYPE_STRING))
    return g_strdup_printf ("\"%s\"", g_variant_get_string (id, NULL));
  if (g_variant_is_of_type (id, GLS_MESSAGE_RAW_ID_TYPE))
    {
      const char *raw;
      g_variant_get (id, "(&s)", &raw);
      return g_strdup (raw);
    }
  return g_variant_print (id, FALSE);
}

GBytes *
gls_message_to_json (GVariant *message)
{
  g_autoptr(GVariant) id = g_variant_lookup_value (message, "id", NULL);
  g_autoptr(GVariant) rest = NULL;
  const char *raw = NULL;

  if (id != NULL && g_variant_is_of_type (id, GLS_MESSAGE_RAW_ID_TYPE))
    {
      /* The envelope without "id", which is written back as its digits. */
      g_auto(GVariantBuilder) b = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
      GVariantIter iter;
      const char *key;
      GVariant *value;
      g_variant_iter_init (&iter, message);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (strcmp (key, "id") != 0)
            g_variant_builder_add (&b, "{sv}", key, value);
          g_variant_unref (value);
        }
      rest = g_variant_ref_sink (g_variant_builder_end (&b));
      g_variant_get (id, "(&s)", &raw);
      message = rest;
    }
  g_autoptr(JsonNode) node = json_gvariant_serialize (message);
  g_autofree char *json = json_to_string (node, FALSE);
  if (raw == NULL)
    {
      gsize len = strlen (json);
      return g_bytes_new_take (g_steal_pointer (&json), len);
    }
  g_assert (json[0] == '{');
  char *spliced = g_strdup_printf ("{\"id\":%s%s%s", raw, json[1] == '}' ? "" : ",", json + 1);
  gsize len = strlen (spliced);
  return g_bytes_new_take (spliced, len);
}
