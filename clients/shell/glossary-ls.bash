# bash completion for glossary-ls (installed as
# /usr/share/bash-completion/completions/glossary-ls).
# Completes the commands, each command's options, the values of --format,
# --rule and --disable, and file names where a path is expected.

_glossary_ls()
{
  # Words are taken from the line itself, split at blanks only, so that
  # "--rule=term-case=error" and "-r term-case=e" arrive whole whether or not
  # the bash-completion package is loaded (bash splits COMP_WORDS at "=").
  local line="${COMP_LINE:0:COMP_POINT}" cur prev
  local -a words
  read -ra words <<< "$line"
  [[ "$line" == *[[:blank:]] || ${#words[@]} -eq 0 ]] && words+=("")
  local cword=$((${#words[@]} - 1))
  cur="${words[cword]}"
  prev="${words[cword-1]}"
  if [[ "$cur" == --?*=* ]]; then
    prev="${cur%%=*}"
    cur="${cur#*=}"
  fi

  local rules="term-case misspelled-term preferred-term"
  local severities="error warning info hint off"
  local glossary_opts="-g --glossary --no-default-glossary --no-cache"
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      lint|dump|define|export) command="${words[i]}"; break ;;
    esac
  done

  if [ -z "$command" ]; then
    COMPREPLY=($(compgen -W "lint dump define export --stdio -h --help -V --version" -- "$cur"))
    return
  fi

  case "$prev" in
    -f|--format)
      COMPREPLY=($(compgen -W "text json sarif github" -- "$cur")); return ;;
    -t|--to)
      COMPREPLY=($(compgen -W "cspell vale typos mkdocs-abbr markdown json" -- "$cur")); return ;;
    -d|--disable)
      COMPREPLY=($(compgen -W "$rules" -- "$cur")); return ;;
    -r|--rule)
      # Readline replaces only the text after the last "=" (COMP_WORDBREAKS).
      if [[ "$cur" == *=* ]]; then
        COMPREPLY=($(compgen -W "$severities" -- "${cur#*=}"))
      else
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -S = -W "$rules" -- "$cur"))
      fi
      return ;;
    -o|--output|-c|--config|--stdin-filename)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -g|--glossary)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -j|--jobs|--max-warnings|--max-findings-per-file|--max-file-size)
      return ;;
  esac

  local opts
  case "$command" in
    lint)
      opts="-h --help -f --format -o --output --fix --stdin-filename -c --config --no-config
            -r --rule -d --disable --max-warnings -j --jobs -v --verbose
            --max-findings-per-file --max-file-size $glossary_opts" ;;
    define) opts="-h --help --json $glossary_opts" ;;
    dump) opts="-h --help $glossary_opts" ;;
    export) opts="-h --help -t --to -o --output $glossary_opts" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ "$command" = lint ]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -o bashdefault -F _glossary_ls glossary-ls
