/* fuzz_vocab_cspell_yaml.c — libFuzzer target: the cspell_yaml vocabulary reader
 * (glossary/vocab.h); oracles in fuzz_vocab.h. */
#include "fuzz_vocab.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_vocab_check (GLS_VOCAB_FORMAT_CSPELL_YAML, data, size);
  return 0;
}
