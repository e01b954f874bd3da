/* prose_inline.h — Markdown inline content and raw HTML to prose spans.
 *
 * A hand-written CommonMark (+ GFM, + $math$) inline scanner. It runs over one
 * block's inline content (a paragraph, a heading's text, a table cell) held in
 * a contiguous buffer, and appends spans in buffer offsets. It cuts out, in
 * CommonMark's precedence (left to right; code spans, autolinks and raw HTML
 * bind tighter than links): code spans (backtick runs matched by length),
 * autolinks <scheme:...> and <a@b.c>, raw HTML tags, comments (whose interior
 * is appended as GLS_PROSE_HTML_COMMENT), processing instructions,
 * declarations and CDATA, inline math $...$ (pandoc rules: no space inside
 * the dollars, closer not followed by a digit, so "$5 and $10" is text) and
 * $$...$$, entity references, bare URLs (http://, https://, www.), link and
 * image destinations/titles and reference labels, the brackets themselves,
 * and emphasis/strikethrough delimiter runs that could open or close (flanking
 * rules; intraword "_" as in snake_case stays). Text inside [..](..), [..][..],
 * [..][] and images becomes GLS_PROSE_LINK_TEXT; shortcut [..] stays base.
 *
 * Linear time: every failed search for a closer (backtick run of a length,
 * $, $$, -->) is remembered, so later openers of the same kind do not rescan.
 * Nothing is allocated beyond the output and a bracket stack.
 */
#pragma once

#include "text/span.h"

G_BEGIN_DECLS

/* Appends the prose spans of inline content buf[0..len) to out (GlsProseSpan,
 * buffer offsets, sorted). base is GLS_PROSE_TEXT, _HEADING or _TABLE. */
void    gls_prose_inline_scan   (const char   *buf,
                                 guint32       len,
                                 GlsProseKind  base,
                                 GArray       *out);

/* Appends the spans of raw HTML buf[0..len) (an HTML block): text between
 * tags is TEXT, comment interiors are HTML_COMMENT; tags, <script>, <style>,
 * <pre> and <textarea> contents, entities and URLs are not prose. */
void    gls_prose_html_scan     (const char   *buf,
                                 guint32       len,
                                 GArray       *out);

/* End offset of a complete HTML open or closing tag starting at buf[pos]
 * ('<'), or 0 if there is none. */
guint32 gls_prose_html_tag_end  (const char   *buf,
                                 guint32       len,
                                 guint32       pos);

/* End offset (after its line ending) of a link reference definition
 * "[label]: destination 'title'" starting at buf[pos] ('['), or 0. */
guint32 gls_prose_link_ref_def_end (const char *buf,
                                    guint32     len,
                                    guint32     pos);

G_END_DECLS
