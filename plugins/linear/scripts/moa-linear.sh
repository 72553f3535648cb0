#!/usr/bin/env bash
# Regenerates src/testdata/moa-linear-sea.json: MOA's Perceptron and SGDMultiClass (log loss) on sea,
# which linear.test.ts compares with (standardize=false). Needs a JDK and MOA's jar (MOA_JAR).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${MOA_JAR:-$HOME/.m2/repository/nz/ac/waikato/cms/moa/moa/2024.07.0/moa-2024.07.0.jar}"
data="${TRIBUTARY_DATASETS:-$here/../../../../shared/datasets}/sea.csv.gz"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
javac -d "$build" -cp "$jar" "$here/moa-linear/MoaLinear.java"
java -cp "$jar:$build" MoaLinear "$data" > "$here/../src/testdata/moa-linear-sea.json"
echo "wrote $here/../src/testdata/moa-linear-sea.json"
