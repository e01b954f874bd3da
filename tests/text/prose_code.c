/* Tests of code prose extraction (lsp/text/prose_code.c, prose_comment.c):
 * comments and docstrings through tree-sitter, never identifiers or strings. */
#include "common/leak-check.h"
#include "prose_helpers.h"

GLS_TEST (prose_code, c)
{
  EXPECT_PROSE ("c",
                "/* Block comment about attention\n * second line\n */\n"
                "// line comment: rotary position\n"
                "static const char *s = \"attention // not a comment\";\n"
                "int attention_mechanism = 1; /** trailing doc */\n"
                "/*! bang */ /**/ /***/\n",
                "comment:Block comment about attention|comment:second line|"
                "comment:line comment: rotary position|comment:trailing doc|comment:bang");
}

GLS_TEST (prose_code, cpp)
{
  EXPECT_PROSE ("cpp",
                "/// doxygen line\nauto s = R\"(// raw string)\"; // after\n"
                "template <class T> T attention(T t) { return t; } /* c style\n   no star */\n",
                "comment:doxygen line|comment:after|comment:c style|comment:no star");
}

GLS_TEST (prose_code, python)
{
  EXPECT_PROSE ("python",
                "#!/usr/bin/env python3\n"
                "\"\"\"Module docstring about attention.\n\nSecond paragraph.\n\"\"\"\n"
                "import os  # trailing comment\n"
                "def f(x):\n"
                "    # comment before the docstring\n"
                "    r'''Function docstring.'''\n"
                "    s = \"attention string, not prose\"\n"
                "    return x\n"
                "class C:\n"
                "    'Class docstring.'\n"
                "    def g(self):\n"
                "        y = 1\n"
                "        \"\"\"not a docstring: second statement\"\"\"\n"
                "    def h(self):\n"
                "        f\"\"\"not a docstring either {y}\"\"\" + x\n",
                "docstring:Module docstring about attention.|docstring:Second paragraph.|"
                "comment:trailing comment|comment:comment before the docstring|"
                "docstring:Function docstring.|docstring:Class docstring.");
}

GLS_TEST (prose_code, javascript_and_typescript)
{
  static const char js[] =
    "/**\n * JSDoc summary\n * @param x the input\n */\n"
    "const attention = \"// not a comment\"; // trailing\n"
    "const re = /\\/\\/ not a comment/; const t = `template // not`;\n";
  const char *want = "comment:JSDoc summary|comment:@param x the input|comment:trailing";
  EXPECT_PROSE ("javascript", js, want);
  EXPECT_PROSE ("javascriptreact", js, want);
  EXPECT_PROSE ("typescript",
                "// ts comment\nlet attention: string = '/* not */'; /* block */\n"
                "interface I { x: number } // end\n",
                "comment:ts comment|comment:block|comment:end");
  EXPECT_PROSE ("typescriptreact",
                "// tsx comment\nconst e = <div className=\"attention\">text</div>; // end\n",
                "comment:tsx comment|comment:end");
}

GLS_TEST (prose_code, rust_go_java)
{
  EXPECT_PROSE ("rust",
                "//! crate docs\n/// item docs\nfn attention() { let s = \"// no\"; } "
                "/* block /* nested */ still */\n",
                "comment:crate docs|comment:item docs|comment:block /* nested */ still");
  EXPECT_PROSE ("go",
                "// Package doc\npackage main\n/* blk */\nfunc attention() { s := \"// no\"; "
                "r := `/* raw */` }\n",
                "comment:Package doc|comment:blk");
  EXPECT_PROSE ("java",
                "/** Javadoc line\n * more */\nclass Attention { String s = \"// no\"; } // end\n",
                "comment:Javadoc line|comment:more|comment:end");
}

GLS_TEST (prose_code, bash_and_lua)
{
  const char *sh = "#!/bin/bash\n# bash comment\necho \"# not\" '# not' # trailing\nx=a#b\n";
  EXPECT_PROSE ("shellscript", sh, "comment:bash comment|comment:trailing");
  EXPECT_PROSE ("sh", sh, "comment:bash comment|comment:trailing");
  EXPECT_PROSE ("lua",
                "-- lua comment\n--- doc comment\nlocal attention = \"-- not\"\n"
                "--[[ long\n comment ]]\n--[==[ level two ]==]\nlocal s = [[ -- not ]]\n",
                "comment:lua comment|comment:doc comment|comment:long|comment:comment|"
                "comment:level two");
}

