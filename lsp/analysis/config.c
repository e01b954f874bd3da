/* config.c — see config.h for the format and the merge order. */
#include "analysis/config.h"

#include <stdlib.h>
#include <string.h>

#include "glossary/format.h"
#include "text/json_guard.h"
#include "text/safe_file.h"

G_DEFINE_QUARK (gls-config-error-quark, gls_config_error)

struct _GlsRuleConfig
{
  gatomicrefcount ref;
  GlsSeverity     severity[GLS_N_RULES];
  gboolean        default_glossary;
  gboolean        workspace_symbols;
  GPtrArray      *glossaries;  /* char*, kept NULL-terminated */
  GPtrArray      *formats;     /* char*, parallel to glossaries: a format name, "" to detect */
  GHashTable     *ignore;      /* case-folded word -> itself */
  gint64          lint_limit[GLS_LINT_N_LIMITS];  /* -1: not set */
};

GlsRuleConfig *
gls_rule_config_new (void)
{
  GlsRuleConfig *self = g_new0 (GlsRuleConfig, 1);
  g_atomic_ref_count_init (&self->ref);
  for (guint i = 0; i < GLS_N_RULES; i++)
    self->severity[i] = gls_rule_info ((GlsRuleId) i)->default_severity;
  self->default_glossary = TRUE;
  self->glossaries = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->glossaries, NULL);
  self->formats = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->formats, NULL);
  self->ignore = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < GLS_LINT_N_LIMITS; i++)
    self->lint_limit[i] = -1;
  return self;
}

GlsRuleConfig *
gls_rule_config_ref (GlsRuleConfig *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
gls_rule_config_unref (GlsRuleConfig *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  g_ptr_array_unref (self->glossaries);
  g_ptr_array_unref (self->formats);
  g_hash_table_unref (self->ignore);
  g_free (self);
}

void
gls_rule_config_add_glossary (GlsRuleConfig *self, const char *path)
{
  gls_rule_config_add_glossary_as (self, path, NULL);
}

void
gls_rule_config_add_glossary_as (GlsRuleConfig *self, const char *path, const char *format)
{
  guint n = self->glossaries->len - 1;
  for (guint i = 0; i < n; i++)
    if (strcmp (g_ptr_array_index (self->glossaries, i), path) == 0)
      {
        /* A later layer may say how an already listed file reads. */
        if (format != NULL && *format != '\0')
          {
            g_free (self->formats->pdata[i]);
            self->formats->pdata[i] = g_strdup (format);
          }
        return;
      }
  self->glossaries->pdata[n] = g_strdup (path);
  g_ptr_array_add (self->glossaries, NULL);
  self->formats->pdata[n] = g_strdup (format != NULL ? format : "");
  g_ptr_array_add (self->formats, NULL);
}

void
gls_rule_config_add_ignore_word (GlsRuleConfig *self, const char *word)
{
  char *folded = g_utf8_casefold (word, -1);
  if (*folded == '\0')
    g_free (folded);
  else
    g_hash_table_add (self->ignore, folded);
}

GlsRuleConfig *
gls_rule_config_copy (const GlsRuleConfig *self)
{
  GlsRuleConfig *copy = gls_rule_config_new ();
  memcpy (copy->severity, self->severity, sizeof self->severity);
  copy->default_glossary = self->default_glossary;
  copy->workspace_symbols = self->workspace_symbols;
  memcpy (copy->lint_limit, self->lint_limit, sizeof self->lint_limit);
  for (guint i = 0; i + 1 < self->glossaries->len; i++)
    gls_rule_config_add_glossary_as (copy, g_ptr_array_index (self->glossaries, i),
                                     g_ptr_array_index (self->formats, i));
  GHashTableIter iter;
  gpointer word;
  g_hash_table_iter_init (&iter, self->ignore);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    g_hash_table_add (copy->ignore, g_strdup (word));
  return copy;
}

void
gls_rule_config_set_severity (GlsRuleConfig *self, GlsRuleId rule, GlsSeverity severity)
{
  g_assert ((guint) rule < GLS_N_RULES);  /* ids come from the enum or gls_rule_lookup */
  self->severity[rule] = severity;
}

GlsSeverity
gls_rule_config_severity (const GlsRuleConfig *self, GlsRuleId rule)
{
  g_assert ((guint) rule < GLS_N_RULES);
  return self->severity[rule];
}

gboolean
gls_rule_config_is_ignored (const GlsRuleConfig *self, const char *word, gssize len)
{
  if (g_hash_table_size (self->ignore) == 0)
    return FALSE;
  g_autofree char *folded = g_utf8_casefold (word, len);
  return g_hash_table_contains (self->ignore, folded);
}

const char * const *
gls_rule_config_glossaries (const GlsRuleConfig *self)
{
  return (const char * const *) self->glossaries->pdata;
}

const char * const *
gls_rule_config_glossary_formats (const GlsRuleConfig *self)
{
  return (const char * const *) self->formats->pdata;
}

gboolean
gls_rule_config_default_glossary (const GlsRuleConfig *self)
{
  return self->default_glossary;
}

gboolean
gls_rule_config_workspace_symbols (const GlsRuleConfig *self)
{
  return self->workspace_symbols;
}

/* --- parsing ------------------------------------------------------------- */

/* A merge is validated completely into a Delta before anything changes, so a
 * bad value leaves the config as it was. */
typedef struct
{
  gboolean    has_severity[GLS_N_RULES];
  GlsSeverity severity[GLS_N_RULES];
  gboolean    has_default_glossary;
  gboolean    default_glossary;
  gboolean    has_workspace_symbols;
  gboolean    workspace_symbols;
  GPtrArray  *glossaries;  /* char* */
  GPtrArray  *formats;     /* char*, parallel to glossaries: "" to detect */
  GPtrArray  *ignore;      /* char* */
  GPtrArray  *warnings;    /* char* */
  gint64      lint_limit[GLS_LINT_N_LIMITS];  /* -1: not given */
} Delta;

static void
delta_clear (Delta *d)
{
  g_clear_pointer (&d->glossaries, g_ptr_array_unref);
  g_clear_pointer (&d->formats, g_ptr_array_unref);
  g_clear_pointer (&d->ignore, g_ptr_array_unref);
  g_clear_pointer (&d->warnings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Delta, delta_clear)

static const char *
node_type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);
        if (type == G_TYPE_STRING)
          return "a string";
        if (type == G_TYPE_BOOLEAN)
          return "a boolean";
        return "a number";
      }
    }
}

