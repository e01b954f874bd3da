/* reader_builder.c — see reader_builder.h. */
#include "glossary/reader_builder.h"

#include "glossary/preference.h"

#include <stdarg.h>
#include <string.h>

void
gls_reader_builder_init (GlsReaderBuilder *b, const char *path, const char *text, gsize len, guint32 source,
                         GArray *entries, GArray *names, GPtrArray *issues)
{
  memset (b, 0, sizeof *b);
  b->path = path;
  b->text = text != NULL ? text : "";
  b->len = len;
  b->source = source;
  b->entries = entries;
  b->names = names;
  b->issues = issues;
  b->derived = g_string_new (NULL);
  b->line_number = 1;
}

void
gls_reader_builder_clear (GlsReaderBuilder *b)
{
  if (b->derived != NULL)
    g_string_free (b->derived, TRUE);
  b->derived = NULL;
  g_clear_pointer (&b->pending, g_array_unref);
}

guint
gls_reader_builder_line_of (GlsReaderBuilder *b, gsize offset)
{
  offset = MIN (offset, b->len);
  if (offset < b->line_offset)
    {
      b->line_offset = 0;
      b->line_number = 1;
    }
  const char *p = b->text + b->line_offset;
  const char *end = b->text + offset;
  while ((p = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      p++;
      b->line_number++;
      b->line_offset = (gsize) (p - b->text);
    }
  return b->line_number;
}

void
gls_reader_builder_issue (GlsReaderBuilder *b, guint line, GlsIssueSeverity severity, const char *format, ...)
{
  /* A parser may count lines otherwise (libyaml also breaks lines at a lone
   * '\r') or point past the end: the line stays one of the file's. */
  if (b->n_lines == 0)
    {
      b->n_lines = 1;
      for (const char *p = b->text; (p = memchr (p, '\n', b->len - (gsize) (p - b->text))) != NULL; p++)
        b->n_lines++;
    }
  line = MIN (line, b->n_lines);
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (b->issues, gls_issue_new (b->path, line, severity, "%s", message));
}

void
gls_reader_builder_begin (GlsReaderBuilder *b, gsize offset)
{
  if (b->open)
    gls_reader_builder_end (b);
  offset = MIN (offset, b->len);
  gsize start = offset, end = offset;
  while (start > 0 && b->text[start - 1] != '\n')
    start--;
  const char *nl = memchr (b->text + end, '\n', b->len - end);
  end = nl != NULL ? (gsize) (nl - b->text) : b->len;
  if (end > start && b->text[end - 1] == '\r')
    end--;
  memset (&b->entry, 0, sizeof b->entry);
  if (b->pending != NULL)
    g_array_set_size (b->pending, 0);
  b->entry.source = b->source;
  b->entry.line = gls_reader_builder_line_of (b, offset);
  b->entry.header = (GlsSlice) { (guint32) start, (guint32) (end - start) };
  b->entry.first_name = b->names->len;
  b->open = TRUE;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Where s[0..len) lies in the model's text: the file, or the derived text
 * (copied there unless the same bytes were copied last). */
static GlsSlice
place (GlsReaderBuilder *b, const char *s, gsize len, gsize hint)
{
  if (s >= b->text && s <= b->text + b->len && len <= (gsize) (b->text + b->len - s))
    return (GlsSlice) { (guint32) (s - b->text), (guint32) len };
  if (hint != G_MAXSIZE && hint <= b->len && len <= b->len - hint && memcmp (b->text + hint, s, len) == 0)
    return (GlsSlice) { (guint32) hint, (guint32) len };
  /* Derived text starts after the file and one '\n' separator. */
  gsize at = b->len + 1 + b->derived->len;
  if (b->derived->len > 0)
    {
      g_string_append_c (b->derived, '\n');
      at++;
    }
  g_string_append_len (b->derived, s, (gssize) len);
  return (GlsSlice) { (guint32) at, (guint32) len };
}

/* place() for a name, which is one line: one written over several lines is
 * folded (line breaks and tabs to spaces) into derived text. */
static GlsSlice
place_one_line (GlsReaderBuilder *b, const char *s, gsize len, gsize hint)
{
  if (memchr (s, '\n', len) == NULL)
    return place (b, s, len, hint);
  g_autofree char *flat = g_strndup (s, len);
  for (char *p = flat; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return place (b, flat, len, G_MAXSIZE);
}

static void
trim (const char **s, gsize *len)
{
  while (*len > 0 && is_space (**s))
    (*s)++, (*len)--;
  while (*len > 0 && is_space ((*s)[*len - 1]))
    (*len)--;
}

void
gls_reader_builder_name_text (GlsReaderBuilder *b, const char *s, gsize len, gsize hint, GlsRole role)
{
  g_assert (b->open);
  const char *orig = s;
  trim (&s, &len);
  if (len == 0)
    return;
  if (hint != G_MAXSIZE)
    hint += (gsize) (s - orig);
  if (b->names->len == b->entry.first_name)
    role = GLS_ROLE_HEADWORD;
  else if (role == GLS_ROLE_HEADWORD)
    role = GLS_ROLE_ALIAS;

  /* Names are one line: a name spread over lines is folded into the derived text. */
  GlsSlice slice = place_one_line (b, s, len, hint);
  GlsName name = { slice, b->entries->len, GLS_NO_TERM, role };
  g_array_append_val (b->names, name);
}

void
gls_reader_builder_deprecated (GlsReaderBuilder *b, const char *s, gsize len, gsize hint, guint line)
{
  g_assert (b->open);
  const char *orig = s;
  trim (&s, &len);
  if (len == 0 || b->preferences == NULL)
    return;
  if (hint != G_MAXSIZE)
    hint += (gsize) (s - orig);
  /* One line, as names are (rule_preferred matches a phrase across at most
   * one line break anyway). */
  GlsSlice slice = place_one_line (b, s, len, hint);
  if (b->pending == NULL)
    b->pending = g_array_new (FALSE, FALSE, sizeof (GlsPreference));
  GlsPreference p = { b->source, line, slice, { 0, 0 } };
  g_array_append_val (b->pending, p);
}

void
gls_reader_builder_name (GlsReaderBuilder *b, gsize start, gsize len, GlsRole role)
{
  g_assert (start <= b->len && len <= b->len - start);
  gls_reader_builder_name_text (b, b->text + start, len, G_MAXSIZE, role);
}

gboolean
gls_reader_builder_strip_deprecated (const char *text, gsize start, gsize *len)
{
  static const char marker[] = "(deprecated)";
  gsize n = *len, k = sizeof marker - 1;
  while (n > 0 && is_space (text[start + n - 1]))
    n--;
  /* Emphasis around the marker: "*(deprecated)*", "_(deprecated)_". */
  gsize marks = 0;
  while (marks < 2 && n > marks && (text[start + n - 1 - marks] == '*' || text[start + n - 1 - marks] == '_'))
    marks++;
  if (n < k + 2 * marks || g_ascii_strncasecmp (text + start + n - marks - k, marker, k) != 0)
    return FALSE;
  n -= marks + k;
  for (gsize m = 0; m < marks && n > 0 && (text[start + n - 1] == '*' || text[start + n - 1] == '_'); m++)
    n--;
  while (n > 0 && is_space (text[start + n - 1]))
    n--;
  *len = n;
  return TRUE;
}

void
gls_reader_builder_name_marked (GlsReaderBuilder *b, gsize start, gsize len, GlsRole role, gboolean deprecated)
{
  g_assert (start <= b->len && len <= b->len - start);
  gsize n = len;
  if (!deprecated)
    {
      gls_reader_builder_name (b, start, len, role);
      return;
    }
  if (b->names->len == b->entry.first_name)
    {
      gls_reader_builder_issue (b, gls_reader_builder_line_of (b, start), GLS_ISSUE_WARNING,
                                "\"%.*s\" is marked deprecated but is the entry's first name, so nothing "
                                "says what to write instead; read as a name (write the preferred name first)",
                                (int) MIN (n, (gsize) 80), b->text + start);
      gls_reader_builder_name (b, start, n, role);
      return;
    }
  gls_reader_builder_deprecated (b, b->text + start, n, start, gls_reader_builder_line_of (b, start));
}

void
gls_reader_builder_category (GlsReaderBuilder *b, gsize start, gsize len)
{
  g_assert (b->open && start <= b->len && len <= b->len - start);
  const char *s = b->text + start;
  trim (&s, &len);
  b->entry.category = (GlsSlice) { (guint32) (s - b->text), (guint32) len };
}

/* Blank lines around a definition go; so does trailing space. */
static void
trim_lines (const char **s, gsize *len)
{
  for (;;)
    {
      const char *nl = memchr (*s, '\n', *len);
      if (nl == NULL)
        break;
      const char *p = *s;
      while (p < nl && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
      if (p != nl)
        break;
      *len -= (gsize) (nl + 1 - *s);
      *s = nl + 1;
    }
  while (*len > 0 && is_space ((*s)[*len - 1]))
    (*len)--;
  /* A one-line definition also loses its leading spaces. */
  if (memchr (*s, '\n', *len) == NULL)
    while (*len > 0 && is_space (**s))
      (*s)++, (*len)--;
}

void
gls_reader_builder_definition (GlsReaderBuilder *b, const char *md, gsize len, gsize hint)
{
  g_assert (b->open);
  const char *orig = md;
  trim_lines (&md, &len);
  if (hint != G_MAXSIZE)
    hint += (gsize) (md - orig);
  b->entry.body = len > 0 ? place (b, md, len, hint) : (GlsSlice) { 0, 0 };
}

void
gls_reader_builder_end (GlsReaderBuilder *b)
{
  if (!b->open)
    return;
  b->open = FALSE;
  GlsEntry *e = &b->entry;
  e->n_names = b->names->len - e->first_name;
  e->n_items = 0;
  /* Before any pointer into names: with no name at all its data may be NULL
   * (and NULL + 0 is undefined behaviour). */
  if (e->n_names == 0)
    {
      gls_reader_builder_issue (b, e->line, GLS_ISSUE_ERROR, "entry has no term; skipped");
      return;
    }
  /* As the seed loader has them: header items (headword, aliases) first,
   * then the names a title gives (GLS_ROLE_TITLE), which are no items. */
  GlsName *names = &g_array_index (b->names, GlsName, e->first_name);
  g_autofree GlsName *titles = g_new (GlsName, e->n_names);
  guint n_titles = 0;
  for (guint i = 0; i < e->n_names; i++)
    if (names[i].role == GLS_ROLE_TITLE && i > 0)
      titles[n_titles++] = names[i];
    else
      names[e->n_items++] = names[i];
  memcpy (names + e->n_items, titles, n_titles * sizeof (GlsName));
  if (e->body.len == 0)
    gls_reader_builder_issue (b, e->line, GLS_ISSUE_WARNING, "entry has no definition");
  g_array_append_val (b->entries, *e);
  /* Deprecated names: write the headword instead. */
  for (guint i = 0; b->pending != NULL && i < b->pending->len; i++)
    {
      GlsPreference p = g_array_index (b->pending, GlsPreference, i);
      p.preferred = names[0].text;
      g_array_append_val (b->preferences, p);
    }
}

GBytes *
gls_reader_builder_text (GlsReaderBuilder *b)
{
  if (b->derived->len == 0)
    return g_bytes_new (b->text, b->len);
  GString *all = g_string_sized_new (b->len + 1 + b->derived->len);
  g_string_append_len (all, b->text, (gssize) b->len);
  g_string_append_c (all, '\n');
  g_string_append_len (all, b->derived->str, (gssize) b->derived->len);
  gsize n = all->len;
  return g_bytes_new_take (g_string_free (all, FALSE), n);
}
