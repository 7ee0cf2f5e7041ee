#!/usr/bin/env bash
# Runs the pipeline history benchmark (bench/README.md): compiles the app and its test sources, then runs
# dev.funnel.bench.PipelineHistoryBenchmark against a scratch database on the local PostgreSQL.
#
#   bench/run-pipeline-history-benchmark.sh [opportunities=1000000] [rounds=20] [warmup=3]
#
# FUNNEL_DB_URL (only its server part is used), FUNNEL_DB_USER and FUNNEL_DB_PASSWORD are respected.
set -euo pipefail
cd "$(dirname "$0")/.."

opportunities="${1:-1000000}"
rounds="${2:-20}"
warmup="${3:-3}"

mvn -B -q -DskipTests install -pl .,plugin-api,plugins/stage-templates,themes,db-changelog
mvn -B -q -DskipTests -pl app test-compile
mvn -B -q -pl app exec:java -Dexec.mainClass=dev.funnel.bench.PipelineHistoryBenchmark -Dexec.classpathScope=test \
    -Dexec.args="$opportunities $rounds $warmup"