static gboolean
holds (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
invalid (GError **error, const char *origin, const char *key, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid (GError **error, const char *origin, const char *key, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GLS_CONFIG_ERROR, GLS_CONFIG_ERROR_INVALID, "%s%s%s: %s",
               origin != NULL ? origin : "", origin != NULL ? ": " : "", key, what);
  return FALSE;
}

static void
warn (Delta *d, const char *origin, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
warn (Delta *d, const char *origin, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *what = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (d->warnings, g_strdup_printf ("%s%s%s", origin != NULL ? origin : "",
                                                 origin != NULL ? ": " : "", what));
}

static gboolean
parse_string_array (JsonNode *node, const char *origin, const char *key, GPtrArray *out, GError **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, origin, key, "expected an array of strings, got %s", node_type_name (node));
  JsonArray *array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      if (!holds (item, G_TYPE_STRING))
        {
          g_autofree char *item_key = g_strdup_printf ("%s[%u]", key, i);
          return invalid (error, origin, item_key, "expected a string, got %s", node_type_name (item));
        }
      g_ptr_array_add (out, g_strdup (json_node_get_string (item)));
    }
  return TRUE;
}

/* "glossaries": paths, or {"path": ..., "format": ...} (format.h's names). */
static gboolean
parse_glossaries (Delta *d, JsonNode *node, const char *origin, const char *key, GError **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, origin, key, "expected an array of paths, got %s", node_type_name (node));
  JsonArray *array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_key = g_strdup_printf ("%s[%u]", key, i);
      const char *path = NULL, *format = "";
      if (holds (item, G_TYPE_STRING))
        path = json_node_get_string (item);
      else if (JSON_NODE_HOLDS_OBJECT (item))
        {
          JsonObject *o = json_node_get_object (item);
          JsonNode *p = json_object_get_member (o, "path");
          JsonNode *f = json_object_get_member (o, "format");
          GlsFormat known;
          if (p == NULL || !holds (p, G_TYPE_STRING))
            return invalid (error, origin, item_key, "expected a \"path\" string");
          path = json_node_get_string (p);
          if (f != NULL && (!holds (f, G_TYPE_STRING) || !gls_format_from_string (json_node_get_string (f), &known)))
            return invalid (error, origin, item_key,
                            "\"format\" must be one of seed, markdown, sphinx, myst, abbr, contextive, yaml, json, "
                            "csv");
          if (f != NULL)
            format = gls_format_to_string (known);
        }
      else
        return invalid (error, origin, item_key, "expected a path or {\"path\": ..., \"format\": ...}, got %s",
                        node_type_name (item));
      g_ptr_array_add (d->glossaries, g_strdup (path));
      g_ptr_array_add (d->formats, g_strdup (format));
    }
  return TRUE;
}

