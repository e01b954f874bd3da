/* scanner.c — the external scanner of the glossary grammar (hand-written).
 *
 * Every line-level decision of the glossary format is made here, at the start
 * of a line and with lookahead; grammar.js only arranges the tokens into a
 * tree, so tuning a rule never changes the parse tables in parser.c.
 *
 * Header rule. A line outside a code fence and a math block is a header when
 *   1. it starts with an ASCII lowercase letter or digit and every character is
 *      a letter (Unicode categories L and M), a digit, a space or one of
 *      , - ' / & + . ( )
 *   2. it is not an ordered-list item (^[0-9]+[.)] ), its last non-space
 *      character is none of . : ! ? , no item is empty, and the first item
 *      (the headword) contains a letter (so "3,983 technical terms" is not one);
 *   3. it contains a comma, or the next non-empty line starts with "**".
 * Inside a fence or a math block a line is a header (ending the block, which
 * stays unterminated) only when 1-2 hold, it has a comma and the next non-empty
 * line starts with "**". "Non-empty" means at least one character: a line of
 * spaces counts as a line, so the lookahead never has to step back over one.
 * A header's last item is a `category` iff the header has exactly two items,
 * or three or more whose first two are equal ignoring ASCII case.
 *
 * Blocks. A fence opens on up to 3 spaces and 3+ backticks or tildes (a
 * backtick fence's info string holds no backtick). Inside it, a fence line of
 * the same character at least as long opens a nested level when it carries an
 * info string and closes one when bare; the block ends when the depth returns
 * to zero. A math block is a `$$` line up to the next `$$` line.
 * Preamble: only when the first line starts with U+2190; it runs until the
 * first header, one token per line. Any other text before the first header is
 * one `stray` token. Blank lines outside bodies (leading ones, those of the
 * preamble) go into hidden line-end tokens, since there are no extras.
 *
 * Tokens. A run of ordinary lines is ONE token (text, stray, code_content,
 * math_content) ending before the next line that must start a token of its
 * own, so the tree holds a few nodes per entry. Body tokens include their line
 * terminators and blank lines. A header is one token per item: separators and
 * the line end are skipped as padding (every token costs an allocation, and
 * a glossary may hold 100k headers); the headword has a token type of its own
 * (shown as `term`), which tells a new header from one more item.
 *
 * State: phase, fence character and length, the header's remaining item count
 * and category flag: 12 serialized bytes, enough to resume anywhere, so
 * incremental reparsing is exact. No allocation happens while scanning.
 * Robustness: every loop checks eof() before reading; "\r\n" is a line end;
 * a lone '\r', NUL and invalid UTF-8 (lookahead -1) are ordinary text.
 * Complexity: linear. A header line is classified once, by the token that
 * stops before it (the verdict is kept in the state: that token's lookahead
 * covers the line, so an edit there re-lexes it), then read again item by item.
 */
#include <tree_sitter/parser.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The order of grammar.js `externals`. */
enum TokenType
{
  PREAMBLE_LINE,
  STRAY,
  HEADWORD,
  TERM,
  CATEGORY,
  LINE_END,
  TEXT,
  FENCE_OPEN,
  FENCE_CLOSE,
  INFO_STRING,
  CODE_CONTENT,
  MATH_OPEN,
  MATH_CLOSE,
  MATH_CONTENT,
  ERROR_SENTINEL,
};

typedef enum
{
  PHASE_LINE_START, /* at a line start outside any block */
  PHASE_HEADER,     /* inside a header line, after an item */
  PHASE_FENCE_INFO, /* after an opening fence: info string, then line end */
  PHASE_LINE_TAIL,  /* only the line end is left; then `tail_next` */
  PHASE_IN_FENCE,   /* at a line start inside a code block */
  PHASE_IN_MATH,    /* at a line start inside a math block */
  PHASE_PREAMBLE_TAIL, /* the line end of a preamble line, with the blank
                        * lines after it */
  PHASE_KNOWN_HEADER,  /* at the start of a line that the previous token
                        * found to be a header (items_left, category set) */
} Phase;

typedef struct
{
  uint8_t  phase;
  uint8_t  tail_next;
  uint8_t  fence_char;
  uint8_t  last_is_category;
  uint32_t fence_len;
  uint32_t items_left;      /* header items still to emit */
} Scanner;

#define SERIALIZED_SIZE 12

/* What one physical line is, as far as the format cares. */
typedef struct
{
  bool     empty;           /* no character before the line terminator */
  bool     blank;           /* only spaces and tabs (or empty) */
  bool     header_shape;    /* rules 1-2 of the header rule hold */
  bool     has_comma;
  uint32_t items;           /* number of header items, when header_shape */
  bool     first_two_equal; /* items 1 and 2 equal ignoring ASCII case */
  uint8_t  fence_char;      /* '`' or '~' when this is a fence line, else 0 */
  uint32_t fence_len;
  bool     fence_info;      /* the fence line carries an info string */
  bool     math;            /* the line is `$$` alone */
} LineInfo;

/* Where scan_line() calls mark_end(). The token boundary must be marked while
 * the lexer passes it, before the lookahead that decides which token it is. */
typedef enum
{
  MARK_NONE,     /* the caller marks line starts itself */
  MARK_LEAD,     /* where the line's own first token would end: after the
                  * headword, after a fence run, after `$$` */
  MARK_PREAMBLE, /* after the headword, or after the last non-space
                  * character once the line cannot be a header */
} MarkPolicy;

typedef enum { BLOCK_NONE, BLOCK_FENCE, BLOCK_MATH } BlockKind;

/* The block a multi-line token is inside of, with its nesting depth. */
typedef struct
{
  BlockKind kind;
  uint8_t   ch;
  uint32_t  len;
  uint32_t  depth;
} Block;

/* Which multi-line token is being scanned: it decides which lines end it. */
typedef enum { CTX_TEXT, CTX_STRAY, CTX_CODE, CTX_MATH } Context;

typedef enum { LINE_CONTENT, LINE_STOP, LINE_PEEK } Verdict;

typedef enum { PEEK_BOLD, PEEK_LINE_START, PEEK_MID_LINE } Peek;

static bool is_letter_above_ascii (int32_t c);

static inline bool
is_letter (int32_t c)
{
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return is_letter_above_ascii (c);
}

/* ---- lexer helpers ------------------------------------------------------ */

/* The lexer reads NUL at the end: only then is eof() (an indirect call, on
 * every character otherwise) worth asking. */
static inline bool
at_eof (TSLexer *lx)
{
  return lx->lookahead == 0 && lx->eof (lx);
}

static inline void
advance (TSLexer *lx)
{
  lx->advance (lx, false);
}

static inline void
skip (TSLexer *lx)
{
  lx->advance (lx, true);
}

