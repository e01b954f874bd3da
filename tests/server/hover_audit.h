/* hover_audit.h — what makes a rendered hover read badly, found in its text.
 *
 * gls_hover_audit() looks at one rendered term documentation (term_markup.h,
 * Markdown or plain text) the way a reader does and reports its flaws as
 * bits. It parses the rendered text, not the model: a hover is judged by
 * what the user sees. The parts are the heading (first block), the
 * definition (the blocks up to the location line: "Full definition",
 * "Defined in", a link or `path:line`), and the rest (names, other entries).
 *
 * Duplicates among "Other entries" are judged by the caller's hook (the
 * rendering of that part belongs to the ranking work); NULL skips it.
 */
#pragma once

#include <glib.h>

#include "server/features/term_markup.h"

typedef enum
{
  GLS_FLAW_CUT           = 1 << 0,  /* the definition stops inside a line ("…"): counted, not a fault */
  GLS_FLAW_ENDS_HEADING  = 1 << 1,  /* last definition line is a heading or bold pseudo-heading */
  GLS_FLAW_ENDS_COLON    = 1 << 2,  /* the definition ends with ":" */
  GLS_FLAW_DOUBLE_TITLE  = 1 << 3,  /* the heading's text starts the definition again */
  GLS_FLAW_DAMAGED_TEX   = 1 << 4,  /* control characters, egin{, lines starting abla/ight, bare TeX commands in math */
  GLS_FLAW_RAW_LINK      = 1 << 5,  /* plain text with [..](..) link syntax */
  GLS_FLAW_ESCAPES       = 1 << 6,  /* plain text with Markdown escapes ("\_") */
  GLS_FLAW_DUPLICATE     = 1 << 7,  /* the caller's hook found a duplicate other entry */
  GLS_FLAW_FLAT_LIST     = 1 << 8,  /* list items run together on one line (" - **X**: ... - ") */
} GlsHoverFlaw;

#define GLS_FLAW_FAULTS (~(guint) GLS_FLAW_CUT)

/* (nullable) hook: TRUE when the "Other entries" text lists a duplicate. */
typedef gboolean (*GlsHoverDuplicateFunc) (const char *other_entries, gpointer user_data);

guint       gls_hover_audit          (const char           *hover,
                                      GlsMarkupKind         kind,
                                      GlsHoverDuplicateFunc duplicates,
                                      gpointer              user_data);

/* The flaw's name ("ends-heading"). */
const char *gls_hover_flaw_name      (GlsHoverFlaw flaw);

/* TRUE when text (math or not) shows LaTeX export damage: a control
 * character other than \n, "egin{" / "ext{" without backslash, a line that
 * starts with "abla" / "ight", or a known TeX command without its backslash
 * inside $...$. Exposed for the model tests (define / dump output). */
gboolean    gls_text_has_damaged_tex (const char *text);
