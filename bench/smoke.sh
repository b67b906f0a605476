#!/usr/bin/env bash
# A seconds-long run of the benchmark (embedded servers), so it never rots. Needs `mvn package` first.
set -euo pipefail
cd "$(dirname "$0")/.."
java -jar bench/target/wework-bench.jar --smoke
