/* capabilities.h — assembling ServerCapabilities from independent entries.
 *
 * Feature modules each contribute the part of the initialize result's
 * "capabilities" object they implement, addressed by a dot-separated path:
 *   "hoverProvider"                      -> true
 *   "completionProvider"                 -> {triggerCharacters: [...]}
 *   "workspace.workspaceFolders"         -> {supported: true}
 *   "workspace.fileOperations.didRename" -> {...}
 * Intermediate objects ("workspace") are created as needed and shared, so
 * two features can fill different members of one object without knowing
 * each other. Setting a path that is already set, or one that would have to
 * pass through (or replace) a value that is not an intermediate object, is
 * refused with G_IO_ERROR_EXISTS and leaves the tree unchanged.
 *
 * gls_capabilities_build() returns the JSON object as an a{sv} GVariant in
 * json-glib's mapping, members in insertion order (stable output).
 *
 * Ownership: values are GVariants in the JSON mapping; floating ones are
 * consumed, others referenced. Not thread-safe. set is O(depth x siblings),
 * build O(entries).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GlsCapabilities GlsCapabilities;

GlsCapabilities *gls_capabilities_new   (void);
void             gls_capabilities_free  (GlsCapabilities  *caps);

gboolean         gls_capabilities_set   (GlsCapabilities  *caps,
                                         const char       *path,
                                         GVariant         *value,
                                         GError          **error);
gboolean         gls_capabilities_has   (GlsCapabilities  *caps,
                                         const char       *path);

/* A new, non-floating a{sv}. */
GVariant        *gls_capabilities_build (GlsCapabilities  *caps);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlsCapabilities, gls_capabilities_free)

G_END_DECLS
