/* params.c — see params.h. */
#include "server/transport/params.h"

#include <string.h>

const char *
gls_params_type_name (GVariant *value)
{
  if (value == NULL)
    return "nothing";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARDICT))
    return "an object";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY))
    return "an array";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return "an integer";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return "a number";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return "a string";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return "a boolean";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    return "null";
  return "an unexpected value";
}

static gboolean
is_null (GVariant *value)
{
  return g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE) &&
         g_variant_n_children (value) == 0;
}

static gboolean
parse_index (const char *segment, gsize len, gsize *index)
{
  guint64 n = 0;

  if (len == 0 || len > 9)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (segment[i]))
        return FALSE;
      n = n * 10 + (guint64) (segment[i] - '0');
    }
  *index = (gsize) n;
  return TRUE;
}

static void
set_error (GError **error, const char *path, const char *problem, GVariant *got)
{
  g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_PARAMS,
               "Invalid params: %s: %s%s%s", *path != '\0' ? path : "params",
               problem, got != NULL ? ", got " : "",
               got != NULL ? gls_params_type_name (got) : "");
}

/* Walks path. TRUE with *out = NULL when the value is absent or null; TRUE
 * with a new reference when found; FALSE when a segment before the last does
 * not lead through an object or array. */
static gboolean
resolve (GVariant   *params,
         const char *path,
         GVariant  **out,
         GError    **error)
{
  g_autoptr(GVariant) cur = params != NULL ? g_variant_ref (params) : NULL;
  const char *segment = path;

  *out = NULL;
  while (*path != '\0')
    {
      if (cur == NULL || is_null (cur))
        return TRUE;

      const char *dot = strchr (segment, '.');
      gsize len = dot != NULL ? (gsize) (dot - segment) : strlen (segment);
      g_autoptr(GVariant) next = NULL;
      gsize index;
      gboolean numeric = parse_index (segment, len, &index);

      if (g_variant_is_of_type (cur, G_VARIANT_TYPE_VARDICT))
        {
          g_autofree char *key = g_strndup (segment, len);
          next = g_variant_lookup_value (cur, key, NULL);
        }
      else if (numeric && g_variant_is_of_type (cur, G_VARIANT_TYPE ("av")))
        {
          if (index < g_variant_n_children (cur))
            {
              g_autoptr(GVariant) boxed = g_variant_get_child_value (cur, index);
              next = g_variant_get_variant (boxed);
            }
        }
      else
        {
          /* The path up to (not including) this segment names the culprit. */
          gsize prefix_len = segment > path ? (gsize) (segment - path) - 1 : 0;
          g_autofree char *prefix = g_strndup (path, prefix_len);
          set_error (error, prefix,
                     numeric ? "expected an array" : "expected an object", cur);
          return FALSE;
        }

      g_clear_pointer (&cur, g_variant_unref);
      cur = g_steal_pointer (&next);
      if (dot == NULL)
        break;
      segment = dot + 1;
    }

  if (cur != NULL && !is_null (cur))
    *out = g_steal_pointer (&cur);
  return TRUE;
}

/* Resolves and checks presence. TRUE with *value set: check its type. TRUE
 * with *value NULL: optional and absent. FALSE: error set. */
static gboolean
lookup (GVariant       *params,
        const char     *path,
        GlsParamFlags   flags,
        GVariant      **value,
        GError        **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (!resolve (params, path, value, error))
    return FALSE;
  if (*value == NULL && !(flags & GLS_PARAM_OPTIONAL))
    {
      set_error (error, path, "missing", NULL);
      return FALSE;
    }
  return TRUE;
}

/* lookup() that also checks the type: TRUE with *out set (a new
 * reference) or, optional and absent, left alone. */
static gboolean
lookup_typed (GVariant           *params,
              const char         *path,
              GlsParamFlags       flags,
              const GVariantType *type,
              const char         *expected,
              GVariant          **out,
              GError            **error)
{
  g_autoptr(GVariant) value = NULL;

  if (!lookup (params, path, flags, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (!g_variant_is_of_type (value, type))
    {
      set_error (error, path, expected, value);
      return FALSE;
    }
  *out = g_steal_pointer (&value);
  return TRUE;
}

gboolean
gls_params_get_string (GVariant       *params,
                       const char     *path,
                       GlsParamFlags   flags,
                       char          **out,
                       GError        **error)
{
  g_autoptr(GVariant) value = NULL;

  if (!lookup_typed (params, path, flags, G_VARIANT_TYPE_STRING, "expected a string", &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  /* A copy: a GVariant built in tree form frees its children when it is
   * serialized later, so a borrowed pointer could dangle. */
  *out = g_variant_dup_string (value, NULL);
  return TRUE;
}

gboolean
gls_params_get_int64 (GVariant       *params,
                      const char     *path,
                      GlsParamFlags   flags,
                      gint64         *out,
                      GError        **error)
{
  g_autoptr(GVariant) value = NULL;

  if (!lookup_typed (params, path, flags, G_VARIANT_TYPE_INT64, "expected an integer", &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  *out = g_variant_get_int64 (value);
  return TRUE;
}

gboolean
gls_params_get_uinteger (GVariant       *params,
                         const char     *path,
                         GlsParamFlags   flags,
                         guint32        *out,
                         GError        **error)
{
  g_autoptr(GVariant) value = NULL;

  if (!lookup_typed (params, path, flags, G_VARIANT_TYPE_INT64, "expected an integer", &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  gint64 n = g_variant_get_int64 (value);
  if (n < 0 || n > GLS_PARAMS_UINTEGER_MAX)
    {
      g_set_error (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_PARAMS,
                   "Invalid params: %s: %" G_GINT64_FORMAT " is out of the "
                   "range 0..%d", path, n, GLS_PARAMS_UINTEGER_MAX);
      return FALSE;
    }
  *out = (guint32) n;
  return TRUE;
}

gboolean
gls_params_get_double (GVariant       *params,
                       const char     *path,
                       GlsParamFlags   flags,
                       double         *out,
                       GError        **error)
{
  g_autoptr(GVariant) value = NULL;

  if (!lookup (params, path, flags, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    *out = g_variant_get_double (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    *out = (double) g_variant_get_int64 (value);
  else
    {
      set_error (error, path, "expected a number", value);
      return FALSE;
    }
  return TRUE;
}

gboolean
gls_params_get_bool (GVariant       *params,
                     const char     *path,
                     GlsParamFlags   flags,
                     gboolean       *out,
                     GError        **error)
{
  g_autoptr(GVariant) value = NULL;

  if (!lookup_typed (params, path, flags, G_VARIANT_TYPE_BOOLEAN, "expected a boolean", &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  *out = g_variant_get_boolean (value);
  return TRUE;
}

gboolean
gls_params_get_object (GVariant       *params,
                       const char     *path,
                       GlsParamFlags   flags,
                       GVariant      **out,
                       GError        **error)
{
  return lookup_typed (params, path, flags, G_VARIANT_TYPE_VARDICT,
                        "expected an object", out, error);
}

gboolean
gls_params_get_array (GVariant       *params,
                      const char     *path,
                      GlsParamFlags   flags,
                      GVariant      **out,
                      GError        **error)
{
  return lookup_typed (params, path, flags, G_VARIANT_TYPE ("av"),
                        "expected an array", out, error);
}

gboolean
gls_params_has (GVariant *params, const char *path)
{
  g_autoptr(GVariant) value = NULL;

  if (!resolve (params, path, &value, NULL))
    return FALSE;
  return value != NULL;
}
