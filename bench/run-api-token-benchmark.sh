#!/usr/bin/env bash
# Runs the API token benchmark (bench/README.md): compiles the app and its test sources, then runs
# dev.funnel.bench.ApiTokenBenchmark against a scratch database on the local PostgreSQL.
#
#   bench/run-api-token-benchmark.sh [opportunities=101000] [seconds per phase=15] [clients=20] [samples=500]
#
# FUNNEL_DB_URL (only its server part is used), FUNNEL_DB_USER and FUNNEL_DB_PASSWORD are respected.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests install -pl .,plugin-api,plugins/stage-templates,themes,db-changelog
mvn -B -q -DskipTests -pl app test-compile
mvn -B -q -pl app exec:java -Dexec.mainClass=dev.funnel.bench.ApiTokenBenchmark -Dexec.classpathScope=test \
    -Dexec.args="${1:-101000} ${2:-15} ${3:-20} ${4:-500}"
