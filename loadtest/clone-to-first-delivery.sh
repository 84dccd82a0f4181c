#!/usr/bin/env bash
# Clone to first delivery (docs/benchmarks.md "Clone to first delivery"): how long a newcomer waits between
# `git clone` and the first event delivered to a subscriber, following README.md literally on a cold Maven
# cache. Steps, each timed:
#   1. git clone the repository (branch BRANCH) into a fresh temporary folder;
#   2. the README's run command: ./mvnw -Dmaven.test.skip=true -pl broker -am package, with an empty local
#      repository (-Dmaven.repo.local=$M2_REPO) and an empty wrapper home (MAVEN_USER_HOME), so the Maven
#      distribution, the plugins and the dependencies all come from Maven Central;
#   3. java -jar broker/target/switchboard.jar, until it prints "Switchboard is ready.";
#   4. tour step 5: create switchboard.d/ with the README's hello-logger trigger (subscriber: a JDK-only HTTP
#      server started by this script), until `java -jar broker/target/switchboard.jar triggers` lists it True;
#   5. tour step 2: the README's first curl line, until the subscriber has the event.
# One deviation from the README, for a shared machine: ports 0 (SWITCHBOARD_INGRESS_PORT=0,
# SWITCHBOARD_OPS_PORT=0), the chosen ones read from data/ports.json, as the README says they can be.
#
# Usage: loadtest/clone-to-first-delivery.sh [REPOSITORY [BRANCH]]
#   REPOSITORY  what to clone (default: this repository's folder); BRANCH (default: its current branch)
#   M2_REPO     the cold local repository (default /tmp/m2-cold-cli; must not exist yet); deleted afterwards
#               with the wrapper home and the clone unless KEEP=1
# Needs: git, curl, a JDK 17+ (java on the PATH), network access to Maven Central.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
repository="${1:-$here}"
branch="${2:-$(git -C "$here" rev-parse --abbrev-ref HEAD)}"
m2_repo="${M2_REPO:-/tmp/m2-cold-cli}"
wrapper_home="${m2_repo}-wrapper-home"
patience=300

if [[ -e "$m2_repo" || -e "$wrapper_home" ]]; then
  echo "$m2_repo or $wrapper_home exists: the measurement needs a cold (absent) Maven cache" >&2
  exit 2
fi
work="$(mktemp -d /tmp/clone-to-first-delivery.XXXXXX)"
server_pid=""
subscriber_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ -n "$subscriber_pid" ]] && kill "$subscriber_pid" 2>/dev/null && wait "$subscriber_pid" 2>/dev/null || true
  if [[ "${KEEP:-0}" != 1 ]]; then
    rm -rf "$work" "$m2_repo" "$wrapper_home"
  else
    echo "kept: $work $m2_repo $wrapper_home"
  fi
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# waits until the command succeeds, at most $patience seconds
until_true() {
  local deadline=$((SECONDS + patience))
  until "$@"; do
    if ((SECONDS > deadline)); then echo "gave up waiting for: $*" >&2; return 1; fi
    sleep 0.2
  done
}

echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "load:    $(uptime)"
echo "clone:   $repository ($branch) into $work/switchboard"
echo "maven:   -Dmaven.repo.local=$m2_repo, MAVEN_USER_HOME=$wrapper_home (both empty)"

t0="$(now)"
git clone --quiet --branch "$branch" "$repository" "$work/switchboard"
t_clone="$(since "$t0")"
cd "$work/switchboard"

t1="$(now)"
MAVEN_USER_HOME="$wrapper_home" ./mvnw -B -Dmaven.repo.local="$m2_repo" \
  -Dmaven.test.skip=true -pl broker -am package > "$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log"; exit 1; }
t_build="$(since "$t1")"
downloaded="$(grep -c 'Downloaded from central' "$work/build.log" || true)"
downloaded_size="$(du -sh "$m2_repo" | cut -f1)"

# the subscriber of the tour's trigger: JDK only, prints one line per event it is sent
cat > "$work/Subscriber.java" <<'JAVA'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

public class Subscriber {
    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            System.out.println("delivered " + exchange.getRequestHeaders().getFirst("ce-id"));
            System.out.flush();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();
    }
}
JAVA
java "$work/Subscriber.java" > "$work/subscriber.log" 2>&1 &
subscriber_pid=$!

t2="$(now)"
SWITCHBOARD_INGRESS_PORT=0 SWITCHBOARD_OPS_PORT=0 java -jar broker/target/switchboard.jar > "$work/server.log" 2>&1 &
server_pid=$!
until_true grep -q "Switchboard is ready." "$work/server.log"
t_start="$(since "$t2")"
ingress_port="$(sed -n 's/.*"ingress" *: *\([0-9]*\).*/\1/p' data/ports.json)"
until_true grep -q '^port ' "$work/subscriber.log"
subscriber_port="$(sed -n 's/^port //p' "$work/subscriber.log")"

t3="$(now)"
mkdir switchboard.d
cat > switchboard.d/hello.yaml <<YAML
apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: hello-logger
spec:
  broker: default
  filter:
    attributes:
      type: com.example.hello
  subscriber:
    uri: http://127.0.0.1:${subscriber_port}/
YAML
trigger_ready() {
  java -jar broker/target/switchboard.jar triggers 2>/dev/null | grep -Eq '^default +hello-logger .* True '
}
until_true trigger_ready
t_ready="$(since "$t3")"

t4="$(now)"
curl -sS -o /dev/null -X POST "http://127.0.0.1:${ingress_port}/default/default" \
  -H 'ce-specversion: 1.0' -H 'ce-id: 1' -H 'ce-type: com.example.hello' \
  -H 'ce-source: /curl' -H 'content-type: application/json' -d '{"hello":"world"}'
until_true grep -q '^delivered 1$' "$work/subscriber.log"
t_delivered="$(since "$t4")"
total="$(since "$t0")"

echo "git clone:                         ${t_clone} s"
echo "build (README run command, cold):  ${t_build} s  (${downloaded} files downloaded from Maven Central, ${downloaded_size})"
echo "start until 'Switchboard is ready.': ${t_start} s"
echo "trigger file until listed True:    ${t_ready} s"
echo "curl until delivered:              ${t_delivered} s"
echo "clone to first delivery:           ${total} s"
echo "load:    $(uptime)"
