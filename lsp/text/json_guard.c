/* json_guard.c — see json_guard.h. */
#include "text/json_guard.h"

#include <string.h>

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The end of the string whose opening quote is at data[i]; len if open. */
static gsize
skip_string (const char *data, gsize len, gsize i)
{
  for (i++; i < len; i++)
    {
      if (data[i] == '\\')
        i++;
      else if (data[i] == '"')
        return i + 1;
    }
  return len;
}

gboolean
gls_json_is_single_value (const char *data, gsize len)
{
  g_return_val_if_fail (data != NULL || len == 0, TRUE);
  gsize i = 0;
  while (i < len && is_space (data[i]))
    i++;
  if (i == len)
    return TRUE;
  if (data[i] == '{' || data[i] == '[')
    {
      gsize depth = 0;
      do
        {
          if (data[i] == '"')
            {
              i = skip_string (data, len, i);
              continue;
            }
          if (data[i] == '{' || data[i] == '[')
            depth++;
          else if (data[i] == '}' || data[i] == ']')
            depth--;
          i++;
        }
      while (i < len && depth > 0);
    }
  else if (data[i] == '"')
    i = skip_string (data, len, i);
  else
    while (i < len && !is_space (data[i]) && strchr ("{}[]\",:", data[i]) == NULL)
      i++;
  while (i < len && is_space (data[i]))
    i++;
  return i == len;
}
