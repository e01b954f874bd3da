/* Tests of names versus tags (lsp/glossary/roles.c, glossary.h "Names and
 * tags") on a small team glossary about storage systems
 * (tests/common/team-glossary.h): none of its words come from the seeds, so
 * the rules are seen to work from an entry's own evidence. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "common/team-glossary.h"
#include "glossary/glossary.h"
#include "glossary/glossary_build.h"

TestSuite (roles);

static const char team_glossary[] = GLS_TEST_TEAM_GLOSSARY;

static GlsGlossary *
load (void)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (team_glossary, sizeof team_glossary - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("team.txt", NULL, bytes));
  return gls_glossary_new_from_sources (sources, NULL);
}

static const GlsEntry *
entry_at (const GlsGlossary *g, guint line)
{
  for (guint e = 0; e < gls_glossary_n_entries (g); e++)
    if (gls_glossary_entry (g, e)->line == line)
      return gls_glossary_entry (g, e);
  cr_assert_fail ("no entry at line %u", line);
  return NULL;
}

/* The role of the name spelled `text` in the entry at `line`. */
static GlsRole
role (const GlsGlossary *g, guint line, const char *text)
{
  const GlsEntry *entry = entry_at (g, line);
  for (guint i = 0; i < entry->n_names; i++)
    {
      const GlsName *name = gls_glossary_name (g, entry->first_name + i);
      gsize len;
      const char *s = gls_glossary_slice (g, entry, name->text, &len);
      if (len == strlen (text) && memcmp (s, text, len) == 0)
        return name->role;
    }
  cr_assert_fail ("no name \"%s\" at line %u", text, line);
  return GLS_ROLE_TAG;
}

static gboolean
lit (const GlsGlossary *g, const char *text)
{
  const GlsTerm *term = gls_glossary_lookup (g, text, -1);
  cr_assert_not_null (term, "\"%s\" is no longer found at all", text);
  return (term->flags & GLS_TERM_MATCH_PROSE) != 0;
}

GLS_TEST (roles, acronyms_and_lead_synonyms_are_names)
{
  g_autoptr (GlsGlossary) g = load ();

  cr_expect_eq (role (g, 1, "wal"), GLS_ROLE_ALIAS);
  cr_expect_eq (role (g, 13, "lsm tree"), GLS_ROLE_ALIAS);
  cr_expect_eq (role (g, 21, "bf"), GLS_ROLE_ALIAS);
  cr_expect_eq (role (g, 21, "bloom filter"), GLS_ROLE_ALIAS, "the title's own name");
  cr_expect (lit (g, "WAL"));
  cr_expect (lit (g, "LSM trees"));
}

GLS_TEST (roles, topic_tags_and_search_phrases_are_tags_and_stay_findable)
{
  g_autoptr (GlsGlossary) g = load ();

  cr_expect_eq (role (g, 1, "crash recovery"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 10, "leader election"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 13, "sorted runs"), GLS_ROLE_TAG, "used in the body, but ordinary words");
  cr_expect_eq (role (g, 1, "shadow paging"), GLS_ROLE_TAG, "another entry's headword");
  cr_expect_not (lit (g, "crash recovery"));
  cr_expect_not (lit (g, "leader election"));
  /* shadow paging is lit all the same: as the headword of its own entry. */
  const GlsTerm *shadow = gls_glossary_lookup (g, "shadow paging", -1);
  cr_expect (shadow->flags & GLS_TERM_MATCH_PROSE);
  cr_expect_eq (gls_glossary_term_ref (g, shadow, 0)->entry,
                (guint) (entry_at (g, 3) - gls_glossary_entry (g, 0)));
}

GLS_TEST (roles, a_faq_headword_of_ordinary_english_is_a_tag_but_reachable)
{
  g_autoptr (GlsGlossary) g = load ();

  cr_expect_eq (role (g, 5, "do you offer support"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 5, "support"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 5, "premium support"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 5, "help"), GLS_ROLE_KEYWORD);
  cr_expect_not (lit (g, "support"));
  /* Still found by lookup (define, completion, workspace/symbol). */
  const GlsTerm *support = gls_glossary_lookup (g, "support", -1);
  cr_expect_eq (gls_glossary_entry (g, gls_glossary_term_ref (g, support, 0)->entry), entry_at (g, 5));
}

