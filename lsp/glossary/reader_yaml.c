/* reader_yaml.c — term tables in YAML, and Contextive's definitions file,
 * parsed with libyaml (its document API: nodes with start marks).
 *
 * Contextive:  contexts: [{name, domainVisionStatement, terms: [{name,
 *              definition, examples: [...], aliases: [...]}]}]; the context's
 *              name becomes each entry's category. Contextive has no key
 *              for deprecated names: `deprecated: [...]` on a term is read
 *              as in a term table.
 * Term table:  a list of {term|name, definition, aliases, examples,
 *              deprecated}; the same
 *              under one key terms/glossary/entries; or a mapping from each
 *              term to its definition (a string) or to such a record.
 *
 * A scalar written on one line (plain or quoted) is stored as a slice of the
 * file, so go-to-definition lands on it; block scalars (| and >) become
 * derived text; YAML's null is no text. The walk has a fixed depth and reads
 * at most 4 nodes per node of the document (+4096): an alias to a record
 * ("other name: *a") is read again, but no nesting of anchors makes the work
 * more than linear. A syntax error is reported at its line;
 * the documents before it still load. */
#include "glossary/reader_table.h"

#include <yaml.h>

typedef struct
{
  GlsReaderBuilder *b;
  yaml_document_t  *doc;
  gsize             budget;     /* nodes the walk may still read */
  gboolean          exhausted;
  GArray           *lines;    /* gsize: offset of each line start */
} Walk;

/* Node id, counted against the walk's budget: a node reached again through
 * an alias ("other name: *a") is read again, but aliases may not make the
 * walk read more nodes than a few times the document holds. */
static yaml_node_t *
node_of (Walk *w, int id)
{
  yaml_node_t *n = yaml_document_get_node (w->doc, id);
  if (n == NULL || w->exhausted)
    return NULL;
  if (w->budget == 0)
    {
      w->exhausted = TRUE;
      gls_reader_builder_issue (w->b, (guint) n->start_mark.line + 1, GLS_ISSUE_ERROR,
                                "YAML aliases repeat more nodes than the document holds; the rest is not read");
      return NULL;
    }
  w->budget--;
  return n;
}

/* YAML's null ("null", "~", nothing) is no text. */
static gboolean
is_null (const yaml_node_t *n)
{
  if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return FALSE;
  const char *v = (const char *) n->data.scalar.value;
  return n->data.scalar.length == 0 || g_str_equal (v, "~") || g_str_equal (v, "null") || g_str_equal (v, "Null") ||
         g_str_equal (v, "NULL");
}

/* Byte offset of a libyaml mark: its line's start, then `column` characters. */
static gsize
offset_of (Walk *w, yaml_mark_t mark)
{
  if (mark.line >= w->lines->len)
    return w->b->len;
  gsize at = g_array_index (w->lines, gsize, mark.line);
  for (size_t c = 0; c < mark.column && at < w->b->len && w->b->text[at] != '\n'; c++)
    {
      at++;
      while (at < w->b->len && ((guchar) w->b->text[at] & 0xC0) == 0x80)
        at++;
    }
  return at;
}

static gboolean
scalar (Walk *w, yaml_node_t *n, GlsTableStr *out)
{
  if (n == NULL || n->type != YAML_SCALAR_NODE || is_null (n))
    return FALSE;
  gsize at = offset_of (w, n->start_mark);
  yaml_scalar_style_t style = n->data.scalar.style;
  gsize hint = style == YAML_PLAIN_SCALAR_STYLE ? at
             : style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? at + 1
             : G_MAXSIZE;
  *out = (GlsTableStr) { (const char *) n->data.scalar.value, n->data.scalar.length, hint, at };
  return TRUE;
}

static void
scalars (Walk *w, yaml_node_t *n, GArray *into)
{
  GlsTableStr s;
  if (n != NULL && n->type == YAML_SEQUENCE_NODE)
    {
      for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top; i++)
        if (scalar (w, node_of (w, *i), &s))
          g_array_append_val (into, s);
    }
  else if (scalar (w, n, &s))
    g_array_append_val (into, s);
}

