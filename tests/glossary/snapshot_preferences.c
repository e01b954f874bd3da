/* The preferences of a glossary (preference.h) in its snapshot (snapshot.h):
 * stored and read back as they were, and a damaged record refused. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "glossary/digest.h"
#include "glossary/glossary.h"
#include "glossary/glossary_build.h"
#include "glossary/snapshot.h"
#include "glossary/snapshot_format.h"

#include "common/leak-check.h"

static const char text[] = "allowlist, allow list\n"
                           "**Allowlist** is a list of what is permitted.\n"
                           "Avoid: whitelist, white list\n";

static GPtrArray *
sources_new (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", NULL, bytes));
  return sources;
}

static GBytes *
encode (GlsGlossary **out)
{
  g_autoptr (GPtrArray) sources = sources_new ();
  *out = gls_glossary_new_from_sources (sources, NULL);
  return gls_snapshot_encode (*out, "k", 1, NULL, 0);
}

GLS_TEST (snapshot_preferences, round_trip)
{
  g_autoptr (GlsGlossary) g = NULL;
  g_autoptr (GBytes) bytes = encode (&g);
  g_autoptr (GPtrArray) sources = sources_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) back = gls_snapshot_decode (bytes, "k", 1, sources, NULL, &error);
  cr_assert_not_null (back, "%s", error ? error->message : "");
  cr_assert_eq (gls_glossary_n_preferences (g), 2);
  cr_assert_eq (gls_glossary_n_preferences (back), 2);
  for (guint i = 0; i < 2; i++)
    cr_expect_eq (memcmp (gls_glossary_preference (g, i), gls_glossary_preference (back, i), sizeof (GlsPreference)),
                  0);
  gsize len;
  const char *rejected = gls_glossary_source_slice (back, 0, gls_glossary_preference (back, 1)->rejected, &len);
  cr_expect_eq (strncmp (rejected, "white list", len), 0);
  cr_expect_eq (len, strlen ("white list"));
}

GLS_TEST (snapshot_preferences, damaged_record_is_refused)
{
  g_autoptr (GlsGlossary) g = NULL;
  g_autoptr (GBytes) bytes = encode (&g);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const guint32 bad[][2] = {
    { G_STRUCT_OFFSET (GlsPreference, source), 7 },
    { G_STRUCT_OFFSET (GlsPreference, rejected) + sizeof (guint32), 0 },        /* empty rejected */
    { G_STRUCT_OFFSET (GlsPreference, preferred), (guint32) strlen (text) + 1 }, /* past the source */
  };
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, len);
      GlsSnapshotHeader *h = (GlsSnapshotHeader *) copy;
      guint32 *field = (guint32 *) (copy + h->sections[GLS_SNAPSHOT_SEC_PREFERENCES].offset + bad[k][0]);
      *field = bad[k][1];
      GlsDigest sum = gls_digest (copy + GLS_SNAPSHOT_CHECKED_FROM, len - GLS_SNAPSHOT_CHECKED_FROM);
      h->checksum_lo = sum.lo;
      h->checksum_hi = sum.hi;
      g_autoptr (GBytes) damaged = g_bytes_new (copy, len);
      g_autoptr (GPtrArray) sources = sources_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GlsGlossary) back = gls_snapshot_decode (damaged, "k", 1, sources, NULL, &error);
      cr_expect_null (back, "case %u decoded", k);
      cr_expect (error != NULL && strstr (error->message, "preference 0") != NULL, "case %u: %s", k,
                 error ? error->message : "no error");
    }
}
