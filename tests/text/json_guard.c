/* Unit tests for text/json_guard.h. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/leak-check.h"
#include "text/json_guard.h"

static gboolean
single (const char *text)
{
  return gls_json_is_single_value (text, strlen (text));
}

/* The shapes json-glib 1.6.6 leaks on: a second value after the first. */
GLS_TEST (json_guard, a_second_top_level_value_is_refused)
{
  cr_expect_not (single ("7 {\"a\":1}"));
  cr_expect_not (single ("{\"a\":1} {\"b\":2}"));
  cr_expect_not (single ("[1] {\"a\":1}"));
  cr_expect_not (single ("\"s\" {}"));
  cr_expect_not (single ("null {}"));
  cr_expect_not (single ("\0037777{\"glossaries\": [\"/dev/zero\"]}"));
}

GLS_TEST (json_guard, one_value_with_white_space_passes)
{
  cr_expect (single ("{\"a\": [1, {\"b\": \"}{]\"}], \"c\": \"\\\"}\"}  \n"));
  cr_expect (single ("  [ ] "));
  cr_expect (single ("42"));
  cr_expect (single ("\"x\\\" {}\""));
  cr_expect (single (""));
  /* Malformed but one value: json-glib reports it, without leaking. */
  cr_expect (single ("{\"a\": 7 {\"b\":1}}"));
  cr_expect (single ("{\"a\": "));
}
