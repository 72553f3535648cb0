#!/usr/bin/env bash
# Regenerates src/testdata/moa-knn-electricity.json and moa-knn-paw-adwin-electricity.json:
# MOA's kNN and kNNwithPAWandADWIN predictions on electricity, which knn.test.ts compares
# with instance by instance. Needs a
# JDK and MOA's jar (MOA_JAR, default: MOA 2024.07.0 in the local Maven repository).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${MOA_JAR:-$HOME/.m2/repository/nz/ac/waikato/cms/moa/moa/2024.07.0/moa-2024.07.0.jar}"
data="${TRIBUTARY_DATASETS:-$here/../../../../shared/datasets}/electricity.csv.gz"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
javac -d "$build" -cp "$jar" "$here/moa-knn/MoaKnnElectricity.java"
java -cp "$jar:$build" MoaKnnElectricity "$data" 1000000 knn > "$here/../src/testdata/moa-knn-electricity.json"
java -cp "$jar:$build" MoaKnnElectricity "$data" 1000000 paw-adwin > "$here/../src/testdata/moa-knn-paw-adwin-electricity.json"
echo "wrote $here/../src/testdata/moa-knn-electricity.json and moa-knn-paw-adwin-electricity.json"
