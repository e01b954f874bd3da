/* leak-check.h — make a LeakSanitizer finding fail the test that caused it.
 *
 * Usage: GLS_TEST (suite, name, ...) { ... }  — same arguments as Test.
 *
 * GLS_TEST runs the body in its own function, then, still inside the test,
 * asks LeakSanitizer for a recoverable leak check; a leak fails that test
 * ("LeakSanitizer found leaks", the report on stderr). The body's frame is
 * gone when the check runs, so stale stack pointers in it cannot hide a leak.
 * Without AddressSanitizer GLS_TEST is plain Test.
 *
 * Why not a suite's .fini: on Criterion 2.4.1 (checked with a two-test
 * scratch file, one test leaking, in an ASan build) a .fini hook that
 * abort()s on a leak leaves the leaking test reported "ok" in TAP and
 * "Passing" in the summary, with only a warning that it "crashed during its
 * setup or teardown" and exit status 1; with GLS_TEST the TAP line of the
 * leaking test is "not ok" and the other test stays "ok".
 *
 * GLib 2.74 allocates GString, GArray, GHashTable ... headers from GSlice
 * magazines, which keep them reachable: run with G_SLICE=always-malloc
 * (tests/meson.build sets it) or leaks of those objects stay invisible.
 */
#pragma once

#include <criterion/criterion.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#  define GLS_TEST_HAVE_LSAN 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define GLS_TEST_HAVE_LSAN 1
#  endif
#endif

#ifdef GLS_TEST_HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#define GLS_ASSERT_NO_LEAKS()                                              \
  cr_assert (__lsan_do_recoverable_leak_check () == 0,                     \
             "LeakSanitizer found leaks (report on stderr)")
#else
#define GLS_ASSERT_NO_LEAKS() ((void) 0)
#endif

#define GLS_TEST(suite, name, ...)                                         \
  static void suite##_##name##_gls_body (void);                            \
  Test (suite, name, ##__VA_ARGS__)                                        \
  {                                                                        \
    suite##_##name##_gls_body ();                                          \
    GLS_ASSERT_NO_LEAKS ();                                                \
  }                                                                        \
  static void suite##_##name##_gls_body (void)
