# fish completion for glossary-ls (installed as
# /usr/share/fish/vendor_completions.d/glossary-ls.fish).

set -l commands lint dump define export
complete -c glossary-ls -f
complete -c glossary-ls -n "not __fish_seen_subcommand_from $commands" -a lint -d 'Check glossary terms in files'
complete -c glossary-ls -n "not __fish_seen_subcommand_from $commands" -a dump -d 'Print every glossary entry as JSON Lines'
complete -c glossary-ls -n "not __fish_seen_subcommand_from $commands" -a define -d 'Print the glossary entries that define a term'
complete -c glossary-ls -n "not __fish_seen_subcommand_from $commands" -a export -d 'Write the glossary as input for other tools'
complete -c glossary-ls -n "not __fish_seen_subcommand_from $commands" -l stdio -d 'Serve LSP on stdin/stdout'
complete -c glossary-ls -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Show the version'
complete -c glossary-ls -s h -l help -d 'Show help'

# Options every command takes.
complete -c glossary-ls -n "__fish_seen_subcommand_from $commands" -s g -l glossary -r -F -d 'Add a glossary file or directory'
complete -c glossary-ls -n "__fish_seen_subcommand_from $commands" -l no-default-glossary -d 'Do not load the built-in glossary'
complete -c glossary-ls -n "__fish_seen_subcommand_from $commands" -l no-cache -d 'Do not keep built glossaries in the cache'

complete -c glossary-ls -n "__fish_seen_subcommand_from define" -l json -d 'Print the entries as JSON Lines'
complete -c glossary-ls -n "__fish_seen_subcommand_from export" -s t -l to -x -a 'cspell vale typos mkdocs-abbr markdown json' -d 'Target format'
complete -c glossary-ls -n "__fish_seen_subcommand_from export" -s o -l output -r -F -d 'Write to PATH (vale: a directory)'

set -l lint "__fish_seen_subcommand_from lint"
complete -c glossary-ls -n $lint -F
complete -c glossary-ls -n $lint -s f -l format -x -a 'text json sarif github' -d 'Output format'
complete -c glossary-ls -n $lint -s o -l output -r -F -d 'Write the report to FILE'
complete -c glossary-ls -n $lint -l fix -d 'Apply unambiguous fixes in place'
complete -c glossary-ls -n $lint -l stdin-filename -r -F -d 'Name of the text read from -'
complete -c glossary-ls -n $lint -s c -l config -r -F -d 'Use this configuration file'
complete -c glossary-ls -n $lint -l no-config -d 'Do not read .glossary-ls.json files'
complete -c glossary-ls -n $lint -s r -l rule -x -a '{term-case,misspelled-term,preferred-term}={error,warning,info,hint,off}' -d 'Set a rule severity'
complete -c glossary-ls -n $lint -s d -l disable -x -a 'term-case misspelled-term preferred-term' -d 'Turn a rule off'
complete -c glossary-ls -n $lint -l max-warnings -x -d 'Exit 1 only past N warnings'
complete -c glossary-ls -n $lint -s j -l jobs -x -d 'Worker threads'
complete -c glossary-ls -n $lint -s v -l verbose -d 'List the files skipped and why'
complete -c glossary-ls -n $lint -l max-findings-per-file -x -d 'Report at most N findings per file'
complete -c glossary-ls -n $lint -l max-file-size -x -d 'Do not lint larger files'
