#!/usr/bin/env bash
# The hooks as a team installs them: `pre-commit try-repo` builds them from this repository
# (pip fetches cjm's dependencies from the package index), then runs them on a new repository
# with the README's layout. A healthy map passes; a renamed persona fails the commit.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
pre_commit=${PRE_COMMIT:-$here/.venv/bin/pre-commit}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/home CJM_CACHE_DIR=$work/cache XDG_CACHE_HOME=$work/user-cache

repo=$work/maps
mkdir -p "$repo/docs/journeys" "$repo/docs/personas"
cp "$here/examples/online-store-en/journey.yaml" "$repo/docs/journeys/first-purchase.yaml"
cp "$here/examples/online-store-en/touchpoints.yaml" "$repo/docs/journeys/touchpoints.yaml"
cp "$here/examples/online-store-en/personas/"*.yaml "$repo/docs/personas/"
printf 'paths = ["docs/journeys", "docs/personas"]\n' > "$repo/cjm.toml"
cd "$repo"
git init -q
git config user.email team@example.org
git config user.name Team
git add -A
git commit -q -m maps

for hook in cjm-validate cjm-lint; do
  "$pre_commit" try-repo "$here" "$hook" --all-files --color never
done

sed -i 's/^id: anna-busy-parent/id: anna/' docs/personas/anna-busy-parent.yaml
git add docs/personas/anna-busy-parent.yaml
if output=$("$pre_commit" try-repo "$here" cjm-validate --color never 2>&1); then
  echo "$output"
  echo "FAIL: renaming a persona passed the cjm-validate hook" >&2
  exit 1
fi
grep -q "docs/journeys/first-purchase.yaml:20:12: error CJM031" <<<"$output" || { echo "$output"; exit 1; }
echo "pre-commit try-repo: the hooks pass a healthy repository and fail a renamed persona"
