/* Tests of ServerCapabilities assembly from dotted paths. */
#include <criterion/criterion.h>

#include "common/leak-check.h"
#include <json-glib/json-glib.h>

#include "server/capabilities.h"

static char *
build_json (GlsCapabilities *caps)
{
  g_autoptr(GVariant) built = gls_capabilities_build (caps);

  return json_gvariant_serialize_data (built, NULL);
}

GLS_TEST (capabilities, empty_is_an_empty_object)
{
  g_autoptr(GlsCapabilities) caps = gls_capabilities_new ();
  g_autofree char *json = build_json (caps);

  cr_expect_str_eq (json, "{}");
}

GLS_TEST (capabilities, paths_share_intermediate_objects_in_order)
{
  g_autoptr(GlsCapabilities) caps = gls_capabilities_new ();
  g_autoptr(GError) error = NULL;

  cr_assert (gls_capabilities_set (caps, "hoverProvider",
                                   g_variant_new_boolean (TRUE), &error));
  cr_assert (gls_capabilities_set (caps, "workspace.workspaceFolders.supported",
                                   g_variant_new_boolean (TRUE), &error));
  cr_assert (gls_capabilities_set (caps, "textDocumentSync",
                                   g_variant_new_int64 (2), &error));
  cr_assert (gls_capabilities_set (caps, "workspace.fileOperations",
                                   g_variant_new_parsed ("@a{sv} {}"), &error));
  g_autofree char *json = build_json (caps);
  cr_expect_str_eq (json, "{\"hoverProvider\":true,\"workspace\":"
                          "{\"workspaceFolders\":{\"supported\":true},"
                          "\"fileOperations\":{}},\"textDocumentSync\":2}");
  cr_expect (gls_capabilities_has (caps, "workspace.workspaceFolders"));
  cr_expect (!gls_capabilities_has (caps, "workspace.nope"));
}

GLS_TEST (capabilities, conflicts_are_refused_and_change_nothing)
{
  g_autoptr(GlsCapabilities) caps = gls_capabilities_new ();
  g_autoptr(GError) error = NULL;

  cr_assert (gls_capabilities_set (caps, "completionProvider",
                                   g_variant_new_parsed ("@a{sv} {}"), &error));
  cr_assert (gls_capabilities_set (caps, "workspace.a", g_variant_new_int64 (1),
                                   &error));
  g_autofree char *before = build_json (caps);

  /* Same path twice, a path through a leaf, a leaf over an object. */
  cr_expect (!gls_capabilities_set (caps, "completionProvider",
                                    g_variant_new_boolean (TRUE), &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_clear_error (&error);
  cr_expect (!gls_capabilities_set (caps, "workspace.a.b", g_variant_new_int64 (1),
                                    &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_clear_error (&error);
  cr_expect (!gls_capabilities_set (caps, "workspace", g_variant_new_int64 (1),
                                    &error));
  g_clear_error (&error);
  cr_expect (!gls_capabilities_set (caps, "a..b", g_variant_new_int64 (1),
                                    &error));
  g_clear_error (&error);

  g_autofree char *after = build_json (caps);
  cr_expect_str_eq (after, before);
}
