/* loader.c — see loader.h. */
#include "glossary/loader.h"

#include <gio/gio.h>

#include <string.h>
#include <tree_sitter/api.h>

#include "glossary/issue.h"

const TSLanguage *tree_sitter_glossary (void);

/* Symbol ids of the node types the loader reads, looked up once per file. */
typedef struct
{
  TSSymbol stray, entry, term, category, text, code_block, math_block, fence_delimiter, math_delimiter;
  TSFieldId header, body;
} Symbols;

/* One chunk's parse. Offsets in its tree are relative to the chunk, so every
 * offset read from a node goes through at() and every line through line_of(). */
typedef struct
{
  const char *path;
  const char *text;       /* the whole file */
  gsize       len;
  guint32     base;       /* where the chunk starts in text */
  guint       line_base;  /* lines before the chunk */
  guint32     source;
  GArray     *entries;    /* this chunk's: entry and name indexes are chunk-local */
  GArray     *names;
  GPtrArray  *issues;
  Symbols     sym;
} Loader;

static TSSymbol
symbol (const TSLanguage *language, const char *name)
{
  TSSymbol s = ts_language_symbol_for_name (language, name, (uint32_t) strlen (name), true);
  g_assert (s != 0);
  return s;
}

static void
init_symbols (Symbols *sym, const TSLanguage *language)
{
  sym->stray = symbol (language, "stray");
  sym->entry = symbol (language, "entry");
  sym->term = symbol (language, "term");
  sym->category = symbol (language, "category");
  sym->text = symbol (language, "text");
  sym->code_block = symbol (language, "code_block");
  sym->math_block = symbol (language, "math_block");
  sym->fence_delimiter = symbol (language, "fence_delimiter");
  sym->math_delimiter = symbol (language, "math_delimiter");
  sym->header = ts_language_field_id_for_name (language, "header", 6);
  sym->body = ts_language_field_id_for_name (language, "body", 4);
}

/* libtree-sitter 0.20.7 has no ts_node_is_error(); ERROR nodes carry the
 * built-in symbol ts_builtin_sym_error, (TSSymbol) -1. */
static gboolean
is_error (TSNode node)
{
  return ts_node_symbol (node) == (TSSymbol) -1;
}

static guint
line_of (const Loader *l, TSNode node)
{
  return l->line_base + ts_node_start_point (node).row + 1;
}

static guint32
at (const Loader *l, guint32 chunk_offset)
{
  return l->base + chunk_offset;
}

static void
issue (Loader *l, guint line, GlsIssueSeverity severity, const char *message)
{
  g_ptr_array_add (l->issues, gls_issue_new (l->path, line, severity, "%s", message));
}

static GlsSlice
slice (guint32 start, guint32 end)
{
  GlsSlice s = { start, end > start ? end - start : 0 };
  return s;
}

/* The header line without its line terminator. */
static GlsSlice
header_line (const Loader *l, TSNode header)
{
  guint32 start = at (l, ts_node_start_byte (header));
  guint32 end = start;
  while (end < l->len && l->text[end] != '\n')
    end++;
  if (end > start && l->text[end - 1] == '\r')
    end--;
  return slice (start, end);
}