static const char *
key_of (yaml_node_t *k, gsize *len)
{
  if (k == NULL || k->type != YAML_SCALAR_NODE)
    return NULL;
  *len = k->data.scalar.length;
  return (const char *) k->data.scalar.value;
}

/* A term member: the record's term, or (when the term is known already, or
 * for the later items of a list) expansions: "AP: {term: Acquisition plan}". */
static void
term_member (Walk *w, yaml_node_t *v, GlsTableRecord *r)
{
  g_autoptr (GArray) strings = g_array_new (FALSE, FALSE, sizeof (GlsTableStr));
  scalars (w, v, strings);
  gls_table_record_term_member (r, strings);
}

/* One record: a mapping, or (the mapping form) a scalar definition of term. */
static void
record (Walk *w, yaml_node_t *n, const GlsTableStr *term, const GlsTableStr *category, gsize at)
{
  GlsTableRecord r;
  gls_table_record_init (&r, at);
  if (term != NULL)
    r.term = *term;
  if (category != NULL)
    r.category = *category;
  if (n != NULL && n->type == YAML_SCALAR_NODE)
    scalar (w, n, &r.definition);
  else if (n != NULL && n->type == YAML_MAPPING_NODE)
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
      {
        gsize klen = 0;
        const char *key = key_of (yaml_document_get_node (w->doc, p->key), &klen);
        if (key == NULL)
          continue;
        yaml_node_t *v = node_of (w, p->value);
        switch (gls_table_column (key, klen))
          {
          case GLS_COLUMN_TERM: term_member (w, v, &r); break;
          case GLS_COLUMN_DEFINITION: scalar (w, v, &r.definition); break;
          case GLS_COLUMN_ALIASES: scalars (w, v, r.aliases); break;
          case GLS_COLUMN_EXAMPLES: scalars (w, v, r.examples); break;
          case GLS_COLUMN_CATEGORY: scalar (w, v, &r.category); break;
          case GLS_COLUMN_DEPRECATED: scalars (w, v, r.deprecated); break;
          case GLS_COLUMN_OTHER: default: break;
          }
      }
  if (r.term.s == NULL && n != NULL)
    r.at = offset_of (w, n->start_mark);
  gls_table_record_emit (w->b, &r, r.aliases->len == 1 ? ";|" : "", r.deprecated->len == 1 ? ";|" : "");
  gls_table_record_clear (&r);
}

static void
records (Walk *w, yaml_node_t *seq, const GlsTableStr *category)
{
  if (seq == NULL || seq->type != YAML_SEQUENCE_NODE)
    {
      if (seq != NULL)
        gls_reader_builder_issue (w->b, (guint) seq->start_mark.line + 1, GLS_ISSUE_WARNING,
                                  "expected a list of terms here; skipped");
      return;
    }
  for (yaml_node_item_t *i = seq->data.sequence.items.start; i < seq->data.sequence.items.top; i++)
    {
      yaml_node_t *n = node_of (w, *i);
      if (n != NULL)
        record (w, n, NULL, category, offset_of (w, n->start_mark));
    }
}

static yaml_node_t *
member (Walk *w, yaml_node_t *map, const char *name)
{
  if (map == NULL || map->type != YAML_MAPPING_NODE)
    return NULL;
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
    {
      gsize klen = 0;
      const char *key = key_of (yaml_document_get_node (w->doc, p->key), &klen);
      if (key != NULL && klen == strlen (name) && memcmp (key, name, klen) == 0)
        return node_of (w, p->value);
    }
  return NULL;
}