static gboolean
parse_rules (Delta *d, JsonNode *node, const char *origin, const char *key, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, origin, key, "expected an object of rule severities, got %s", node_type_name (node));
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *rule_key = g_strdup_printf ("%s.%s", key, name);
      GlsRuleId rule = 0;
      GlsSeverity severity;
      gboolean known = gls_rule_lookup (name, &rule);

      if (holds (value, G_TYPE_BOOLEAN))
        severity = json_node_get_boolean (value) && known ? gls_rule_info (rule)->default_severity : GLS_SEVERITY_OFF;
      else if (JSON_NODE_HOLDS_NULL (value))
        severity = known ? gls_rule_info (rule)->default_severity : GLS_SEVERITY_OFF;
      else if (!holds (value, G_TYPE_STRING))
        return invalid (error, origin, rule_key,
                        "expected a severity (\"error\", \"warning\", \"info\", \"hint\", \"off\") or a boolean, got %s",
                        node_type_name (value));
      else if (!gls_severity_parse (json_node_get_string (value), &severity))
        return invalid (error, origin, rule_key,
                        "unknown severity \"%s\" (expected \"error\", \"warning\", \"info\", \"hint\" or \"off\")",
                        json_node_get_string (value));
      if (!known)
        {
          warn (d, origin, "%s: unknown rule \"%s\" ignored", rule_key, name);
          continue;
        }
      d->has_severity[rule] = TRUE;
      d->severity[rule] = severity;
    }
  return TRUE;
}

/* The "lint" object: limits of `glossary-ls lint` (config.h). */
static const char *const lint_limit_names[GLS_LINT_N_LIMITS] = {
  [GLS_LINT_MAX_FINDINGS_PER_FILE] = "maxFindingsPerFile",
  [GLS_LINT_MAX_FILE_SIZE] = "maxFileSize",
};

static gboolean
parse_lint (Delta *d, JsonNode *node, const char *origin, const char *lint_key, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, origin, lint_key, "expected an object, got %s", node_type_name (node));
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *key = g_strconcat (lint_key, ".", name, NULL);
      guint i = 0;
      while (i < GLS_LINT_N_LIMITS && strcmp (name, lint_limit_names[i]) != 0)
        i++;
      if (i == GLS_LINT_N_LIMITS)
        {
          warn (d, origin, "unknown key \"%s\" ignored", key);
          continue;
        }
      if (!holds (value, G_TYPE_INT64) || json_node_get_int (value) < 0)
        return invalid (error, origin, key, "expected a non-negative integer, got %s", node_type_name (value));
      d->lint_limit[i] = json_node_get_int (value);
    }
  return TRUE;
}

