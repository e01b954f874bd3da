/* config.h — what the rules are told to do: severities, ignored words,
 * extra glossaries. One format for the project file, LSP settings and the CLI.
 *
 * The project file `.glossary-ls.json` (found by gls_rule_config_find_file,
 * walking up from a document's directory) holds one JSON object:
 *
 *   {
 *     "glossaries": ["docs/terms.txt", "../shared/glossary"],
 *     "defaultGlossary": true,
 *     "rules": { "term-case": "error", "misspelled-term": "off" },
 *     "ignoreWords": ["Levenstein", "Pytorch"],
 *     "lint": { "maxFindingsPerFile": 1000, "maxFileSize": 134217728 }
 *   }
 *
 *   glossaries       array of glossary files or directories added to the
 *                    glossary (glossary/source_files.h), each a path or
 *                    {"path": "docs/glossary.rst", "format": "sphinx"} (a
 *                    format name of glossary/format.h; without one the
 *                    format is detected from the file's name and content). Relative paths are
 *                    resolved against base_dir: the project file's directory,
 *                    or for editor settings the workspace root the server
 *                    passes (kept relative when base_dir is NULL). From a
 *                    project file (gls_rule_config_merge_file) a path must
 *                    resolve, symlinks followed, inside the file's directory:
 *                    others ("/", "../x", a link to /etc) are dropped with a
 *                    warning naming the key (docs/security.md). Paths from
 *                    settings and the command line are the user's and are
 *                    taken as given.
 *   defaultGlossary  boolean: FALSE leaves out the built-in glossary.
 *   workspaceSymbols boolean (default FALSE): TRUE makes the server answer
 *                    every workspace/symbol query with matching terms
 *                    (prefixes, later words, typos); FALSE only queries that
 *                    name a glossary term, so an editor's code symbol search
 *                    ("main") is not filled with terms ("total productive
 *                    maintenance").
 *   rules            object: rule id (rule_info.h) -> severity name ("error",
 *                    "warning", "info"/"information", "hint", "off"/"none",
 *                    case-insensitive), a boolean (true: the rule's default
 *                    severity, false: off) or null (the default). Default:
 *                    every rule at its default severity (warning).
 *   ignoreWords      array of strings: words no rule reports, compared
 *                    case-insensitively (Unicode case folding) with the
 *                    misspelled word of a misspelled-term candidate and with
 *                    the flagged words or the whole surface of a term-case
 *                    finding, and with the whole surface of a preferred-term
 *                    finding.
 *   lint             object: limits of `glossary-ls lint` (the server ignores
 *                    them), each a non-negative integer: maxFindingsPerFile
 *                    (findings reported per file; 0: none) and maxFileSize
 *                    (bytes; larger files are not linted). The command line's
 *                    --max-findings-per-file and --max-file-size win.
 *
 * LSP initializationOptions and workspace/didChangeConfiguration settings
 * carry the same object, either bare or as {"glossaryLs": {...}} (when the
 * "glossaryLs" member exists, only it is read; null means "nothing").
 *
 * Merging: a GlsRuleConfig starts as the defaults; each merge applies one
 * source on top. Call them in the documented precedence order
 *   defaults < project file < editor settings < command-line overrides
 * Severities, defaultGlossary and workspaceSymbols: the later source wins per key. Glossary
 * paths and ignore words: the union, earlier sources' entries first,
 * duplicates dropped.
 *
 * Errors and warnings: a value of the wrong type or an unknown severity name
 * is an error (GLS_CONFIG_ERROR_INVALID, message naming the key path, e.g.
 * "rules.term-case: ..."); invalid JSON is GLS_CONFIG_ERROR_PARSE. A failed
 * merge changes nothing. Unknown keys and unknown rule ids are not errors,
 * because a file written for a newer glossary-ls (or an editor sending other
 * extensions' settings) must still work: each one appends a message naming
 * the key to warnings (a GPtrArray of char*, may be NULL), for the front end
 * to show.
 *
 * Ownership and threads: atomically ref-counted. Mutate only while you hold
 * the only reference (building it); once shared it is read-only and any
 * number of threads may read it. To change a shared config, copy it.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "analysis/finding.h"
#include "analysis/rule_info.h"

G_BEGIN_DECLS

#define GLS_CONFIG_FILE_NAME ".glossary-ls.json"

#define GLS_CONFIG_ERROR (gls_config_error_quark ())
GQuark gls_config_error_quark (void);

typedef enum
{
  GLS_CONFIG_ERROR_PARSE,    /* not JSON, or not a JSON object */
  GLS_CONFIG_ERROR_INVALID,  /* a key has a value of the wrong type or an unknown name */
} GlsConfigError;

typedef struct _GlsRuleConfig GlsRuleConfig;

