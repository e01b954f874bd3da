/* leakcheck.h — make LeakSanitizer findings fail the test that caused them.
 *
 * Criterion 2.4 runs each test in a worker process and ignores what happens
 * after the test body: LeakSanitizer's report at worker exit (and its exit
 * code, even an abort() in a .fini hook) leaves the test "passing" (verified
 * on this platform). GLS_TEST therefore runs the body in its own function and
 * then asks LeakSanitizer for a leak check while the worker is still inside
 * the test; a leak fails the test with the report on stderr.
 *
 * Only meaningful in a -Db_sanitize=address build run with
 * G_SLICE=always-malloc (meson test sets it), otherwise GSlice magazines
 * hide freed-or-leaked blocks; in other builds GLS_TEST is plain Test. The
 * body's frame is gone when the check runs, so stale stack pointers in it
 * cannot hide a leak.
 *
 * Usage: GLS_TEST (suite, name) { ... }  (same optional arguments as Test).
 */
#pragma once

#include <criterion/criterion.h>

#if defined(__SANITIZE_ADDRESS__)
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