static gboolean
parse_settings (Delta *d, JsonNode *node, const char *origin, GError **error)
{
  const char *prefix = "";

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GLS_CONFIG_ERROR, GLS_CONFIG_ERROR_PARSE, "%s%sexpected a JSON object, got %s",
                   origin != NULL ? origin : "", origin != NULL ? ": " : "", node_type_name (node));
      return FALSE;
    }
  JsonObject *object = json_node_get_object (node);
  if (json_object_has_member (object, "glossaryLs"))
    {
      node = json_object_get_member (object, "glossaryLs");
      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, origin, "glossaryLs", "expected an object, got %s", node_type_name (node));
      object = json_node_get_object (node);
      prefix = "glossaryLs.";
    }

  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *key = g_strconcat (prefix, name, NULL);
      if (strcmp (name, "rules") == 0)
        {
          if (!parse_rules (d, value, origin, key, error))
            return FALSE;
        }
      else if (strcmp (name, "glossaries") == 0)
        {
          if (!parse_glossaries (d, value, origin, key, error))
            return FALSE;
        }
      else if (strcmp (name, "ignoreWords") == 0)
        {
          if (!parse_string_array (value, origin, key, d->ignore, error))
            return FALSE;
        }
      else if (strcmp (name, "lint") == 0)
        {
          if (!parse_lint (d, value, origin, key, error))
            return FALSE;
        }
      else if (strcmp (name, "defaultGlossary") == 0)
        {
          if (!holds (value, G_TYPE_BOOLEAN))
            return invalid (error, origin, key, "expected a boolean, got %s", node_type_name (value));
          d->has_default_glossary = TRUE;
          d->default_glossary = json_node_get_boolean (value);
        }
      else if (strcmp (name, "workspaceSymbols") == 0)
        {
          if (!holds (value, G_TYPE_BOOLEAN))
            return invalid (error, origin, key, "expected a boolean, got %s", node_type_name (value));
          d->has_workspace_symbols = TRUE;
          d->workspace_symbols = json_node_get_boolean (value);
        }
      else
        warn (d, origin, "unknown key \"%s\" ignored", key);
    }
  return TRUE;
}

/* TRUE if path, symlinks resolved, is root or inside it. A path that does
 * not exist yet is judged by its nearest existing ancestor, resolved (a
 * missing file under a symlink to /etc is outside): it can only be read once
 * it exists, and the glossary loader checks what it then is. */
static gboolean
inside (const char *path, const char *root)
{
  g_autofree char *lexical = g_canonicalize_filename (path, NULL);
  g_autofree char *probe = g_strdup (lexical);
  char *real;

  while ((real = realpath (probe, NULL)) == NULL)
    {
      char *parent = g_path_get_dirname (probe);
      gboolean top = strcmp (parent, probe) == 0;
      g_free (probe);
      probe = parent;
      if (top)
        return strcmp (root, "/") == 0;
    }
  gsize n = strlen (root);
  gboolean ok = strcmp (root, "/") == 0 ||
                (strncmp (real, root, n) == 0 && (real[n] == '\0' || real[n] == '/'));
  free (real);
  return ok;
}

static void
apply (GlsRuleConfig *self, const Delta *d, const char *base_dir, const char *confine,
       const char *origin, GPtrArray *warnings)
{
  for (guint i = 0; i < GLS_N_RULES; i++)
    if (d->has_severity[i])
      self->severity[i] = d->severity[i];
  if (d->has_default_glossary)
    self->default_glossary = d->default_glossary;
  if (d->has_workspace_symbols)
    self->workspace_symbols = d->workspace_symbols;
  for (guint i = 0; i < GLS_LINT_N_LIMITS; i++)
    if (d->lint_limit[i] >= 0)
      self->lint_limit[i] = d->lint_limit[i];
  for (guint i = 0; i < d->glossaries->len; i++)
    {
      const char *path = g_ptr_array_index (d->glossaries, i);
      g_autofree char *resolved = base_dir != NULL && !g_path_is_absolute (path)
                                    ? g_canonicalize_filename (path, base_dir) : g_strdup (path);
      if (confine != NULL && !inside (resolved, confine))
        {
          /* A repository's file must not make the tools read (or report on
           * the existence of) files outside the repository. */
          if (warnings != NULL)
            g_ptr_array_add (warnings, g_strdup_printf ("%s%sglossaries[%u]: \"%s\" is outside %s; refused (a "
                                                        "glossary outside the project file's directory can be "
                                                        "given with --glossary or in the editor's settings)",
                                                        origin != NULL ? origin : "", origin != NULL ? ": " : "",
                                                        i, path, confine));
          continue;
        }
      gls_rule_config_add_glossary_as (self, resolved, g_ptr_array_index (d->formats, i));
    }
  for (guint i = 0; i < d->ignore->len; i++)
    gls_rule_config_add_ignore_word (self, g_ptr_array_index (d->ignore, i));
  if (warnings != NULL)
    for (guint i = 0; i < d->warnings->len; i++)
      g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (d->warnings, i)));
}

