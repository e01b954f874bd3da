/* Tests of lsp/cli/json_writer.h: the same bytes as json-glib's pretty
 * JsonGenerator (indent 2) for the same tree, on random trees and on every
 * byte a string can hold; the two deliberate differences (U+001F escaped,
 * "##[" written "##\u005b") parse back to the same strings. */
#include <criterion/criterion.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli/json_writer.h"

#include "common/leak-check.h"

/* json-glib's pretty text of root, every line indented by indent spaces
 * (what lint_report.c printed before it used the writer). */
static char *
reference (JsonNode *root, guint indent)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  g_autofree char *text = json_generator_to_data (gen, NULL);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
  for (const char *p = text; *p != '\0'; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '\n')
        for (guint i = 0; i < indent; i++)
          g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

/* Both sides of one call sequence. */
typedef struct
{
  JsonBuilder  *b;
  GlsJsonWriter w;
} Pair;

/* A random string of 0-12 characters from an alphabet of the bytes that
 * escaping treats differently: quotes, backslash, C0 controls but 0x1f and
 * NUL, DEL, '#', '[', ASCII letters and multi-byte UTF-8. */
static char *
random_string (GRand *rand)
{
  static const char *const pieces[] = { "\"", "\\", "\b", "\f", "\n", "\r", "\t", "\x01", "\x1e", "\x7f", "#", "[",
                                        "##[", "a", "Z", " ", "é", "“", "😀", "u005b", "/" };
  GString *s = g_string_new (NULL);
  gint n = g_rand_int_range (rand, 0, 13);
  for (gint i = 0; i < n; i++)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (s, FALSE);
}

static void value (Pair *p, GRand *rand, guint depth);

static void
container (Pair *p, GRand *rand, guint depth, gboolean object)
{
  if (object)
    {
      json_builder_begin_object (p->b);
      gls_json_writer_begin_object (&p->w);
    }
  else
    {
      json_builder_begin_array (p->b);
      gls_json_writer_begin_array (&p->w);
    }
  gint n = g_rand_int_range (rand, 0, 4);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  for (gint i = 0; i < n; i++)
    {
      if (object)
        {
          /* Distinct names: a JsonObject keeps one member per name. */
          char *name = g_strdup_printf ("%d%s", i, g_rand_boolean (rand) ? "-k\"\\" : "");
          g_ptr_array_add (names, name);
          json_builder_set_member_name (p->b, name);
          gls_json_writer_set_member_name (&p->w, name);
        }
      value (p, rand, depth + 1);
    }
  if (object)
    {
      json_builder_end_object (p->b);
      gls_json_writer_end_object (&p->w);
    }
  else
    {
      json_builder_end_array (p->b);
      gls_json_writer_end_array (&p->w);
    }
  g_ptr_array_unref (names);
}

static void
value (Pair *p, GRand *rand, guint depth)
{
  gint kind = g_rand_int_range (rand, 0, depth < 5 ? 7 : 5);
  switch (kind)
    {
    case 0:
      {
        g_autofree char *s = random_string (rand);
        json_builder_add_string_value (p->b, s);
        gls_json_writer_add_string_value (&p->w, s);
        break;
      }
    case 1:
      {
        gint64 v = (gint64) g_rand_int (rand) * (g_rand_boolean (rand) ? -1 : 1) * (g_rand_boolean (rand) ? 65536 : 1);
        json_builder_add_int_value (p->b, v);
        gls_json_writer_add_int_value (&p->w, v);
        break;
      }
    case 2:
      {
        gboolean v = g_rand_boolean (rand);
        json_builder_add_boolean_value (p->b, v);
        gls_json_writer_add_boolean_value (&p->w, v);
        break;
      }
    case 3:
      json_builder_add_null_value (p->b);
      gls_json_writer_add_null_value (&p->w);
      break;
    case 4:
      {
        g_autofree char *s = random_string (rand);
        json_builder_add_string_value (p->b, s);
        gls_json_writer_add_string_value (&p->w, s);
        break;
      }
    default:
      container (p, rand, depth, kind == 5);
      break;
    }
}

/* json-glib's text with "##[" inside strings written "##\u005b", as
 * lint_report.c did to json-glib's output. */