typedef enum
{
  GLS_LINT_MAX_FINDINGS_PER_FILE,
  GLS_LINT_MAX_FILE_SIZE,
  GLS_LINT_N_LIMITS,
} GlsLintLimit;

/* The defaults: every rule at its default severity, no ignored words, no
 * extra glossaries, the default glossary on. */
GlsRuleConfig *gls_rule_config_new   (void);
/* A deep copy with one reference, free to mutate. */
GlsRuleConfig *gls_rule_config_copy  (const GlsRuleConfig *self);
GlsRuleConfig *gls_rule_config_ref   (GlsRuleConfig *self);
/* NULL is allowed. */
void           gls_rule_config_unref (GlsRuleConfig *self);

/* Merges a parsed settings object (bare or {"glossaryLs": {...}}); a JSON
 * null node merges nothing. */
gboolean gls_rule_config_merge_json    (GlsRuleConfig *self,
                                        JsonNode      *node,
                                        const char    *base_dir,
                                        GPtrArray     *warnings,
                                        GError       **error);

/* Merges JSON text (len < 0: NUL-terminated). origin names the text in
 * messages (e.g. its path); may be NULL. */
gboolean gls_rule_config_merge_data    (GlsRuleConfig *self,
                                        const char    *data,
                                        gssize         len,
                                        const char    *origin,
                                        const char    *base_dir,
                                        GPtrArray     *warnings,
                                        GError       **error);

/* Reads and merges a project file; base_dir is the file's directory and every
 * message starts with the path. The file is read through text/safe_file.h
 * (a FIFO or device is refused without blocking, at most
 * GLS_SAFE_FILE_CONFIG_LIMIT bytes: GLS_SAFE_FILE_ERROR); other I/O errors
 * keep their G_FILE_ERROR domain. */
gboolean gls_rule_config_merge_file    (GlsRuleConfig *self,
                                        const char    *path,
                                        GPtrArray     *warnings,
                                        GError       **error);

/* Merges LSP settings as jsonrpc-glib delivers them (a{sv} and friends,
 * converted with json_gvariant_serialize); NULL merges nothing. */
gboolean gls_rule_config_merge_variant (GlsRuleConfig *self,
                                        GVariant      *settings,
                                        const char    *base_dir,
                                        GPtrArray     *warnings,
                                        GError       **error);

/* Command-line style overrides. A rule (here and in
 * gls_rule_config_severity) must be a GlsRuleId, a limit a GlsLintLimit
 * constant: both asserted (callers pass constants or gls_rule_lookup ids). */
void     gls_rule_config_set_severity    (GlsRuleConfig *self,
                                          GlsRuleId      rule,
                                          GlsSeverity    severity);
void     gls_rule_config_add_ignore_word (GlsRuleConfig *self,
                                          const char    *word);
void     gls_rule_config_add_glossary    (GlsRuleConfig *self,
                                          const char    *path);

GlsSeverity gls_rule_config_severity     (const GlsRuleConfig *self,
                                          GlsRuleId            rule);
/* TRUE if word[0..len) (len < 0: NUL-terminated) is an ignored word. */
gboolean    gls_rule_config_is_ignored   (const GlsRuleConfig *self,
                                          const char          *word,
                                          gssize               len);
/* The extra glossary paths in merge order, NULL-terminated; owned by self. */
const char * const *gls_rule_config_glossaries (const GlsRuleConfig *self);
/* Parallel to gls_rule_config_glossaries: each path's format name
 * (glossary/format.h), "" to detect it; NULL-terminated; owned by self. */
const char * const *gls_rule_config_glossary_formats (const GlsRuleConfig *self);
/* gls_rule_config_add_glossary with a format name (NULL or "": detect); a
 * path already listed keeps its place and takes a given format. */
void        gls_rule_config_add_glossary_as (GlsRuleConfig *self,
                                             const char    *path,
                                             const char    *format);
gboolean    gls_rule_config_default_glossary   (const GlsRuleConfig *self);
gboolean    gls_rule_config_workspace_symbols  (const GlsRuleConfig *self);
/* A "lint" limit, or -1 when no source set it. */
gint64      gls_rule_config_lint_limit         (const GlsRuleConfig *self,
                                                GlsLintLimit         limit);

/* The nearest GLS_CONFIG_FILE_NAME in start_dir or its ancestors, not looking
 * above stop_dir (inclusive; NULL: up to the file system root). Paths are
 * made absolute first; a start_dir outside stop_dir is searched up to the
 * root. Returns a newly allocated absolute path, or NULL if there is none. */
char       *gls_rule_config_find_file (const char *start_dir,
                                       const char *stop_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsRuleConfig, gls_rule_config_unref)

G_END_DECLS