static gboolean
merge_node (GlsRuleConfig *self, JsonNode *node, const char *origin, const char *base_dir,
            const char *confine, GPtrArray *warnings, GError **error)
{
  g_auto (Delta) d = { 0 };
  for (guint i = 0; i < GLS_LINT_N_LIMITS; i++)
    d.lint_limit[i] = -1;
  d.glossaries = g_ptr_array_new_with_free_func (g_free);
  d.formats = g_ptr_array_new_with_free_func (g_free);
  d.ignore = g_ptr_array_new_with_free_func (g_free);
  d.warnings = g_ptr_array_new_with_free_func (g_free);
  if (!parse_settings (&d, node, origin, error))
    return FALSE;
  apply (self, &d, base_dir, confine, origin, warnings);
  return TRUE;
}

gboolean
gls_rule_config_merge_json (GlsRuleConfig *self, JsonNode *node, const char *base_dir,
                            GPtrArray *warnings, GError **error)
{
  return merge_node (self, node, NULL, base_dir, NULL, warnings, error);
}

static gboolean
merge_text (GlsRuleConfig *self, const char *data, gssize len, const char *origin, const char *base_dir,
            const char *confine, GPtrArray *warnings, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;

  if (!gls_json_is_single_value (data, len < 0 ? strlen (data) : (gsize) len))
    {
      g_set_error (error, GLS_CONFIG_ERROR, GLS_CONFIG_ERROR_PARSE, "%s%stext after the JSON value",
                   origin != NULL ? origin : "", origin != NULL ? ": " : "");
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, len, &parse_error))
    {
      g_set_error (error, GLS_CONFIG_ERROR, GLS_CONFIG_ERROR_PARSE, "%s%s%s",
                   origin != NULL ? origin : "", origin != NULL ? ": " : "", parse_error->message);
      return FALSE;
    }
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, GLS_CONFIG_ERROR, GLS_CONFIG_ERROR_PARSE, "%s%sempty document",
                   origin != NULL ? origin : "", origin != NULL ? ": " : "");
      return FALSE;
    }
  return merge_node (self, root, origin, base_dir, confine, warnings, error);
}

gboolean
gls_rule_config_merge_data (GlsRuleConfig *self, const char *data, gssize len, const char *origin,
                            const char *base_dir, GPtrArray *warnings, GError **error)
{
  return merge_text (self, data, len, origin, base_dir, NULL, warnings, error);
}

gboolean
gls_rule_config_merge_file (GlsRuleConfig *self, const char *path, GPtrArray *warnings, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  /* The file is in a repository: a FIFO there must not block (the server
   * reads it on its main loop), nor a huge file exhaust memory. */
  if (!gls_safe_file_read (path, GLS_SAFE_FILE_CONFIG_LIMIT, GLS_SAFE_FILE_DEFAULT, &data, &len, error))
    return FALSE;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  char *real = realpath (dir, NULL);
  g_autofree char *confine = g_strdup (real != NULL ? real : dir);
  free (real);
  return merge_text (self, data, (gssize) len, path, dir, confine, warnings, error);
}

gboolean
gls_rule_config_merge_variant (GlsRuleConfig *self, GVariant *settings, const char *base_dir,
                               GPtrArray *warnings, GError **error)
{
  if (settings == NULL)
    return TRUE;
  g_autoptr (JsonNode) node = json_gvariant_serialize (settings);
  return merge_node (self, node, NULL, base_dir, NULL, warnings, error);
}

char *
gls_rule_config_find_file (const char *start_dir, const char *stop_dir)
{
  g_autofree char *dir = g_canonicalize_filename (start_dir, NULL);
  g_autofree char *stop = stop_dir != NULL ? g_canonicalize_filename (stop_dir, NULL) : NULL;

  for (;;)
    {
      g_autofree char *candidate = g_build_filename (dir, GLS_CONFIG_FILE_NAME, NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&candidate);
      if (stop != NULL && strcmp (dir, stop) == 0)
        return NULL;
      g_autofree char *parent = g_path_get_dirname (dir);
      if (strcmp (parent, dir) == 0)
        return NULL;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

gint64
gls_rule_config_lint_limit (const GlsRuleConfig *self, GlsLintLimit limit)
{
  g_assert ((guint) limit < GLS_LINT_N_LIMITS);  /* a GlsLintLimit constant */
  return self->lint_limit[limit];
}
