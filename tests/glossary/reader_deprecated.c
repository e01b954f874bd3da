/* Deprecated names in every glossary format (reader_builder.h,
 * preference.h): a `deprecated` key or column in YAML, JSON, CSV and
 * Contextive term tables, "X (deprecated)" in Markdown (headings, definition
 * lists, bold-lead items, "also called"), Sphinx and MyST term lines, and the
 * seed format's `deprecated:` line. Each gives "write the headword, not X" at
 * the line X is written on, and X is no name of the entry. The same
 * preferences survive a glossary build from sources and its snapshot. */
#include "common/leak-check.h"
#include "reader_helpers.h"

#include "glossary/glossary.h"
#include "glossary/glossary_build.h"
#include "glossary/snapshot.h"

TestSuite (reader_deprecated);

GLS_TEST (reader_deprecated, yaml_list_string_and_block_scalar)
{
  static const char text[] = "- term: allowlist\n"
                             "  definition: A list of what is permitted.\n"
                             "  aliases: [allow list]\n"
                             "  deprecated:\n"
                             "    - whitelist\n"
                             "    - \"white list\"\n"
                             "- term: blocklist\n"
                             "  definition: A list of what is refused.\n"
                             "  deprecated: blacklist; black list\n"
                             "- term: primary\n"
                             "  definition: The node that takes writes.\n"
                             "  avoid: |\n"
                             "    master\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_YAML, "glossary.yml", text);

  cr_assert_eq (r->entries->len, 3);
  assert_names (r, 0, "allowlist|allow list");
  assert_names (r, 1, "blocklist");
  assert_names (r, 2, "primary");
  /* A block scalar is derived text, but its line is where it is written. */
  assert_preferences (r, "whitelist->allowlist@5, white list->allowlist@6, blacklist->blocklist@9, "
                         "black list->blocklist@9, master->primary@12");
  g_autofree char *issues = issues_of (r);
  cr_assert_str_eq (issues, "");
}

GLS_TEST (reader_deprecated, yaml_mapping_form_and_an_entry_without_a_term)
{
  static const char text[] = "GPU:\n"
                             "  definition: Graphics processing unit.\n"
                             "  deprecated: [graphics card]\n"
                             "- oops\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_YAML, "g.yaml", text);
  /* A syntax error after the mapping: nothing of that document loads, and no
   * deprecated name without its entry either. */
  cr_assert_eq (r->entries->len, 0);
  assert_preferences (r, "");

  static const char ok[] = "GPU:\n"
                           "  definition: Graphics processing unit.\n"
                           "  deprecated: [graphics card]\n"
                           "TPU: Tensor processing unit.\n";
  g_autoptr (Read) r2 = read_as (GLS_FORMAT_YAML, "g.yaml", ok);
  cr_assert_eq (r2->entries->len, 2);
  assert_preferences (r2, "graphics card->GPU@3");
}

GLS_TEST (reader_deprecated, json_records_with_escapes)
{
  static const char text[] = "[\n"
                             "  {\"term\": \"allowlist\",\n"
                             "   \"definition\": \"A list of what is permitted.\",\n"
                             "   \"deprecated\": [\"whitelist\",\n"
                             "                  \"white\\u0020list\"]},\n"
                             "  {\"term\": \"blocklist\", \"definition\": \"Refused.\", \"deprecated\": \"blacklist\"}\n"
                             "]\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_JSON, "glossary.json", text);

  cr_assert_eq (r->entries->len, 2);
  assert_names (r, 0, "allowlist");
  /* The escaped one is derived text, on the line of its token. */
  assert_preferences (r, "whitelist->allowlist@4, white list->allowlist@5, blacklist->blocklist@6");
}

GLS_TEST (reader_deprecated, csv_column_split_and_quoted)
{
  static const char text[] = "term,definition,deprecated\r\n"
                             "allowlist,A list of what is permitted.,whitelist;white list\r\n"
                             "blocklist,A list of what is refused.,\"blacklist,\r\n"
                             "\"\"black list\"\"\"\r\n"
                             "primary,The node that takes writes.,\r\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_CSV, "glossary.csv", text);

  cr_assert_eq (r->entries->len, 3);
  assert_names (r, 1, "blocklist");
  /* An escaped field ("") is derived: its parts take the field's line. */
  assert_preferences (r, "whitelist->allowlist@2, white list->allowlist@2, blacklist->blocklist@3, "
                         "\"black list\"->blocklist@3");
}

GLS_TEST (reader_deprecated, contextive_term_key)
{
  static const char text[] = "contexts:\n"
                             "  - name: Serving\n"
                             "    terms:\n"
                             "      - name: Replica\n"
                             "        definition: One copy of the model behind the load balancer.\n"
                             "        aliases: [instance]\n"
                             "        deprecated: [slave]\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_CONTEXTIVE, ".contextive/definitions.yml", text);

  cr_assert_eq (r->entries->len, 1);
  assert_names (r, 0, "Replica|instance");
  assert_preferences (r, "slave->Replica@7");
}

GLS_TEST (reader_deprecated, markdown_headings_and_also_called)
{
  static const char text[] = "# Glossary\n"
                             "\n"
                             "## Allowlist\n"
                             "\n"
                             "A list of what is permitted, also called **whitelist** (deprecated).\n"
                             "\n"
                             "## Blocklist (denylist)\n"
                             "\n"
                             "A list of what is refused, also known as blacklist (Deprecated).\n"
                             "\n"
                             "## Primary\n"
                             "\n"
                             "The node that takes writes, also called leader.\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "GLOSSARY.md", text);

  cr_assert_eq (r->entries->len, 3);
  assert_names (r, 0, "Allowlist");
  assert_names (r, 1, "Blocklist|denylist");
  assert_names (r, 2, "Primary|leader");
  assert_preferences (r, "whitelist->Allowlist@5, blacklist->Blocklist@9");
}

