/* entry.h — the glossary's data model: entries, the names they are known by,
 * and terms (one per normalized key).
 *
 * All text is stored as slices (offset + length) into the source file's bytes,
 * so an entry costs a few integers however long its definition is; the
 * glossary owns the sources and therefore every slice's bytes.
 *
 *   entry   one header + body in one file: headword, aliases and keywords (the
 *           header items), an optional category (never matched in text), an
 *           optional title (the first bold span of the body's first line) and
 *           the definition (the body, blank lines trimmed);
 *   name    one way an entry is called: a header item or, for a title of the
 *           form "X (Y)", X and Y; each has a role;
 *   term    all names with the same normalized key, across entries and files;
 *           the unit of lookup, matching, hover and completion.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint32 start;
  guint32 len;
} GlsSlice;

/* Ordered by how strongly a name identifies its entry: the order in which the
 * entries of one term are ranked. Names (headword, title, alias) and mentions
 * are recognised in prose; keywords and tags are only found by lookup
 * (define, completion, workspace/symbol). glossary.h, "Names and tags", says
 * how a header item gets its role. */
typedef enum
{
  GLS_ROLE_HEADWORD = 0,  /* first header item */
  GLS_ROLE_TITLE    = 1,  /* X or Y of a title "X (Y)", or a title repaired from a header split at its spaces */
  GLS_ROLE_ALIAS    = 2,  /* a later header item with evidence that it names the entry */
  GLS_ROLE_MENTION  = 3,  /* a later item the body talks about but that names something else: "mentioned in" */
  GLS_ROLE_KEYWORD  = 4,  /* a later item that is one ordinary English word ("data", "manage") */
  GLS_ROLE_TAG      = 5,  /* a topic tag or search phrase ("getting started", "do you offer training") */
  GLS_ROLE_LAST     = GLS_ROLE_TAG
} GlsRole;

typedef struct
{
  guint32  source;        /* index of the GlsSource */
  guint32  line;          /* 1-based line of the header */
  GlsSlice header;        /* the header line, without its line end */
  GlsSlice body;          /* the definition: Markdown, blank lines trimmed; may be empty */
  GlsSlice title;         /* inside the first ** ** of the body's first line; len 0 if none */
  GlsSlice category;      /* len 0 if none */
  guint32  first_name;    /* names[first_name .. first_name + n_names): header items first, headword first */
  guint32  n_names;
  guint32  n_items;       /* how many of those names are header items (the rest come from the title) */
} GlsEntry;

/* The term of a name that has no letter or digit ("--"): it names nothing. */
#define GLS_NO_TERM G_MAXUINT32

typedef struct
{
  GlsSlice text;          /* as written, in the entry's source */
  guint32  entry;
  guint32  term;          /* or GLS_NO_TERM */
  GlsRole  role;
} GlsName;

typedef enum
{
  GLS_TERM_MATCH_PROSE    = 1 << 0,  /* recognised in prose */
  GLS_TERM_CASE_SENSITIVE = 1 << 1,  /* recognised only when not written as ordinary English ("RoPE", not "rope") */
  GLS_TERM_IRREGULAR_CASE = 1 << 2,  /* canonical spelling has capitals beyond a first letter: LoRA, PyTorch, BF16 */
  GLS_TERM_ENGLISH_WORD   = 1 << 3,  /* the key is one ordinary English word */
  GLS_TERM_COMBINED       = 1 << 4,  /* every name of it glues two other names of its entry together ("rotary position embedding rope") */
} GlsTermFlags;

typedef struct
{
  GlsTermFlags flags;
  guint32      key;        /* offset of the NUL-terminated normalized key in the glossary's string pool */
  guint32      canonical;  /* offset of the NUL-terminated display spelling in the pool */
  guint32      first_ref;  /* refs[first_ref .. first_ref + n_refs): names of this term, best entry first */
  guint32      n_refs;
} GlsTerm;

G_END_DECLS