GLS_TEST (roles, a_header_split_at_the_title_spaces_gets_the_title_as_its_name)
{
  g_autoptr (GlsGlossary) g = load ();
  const GlsEntry *entry = entry_at (g, 8);

  cr_expect_eq (role (g, 8, "vector"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 8, "rules"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 8, "Vector Clock Merge Rules"), GLS_ROLE_TITLE);
  cr_expect_eq (role (g, 8, "CRDT"), GLS_ROLE_MENTION, "a real acronym among the pieces");
  cr_expect_eq (entry->n_names, entry->n_items + 1);
  /* "clock" is given twice: a piece both times, so nothing lights it. */
  for (guint i = 0; i < entry->n_items; i++)
    {
      const GlsName *name = gls_glossary_name (g, entry->first_name + i);
      gsize len;
      const char *text = gls_glossary_slice (g, entry, name->text, &len);
      if (len == 5 && memcmp (text, "clock", 5) == 0)
        cr_expect_eq (name->role, GLS_ROLE_TAG);
    }
  cr_expect_not (lit (g, "clock"));
  cr_expect (lit (g, "vector clock merge rules"));
  cr_expect_not (lit (g, "vector"));
  cr_expect_not (lit (g, "merge"));
}

GLS_TEST (roles, a_coined_term_the_body_uses_is_a_mention_with_its_passage)
{
  g_autoptr (GlsGlossary) g = load ();
  const GlsTerm *paxos = gls_glossary_lookup (g, "paxos rounds", -1);
  GlsSlice passage;

  cr_expect_eq (role (g, 10, "paxos round"), GLS_ROLE_MENTION);
  cr_assert_not_null (paxos);
  cr_expect (paxos->flags & GLS_TERM_MATCH_PROSE);
  const GlsEntry *entry = entry_at (g, 10);
  cr_assert (gls_glossary_find_passage (g, entry, paxos, &passage));
  g_autofree char *text = gls_glossary_slice_dup (g, entry, passage);
  cr_expect_str_eq (text, "A paxos round has a prepare phase and an accept phase.");
  /* A term the body never uses has no passage. */
  cr_expect_not (gls_glossary_find_passage (g, entry, gls_glossary_lookup (g, "quorum math", -1), &passage));
}

GLS_TEST (roles, a_header_item_gluing_two_names_is_never_offered)
{
  g_autoptr (GlsGlossary) g = load ();
  const GlsTerm *glued = gls_glossary_lookup (g, "bloom filter bf", -1);

  cr_assert_not_null (glued);
  cr_expect_eq (role (g, 21, "bloom filter bf"), GLS_ROLE_TAG);
  cr_expect (glued->flags & GLS_TERM_COMBINED);
  cr_expect_not (glued->flags & GLS_TERM_MATCH_PROSE);
  cr_expect_not (gls_glossary_lookup (g, "bloom filter", -1)->flags & GLS_TERM_COMBINED);
}

GLS_TEST (roles, entries_with_the_same_title_or_start_are_alike)
{
  g_autoptr (GlsGlossary) g = load ();

  cr_expect (gls_glossary_entries_alike (g, entry_at (g, 15), entry_at (g, 17)));
  cr_expect_not (gls_glossary_entries_alike (g, entry_at (g, 15), entry_at (g, 19)));
  cr_expect_not (gls_glossary_entries_alike (g, entry_at (g, 1), entry_at (g, 3)));
}

GLS_TEST (roles, role_names_for_dump)
{
  cr_expect_str_eq (gls_role_to_string (GLS_ROLE_HEADWORD), "headword");
  cr_expect_str_eq (gls_role_to_string (GLS_ROLE_MENTION), "mention");
  cr_expect_str_eq (gls_role_to_string (GLS_ROLE_TAG), "tag");
}

