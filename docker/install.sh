#!/usr/bin/env bash
# The one setup script of Go Concurrency Lab.
#
# `make lab`, `make test`, the Docker image (docker/Dockerfile) and Binder (.binder/postBuild)
# all run this script, so that every way of taking the course installs the same pinned
# versions. It is idempotent: a second run checks stamps and returns in about a second.
#
# Versions come from their single sources:
#   Go toolchain        the `toolchain` line of go.mod (sha256 checked, see GO_SHA256 below)
#   gonb, goimports     `tool` directives in go.mod
#   gopls               the `tool` directive in tools/gopls/go.mod (it needs an older
#                       golang.org/x/tools than goimports v0.52.0, so it has a module of its own)
#   Python packages     requirements.txt
#
# Usage: docker/install.sh [--prefix DIR] [--install-go] [--no-prebuild] [--course DIR]
#                          [--warm-up] [--slim]
#        docker/install.sh --system-packages
#   --prefix DIR   where the Python environment, binaries and kernelspec go
#                  (default: $GOLAB_PREFIX, else <repo>/.venv). If DIR/bin/python exists it
#                  is used as it is (the Docker image uses the image's own conda env);
#                  otherwise a venv is created there.
#   --install-go   install the pinned Go toolchain into DIR/go when Go is missing or too old,
#                  instead of failing (the Docker image and Binder use this).
#   --no-prebuild  skip compiling the course packages into the Go build cache.
#   --course DIR   the copy of the course (go.mod, helpers/, notebooks/) to pre-build and warm
#                  up (default: this repository). The image passes the learners' copy, so that
#                  the build cache matches the paths the learners' kernels compile.
#   --warm-up      execute every notebook in the course's notebooks/ once, as a learner would,
#                  so that the Go module and build caches hold all they need (fast first cells,
#                  offline). Fails when a notebook does not run cleanly.
#   --slim         for images: build the Go tools with throwaway Go caches, and let pip keep
#                  no cache, so that none of that lands in an image layer.
#   --system-packages
#                  (root, Debian or Ubuntu) apt-get install the system packages the course
#                  needs when any is missing, then exit: curl and unzip for the Go download,
#                  gcc and libc6-dev for cgo and the race detector. The Dockerfile and .ci/run
#                  use this.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PREFIX=${GOLAB_PREFIX:-$ROOT/.venv}
INSTALL_GO=0
PREBUILD=1
COURSE=$ROOT
WARM_UP=0
SLIM=0
SYSTEM_PACKAGES=0
MIN_GO=1.26
# The oldest Python every pin of requirements.txt installs on (soupsieve 4.1.3 needs 3.11.5;
# Debian 12's python3 is 3.11.2). docker/docker_test.go resolves the pins at this version.
MIN_PYTHON=3.11.5

# sha256 of the Go toolchain zips served by the Go module proxy
# (golang.org/toolchain@v0.0.1-<version>.<os>-<arch>.zip). A new toolchain line in go.mod
# needs its hashes here; the script refuses to install an unlisted one.
declare -A GO_SHA256=(
  [go1.26.8.linux-amd64]=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7
  [go1.26.8.linux-arm64]=02b36b6787b3ac767668f630e2998df45a3b1f9ffee08d1bf3ef6487cd658d99
)

say() { printf '\033[1m[install]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[install] error:\033[0m %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; PREFIX=$2; shift 2 ;;
    --install-go) INSTALL_GO=1; shift ;;
    --no-prebuild) PREBUILD=0; shift ;;
    --course) [ $# -ge 2 ] || die "--course needs a directory"; COURSE=$2; shift 2 ;;
    --warm-up) WARM_UP=1; shift ;;
    --slim) SLIM=1; shift ;;
    --system-packages) SYSTEM_PACKAGES=1; shift ;;
    -h|--help) sed -n '2,/^set -euo pipefail/p' "$0" | sed '$d'; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
done

