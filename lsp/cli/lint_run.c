/* lint_run.c — see lint_run.h. */
#include "cli/lint_run.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/lint_check.h"
#include "cli/lint_file.h"
#include "cli/lint_fix.h"
#include "cli/lint_message.h"
#include "cli/lint_walk.h"
#include "text/prose.h"

/* One file's work and its results, handed from a worker to the thread that
 * writes the output in order. */
typedef struct
{
  const GlsLintTarget *target;
  GlsLintFile         *preloaded;   /* standard input, read before the workers start */
  GlsRuleConfig       *config;      /* NULL: the file cannot be checked (reported) */
  GlsAnalyzer         *analyzer;

  GlsLintChunk        *chunk;
  GString             *messages;    /* for err: fixes made or refused, errors */
  char                *fixed_text;  /* standard input with fix: the text to print */
  gsize                fixed_len;
  guint                n_errors;    /* findings of severity error */
  guint                n_others;    /* other findings */
  guint                n_fixed;
  guint                n_left_out;  /* findings past the cap, not reported */
  guint                n_unfixed;   /* findings with replacements that --fix leaves: not unique or not safe */
  guint                cap;         /* findings reported at most */
  gsize                max_size;    /* bytes; larger files are not linted */
  gboolean             github;      /* messages escaped for --format github */
  gboolean             failed;
  gboolean             done;
} Job;

typedef struct
{
  const GlsLintRunOptions *options;
  GlsLintContext          *context;
} RunContext;

typedef struct
{
  GMutex                   lock;
  GCond                    cond;
  const GlsLintRunOptions *options;
} Shared;

static void
job_free (Job *job)
{
  if (job == NULL)
    return;
  gls_lint_file_free (job->preloaded);
  gls_rule_config_unref (job->config);
  gls_analyzer_unref (job->analyzer);
  gls_lint_chunk_free (job->chunk);
  if (job->messages != NULL)
    g_string_free (job->messages, TRUE);
  g_free (job->fixed_text);
  g_free (job);
}

