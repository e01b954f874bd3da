/* Tests of lsp/cli/lint_fix.h: applying edits, replacing files safely. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/lint_file.h"
#include "cli/lint_fix.h"

#include "common/leak-check.h"
#include "common/tmp-dir.h"

static void
add_edit (GArray *edits, guint32 start, guint32 end, const char *replacement, guint tag)
{
  GlsLintEdit e = { start, end, replacement, tag, GLS_LINT_EDIT_PENDING };
  g_array_append_val (edits, e);
}

static GlsLintEditStatus
status_of (GArray *edits, guint tag)
{
  for (guint i = 0; i < edits->len; i++)
    if (g_array_index (edits, GlsLintEdit, i).tag == tag)
      return g_array_index (edits, GlsLintEdit, i).status;
  cr_assert_fail ("no edit tagged %u", tag);
  return GLS_LINT_EDIT_PENDING;
}

static char *
apply (const char *text, GArray *edits)
{
  gsize len;
  char *out = gls_lint_apply_edits (text, strlen (text), edits, &len);
  cr_assert_eq (strlen (out), len, "the result is NUL-terminated at its length");
  return out;
}

GLS_TEST (lint_fix, several_edits_in_any_order)
{
  const char *text = "Lora and Pytorch, then Lora again";
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 23, 27, "LoRA", 2);
  add_edit (edits, 0, 4, "LoRA", 0);
  add_edit (edits, 9, 16, "PyTorch", 1);
  g_autofree char *out = apply (text, edits);
  cr_expect_str_eq (out, "LoRA and PyTorch, then LoRA again");
  for (guint tag = 0; tag < 3; tag++)
    cr_expect_eq (status_of (edits, tag), GLS_LINT_EDIT_APPLIED, "edit %u", tag);
}

GLS_TEST (lint_fix, edits_change_length)
{
  const char *text = "ab cd ef";
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 0, 2, "xyz", 0);
  add_edit (edits, 3, 5, "", 1);
  add_edit (edits, 6, 8, "Q", 2);
  add_edit (edits, 8, 8, "!", 3); /* an insertion at the very end */
  g_autofree char *out = apply (text, edits);
  cr_expect_str_eq (out, "xyz  Q!");
}

GLS_TEST (lint_fix, adjacent_edits_do_not_conflict)
{
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 2, 4, "CD", 1);
  add_edit (edits, 0, 2, "AB", 0);
  g_autofree char *out = apply ("abcdef", edits);
  cr_expect_str_eq (out, "ABCDef");
  cr_expect_eq (status_of (edits, 0), GLS_LINT_EDIT_APPLIED);
  cr_expect_eq (status_of (edits, 1), GLS_LINT_EDIT_APPLIED);
}

GLS_TEST (lint_fix, overlapping_edits_are_refused)
{
  const char *text = "rotary positon embedding with Lora";
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 0, 24, "rotary position embedding", 0);
  add_edit (edits, 7, 14, "Position", 1);
  add_edit (edits, 30, 34, "LoRA", 2);
  g_autofree char *out = apply (text, edits);
  cr_expect_str_eq (out, "rotary positon embedding with LoRA", "only the edit without conflict applies");
  cr_expect_eq (status_of (edits, 0), GLS_LINT_EDIT_CONFLICT);
  cr_expect_eq (status_of (edits, 1), GLS_LINT_EDIT_CONFLICT);
  cr_expect_eq (status_of (edits, 2), GLS_LINT_EDIT_APPLIED);
}

GLS_TEST (lint_fix, conflicts_are_transitive)
{
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 0, 3, "A", 0);
  add_edit (edits, 2, 5, "B", 1);
  add_edit (edits, 4, 7, "C", 2); /* overlaps only the second one */
  add_edit (edits, 8, 9, "D", 3);
  g_autofree char *out = apply ("0123456789", edits);
  cr_expect_str_eq (out, "01234567D9");
  for (guint tag = 0; tag < 3; tag++)
    cr_expect_eq (status_of (edits, tag), GLS_LINT_EDIT_CONFLICT, "edit %u", tag);
}

GLS_TEST (lint_fix, same_range_different_text_conflicts)
{
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 0, 4, "LoRA", 0);
  add_edit (edits, 0, 4, "LoRa", 1);
  g_autofree char *out = apply ("lora x", edits);
  cr_expect_str_eq (out, "lora x");
  cr_expect_eq (status_of (edits, 0), GLS_LINT_EDIT_CONFLICT);
  cr_expect_eq (status_of (edits, 1), GLS_LINT_EDIT_CONFLICT);
}

GLS_TEST (lint_fix, insertions_at_one_offset_conflict)
{
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 2, 2, "x", 0);
  add_edit (edits, 2, 2, "y", 1);
  g_autofree char *out = apply ("abcd", edits);
  cr_expect_str_eq (out, "abcd");
}

