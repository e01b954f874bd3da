/* store.c — see store.h for the contract. */
#include "text/store.h"

#include <string.h>

struct _GlsDocumentStore
{
  GHashTable *docs;   /* uri (owned by the document) -> GlsDocument (owned) */
};

GlsDocumentStore *
gls_document_store_new (void)
{
  GlsDocumentStore *store = g_new0 (GlsDocumentStore, 1);

  /* The key is the document's own uri string, so it dies with the value. */
  store->docs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) gls_document_unref);
  return store;
}

void
gls_document_store_free (GlsDocumentStore *store)
{
  if (store == NULL)
    return;
  g_hash_table_unref (store->docs);
  g_free (store);
}

GlsDocument *
gls_document_store_open (GlsDocumentStore *store,
                         const char       *uri,
                         const char       *language_id,
                         gint64            version,
                         const char       *text,
                         gssize            len)
{
  g_return_val_if_fail (store != NULL && uri != NULL, NULL);

  GlsDocument *doc = gls_document_new (uri, language_id, version, text, len);

  /* g_hash_table_replace also swaps the key, which the old value owned. */
  g_hash_table_replace (store->docs, (gpointer) gls_document_get_uri (doc), doc);
  return doc;
}

GlsDocument *
gls_document_store_get (GlsDocumentStore *store, const char *uri)
{
  g_return_val_if_fail (store != NULL && uri != NULL, NULL);
  return g_hash_table_lookup (store->docs, uri);
}

gboolean
gls_document_store_close (GlsDocumentStore *store, const char *uri)
{
  g_return_val_if_fail (store != NULL && uri != NULL, FALSE);
  return g_hash_table_remove (store->docs, uri);
}

guint
gls_document_store_size (GlsDocumentStore *store)
{
  return g_hash_table_size (store->docs);
}

static gint
compare_uri (gconstpointer a, gconstpointer b)
{
  const GlsDocument *x = *(GlsDocument *const *) a;
  const GlsDocument *y = *(GlsDocument *const *) b;
  return strcmp (gls_document_get_uri (x), gls_document_get_uri (y));
}

GPtrArray *
gls_document_store_list (GlsDocumentStore *store)
{
  GPtrArray *out = g_ptr_array_new_full (g_hash_table_size (store->docs),
                                         (GDestroyNotify) gls_document_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, store->docs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, gls_document_snapshot (value));
  g_ptr_array_sort (out, compare_uri);
  return out;
}