GLS_TEST (roles, a_bold_sub_heading_of_the_body_is_a_mention)
{
  static const char text[] =
    "cache tiering, warm tier, hot set\n"
    "**Cache tiering** moves data between levels.\n"
    "A stray ** marker on this line.\n"
    "**Warm tier**: the middle level.\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("tiers.txt", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);

  /* Ordinary words, but the entry explains them under their own heading
   * (found past an unclosed "**" on an earlier line). */
  cr_expect_eq (role (g, 1, "warm tier"), GLS_ROLE_MENTION);
  cr_expect_eq (role (g, 1, "hot set"), GLS_ROLE_TAG);
}

GLS_TEST (roles, a_name_written_as_one_word_is_a_name)
{
  static const char text[] = "object storage service, objectstorage, blob tier\n"
                             "**Object Storage Service** keeps blobs behind an HTTP interface.\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("store.txt", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);

  /* Two title words joined ("object" + "storage"), as a vendor spells it. */
  cr_expect_eq (role (g, 1, "objectstorage"), GLS_ROLE_ALIAS);
  cr_expect_eq (role (g, 1, "blob tier"), GLS_ROLE_TAG);
}

GLS_TEST (roles, a_coined_part_of_the_headword_is_a_mention_an_ordinary_one_a_tag)
{
  static const char text[] = "zorblet anomaly detection, zorblet, anomaly detection, drift alarms\n"
                             "**Zorblet Anomaly Detection** flags readings a model did not expect.\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("zorb.txt", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);

  /* Both overlap the headword. "zorblet" is only its leading words: the
   * entry is about a use of zorblets and never says what one is, so it is a
   * topic tag (issue 10: "LSTM" opened "LSTM Anomaly"). "anomaly detection"
   * is what anyone writes. */
  cr_expect_eq (role (g, 1, "zorblet"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 1, "anomaly detection"), GLS_ROLE_TAG);
  cr_expect_eq (role (g, 1, "drift alarms"), GLS_ROLE_TAG);
}

GLS_TEST (roles, items_past_the_64th_are_tags)
{
  g_autoptr (GString) text = g_string_new ("quartz ring buffer, qrb");
  for (guint i = 0; i < 70; i++)
    g_string_append_printf (text, ", filler%u", i);
  g_string_append (text, ", qrbuf\n**Quartz Ring Buffer** (also **QRB**) is a queue.\n");
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new (text->str, text->len);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("q.txt", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);

  cr_expect_eq (role (g, 1, "qrb"), GLS_ROLE_ALIAS);
  /* As much a contraction of the headword, but the 72nd item. */
  cr_expect_eq (role (g, 1, "qrbuf"), GLS_ROLE_TAG);
}

/* Where an entry only mentions a term, the passage shown is the line that
 * leads with it in bold, else prose, before a table row or code (issue 10:
 * vLLM's table cell instead of its "**vLLM**: ..." bullet). */
GLS_TEST (roles, a_passage_prefers_the_line_that_leads_with_the_term)
{
  const char *t1 = "Intro that names widgetdb in passing.\n| widgetdb | 2x |\n- **widgetdb**: a store for widgets.\n";
  const char *t2 = "| widgetdb | 2x |\nWe call widgetdb often.\n";
  const char *t3 = "```\nwidgetdb run\n```\n| widgetdb | 1 |\n";
  gsize s, e;
  cr_assert (gls_passage_find (t1, strlen (t1), 0, "widgetdb", &s, &e));
  cr_expect (strncmp (t1 + s, "- **widgetdb**: a store for widgets.", e - s) == 0 && e - s == 36, "%.*s", (int) (e - s), t1 + s);
  cr_assert (gls_passage_find (t2, strlen (t2), 0, "widgetdb", &s, &e));
  cr_expect (strncmp (t2 + s, "We call widgetdb often.", e - s) == 0, "%.*s", (int) (e - s), t2 + s);
  cr_assert (gls_passage_find (t3, strlen (t3), 0, "widgetdb", &s, &e));
  cr_expect (strncmp (t3 + s, "| widgetdb | 1 |", e - s) == 0, "%.*s", (int) (e - s), t3 + s);
  cr_expect_not (gls_passage_find (t2, strlen (t2), 0, "gadgetdb", &s, &e));
  /* A lead-in whose list is cut off ends at the sentence before it. */
  const char *t4 = "- **widgetdb**: Stores widgets. Requires:\n";
  cr_assert (gls_passage_find (t4, strlen (t4), 0, "widgetdb", &s, &e));
  cr_expect (e - s == 31 && strncmp (t4 + s, "- **widgetdb**: Stores widgets.", 31) == 0, "%.*s", (int) (e - s), t4 + s);
}