GLS_TEST (lint_fix, identical_edits_apply_once)
{
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 4, 8, "LoRA", 0);
  add_edit (edits, 4, 8, "LoRA", 1);
  g_autofree char *out = apply ("use Lora now", edits);
  cr_expect_str_eq (out, "use LoRA now");
  cr_expect_eq (status_of (edits, 0), GLS_LINT_EDIT_APPLIED);
  cr_expect_eq (status_of (edits, 1), GLS_LINT_EDIT_DUPLICATE);
}

GLS_TEST (lint_fix, edits_outside_the_text_are_refused)
{
  g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
  add_edit (edits, 2, 40, "x", 0);
  add_edit (edits, 5, 3, "y", 1);
  add_edit (edits, 0, 1, "A", 2);
  g_autofree char *out = apply ("abcdef", edits);
  cr_expect_str_eq (out, "Abcdef");
  cr_expect_eq (status_of (edits, 0), GLS_LINT_EDIT_CONFLICT);
  cr_expect_eq (status_of (edits, 1), GLS_LINT_EDIT_CONFLICT);
  cr_expect_eq (status_of (edits, 2), GLS_LINT_EDIT_APPLIED);
}

/* Differential test: random disjoint edits give the same text as applying
 * them one at a time from the end of the text, the obvious reference. */
GLS_TEST (lint_fix, random_disjoint_edits_match_back_to_front_reference)
{
  static const char *const words[] = { "", "x", "LoRA", "PyTorch", "rotary position embedding", "é" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261125);

  for (guint round = 0; round < 300; round++)
    {
      guint len = (guint) g_rand_int_range (rand, 0, 80);
      g_autofree char *text = g_malloc (len + 1);
      for (guint i = 0; i < len; i++)
        text[i] = (char) ('a' + g_rand_int_range (rand, 0, 26));
      text[len] = '\0';

      /* Cut points sorted; consecutive pairs are the edits' ranges. */
      g_autoptr (GArray) edits = g_array_new (FALSE, FALSE, sizeof (GlsLintEdit));
      guint at = 0;
      while (at < len && edits->len < 10)
        {
          guint start = (guint) g_rand_int_range (rand, (gint) at, (gint) len + 1);
          guint end = (guint) g_rand_int_range (rand, (gint) start, (gint) MIN (len, start + 6) + 1);
          if (end == start && start == at && edits->len > 0)
            {
              at++;
              continue; /* an insertion right after an edit would have no agreed order */
            }
          add_edit (edits, start, end, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))], edits->len);
          at = end + 1;
        }

      GString *reference = g_string_new (text);
      for (guint i = edits->len; i-- > 0;)
        {
          const GlsLintEdit *e = &g_array_index (edits, GlsLintEdit, i);
          g_string_erase (reference, e->start, e->end - e->start);
          g_string_insert (reference, e->start, e->replacement);
        }
      /* Shuffle: the input order must not matter. */
      for (guint i = edits->len; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint) i);
          GlsLintEdit tmp = g_array_index (edits, GlsLintEdit, i - 1);
          g_array_index (edits, GlsLintEdit, i - 1) = g_array_index (edits, GlsLintEdit, j);
          g_array_index (edits, GlsLintEdit, j) = tmp;
        }
      g_autofree char *out = apply (text, edits);
      cr_assert_str_eq (out, reference->str, "round %u, text %s", round, text);
      g_string_free (reference, TRUE);
    }
}

/* ---- replacing files ---------------------------------------------------- */

GLS_TEST (lint_fix, replace_keeps_mode_and_leaves_no_temporary)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *path = gls_tmp_write (dir, "doc.md", "We use Lora.\n");
  g_autoptr (GError) error = NULL;
  cr_assert_eq (g_chmod (path, 0640), 0);
  g_autoptr (GlsLintFile) file = gls_lint_file_load ("doc.md", path, &error);
  cr_assert_not_null (file);
  GStatBuf before;
  cr_assert_eq (g_stat (path, &before), 0);

  cr_assert (gls_lint_replace_file (path, &file->stamp, "We use LoRA.\n", 13, &error),
             "%s", error != NULL ? error->message : "");
  g_autofree char *now = gls_tmp_read (path);
  cr_expect_str_eq (now, "We use LoRA.\n");
  GStatBuf after;
  cr_assert_eq (g_stat (path, &after), 0);
  cr_expect_eq (after.st_mode & 07777, 0640);
  cr_expect_neq (after.st_ino, before.st_ino, "a new inode: written aside, then renamed");
  cr_expect_eq (gls_tmp_count_entries (dir), 1, "no temporary file left");
  gls_tmp_remove (dir);
}

