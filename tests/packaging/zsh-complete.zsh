# zsh-complete.zsh WORDS — prints what zsh's completion system lists after
# WORDS (a command line ending in a space), as a user pressing Tab sees it:
# an interactive zsh -f in a pseudo-terminal (zsh/zpty) with compinit and the
# installed completions. Used by chroot.sh; needs /dev/pts.
#
# No fixed waits: a two-second sleep before the Tab and another before the
# read made the packaging test fail on a loaded CI machine (compinit still
# running, or the listing not drawn yet). Each step ends on a marker the
# shell prints when it is done instead: after compinit, and after the Tab,
# whose key runs a widget that completes, redraws (which draws the listing)
# and then prints its marker. Nothing is typed after the Tab: a marker
# command typed right behind it came out with no listing before it (zle
# skips drawing while typed-ahead keys wait). Every wait gives up after 60 s.
zmodload zsh/zpty || exit 2
zmodload zsh/datetime || exit 2

# Reads the pseudo-terminal's output into $out until it holds $1.
read_until() {
  local chunk start=$EPOCHREALTIME
  while (( EPOCHREALTIME - start < 60 )); do
    if zpty -r -t z chunk; then
      out+=$chunk
      [[ $out == *"$1"* ]] && return 0
    else
      sleep 0.05
    fi
  done
  print -u2 "zsh-complete: no '$1' from the shell within 60 s; it printed: $out"
  return 1
}

zpty z zsh -f -i || exit 2
# The markers are printed by arithmetic, so the echo of the typed commands
# (which show $((6*7))) never matches them.
setup='PS1="%%PROMPT%% "; autoload -U compinit; compinit -u; zstyle ":completion:*" list-prompt ""'
setup+='; LISTMAX=1000; setopt nobeep'
setup+='; tab-then-mark() { zle expand-or-complete; zle -R; print -rn -- "<TAB-DONE-$((6*7))>" >/dev/tty }'
setup+='; zle -N tab-then-mark; bindkey "^I" tab-then-mark; print READY-$((6*7))'
zpty -w z "$setup"
out=""
read_until READY-42 || exit 2
out=""
zpty -w -n z "$1"$'\t'
read_until '<TAB-DONE-42>' || exit 2
zpty -d z
# Only what follows the typed line, up to the marker: the listing.
listing=${out#*"$1"}
print -r -- "${listing%%<TAB-DONE-42>*}"
