/* features.c — see features.h: registers every feature module. */
#include "server/features/features.h"

void
gls_features_register_all (GlsServer *server, GlsWorkspace *workspace)
{
  gls_sync_register (server, workspace);
  gls_code_action_register (server, workspace);
  gls_configuration_register (server, workspace);
  gls_hover_register (server, workspace);
  gls_completion_register (server, workspace);
  gls_definition_register (server, workspace);
  gls_references_register (server, workspace);
  gls_symbols_register (server, workspace);
}
