/* lint_message.h — text that reaches the linter's output safely.
 *
 * Everything `glossary-ls lint` prints can carry text from the repository it
 * checks: file names, source lines, keys of a .glossary-ls.json, glossary
 * paths, error messages quoting them. In CI that output is parsed: the GitHub
 * Actions runner turns a line whose first non-blank characters are "::" into
 * a workflow command (annotations, ::add-mask::, ::stop-commands:: that hides
 * every later annotation), and it still honours the legacy form "##[command]"
 * ANYWHERE in a line (actions/runner ActionCommandManager.TryProcessCommand
 * falls back from TryParseV2 to TryParse, which looks for "##[" with
 * IndexOf). A terminal, for its part, obeys escape sequences. So every line
 * built from such text goes through these functions:
 *
 *   - it stays one line: CR and LF become %0D and %0A in the github format
 *     (what the runner expects, with % as %25), U+FFFD otherwise;
 *   - other control characters (C0 but tab, DEL, C1) and bytes that are not
 *     UTF-8 become U+FFFD;
 *   - a line that would start with "::" after blanks gets a ZERO WIDTH SPACE
 *     (U+200B) before the "::", and every "##[" becomes "##" U+200B "[":
 *     invisible on screen, and neither parser matches any more (.NET's
 *     TrimStart does not strip U+200B, which is a format character, not
 *     white space).
 *
 * The lines glossary-ls writes itself for --format github ("::warning
 * file=...::message") are built with gls_lint_github_escape_* (lint_report.h)
 * and never pass through here.
 *
 * All functions are pure and thread-safe.
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* Appends text[0..len) (len < 0: NUL-terminated) to out with the character
 * rules above (no command neutralisation: call gls_lint_neutralize_line once
 * the line is complete). github selects %-escapes for % CR LF. */
void  gls_lint_safe_append        (GString    *out,
                                   const char *text,
                                   gssize      len,
                                   gboolean    github);

/* Neutralises workflow commands in out[from..] (one line, no terminator). */
void  gls_lint_neutralize_line    (GString    *out,
                                   gsize       from);

/* The message as one safe line (both steps), newly allocated. */
char *gls_lint_safe_line          (const char *text,
                                   gboolean    github);

/* Appends "glossary-ls: " + the formatted message as one safe line and a
 * newline to out. */
void  gls_lint_append_message     (GString    *out,
                                   gboolean    github,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (3, 4);

/* The same, written to err. */
void  gls_lint_print_message      (FILE       *err,
                                   gboolean    github,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