static void
contextive (Walk *w, yaml_node_t *root)
{
  yaml_node_t *contexts = member (w, root, "contexts");
  if (contexts == NULL || contexts->type != YAML_SEQUENCE_NODE)
    {
      gls_reader_builder_issue (w->b, root != NULL ? (guint) root->start_mark.line + 1 : 1, GLS_ISSUE_ERROR,
                                "no \"contexts:\" list (Contextive definitions); nothing loaded");
      return;
    }
  for (yaml_node_item_t *i = contexts->data.sequence.items.start; i < contexts->data.sequence.items.top; i++)
    {
      yaml_node_t *context = node_of (w, *i);
      GlsTableStr name = { NULL, 0, G_MAXSIZE, G_MAXSIZE };
      yaml_node_t *name_node = member (w, context, "name");
      if (name_node != NULL)
        scalar (w, name_node, &name);
      records (w, member (w, context, "terms"), name.s != NULL ? &name : NULL);
    }
}

/* The mapping form: each key is a term, its value the definition or a record. */
static void
mapping (Walk *w, yaml_node_t *map)
{
  if (map == NULL)
    return;
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
    {
      yaml_node_t *k = node_of (w, p->key);
      GlsTableStr term;
      if (!scalar (w, k, &term))
        continue;
      record (w, node_of (w, p->value), &term, NULL, offset_of (w, k->start_mark));
    }
}

static void
table (Walk *w, yaml_node_t *root)
{
  if (root->type == YAML_SEQUENCE_NODE)
    {
      records (w, root, NULL);
      return;
    }
  if (root->type != YAML_MAPPING_NODE)
    {
      gls_reader_builder_issue (w->b, (guint) root->start_mark.line + 1, GLS_ISSUE_ERROR,
                                "expected a list or mapping of terms; nothing loaded");
      return;
    }
  static const char *const lists[] = { "terms", "glossary", "entries" };
  yaml_node_pair_t *pairs = root->data.mapping.pairs.start;
  for (yaml_node_pair_t *p = pairs; p < root->data.mapping.pairs.top; p++)
    for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
      {
        gsize klen = 0;
        const char *key = key_of (yaml_document_get_node (w->doc, p->key), &klen);
        yaml_node_t *v = yaml_document_get_node (w->doc, p->value);
        if (key == NULL || klen != strlen (lists[k]) || memcmp (key, lists[k], klen) != 0 || v == NULL)
          continue;
        if (v->type == YAML_SEQUENCE_NODE)
          {
            records (w, node_of (w, p->value), NULL);
            return;
          }
        if (v->type == YAML_MAPPING_NODE)
          {
            mapping (w, node_of (w, p->value));
            return;
          }
      }
  mapping (w, root);
}

static GArray *
line_starts (const char *t, gsize len)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;
  g_array_append_val (lines, zero);
  for (const char *p = t; (p = memchr (p, '\n', len - (gsize) (p - t))) != NULL;)
    {
      gsize at = (gsize) (++p - t);
      g_array_append_val (lines, at);
    }
  return lines;
}

void
gls_read_yaml (GlsReaderBuilder *b, gboolean is_contextive)
{
  yaml_parser_t parser;
  g_autoptr (GArray) lines = line_starts (b->text, b->len);

  if (!yaml_parser_initialize (&parser))
    g_error ("libyaml: out of memory");
  yaml_parser_set_input_string (&parser, (const unsigned char *) b->text, b->len);
  for (;;)
    {
      yaml_document_t doc;
      if (!yaml_parser_load (&parser, &doc))
        {
          gls_reader_builder_issue (b, (guint) parser.problem_mark.line + 1, GLS_ISSUE_ERROR,
                                    "not valid YAML (%s); the rest of the file is not read",
                                    parser.problem != NULL ? parser.problem : "syntax error");
          break;
        }
      yaml_node_t *root = yaml_document_get_root_node (&doc);
      if (root == NULL)
        {
          yaml_document_delete (&doc);
          break;
        }
      gsize n_nodes = (gsize) (doc.nodes.top - doc.nodes.start);
      Walk w = { .b = b, .doc = &doc, .lines = lines, .budget = 4 * n_nodes + 4096 };
      if (is_contextive)
        contextive (&w, root);
      else
        table (&w, root);
      yaml_document_delete (&doc);
    }
  yaml_parser_delete (&parser);
}
