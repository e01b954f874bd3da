/* lint_run.c — see lint_run.h. */
#include "cli/lint_run.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "analysis/suppress.h"
#include "cli/cli.h"
#include "cli/lint_file.h"
#include "cli/lint_fix.h"
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
  guint                n_unfixed;   /* findings with replacements that --fix leaves: not unique or not safe */
  gboolean             failed;
  gboolean             done;
} Job;

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

static int
compare_findings (gconstpointer pa, gconstpointer pb)
{
  const GlsFinding *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return strcmp (a->rule, b->rule);
}

static GArray *
new_findings (void)
{
  GArray *findings = g_array_new (FALSE, TRUE, sizeof (GlsFinding));
  g_array_set_clear_func (findings, (GDestroyNotify) gls_finding_clear);
  return findings;
}

/* The findings of a whole document: every prose span checked, suppressed
 * findings removed, sorted by position. */
static GArray *
check (Job *job, GlsProse *prose, const GlsLintFile *file, GError **error)
{
  if (!gls_prose_parse (prose, file->text, file->len, NULL, error))
    return NULL;
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (GlsProseSpan));
  gls_prose_spans (prose, 0, G_MAXUINT32, spans);

  GArray *findings = new_findings ();
  gls_analyzer_check (job->analyzer, job->config, file->text, file->len,
                      (const GlsProseSpan *) spans->data, spans->len, findings, NULL);
  gls_suppress_filter (file->text, file->len, (const GlsProseSpan *) spans->data, spans->len, findings);
  g_array_sort (findings, compare_findings);
  return findings;
}

static void
describe_edit (GString *out, const GlsLintFile *file, const GlsLintEdit *edit, const char *verdict)
{
  GlsLintPosition at = gls_lint_file_position (file, edit->start);
  g_autofree char *before = g_utf8_make_valid (file->text + edit->start, (gssize) (edit->end - edit->start));
  g_string_append_printf (out, "%s:%u:%u: %s: %s → %s%s\n", file->path, at.line, at.column, verdict, before,
                          edit->replacement,
                          strcmp (verdict, "fixed") == 0 ? "" : " (conflicts with another fix)");
}

/* Applies the fixable findings to file; returns the fixed file, or NULL when
 * nothing changed or the change could not be written (then job->failed). */
