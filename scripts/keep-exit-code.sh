#!/usr/bin/env bash
# Run a command (pytest), keep its exit code in a file, say it, and exit with it.
# GNU make itself only ever exits 0 or 2, whatever its recipe returned: the file is how .ci/run hands CI
# pytest's own code (README, « Quarantaine et codes de sortie »: 1 scénario en échec, 3, 4, 5...).
set -u
file=$1
shift
mkdir -p "$(dirname "$file")"
rm -f "$file"
"$@"
code=$?
echo "$code" > "$file"
if [ "$code" -ne 0 ]; then
  echo "Code de sortie de pytest : $code (signification : README, « Quarantaine et codes de sortie ») ; gardé dans $file." >&2
fi
exit "$code"
