#!/usr/bin/env bash
# Execute notebooks with the real Jupyter stack (nbconvert + nbclient) and the project's tslab kernel.
#
#   .ci/nbconvert.sh [PROJECT_ROOT] [NOTEBOOK_DIR]
#
# PROJECT_ROOT defaults to the parent of this script; NOTEBOOK_DIR defaults to PROJECT_ROOT/notebooks.
# Registers the kernel (what `npm run kernel:install` does), then runs every NOTEBOOK_DIR/*.ipynb (sorted) with
#   jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=cloud-market-atlas-ts
# writing the executed copies to a temp dir (printed; removed unless KEEP_NBCONVERT_OUTPUT=1).
# Then converts the executed copies with `jupyter nbconvert --to html` and checks the pages
# (tools/notebook-html.ts: every chart drawn, every table escaped HTML, no raw $).
# Exits non-zero when a cell throws or a page is wrong. tslab's error reply carries no text (nbconvert prints a blank
# "<Error>:"), so on failure the notebook is re-run with --allow-errors and the failing cell's
# stderr (where tslab writes the real message) is printed.
#
# The kernel runs in the notebook's folder, and notebooks import helpers as "./lib/display". For a
# NOTEBOOK_DIR other than PROJECT_ROOT/notebooks (e.g. test/fixtures/notebooks) the notebooks are
# staged next to a copy of notebooks/lib under PROJECT_ROOT/.jupyter/ (git-ignored; node_modules
# still resolves from there) and the stage is removed afterwards.
set -euo pipefail

case "${1:-}" in
  -h | --help)
    cat <<'HELP'
usage: npm run notebooks:nbconvert -- [PROJECT_ROOT [NOTEBOOK_DIR]]

Executes every NOTEBOOK_DIR/*.ipynb (default: PROJECT_ROOT/notebooks; PROJECT_ROOT defaults to the
repository) with Jupyter's nbconvert and the project's tslab kernel, into a temporary folder.
Needs Jupyter (Debian: jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel).

options:
  -h, --help  print this help and exit

environment: JUPYTER=/path/to/jupyter (default /usr/bin/jupyter, then PATH);
KEEP_NBCONVERT_OUTPUT=1 keeps the executed notebooks. Exit codes: 0 all ran; 1 a cell failed or
Jupyter does not see the kernel; 2 bad usage or no Jupyter.
HELP
    exit 0
    ;;
  -*)
    echo "nbconvert.sh: unknown option $1 (--help lists the usage)" >&2
    exit 2
    ;;
esac

ROOT="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)"
NB_DIR="$(cd "${2:-$ROOT/notebooks}" && pwd)"
KERNEL=cloud-market-atlas-ts
JUPYTER="${JUPYTER:-/usr/bin/jupyter}"
[ -x "$JUPYTER" ] || JUPYTER="$(command -v jupyter || true)"
if [ -z "$JUPYTER" ] || ! "$JUPYTER" nbconvert --version >/dev/null 2>&1; then
  echo "nbconvert.sh: jupyter nbconvert not found. Debian: apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel" >&2
  exit 2
fi

# same as `npm run kernel:install`, without depending on npm's script table; like npm, with the
# project's node_modules/.bin first on PATH, so that the kernel runs on the Node.js that npm scripts
# use (the one `npm ci` installs into node_modules on linux-x64: README)
export PATH="$ROOT/node_modules/.bin:$PATH"
(cd "$ROOT" && tsx tools/kernel-install.ts >/dev/null)
export PYDEVD_DISABLE_FILE_VALIDATION=1  # silences debugpy's "frozen modules" warning
export JUPYTER_PATH="$ROOT/.jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
specs="$("$JUPYTER" kernelspec list 2>/dev/null)"
grep -q "^ *$KERNEL " <<<"$specs" || { echo "nbconvert.sh: kernel $KERNEL not visible to $JUPYTER" >&2; exit 1; }

OUT="$(mktemp -d "${TMPDIR:-/tmp}/nbconvert-out.XXXXXX")"
STAGE=""
cleanup() {
  [ -n "$STAGE" ] && rm -rf "$STAGE"
  if [ "${KEEP_NBCONVERT_OUTPUT:-0}" != 1 ]; then rm -rf "$OUT"; fi
}
trap cleanup EXIT

RUN_DIR="$NB_DIR"
if [ "$NB_DIR" != "$ROOT/notebooks" ]; then
  mkdir -p "$ROOT/.jupyter"
  STAGE="$(mktemp -d "$ROOT/.jupyter/nbconvert-stage.XXXXXX")"
  [ -d "$ROOT/notebooks/lib" ] && cp -R "$ROOT/notebooks/lib" "$STAGE/lib"
  [ -f "$ROOT/notebooks/package.json" ] && cp "$ROOT/notebooks/package.json" "$STAGE/"
  cp "$NB_DIR"/*.ipynb "$STAGE/" 2>/dev/null || true
  RUN_DIR="$STAGE"
fi

shopt -s nullglob
notebooks=("$RUN_DIR"/*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then
  echo "nbconvert.sh: no notebooks in $NB_DIR"
  exit 0
fi

status=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  echo "== $name"
  if ! "$JUPYTER" nbconvert --to notebook --execute \
      --ExecutePreprocessor.kernel_name="$KERNEL" \
      --ExecutePreprocessor.timeout=300 \
      --output-dir "$OUT" "$nb"; then
    echo "nbconvert.sh: FAILED: $NB_DIR/$name" >&2
    "$JUPYTER" nbconvert --to notebook --execute --allow-errors \
      --ExecutePreprocessor.kernel_name="$KERNEL" --ExecutePreprocessor.timeout=300 \
      --output-dir "$OUT" --output "failed-$name" "$nb" >/dev/null 2>&1 || true
    if [ -f "$OUT/failed-$name" ]; then
      /usr/bin/python3 - "$OUT/failed-$name" "$name" >&2 <<'PY' || true
import json, sys
nb = json.load(open(sys.argv[1]))
# tslab sends no "error" output; its error text is on the stderr stream of the failing cell.
for i, cell in enumerate(nb["cells"], 1):
    err = "".join("".join(o.get("text", "")) for o in cell.get("outputs", [])
                  if o.get("output_type") == "stream" and o.get("name") == "stderr")
    if err.strip():
        src = "".join(cell.get("source", "")).strip().splitlines()
        print(f"{sys.argv[2]}: stderr of cell {i} ({src[0] if src else ''!r}):\n{err.strip()}")
PY
    fi
    status=1
    break
  fi
done
if [ $status -eq 0 ]; then
  # what a reader of `jupyter nbconvert --to html` sees: every chart drawn (PNG), no raw $ in tables
  echo "== nbconvert --to html of the executed notebooks"
  (cd "$ROOT" && JUPYTER="$JUPYTER" tsx tools/notebook-html.ts "$OUT"/*.ipynb) || status=1
fi
echo "executed notebooks in $OUT$([ "${KEEP_NBCONVERT_OUTPUT:-0}" = 1 ] || echo ' (removed; KEEP_NBCONVERT_OUTPUT=1 keeps them)')"
exit $status
