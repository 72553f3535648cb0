#!/usr/bin/env bash
# Regenerates src/testdata/moa-detections.json: MOA's detection positions on the
# seeded Bernoulli streams of the detector tests. Needs a JDK and MOA's jar
# (MOA_JAR, default: MOA 2024.07.0 in the local Maven repository).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${MOA_JAR:-$HOME/.m2/repository/nz/ac/waikato/cms/moa/moa/2024.07.0/moa-2024.07.0.jar}"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
javac -d "$build" -cp "$jar" "$here/moa-detections/MoaDetections.java"
mkdir -p "$here/../src/testdata"
java -cp "$jar:$build" MoaDetections > "$here/../src/testdata/moa-detections.json"
echo "wrote $here/../src/testdata/moa-detections.json"