GLS_TEST (lint_fix, replace_follows_a_symlink)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *target = gls_tmp_write (dir, "real.md", "Lora\n");
  g_autofree char *link = g_build_filename (dir, "link.md", NULL);
  cr_assert_eq (symlink ("real.md", link), 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsLintFile) file = gls_lint_file_load ("link.md", link, &error);
  cr_assert_not_null (file);

  cr_assert (gls_lint_replace_file (link, &file->stamp, "LoRA\n", 5, &error), "%s",
             error != NULL ? error->message : "");
  GStatBuf st;
  cr_assert_eq (g_lstat (link, &st), 0);
  cr_expect (S_ISLNK (st.st_mode), "the link stays a link");
  g_autofree char *now = gls_tmp_read (target);
  cr_expect_str_eq (now, "LoRA\n");
  gls_tmp_remove (dir);
}

GLS_TEST (lint_fix, a_file_changed_since_it_was_read_is_not_overwritten)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *path = gls_tmp_write (dir, "doc.md", "Lora\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsLintFile) file = gls_lint_file_load ("doc.md", path, &error);
  cr_assert_not_null (file);
  g_free (gls_tmp_write (dir, "doc.md", "someone else's edit, Lora\n"));

  cr_expect_not (gls_lint_replace_file (path, &file->stamp, "LoRA\n", 5, &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG));
  g_autofree char *now = gls_tmp_read (path);
  cr_expect_str_eq (now, "someone else's edit, Lora\n");
  cr_expect_eq (gls_tmp_count_entries (dir), 1);
  gls_tmp_remove (dir);
}

/* A real write failure (the file size limit), not a simulated one: the
 * original must survive whole and the temporary file must be gone. Criterion
 * runs each test in its own process, so the limit does not leak. */
GLS_TEST (lint_fix, a_failed_write_leaves_the_original_intact)
{
  g_autofree char *dir = gls_tmp_dir ();
  const char *original = "short Lora\n";
  g_autofree char *path = gls_tmp_write (dir, "doc.md", original);
  g_autoptr (GError) error = NULL;
  g_autoptr (GlsLintFile) file = gls_lint_file_load ("doc.md", path, &error);
  cr_assert_not_null (file);

  gsize big_len = 1 << 16;
  g_autofree char *big = g_malloc (big_len);
  memset (big, 'x', big_len);
  struct rlimit old, small = { 4096, 4096 };
  cr_assert_eq (getrlimit (RLIMIT_FSIZE, &old), 0);
  signal (SIGXFSZ, SIG_IGN);
  cr_assert_eq (setrlimit (RLIMIT_FSIZE, &small), 0);
  gboolean ok = gls_lint_replace_file (path, &file->stamp, big, big_len, &error);
  small.rlim_cur = old.rlim_cur;
  setrlimit (RLIMIT_FSIZE, &small);

  cr_expect_not (ok);
  cr_expect_not_null (error);
  g_autofree char *now = gls_tmp_read (path);
  cr_expect_str_eq (now, original);
  cr_expect_eq (gls_tmp_count_entries (dir), 1, "the temporary file was removed");
  gls_tmp_remove (dir);
}

GLS_TEST (lint_fix, a_vanished_file_is_an_error)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "gone.md", NULL);
  g_autoptr (GError) error = NULL;
  cr_expect_not (gls_lint_replace_file (path, NULL, "x", 1, &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  cr_expect_eq (gls_tmp_count_entries (dir), 0);
  gls_tmp_remove (dir);
}

GLS_TEST (lint_fix, replace_refuses_hard_linked_and_read_only_files)
{
  g_autofree char *dir = gls_tmp_dir ();
  g_autofree char *linked = gls_tmp_write (dir, "linked.md", "Lora\n");
  g_autofree char *other = g_build_filename (dir, "other.md", NULL);
  cr_assert_eq (link (linked, other), 0);
  g_autofree char *readonly = gls_tmp_write (dir, "readonly.md", "Lora\n");
  cr_assert_eq (g_chmod (readonly, 0444), 0);

  g_autoptr (GError) error = NULL;
  g_autoptr (GlsLintFile) a = gls_lint_file_load ("linked.md", linked, &error);
  cr_expect (!gls_lint_replace_file (linked, &a->stamp, "LoRA\n", 5, &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED), "%s", error ? error->message : "");
  cr_expect (error != NULL && strstr (error->message, "2 hard links") != NULL);
  g_clear_error (&error);
  g_autoptr (GlsLintFile) b = gls_lint_file_load ("readonly.md", readonly, &error);
  cr_expect (!gls_lint_replace_file (readonly, &b->stamp, "LoRA\n", 5, &error));
  cr_expect (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED), "%s", error ? error->message : "");

  g_autofree char *other_now = gls_tmp_read (other);
  g_autofree char *readonly_now = gls_tmp_read (readonly);
  cr_expect_str_eq (other_now, "Lora\n");
  cr_expect_str_eq (readonly_now, "Lora\n");
  cr_expect_eq (gls_tmp_count_entries (dir), 3, "no temporary file left");
  cr_assert_eq (g_chmod (readonly, 0644), 0);
  gls_tmp_remove (dir);
}
