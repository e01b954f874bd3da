/* leak-check.h — make a memory leak fail a Criterion test under LeakSanitizer.
 *
 * Criterion 2.4 reports a test's result before its worker exits, so the leak
 * report LeakSanitizer prints at exit is ignored and the test still passes.
 * Registering gls_test_leak_check as a suite's .fini checks for leaks right
 * after each test and aborts the worker if there are any; Criterion then
 * warns that the test "crashed during its setup or teardown" and exits 1,
 * which meson reports as an error.
 *
 * GLib 2.74 allocates GString, GArray, GHashTable ... headers from GSlice
 * magazines, which keep them reachable: run with G_SLICE=always-malloc or
 * leaks of those objects stay invisible.
 *
 * Without AddressSanitizer the check does nothing.
 */
#pragma once

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

static void
gls_test_leak_check (void)
{
  if (__lsan_do_recoverable_leak_check () != 0)
    abort ();
}
#else
static void
gls_test_leak_check (void)
{
}
#endif
