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

#include "glossary/format.h"
#include "glossary/issue.h"

G_BEGIN_DECLS

typedef struct
{
  char     *display_path;  /* as the user gave it, or seeds/<name> for the default */
  char     *disk_path;     /* absolute path of a file with exactly this text, or NULL */
  GBytes   *text;          /* the file's bytes, made valid UTF-8 (invalid bytes become U+FFFD),
                            * then for other formats any derived text (format.h), and
                            * for a Vale vocabulary the words its regular
                            * expressions expand to (gls_vocab_derived) */
  gboolean  is_default;    /* part of the embedded default glossary */
  GlsFormat format;        /* how the file reads (format.h): detected, or as configured */
  gsize     file_len;      /* the file's bytes: text[0..file_len) */
  /* (nullable) (owned) For formats of format.h: what reading the file when the
   * source was made gave (GlsEntry, GlsName with source and indexes as for a
   * file read alone, GlsIssue*), so the glossary build need not read it
   * again; dropped by the build (gls_source_drop_parse). */
  GArray   *parsed_entries;
  GArray   *parsed_names;
  GPtrArray *parsed_issues;
  GArray   *parsed_preferences;  /* GlsPreference (deprecated names), source 0 */
} GlsSource;

void       gls_source_free (GlsSource *source);
/* Frees the parse kept from the source's creation (see parsed_entries). */
void       gls_source_drop_parse (GlsSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsSource, gls_source_free)

/* A source from memory (tests, unsaved editor buffers), its format detected
 * from display_path and text (gls_format_detect). Takes a ref on text. */
GlsSource *gls_source_new_from_bytes (const char *display_path,
                                      const char *disk_path,
                                      GBytes     *text);
/* The same in format (GLS_FORMAT_AUTO: detected). A file in another format
 * than the seed layout is read once here (format.h) so that text holds its
 * derived text from the start: slices, positions and the glossary cache's
 * key then agree whether the glossary is built or read from the cache. */
GlsSource *gls_source_new_in_format (const char *display_path,
                                     const char *disk_path,
                                     GBytes     *text,
                                     GlsFormat   format);

G_END_DECLS
