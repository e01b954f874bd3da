/* Tests of the fallback comment table and plaintext (lsp/text/prose_fallback.c). */
#include "common/leak-check.h"
#include "prose_helpers.h"

GLS_TEST (prose_fallback, hash_languages)
{
  EXPECT_PROSE ("ruby",
                "#!/usr/bin/env ruby\n# ruby comment\nputs \"#{x} # not\" # trailing\n"
                "s = 'it''s # not'\n",
                "comment:ruby comment|comment:trailing");
  EXPECT_PROSE ("yaml", "key: value # note\nurl: http://x/#anchor\n# full line\n",
                "comment:note|comment:full line");
  EXPECT_PROSE ("perl", "my $n = $#list; # count\n", "comment:count");
  EXPECT_PROSE ("dockerfile", "# syntax note\nRUN echo a # not a comment here\n",
                "comment:syntax note");
  EXPECT_PROSE ("ini", "; semi\n# hash\nkey = a ; b\n", "comment:semi|comment:hash");
  EXPECT_PROSE ("powershell", "<# block\n   help #>\nWrite-Host \"# no\" # yes\n",
                "comment:block|comment:help|comment:yes");
}

GLS_TEST (prose_fallback, dash_languages)
{
  EXPECT_PROSE ("sql",
                "SELECT '-- not' AS a -- trailing\n/* block\n * starred */\nFROM t;\n",
                "comment:trailing|comment:block|comment:starred");
  EXPECT_PROSE ("haskell",
                "-- line\n{- outer {- nested -} still outer -}\nmain = putStrLn \"-- no\"\n",
                "comment:line|comment:outer {- nested -} still outer");
  EXPECT_PROSE ("ada", "X : String := \"-- no\"; -- yes\n", "comment:yes");
}

GLS_TEST (prose_fallback, slash_languages)
{
  EXPECT_PROSE ("csharp",
                "/// <summary>doc</summary>\nvar s = \"// no /* no */\"; // yes\n/* a\n * b */\n",
                "comment:<summary>doc</summary>|comment:yes|comment:a|comment:b");
  EXPECT_PROSE ("kotlin", "/* a /* nested */ b */ val x = 1 // end\n",
                "comment:a /* nested */ b|comment:end");
  EXPECT_PROSE ("css", "a { color: red; } /* css note */ b::after { content: \"/* no */\"; }\n",
                "comment:css note");
  EXPECT_PROSE ("php", "<?php # hash\n// slash\n$s = '# no'; /* blk */\n",
                "comment:hash|comment:slash|comment:blk");
  EXPECT_PROSE ("zig", "/// doc\nconst s = \"// no\"; //! top\n", "comment:doc|comment:top");
  EXPECT_PROSE ("json", "{\"a\": \"// no\"}\n", "");
}

GLS_TEST (prose_fallback, markup_tex_lisp_vim)
{
  EXPECT_PROSE ("html", "<p>visible text</p>\n<!-- html note\n  second -->\n",
                "comment:html note|comment:second");
  EXPECT_PROSE ("xml", "<a>x</a><!--x-->", "comment:x");
  EXPECT_PROSE ("latex", "50\\% of text % real comment\n\\section{A} %% two\n",
                "comment:real comment|comment:two");
  EXPECT_PROSE ("erlang", "X = \"% no\", % yes\n", "comment:yes");
  EXPECT_PROSE ("matlab", "%{\nblock\n%}\nx = 'it' % note\n", "comment:block|comment:note");
  EXPECT_PROSE ("clojure", ";; doc\n(def s \"; no\") ; end\n", "comment:doc|comment:end");
  EXPECT_PROSE ("vim", "\" vim comment\nlet s = \"string\" \" not a comment\n",
                "comment:vim comment");
}

GLS_TEST (prose_fallback, unterminated_things)
{
  EXPECT_PROSE ("sql", "/* never closed\nstill comment", "comment:never closed|comment:still comment");
  EXPECT_PROSE ("ruby", "s = \"open string\n# real comment\n", "comment:real comment");
}

GLS_TEST (prose_fallback, plaintext_and_unknown)
{
  EXPECT_PROSE ("plaintext", "first paragraph\nstill first\n\n  \nsecond\r\n\r\nthird",
                "text:first paragraph\\nstill first|text:second|text:third");
  EXPECT_PROSE ("no-such-language", "all text `is` prose", "text:all text `is` prose");
  /* Glossary files are a language of their own (prose_glossary.h). */
  EXPECT_PROSE ("glossary", "rotary position embedding,RoPE\nbody\n",
                "heading:rotary position embedding|heading:RoPE|text:body");
  g_autoptr (GlsProse) a = gls_prose_new ("no-such-language");
  cr_expect_str_eq (gls_prose_language (a), "plaintext");
  g_autoptr (GlsProse) b = gls_prose_new (NULL);
  cr_expect_str_eq (gls_prose_language (b), "plaintext");
  g_autoptr (GlsProse) c = gls_prose_new ("glossary");
  cr_expect_str_eq (gls_prose_language (c), "glossary");
  g_autoptr (GlsProse) d = gls_prose_new ("ruby");
  cr_expect_str_eq (gls_prose_language (d), "fallback:#");
  g_autoptr (GlsProse) e = gls_prose_new ("haskell");
  cr_expect_str_eq (gls_prose_language (e), "fallback:-- {- -}");
  cr_expect_str_eq (gls_prose_language_id_for_path ("Makefile"), "makefile");
  cr_expect_str_eq (gls_prose_language_id_for_path ("x/Dockerfile"), "dockerfile");
  cr_expect_str_eq (gls_prose_language_id_for_path ("notes"), "plaintext");
}

GLS_TEST (prose_fallback, kinds_have_names)
{
  for (int k = GLS_PROSE_TEXT; k <= GLS_PROSE_HTML_COMMENT; k++)
    cr_expect_str_neq (gls_prose_kind_to_string ((GlsProseKind) k), "unknown");
  cr_expect_str_eq (gls_prose_kind_to_string (GLS_PROSE_LINK_TEXT), "link-text");
}

GLS_TEST (prose_fallback, robustness)
{
  static const char bad[] = "# caf\xC3\n\0# nul\n\"\\";
  const char *langs[] = { "ruby", "sql", "haskell", "latex", "vim", "plaintext", "html" };
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr (GlsProse) p = gls_prose_new (langs[i]);
      cr_assert (gls_prose_parse (p, bad, sizeof bad - 1, NULL, NULL));
      prose_check_invariants (p, bad, sizeof bad - 1);
      cr_assert (gls_prose_parse (p, "", 0, NULL, NULL));
      cr_expect_eq (gls_prose_n_spans (p), 0u);
    }
}

static const char *const palette[] = {
  "x", " ", "\n", "\n\n", "#", "--", "/*", "*/", "{-", "-}", "\"", "'", "\\", "word ", NULL,
};

GLS_TEST (prose_fallback, incremental, .timeout = 240)
{
  static const char base[] = "a = 1 # one\n/* two */ b = \"# no\"\n\n-- three\n{- four -}\ntext\n";
  const char *langs[] = { "ruby", "sql", "haskell", "csharp", "plaintext" };
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    for (guint32 seed = 1; seed <= 4; seed++)
      prose_differential (langs[i], base, palette, seed, 80);
}
