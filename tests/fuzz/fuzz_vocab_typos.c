/* fuzz_vocab_typos.c — libFuzzer target: the typos vocabulary reader
 * (glossary/vocab.h); oracles in fuzz_vocab.h. */
#include "fuzz_vocab.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_vocab_check (GLS_VOCAB_FORMAT_TYPOS, data, size);
  return 0;
}
