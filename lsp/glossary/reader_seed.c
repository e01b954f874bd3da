/* reader_seed.c — the seed format (the files of seeds/): header line
 * "headword, alias, ...|category" then a Markdown definition, parsed by the
 * tree-sitter grammar (loader.h, grammar/). Reads every file no other reader
 * claims, so it is last in readers.c's table. */
#include "glossary/reader.h"

#include "glossary/loader.h"

static const char *const seed_suffixes[] = { ".txt", ".glossary", NULL };

/* Every consecutive seed file at once: the loader cuts them into chunks and
 * parses all chunks on every core, with results in file order. */
static void
seed_read_run (GlsGlossaryBuilder *builder, const GlsReaderInput *inputs, guint n)
{
  GArray *entries, *names;
  GPtrArray *issues;
  gls_glossary_builder_get_arrays (builder, &entries, &names, &issues);

  GlsLoaderBatch *batch = gls_loader_batch_new (0);
  for (guint i = 0; i < n; i++)
    gls_loader_batch_add (batch, inputs[i].path, inputs[i].text, inputs[i].len, inputs[i].source);
  gls_loader_batch_set_cancellable (batch, gls_glossary_builder_get_cancellable (builder));
  gls_loader_batch_run (batch, entries, names, issues);
}

static void
seed_read (GlsGlossaryBuilder *builder, const GlsReaderInput *input)
{
  seed_read_run (builder, input, 1);
}

const GlsGlossaryReader gls_reader_seed = {
  .name = "seed",
  .suffixes = seed_suffixes,
  .claims = NULL,
  .read = seed_read,
  .read_run = seed_read_run,
};