GLS_TEST (prose_code, language_names)
{
  static const char *pairs[][2] = {
    { "c", "c" }, { "cpp", "cpp" }, { "python", "python" }, { "javascript", "javascript" },
    { "javascriptreact", "javascript" }, { "typescript", "typescript" },
    { "typescriptreact", "tsx" }, { "rust", "rust" }, { "go", "go" }, { "shellscript", "bash" },
    { "bash", "bash" }, { "lua", "lua" }, { "java", "java" }, { "Python", "python" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr (GlsProse) p = gls_prose_new (pairs[i][0]);
      cr_expect_str_eq (gls_prose_language (p), pairs[i][1], "%s", pairs[i][0]);
    }
  cr_expect_str_eq (gls_prose_language_id_for_path ("src/x.tsx"), "typescriptreact");
  cr_expect_str_eq (gls_prose_language_id_for_path ("run.sh"), "shellscript");
}

GLS_TEST (prose_code, robustness)
{
  static const char bad[] = "/* caf\xC3 \xFF */ int x\0y; // nul\0in comment\n\"unterminated";
  const char *langs[] = { "c", "python", "rust", "lua", "bash", "javascript" };
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr (GlsProse) p = gls_prose_new (langs[i]);
      cr_assert (gls_prose_parse (p, bad, sizeof bad - 1, NULL, NULL));
      prose_check_invariants (p, bad, sizeof bad - 1);
      cr_assert (gls_prose_parse (p, "", 0, NULL, NULL));
      cr_expect_eq (gls_prose_n_spans (p), 0u);
      cr_assert (gls_prose_parse (p, "x = 1 // a\r\n// b\r\n", 18, NULL, NULL));
      prose_check_invariants (p, "x = 1 // a\r\n// b\r\n", 18);
    }
  g_autoptr (GString) line = g_string_new ("int x = 0;");
  for (guint i = 0; i < 20000; i++)
    g_string_append (line, " /* c */ x++;");
  g_autoptr (GlsProse) p = gls_prose_new ("c");
  cr_assert (gls_prose_parse (p, line->str, line->len, NULL, NULL));
  cr_expect_eq (gls_prose_n_spans (p), 20000u);
}

GLS_TEST (prose_code, cancellation)
{
  g_autoptr (GCancellable) c = g_cancellable_new ();
  g_cancellable_cancel (c);
  g_autoptr (GlsProse) p = gls_prose_new ("c");
  g_autoptr (GError) error = NULL;
  cr_expect (!gls_prose_parse (p, "// x\n", 5, c, &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  /* Usable afterwards. */
  cr_assert (gls_prose_parse (p, "// x\n", 5, NULL, NULL));
  cr_expect_eq (gls_prose_n_spans (p), 1u);
}

/* ---- incremental -------------------------------------------------------- */

static const char *const c_palette[] = {
  "x", " ", "\n", "//", "/*", "*/", "/**", "\"", "'", "\\", "// comment words\n", "/* blk */",
  "int y = 0;", "{", "}", "#define M 1\n", "*", "/", "attention", "\r\n", NULL,
};

GLS_TEST (prose_code, incremental_c, .timeout = 240)
{
  static const char base[] =
    "/* Header comment\n * about attention\n */\n#include <stdio.h>\n\n"
    "// line comment\nint main (void)\n{\n  const char *s = \"// not\"; /* trailing */\n"
    "  return 0; // done\n}\n/** doc */\nstatic int x;\n";
  for (guint32 seed = 1; seed <= 10; seed++)
    prose_differential ("c", base, c_palette, seed, 100);
}

static const char *const py_palette[] = {
  "x", " ", "\n", "    ", "#", "# comment\n", "\"\"\"", "'''", "\"", "'", "doc", "def f():\n",
  "class K:\n", "pass\n", "y = 1\n", "\"\"\"docstring\"\"\"\n", ":", "\\", "\r\n", NULL,
};

GLS_TEST (prose_code, incremental_python, .timeout = 240)
{
  static const char base[] =
    "\"\"\"Module doc.\"\"\"\n# comment\nimport os\n\ndef f(x):\n    \"\"\"Function doc.\"\"\"\n"
    "    return x  # trailing\n\nclass C:\n    # before\n    '''Class doc.'''\n"
    "    def g(self):\n        pass\n";
  for (guint32 seed = 1; seed <= 10; seed++)
    prose_differential ("python", base, py_palette, seed, 100);
}

static const char *const lua_palette[] = {
  "x", " ", "\n", "--", "--[[", "]]", "[[", "--[==[", "]==]", "\"", "local a = 1\n", "-", "[",
  "]", "=", NULL,
};

GLS_TEST (prose_code, incremental_lua_and_rust, .timeout = 240)
{
  static const char lua[] = "-- head\nlocal s = \"-- no\"\n--[[ long\ncomment ]]\nreturn s\n";
  for (guint32 seed = 1; seed <= 6; seed++)
    prose_differential ("lua", lua, lua_palette, seed, 80);
  static const char rust[] = "//! crate\n/// item\nfn f() { let s = \"// no\"; } /* b */\n";
  for (guint32 seed = 1; seed <= 6; seed++)
    prose_differential ("rust", rust, c_palette, seed, 80);
}

GLS_TEST (prose_code, docstring_status_follows_edits_elsewhere)
{
  const char *body = "def f():\n    x = 1\n    \"\"\"doc words\"\"\"\n    return x\n";
  /* Deleting the statement before a string makes it the docstring ... */
  edit_matches_fresh ("python", body, "x = 1\n    ", "");
  /* ... inserting one before a docstring ends that, */
  edit_matches_fresh ("python", "def f():\n    \"\"\"doc words\"\"\"\n    return 1\n",
                      "    \"\"\"doc", "    y = 2\n    \"\"\"doc");
  /* and so does changing what the body belongs to. */
  edit_matches_fresh ("python", "if f:\n    \"\"\"doc words\"\"\"\n", "if f:", "def f():");
  edit_matches_fresh ("python", "def f():\n    \"\"\"doc words\"\"\"\n", "def f():", "if f:");
  edit_matches_fresh ("python", "x = 1\n\"\"\"module doc\"\"\"\n", "x = 1\n", "");
}
