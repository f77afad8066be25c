#!/usr/bin/env bash
# Regenerates the golden tables in this folder with reference.py, the independent
# Python implementation of the specification in the HashRing article.
# Each .args file holds the arguments (one a line); each .table file one backend a slot.
set -euo pipefail
cd "$(dirname "$0")"
for args in *.args; do
    name=${args%.args}
    mapfile -t argv <"$args"
    python3 reference.py "${argv[@]}" >"$name.table"
done
python3 reference.py flowhash >flowhash-vectors.txt
