#!/usr/bin/env bash
# Run a command (pytest), keep its exit code in a file, say it, and exit with it.
# GNU make itself only ever exits 0 or 2, whatever its recipe returned: the file is how .ci/run hands CI
# pytest's own code (README, « Quarantaine et codes de sortie »: 1 scénario en échec, 3, 4, 5...).
set -u
file=$1
shift
mkdir -p "$(dirname "$file")"
rm -f "$file"
# A Ctrl-C (SIGINT to the terminal's whole group) or a SIGTERM (CI stopping its job's group; make forwards it too)
# reaches pytest, which stops in order and exits 2: this script waits for that code instead of dying with the signal
# (bash runs a trap once the foreground command has ended). A trap, not an ignored signal: pytest and the browsers
# must still receive it.
trap ':' INT TERM
"$@"
code=$?
echo "$code" > "$file"
if [ "$code" -ne 0 ]; then
  echo "Code de sortie de pytest : $code (signification : README, « Quarantaine et codes de sortie ») ; gardé dans $file." >&2
fi
exit "$code"
