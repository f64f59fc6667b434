#!/usr/bin/env bash
# Op-level JMH benchmarks (src/test/java/dev/unlearn4j/bench/OpBench.java). Usage: experiments/jmh.sh [JMH args]
# e.g. experiments/jmh.sh -rf json -rff results/bench/jmh.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main OpBench "$@"