static GlsGlossary *
load_text (const char *text)
{
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("t.txt", NULL, bytes));
  return gls_glossary_new_from_sources (sources, NULL);
}

/* A header item that is only the leading words of the entry's longer name
 * is a tag but stays findable; one that is the whole of another entry's
 * name still lights up through that entry. */
GLS_TEST (roles, leading_words_of_a_longer_name_are_a_tag)
{
  g_autoptr (GlsGlossary) g = load_text (
    "qbert drift alarms, qbert, qbert-x, sensor networks\n"
    "**QBERT Drift Alarms** is an alarm scheme that watches qbert readings; a qbert-x variant adds smoothing.\n"
    "qbert-x smoothing, qbert-x, signal tools\n"
    "**QBERT-X Smoothing** damps the qbert-x output.\n"
    "zorpex filter, zorpex, signal tools\n"
    "**Zorpex Filter** (also **Zorpex**) removes spikes.\n");

  cr_expect_eq (role (g, 1, "qbert"), GLS_ROLE_TAG);
  cr_expect_not (lit (g, "qbert"));
  /* Lookup still finds it (define, completion, workspace/symbol). */
  const GlsTerm *qbert = gls_glossary_lookup (g, "qbert", -1);
  cr_expect_eq (gls_glossary_entry (g, gls_glossary_term_ref (g, qbert, 0)->entry), entry_at (g, 1));
  /* The leading words of the other entry's name, and not explained here. */
  cr_expect_eq (role (g, 3, "qbert-x"), GLS_ROLE_TAG);
  /* A name the lead sentence gives in bold stays a name. */
  cr_expect_eq (role (g, 5, "zorpex"), GLS_ROLE_ALIAS);
  cr_expect (lit (g, "zorpex"));
}

/* A mention lights up only when its entry says what it is: a label with
 * prose after it, or a sentence that opens with it; not a sentence that
 * lists it, nor a heading over a table or code (issue 10: "quantization"
 * and "KV cache" showed LLM optimization's opening or a flattened table). */
GLS_TEST (roles, a_mention_lights_up_only_where_the_entry_explains_it)
{
  g_autoptr (GlsGlossary) g = load_text (
    "page cache tuning, zebra paging, frob tables, quux flush, wibble index, dirty ratio\n"
    "**Page Cache Tuning** uses tricks like zebra paging, frob tables and quux flush.\n"
    "**Frob Tables**\n"
    "| size | speed |\n"
    "|------|-------|\n"
    "| 4k | fast |\n"
    "- **Quux Flush**: writes dirty pages back in one sweep.\n"
    "The wibble index maps pages to files. It is rebuilt at boot.\n");

  cr_expect_eq (role (g, 1, "zebra paging"), GLS_ROLE_TAG, "only listed");
  cr_expect_eq (role (g, 1, "frob tables"), GLS_ROLE_TAG, "a heading over a table");
  cr_expect_eq (role (g, 1, "quux flush"), GLS_ROLE_MENTION, "a label with prose");
  cr_expect_eq (role (g, 1, "wibble index"), GLS_ROLE_MENTION, "a sentence that opens with it");
  cr_expect_not (lit (g, "zebra paging"));
  cr_expect (lit (g, "quux flush"));
}

