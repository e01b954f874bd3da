/* Vocabulary-list readers (glossary/vocab.h) on real public files and on our
 * own examples in their shape (tests/data/vocab/README.md), plus hostile
 * input. Every word read is checked to be a slice of the file on the line
 * reported, or (expanded from a Vale regular expression) a slice of the
 * derived text, its line the expression's. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "glossary/glossary_build.h"
#include "glossary/issue.h"
#include "glossary/preference.h"
#include "glossary/snapshot.h"
#include "glossary/vocab.h"

#include "common/leak-check.h"

typedef struct
{
  char      *text;     /* the file, then '\n' and its derived text (gls_vocab_derived) */
  gsize      len;      /* of the file */
  GArray    *words;
  GPtrArray *issues;
} Read;

static void
read_clear (Read *r)
{
  g_free (r->text);
  g_array_unref (r->words);
  g_ptr_array_unref (r->issues);
}

static Read
read_mem (GlsVocabFormat format, const char *path, const char *text)
{
  gsize len = strlen (text);
  g_autoptr (GString) derived = gls_vocab_derived (format, path, text, len);
  Read r = { derived != NULL ? g_strconcat (text, "\n", derived->str, NULL) : g_strdup (text), len,
             g_array_new (FALSE, FALSE, sizeof (GlsVocabWord)),
             g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free) };
  gls_vocab_read (format, path, r.text, r.len, r.words, r.issues);
  /* Every word is a slice of the file, on the line it says (an expanded one:
   * of the derived text, from a line of the file). */
  for (guint i = 0; i < r.words->len; i++)
    {
      const GlsVocabWord *w = &g_array_index (r.words, GlsVocabWord, i);
      GlsSlice written = w->written.len > 0 ? w->written : w->text;
      cr_assert_leq ((guint64) written.start + written.len, r.len);
      cr_assert_leq ((guint64) w->text.start + w->text.len, strlen (r.text));
      cr_assert_gt (w->text.len, 0);
      guint line = 1;
      for (gsize k = 0; k < written.start; k++)
        line += r.text[k] == '\n';
      cr_expect_eq (w->line, line, "%.*s: line %u, written on %u", (int) w->text.len, r.text + w->text.start,
                    w->line, line);
      cr_assert_leq ((guint64) w->preferred.start + w->preferred.len, r.len);
    }
  return r;
}

static Read
read_file (GlsVocabFormat format, const char *name)
{
  g_autofree char *path = g_build_filename (GLS_TEST_DATA, "vocab", name, NULL);
  g_autofree char *text = NULL;
  cr_assert (g_file_get_contents (path, &text, NULL, NULL), "%s", path);
  return read_mem (format, name, text);
}

static char *
word_text (const Read *r, guint i)
{
  const GlsVocabWord *w = &g_array_index (r->words, GlsVocabWord, i);
  return g_strndup (r->text + w->text.start, w->text.len);
}

static char *
preferred_text (const Read *r, guint i)
{
  const GlsVocabWord *w = &g_array_index (r->words, GlsVocabWord, i);
  return g_strndup (r->text + w->preferred.start, w->preferred.len);
}

