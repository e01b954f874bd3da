/* seed_texts.h — the benchmarks' raw material: the text of every seed file of
 * the source tree (GLS_SOURCE_SEEDS_DIR, gls-config.h), sorted, so generated
 * documents are the same on every run. Header-only; each benchmark is one
 * translation unit. */
#pragma once

#include <glib.h>

/* char* texts, owned by the array; fallback (copied) when no seed is found. */
static inline GPtrArray *
bench_seed_texts (const char *fallback)
{
  g_autoptr (GDir) dir = g_dir_open (GLS_SOURCE_SEEDS_DIR, 0, NULL);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (GLS_SOURCE_SEEDS_DIR, name, NULL);
      char *text = NULL;
      if (g_file_get_contents (path, &text, NULL, NULL))
        g_ptr_array_add (texts, text);
    }
  g_ptr_array_sort (texts, (GCompareFunc) g_strcmp0);
  if (texts->len == 0)
    g_ptr_array_add (texts, g_strdup (fallback));
  return texts;
}