static void
message (Job *job, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
message (Job *job, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *text = g_strdup_vprintf (format, args);
  va_end (args);
  gls_lint_append_message (job->messages, job->github, "%s", text);
}

/* "path:line:col: fixed: Lora → LoRA" for at most job->cap edits (sorted by
 * position: one cursor walks them), then how many more there were. */
static void
describe_edits (Job *job, const GlsLintFile *file, GArray *edits)
{
  GlsLintCursor cursor;
  guint listed = 0, unlisted = 0;
  gls_lint_cursor_init (&cursor, file);
  for (guint i = 0; i < edits->len; i++)
    {
      const GlsLintEdit *edit = &g_array_index (edits, GlsLintEdit, i);
      if (edit->status != GLS_LINT_EDIT_APPLIED && edit->status != GLS_LINT_EDIT_CONFLICT)
        continue;
      if (listed == job->cap)
        {
          unlisted++;
          continue;
        }
      listed++;
      GlsLintPosition at = gls_lint_cursor_position (&cursor, edit->start);
      g_autofree char *before = g_strndup (file->text + edit->start, edit->end - edit->start);
      g_autofree char *line = g_strdup_printf ("%s:%u:%u: %s: %s → %s%s", file->path, at.line, at.column,
                                               edit->status == GLS_LINT_EDIT_APPLIED ? "fixed" : "not fixed",
                                               before, edit->replacement,
                                               edit->status == GLS_LINT_EDIT_APPLIED ? "" : " (conflicts with another fix)");
      g_autofree char *safe = gls_lint_safe_line (line, job->github);
      g_string_append_printf (job->messages, "%s\n", safe);
    }
  if (unlisted > 0)
    message (job, "%s: %u more fixes made or refused, not listed (--max-findings-per-file)", file->path, unlisted);
}

/* Applies the edits to file; returns the fixed file, or NULL when nothing
 * changed or the change could not be written (then job->failed). */
static GlsLintFile *
fix (Job *job, const GlsLintFile *file, GArray *edits)
{
  if (edits->len == 0)
    return NULL;

  gsize len;
  g_autofree char *text = gls_lint_apply_edits (file->text, file->len, edits, &len);
  guint applied = 0;
  for (guint i = 0; i < edits->len; i++)
    applied += g_array_index (edits, GlsLintEdit, i).status == GLS_LINT_EDIT_APPLIED;

  if (applied > 0 && file->fs_path != NULL)
    {
      g_autoptr (GError) error = NULL;
      if (!gls_lint_replace_file (file->fs_path, &file->stamp, text, len, &error))
        {
          message (job, "%s", error->message);
          job->failed = TRUE;
          return NULL;
        }
    }
  describe_edits (job, file, edits);
  job->n_fixed = applied;
  if (applied == 0)
    return NULL;

  GlsLintFile *fixed = gls_lint_file_new (file->path, text, len);
  if (file->fs_path != NULL)
    fixed->fs_path = g_strdup (file->fs_path);
  return fixed;
}

static gboolean
check (Job *job, GlsProse *prose, const GlsLintFile *file, gboolean edits, GlsLintCheck *out)
{
  g_autoptr (GError) error = NULL;
  if (gls_lint_check (job->analyzer, job->config, prose, file->text, file->len, job->cap, edits, out, &error))
    return TRUE;
  message (job, "%s: %s", file->path, error->message);
  job->failed = TRUE;
  return FALSE;
}

static void
process (Job *job, const GlsLintRunOptions *options)
{
  g_autoptr (GlsLintFile) loaded = NULL;
  g_autoptr (GlsLintFile) fixed = NULL;
  g_autoptr (GError) error = NULL;
  const GlsLintFile *file = job->preloaded;

  if (job->config == NULL)
    {
      job->failed = TRUE;
      return;
    }
  if (file == NULL)
    {
      loaded = gls_lint_file_load_limited (job->target->path, job->target->fs_path, job->max_size, &error);
      if (loaded == NULL)
        {
          message (job, "%s", error->message);
          job->failed = TRUE;
          return;
        }
      file = loaded;
    }

  g_autoptr (GlsProse) prose = gls_prose_new (gls_prose_language_id_for_path (file->path));
  GlsLintCheck result;
  gboolean ok = check (job, prose, file, options->fix, &result);
  if (ok && options->fix)
    {
      fixed = fix (job, file, result.edits);
      job->n_unfixed = result.n_unfixed; /* the re-check below collects no edits */
      if (fixed != NULL)
        {
          gls_lint_check_clear (&result);
          ok = check (job, prose, fixed, FALSE, &result);
          file = fixed;
        }
      if (ok && file->fs_path == NULL)
        {
          job->fixed_len = file->len;
          job->fixed_text = g_memdup2 (file->text, file->len + 1);
        }
    }
  if (ok)
    {
      job->n_errors = result.n_errors;
      job->n_others = result.n_others;
      job->n_left_out = result.n_left_out;
      job->chunk = gls_lint_render (options->format, file, (const GlsFinding *) result.findings->data,
                                    result.findings->len);
    }
  gls_lint_check_clear (&result);
}

static void
worker (gpointer data, gpointer user_data)
{
  Job *job = data;
  Shared *shared = user_data;

  process (job, shared->options);
  g_mutex_lock (&shared->lock);
  job->done = TRUE;
  g_cond_broadcast (&shared->cond);
  g_mutex_unlock (&shared->lock);
}

static GlsLintFile *
read_stdin (Job *job, int fd, const char *name)
{
  GString *buf = g_string_new (NULL);
  char chunk[65536];
  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || buf->len + (gsize) n > job->max_size)
        {
          g_autofree char *limit = g_format_size_full (job->max_size, G_FORMAT_SIZE_IEC_UNITS);
          if (n < 0)
            message (job, "cannot read standard input: %s", g_strerror (errno));
          else
            message (job, "standard input is larger than the %s limit of files to lint (--max-file-size); not linted",
                     limit);
          g_string_free (buf, TRUE);
          return NULL;
        }
      if (n == 0)
        break;
      g_string_append_len (buf, chunk, n);
    }
  GlsLintFile *file = gls_lint_file_new (name, buf->str, buf->len);
  g_string_free (buf, TRUE);
  return file;
}

