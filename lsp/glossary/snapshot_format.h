/* snapshot_format.h — the byte layout of a glossary snapshot (snapshot.h).
 *
 * For snapshot.c and for the tests and the fuzz target that build damaged
 * snapshots on purpose; nothing else reads snapshots but through snapshot.h.
 *
 *   header     GlsSnapshotHeader: magic, the writer's byte order mark, the
 *              format version, a gls_digest checksum of everything from the
 *              section table on (the table included: a flipped offset would
 *              otherwise move a section onto other bytes unnoticed), and the
 *              section table, one {offset, size} per GlsSnapshotSectionId;
 *   sections   each 8-byte aligned, in table order: the key, the model's
 *              arrays as the structs lie in memory (entry.h, trie.h), the
 *              string pool, the preferences (preference.h) as they lie in
 *              memory, the vocabulary (source_words.h) in its stored form,
 *              then the issues: per issue a GlsSnapshotIssue
 *              followed by its path and message bytes (no NULs).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GLS_SNAPSHOT_SEC_KEY,
  GLS_SNAPSHOT_SEC_ENTRIES,
  GLS_SNAPSHOT_SEC_NAMES,
  GLS_SNAPSHOT_SEC_TERMS,
  GLS_SNAPSHOT_SEC_REFS,
  GLS_SNAPSHOT_SEC_POOL,
  GLS_SNAPSHOT_SEC_TRIE_NODES,
  GLS_SNAPSHOT_SEC_TRIE_VALUES,
  GLS_SNAPSHOT_SEC_TRIE_LABELS,
  GLS_SNAPSHOT_SEC_PREFERENCES,  /* GlsPreference records (preference.h), since version 4 */
  GLS_SNAPSHOT_SEC_VOCABULARY,   /* the sources' words (source_words.h, stored form), since version 5 */
  GLS_SNAPSHOT_SEC_ISSUES,
  GLS_SNAPSHOT_N_SECTIONS
} GlsSnapshotSectionId;

typedef struct
{
  guint64 offset;
  guint64 size;
} GlsSnapshotSection;

#define GLS_SNAPSHOT_MAGIC "GLSSNAP\0"
#define GLS_SNAPSHOT_BYTE_ORDER_MARK 0x01020304u

typedef struct
{
  char               magic[8];
  guint32            byte_order;   /* GLS_SNAPSHOT_BYTE_ORDER_MARK as the writer's host stored it */
  guint32            version;      /* GLS_SNAPSHOT_VERSION */
  guint64            checksum_lo;  /* gls_digest from GLS_SNAPSHOT_CHECKED_FROM to the end */
  guint64            checksum_hi;
  GlsSnapshotSection sections[GLS_SNAPSHOT_N_SECTIONS];
} GlsSnapshotHeader;

G_STATIC_ASSERT (sizeof (GlsSnapshotHeader) == 224);

/* Where the checksum starts: the section table. */
#define GLS_SNAPSHOT_CHECKED_FROM G_STRUCT_OFFSET (GlsSnapshotHeader, sections)

/* One stored issue; its path and message bytes follow it. */
typedef struct
{
  guint32 line;
  guint32 severity;
  guint32 in_default;
  guint32 path_len;
  guint32 message_len;
} GlsSnapshotIssue;

G_END_DECLS
