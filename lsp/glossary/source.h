/* source.h — where glossary text comes from.
 *
 * A GlsSource is one glossary file's bytes plus the names it is known by: the
 * path shown to users (file:line in messages, `file` in `dump`) and, when the
 * text exists on disk, a path an editor can open (go-to-definition).
 *
 * Reading them from disk and from the embedded seeds is source_files.h.
 */
#pragma once

#include <glib.h>

#include "glossary/issue.h"

G_BEGIN_DECLS

typedef struct
{
  char    *display_path;  /* as the user gave it, or seeds/<name> for the default */
  char    *disk_path;     /* absolute path of a file with exactly this text, or NULL */
  GBytes  *text;          /* the file's bytes, made valid UTF-8 (invalid bytes become U+FFFD) */
  gboolean is_default;    /* part of the embedded default glossary */
} GlsSource;

void       gls_source_free (GlsSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsSource, gls_source_free)

/* A source from memory (tests, unsaved editor buffers). Takes a ref on text. */
GlsSource *gls_source_new_from_bytes (const char *display_path,
                                      const char *disk_path,
                                      GBytes     *text);

G_END_DECLS