static GlsLintFile *
fix (Job *job, const GlsLintFile *file, GArray *findings)
{
  g_autoptr (GArray) edits = g_array_new (FALSE, TRUE, sizeof (GlsLintEdit));
  for (guint i = 0; i < findings->len; i++)
    {
      const GlsFinding *f = &g_array_index (findings, GlsFinding, i);
      if (f->replacements == NULL || f->replacements->len == 0)
        continue;
      if (!f->fixable)
        {
          job->n_unfixed++;
          continue;
        }
      GlsLintEdit edit = { f->start, f->end, g_ptr_array_index (f->replacements, 0), i, 0 };
      g_array_append_val (edits, edit);
    }
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
          g_string_append_printf (job->messages, "glossary-ls: %s\n", error->message);
          job->failed = TRUE;
          return NULL;
        }
    }
  for (guint i = 0; i < edits->len; i++)
    {
      const GlsLintEdit *edit = &g_array_index (edits, GlsLintEdit, i);
      if (edit->status == GLS_LINT_EDIT_APPLIED)
        describe_edit (job->messages, file, edit, "fixed");
      else if (edit->status == GLS_LINT_EDIT_CONFLICT)
        describe_edit (job->messages, file, edit, "not fixed");
    }
  job->n_fixed = applied;
  if (applied == 0)
    return NULL;

  GlsLintFile *fixed = gls_lint_file_new (file->path, text, len);
  if (file->fs_path != NULL)
    fixed->fs_path = g_strdup (file->fs_path);
  return fixed;
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
      loaded = gls_lint_file_load (job->target->path, job->target->fs_path, &error);
      if (loaded == NULL)
        {
          g_string_append_printf (job->messages, "glossary-ls: %s\n", error->message);
          job->failed = TRUE;
          return;
        }
      file = loaded;
    }

  g_autoptr (GlsProse) prose = gls_prose_new (gls_prose_language_id_for_path (file->path));
  g_autoptr (GArray) findings = check (job, prose, file, &error);
  if (findings == NULL)
    {
      g_string_append_printf (job->messages, "glossary-ls: %s: %s\n", file->path, error->message);
      job->failed = TRUE;
      return;
    }

  if (options->fix)
    {
      fixed = fix (job, file, findings);
      if (fixed != NULL)
        {
          g_autoptr (GArray) remaining = check (job, prose, fixed, &error);
          if (remaining == NULL)
            {
              g_string_append_printf (job->messages, "glossary-ls: %s: %s\n", file->path, error->message);
              job->failed = TRUE;
              return;
            }
          g_array_unref (g_steal_pointer (&findings));
          findings = g_steal_pointer (&remaining);
          file = fixed;
        }
      if (file->fs_path == NULL)
        {
          job->fixed_len = file->len;
          job->fixed_text = g_memdup2 (file->text, file->len + 1);
        }
    }

  for (guint i = 0; i < findings->len; i++)
    {
      if (g_array_index (findings, GlsFinding, i).severity == GLS_SEVERITY_ERROR)
        job->n_errors++;
      else
        job->n_others++;
    }
  job->chunk = gls_lint_render (options->format, file, (const GlsFinding *) findings->data, findings->len);
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
read_stdin (int fd, const char *name, GString *messages)
{
  GString *buf = g_string_new (NULL);
  char chunk[65536];
  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_string_append_printf (messages, "glossary-ls: cannot read standard input: %s\n", g_strerror (errno));
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
print_summary (FILE *err, guint findings, guint files_with, guint checked, guint fixed, guint unfixed)
{
  fprintf (err, "%u finding%s in %u file%s (%u file%s checked", findings, findings == 1 ? "" : "s",
           files_with, files_with == 1 ? "" : "s", checked, checked == 1 ? "" : "s");
  if (fixed > 0)
    fprintf (err, ", %u fixed", fixed);
  if (unfixed > 0)
    fprintf (err, ", %u not fixed: several candidates or not a safe fix", unfixed);
  fprintf (err, ")\n");
}

int
gls_lint_run (const GlsLintRunOptions *options)
{
  FILE *out = options->out != NULL ? options->out : stdout;
  FILE *err = options->err != NULL ? options->err : stderr;
  const char *const dot[] = { ".", NULL };
  const char *const *paths = options->paths != NULL && options->paths[0] != NULL ? options->paths : dot;
  gboolean failed = FALSE;

  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) gls_lint_target_free);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) skipped = options->verbose ? g_ptr_array_new_with_free_func (g_free) : NULL;
  if (!gls_lint_walk_full (paths, options->stdin_filename, targets, problems, notes, skipped))
    failed = TRUE;
  for (guint i = 0; skipped != NULL && i < skipped->len; i++)
    fprintf (err, "glossary-ls: skipped: %s\n", (const char *) g_ptr_array_index (skipped, i));
  for (guint i = 0; i < problems->len; i++)
    fprintf (err, "glossary-ls: %s\n", (const char *) g_ptr_array_index (problems, i));
  for (guint i = 0; i < notes->len; i++)
    fprintf (err, "glossary-ls: note: %s\n", (const char *) g_ptr_array_index (notes, i));

  /* Standard input's fixed text owns out; the report moves aside. */
  gboolean fixing_stdin = FALSE;
  for (guint i = 0; i < targets->len && options->fix; i++)
    fixing_stdin |= ((GlsLintTarget *) g_ptr_array_index (targets, i))->fs_path == NULL;
  FILE *report_out = options->report_out != NULL ? options->report_out : fixing_stdin ? err : out;

  g_autoptr (GlsLintContext) context = gls_lint_context_new (&options->context, err);
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  for (guint i = 0; i < targets->len; i++)
    {
      const GlsLintTarget *t = g_ptr_array_index (targets, i);
      Job *job = g_new0 (Job, 1);
      job->target = t;
      job->messages = g_string_new (NULL);
      if (t->fs_path == NULL)
        {
          job->preloaded = read_stdin (options->in_fd, t->path, job->messages);
          if (job->preloaded == NULL)
            {
              job->failed = job->done = TRUE;
              g_ptr_array_add (jobs, job);
              continue;
            }
        }
      g_autofree char *dir = g_path_get_dirname (t->fs_path != NULL ? t->fs_path : t->path);
      if (!gls_lint_context_resolve (context, dir, &job->config, &job->analyzer))
        job->done = job->failed = TRUE;
      g_ptr_array_add (jobs, job);
    }
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
  guint n_errors = 0, n_others = 0, files_with = 0, checked = 0, n_fixed = 0, n_unfixed = 0;
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      g_mutex_lock (&shared.lock);
      while (!job->done)
        g_cond_wait (&shared.cond, &shared.lock);
      g_mutex_unlock (&shared.lock);

      fputs (job->messages->str, err);
      if (job->fixed_text != NULL && fwrite (job->fixed_text, 1, job->fixed_len, out) != job->fixed_len)
        failed = TRUE;
      if (job->chunk != NULL)
        {
          gls_lint_report_add (report, g_steal_pointer (&job->chunk));
          checked++;
        }
      failed |= job->failed;
      n_errors += job->n_errors;
      n_others += job->n_others;
      n_fixed += job->n_fixed;
      n_unfixed += job->n_unfixed;
      files_with += job->n_errors + job->n_others > 0;
      /* Free as we go: a large tree's results need not all stay in memory. */
      job_free (job);
      jobs->pdata[i] = NULL;
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&shared.lock);
  g_cond_clear (&shared.cond);

  g_autoptr (GError) error = NULL;
  if (!gls_lint_report_finish (report, &error))
    {
      fprintf (err, "glossary-ls: %s\n", error->message);
      failed = TRUE;
    }
  if (fixing_stdin && fflush (out) != 0)
    failed = TRUE;
  if (options->format == GLS_LINT_FORMAT_TEXT)
    print_summary (err, n_errors + n_others, files_with, checked, n_fixed, n_unfixed);

  if (failed)
    return GLS_EXIT_ERROR;
  if (options->max_warnings >= 0)
    return n_errors > 0 || n_others > (guint) options->max_warnings ? GLS_EXIT_FINDINGS : GLS_EXIT_OK;
  return n_errors + n_others > 0 ? GLS_EXIT_FINDINGS : GLS_EXIT_OK;
}
