/* server_main.c — see server_main.h. */
#define G_LOG_DOMAIN "gls-server"

#include "server/server_main.h"

#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <errno.h>
#include <glib-unix.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gls-exit.h"
#include "glossary/glossary_args.h"
#include "server/features/features.h"
#include "server/server.h"
#include "server/workspace/workspace.h"

static const struct
{
  const char     *name;
  GLogLevelFlags  level;
} log_levels[] = {
  { "error", G_LOG_LEVEL_ERROR },
  { "critical", G_LOG_LEVEL_CRITICAL },
  { "warning", G_LOG_LEVEL_WARNING },
  { "message", G_LOG_LEVEL_MESSAGE },
  { "info", G_LOG_LEVEL_INFO },
  { "debug", G_LOG_LEVEL_DEBUG },
};

static gboolean
parse_log_level (const char *name, GLogLevelFlags *out)
{
  for (gsize i = 0; i < G_N_ELEMENTS (log_levels); i++)
    if (g_ascii_strcasecmp (name, log_levels[i].name) == 0)
      {
        *out = log_levels[i].level;
        return TRUE;
      }
  return FALSE;
}

/* Drops messages less severe than the threshold passed as user_data; the
 * rest go to GLib's default writer (stderr, set up by main). GLib levels are
 * bit flags, more severe = smaller bit. */
static GLogWriterOutput
filtered_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogLevelFlags threshold = GPOINTER_TO_UINT (user_data);

  if ((level & G_LOG_LEVEL_MASK) > threshold)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, NULL);
}

/* Keeps the LSP stream on a private descriptor and points fd 1 at stderr.
 * Returns the private descriptor, or -1. */
static int
claim_stdout (GError **error)
{
  int fd = dup (STDOUT_FILENO);

  if (fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot set up stdout: %s", g_strerror (saved));
      return -1;
    }
  return fd;
}

typedef struct
{
  gboolean        stdio;
  char           *log_level;
  gint64          client_pid;
  GlsGlossaryArgs glossary;
} ServerArgs;

static void
server_args_clear (ServerArgs *args)
{
  g_clear_pointer (&args->log_level, g_free);
  gls_glossary_args_clear (&args->glossary);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServerArgs, server_args_clear)

/* The server's options (the glossary ones are every front end's,
 * glossary_args.h). FALSE after printing the problem to stderr. */
static gboolean
parse_arguments (int argc, char **argv, ServerArgs *out)
{
  const GOptionEntry entries[] = {
    { "stdio", 0, 0, G_OPTION_ARG_NONE, &out->stdio,
      "Speak LSP on stdin/stdout (the default)", NULL },
    { "log-level", 0, 0, G_OPTION_ARG_STRING, &out->log_level,
      "error, critical, warning, message (default), info or debug", "LEVEL" },
    { "clientProcessId", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT64,
      &out->client_pid, "Ignored (sent by vscode-languageclient)", "PID" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[serve]");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  g_option_context_set_summary (context, "Run the glossary language server.");
  g_option_context_add_main_entries (context, entries, NULL);
  gls_glossary_args_add_entries (&out->glossary, context);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      fprintf (stderr, "glossary-ls: %s\n", error->message);
      return FALSE;
    }
  for (guint i = 1; args[i] != NULL; i++)
    if (!(i == 1 && g_str_equal (args[i], "serve")))
      {
        fprintf (stderr, "glossary-ls: unexpected argument '%s'\n", args[i]);
        return FALSE;
      }
  return TRUE;
}

/* Log threshold from --log-level or $GLS_LOG_LEVEL. FALSE after printing
 * the problem to stderr. */
static gboolean
set_up_logging (const char *log_level)
{
  const char *level_name = log_level != NULL ? log_level
                                             : g_getenv ("GLS_LOG_LEVEL");
  GLogLevelFlags threshold = G_LOG_LEVEL_MESSAGE;
  if (level_name != NULL && !parse_log_level (level_name, &threshold))
    {
      fprintf (stderr, "glossary-ls: unknown log level '%s'\n", level_name);
      return FALSE;
    }
  if (threshold >= G_LOG_LEVEL_INFO)
    g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (filtered_writer, GUINT_TO_POINTER (threshold), NULL);
  return TRUE;
}

/* Process settings a long-running server needs. */
static void
set_up_process (void)
{
  /* A client that closes its end mid-write must be an EPIPE error, not a
   * silent death by signal. */
  signal (SIGPIPE, SIG_IGN);

#ifdef __GLIBC__
  /* glibc gives each new thread that allocates its own malloc arena, up to
   * 8 per core, and each keeps its own free memory: a long-running server's
   * RSS then steps up whenever a worker thread first runs a check, however
   * flat the live heap is. Two arenas (the main thread's and one for all
   * workers, both made by the first glossary load) keep RSS a function of
   * what is in use. MALLOC_ARENA_MAX in the environment still wins. */
  if (g_getenv ("MALLOC_ARENA_MAX") == NULL)
    mallopt (M_ARENA_MAX, 2);
#endif
}

/* The descriptor the protocol is written to (fd 1 then points at stderr),
 * or -1 after logging why. stdin and it are made non-blocking if possible. */
static int
claim_stdio (void)
{
  g_autoptr(GError) error = NULL;
  int out_fd = claim_stdout (&error);
  if (out_fd < 0)
    {
      g_critical ("%s", error->message);
      return -1;
    }
  /* GLib polls then reads/writes; on blocking pipes a large write could
   * still block the whole loop. */
  if (!g_unix_set_fd_nonblocking (STDIN_FILENO, TRUE, &error) ||
      !g_unix_set_fd_nonblocking (out_fd, TRUE, &error))
    g_debug ("non-blocking stdio unavailable: %s", error->message);
  return out_fd;
}

/* Runs the server on stdin / out_fd until exit; the exit code of server.h. */
static int
serve (int out_fd, const GlsGlossaryArgs *glossary)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GOutputStream) output = g_unix_output_stream_new (out_fd, TRUE);
  g_autoptr(GlsServer) server = gls_server_new (input, output);

  /* The workspace (text sync, diagnostics, code actions, configuration)
   * and the feature modules register their handlers and capabilities
   * before the first message is read. The server owns the workspace. */
  GlsWorkspaceOptions workspace_options = { .glossary = glossary };
  GlsWorkspace *workspace = gls_workspace_new (server, &workspace_options);
  gls_features_register_all (server, workspace);
  /* Outlives the server: worker tasks still running at exit hold it. */
  g_autoptr (GlsWorkspace) keep = gls_workspace_ref (workspace);

  int exit_code = gls_server_run (server);
  /* Freeing the server cancels what can be cancelled; then wait for the
   * workers, which may still read the embedded resources that exit-time
   * destructors unregister (a SIGSEGV in g_resource_lookup_data after
   * `exit` otherwise). */
  g_clear_pointer (&server, gls_server_free);
  gls_workspace_drain (keep);
  return exit_code;
}

int
gls_server_main (int argc, char **argv)
{
  g_auto (ServerArgs) args = { 0 };

  if (!parse_arguments (argc, argv, &args) || !set_up_logging (args.log_level))
    return GLS_EXIT_ERROR;
  set_up_process ();
  int out_fd = claim_stdio ();
  if (out_fd < 0)
    return GLS_EXIT_UNCLEAN;
  return serve (out_fd, &args.glossary);
}
