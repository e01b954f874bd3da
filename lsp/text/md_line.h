/* md_line.h — classifiers of one Markdown line, for prose_markdown.c's line
 * machine: blank lines, indentation in columns (tabs to multiples of 4), line
 * ends, and after container markers (q = first non-blank, indentation < 4)
 * ATX headings, fences, thematic breaks, setext underlines, list markers,
 * HTML block starts and ends (CommonMark's seven kinds). Pure functions of
 * (text, offsets); no allocation; any thread. Offsets are bytes of t; le is
 * the line's end. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

static inline gboolean
gls_md_is_sp (char c)
{
  return c == ' ' || c == '\t';
}

/* Only spaces, tabs, \f and \v in t[p..le). */
gboolean gls_md_is_blank (const char *t, guint32 p, guint32 le);
/* Columns of white space at p (starting in column col); *q = first other. */
guint32 gls_md_indent_at (const char *t, guint32 p, guint32 le, guint32 col, guint32 *q);
/* Moves *p / *col over white space until column target. */
void gls_md_advance_to_col (const char *t, guint32 *p, guint32 *col, guint32 le, guint32 target);
/* The end of the line at p (before \n, \r\n or \r); *next = the next line. */
guint32 gls_md_line_end (const char *t, guint32 p, guint32 len, guint32 *next);
/* The level (1-6) of an ATX heading at q, or 0. */
guint32 gls_md_atx_level (const char *t, guint32 q, guint32 le);
/* A code fence opening at q: its character and length. */
gboolean gls_md_fence_open (const char *t, guint32 q, guint32 le, char *ch, guint32 *n);
/* A thematic break (three or more * - _) at q. */
gboolean gls_md_thematic_break (const char *t, guint32 q, guint32 le);
/* A setext underline (= or -) at q. */
gboolean gls_md_setext_underline (const char *t, guint32 q, guint32 le);
/* A list marker at q: returns the offset after it (0 if none). */
guint32 gls_md_list_marker (const char *t, guint32 q, guint32 le, gboolean *ordered, guint32 *number);
/* The CommonMark HTML block kind (1-7) starting at q, or 0. */
int gls_md_html_start (const char *t, guint32 q, guint32 le);
/* Does t[p..le) end an HTML block of kind type (1-5; 6 and 7 end at a blank line)? */
gboolean gls_md_html_ends (int type, const char *t, guint32 p, guint32 le);

G_END_DECLS
