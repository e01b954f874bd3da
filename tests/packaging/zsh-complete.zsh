# zsh-complete.zsh WORDS — prints what zsh's completion system lists after
# WORDS (a command line ending in a space), as a user pressing Tab sees it:
# an interactive zsh -f in a pseudo-terminal (zsh/zpty) with compinit and the
# installed completions. Used by chroot.sh; needs /dev/pts.
zmodload zsh/zpty || exit 2
zpty z zsh -f -i || exit 2
zpty -w z 'PS1="%%PROMPT%% "; autoload -U compinit; compinit -u; zstyle ":completion:*" list-prompt ""; LISTMAX=1000; setopt nobeep'
sleep 2
zpty -w -n z "$1"$'\t'
sleep 2
out=""
while zpty -r -t z chunk; do out+=$chunk; done
zpty -d z
# Only what follows the typed line: the listing.
print -r -- "${out#*$1}"
