#!/usr/bin/env bash
# Runs the board benchmark (bench/README.md): compiles the app and its test sources, then runs
# dev.funnel.bench.BoardBenchmark against a scratch database on the local PostgreSQL.
#
#   bench/run-board-benchmark.sh [opportunities=50000] [iterations=200] [warmup=50]
#
# FUNNEL_DB_URL (only its server part is used), FUNNEL_DB_USER and FUNNEL_DB_PASSWORD are respected.
set -euo pipefail
cd "$(dirname "$0")/.."

opportunities="${1:-50000}"
iterations="${2:-200}"
warmup="${3:-50}"

# the second command builds app alone, so its sibling modules must be current in the local repository
mvn -B -q -DskipTests install -pl .,plugin-api,plugins/stage-templates,themes,db-changelog
mvn -B -q -DskipTests -pl app test-compile
# a separate run: exec.args would otherwise also reach the build's own exec execution (vaadin-npm-pin)
mvn -B -q -pl app exec:java -Dexec.mainClass=dev.funnel.bench.BoardBenchmark -Dexec.classpathScope=test \
    -Dexec.args="$opportunities $iterations $warmup"