static char *
neutralized (const char *text)
{
  GString *out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (p[0] == '#' && p[1] == '#' && p[2] == '[')
      {
        g_string_append (out, "##\\u005b");
        p += 2;
      }
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

GLS_TEST (json_writer, random_trees_match_json_glib_byte_for_byte)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  for (guint round = 0; round < 2000; round++)
    {
      guint indent = round % 7;
      g_autoptr (GString) out = g_string_new (NULL);
      Pair p = { .b = json_builder_new () };
      gls_json_writer_init (&p.w, out, indent);
      container (&p, rand, 0, round % 3 != 0);
      g_autoptr (JsonNode) root = json_builder_get_root (p.b);
      g_object_unref (p.b);
      g_autofree char *ref = reference (root, indent);
      g_autofree char *want = neutralized (ref);
      cr_assert_str_eq (out->str, want, "round %u\n%s\n---\n%s", round, out->str, want);
    }
}

GLS_TEST (json_writer, every_byte_escaped_as_json_glib_escapes_it)
{
  for (guint c = 1; c < 256; c++)
    {
      if (c == 0x1f)
        continue;
      char s[] = { 'x', (char) c, 'y', '\0' };
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_array (b);
      json_builder_add_string_value (b, s);
      json_builder_end_array (b);
      g_autoptr (JsonNode) root = json_builder_get_root (b);
      g_autofree char *want = reference (root, 0);

      g_autoptr (GString) out = g_string_new (NULL);
      GlsJsonWriter w;
      gls_json_writer_init (&w, out, 0);
      gls_json_writer_begin_array (&w);
      gls_json_writer_add_string_value (&w, s);
      gls_json_writer_end_array (&w);
      cr_assert_str_eq (out->str, want, "byte 0x%02x", c);
    }
}

/* Parses text as a one-string array and returns the string. */
static char *
parse_string (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  cr_assert (json_parser_load_from_data (parser, text, -1, &error), "invalid JSON: %s\n%s",
             error != NULL ? error->message : "", text);
  JsonNode *root = json_parser_get_root (parser);
  cr_assert (JSON_NODE_HOLDS_ARRAY (root));
  return g_strdup (json_array_get_string_element (json_node_get_array (root), 0));
}

static char *
write_string (const char *s)
{
  g_autoptr (GString) out = g_string_new (NULL);
  GlsJsonWriter w;
  gls_json_writer_init (&w, out, 0);
  gls_json_writer_begin_array (&w);
  gls_json_writer_add_string_value (&w, s);
  gls_json_writer_end_array (&w);
  return g_strdup (out->str);
}

GLS_TEST (json_writer, unit_separator_is_escaped_and_parses_back)
{
  g_autofree char *text = write_string ("a\x1f" "b");
  cr_expect (strstr (text, "\"a\\u001fb\"") != NULL, "%s", text);
  g_autofree char *back = parse_string (text);
  cr_expect_str_eq (back, "a\x1f" "b");
}

GLS_TEST (json_writer, legacy_command_prefix_is_escaped_and_parses_back)
{
  const char *const cases[] = { "##[error]x", "###[", "##[##[", "#[#", "[##", "a##[[" };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = write_string (cases[i]);
      cr_expect (strstr (text, "##[") == NULL, "%s", text);
      g_autofree char *back = parse_string (text);
      cr_expect_str_eq (back, cases[i]);
    }
}

GLS_TEST (json_writer, empty_containers_and_members_layout)
{
  g_autoptr (GString) out = g_string_new ("x");
  GlsJsonWriter w;
  gls_json_writer_init (&w, out, 2);
  gls_json_writer_begin_object (&w);
  gls_json_writer_set_member_name (&w, "a");
  gls_json_writer_begin_array (&w);
  gls_json_writer_end_array (&w);
  gls_json_writer_set_member_name (&w, "o");
  gls_json_writer_begin_object (&w);
  gls_json_writer_end_object (&w);
  gls_json_writer_set_member_name (&w, "n");
  gls_json_writer_add_int_value (&w, G_MININT64);
  gls_json_writer_end_object (&w);
  cr_expect_str_eq (out->str, "x  {\n    \"a\" : [],\n    \"o\" : {  },\n    \"n\" : -9223372036854775808\n  }");
}