/* "word" for accepted, "-word" for rejected without fix, "-word>fix". */
static char *
describe (const Read *r)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < r->words->len; i++)
    {
      const GlsVocabWord *w = &g_array_index (r->words, GlsVocabWord, i);
      g_autofree char *t = word_text (r, i);
      g_autofree char *p = preferred_text (r, i);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s%s%s%s", w->rejected ? "-" : "", t, w->preferred.len > 0 ? ">" : "", p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_issue (const Read *r, guint line, const char *part)
{
  for (guint i = 0; i < r->issues->len; i++)
    {
      const GlsIssue *issue = g_ptr_array_index (r->issues, i);
      if (issue->line == line && strstr (issue->message, part) != NULL)
        return TRUE;
    }
  return FALSE;
}

GLS_TEST (vocab, cspell_repo_config)
{
  /* streetsidesoftware/cspell's own cspell.json: one ignoreWords entry and
   * one word in overrides[]; its flagWords and words are empty; no other
   * string of its 83 lines (paths, names) is a word. */
  Read r = read_file (GLS_VOCAB_FORMAT_CSPELL_JSON, "cspell-repo.cspell.json");
  g_autofree char *got = describe (&r);
  cr_expect_str_eq (got, "commitcomment webm");
  cr_expect_eq (g_array_index (r.words, GlsVocabWord, 0).list, GLS_VOCAB_CSPELL_IGNORE_WORDS);
  cr_expect_eq (g_array_index (r.words, GlsVocabWord, 0).line, 72);
  cr_expect_eq (g_array_index (r.words, GlsVocabWord, 1).line, 80);
  cr_expect_eq (r.issues->len, 0);
  read_clear (&r);
}

GLS_TEST (vocab, cspell_yaml_real)
{
  /* Azure/typespec-azure's cspell.yaml: 72 items under words: (counted with
   * sed -n '/^words:/,$p' | grep -c '^  - '), none of the 22 other list
   * items (paths, dictionaries). */
  Read r = read_file (GLS_VOCAB_FORMAT_CSPELL_YAML, "typespec-azure.cspell.yaml");
  cr_expect_eq (r.words->len, 72);
  cr_expect_eq (r.issues->len, 0);
  g_autofree char *first = word_text (&r, 0);
  g_autofree char *last = word_text (&r, r.words->len - 1);
  cr_expect_str_eq (first, "allof");
  cr_expect_eq (g_array_index (r.words, GlsVocabWord, 0).line, 32);
  cr_expect_str_eq (last, "pypi");
  /* A non-ASCII word keeps its bytes: column to byte conversion. */
  gboolean francais = FALSE;
  for (guint i = 0; i < r.words->len; i++)
    {
      g_autofree char *w = word_text (&r, i);
      francais |= strcmp (w, "français") == 0;
    }
  cr_expect (francais);
  read_clear (&r);
}

GLS_TEST (vocab, cspell_json_lists_and_suggestions)
{
  Read r = read_file (GLS_VOCAB_FORMAT_CSPELL_JSON, "ml.cspell.json");
  g_autofree char *got = describe (&r);
  cr_expect_str_eq (got, "LoRA QLoRA bitsandbytes DeepSpeed -hte -pytorch>PyTorch -whitelist "
                         "-finetuning>fine-tuning -hugginface>Hugging Face qkv dtype -dtypes");
  cr_expect_eq (r.issues->len, 0);
  read_clear (&r);
}

GLS_TEST (vocab, cspell_yaml_lists)
{
  Read r = read_mem (GLS_VOCAB_FORMAT_CSPELL_YAML, "cspell.yaml",
                     "version: '0.2'\n"
                     "words:\n"
                     "  - LoRA\n"
                     "  - 'PyTorch'\n"
                     "  - \"vLLM\"\n"
                     "  - \"esc\\u0061ped\"\n"
                     "flagWords: [hte, 'colour->color']\n"
                     "overrides:\n"
                     "  - filename: '*.md'\n"
                     "    words: [DeepSpeed]\n"
                     "    ignoreRegExpList: [ '\\w+' ]\n");
  g_autofree char *got = describe (&r);
  cr_expect_str_eq (got, "LoRA PyTorch vLLM -hte -colour>color DeepSpeed");
  cr_expect (has_issue (&r, 6, "not written literally"));
  read_clear (&r);
}

GLS_TEST (vocab, vale_accept_reject)
{
  Read r = read_file (GLS_VOCAB_FORMAT_VALE_ACCEPT, "ml.accept.txt");
  g_autofree char *got = describe (&r);
  /* The regular expressions expand: a class, an optional class, an escape. */
  cr_expect_str_eq (got, "LoRA PyTorch vLLM Webhooks Webhook webhooks webhook SDKs SDK Hugging Face safetensors "
                         "Next.js DeepSpeed");
  cr_expect_eq (r.issues->len, 0);
  /* On the expression's line; "SDK" and "Next.js"-like words in the line are its slices. */
  cr_expect_eq (g_array_index (r.words, GlsVocabWord, 3).line, 4);
  cr_expect_eq (g_array_index (r.words, GlsVocabWord, 8).text.start, strstr (r.text, "SDK") - r.text);
  read_clear (&r);

  Read j = read_file (GLS_VOCAB_FORMAT_VALE_REJECT, "ml.reject.txt");
  g_autofree char *rejected = describe (&j);
  cr_expect_str_eq (rejected, "-whitelist -blacklist -Master branch -master branch");
  cr_expect_eq (j.issues->len, 0);
  read_clear (&j);
}

GLS_TEST (vocab, typos_real_and_example)
{
  /* huggingface/diffusers' _typos.toml: NIN and parms mapped to themselves,
   * nd corrected to np. */
  Read r = read_file (GLS_VOCAB_FORMAT_TYPOS, "diffusers._typos.toml");
  g_autofree char *got = describe (&r);
  cr_expect_str_eq (got, "NIN -nd>np parms");
  cr_expect_eq (g_array_index (r.words, GlsVocabWord, 1).line, 8);
  cr_expect_eq (r.issues->len, 0);
  read_clear (&r);

  Read m = read_file (GLS_VOCAB_FORMAT_TYPOS, "ml._typos.toml");
  g_autofree char *ml = describe (&m);
  cr_expect_str_eq (ml, "LoRA ND bitsandbytes -hte>the -finetuning>fine-tuning -whitelist AttnProcessor arange");
  cr_expect_eq (g_array_index (m.words, GlsVocabWord, 6).list, GLS_VOCAB_TYPOS_IDENTIFIERS);
  cr_expect_eq (m.issues->len, 0);
  read_clear (&m);
}

GLS_TEST (vocab, typos_subset_forms)
{
  Read r = read_mem (GLS_VOCAB_FORMAT_TYPOS, "pyproject.toml",
                     "[project]\nname = \"x\"  # comment\n"
                     "[tool.typos.default]\n"
                     "extend-words = { lora = \"LoRA\", teh = \"the\" }\n"
                     "[tool.typos.default.extend-words]\n"
                     "\"hugginface\" = \"huggingface\"\n"
                     "\"esc\\u0061\" = \"x\"\n"
                     "doc = '''\nmulti\nline = \"no\"\n'''\n"
                     "[other.extend-words]\nnot = \"read\"\n");
  g_autofree char *got = describe (&r);
  cr_expect_str_eq (got, "LoRA -teh>the -hugginface>huggingface");
  cr_expect (has_issue (&r, 7, "escape"));
  read_clear (&r);
}

GLS_TEST (vocab, hostile_input_keeps_what_was_read)
{
  /* JSON cut short: the words before the cut stay, the error names the line. */
  Read a = read_mem (GLS_VOCAB_FORMAT_CSPELL_JSON, "cspell.json", "{\"words\": [\"LoRA\",\n\"QLoRA\",\n\"unterminated");
  g_autofree char *ga = describe (&a);
  cr_expect_str_eq (ga, "LoRA QLoRA");
  cr_expect (has_issue (&a, 3, "string not closed"));
  read_clear (&a);

  /* Nesting far past the limit: refused, bounded, no crash. */
  g_autoptr (GString) deep = g_string_new ("{\"words\": [\"ok\"], \"x\": ");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  Read b = read_mem (GLS_VOCAB_FORMAT_CSPELL_JSON, "cspell.json", deep->str);
  cr_expect_eq (b.words->len, 1);
  cr_expect (has_issue (&b, 1, "nested too deeply"));
  read_clear (&b);

  g_autoptr (GString) deep_toml = g_string_new ("[default]\nextend-words = ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep_toml, "{a=");
  g_string_append (deep_toml, "\n[default.extend-words]\nfoo = \"foo\"\n= broken\n");
  Read c = read_mem (GLS_VOCAB_FORMAT_TYPOS, "typos.toml", deep_toml->str);
  g_autofree char *gc = describe (&c);
  cr_expect_str_eq (gc, "foo");
  cr_expect (has_issue (&c, 2, "not understood"));
  cr_expect (has_issue (&c, 5, "not understood"));
  read_clear (&c);

  Read d = read_mem (GLS_VOCAB_FORMAT_CSPELL_YAML, "cspell.yaml", "words:\n  - LoRA\n  - [unclosed\n");
  g_autofree char *gd = describe (&d);
  cr_expect_str_eq (gd, "LoRA");
  cr_expect_eq (d.issues->len, 1);
  read_clear (&d);

  /* Not JSON at all: FALSE, one error. */
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (GlsVocabWord));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  cr_expect_not (gls_vocab_read_cspell_json ("x.json", "words", 5, words, issues));
  cr_expect_eq (issues->len, 1);
}

GLS_TEST (vocab, typos_key_with_a_nul_byte)
{
  /* Found by fuzz-vocab_typos: a quoted key holding NUL made the table name
   * one shorter than the key's bytes said (a huge allocation). */
  const char text[] = "[default.extend-words]\n\"a\0b\" = \"x\"\nok = \"ok\"\n";
  g_autoptr (GArray) words = g_array_new (FALSE, FALSE, sizeof (GlsVocabWord));
  g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
  cr_assert (gls_vocab_read_typos ("_typos.toml", text, sizeof text - 1, words, issues));
  /* A word with a NUL byte is no word: skipped with an issue. */
  cr_assert_eq (words->len, 1);
  cr_expect_eq (g_array_index (words, GlsVocabWord, 0).line, 3);
  cr_expect_eq (issues->len, 1);

  const char nested[] = "[\"x\0\".extend-words]\nteh = \"teh\"\n";
  g_array_set_size (words, 0);
  cr_assert (gls_vocab_read_typos ("_typos.toml", nested, sizeof nested - 1, words, issues));
  cr_expect_eq (words->len, 0);
}

GLS_TEST (vocab, detect)
{
  cr_expect_eq (gls_vocab_detect ("a/cspell.json", NULL, 0), GLS_VOCAB_FORMAT_CSPELL_JSON);
  cr_expect_eq (gls_vocab_detect ("a/.cSpell.json", NULL, 0), GLS_VOCAB_FORMAT_CSPELL_JSON);
  cr_expect_eq (gls_vocab_detect ("cspell.config.yml", NULL, 0), GLS_VOCAB_FORMAT_CSPELL_YAML);
  cr_expect_eq (gls_vocab_detect ("styles/config/vocabularies/ML/accept.txt", NULL, 0),
                GLS_VOCAB_FORMAT_VALE_ACCEPT);
  cr_expect_eq (gls_vocab_detect ("reject.txt", NULL, 0), GLS_VOCAB_FORMAT_VALE_REJECT);
  cr_expect_eq (gls_vocab_detect ("_typos.toml", NULL, 0), GLS_VOCAB_FORMAT_TYPOS);
  const char *pyproject = "[tool.typos.default.extend-words]\nteh = \"teh\"\n";
  cr_expect_eq (gls_vocab_detect ("pyproject.toml", pyproject, strlen (pyproject)), GLS_VOCAB_FORMAT_TYPOS);
  const char *json = "{ \"version\": \"0.2\", \"words\": [\"x\"] }";
  cr_expect_eq (gls_vocab_detect ("dict.json", json, strlen (json)), GLS_VOCAB_FORMAT_CSPELL_JSON);
  cr_expect_eq (gls_vocab_detect ("package.json", "{\"name\": \"x\"}", 13), GLS_VOCAB_FORMAT_NONE);
  cr_expect_eq (gls_vocab_detect ("seeds/000.txt", "LoRA\n**LoRA**", 13), GLS_VOCAB_FORMAT_NONE);
  GlsVocabFormat f;
  cr_expect (gls_vocab_format_parse ("vale-reject", &f) && f == GLS_VOCAB_FORMAT_VALE_REJECT);
  cr_expect_not (gls_vocab_format_parse ("sphinx", &f));
}

GLS_TEST (vocab, read_into_the_glossary)
{
  /* Through the reader table, as a load does: accepted words are entries
   * whose one name is their headword, rejected ones preferences. */
  g_autofree char *path = g_build_filename (GLS_TEST_DATA, "vocab", "ml.cspell.json", NULL);
  g_autofree char *text = NULL;
  gsize len;
  cr_assert (g_file_get_contents (path, &text, &len, NULL));
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new (text, len);
  g_ptr_array_add (sources, gls_source_new_from_bytes ("cspell.json", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);
  cr_expect_eq (gls_glossary_n_entries (g), 6);  /* LoRA QLoRA bitsandbytes DeepSpeed qkv dtype */
  cr_expect_eq (gls_glossary_n_preferences (g), 6);
  for (guint i = 0; i < gls_glossary_n_entries (g); i++)
    {
      const GlsEntry *e = gls_glossary_entry (g, i);
      const GlsName *n = gls_glossary_name (g, e->first_name);
      cr_expect_eq (e->body.len, 0);
      cr_expect_eq (e->n_names, 1);
      cr_expect_eq (n->role, GLS_ROLE_HEADWORD);
      cr_expect_eq (n->text.start, e->header.start);
    }
  const GlsTerm *qlora = gls_glossary_lookup (g, "qlora", -1);
  cr_assert_not_null (qlora);
  cr_expect_str_eq (gls_glossary_term_canonical (g, qlora), "QLoRA");
  cr_expect_eq (gls_glossary_entry (g, 1)->line, 7);
  const GlsPreference *p = gls_glossary_preference (g, 1);
  gsize n;
  const char *s = gls_glossary_source_slice (g, 0, p->rejected, &n);
  cr_expect_eq (strncmp (s, "pytorch", n), 0);
  s = gls_glossary_source_slice (g, 0, p->preferred, &n);
  cr_expect_eq (strncmp (s, "PyTorch", n), 0);
  cr_expect_eq (p->line, 12);
}

GLS_TEST (vocab, empty_files_load_empty)
{
  /* Found by fuzz-vocab_cspell_yaml: an empty file's bytes are NULL, which
   * libyaml asserts against. Every format loads nothing, without issues. */
  const char *names[] = { "cspell.json", "cspell.yaml", "accept.txt", "reject.txt", "_typos.toml" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
      g_autoptr (GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free);
      g_autoptr (GBytes) bytes = g_bytes_new (NULL, 0);
      g_ptr_array_add (sources, gls_source_new_from_bytes (names[i], NULL, bytes));
      g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, issues);
      cr_expect_eq (gls_glossary_n_entries (g), 0, "%s", names[i]);
      cr_expect_eq (gls_glossary_n_preferences (g), 0, "%s", names[i]);
      /* cspell.json: not an object, said once; the others: nothing to say. */
      cr_expect_eq (issues->len, i == 0 ? 1 : 0, "%s: %u issues", names[i], issues->len);
    }
}

GLS_TEST (vocab, split_suggestion)
{
  GlsSlice a, b;
  const char *s = " colour -> color ";
  cr_assert (gls_vocab_split_suggestion (s, strlen (s), 10, &a, &b));
  cr_expect_eq (a.start, 11);
  cr_expect_eq (a.len, 6);
  cr_expect_eq (b.start, 21);
  cr_expect_eq (b.len, 5);
  s = "hugginface: Hugging Face, HuggingFace";
  cr_assert (gls_vocab_split_suggestion (s, strlen (s), 0, &a, &b));
  cr_expect_eq (b.len, strlen ("Hugging Face"));
  cr_expect_not (gls_vocab_split_suggestion ("plain", 5, 0, &a, &b));
  cr_expect_not (gls_vocab_split_suggestion ("->x", 3, 0, &a, &b));
}

GLS_TEST (vocab, seed_avoid_lines)
{
  const char *text = "allowlist, allow list\n"
                     "**Allowlist** is a list of what is permitted.\n"
                     "More text about whitelists.\n"
                     "Avoid: whitelist, `white list`\n"
                     "- **avoid:** safelist.\n";
  GlsEntry entry = { 0, 1, { 0, 21 }, { 22, (guint32) strlen (text) - 22 }, { 0, 0 }, { 0, 0 }, 0, 2, 2 };
  GlsName headword = { { 0, 9 }, 0, 0, GLS_ROLE_HEADWORD };
  g_autoptr (GArray) prefs = g_array_new (FALSE, FALSE, sizeof (GlsPreference));
  gls_preferences_from_entry (text, strlen (text), strlen (text), &entry, &headword, NULL, prefs);
  cr_assert_eq (prefs->len, 3);
  const char *want[] = { "whitelist", "white list", "safelist" };
  guint lines[] = { 4, 4, 5 };
  for (guint i = 0; i < 3; i++)
    {
      const GlsPreference *p = &g_array_index (prefs, GlsPreference, i);
      cr_expect_eq (p->rejected.len, strlen (want[i]));
      cr_expect_eq (strncmp (text + p->rejected.start, want[i], p->rejected.len), 0, "%s", want[i]);
      cr_expect_eq (p->line, lines[i]);
      cr_expect_eq (p->preferred.start, 0);
      cr_expect_eq (p->preferred.len, 9);
    }
}

/* Vale regular expressions: the simple forms expand, bounded; the rest is
 * reported at its own line and skipped (never run). */
GLS_TEST (vocab, vale_regex_lines)
{
  Read r = read_mem (GLS_VOCAB_FORMAT_VALE_ACCEPT, "accept.txt",
                     "^(LoRA|QLoRA)$\ncolou?r\nGPU|TPU\n(?:pre-|pre)train\n[A-Z]+Script\n\\bfoo\\b\n"
                     "[a-z]ero\n[Aa][Bb][Cc][Dd][Ee]\n(a(b)c)\n[Gg]lossary\n");
  g_autofree char *got = describe (&r);
  cr_expect_str_eq (got, "LoRA QLoRA colour color GPU TPU pre-train pretrain Glossary glossary");
  /* Ranges, repetition, \b, nesting and 32 expansions are not read. */
  cr_expect_eq (r.issues->len, 5);
  cr_expect (has_issue (&r, 5, "\"[A-Z]+Script\" not read"));
  cr_expect (has_issue (&r, 6, "\"\\bfoo\\b\" not read"));
  cr_expect (has_issue (&r, 7, "\"[a-z]ero\" not read"));
  cr_expect (has_issue (&r, 8, "not read"));
  cr_expect (has_issue (&r, 9, "not read"));
  /* (LoRA|QLoRA) is written in the file; colour is derived text after it. */
  const GlsVocabWord *lora = &g_array_index (r.words, GlsVocabWord, 0);
  cr_expect_eq (lora->text.start, 2);
  const GlsVocabWord *colour = &g_array_index (r.words, GlsVocabWord, 2);
  cr_expect_gt (colour->text.start, r.len);
  cr_expect_eq (colour->line, 2);
  cr_expect_eq (colour->written.start, strstr (r.text, "colou?r") - r.text);
  read_clear (&r);

  /* Many unusual lines: the first ones by line, then a count. */
  g_autoptr (GString) many = g_string_new (NULL);
  for (guint i = 0; i < GLS_VOCAB_MAX_LINE_ISSUES + 5; i++)
    g_string_append (many, "x+\n");
  Read m = read_mem (GLS_VOCAB_FORMAT_VALE_REJECT, "reject.txt", many->str);
  cr_expect_eq (m.words->len, 0);
  cr_expect_eq (m.issues->len, GLS_VOCAB_MAX_LINE_ISSUES + 1);
  cr_expect (has_issue (&m, 0, "5 more regular expression lines not read"));
  read_clear (&m);
}

/* A glossary built from a Vale vocabulary holds the expanded words, hover's
 * entry line the expression's, and its snapshot carries the derived text. */
GLS_TEST (vocab, vale_expansions_in_the_glossary)
{
  static const char accept[] = "PyTorch\n[Ww]ebhooks?\n";
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_autoptr (GBytes) bytes = g_bytes_new_static (accept, strlen (accept));
  g_ptr_array_add (sources, gls_source_new_from_bytes ("styles/config/vocabularies/Team/accept.txt", NULL, bytes));
  g_autoptr (GlsGlossary) g = gls_glossary_new_from_sources (sources, NULL);
  cr_assert_eq (gls_glossary_n_entries (g), 5);
  const GlsEntry *e = gls_glossary_entry (g, 4);
  g_autofree char *name = gls_glossary_slice_dup (g, e, gls_glossary_name (g, e->first_name)->text);
  cr_expect_str_eq (name, "webhook");
  cr_expect_eq (e->line, 2);
  g_autofree char *header = gls_glossary_slice_dup (g, e, e->header);
  cr_expect_str_eq (header, "[Ww]ebhooks?");
  cr_expect_not_null (gls_glossary_lookup (g, "Webhooks", -1));

  /* The snapshot cache: the same sources (derived text included) decode to
   * the same expanded entries. */
  g_autoptr (GBytes) snap = gls_snapshot_encode (g, "k", 1, NULL, 0);
  g_autoptr (GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_source_free);
  g_ptr_array_add (again, gls_source_new_from_bytes ("styles/config/vocabularies/Team/accept.txt", NULL, bytes));
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsGlossary) back = gls_snapshot_decode (snap, "k", 1, again, NULL, &error);
  cr_assert_not_null (back, "%s", error != NULL ? error->message : "");
  cr_expect_eq (gls_glossary_n_entries (back), 5);
  const GlsEntry *b = gls_glossary_entry (back, 4);
  g_autofree char *back_name = gls_glossary_slice_dup (back, b, gls_glossary_name (back, b->first_name)->text);
  cr_expect_str_eq (back_name, "webhook");
}
