#!/usr/bin/env bash
# Start hook of the course image, run before Jupyter starts at every container start: the
# Dockerfile installs it as /usr/local/bin/before-notebook.d/50-golab-course, where the
# start.sh of jupyter/docker-stacks runs it, both with `docker run` and under JupyterHub. The
# Dockerfile also runs it once at build time, and .binder/start runs it on Binder.
#
# 1. The learner's copy of the course. The image keeps the course read-only in
#    $GOLAB_COURSE_IMAGE; learners work in $HOME/course (go.mod, go.sum, helpers/, notebooks/),
#    which a named volume (docker/compose.yaml) or a JupyterHub home volume keeps across
#    restarts and new images. Each start brings that copy up to date, and never overwrites
#    a learner's edit:
#      - a file missing from $HOME/course is copied (delete a notebook to get a fresh one);
#      - a file the learner has not changed follows the image: a newer image updates it,
#        and removes it when the course no longer has it;
#      - a file the learner changed is kept, and the log names the image's version of it.
#    $HOME/course/.golab-course.sha256 records the image's version of each file last synced.
#    Without $GOLAB_COURSE_IMAGE (Binder, where the repository is the course) this step is
#    skipped.
# 2. The Go build cache. Go deletes cache entries unused for five days, at most once a day,
#    and records when it last did so in $GOCACHE/trim.txt. Writing the current time there
#    keeps what the image's build warmed from being deleted by the first go command a
#    learner's kernel runs, however old the image is. Entries a learner uses get a new
#    modification time, so the ones that matter survive later trims too.
#
# It never stops Jupyter from starting: a problem is logged and the hook exits 0.
set -uo pipefail

log() { printf '[golab] %s\n' "$*"; }

# Started as root (e.g. to grant sudo): do the work as the notebook user, so that the
# learner owns the files.
if [ "$(id -u)" -eq 0 ] && [ -n "${NB_USER:-}" ] && [ "${NB_USER}" != root ]; then
  exec sudo --preserve-env --set-home --user "${NB_USER}" "$0" "$@"
fi

sha() { sha256sum "$1" | cut -d' ' -f1; }

# install_file SRC DST: copy through a temporary file beside DST and rename it into place,
# so that a failed copy (a full volume, a permission) leaves DST as it was.
install_file() {
  local tmp
  mkdir -p "$(dirname "$2")" || return 1
  tmp=$(mktemp "$2.golab-XXXXXX") || return 1
  if cp "$1" "$tmp" && chmod 644 "$tmp" && mv -f "$tmp" "$2"; then
    return 0
  fi
  rm -f "$tmp"
  log "could not copy course/${2#"$dst"/} from the image; it stays as it was and the next start tries again"
  return 1
}

# record PATH SUM: the image's version of PATH that the learner's copy now matches.
record() { now[$1]=$2; printf '%s  %s\n' "$2" "$1" >>"$next"; }

sync_course() {
  local src=$1 dst=$2
  local manifest=$dst/.golab-course.sha256
  local -A last=() now=()
  local sum path want have changed=0
  mkdir -p "$dst" || return 1
  if [ -f "$manifest" ]; then
    while read -r sum path; do
      [ -n "$path" ] && last[$path]=$sum
    done <"$manifest"
  fi
  local next
  next=$(mktemp "$dst/.golab-course.XXXXXX") || return 1
  while IFS= read -r -d '' path; do
    path=${path#./}
    want=$(sha "$src/$path") || continue
    # The manifest records the image's version only once the learner's copy holds it; after
    # a failed copy it keeps the version the copy still holds, so the next start retries.
    if [ ! -e "$dst/$path" ]; then
      install_file "$src/$path" "$dst/$path" && record "$path" "$want" && changed=1
      continue
    fi
    have=$(sha "$dst/$path")
    if [ "$have" = "$want" ]; then
      record "$path" "$want"
    elif [ "$have" = "${last[$path]:-}" ]; then
      if install_file "$src/$path" "$dst/$path"; then
        record "$path" "$want"
        log "updated course/$path to this image's version" && changed=1
      else
        record "$path" "$have"
      fi
    else
      record "$path" "$want"
      log "kept your edited course/$path; this image's version is $src/$path"
    fi
  done < <(cd "$src" && find ./go.mod ./go.sum ./helpers ./notebooks \
    -name .ipynb_checkpoints -prune -o -type f ! -name '*_test.go' -print0 2>/dev/null)
  # Files of an older image that this one no longer has: remove those the learner left as
  # they were, keep the others.
  for path in "${!last[@]}"; do
    [ -n "${now[$path]:-}" ] && continue
    [ -f "$dst/$path" ] || continue
    if [ "$(sha "$dst/$path")" = "${last[$path]}" ]; then
      rm -f "$dst/$path" && log "removed course/$path, which this image's course no longer has" && changed=1
    fi
  done
  chmod 644 "$next" && mv -f "$next" "$manifest"
  if [ "$changed" = 1 ]; then log "course copy ready in $dst"; fi
}

if [ -n "${GOLAB_COURSE_IMAGE:-}" ]; then
  if [ -d "$GOLAB_COURSE_IMAGE" ]; then
    sync_course "$GOLAB_COURSE_IMAGE" "${GOLAB_COURSE_HOME:-$HOME/course}" ||
      log "could not bring ${GOLAB_COURSE_HOME:-$HOME/course} up to date; continuing"
  else
    log "GOLAB_COURSE_IMAGE=$GOLAB_COURSE_IMAGE is not a folder; course copy skipped"
  fi
fi

cache=${GOCACHE:-}
if [ -z "$cache" ] && command -v go >/dev/null 2>&1; then
  cache=$(go env GOCACHE 2>/dev/null || true)
fi
if [ -n "$cache" ] && [ -d "$cache" ] && [ -w "$cache" ]; then
  date +%s >"$cache/trim.txt" 2>/dev/null || log "could not write $cache/trim.txt"
fi
exit 0
