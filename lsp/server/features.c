/* features.c — see features.h: registers the feature modules built in. */
#include "server/features.h"

#include "server/gls-features.h"

void
gls_features_register_all (GlsServer *server, GlsWorkspace *workspace)
{
#ifdef GLS_HAVE_FEATURE_HOVER
  gls_hover_register (server, workspace);
#endif
#ifdef GLS_HAVE_FEATURE_COMPLETION
  gls_completion_register (server, workspace);
#endif
#ifdef GLS_HAVE_FEATURE_DEFINITION
  gls_definition_register (server, workspace);
#endif
#ifdef GLS_HAVE_FEATURE_REFERENCES
  gls_references_register (server, workspace);
#endif
#ifdef GLS_HAVE_FEATURE_SYMBOLS
  gls_symbols_register (server, workspace);
#endif
  (void) server;
  (void) workspace;
}