static void
print_summary (FILE *err, guint findings, guint files_with, guint checked, guint fixed, guint unfixed,
               guint left_out)
{
  fprintf (err, "%u finding%s in %u file%s (%u file%s checked", findings, findings == 1 ? "" : "s",
           files_with, files_with == 1 ? "" : "s", checked, checked == 1 ? "" : "s");
  if (fixed > 0)
    fprintf (err, ", %u fixed", fixed);
  if (unfixed > 0)
    fprintf (err, ", %u not fixed: several candidates or not a safe fix", unfixed);
  if (left_out > 0)
    fprintf (err, "; %u not shown: more than --max-findings-per-file in a file", left_out);
  fprintf (err, ")\n");
}

/* A limit from the command line (0: not given), else from the file's
 * configuration, else the default; 0 in either source means none. */
static guint64
limit (guint64 command_line, const GlsRuleConfig *config, GlsLintLimit which, guint64 fallback)
{
  gint64 configured = gls_rule_config_lint_limit (config, which);
  guint64 value = command_line > 0 ? command_line : configured >= 0 ? (guint64) configured : fallback;
  return value == 0 ? G_MAXUINT64 : value;
}

/* A job for target t: its configuration, limits, and for standard input the
 * text (read before the workers start). */
static Job *
new_job (const RunContext *run, const GlsLintTarget *t)
{
  const GlsLintRunOptions *options = run->options;
  Job *job = g_new0 (Job, 1);
  job->target = t;
  job->messages = g_string_new (NULL);
  job->github = options->format == GLS_LINT_FORMAT_GITHUB;
  job->cap = G_MAXUINT;
  job->max_size = GLS_LINT_DEFAULT_MAX_FILE_SIZE;

  g_autofree char *dir = g_path_get_dirname (t->fs_path != NULL ? t->fs_path : t->path);
  if (!gls_lint_context_resolve (run->context, dir, &job->config, &job->analyzer))
    {
      job->done = job->failed = TRUE;
      return job;
    }
  job->cap = (guint) MIN (limit (options->max_findings, job->config, GLS_LINT_MAX_FINDINGS_PER_FILE,
                                 GLS_LINT_DEFAULT_MAX_FINDINGS), G_MAXUINT);
  job->max_size = (gsize) MIN (limit (options->max_file_size, job->config, GLS_LINT_MAX_FILE_SIZE,
                                      GLS_LINT_DEFAULT_MAX_FILE_SIZE), G_MAXUINT32 - 1);
  if (t->fs_path == NULL)
    {
      job->preloaded = read_stdin (job, options->in_fd, t->path);
      if (job->preloaded == NULL)
        job->failed = job->done = TRUE;
    }
  return job;
}

typedef struct
{
  guint n_errors, n_others, files_with, checked, n_fixed, n_unfixed, left_out;
} Totals;

/* Waits for each job in order and writes its messages, fixed text and
 * report; returns TRUE if any failed. */
static gboolean
collect (GPtrArray *jobs, Shared *shared, GlsLintReport *report, FILE *out, FILE *report_out, FILE *err,
         Totals *totals)
{
  gboolean failed = FALSE;
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      g_mutex_lock (&shared->lock);
      while (!job->done)
        g_cond_wait (&shared->cond, &shared->lock);
      g_mutex_unlock (&shared->lock);

      if (job->messages->len > 0)
        {
          /* In a CI log stdout and stderr share one file: what the report
           * printed so far goes first. */
          fflush (report_out);
          fflush (out);
          fputs (job->messages->str, err);
          fflush (err);
        }
      if (job->fixed_text != NULL && fwrite (job->fixed_text, 1, job->fixed_len, out) != job->fixed_len)
        failed = TRUE;
      if (job->chunk != NULL)
        {
          gls_lint_report_add (report, g_steal_pointer (&job->chunk));
          totals->checked++;
        }
      failed |= job->failed;
      totals->n_errors += job->n_errors;
      totals->n_others += job->n_others;
      totals->n_fixed += job->n_fixed;
      totals->n_unfixed += job->n_unfixed;
      totals->left_out += job->n_left_out;
      totals->files_with += job->n_errors + job->n_others > 0;
      /* Free as we go: a large tree's results need not all stay in memory. */
      job_free (job);
      jobs->pdata[i] = NULL;
    }
  return failed;
}