GLS_TEST (reader_deprecated, markdown_definition_list_and_bold_lead)
{
  static const char text[] = "Allowlist\n"
                             "Whitelist (deprecated)\n"
                             ": A list of what is permitted.\n"
                             "\n"
                             "- **Blocklist**: a list of what is refused, also called *blacklist* *(deprecated)*.\n"
                             "- **Primary (deprecated)**: a lone deprecated name.\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_MARKDOWN, "glossary.md", text);

  cr_assert_eq (r->entries->len, 3);
  assert_names (r, 0, "Allowlist");
  assert_names (r, 1, "Blocklist");
  /* A first name marked deprecated has no headword to prefer: a name, warned. */
  assert_names (r, 2, "Primary");
  assert_preferences (r, "Whitelist->Allowlist@2, blacklist->Blocklist@5");
  g_autofree char *issues = issues_of (r);
  cr_assert (strstr (issues, "glossary.md:6: warning: \"Primary\" is marked deprecated but is the entry's first name")
               != NULL,
             "%s", issues);
}

GLS_TEST (reader_deprecated, sphinx_and_myst_term_lines)
{
  static const char rst[] = ".. glossary::\n"
                            "\n"
                            "   allowlist\n"
                            "   whitelist (deprecated)\n"
                            "      A list of what is permitted.\n";
  g_autoptr (Read) r = read_as (GLS_FORMAT_SPHINX, "glossary.rst", rst);
  cr_assert_eq (r->entries->len, 1);
  assert_names (r, 0, "allowlist");
  assert_preferences (r, "whitelist->allowlist@4");

  static const char myst[] = "# Terms\n"
                             "\n"
                             "```{glossary}\n"
                             "Blocklist\n"
                             "Blacklist (deprecated)\n"
                             "  A list of what is refused.\n"
                             "```\n";
  g_autoptr (Read) m = read_as (GLS_FORMAT_MYST, "terms.md", myst);
  cr_assert_eq (m->entries->len, 1);
  assert_names (m, 0, "Blocklist");
  assert_preferences (m, "Blacklist->Blocklist@5");
}

/* "rejected->preferred@file:line" of every preference of a glossary. */
static char *
glossary_preferences (const GlsGlossary *g)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < gls_glossary_n_preferences (g); i++)
    {
      const GlsPreference *p = gls_glossary_preference (g, i);
      gsize rl, pl;
      const char *rejected = gls_glossary_source_slice (g, p->source, p->rejected, &rl);
      const char *preferred = gls_glossary_source_slice (g, p->source, p->preferred, &pl);
      g_string_append_printf (out, "%s%.*s->%.*s@%s:%u", i > 0 ? ", " : "", (int) rl, rejected, (int) pl, preferred,
                              gls_glossary_source (g, p->source)->display_path, p->line);
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
team_sources (void)
{
  static const char yaml[] = "- term: allowlist\n  definition: Permitted.\n  deprecated: [whitelist]\n";
  static const char seed[] = "primary, primary node\n**Primary** takes the writes.\nDeprecated: master, master node\n";
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) a = g_bytes_new_static (yaml, strlen (yaml));
  g_autoptr (GBytes) b = g_bytes_new_static (seed, strlen (seed));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team/glossary.yml", NULL, a));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team/terms.txt", NULL, b));
  return sources;
}

GLS_TEST (reader_deprecated, glossary_build_and_snapshot_keep_them)
{
  static const char expected[] = "whitelist->allowlist@team/glossary.yml:3, master->primary@team/terms.txt:3, "
                                 "master node->primary@team/terms.txt:3";
  g_autoptr (GPtrArray) sources = team_sources ();
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);
  g_autofree char *got = glossary_preferences (g);
  cr_assert_str_eq (got, expected);
  /* "whitelist" is no name of the glossary. */
  cr_assert_null (gls_glossary_lookup (g, "whitelist", -1));

  g_autoptr (GBytes) bytes = gls_snapshot_encode (g, "k", 1, NULL, 0);
  g_autoptr (GPtrArray) again = team_sources ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) back = gls_snapshot_decode (bytes, "k", 1, again, NULL, &error);
  cr_assert_not_null (back, "%s", error != NULL ? error->message : "");
  g_autofree char *got_back = glossary_preferences (back);
  cr_assert_str_eq (got_back, expected);
}

/* avoid:/deprecated: lines count lines as LSP does ("\n", "\r\n" and a lone
 * "\r" each end one: text/lines.h), and one in a derived definition (reST
 * made flush) is found on the file's line where it is written. */
GLS_TEST (reader_deprecated, avoid_lines_on_lsp_lines_and_in_derived_text)
{
  static const char seed[] = "allowlist, allow list\n**Allowlist** is a list.\rAvoid: whitelist\r\n"
                             "Deprecated: safelist\n";
  static const char rst[] = ".. glossary::\n\n   blocklist\n      A list of what is refused.\n\n"
                            "      Avoid: blacklist\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) a = g_bytes_new_static (seed, strlen (seed));
  g_autoptr (GBytes) b = g_bytes_new_static (rst, strlen (rst));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("cr.txt", NULL, a));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("glossary.rst", NULL, b));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);
  /* The reST definition is derived text: its avoid line is not in the file's bytes there. */
  const GlsEntry *e = gls_glossary_entry (g, 1);
  cr_assert_gt (e->body.start, gls_glossary_source (g, 1)->file_len);
  g_autofree char *got = glossary_preferences (g);
  cr_expect_str_eq (got, "whitelist->allowlist@cr.txt:3, safelist->allowlist@cr.txt:4, "
                         "blacklist->blocklist@glossary.rst:6");
}
