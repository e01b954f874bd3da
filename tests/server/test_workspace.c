/* test_workspace.c — see test_workspace.h. */
#include "test_workspace.h"

GlsWorkspace *
gls_test_workspace_new (GlsServer  *server,
                        const char *dir,
                        const char *glossary_path,
                        gboolean    file_monitors)
{
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  const char *glossaries[] = { glossary_path, NULL };
  GlsGlossaryArgs glossary_args = {
    .paths = (char **) glossaries,
    .no_default = TRUE,
    .no_cache = TRUE,
  };
  GlsWorkspaceOptions options = {
    .glossary = &glossary_args,
    .seed_copy_dir = cache,
    .no_file_monitors = !file_monitors,
  };
  return gls_workspace_new (server, &options);
}