int
gls_lint_run (const GlsLintRunOptions *options)
{
  FILE *out = options->out != NULL ? options->out : stdout;
  FILE *err = options->err != NULL ? options->err : stderr;
  const char *const dot[] = { ".", NULL };
  const char *const *paths = options->paths != NULL && options->paths[0] != NULL ? options->paths : dot;
  gboolean github = options->format == GLS_LINT_FORMAT_GITHUB;
  gboolean failed = FALSE;

  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_lint_target_free);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) skipped = options->verbose ? g_ptr_array_new_with_free_func (g_free) : NULL;
  if (!gls_lint_walk_full (paths, options->stdin_filename, targets, problems, notes, skipped))
    failed = TRUE;
  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    gls_lint_print_message (err, github, "skipped: %s", (const char *) g_ptr_array_index (skipped, i));
  for (guint i = 0; i < problems->len; i++)
    gls_lint_print_message (err, github, "%s", (const char *) g_ptr_array_index (problems, i));
  for (guint i = 0; i < notes->len; i++)
    gls_lint_print_message (err, github, "note: %s", (const char *) g_ptr_array_index (notes, i));

  /* Standard input's fixed text owns out; the report moves aside. */
  gboolean fixing_stdin = FALSE;
  for (guint i = 0; i < targets->len && options->fix; i++)
    fixing_stdin |= ((GlsLintTarget *) g_ptr_array_index (targets, i))->fs_path == NULL;
  FILE *report_out = options->report_out != NULL ? options->report_out : fixing_stdin ? err : out;

  GlsLintContextOptions context_options = options->context;
  context_options.github_messages = github;
  g_autoptr (GlsLintContext) context = gls_lint_context_new (&context_options, err);
  RunContext run = { options, context };
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  for (guint i = 0; i < targets->len; i++)
    g_ptr_array_add (jobs, new_job (&run, g_ptr_array_index (targets, i)));
  if (gls_lint_context_had_errors (context))
    failed = TRUE;

  Shared shared = { .options = options };
  g_mutex_init (&shared.lock);
  g_cond_init (&shared.cond);
  guint n_threads = options->jobs > 0 ? options->jobs : g_get_num_processors ();
  GThreadPool *pool = g_thread_pool_new (worker, &shared, (gint) MAX (n_threads, 1), FALSE, NULL);
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      if (!job->done)
        g_thread_pool_push (pool, job, NULL);
    }

  g_autoptr (GlsLintReport) report = gls_lint_report_new (options->format, report_out);
  Totals totals = { 0 };
  failed |= collect (jobs, &shared, report, out, report_out, err, &totals);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&shared.lock);
  g_cond_clear (&shared.cond);

  g_autoptr (GError) error = NULL;
  if (!gls_lint_report_finish (report, &error))
    {
      gls_lint_print_message (err, github, "%s", error->message);
      failed = TRUE;
    }
  if (fflush (out) != 0 && fixing_stdin)
    failed = TRUE;
  if (options->format == GLS_LINT_FORMAT_TEXT)
    print_summary (err, totals.n_errors + totals.n_others, totals.files_with, totals.checked, totals.n_fixed,
                   totals.n_unfixed, totals.left_out);
  else if (totals.left_out > 0)
    gls_lint_print_message (err, github, "%u findings not shown: more than --max-findings-per-file in a file",
                            totals.left_out);

  if (failed)
    return GLS_EXIT_ERROR;
  if (options->max_warnings >= 0)
    return totals.n_errors > 0 || totals.n_others > (guint) options->max_warnings ? GLS_EXIT_FINDINGS : GLS_EXIT_OK;
  return totals.n_errors + totals.n_others > 0 ? GLS_EXIT_FINDINGS : GLS_EXIT_OK;
}
