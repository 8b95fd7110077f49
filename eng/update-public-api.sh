#!/usr/bin/env bash
# Adds every public symbol the compiler reports as undeclared (RS0016) to PublicAPI.Unshipped.txt
# of the project given, so that a deliberate API change is one command and a reviewable diff.
set -euo pipefail
project=${1:?usage: eng/update-public-api.sh src/PROJECT}
unshipped="$project/PublicAPI.Unshipped.txt"
added=$(dotnet build "$project" -p:TreatWarningsAsErrors=false 2>&1 \
  | grep RS0016 | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" | sort -u || true)
[ -n "$added" ] || { echo "public API is up to date"; exit 0; }
{ grep -v '^#nullable' "$unshipped" || true; echo "$added"; } | sort -u > "$unshipped.tmp"
{ echo '#nullable enable'; cat "$unshipped.tmp"; } > "$unshipped"
rm "$unshipped.tmp"
echo "added $(echo "$added" | wc -l) symbols to $unshipped"
