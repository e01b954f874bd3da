/* issue.h — a problem found while loading glossaries, reported as file:line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLS_ISSUE_ERROR,    /* something was lost or could not be read */
  GLS_ISSUE_WARNING,  /* loaded, but probably not what the author meant */
} GlsIssueSeverity;

typedef struct
{
  char            *path;
  guint            line;     /* 1-based; 0 when the problem is the whole file */
  GlsIssueSeverity severity;
  char            *message;
  gboolean         in_default;  /* about the embedded default glossary, not the user's */
} GlsIssue;

GlsIssue   *gls_issue_new    (const char *path, guint line, GlsIssueSeverity severity,
                              const char *format, ...) G_GNUC_PRINTF (4, 5);
void        gls_issue_free   (GlsIssue *issue);
/* "path:line: error: message" (or "path: error: message" when line is 0). */
char       *gls_issue_format (const GlsIssue *issue);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsIssue, gls_issue_free)

G_END_DECLS