static gboolean
is_blank_line (const char *p, const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* The body without leading and trailing blank lines (and without the final
 * line terminator): what `dump` calls the definition. */
static GlsSlice
trim_body (const Loader *l, guint32 start, guint32 end)
{
  const char *t = l->text;

  while (start < end)
    {
      const char *nl = memchr (t + start, '\n', end - start);
      guint32 line_end = nl != NULL ? (guint32) (nl - t) : end;
      if (!is_blank_line (t + start, t + line_end))
        break;
      start = nl != NULL ? line_end + 1 : end;
    }
  while (end > start && (t[end - 1] == '\n' || t[end - 1] == '\r' || t[end - 1] == ' ' || t[end - 1] == '\t'))
    end--;
  return slice (start, end);
}

/* The title is the first bold span (** **) of the body's first line. */
static GlsSlice
find_title (const Loader *l, GlsSlice body)
{
  const char *line = l->text + body.start;
  const char *nl = memchr (line, '\n', body.len);
  gsize n = nl != NULL ? (gsize) (nl - line) : body.len;
  const char *open = g_strstr_len (line, (gssize) n, "**");
  GlsSlice none = { 0, 0 };

  if (open == NULL)
    return none;
  const char *inner = open + 2;
  const char *close = g_strstr_len (inner, (gssize) (line + n - inner), "**");
  if (close == NULL || close == inner)
    return none;
  /* Trim spaces inside the markers: "** Title **" names "Title". */
  while (inner < close && *inner == ' ')
    inner++;
  while (close > inner && close[-1] == ' ')
    close--;
  return slice ((guint32) (inner - l->text), (guint32) (close - l->text));
}

static void
add_name (Loader *l, guint32 entry, GlsSlice text, GlsRole role)
{
  if (text.len == 0)
    return;
  GlsName name = { text, entry, G_MAXUINT32, role };
  g_array_append_val (l->names, name);
}

/* A title "X (Y)" names its entry X and Y as well: **LoRA (Low-Rank
 * Adaptation)** gives LoRA and Low-Rank Adaptation. */
static void
add_title_names (Loader *l, guint32 entry, GlsSlice title)
{
  const char *t = l->text + title.start;
  if (title.len < 4 || t[title.len - 1] != ')')
    return;
  const char *open = g_strrstr_len (t, (gssize) title.len, " (");
  if (open == NULL || open == t)
    return;
  guint32 x_end = (guint32) (open - l->text);
  guint32 y_start = x_end + 2;
  guint32 y_end = title.start + title.len - 1;
  /* A nested "(" inside Y ("A (B (C))") is not this form. */
  if (memchr (l->text + y_start, '(', y_end - y_start) != NULL)
    return;
  add_name (l, entry, slice (title.start, x_end), GLS_ROLE_TITLE);
  add_name (l, entry, slice (y_start, y_end), GLS_ROLE_TITLE);
}

static void
check_block (Loader *l, TSNode block)
{
  TSSymbol type = ts_node_symbol (block);
  TSSymbol delimiter = type == l->sym.code_block ? l->sym.fence_delimiter : l->sym.math_delimiter;
  guint delimiters = 0;

  for (uint32_t i = 0; i < ts_node_named_child_count (block); i++)
    if (ts_node_symbol (ts_node_named_child (block, i)) == delimiter)
      delimiters++;
  if (delimiters < 2)
    issue (l, line_of (l, block), GLS_ISSUE_WARNING,
           type == l->sym.code_block ? "code block is never closed; it ends at the next entry"
                                     : "math block ($$) is never closed; it ends at the next entry");
}

static void
load_entry (Loader *l, TSNode node)
{
  TSNode header = ts_node_child_by_field_id (node, l->sym.header);
  TSNode body = ts_node_child_by_field_id (node, l->sym.body);
  GlsEntry entry = { 0 };
  guint32 index = l->entries->len;

  if (ts_node_is_null (header))
    return;
  entry.source = l->source;
  entry.line = line_of (l, header);
  entry.header = header_line (l, header);
  entry.first_name = l->names->len;

  for (uint32_t i = 0; i < ts_node_named_child_count (header); i++)
    {
      TSNode item = ts_node_named_child (header, i);
      TSSymbol type = ts_node_symbol (item);
      GlsSlice s = slice (at (l, ts_node_start_byte (item)), at (l, ts_node_end_byte (item)));
      if (type == l->sym.term)
        add_name (l, index, s, entry.first_name == l->names->len ? GLS_ROLE_HEADWORD : GLS_ROLE_ALIAS);
      else if (type == l->sym.category)
        entry.category = s;
    }
  entry.n_items = l->names->len - entry.first_name;
  if (entry.n_items == 0)
    {
      issue (l, entry.line, GLS_ISSUE_ERROR, "header has no terms; entry skipped");
      return;
    }

  if (!ts_node_is_null (body))
    {
      entry.body = trim_body (l, at (l, ts_node_start_byte (body)), at (l, ts_node_end_byte (body)));
      for (uint32_t i = 0; i < ts_node_named_child_count (body); i++)
        {
          TSNode block = ts_node_named_child (body, i);
          TSSymbol type = ts_node_symbol (block);
          if (type == l->sym.code_block || type == l->sym.math_block)
            check_block (l, block);
        }
    }
  if (entry.body.len == 0)
    issue (l, entry.line, GLS_ISSUE_WARNING, "entry has no definition");
  else
    {
      entry.title = find_title (l, entry.body);
      add_title_names (l, index, entry.title);
    }
  entry.n_names = l->names->len - entry.first_name;
  g_array_append_val (l->entries, entry);
}

/* ERROR and MISSING nodes anywhere under node, reported once per line. */
static void
report_errors (Loader *l, TSNode node, guint *last_line)
{
  if (!ts_node_has_error (node))
    return;
  if (ts_node_is_missing (node) || is_error (node))
    {
      guint line = line_of (l, node);
      if (line != *last_line)
        issue (l, line, GLS_ISSUE_ERROR,
               ts_node_is_missing (node) ? "incomplete entry (the grammar expected more here)"
                                         : "text the glossary grammar cannot read; it is skipped");
      *last_line = line;
    }
  TSTreeCursor cursor = ts_tree_cursor_new (node);
  if (ts_tree_cursor_goto_first_child (&cursor))
    do
      report_errors (l, ts_tree_cursor_current_node (&cursor), last_line);
    while (ts_tree_cursor_goto_next_sibling (&cursor));
  ts_tree_cursor_delete (&cursor);
}

/* Loads the entries among node's children. A cursor, not
 * ts_node_named_child (node, i), which walks from the first child every time:
 * quadratic over 100k entries. Entries that error recovery wrapped in an ERROR
 * node are still loaded: one bad line must not take its neighbours along. */
static void
load_children (Loader *l, TSNode node)
{
  TSTreeCursor cursor = ts_tree_cursor_new (node);
  if (ts_tree_cursor_goto_first_child (&cursor))
    do
      {
        TSNode child = ts_tree_cursor_current_node (&cursor);
        TSSymbol type = ts_node_symbol (child);
        if (type == l->sym.entry)
          load_entry (l, child);
        else if (type == l->sym.stray)
          issue (l, line_of (l, child), GLS_ISSUE_ERROR,
                 "text before the first entry belongs to no entry (an entry starts with a header line "
                 "of comma-separated terms)");
        else if (is_error (child))
          load_children (l, child);
      }
    while (ts_tree_cursor_goto_next_sibling (&cursor));
  ts_tree_cursor_delete (&cursor);
}

/* --- chunks ---------------------------------------------------------------
 *
 * A 30 MB glossary is parsed as ~1 MB chunks, on every core, each tree freed
 * as soon as its entries are read: much less memory than one tree of the whole
 * file, and the chunks run in parallel. A chunk may only start where the
 * whole-file parse would start an entry whatever came before. The grammar has
 * such lines: a header that is "strong" (it has a comma and the next non-empty
 * line starts with "**") is a header even inside an open code fence or math
 * block (see grammar/src/scanner.c). Rather than restating that rule here, a
 * candidate line is checked with the grammar itself: parsed after an opening
 * fence, it must still come out as an entry's header. */

#define PROBE_LIMIT 4096

typedef struct _FileJob FileJob;

typedef struct
{
  guint32        start;
  guint32        end;
  guint          line_base;
  const FileJob *file;
  GArray        *entries;
  GArray        *names;
  GPtrArray     *issues;
} Chunk;

static gboolean
probe_is_strong_header (TSParser *parser, const Symbols *sym, const char *line, gsize len)
{
  /* A header, then an unclosed fence: the candidate is read inside a code block. */
  static const char fence[] = "probe, entry\n```\n";
  char buffer[PROBE_LIMIT + sizeof fence];
  gboolean strong = FALSE;

  if (len > PROBE_LIMIT)
    return FALSE;
  memcpy (buffer, fence, sizeof fence - 1);
  memcpy (buffer + sizeof fence - 1, line, len);
  TSTree *tree = ts_parser_parse_string (parser, NULL, buffer, (uint32_t) (len + sizeof fence - 1));
  TSNode root = ts_tree_root_node (tree);
  /* Strong: the second entry starts at the candidate, closing the fence. */
  for (uint32_t i = 0; i < ts_node_named_child_count (root) && i < 3; i++)
    {
      TSNode child = ts_node_named_child (root, i);
      if (ts_node_symbol (child) == sym->entry && ts_node_start_byte (child) == sizeof fence - 1)
        strong = TRUE;
    }
  ts_tree_delete (tree);
  return strong;
}

/* A cheap necessary condition before the probe: starts like a header, has a
 * comma, and the next non-empty line starts with "**". Returns the length of
 * line + its successors needed for the probe, or 0. */
static gsize
candidate_length (const char *text, gsize len, gsize start)
{
  const char *line = text + start;
  const char *end = text + len;
  if (!(g_ascii_islower (*line) || g_ascii_isdigit (*line)))
    return 0;
  const char *nl = memchr (line, '\n', (gsize) (end - line));
  if (nl == NULL || memchr (line, ',', (gsize) (nl - line)) == NULL)
    return 0;
  const char *next = nl + 1;
  while (next < end && (*next == '\n' || (*next == '\r' && next + 1 < end && next[1] == '\n')))
    next += *next == '\n' ? 1 : 2;
  if (end - next < 2 || next[0] != '*' || next[1] != '*')
    return 0;
  const char *next_end = memchr (next, '\n', (gsize) (end - next));
  return (gsize) ((next_end != NULL ? next_end : end) - line);
}

static GArray *
split_chunks (const char *text, gsize len, gsize chunk_size, const Symbols *sym, TSParser *parser)
{
  GArray *chunks = g_array_new (FALSE, TRUE, sizeof (Chunk));
  Chunk chunk = { 0, 0, 0, NULL, NULL, NULL, NULL };
  guint line = 0;
  gsize counted = 0;

  for (gsize target = chunk_size; target < len; target += chunk_size)
    {
      const char *p = memchr (text + MAX (target, chunk.start), '\n', len - MAX (target, chunk.start));
      gsize split = 0;
      /* The first strong header at or after the target; give up on this
       * target (the chunk grows) after a stretch without one. */
      for (gsize tries = 0; p != NULL && tries < 4096; tries++)
        {
          gsize start = (gsize) (p - text) + 1;
          gsize n = start < len ? candidate_length (text, len, start) : 0;
          if (n > 0 && probe_is_strong_header (parser, sym, text + start, n))
            {
              split = start;
              break;
            }
          p = start < len ? memchr (text + start, '\n', len - start) : NULL;
        }
      if (split == 0 || split <= chunk.start)
        continue;
      for (const char *q = text + counted; (q = memchr (q, '\n', split - (gsize) (q - text))) != NULL; q++)
        line++;
      counted = split;
      chunk.end = (guint32) split;
      g_array_append_val (chunks, chunk);
      chunk.start = (guint32) split;
      chunk.line_base = line;
      target = split;
    }
  chunk.end = (guint32) len;
  g_array_append_val (chunks, chunk);
  return chunks;
}

struct _FileJob
{
  const char *path;
  const char *text;
  gsize       len;
  guint32     source;
};

struct _GlsLoaderBatch
{
  gsize      chunk_size;
  GPtrArray *files;   /* FileJob*, owned */
  GArray    *chunks;  /* Chunk, in file order */
  TSParser  *probe;
  Symbols    sym;
  GCancellable *cancellable;  /* may be NULL */
};

/* GFunc for the thread pool: user_data is the batch's GCancellable or NULL. */
static void
parse_chunk_job (gpointer data, gpointer user_data)
{
  Chunk *chunk = data;
  GCancellable *cancellable = user_data;
  const FileJob *file = chunk->file;
  Loader l = { file->path, file->text, file->len, chunk->start, chunk->line_base, file->source,
               g_array_new (FALSE, FALSE, sizeof (GlsEntry)), g_array_new (FALSE, FALSE, sizeof (GlsName)),
               g_ptr_array_new_with_free_func ((GDestroyNotify) gls_issue_free), { 0 } };

  chunk->entries = l.entries;
  chunk->names = l.names;
  chunk->issues = l.issues;
  /* A cancelled load's result is thrown away: the chunks still queued
   * give empty results at once. */
  if (g_cancellable_is_cancelled (cancellable))
    return;
  if (file->len > G_MAXUINT32)
    {
      issue (&l, 0, GLS_ISSUE_ERROR, "file larger than 4 GiB; not loaded");
      return;
    }
  const TSLanguage *language = tree_sitter_glossary ();
  TSParser *parser = ts_parser_new ();
  if (!ts_parser_set_language (parser, language))
    g_error ("the glossary grammar's ABI does not match libtree-sitter");
  init_symbols (&l.sym, language);
  TSTree *tree = ts_parser_parse_string (parser, NULL, file->text + chunk->start, chunk->end - chunk->start);
  TSNode root = ts_tree_root_node (tree);
  guint last_error_line = 0;

  load_children (&l, root);
  report_errors (&l, root, &last_error_line);
  ts_tree_delete (tree);
  ts_parser_delete (parser);
}

void
gls_loader_batch_set_cancellable (GlsLoaderBatch *batch, GCancellable *cancellable)
{
  g_set_object (&batch->cancellable, cancellable);
}

GlsLoaderBatch *
gls_loader_batch_new (gsize chunk_size)
{
  GlsLoaderBatch *batch = g_new0 (GlsLoaderBatch, 1);
  batch->chunk_size = chunk_size > 0 ? chunk_size : GLS_LOADER_CHUNK_SIZE;
  batch->files = g_ptr_array_new_with_free_func (g_free);
  batch->chunks = g_array_new (FALSE, TRUE, sizeof (Chunk));
  batch->probe = ts_parser_new ();
  ts_parser_set_language (batch->probe, tree_sitter_glossary ());
  init_symbols (&batch->sym, tree_sitter_glossary ());
  return batch;
}

void
gls_loader_batch_add (GlsLoaderBatch *batch, const char *path, const char *text, gsize len, guint32 source)
{
  FileJob *file = g_new (FileJob, 1);
  /* An empty GBytes has no data (g_bytes_get_data gives NULL), and NULL + 0
   * is undefined behaviour in C (UBSan reports it in the parser call). */
  *file = (FileJob) { path, text != NULL ? text : "", len, source };
  g_ptr_array_add (batch->files, file);

  if (len > G_MAXUINT32)
    {
      Chunk whole = { 0, 0, 0, file, NULL, NULL, NULL };
      g_array_append_val (batch->chunks, whole);
      return;
    }
  g_autoptr (GArray) chunks = split_chunks (file->text, len, batch->chunk_size, &batch->sym, batch->probe);
  for (guint i = 0; i < chunks->len; i++)
    g_array_index (chunks, Chunk, i).file = file;
  g_array_append_vals (batch->chunks, chunks->data, chunks->len);
}

void
gls_loader_batch_run (GlsLoaderBatch *batch, GArray *entries, GArray *names, GPtrArray *issues)
{
  GArray *chunks = batch->chunks;

  if (chunks->len == 1)
    parse_chunk_job (&g_array_index (chunks, Chunk, 0), batch->cancellable);
  else if (chunks->len > 1)
    {
      /* Shared, not exclusive: the threads come from (and go back to) GLib's
       * pool of idle threads instead of being started and ended per load.
       * Ending threads raced LeakSanitizer (a thread's GSlice magazine, freed
       * at its exit, reported as leaked by a long fuzz_glossary run). */
      GThreadPool *pool = g_thread_pool_new (parse_chunk_job, batch->cancellable,
                                             (gint) MIN (g_get_num_processors (), chunks->len), FALSE, NULL);
      for (guint i = 0; i < chunks->len; i++)
        g_thread_pool_push (pool, &g_array_index (chunks, Chunk, i), NULL);
      g_thread_pool_free (pool, FALSE, TRUE);  /* waits for every chunk */
    }

  /* Merge in order; chunk-local entry and name indexes become global. */
  for (guint i = 0; i < chunks->len; i++)
    {
      Chunk *chunk = &g_array_index (chunks, Chunk, i);
      guint32 entry_base = entries->len, name_base = names->len;
      for (guint k = 0; k < chunk->entries->len; k++)
        g_array_index (chunk->entries, GlsEntry, k).first_name += name_base;
      for (guint k = 0; k < chunk->names->len; k++)
        g_array_index (chunk->names, GlsName, k).entry += entry_base;
      g_array_append_vals (entries, chunk->entries->data, chunk->entries->len);
      g_array_append_vals (names, chunk->names->data, chunk->names->len);
      for (guint k = 0; k < chunk->issues->len; k++)
        g_ptr_array_add (issues, g_steal_pointer (&g_ptr_array_index (chunk->issues, k)));
      g_array_unref (chunk->entries);
      g_array_unref (chunk->names);
      g_ptr_array_set_free_func (chunk->issues, NULL);
      g_ptr_array_unref (chunk->issues);
    }

  ts_parser_delete (batch->probe);
  g_array_unref (batch->chunks);
  g_ptr_array_unref (batch->files);
  g_clear_object (&batch->cancellable);
  g_free (batch);
}

void
gls_loader_parse (const char *path, const char *text, gsize len, guint32 source,
                  GArray *entries, GArray *names, GPtrArray *issues)
{
  gls_loader_parse_chunked (path, text, len, source, GLS_LOADER_CHUNK_SIZE, entries, names, issues);
}

void
gls_loader_parse_chunked (const char *path, const char *text, gsize len, guint32 source, gsize chunk_size,
                          GArray *entries, GArray *names, GPtrArray *issues)
{
  GlsLoaderBatch *batch = gls_loader_batch_new (chunk_size);
  gls_loader_batch_add (batch, path, text, len, source);
  gls_loader_batch_run (batch, entries, names, issues);
}