/* Characters a token never ends on: trailing blanks and the '\r' of "\r\n". */
static inline bool
is_spacey (int32_t c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

static inline bool
is_digit (int32_t c)
{
  return c >= '0' && c <= '9';
}

static inline bool
is_lower (int32_t c)
{
  return c >= 'a' && c <= 'z';
}

/* Stops before the '\n' (or at EOF). */
static void
skip_to_eol (TSLexer *lx)
{
  while (!at_eof (lx) && lx->lookahead != '\n')
    advance (lx);
}

static void
consume_newline (TSLexer *lx)
{
  if (!at_eof (lx) && lx->lookahead == '\n')
    advance (lx);
}

/* ---- header shape, fed one character at a time --------------------------- */

enum { ORD_DIGITS, ORD_DELIM, ORD_NO };

#define FNV_OFFSET UINT64_C (0xcbf29ce484222325)
#define FNV_PRIME  UINT64_C (0x100000001b3)

typedef struct
{
  bool     ok;              /* still possibly header-shaped */
  bool     comma;
  uint8_t  ordered;         /* progress through ^[0-9]+[.)] */
  uint32_t items;           /* completed items */
  bool     item_content;    /* current item has a non-space character */
  bool     item_letter;
  uint32_t pending_spaces;  /* inner spaces, hashed only if more follows */
  uint64_t hash;            /* of the current item, ASCII-lowercased */
  uint32_t len;
  uint64_t first_hash;
  uint32_t first_len;
  bool     first_two_equal;
  int32_t  last;            /* last non-space character */
} HeaderScan;

static void
header_reset_item (HeaderScan *hs)
{
  hs->item_content = false;
  hs->item_letter = false;
  hs->pending_spaces = 0;
  hs->hash = FNV_OFFSET;
  hs->len = 0;
}

static void
header_init (HeaderScan *hs, bool candidate)
{
  memset (hs, 0, sizeof *hs);
  hs->ok = candidate;
  hs->ordered = ORD_DIGITS;
  header_reset_item (hs);
}

static inline void
header_hash (HeaderScan *hs, int32_t c)
{
  hs->hash = (hs->hash ^ (uint32_t) c) * FNV_PRIME;
  hs->len++;
}

static void
header_close_item (HeaderScan *hs)
{
  if (!hs->item_content || (hs->items == 0 && !hs->item_letter))
    {
      hs->ok = false;
      return;
    }
  if (hs->items == 0)
    {
      hs->first_hash = hs->hash;
      hs->first_len = hs->len;
    }
  else if (hs->items == 1)
    hs->first_two_equal = hs->len == hs->first_len && hs->hash == hs->first_hash;
  hs->items++;
  header_reset_item (hs);
}

static bool
is_header_char (int32_t c)
{
  if (c >= 0x80)
    return is_letter (c);
  if (is_lower (c) || is_digit (c) || (c >= 'A' && c <= 'Z'))
    return true;
  switch (c)
    {
    case ' ': case ',': case '-': case '\'': case '/': case '&': case '+':
    case '.': case '(': case ')':
      return true;
    default:
      return false;
    }
}

static void
header_feed (HeaderScan *hs, int32_t c)
{
  if (!hs->ok)
    return;
  if (hs->ordered == ORD_DIGITS)
    hs->ordered = is_digit (c) ? ORD_DIGITS
                  : (c == '.' || c == ')') ? ORD_DELIM : ORD_NO;
  else if (hs->ordered == ORD_DELIM)
    {
      if (c == ' ')
        {
          hs->ok = false; /* "2. Update plasma transport (density, ...)" */
          return;
        }
      hs->ordered = ORD_NO;
    }
  if (!is_header_char (c))
    {
      hs->ok = false;
      return;
    }
  if (c == ',')
    {
      hs->comma = true;
      hs->last = c;
      header_close_item (hs);
      return;
    }
  if (c == ' ')
    {
      if (hs->item_content)
        hs->pending_spaces++;
      return;
    }
  for (; hs->pending_spaces > 0; hs->pending_spaces--)
    header_hash (hs, ' ');
  header_hash (hs, (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c);
  hs->item_content = true;
  if (is_letter (c))
    hs->item_letter = true;
  hs->last = c;
}

static bool
header_finish (HeaderScan *hs)
{
  if (!hs->ok)
    return false;
  header_close_item (hs);
  if (!hs->ok)
    return false;
  switch (hs->last)
    {
    case '.': case ':': case '!': case '?': case ',':
      return false;
    default:
      return true;
    }
}

/* ---- one line ------------------------------------------------------------ */

/* Fence and math lines are recognised from their first characters. */
typedef enum
{
  LEAD_INDENT,
  LEAD_FENCE,
  LEAD_FENCE_REST,
  LEAD_MATH,
  LEAD_MATH_REST,
  LEAD_NONE,
} Lead;

/* The state of a line's lead (indent, then a fence or math run) while its
 * characters are read. */
typedef struct
{
  Lead     lead;
  uint32_t run;     /* length of the fence or math run so far */
  uint32_t indent;  /* spaces of indent so far (at most 3 keep a fence) */
} LeadScan;

/* Feeds one character of the line to the lead recogniser; TRUE if it
 * belongs to the fence or math run (the token may end after it). */
static bool
lead_feed (LeadScan *ls, LineInfo *li, int32_t c)
{
  switch (ls->lead)
    {
    case LEAD_INDENT:
      if (c == ' ' && ls->indent < 3)
        ls->indent++;
      else if (c == '`' || c == '~' || c == '$')
        {
          li->fence_char = (uint8_t) c;
          ls->run = 1;
          ls->lead = c == '$' ? LEAD_MATH : LEAD_FENCE;
          return true;
        }
      else
        ls->lead = LEAD_NONE;
      return false;
    case LEAD_FENCE:
      if (c == li->fence_char)
        {
          ls->run++;
          return true;
        }
      if (ls->run < 3)
        {
          ls->lead = LEAD_NONE;
          return false;
        }
      /* c is the first character after the run: the info string's. */
      ls->lead = LEAD_FENCE_REST;
      /* fall through */
    case LEAD_FENCE_REST:
      if (c == ' ' || c == '\t')
        return false;
      if (li->fence_char == '`' && c == '`')
        ls->lead = LEAD_NONE; /* inline code such as ```x```, not a fence */
      else
        li->fence_info = true;
      return false;
    case LEAD_MATH:
      if (c == '$' && ls->run < 2)
        {
          ls->run++;
          return true;
        }
      ls->lead = (ls->run == 2 && (c == ' ' || c == '\t')) ? LEAD_MATH_REST : LEAD_NONE;
      return false;
    case LEAD_MATH_REST:
      if (c != ' ' && c != '\t')
        ls->lead = LEAD_NONE;
      return false;
    case LEAD_NONE:
      return false;
    }
  return false;
}

/* At the line's end: a math line, a fence (its run length), or neither. */
static void
lead_finish (const LeadScan *ls, LineInfo *li)
{
  if (li->fence_char == '$')
    {
      li->math = (ls->lead == LEAD_MATH && ls->run == 2) || ls->lead == LEAD_MATH_REST;
      li->fence_char = 0;
    }
  else if ((ls->lead == LEAD_FENCE && ls->run >= 3) || ls->lead == LEAD_FENCE_REST)
    li->fence_len = ls->run;
  else
    {
      li->fence_char = 0;
      li->fence_info = false;
    }
}

/* Reads one line up to its terminator ('\n' left unread, the '\r' of "\r\n"
 * consumed) and classifies it. `indent` spaces of the line were consumed
 * already by the caller. */
static void
scan_line (TSLexer *lx, LineInfo *li, uint32_t indent, MarkPolicy policy)
{
  HeaderScan hs;
  LeadScan ls = { indent <= 3 ? LEAD_INDENT : LEAD_NONE, 0, indent };
  bool first = true;
  bool candidate = false;

  memset (li, 0, sizeof *li);
  li->empty = true;
  li->blank = true;
  header_init (&hs, false);

  while (!at_eof (lx))
    {
      int32_t c = lx->lookahead;
      if (c == '\n')
        break;
      advance (lx);
      if (c == '\r' && !at_eof (lx) && lx->lookahead == '\n')
        break;
      li->empty = false;
      if (c != ' ' && c != '\t')
        li->blank = false;
      if (first)
        {
          first = false;
          candidate = indent == 0 && (is_lower (c) || is_digit (c));
          header_init (&hs, candidate);
        }
      header_feed (&hs, c);
      bool lead_mark = lead_feed (&ls, li, c);

      bool spacey = is_spacey (c);
      bool headword_mark = !spacey && (!hs.comma || !hs.ok);
      switch (policy)
        {
        case MARK_NONE:
          break;
        case MARK_LEAD:
          if (candidate ? headword_mark : lead_mark)
            lx->mark_end (lx);
          break;
        case MARK_PREAMBLE:
          if (candidate ? headword_mark : !spacey)
            lx->mark_end (lx);
          break;
        }

      if (!hs.ok && ls.lead == LEAD_NONE && !li->blank && policy != MARK_PREAMBLE)
        {
          skip_to_eol (lx); /* nothing left to learn from this line */
          break;
        }
    }

  bool shape_was_ok = hs.ok;
  if (candidate)
    {
      li->header_shape = header_finish (&hs);
      li->has_comma = hs.comma;
      li->items = hs.items;
      li->first_two_equal = hs.first_two_equal;
    }
  /* A preamble line like "x, y." is known not to be a header only here, past
   * its end: its token then keeps any trailing blanks (the only case). */
  if (policy == MARK_PREAMBLE && shape_was_ok && hs.comma && !li->header_shape)
    lx->mark_end (lx);
  lead_finish (&ls, li);
}

/* After a header-shaped line that needs the lookahead, at its terminator:
 * skips empty lines and looks at the next line's first two characters. */
static Peek
peek_bold (TSLexer *lx)
{
  consume_newline (lx);
  for (;;)
    {
      if (at_eof (lx))
        return PEEK_LINE_START;
      int32_t c = lx->lookahead;
      if (c == '\n')
        {
          advance (lx);
          continue;
        }
      if (c == '\r')
        {
          advance (lx);
          if (!at_eof (lx) && lx->lookahead == '\n')
            {
              advance (lx);
              continue;
            }
          return PEEK_MID_LINE;
        }
      if (c != '*')
        return PEEK_LINE_START;
      advance (lx);
      return !at_eof (lx) && lx->lookahead == '*' ? PEEK_BOLD : PEEK_MID_LINE;
    }
}

/* TRUE: the line just scanned is a header. FALSE: it is plain content and the
 * lexer stands at the start of a later line; every line passed on the way is
 * plain content too (a line starting with '*' or '\r' cannot start a token). */
static bool
peek_is_header (TSLexer *lx)
{
  Peek p = peek_bold (lx);
  if (p == PEEK_BOLD)
    return true;
  if (p == PEEK_MID_LINE)
    {
      skip_to_eol (lx);
      consume_newline (lx);
    }
  return false;
}

/* Whether a scanned line ends the multi-line token of `ctx`; content lines
 * update the block they open, nest or close. */
static Verdict
judge_line (const LineInfo *li, Block *blk, Context ctx)
{
  if (blk->kind == BLOCK_NONE)
    {
      if (li->header_shape)
        return li->has_comma ? LINE_STOP : LINE_PEEK;
      if (li->fence_char != 0)
        {
          if (ctx == CTX_TEXT)
            return LINE_STOP;
          *blk = (Block) { BLOCK_FENCE, li->fence_char, li->fence_len, 1 };
        }
      else if (li->math)
        {
          if (ctx == CTX_TEXT)
            return LINE_STOP;
          *blk = (Block) { BLOCK_MATH, 0, 0, 1 };
        }
      return LINE_CONTENT;
    }
  if (li->header_shape && li->has_comma)
    return LINE_PEEK;
  if (blk->kind == BLOCK_MATH)
    {
      if (li->math)
        {
          if (ctx == CTX_MATH)
            return LINE_STOP;
          blk->kind = BLOCK_NONE;
        }
      return LINE_CONTENT;
    }
  if (li->fence_char == blk->ch && li->fence_len >= blk->len)
    {
      if (li->fence_info)
        blk->depth++;
      else if (blk->depth > 1)
        blk->depth--;
      else if (ctx == CTX_CODE)
        return LINE_STOP;
      else
        blk->kind = BLOCK_NONE;
    }
  return LINE_CONTENT;
}

/* Extends a multi-line token line by line, from a line start, up to the first
 * line that must start a token of its own (or EOF), and marks its end.
 * Returns TRUE when that line is a header, described by *stop. */
static bool
run_lines (TSLexer *lx, Block *blk, Context ctx, LineInfo *stop)
{
  for (;;)
    {
      lx->mark_end (lx);
      if (at_eof (lx))
        return false;
      scan_line (lx, stop, 0, MARK_NONE);
      switch (judge_line (stop, blk, ctx))
        {
        case LINE_STOP:
          return stop->header_shape;
        case LINE_PEEK:
          if (peek_is_header (lx))
            return true;
          break;
        case LINE_CONTENT:
          consume_newline (lx);
          break;
        }
    }
}

/* ---- tokens ---------------------------------------------------------------- */

static bool
bail (Scanner *s)
{
  /* Only reachable on a state that does not fit the text (error recovery):
   * restart from a line start rather than loop. */
  s->phase = PHASE_LINE_START;
  return false;
}

static bool
emit (TSLexer *lx, enum TokenType sym)
{
  lx->result_symbol = sym;
  return true;
}

static void
set_header (Scanner *s, const LineInfo *li, Phase phase)
{
  s->phase = (uint8_t) phase;
  s->items_left = li->items - 1;
  s->last_is_category =
    li->items == 2 || (li->items >= 3 && li->first_two_equal);
  s->fence_char = 0;
  s->fence_len = 0;
}

/* The headword of the line just scanned, whose end scan_line() marked. */
static bool
emit_headword (Scanner *s, TSLexer *lx, const LineInfo *li, const bool *valid)
{
  if (!valid[HEADWORD])
    return bail (s);
  set_header (s, li, PHASE_HEADER);
  return emit (lx, HEADWORD);
}

/* A multi-line token that ended before a header leaves its verdict behind. */
static bool
emit_run (Scanner *s, TSLexer *lx, bool header_next, const LineInfo *li,
          enum TokenType sym)
{
  if (header_next)
    set_header (s, li, PHASE_KNOWN_HEADER);
  return emit (lx, sym);
}

/* PHASE_KNOWN_HEADER: only the headword needs reading. */
static bool
scan_known_headword (Scanner *s, TSLexer *lx, const bool *valid)
{
  if (!valid[HEADWORD])
    return bail (s);
  while (!at_eof (lx) && lx->lookahead != ',' && lx->lookahead != '\n')
    {
      bool spacey = is_spacey (lx->lookahead);
      advance (lx);
      if (!spacey)
        lx->mark_end (lx);
    }
  s->phase = PHASE_HEADER;
  return emit (lx, HEADWORD);
}

/* Consumes the blank lines ahead (spaces and tabs only), marking the end of
 * each: the lexer may stop inside the first non-blank line. */
static void
absorb_blank_lines (TSLexer *lx)
{
  for (;;)
    {
      lx->mark_end (lx);
      while (!at_eof (lx) && (lx->lookahead == ' ' || lx->lookahead == '\t'))
        advance (lx);
      if (!at_eof (lx) && lx->lookahead == '\r')
        {
          advance (lx);
          if (at_eof (lx) || lx->lookahead != '\n')
            return; /* a lone '\r' is text */
        }
      if (at_eof (lx))
        {
          lx->mark_end (lx);
          return;
        }
      if (lx->lookahead != '\n')
        return;
      advance (lx);
    }
}

/* Trailing blanks and the line terminator; zero-width at EOF. Outside a body
 * nothing else may hold blank lines (extras are empty), so `absorb` takes
 * the blank lines that follow too. */
static bool
finish_line (Scanner *s, TSLexer *lx, const bool *valid, Phase next,
             bool absorb)
{
  if (!valid[LINE_END])
    return bail (s);
  while (!at_eof (lx) && is_spacey (lx->lookahead))
    advance (lx);
  consume_newline (lx);
  if (absorb)
    absorb_blank_lines (lx);
  else
    lx->mark_end (lx);
  s->phase = (uint8_t) next;
  return emit (lx, LINE_END);
}

static bool scan_line_start (Scanner *s, TSLexer *lx, const bool *valid);

/* After a header item: the next item, or the end of the line, which is
 * padding of whatever token follows it. */
static bool
scan_header_part (Scanner *s, TSLexer *lx, const bool *valid)
{
  if (s->items_left == 0)
    {
      while (!at_eof (lx) && is_spacey (lx->lookahead))
        skip (lx);
      if (!at_eof (lx) && lx->lookahead == '\n')
        skip (lx);
      s->phase = PHASE_LINE_START;
      if (at_eof (lx))
        {
          /* Zero-width: something must follow the skipped padding. */
          if (!valid[LINE_END])
            return false;
          lx->mark_end (lx);
          return emit (lx, LINE_END);
        }
      return scan_line_start (s, lx, valid);
    }

  while (!at_eof (lx) && lx->lookahead == ' ')
    skip (lx);
  if (at_eof (lx) || lx->lookahead != ',')
    return bail (s);
  skip (lx);
  while (!at_eof (lx) && lx->lookahead == ' ')
    skip (lx);

  enum TokenType sym =
    s->items_left == 1 && s->last_is_category ? CATEGORY : TERM;
  if (!valid[sym])
    return bail (s);
  bool any = false;
  while (!at_eof (lx) && lx->lookahead != ',' && lx->lookahead != '\n')
    {
      bool spacey = is_spacey (lx->lookahead);
      advance (lx);
      if (!spacey)
        {
          lx->mark_end (lx);
          any = true;
        }
    }
  if (!any)
    return bail (s);
  s->items_left--;
  return emit (lx, sym);
}

static bool
scan_fence_info (Scanner *s, TSLexer *lx, const bool *valid)
{
  while (!at_eof (lx) && is_spacey (lx->lookahead))
    skip (lx);
  if (at_eof (lx) || lx->lookahead == '\n')
    return finish_line (s, lx, valid, PHASE_IN_FENCE, false);
  if (!valid[INFO_STRING])
    return bail (s);
  while (!at_eof (lx) && lx->lookahead != '\n')
    {
      bool spacey = is_spacey (lx->lookahead);
      advance (lx);
      if (!spacey)
        lx->mark_end (lx);
    }
  return emit (lx, INFO_STRING);
}

/* A line start inside a code or math block: the closing line, a header that
 * cuts the block short, or the block's content. */
static bool
scan_block_line (Scanner *s, TSLexer *lx, const bool *valid)
{
  bool math = s->phase == PHASE_IN_MATH;
  Context ctx = math ? CTX_MATH : CTX_CODE;
  Block blk = math ? (Block) { BLOCK_MATH, 0, 0, 1 }
                   : (Block) { BLOCK_FENCE, s->fence_char, s->fence_len, 1 };
  LineInfo li;

  if (at_eof (lx))
    return false;
  scan_line (lx, &li, 0, MARK_LEAD);
  switch (judge_line (&li, &blk, ctx))
    {
    case LINE_STOP:
      {
        enum TokenType sym = math ? MATH_CLOSE : FENCE_CLOSE;
        if (!valid[sym])
          return bail (s);
        s->phase = PHASE_LINE_TAIL;
        s->tail_next = PHASE_LINE_START;
        s->fence_char = 0;
        s->fence_len = 0;
        return emit (lx, sym);
      }
    case LINE_PEEK:
      if (peek_is_header (lx))
        return emit_headword (s, lx, &li, valid);
      break;
    case LINE_CONTENT:
      consume_newline (lx);
      break;
    }
  enum TokenType sym = math ? MATH_CONTENT : CODE_CONTENT;
  if (!valid[sym])
    return bail (s);
  bool header_next = run_lines (lx, &blk, ctx, &li);
  return emit_run (s, lx, header_next, &li, sym);
}

/* A line start outside any block: at the top of the file, in the preamble or
 * in a body; valid_symbols tell which. */
static bool
scan_line_start (Scanner *s, TSLexer *lx, const bool *valid)
{
  bool recovering = valid[ERROR_SENTINEL];
  bool doc_start = !recovering && valid[STRAY];
  bool first_line = doc_start && valid[LINE_END];
  bool preamble = !recovering && !doc_start && valid[PREAMBLE_LINE];
  LineInfo li;

  if (at_eof (lx))
    return false;
  if (first_line && lx->lookahead == 0x2190 && valid[PREAMBLE_LINE])
    {
      doc_start = false;
      preamble = true;
    }

  scan_line (lx, &li, 0, preamble ? MARK_PREAMBLE : MARK_LEAD);

  if (first_line && li.blank)
    {
      /* Leading blank lines: one hidden token, and no preamble after them. */
      consume_newline (lx);
      absorb_blank_lines (lx);
      return emit (lx, LINE_END);
    }

  if (preamble)
    {
      if (li.header_shape && (li.has_comma || peek_is_header (lx)))
        return emit_headword (s, lx, &li, valid);
      s->phase = PHASE_PREAMBLE_TAIL;
      return emit (lx, PREAMBLE_LINE);
    }

  Context ctx = doc_start ? CTX_STRAY : CTX_TEXT;
  Block blk = { BLOCK_NONE, 0, 0, 0 };
  if (li.header_shape)
    {
      if (li.has_comma || peek_is_header (lx))
        return emit_headword (s, lx, &li, valid);
      /* plain content; the lexer is at a later line start */
    }
  else if (ctx == CTX_TEXT && li.fence_char != 0)
    {
      if (!valid[FENCE_OPEN])
        return bail (s);
      s->phase = PHASE_FENCE_INFO;
      s->fence_char = li.fence_char;
      s->fence_len = li.fence_len;
      return emit (lx, FENCE_OPEN);
    }
  else if (ctx == CTX_TEXT && li.math)
    {
      if (!valid[MATH_OPEN])
        return bail (s);
      s->phase = PHASE_LINE_TAIL;
      s->tail_next = PHASE_IN_MATH;
      return emit (lx, MATH_OPEN);
    }
  else
    {
      judge_line (&li, &blk, ctx); /* a stray may open a block */
      consume_newline (lx);
    }

  enum TokenType sym = doc_start ? STRAY : TEXT;
  if (!valid[sym])
    return bail (s);
  bool header_next = run_lines (lx, &blk, ctx, &li);
  return emit_run (s, lx, header_next, &li, sym);
}

/* ---- tree-sitter entry points ----------------------------------------------- */

void *
tree_sitter_glossary_external_scanner_create (void)
{
  return calloc (1, sizeof (Scanner));
}

void
tree_sitter_glossary_external_scanner_destroy (void *payload)
{
  free (payload);
}

unsigned
tree_sitter_glossary_external_scanner_serialize (void *payload, char *buffer)
{
  const Scanner *s = payload;
  buffer[0] = (char) s->phase;
  buffer[1] = (char) s->tail_next;
  buffer[2] = (char) s->fence_char;
  buffer[3] = (char) s->last_is_category;
  memcpy (buffer + 4, &s->fence_len, sizeof s->fence_len);
  memcpy (buffer + 8, &s->items_left, sizeof s->items_left);
  return SERIALIZED_SIZE;
}

void
tree_sitter_glossary_external_scanner_deserialize (void *payload,
                                                   const char *buffer,
                                                   unsigned length)
{
  Scanner *s = payload;
  memset (s, 0, sizeof *s);
  if (length != SERIALIZED_SIZE)
    return;
  s->phase = (uint8_t) buffer[0];
  s->tail_next = (uint8_t) buffer[1];
  s->fence_char = (uint8_t) buffer[2];
  s->last_is_category = (uint8_t) buffer[3];
  memcpy (&s->fence_len, buffer + 4, sizeof s->fence_len);
  memcpy (&s->items_left, buffer + 8, sizeof s->items_left);
  if (s->phase > PHASE_KNOWN_HEADER || s->tail_next > PHASE_IN_MATH)
    memset (s, 0, sizeof *s);
}

bool
tree_sitter_glossary_external_scanner_scan (void *payload, TSLexer *lx,
                                            const bool *valid)
{
  Scanner *s = payload;
  switch ((Phase) s->phase)
    {
    case PHASE_HEADER:
      return scan_header_part (s, lx, valid);
    case PHASE_FENCE_INFO:
      return scan_fence_info (s, lx, valid);
    case PHASE_LINE_TAIL:
      return finish_line (s, lx, valid, (Phase) s->tail_next, false);
    case PHASE_PREAMBLE_TAIL:
      return finish_line (s, lx, valid, PHASE_LINE_START, true);
    case PHASE_KNOWN_HEADER:
      return scan_known_headword (s, lx, valid);
    case PHASE_IN_FENCE:
    case PHASE_IN_MATH:
      return scan_block_line (s, lx, valid);
    case PHASE_LINE_START:
    default:
      return scan_line_start (s, lx, valid);
    }
}

/* ---- Unicode letters ---------------------------------------------------------- */

/* Code points >= 0x80 of the general categories L (letters) and M (marks, so
 * decomposed accents stay inside a word), Unicode 14.0. Generated with
 *   python3 -c 'import unicodedata as u; print([c for c in range(0x80,
 *     0x110000) if u.category(chr(c))[0] in "LM"])'
 * folded into inclusive ranges. */
static const struct { int32_t lo, hi; } letter_ranges[] = {
  {0xAA, 0xAA}, {0xB5, 0xB5}, {0xBA, 0xBA}, {0xC0, 0xD6}, {0xD8, 0xF6},
  {0xF8, 0x2C1}, {0x2C6, 0x2D1}, {0x2E0, 0x2E4}, {0x2EC, 0x2EC}, {0x2EE, 0x2EE},
  {0x300, 0x374}, {0x376, 0x377}, {0x37A, 0x37D}, {0x37F, 0x37F},
  {0x386, 0x386}, {0x388, 0x38A}, {0x38C, 0x38C}, {0x38E, 0x3A1},
  {0x3A3, 0x3F5}, {0x3F7, 0x481}, {0x483, 0x52F}, {0x531, 0x556},
  {0x559, 0x559}, {0x560, 0x588}, {0x591, 0x5BD}, {0x5BF, 0x5BF},
  {0x5C1, 0x5C2}, {0x5C4, 0x5C5}, {0x5C7, 0x5C7}, {0x5D0, 0x5EA},
  {0x5EF, 0x5F2}, {0x610, 0x61A}, {0x620, 0x65F}, {0x66E, 0x6D3},
  {0x6D5, 0x6DC}, {0x6DF, 0x6E8}, {0x6EA, 0x6EF}, {0x6FA, 0x6FC},
  {0x6FF, 0x6FF}, {0x710, 0x74A}, {0x74D, 0x7B1}, {0x7CA, 0x7F5},
  {0x7FA, 0x7FA}, {0x7FD, 0x7FD}, {0x800, 0x82D}, {0x840, 0x85B},
  {0x860, 0x86A}, {0x870, 0x887}, {0x889, 0x88E}, {0x898, 0x8E1},
  {0x8E3, 0x963}, {0x971, 0x983}, {0x985, 0x98C}, {0x98F, 0x990},
  {0x993, 0x9A8}, {0x9AA, 0x9B0}, {0x9B2, 0x9B2}, {0x9B6, 0x9B9},
  {0x9BC, 0x9C4}, {0x9C7, 0x9C8}, {0x9CB, 0x9CE}, {0x9D7, 0x9D7},
  {0x9DC, 0x9DD}, {0x9DF, 0x9E3}, {0x9F0, 0x9F1}, {0x9FC, 0x9FC},
  {0x9FE, 0x9FE}, {0xA01, 0xA03}, {0xA05, 0xA0A}, {0xA0F, 0xA10},
  {0xA13, 0xA28}, {0xA2A, 0xA30}, {0xA32, 0xA33}, {0xA35, 0xA36},
  {0xA38, 0xA39}, {0xA3C, 0xA3C}, {0xA3E, 0xA42}, {0xA47, 0xA48},
  {0xA4B, 0xA4D}, {0xA51, 0xA51}, {0xA59, 0xA5C}, {0xA5E, 0xA5E},
  {0xA70, 0xA75}, {0xA81, 0xA83}, {0xA85, 0xA8D}, {0xA8F, 0xA91},
  {0xA93, 0xAA8}, {0xAAA, 0xAB0}, {0xAB2, 0xAB3}, {0xAB5, 0xAB9},
  {0xABC, 0xAC5}, {0xAC7, 0xAC9}, {0xACB, 0xACD}, {0xAD0, 0xAD0},
  {0xAE0, 0xAE3}, {0xAF9, 0xAFF}, {0xB01, 0xB03}, {0xB05, 0xB0C},
  {0xB0F, 0xB10}, {0xB13, 0xB28}, {0xB2A, 0xB30}, {0xB32, 0xB33},
  {0xB35, 0xB39}, {0xB3C, 0xB44}, {0xB47, 0xB48}, {0xB4B, 0xB4D},
  {0xB55, 0xB57}, {0xB5C, 0xB5D}, {0xB5F, 0xB63}, {0xB71, 0xB71},
  {0xB82, 0xB83}, {0xB85, 0xB8A}, {0xB8E, 0xB90}, {0xB92, 0xB95},
  {0xB99, 0xB9A}, {0xB9C, 0xB9C}, {0xB9E, 0xB9F}, {0xBA3, 0xBA4},
  {0xBA8, 0xBAA}, {0xBAE, 0xBB9}, {0xBBE, 0xBC2}, {0xBC6, 0xBC8},
  {0xBCA, 0xBCD}, {0xBD0, 0xBD0}, {0xBD7, 0xBD7}, {0xC00, 0xC0C},
  {0xC0E, 0xC10}, {0xC12, 0xC28}, {0xC2A, 0xC39}, {0xC3C, 0xC44},
  {0xC46, 0xC48}, {0xC4A, 0xC4D}, {0xC55, 0xC56}, {0xC58, 0xC5A},
  {0xC5D, 0xC5D}, {0xC60, 0xC63}, {0xC80, 0xC83}, {0xC85, 0xC8C},
  {0xC8E, 0xC90}, {0xC92, 0xCA8}, {0xCAA, 0xCB3}, {0xCB5, 0xCB9},
  {0xCBC, 0xCC4}, {0xCC6, 0xCC8}, {0xCCA, 0xCCD}, {0xCD5, 0xCD6},
  {0xCDD, 0xCDE}, {0xCE0, 0xCE3}, {0xCF1, 0xCF2}, {0xD00, 0xD0C},
  {0xD0E, 0xD10}, {0xD12, 0xD44}, {0xD46, 0xD48}, {0xD4A, 0xD4E},
  {0xD54, 0xD57}, {0xD5F, 0xD63}, {0xD7A, 0xD7F}, {0xD81, 0xD83},
  {0xD85, 0xD96}, {0xD9A, 0xDB1}, {0xDB3, 0xDBB}, {0xDBD, 0xDBD},
  {0xDC0, 0xDC6}, {0xDCA, 0xDCA}, {0xDCF, 0xDD4}, {0xDD6, 0xDD6},
  {0xDD8, 0xDDF}, {0xDF2, 0xDF3}, {0xE01, 0xE3A}, {0xE40, 0xE4E},
  {0xE81, 0xE82}, {0xE84, 0xE84}, {0xE86, 0xE8A}, {0xE8C, 0xEA3},
  {0xEA5, 0xEA5}, {0xEA7, 0xEBD}, {0xEC0, 0xEC4}, {0xEC6, 0xEC6},
  {0xEC8, 0xECD}, {0xEDC, 0xEDF}, {0xF00, 0xF00}, {0xF18, 0xF19},
  {0xF35, 0xF35}, {0xF37, 0xF37}, {0xF39, 0xF39}, {0xF3E, 0xF47},
  {0xF49, 0xF6C}, {0xF71, 0xF84}, {0xF86, 0xF97}, {0xF99, 0xFBC},
  {0xFC6, 0xFC6}, {0x1000, 0x103F}, {0x1050, 0x108F}, {0x109A, 0x109D},
  {0x10A0, 0x10C5}, {0x10C7, 0x10C7}, {0x10CD, 0x10CD}, {0x10D0, 0x10FA},
  {0x10FC, 0x1248}, {0x124A, 0x124D}, {0x1250, 0x1256}, {0x1258, 0x1258},
  {0x125A, 0x125D}, {0x1260, 0x1288}, {0x128A, 0x128D}, {0x1290, 0x12B0},
  {0x12B2, 0x12B5}, {0x12B8, 0x12BE}, {0x12C0, 0x12C0}, {0x12C2, 0x12C5},
  {0x12C8, 0x12D6}, {0x12D8, 0x1310}, {0x1312, 0x1315}, {0x1318, 0x135A},
  {0x135D, 0x135F}, {0x1380, 0x138F}, {0x13A0, 0x13F5}, {0x13F8, 0x13FD},
  {0x1401, 0x166C}, {0x166F, 0x167F}, {0x1681, 0x169A}, {0x16A0, 0x16EA},
  {0x16F1, 0x16F8}, {0x1700, 0x1715}, {0x171F, 0x1734}, {0x1740, 0x1753},
  {0x1760, 0x176C}, {0x176E, 0x1770}, {0x1772, 0x1773}, {0x1780, 0x17D3},
  {0x17D7, 0x17D7}, {0x17DC, 0x17DD}, {0x180B, 0x180D}, {0x180F, 0x180F},
  {0x1820, 0x1878}, {0x1880, 0x18AA}, {0x18B0, 0x18F5}, {0x1900, 0x191E},
  {0x1920, 0x192B}, {0x1930, 0x193B}, {0x1950, 0x196D}, {0x1970, 0x1974},
  {0x1980, 0x19AB}, {0x19B0, 0x19C9}, {0x1A00, 0x1A1B}, {0x1A20, 0x1A5E},
  {0x1A60, 0x1A7C}, {0x1A7F, 0x1A7F}, {0x1AA7, 0x1AA7}, {0x1AB0, 0x1ACE},
  {0x1B00, 0x1B4C}, {0x1B6B, 0x1B73}, {0x1B80, 0x1BAF}, {0x1BBA, 0x1BF3},
  {0x1C00, 0x1C37}, {0x1C4D, 0x1C4F}, {0x1C5A, 0x1C7D}, {0x1C80, 0x1C88},
  {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF}, {0x1CD0, 0x1CD2}, {0x1CD4, 0x1CFA},
  {0x1D00, 0x1F15}, {0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D},
  {0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B}, {0x1F5D, 0x1F5D},
  {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE},
  {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB},
  {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC}, {0x2071, 0x2071},
  {0x207F, 0x207F}, {0x2090, 0x209C}, {0x20D0, 0x20F0}, {0x2102, 0x2102},
  {0x2107, 0x2107}, {0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D},
  {0x2124, 0x2124}, {0x2126, 0x2126}, {0x2128, 0x2128}, {0x212A, 0x212D},
  {0x212F, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149}, {0x214E, 0x214E},
  {0x2183, 0x2184}, {0x2C00, 0x2CE4}, {0x2CEB, 0x2CF3}, {0x2D00, 0x2D25},
  {0x2D27, 0x2D27}, {0x2D2D, 0x2D2D}, {0x2D30, 0x2D67}, {0x2D6F, 0x2D6F},
  {0x2D7F, 0x2D96}, {0x2DA0, 0x2DA6}, {0x2DA8, 0x2DAE}, {0x2DB0, 0x2DB6},
  {0x2DB8, 0x2DBE}, {0x2DC0, 0x2DC6}, {0x2DC8, 0x2DCE}, {0x2DD0, 0x2DD6},
  {0x2DD8, 0x2DDE}, {0x2DE0, 0x2DFF}, {0x2E2F, 0x2E2F}, {0x3005, 0x3006},
  {0x302A, 0x302F}, {0x3031, 0x3035}, {0x303B, 0x303C}, {0x3041, 0x3096},
  {0x3099, 0x309A}, {0x309D, 0x309F}, {0x30A1, 0x30FA}, {0x30FC, 0x30FF},
  {0x3105, 0x312F}, {0x3131, 0x318E}, {0x31A0, 0x31BF}, {0x31F0, 0x31FF},
  {0x3400, 0x4DBF}, {0x4E00, 0xA48C}, {0xA4D0, 0xA4FD}, {0xA500, 0xA60C},
  {0xA610, 0xA61F}, {0xA62A, 0xA62B}, {0xA640, 0xA672}, {0xA674, 0xA67D},
  {0xA67F, 0xA6E5}, {0xA6F0, 0xA6F1}, {0xA717, 0xA71F}, {0xA722, 0xA788},
  {0xA78B, 0xA7CA}, {0xA7D0, 0xA7D1}, {0xA7D3, 0xA7D3}, {0xA7D5, 0xA7D9},
  {0xA7F2, 0xA827}, {0xA82C, 0xA82C}, {0xA840, 0xA873}, {0xA880, 0xA8C5},
  {0xA8E0, 0xA8F7}, {0xA8FB, 0xA8FB}, {0xA8FD, 0xA8FF}, {0xA90A, 0xA92D},
  {0xA930, 0xA953}, {0xA960, 0xA97C}, {0xA980, 0xA9C0}, {0xA9CF, 0xA9CF},
  {0xA9E0, 0xA9EF}, {0xA9FA, 0xA9FE}, {0xAA00, 0xAA36}, {0xAA40, 0xAA4D},
  {0xAA60, 0xAA76}, {0xAA7A, 0xAAC2}, {0xAADB, 0xAADD}, {0xAAE0, 0xAAEF},
  {0xAAF2, 0xAAF6}, {0xAB01, 0xAB06}, {0xAB09, 0xAB0E}, {0xAB11, 0xAB16},
  {0xAB20, 0xAB26}, {0xAB28, 0xAB2E}, {0xAB30, 0xAB5A}, {0xAB5C, 0xAB69},
  {0xAB70, 0xABEA}, {0xABEC, 0xABED}, {0xAC00, 0xD7A3}, {0xD7B0, 0xD7C6},
  {0xD7CB, 0xD7FB}, {0xF900, 0xFA6D}, {0xFA70, 0xFAD9}, {0xFB00, 0xFB06},
  {0xFB13, 0xFB17}, {0xFB1D, 0xFB28}, {0xFB2A, 0xFB36}, {0xFB38, 0xFB3C},
  {0xFB3E, 0xFB3E}, {0xFB40, 0xFB41}, {0xFB43, 0xFB44}, {0xFB46, 0xFBB1},
  {0xFBD3, 0xFD3D}, {0xFD50, 0xFD8F}, {0xFD92, 0xFDC7}, {0xFDF0, 0xFDFB},
  {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFE70, 0xFE74}, {0xFE76, 0xFEFC},
  {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0xFF66, 0xFFBE}, {0xFFC2, 0xFFC7},
  {0xFFCA, 0xFFCF}, {0xFFD2, 0xFFD7}, {0xFFDA, 0xFFDC}, {0x10000, 0x1000B},
  {0x1000D, 0x10026}, {0x10028, 0x1003A}, {0x1003C, 0x1003D},
  {0x1003F, 0x1004D}, {0x10050, 0x1005D}, {0x10080, 0x100FA},
  {0x101FD, 0x101FD}, {0x10280, 0x1029C}, {0x102A0, 0x102D0},
  {0x102E0, 0x102E0}, {0x10300, 0x1031F}, {0x1032D, 0x10340},
  {0x10342, 0x10349}, {0x10350, 0x1037A}, {0x10380, 0x1039D},
  {0x103A0, 0x103C3}, {0x103C8, 0x103CF}, {0x10400, 0x1049D},
  {0x104B0, 0x104D3}, {0x104D8, 0x104FB}, {0x10500, 0x10527},
  {0x10530, 0x10563}, {0x10570, 0x1057A}, {0x1057C, 0x1058A},
  {0x1058C, 0x10592}, {0x10594, 0x10595}, {0x10597, 0x105A1},
  {0x105A3, 0x105B1}, {0x105B3, 0x105B9}, {0x105BB, 0x105BC},
  {0x10600, 0x10736}, {0x10740, 0x10755}, {0x10760, 0x10767},
  {0x10780, 0x10785}, {0x10787, 0x107B0}, {0x107B2, 0x107BA},
  {0x10800, 0x10805}, {0x10808, 0x10808}, {0x1080A, 0x10835},
  {0x10837, 0x10838}, {0x1083C, 0x1083C}, {0x1083F, 0x10855},
  {0x10860, 0x10876}, {0x10880, 0x1089E}, {0x108E0, 0x108F2},
  {0x108F4, 0x108F5}, {0x10900, 0x10915}, {0x10920, 0x10939},
  {0x10980, 0x109B7}, {0x109BE, 0x109BF}, {0x10A00, 0x10A03},
  {0x10A05, 0x10A06}, {0x10A0C, 0x10A13}, {0x10A15, 0x10A17},
  {0x10A19, 0x10A35}, {0x10A38, 0x10A3A}, {0x10A3F, 0x10A3F},
  {0x10A60, 0x10A7C}, {0x10A80, 0x10A9C}, {0x10AC0, 0x10AC7},
  {0x10AC9, 0x10AE6}, {0x10B00, 0x10B35}, {0x10B40, 0x10B55},
  {0x10B60, 0x10B72}, {0x10B80, 0x10B91}, {0x10C00, 0x10C48},
  {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x10D00, 0x10D27},
  {0x10E80, 0x10EA9}, {0x10EAB, 0x10EAC}, {0x10EB0, 0x10EB1},
  {0x10F00, 0x10F1C}, {0x10F27, 0x10F27}, {0x10F30, 0x10F50},
  {0x10F70, 0x10F85}, {0x10FB0, 0x10FC4}, {0x10FE0, 0x10FF6},
  {0x11000, 0x11046}, {0x11070, 0x11075}, {0x1107F, 0x110BA},
  {0x110C2, 0x110C2}, {0x110D0, 0x110E8}, {0x11100, 0x11134},
  {0x11144, 0x11147}, {0x11150, 0x11173}, {0x11176, 0x11176},
  {0x11180, 0x111C4}, {0x111C9, 0x111CC}, {0x111CE, 0x111CF},
  {0x111DA, 0x111DA}, {0x111DC, 0x111DC}, {0x11200, 0x11211},
  {0x11213, 0x11237}, {0x1123E, 0x1123E}, {0x11280, 0x11286},
  {0x11288, 0x11288}, {0x1128A, 0x1128D}, {0x1128F, 0x1129D},
  {0x1129F, 0x112A8}, {0x112B0, 0x112EA}, {0x11300, 0x11303},
  {0x11305, 0x1130C}, {0x1130F, 0x11310}, {0x11313, 0x11328},
  {0x1132A, 0x11330}, {0x11332, 0x11333}, {0x11335, 0x11339},
  {0x1133B, 0x11344}, {0x11347, 0x11348}, {0x1134B, 0x1134D},
  {0x11350, 0x11350}, {0x11357, 0x11357}, {0x1135D, 0x11363},
  {0x11366, 0x1136C}, {0x11370, 0x11374}, {0x11400, 0x1144A},
  {0x1145E, 0x11461}, {0x11480, 0x114C5}, {0x114C7, 0x114C7},
  {0x11580, 0x115B5}, {0x115B8, 0x115C0}, {0x115D8, 0x115DD},
  {0x11600, 0x11640}, {0x11644, 0x11644}, {0x11680, 0x116B8},
  {0x11700, 0x1171A}, {0x1171D, 0x1172B}, {0x11740, 0x11746},
  {0x11800, 0x1183A}, {0x118A0, 0x118DF}, {0x118FF, 0x11906},
  {0x11909, 0x11909}, {0x1190C, 0x11913}, {0x11915, 0x11916},
  {0x11918, 0x11935}, {0x11937, 0x11938}, {0x1193B, 0x11943},
  {0x119A0, 0x119A7}, {0x119AA, 0x119D7}, {0x119DA, 0x119E1},
  {0x119E3, 0x119E4}, {0x11A00, 0x11A3E}, {0x11A47, 0x11A47},
  {0x11A50, 0x11A99}, {0x11A9D, 0x11A9D}, {0x11AB0, 0x11AF8},
  {0x11C00, 0x11C08}, {0x11C0A, 0x11C36}, {0x11C38, 0x11C40},
  {0x11C72, 0x11C8F}, {0x11C92, 0x11CA7}, {0x11CA9, 0x11CB6},
  {0x11D00, 0x11D06}, {0x11D08, 0x11D09}, {0x11D0B, 0x11D36},
  {0x11D3A, 0x11D3A}, {0x11D3C, 0x11D3D}, {0x11D3F, 0x11D47},
  {0x11D60, 0x11D65}, {0x11D67, 0x11D68}, {0x11D6A, 0x11D8E},
  {0x11D90, 0x11D91}, {0x11D93, 0x11D98}, {0x11EE0, 0x11EF6},
  {0x11FB0, 0x11FB0}, {0x12000, 0x12399}, {0x12480, 0x12543},
  {0x12F90, 0x12FF0}, {0x13000, 0x1342E}, {0x14400, 0x14646},
  {0x16800, 0x16A38}, {0x16A40, 0x16A5E}, {0x16A70, 0x16ABE},
  {0x16AD0, 0x16AED}, {0x16AF0, 0x16AF4}, {0x16B00, 0x16B36},
  {0x16B40, 0x16B43}, {0x16B63, 0x16B77}, {0x16B7D, 0x16B8F},
  {0x16E40, 0x16E7F}, {0x16F00, 0x16F4A}, {0x16F4F, 0x16F87},
  {0x16F8F, 0x16F9F}, {0x16FE0, 0x16FE1}, {0x16FE3, 0x16FE4},
  {0x16FF0, 0x16FF1}, {0x17000, 0x187F7}, {0x18800, 0x18CD5},
  {0x18D00, 0x18D08}, {0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB},
  {0x1AFFD, 0x1AFFE}, {0x1B000, 0x1B122}, {0x1B150, 0x1B152},
  {0x1B164, 0x1B167}, {0x1B170, 0x1B2FB}, {0x1BC00, 0x1BC6A},
  {0x1BC70, 0x1BC7C}, {0x1BC80, 0x1BC88}, {0x1BC90, 0x1BC99},
  {0x1BC9D, 0x1BC9E}, {0x1CF00, 0x1CF2D}, {0x1CF30, 0x1CF46},
  {0x1D165, 0x1D169}, {0x1D16D, 0x1D172}, {0x1D17B, 0x1D182},
  {0x1D185, 0x1D18B}, {0x1D1AA, 0x1D1AD}, {0x1D242, 0x1D244},
  {0x1D400, 0x1D454}, {0x1D456, 0x1D49C}, {0x1D49E, 0x1D49F},
  {0x1D4A2, 0x1D4A2}, {0x1D4A5, 0x1D4A6}, {0x1D4A9, 0x1D4AC},
  {0x1D4AE, 0x1D4B9}, {0x1D4BB, 0x1D4BB}, {0x1D4BD, 0x1D4C3},
  {0x1D4C5, 0x1D505}, {0x1D507, 0x1D50A}, {0x1D50D, 0x1D514},
  {0x1D516, 0x1D51C}, {0x1D51E, 0x1D539}, {0x1D53B, 0x1D53E},
  {0x1D540, 0x1D544}, {0x1D546, 0x1D546}, {0x1D54A, 0x1D550},
  {0x1D552, 0x1D6A5}, {0x1D6A8, 0x1D6C0}, {0x1D6C2, 0x1D6DA},
  {0x1D6DC, 0x1D6FA}, {0x1D6FC, 0x1D714}, {0x1D716, 0x1D734},
  {0x1D736, 0x1D74E}, {0x1D750, 0x1D76E}, {0x1D770, 0x1D788},
  {0x1D78A, 0x1D7A8}, {0x1D7AA, 0x1D7C2}, {0x1D7C4, 0x1D7CB},
  {0x1DA00, 0x1DA36}, {0x1DA3B, 0x1DA6C}, {0x1DA75, 0x1DA75},
  {0x1DA84, 0x1DA84}, {0x1DA9B, 0x1DA9F}, {0x1DAA1, 0x1DAAF},
  {0x1DF00, 0x1DF1E}, {0x1E000, 0x1E006}, {0x1E008, 0x1E018},
  {0x1E01B, 0x1E021}, {0x1E023, 0x1E024}, {0x1E026, 0x1E02A},
  {0x1E100, 0x1E12C}, {0x1E130, 0x1E13D}, {0x1E14E, 0x1E14E},
  {0x1E290, 0x1E2AE}, {0x1E2C0, 0x1E2EF}, {0x1E7E0, 0x1E7E6},
  {0x1E7E8, 0x1E7EB}, {0x1E7ED, 0x1E7EE}, {0x1E7F0, 0x1E7FE},
  {0x1E800, 0x1E8C4}, {0x1E8D0, 0x1E8D6}, {0x1E900, 0x1E94B},
  {0x1EE00, 0x1EE03}, {0x1EE05, 0x1EE1F}, {0x1EE21, 0x1EE22},
  {0x1EE24, 0x1EE24}, {0x1EE27, 0x1EE27}, {0x1EE29, 0x1EE32},
  {0x1EE34, 0x1EE37}, {0x1EE39, 0x1EE39}, {0x1EE3B, 0x1EE3B},
  {0x1EE42, 0x1EE42}, {0x1EE47, 0x1EE47}, {0x1EE49, 0x1EE49},
  {0x1EE4B, 0x1EE4B}, {0x1EE4D, 0x1EE4F}, {0x1EE51, 0x1EE52},
  {0x1EE54, 0x1EE54}, {0x1EE57, 0x1EE57}, {0x1EE59, 0x1EE59},
  {0x1EE5B, 0x1EE5B}, {0x1EE5D, 0x1EE5D}, {0x1EE5F, 0x1EE5F},
  {0x1EE61, 0x1EE62}, {0x1EE64, 0x1EE64}, {0x1EE67, 0x1EE6A},
  {0x1EE6C, 0x1EE72}, {0x1EE74, 0x1EE77}, {0x1EE79, 0x1EE7C},
  {0x1EE7E, 0x1EE7E}, {0x1EE80, 0x1EE89}, {0x1EE8B, 0x1EE9B},
  {0x1EEA1, 0x1EEA3}, {0x1EEA5, 0x1EEA9}, {0x1EEAB, 0x1EEBB},
  {0x20000, 0x2A6DF}, {0x2A700, 0x2B738}, {0x2B740, 0x2B81D},
  {0x2B820, 0x2CEA1}, {0x2CEB0, 0x2EBE0}, {0x2F800, 0x2FA1D},
  {0x30000, 0x3134A}, {0xE0100, 0xE01EF}
};

static bool
is_letter_above_ascii (int32_t c)
{
  size_t lo = 0;
  size_t hi = sizeof letter_ranges / sizeof letter_ranges[0];
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (c < letter_ranges[mid].lo)
        hi = mid;
      else if (c > letter_ranges[mid].hi)
        lo = mid + 1;
      else
        return true;
    }
  return false;
}
