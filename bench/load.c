/* bench/load.c — how long loading a glossary takes, and how much memory.
 *
 *   bench-load [--runs N] [--cache DIR] [PATH...]   PATH: glossary files; none = the seeds
 *
 * With --cache, loads read and write built glossaries in DIR (glossary_cache.h)
 * the way the server and the CLI do: one untimed load first fills the cache
 * (DIR is emptied beforehand), so the timed runs are warm loads, which read the
 * sources, check their digests and decode the snapshot instead of parsing.
 *
 * Each run loads in a fresh child process (fork), so peak RSS is that of one
 * load and nothing is warm but the page cache. Prints the median wall time and
 * CPU time and the median peak RSS over the runs. Not a test: no assertions.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glossary/glossary.h"
#include "glossary/glossary_load.h"

typedef struct
{
  double wall_ms;
  double cpu_ms;
  long   rss_kib;
  guint  entries;
  guint  terms;
} Sample;

static double
cpu_ms (const struct rusage *ru)
{
  return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1e3 + (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e3;
}

static Sample
one_run (char **paths, const char *cache_dir)
{
  int fds[2];
  Sample s = { 0 };
  if (pipe (fds) != 0)
    g_error ("pipe failed");
  pid_t pid = fork ();
  if (pid == 0)
    {
      GlsGlossaryOptions options = {
        .no_default = paths[0] != NULL,
        .paths = (const char * const *) paths,
        .cache_dir = cache_dir,
      };
      gint64 start = g_get_monotonic_time ();
      GlsGlossary *g = gls_glossary_load (&options, NULL);
      s.wall_ms = (g_get_monotonic_time () - start) / 1e3;
      s.entries = gls_glossary_n_entries (g);
      s.terms = gls_glossary_n_terms (g);
      struct rusage ru;
      getrusage (RUSAGE_SELF, &ru);
      s.cpu_ms = cpu_ms (&ru);
      s.rss_kib = ru.ru_maxrss;
      if (write (fds[1], &s, sizeof s) != sizeof s)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  if (read (fds[0], &s, sizeof s) != sizeof s)
    g_error ("child failed");
  close (fds[0]);
  waitpid (pid, NULL, 0);
  return s;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main (int argc, char **argv)
{
  gint runs = 7;
  g_autofree char *cache_dir = NULL;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs (default 7)", "N" },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir, "Time warm loads with this cache directory", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("[PATH...]");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, NULL) || runs < 1)
    return 2;

  g_autofree double *wall = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  g_autofree double *rss = g_new (double, runs);
  Sample s = { 0 };
  if (cache_dir != NULL)
    {
      g_autoptr (GDir) dir = g_dir_open (cache_dir, 0, NULL);
      const char *name;
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".glsnap"))
          {
            g_autofree char *path = g_build_filename (cache_dir, name, NULL);
            g_unlink (path);
          }
      s = one_run (argv + 1, cache_dir);
      printf ("%-40s cold load that fills the cache: %.1f ms\n", argc > 1 ? argv[1] : "(built-in seeds)",
              s.wall_ms);
    }
  for (gint i = 0; i < runs; i++)
    {
      s = one_run (argv + 1, cache_dir);
      wall[i] = s.wall_ms;
      cpu[i] = s.cpu_ms;
      rss[i] = (double) s.rss_kib;
    }
  printf ("%-40s entries %7u  terms %7u  %s %8.1f ms (cpu %8.1f ms)  peak RSS %6.1f MiB  [median of %d, %u cores]\n",
          argc > 1 ? argv[1] : "(built-in seeds)", s.entries, s.terms,
          cache_dir != NULL ? "warm load" : "load", median (wall, (guint) runs),
          median (cpu, (guint) runs), median (rss, (guint) runs) / 1024.0, runs, g_get_num_processors ());
  return 0;
}
