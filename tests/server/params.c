/* Tests of the typed params accessors, on params parsed from JSON text as
 * the message layer produces them. */
#include <criterion/criterion.h>

#include "common/leak-check.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "server/transport/params.h"

static GVariant *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = json_gvariant_deserialize_data (json, -1, NULL, &error);

  cr_assert_not_null (value, "%s", error ? error->message : "");
  return g_variant_ref_sink (value);
}

static const char doc[] =
  "{\"textDocument\":{\"uri\":\"file:///a.md\",\"version\":3},"
  "\"position\":{\"line\":2,\"character\":2147483648},"
  "\"contentChanges\":[{\"text\":\"hi\"},{\"range\":null,\"text\":\"yo\"}],"
  "\"ratio\":0.5,\"count\":4,\"flag\":true,\"nothing\":null,\"name\":\"x\"}";

static void
expect_invalid (const GError *error, const char *field)
{
  cr_assert (g_error_matches (error, GLS_RPC_ERROR, GLS_RPC_ERROR_INVALID_PARAMS),
             "expected InvalidParams, got %s", error ? error->message : "none");
  cr_expect (strstr (error->message, field) != NULL, "'%s' not named in: %s",
             field, error->message);
}

GLS_TEST (params, nested_paths_and_array_indices)
{
  g_autoptr(GVariant) params = parse (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  gint64 version = 0;

  cr_assert (gls_params_get_string (params, "textDocument.uri",
                                    GLS_PARAM_REQUIRED, &uri, &error));
  cr_expect_str_eq (uri, "file:///a.md");
  cr_assert (gls_params_get_int64 (params, "textDocument.version",
                                   GLS_PARAM_REQUIRED, &version, &error));
  cr_expect_eq (version, 3);
  cr_assert (gls_params_get_string (params, "contentChanges.1.text",
                                    GLS_PARAM_REQUIRED, &text, &error));
  cr_expect_str_eq (text, "yo");
  cr_expect (gls_params_has (params, "contentChanges.0"));
  cr_expect (!gls_params_has (params, "contentChanges.2"));
  cr_expect (!gls_params_has (params, "contentChanges.1.range"), "null is absent");
  cr_expect (!gls_params_has (params, "nothing"));
  cr_expect (gls_params_has (params, ""), "the empty path is params itself");
}

GLS_TEST (params, missing_required_and_optional_defaults)
{
  g_autoptr(GVariant) params = parse (doc);
  g_autoptr(GError) error = NULL;
  gint64 value = 42;
  gboolean flag = TRUE;
  g_autofree char *text = NULL;

  cr_expect (gls_params_get_int64 (params, "absent", GLS_PARAM_OPTIONAL, &value,
                                   &error));
  cr_expect_eq (value, 42, "an absent optional leaves the default");
  cr_expect (gls_params_get_bool (params, "nothing", GLS_PARAM_OPTIONAL, &flag,
                                  &error));
  cr_expect (flag, "null counts as absent");
  cr_expect (gls_params_get_string (params, "a.b.c", GLS_PARAM_OPTIONAL, &text,
                                    &error));
  cr_expect_null (text);
  cr_expect_null (error);

  cr_expect (!gls_params_get_int64 (params, "textDocument.missing",
                                    GLS_PARAM_REQUIRED, &value, &error));
  expect_invalid (error, "textDocument.missing");
  g_clear_error (&error);
  cr_expect (!gls_params_get_string (params, "nothing", GLS_PARAM_REQUIRED,
                                     &text, &error));
  expect_invalid (error, "nothing");
  g_clear_error (&error);
  cr_expect (!gls_params_get_string (NULL, "uri", GLS_PARAM_REQUIRED, &text,
                                     &error), "no params: everything is absent");
  expect_invalid (error, "uri");
}

GLS_TEST (params, wrong_types_name_field_and_types)
{
  g_autoptr(GVariant) params = parse (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 number = 0;
  gboolean flag = FALSE;
  g_autoptr(GVariant) object = NULL;

  cr_expect (!gls_params_get_string (params, "count", GLS_PARAM_OPTIONAL, &text,
                                     &error), "optional does not excuse a type");
  expect_invalid (error, "count");
  cr_expect (strstr (error->message, "expected a string, got an integer") != NULL,
             "%s", error->message);
  g_clear_error (&error);

  cr_expect (!gls_params_get_int64 (params, "ratio", GLS_PARAM_REQUIRED, &number,
                                    &error));
  expect_invalid (error, "ratio");
  g_clear_error (&error);
  cr_expect (!gls_params_get_bool (params, "name", GLS_PARAM_REQUIRED, &flag,
                                   &error));
  expect_invalid (error, "name");
  g_clear_error (&error);
  cr_expect (!gls_params_get_object (params, "contentChanges", GLS_PARAM_REQUIRED,
                                     &object, &error));
  expect_invalid (error, "contentChanges");
  cr_expect (strstr (error->message, "got an array") != NULL, "%s",
             error->message);
  g_clear_error (&error);

  /* Walking through a scalar names the scalar's path. */
  cr_expect (!gls_params_get_string (params, "textDocument.uri.scheme",
                                     GLS_PARAM_OPTIONAL, &text, &error));
  expect_invalid (error, "textDocument.uri");
  cr_expect (strstr (error->message, "expected an object, got a string") != NULL,
             "%s", error->message);
  g_clear_error (&error);
  cr_expect (!gls_params_get_string (params, "name.0", GLS_PARAM_OPTIONAL, &text,
                                     &error));
  expect_invalid (error, "name");
  cr_expect (strstr (error->message, "expected an array") != NULL, "%s",
             error->message);
}

GLS_TEST (params, numbers)
{
  g_autoptr(GVariant) params = parse (doc);
  g_autoptr(GError) error = NULL;
  double real = 0;
  guint32 line = 0;
  guint32 character = 7;

  cr_assert (gls_params_get_double (params, "ratio", GLS_PARAM_REQUIRED, &real,
                                    &error));
  cr_expect_float_eq (real, 0.5, 1e-12);
  cr_assert (gls_params_get_double (params, "count", GLS_PARAM_REQUIRED, &real,
                                    &error), "an integer is a number too");
  cr_expect_float_eq (real, 4.0, 1e-12);

  cr_assert (gls_params_get_uinteger (params, "position.line", GLS_PARAM_REQUIRED,
                                      &line, &error));
  cr_expect_eq (line, 2);
  cr_expect (!gls_params_get_uinteger (params, "position.character",
                                       GLS_PARAM_REQUIRED, &character, &error),
             "2^31 is outside LSP's uinteger");
  expect_invalid (error, "position.character");
  cr_expect_eq (character, 7, "output untouched on error");
}

GLS_TEST (params, containers_are_new_references)
{
  g_autoptr(GVariant) params = parse (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) document = NULL;
  g_autoptr(GVariant) changes = NULL;

  cr_assert (gls_params_get_object (params, "textDocument", GLS_PARAM_REQUIRED,
                                    &document, &error));
  cr_expect (g_variant_is_of_type (document, G_VARIANT_TYPE_VARDICT));
  cr_assert (gls_params_get_array (params, "contentChanges", GLS_PARAM_REQUIRED,
                                   &changes, &error));
  cr_expect_eq (g_variant_n_children (changes), 2);
  g_clear_pointer (&params, g_variant_unref);
  /* Still usable after params is gone. */
  cr_expect (g_variant_lookup (document, "version", "x", NULL));
}

GLS_TEST (params, type_names)
{
  g_autoptr(GVariant) params = parse ("{\"o\":{},\"a\":[],\"i\":1,\"d\":1.5,"
                                      "\"s\":\"\",\"b\":false,\"n\":null}");
  const struct
  {
    const char *key;
    const char *name;
  } cases[] = {
    { "o", "an object" }, { "a", "an array" }, { "i", "an integer" },
    { "d", "a number" },  { "s", "a string" }, { "b", "a boolean" },
    { "n", "null" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (params, cases[i].key,
                                                          NULL);
      cr_expect_str_eq (gls_params_type_name (value), cases[i].name);
    }
}