# --- System packages (root) ------------------------------------------------------------
if [ "$SYSTEM_PACKAGES" = 1 ]; then
  [ "$(id -u)" -eq 0 ] || die "--system-packages needs root"
  command -v apt-get >/dev/null 2>&1 || die "--system-packages needs apt-get (Debian or Ubuntu)"
  missing=()
  for pkg in ca-certificates curl unzip gcc libc6-dev; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing system packages: ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    apt-get clean
    rm -rf /var/lib/apt/lists/*
  fi
  say "system packages: ok"
  exit 0
fi

[ -d "$COURSE" ] || die "--course $COURSE: no such directory"
COURSE=$(cd "$COURSE" && pwd)
[ -f "$COURSE/go.mod" ] || die "--course $COURSE has no go.mod"
mkdir -p "$PREFIX"
PREFIX=$(cd "$PREFIX" && pwd)
STAMPS=$PREFIX/.golab-stamps
mkdir -p "$STAMPS"

# version_ge A B: is dotted version A >= B?
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# fresh NAME FILES...: true when the stamp NAME matches the hash of FILES (and the
# extra words in $STAMP_EXTRA); otherwise false, and mark_fresh NAME writes it after the step.
stamp_of() { { cat "$@"; printf '%s' "${STAMP_EXTRA:-}"; } | sha256sum | cut -d' ' -f1; }
fresh() { local name=$1; shift; [ -f "$STAMPS/$name" ] && [ "$(cat "$STAMPS/$name")" = "$(stamp_of "$@")" ]; }
mark_fresh() { local name=$1; shift; stamp_of "$@" >"$STAMPS/$name"; }

# --- Go -------------------------------------------------------------------------------
pinned_go=$(sed -n 's/^toolchain \(go[0-9.]*\)$/\1/p' "$ROOT/go.mod")
[ -n "$pinned_go" ] || die "go.mod has no 'toolchain goX.Y.Z' line"
if [ -x "$PREFIX/go/bin/go" ]; then export PATH="$PREFIX/go/bin:$PATH"; fi
have_go=""
if command -v go >/dev/null 2>&1; then
  have_go=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null | sed 's/^go//; s/[^0-9.].*$//')
fi
if [ -z "$have_go" ] || ! version_ge "$have_go" "$MIN_GO"; then
  found=${have_go:+Go $have_go}
  if [ "$INSTALL_GO" != 1 ]; then
    die "Go $MIN_GO or newer is needed, found ${found:-no Go on PATH}. Install it from https://go.dev/dl/ (this course pins $pinned_go), or rerun with --install-go."
  fi
  os=$(uname -s | tr '[:upper:]' '[:lower:]'); arch=$(uname -m)
  case "$arch" in x86_64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; esac
  want=${GO_SHA256[$pinned_go.$os-$arch]:-}
  [ -n "$want" ] || die "no pinned sha256 for $pinned_go.$os-$arch in docker/install.sh"
  proxy=$(printf '%s' "${GOPROXY:-https://proxy.golang.org}" | cut -d, -f1)
  [ "$proxy" != direct ] && [ "$proxy" != off ] || proxy=https://proxy.golang.org
  url="$proxy/golang.org/toolchain/@v/v0.0.1-$pinned_go.$os-$arch.zip"
  say "installing $pinned_go into $PREFIX/go from $url"
  tmp=$(mktemp -d)
  curl -fsSL --retry 3 -o "$tmp/go.zip" "$url" || die "could not download $url"
  got=$(sha256sum "$tmp/go.zip" | cut -d' ' -f1)
  [ "$got" = "$want" ] || die "sha256 mismatch for $url: got $got, want $want"
  if command -v unzip >/dev/null 2>&1; then
    (cd "$tmp" && unzip -q go.zip)
  elif command -v python3 >/dev/null 2>&1; then
    (cd "$tmp" && python3 -m zipfile -e go.zip .)
  else
    die "unzip (or python3) is needed to unpack $url"
  fi
  rm -rf "$PREFIX/go"
  mv "$tmp/golang.org/toolchain@v0.0.1-$pinned_go.$os-$arch" "$PREFIX/go"
  chmod +x "$PREFIX"/go/bin/* "$PREFIX"/go/pkg/tool/*/* 2>/dev/null || true
  rm -rf "$tmp"
  export PATH="$PREFIX/go/bin:$PATH"
