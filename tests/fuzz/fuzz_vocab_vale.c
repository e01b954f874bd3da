/* fuzz_vocab_vale.c — libFuzzer target: the Vale vocabulary reader (accept.txt; reject.txt differs only in the flag)
 * (glossary/vocab.h); oracles in fuzz_vocab.h. */
#include "fuzz_vocab.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_vocab_check (GLS_VOCAB_FORMAT_VALE_ACCEPT, data, size);
  return 0;
}
