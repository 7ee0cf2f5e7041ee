#!/usr/bin/env bash
# Runs the import benchmark (bench/README.md): compiles the app and its test sources, then runs
# dev.funnel.bench.ImportBenchmark against a scratch database on the local PostgreSQL.
#
#   bench/run-import-benchmark.sh [rows=100000] [rounds=5] [warmup=1]
#
# FUNNEL_DB_URL (only its server part is used), FUNNEL_DB_USER and FUNNEL_DB_PASSWORD are respected.
set -euo pipefail
cd "$(dirname "$0")/.."

rows="${1:-100000}"
rounds="${2:-5}"
warmup="${3:-1}"

mvn -B -q -DskipTests install -pl .,plugin-api,plugins/stage-templates,themes,db-changelog
mvn -B -q -DskipTests -pl app test-compile
mvn -B -q -pl app exec:java -Dexec.mainClass=dev.funnel.bench.ImportBenchmark -Dexec.classpathScope=test \
    -Dexec.args="$rows $rounds $warmup"
