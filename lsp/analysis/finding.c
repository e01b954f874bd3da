/* finding.c — see finding.h. */
#include "analysis/finding.h"

#include <string.h>

void
gls_finding_clear (GlsFinding *finding)
{
  g_clear_pointer (&finding->message, g_free);
  g_clear_pointer (&finding->replacements, g_ptr_array_unref);
}

const char *
gls_severity_to_string (GlsSeverity severity)
{
  switch (severity)
    {
    case GLS_SEVERITY_ERROR: return "error";
    case GLS_SEVERITY_WARNING: return "warning";
    case GLS_SEVERITY_INFO: return "info";
    case GLS_SEVERITY_HINT: return "hint";
    case GLS_SEVERITY_OFF:
    default: return "off";
    }
}

gboolean
gls_severity_parse (const char *text, GlsSeverity *out)
{
  static const struct { const char *name; GlsSeverity severity; } names[] = {
    { "error", GLS_SEVERITY_ERROR }, { "warning", GLS_SEVERITY_WARNING },
    { "info", GLS_SEVERITY_INFO }, { "information", GLS_SEVERITY_INFO },
    { "hint", GLS_SEVERITY_HINT }, { "off", GLS_SEVERITY_OFF }, { "none", GLS_SEVERITY_OFF },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *out = names[i].severity;
        return TRUE;
      }
  return FALSE;
}
