/* json_guard.h — text that json-glib must not be given.
 *
 * json-glib 1.6.6 (Debian bookworm) leaks the first top-level value of a
 * document that holds a second one after it ("7 {}", "{} {}", "[1] {"):
 * tens of bytes each time, and the text is a client's or a repository's,
 * sent as often as it likes. Every caller that parses such text checks it
 * with gls_json_is_single_value first and refuses it otherwise.
 *
 * Pure, thread-safe, O(len); reads only data[0..len).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* FALSE when data[0..len) holds, after one JSON value (an object, array,
 * string or scalar, brackets balanced outside strings), anything but white
 * space. TRUE otherwise, malformed text included: json-glib reports those. */
gboolean gls_json_is_single_value (const char *data, gsize len);

G_END_DECLS