fi
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
say "Go: $(go version)"

# --- Python ---------------------------------------------------------------------------
if [ ! -x "$PREFIX/bin/python" ]; then
  py=""
  for cand in python3 python; do
    if command -v "$cand" >/dev/null 2>&1; then py=$cand; break; fi
  done
  [ -n "$py" ] || die "Python $MIN_PYTHON or newer is needed, found no python3 on PATH."
  pyv=$("$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
  version_ge "$pyv" "$MIN_PYTHON" || die "Python $MIN_PYTHON or newer is needed, found Python $pyv ($(command -v "$py")). Put a newer python3 first on the PATH (for example from pyenv, uv or conda)."
  "$py" -c 'import venv, ensurepip' 2>/dev/null || die "Python $pyv has no venv/ensurepip module; on Debian or Ubuntu install python3-venv."
  say "creating the Python environment $PREFIX"
  "$py" -m venv "$PREFIX"
fi
PY=$PREFIX/bin/python
pyv=$("$PY" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
version_ge "$pyv" "$MIN_PYTHON" || die "Python $MIN_PYTHON or newer is needed, $PY is Python $pyv."
if ! fresh requirements "$ROOT/requirements.txt"; then
  say "installing the pinned Python packages (requirements.txt) into Python $pyv"
  pip_opts=(--quiet --disable-pip-version-check --no-input)
  [ "$SLIM" = 1 ] && pip_opts+=(--no-cache-dir)
  "$PY" -m pip install "${pip_opts[@]}" -r "$ROOT/requirements.txt"
  mark_fresh requirements "$ROOT/requirements.txt"
fi
# The environment may hold packages we did not install (the Docker base image's, Binder's):
# every installed package's requirements must still be met, or a pin of ours broke one.
"$PY" -m pip check --disable-pip-version-check >/dev/null ||
  die "pip check found broken requirements in $PREFIX (run '$PY -m pip check'): pin a compatible version in requirements.txt"

# --- Go tools: gonb, goimports, gopls -------------------------------------------------
STAMP_EXTRA="$(go env GOVERSION) $PREFIX"
tool_inputs=("$ROOT/go.mod" "$ROOT/go.sum" "$ROOT/tools/gopls/go.mod" "$ROOT/tools/gopls/go.sum")
if ! fresh tools "${tool_inputs[@]}" || [ ! -x "$PREFIX/bin/gonb" ] || [ ! -x "$PREFIX/bin/goimports" ] || [ ! -x "$PREFIX/bin/gopls" ]; then
  say "building gonb, goimports and gopls into $PREFIX/bin (a minute or two the first time)"
  (
    if [ "$SLIM" = 1 ]; then
      # The tools' sources and objects (gopls's above all) are not needed once they are built.
      scratch=$(mktemp -d)
      trap 'rm -rf "$scratch"' EXIT
      export GOCACHE=$scratch/cache GOMODCACHE=$scratch/mod GOFLAGS="${GOFLAGS:+$GOFLAGS }-modcacherw"
    fi
    cd "$ROOT"
    go build -o "$PREFIX/bin/gonb" github.com/janpfeifer/gonb
    go build -o "$PREFIX/bin/goimports" golang.org/x/tools/cmd/goimports
    cd "$ROOT/tools/gopls"
    go build -o "$PREFIX/bin/gopls" golang.org/x/tools/gopls
  )
  mark_fresh tools "${tool_inputs[@]}"
fi
export PATH="$PREFIX/bin:$PATH"

# --- The GoNB kernelspec, inside the environment's own Jupyter data dir ---------------
export JUPYTER_DATA_DIR=$PREFIX/share/jupyter
kernel_json=$JUPYTER_DATA_DIR/kernels/gonb/kernel.json
if ! fresh kernel "${tool_inputs[@]}" || [ ! -f "$kernel_json" ]; then
  say "installing the GoNB kernelspec into $JUPYTER_DATA_DIR"
  gonb --install --logtostderr >/dev/null 2>&1 || gonb --install
  [ -f "$kernel_json" ] || die "gonb --install did not write $kernel_json"
  # GoNB writes an empty env. Put this environment's bin (goimports, gopls, and Go when we
  # installed it) in front of the PATH Jupyter gives the kernel; jupyter_client expands ${PATH}.
  kpath="$PREFIX/bin"
  [ -x "$PREFIX/go/bin/go" ] && kpath="$kpath:$PREFIX/go/bin"
  "$PY" - "$kernel_json" "$kpath" <<'PY'
import json, sys
path, bindir = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
spec.setdefault("env", {})["PATH"] = bindir + ":${PATH}"
spec["display_name"] = "Go (gonb)"
json.dump(spec, open(path, "w"), indent=2)
PY
  mark_fresh kernel "${tool_inputs[@]}"
fi

# --- JupyterLab defaults for a course that must work offline ---------------------------
# Workshops lose Wi-Fi: JupyterLab should not ask to fetch news or check for updates.
# overrides.json in the environment's own data dir sets the defaults; learners can still
# change them in Settings.
overrides=$JUPYTER_DATA_DIR/lab/settings/overrides.json
if [ ! -f "$overrides" ]; then
  mkdir -p "$(dirname "$overrides")"
  cat >"$overrides" <<'JSON'
{
  "@jupyterlab/apputils-extension:notification": {
    "fetchNews": "false",
    "checkForUpdates": false
  }
}
JSON
fi

# --- Pre-build the packages the notebooks import --------------------------------------
if [ "$PREBUILD" = 1 ]; then
  STAMP_EXTRA="$(go env GOVERSION GOCACHE GOMODCACHE) $COURSE"
  prebuild_inputs=("$COURSE/go.mod" "$COURSE/go.sum")
  while IFS= read -r f; do prebuild_inputs+=("$f"); done < <(find "$COURSE/helpers" -name '*.go' -not -name '*_test.go' | sort)
  if ! fresh prebuild "${prebuild_inputs[@]}"; then
    say "downloading and pre-building the Go modules the notebooks use"
    (cd "$COURSE" && go mod download && go build ./helpers/... && go build -race ./helpers/...)
    mark_fresh prebuild "${prebuild_inputs[@]}"
  fi
fi

# --- Warm-up: run every notebook once ---------------------------------------------------
# No stamp: this is for images, built once. docker/warmup executes each notebook with the
# same harness as the notebook tests (internal/notebook), in the notebook's own folder.
if [ "$WARM_UP" = 1 ]; then
  # Notebooks 03-05 run cells under the race detector. It cannot run under QEMU user-mode
  # emulation ("ThreadSanitizer: unsupported VMA range", golang/go#29948), which is what
  # `docker buildx --platform` uses for a foreign architecture: say so plainly, up front.
  probe=$(mktemp -d)
  printf 'package main\n\nfunc main() { println("race detector: ok") }\n' >"$probe/main.go"
  if ! race_out=$(cd "$probe" && GO111MODULE=off go run -race main.go 2>&1); then
    rm -rf "$probe"
    die "the race detector does not run here, and notebooks 03-05 need it: $race_out
Is this an emulated build (docker buildx --platform for another architecture, under QEMU)? Build each architecture on a machine of that architecture instead: see the README, 'A class on many laptops'."
  fi
  rm -rf "$probe"
  say "warming the Go caches: executing every notebook in $COURSE/notebooks"
  (cd "$ROOT" && GOLAB_VENV=$PREFIX go run ./docker/warmup "$COURSE/notebooks")
fi

say "ready: $PREFIX (kernel: $kernel_json)"
