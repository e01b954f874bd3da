/* doc_analysis.h — the term hits and findings of one open document, kept
 * valid across edits without re-checking the whole document.
 *
 * State: a "base" (hits and raw findings that were correct for some text)
 * plus "dirty" byte ranges of the current text whose prose may have changed
 * since. Each edit shifts the cached results after it, drops the ones it
 * cut into, and marks the prose ranges the edit changed as dirty (the ranges
 * gls_prose_reparse_after_edit reports, already widened to whole blocks).
 * gls_doc_analysis_update() then re-checks only the spans that touch a dirty
 * range; without a base it checks every span once.
 *
 * How exact that is: hits and findings never cross a span boundary, and a
 * span's hits and term-case findings depend only on that span, so removing
 * every result inside the re-checked spans and adding the fresh ones gives
 * what a full check would (tests compare the two after random edits). One
 * thing is not local: misspelled-term skips a word the document writes as
 * code or in bold anywhere (its own name, rules.h), so after an edit adds or
 * removes such a definition the findings of spans not re-checked may still
 * report the word, or not yet. Such results are "approximate" until the
 * next full check; the server keeps small documents exact by checking them
 * fully and settles big ones with a background full check (diagnostics.c).
 *
 * Full checks of big documents can run in a worker thread: begin_full()
 * starts recording the edits that follow, the worker checks a snapshot
 * (gls_doc_analysis_check_all), and finish_full() replays the recorded edits
 * on its results before installing them, so typing during a long check
 * does not throw the check away; the ranges those edits changed are dirty
 * again after the installation (even if update() re-checked them on the old
 * base meanwhile). begin_full works with or without a base. invalidate() (glossary or configuration changed) makes pending
 * results stale: finish_full() then refuses them.
 *
 * Visible findings are the raw ones minus those suppressed by comments
 * (suppress.h), which needs the whole document's spans: they are computed
 * on request and cached until the results change. They are shallow copies
 * (no clear func) of the raw findings: valid until the next change.
 *
 * Ownership: owns its arrays; text, spans, analyzer and config are only read
 * during calls. Main thread only (the worker uses check_all, which touches
 * no GlsDocAnalysis). Costs: an edit is O(results after it) to shift;
 * update is the analyzer's cost on the re-checked spans plus O(results)
 * memmove.
 */
#pragma once

#include <glib.h>

#include "analysis/config.h"
#include "analysis/analyzer.h"
#include "text/prose.h"

G_BEGIN_DECLS

typedef struct _GlsDocAnalysis GlsDocAnalysis;

GlsDocAnalysis *gls_doc_analysis_new          (void);
void            gls_doc_analysis_free         (GlsDocAnalysis     *self);

/* Drops the base, the dirty ranges and any pending full check. */
void            gls_doc_analysis_invalidate   (GlsDocAnalysis     *self);
gboolean        gls_doc_analysis_has_base     (const GlsDocAnalysis *self);
/* TRUE when the results describe the current text (base, nothing dirty). */
gboolean        gls_doc_analysis_is_current   (const GlsDocAnalysis *self);
/* TRUE if spans were re-checked alone since the last full check (see
 * above: misspelled-term findings may then be stale for words the
 * document defined or stopped defining elsewhere). */
gboolean        gls_doc_analysis_is_approximate (const GlsDocAnalysis *self);
/* Number of dirty ranges (after merging), for logs and tests. */
guint           gls_doc_analysis_n_dirty      (const GlsDocAnalysis *self);

/* Bytes [start, old_end) of the previous text became [start, new_end);
 * changed (GlsByteRange, new offsets) are the prose ranges that may differ. */
void            gls_doc_analysis_note_edit    (GlsDocAnalysis     *self,
                                               guint32             start,
                                               guint32             old_end,
                                               guint32             new_end,
                                               const GArray       *changed);

/* Makes the results current for text[0..len) with spans (all of them,
 * sorted). Returns the number of spans re-checked. */
guint           gls_doc_analysis_update       (GlsDocAnalysis      *self,
                                               const GlsAnalyzer   *analyzer,
                                               const GlsRuleConfig *config,
                                               const char          *text,
                                               gsize                len,
                                               const GlsProseSpan  *spans,
                                               gsize                n_spans);

/* Hits (GlsHit) and raw findings (GlsFinding), document order; owned. */
const GArray   *gls_doc_analysis_get_hits     (const GlsDocAnalysis *self);
const GArray   *gls_doc_analysis_get_findings (const GlsDocAnalysis *self);
/* The raw findings not suppressed by comments (see above). */
const GArray   *gls_doc_analysis_get_visible  (GlsDocAnalysis      *self,
                                               const char          *text,
                                               gsize                len,
                                               const GlsProseSpan  *spans,
                                               gsize                n_spans);

/* ---- full checks elsewhere ---------------------------------------------- */

/* Starts recording edits for a full check of the current text; returns its
 * ticket. A second begin_full supersedes the first. */
guint           gls_doc_analysis_begin_full   (GlsDocAnalysis     *self);
/* TRUE while a full check with a valid ticket is pending. */
gboolean        gls_doc_analysis_full_pending (const GlsDocAnalysis *self);
/* Installs the results of ticket's check (taking ownership of both arrays,
 * which must have been made by gls_doc_analysis_check_all) and returns TRUE;
 * FALSE, freeing them, if the ticket is stale. */
gboolean        gls_doc_analysis_finish_full  (GlsDocAnalysis     *self,
                                               guint               ticket,
                                               GArray             *findings,
                                               GArray             *hits);
/* The full check itself: any thread. Returns new arrays through the out
 * arguments (findings with gls_finding_clear as clear func). */
void            gls_doc_analysis_check_all    (const GlsAnalyzer   *analyzer,
                                               const GlsRuleConfig *config,
                                               const char          *text,
                                               gsize                len,
                                               const GlsProseSpan  *spans,
                                               gsize                n_spans,
                                               GArray             **findings,
                                               GArray             **hits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsDocAnalysis, gls_doc_analysis_free)

G_END_DECLS
