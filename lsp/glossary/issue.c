/* issue.c — see issue.h. */
#include "glossary/issue.h"

GlsIssue *
gls_issue_new (const char *path, guint line, GlsIssueSeverity severity, const char *format, ...)
{
  GlsIssue *issue = g_new0 (GlsIssue, 1);
  va_list args;

  issue->path = g_strdup (path);
  issue->line = line;
  issue->severity = severity;
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  return issue;
}

void
gls_issue_free (GlsIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->path);
  g_free (issue->message);
  g_free (issue);
}

char *
gls_issue_format (const GlsIssue *issue)
{
  const char *kind = issue->severity == GLS_ISSUE_ERROR ? "error" : "warning";
  if (issue->line == 0)
    return g_strdup_printf ("%s: %s: %s", issue->path, kind, issue->message);
  return g_strdup_printf ("%s:%u: %s: %s", issue->path, issue->line, kind, issue->message);
}
