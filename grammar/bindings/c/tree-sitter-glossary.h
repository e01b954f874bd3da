/* tree-sitter-glossary.h — the C binding of the glossary grammar.
 *
 * tree_sitter_glossary() returns the statically allocated language (ABI 14,
 * for libtree-sitter 0.20.x): never freed, safe to share between threads and
 * parsers. Node types and fields are listed in ../../src/node-types.json and
 * explained in ../../README.md.
 */
#ifndef TREE_SITTER_GLOSSARY_H_
#define TREE_SITTER_GLOSSARY_H_

typedef struct TSLanguage TSLanguage;

#ifdef __cplusplus
extern "C" {
#endif

const TSLanguage *tree_sitter_glossary (void);

#ifdef __cplusplus
}
#endif

#endif /* TREE_SITTER_GLOSSARY_H_ */
