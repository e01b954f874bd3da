#!/bin/sh
# completions.sh — the shell completions (clients/shell) kept in step with the
# program: every command of `glossary-ls --help`, every long option of each
# `glossary-ls COMMAND --help` and every rule id of lsp/analysis/rule_info.h
# is offered by the bash, zsh and fish files, and the bash completion answers
# with exactly the commands and the rules. (zsh and fish run them in
# tests/packaging/chroot.sh, where both are installed.)
# Environment (tests/packaging/meson.build): GLS_SOURCE_ROOT, GLS_BINARY.
set -eu
shell_dir="$GLS_SOURCE_ROOT/clients/shell"
bash_file="$shell_dir/glossary-ls.bash"
zsh_file="$shell_dir/_glossary-ls"
fish_file="$shell_dir/glossary-ls.fish"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

commands="$("$GLS_BINARY" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')"
[ -n "$commands" ] || { echo "FAIL: no commands in glossary-ls --help"; exit 1; }
rules="$(sed -n 's/^#define GLS_RULE_[A-Z_]* *"\([a-z-]*\)".*/\1/p' "$GLS_SOURCE_ROOT/lsp/analysis/rule_info.h")"
[ -n "$rules" ] || { echo "FAIL: no rule ids in lsp/analysis/rule_info.h"; exit 1; }
long_options() { "$GLS_BINARY" "$@" --help | sed -n 's/^  \(-[A-Za-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p'; }

# word FILE WORD: WORD appears in FILE as a whole word.
has() { grep -q -- "\(^\|[^a-z-]\)$2\([^a-z-]\|$\)" "$1"; }
for command in $commands; do
  for f in "$bash_file" "$zsh_file" "$fish_file"; do
    has "$f" "$command" || fail "$(basename "$f") does not offer the command $command"
  done
  for option in $(long_options "$command"); do
    has "$bash_file" "$option" || fail "glossary-ls.bash: $command $option is missing"
    has "$zsh_file" "$option" || fail "_glossary-ls: $command $option is missing"
    grep -q -- "-l ${option#--}\( \|$\)" "$fish_file" || fail "glossary-ls.fish: $command $option is missing"
  done
done
for option in $(long_options); do
  has "$bash_file" "$option" || fail "glossary-ls.bash: $option is missing"
  has "$zsh_file" "$option" || fail "_glossary-ls: $option is missing"
  grep -q -- "-l ${option#--}\( \|$\)" "$fish_file" || fail "glossary-ls.fish: $option is missing"
done
for rule in $rules; do
  for f in "$bash_file" "$zsh_file" "$fish_file"; do
    has "$f" "$rule" || fail "$(basename "$f") does not offer the rule $rule"
  done
done

# What bash offers, as a user pressing Tab sees it.
complete_bash() {
  bash -c '. "$1"; COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}; _glossary_ls; printf "%s\n" "${COMPREPLY[@]}"' \
    sh "$bash_file" "$1" | sort
}
sorted() { printf '%s\n' $1 | sort; }
[ "$(complete_bash 'glossary-ls ' | grep -v '^-')" = "$(sorted "$commands")" ] \
  || fail "bash: 'glossary-ls <Tab>' offers $(complete_bash 'glossary-ls ' | tr '\n' ' ')"
[ "$(complete_bash 'glossary-ls lint -d ')" = "$(sorted "$rules")" ] \
  || fail "bash: 'glossary-ls lint -d <Tab>' offers $(complete_bash 'glossary-ls lint -d ' | tr '\n' ' ')"
[ "$(complete_bash 'glossary-ls lint --rule=term-case=w')" = warning ] \
  || fail "bash: '--rule=term-case=w<Tab>' offers $(complete_bash 'glossary-ls lint --rule=term-case=w')"
[ "$(complete_bash 'glossary-ls lint --format s')" = sarif ] \
  || fail "bash: '--format s<Tab>' offers $(complete_bash 'glossary-ls lint --format s')"

[ "$failures" = 0 ] || exit 1
echo "completions: $(echo $commands | wc -w) commands, $(echo $rules | wc -w) rules and every long option in bash, zsh and fish"