GLS_TEST (roles, an_explaining_passage_is_preferred_and_reported)
{
  const char *t1 = "Tools like widgetdb help.\n**Widgetdb**\n```\nwidgetdb run\n```\nThe widgetdb store keeps widgets.\n";
  gsize s, e;
  gboolean explains = FALSE;
  cr_assert (gls_passage_find_explaining (t1, strlen (t1), 0, "widgetdb", &s, &e, &explains));
  cr_expect (explains);
  cr_expect (strncmp (t1 + s, "The widgetdb store keeps widgets.", e - s) == 0, "%.*s", (int) (e - s), t1 + s);
  const char *t2 = "Tools like widgetdb help.\n| widgetdb | 2x |\n";
  cr_assert (gls_passage_find_explaining (t2, strlen (t2), 0, "widgetdb", &s, &e, &explains));
  cr_expect_not (explains);
  /* A page export's long line: the heading cut out of it heads the piece
   * after it, and a label over code explains nothing. */
  g_autoptr (GString) t3 = g_string_new (NULL);
  for (guint i = 0; i < 20; i++)
    g_string_append (t3, "Some filler words about storage systems. ");
  g_string_append (t3, "**Widgetdb Deep Dive** **Levels**: ``` a | b ``` **Next** More text.");
  cr_assert (gls_passage_find_explaining (t3->str, t3->len, 0, "widgetdb", &s, &e, &explains));
  cr_expect_not (explains);
  cr_expect (strncmp (t3->str + s, "**Widgetdb Deep Dive** **Levels**", 33) == 0, "%.*s", (int) (e - s), t3->str + s);
}

/* A question among the items marks a FAQ answer, whose ordinary-English
 * headword is a search keyword ("support" under "Yes, we answer ..."), but
 * not when the title names the headword: that entry defines the word. */
GLS_TEST (roles, a_question_tag_does_not_hide_a_headword_its_title_names)
{
  g_autoptr (GlsGlossary) g = load_text (
    "ladder, ladder protocol, how to climb safely, safety\n"
    "**Ladder Protocol** is a climbing procedure with three points of contact.\n"
    "kettle, how do I order a kettle, shop\n"
    "**Yes, our shop ships every kettle within a day**\n");

  cr_expect_eq (role (g, 1, "ladder"), GLS_ROLE_HEADWORD);
  cr_expect (lit (g, "ladder"));
  cr_expect_eq (role (g, 3, "kettle"), GLS_ROLE_TAG);
  cr_expect_not (lit (g, "kettle"));
}

/* Formats that say which strings are names (a table's aliases column, a
 * Markdown "Also known as:" line, several Sphinx term lines) declare them:
 * they are names whether or not the definition repeats them. Only an
 * ordinary English word stays a keyword. The same item in a seed-format
 * header, where names and topic tags are mixed, is still scored. */
GLS_TEST (roles, names_a_format_declares_are_names)
{
  static const char table[] = "term,definition,aliases\n"
                              "zorbing,Rolling a write batch down the log tier.,log roll;roll-forward batching;sweep\n";
  static const char seed[] = "zorbing, log roll, roll-forward batching, sweep\n"
                             "Rolling a write batch down the log tier.\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (table, sizeof table - 1);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("terms.csv", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);

  cr_assert_eq (role (g, 2, "log roll"), GLS_ROLE_ALIAS);
  cr_assert_eq (role (g, 2, "roll-forward batching"), GLS_ROLE_ALIAS);
  cr_assert (lit (g, "roll-forward batching"));
  cr_assert_eq (role (g, 2, "sweep"), GLS_ROLE_KEYWORD);
  cr_assert_not (lit (g, "sweep"));

  g_autoptr (GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) seed_bytes = g_bytes_new_static (seed, sizeof seed - 1);
  g_ptr_array_add (seeds, gls_source_new_from_bytes ("team.txt", NULL, seed_bytes));
  g_autoptr (GlsGlossary) s = gls_glossary_new_from_sources (seeds, NULL);
  cr_assert_eq (role (s, 1, "log roll"), GLS_ROLE_TAG);
  cr_assert_not (lit (s, "roll-forward batching"));
}
