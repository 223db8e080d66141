#!/usr/bin/env bash
# CI for the example consumer: write its pact, verify it against a running mockgraph with
# provider states through /_mockgraph/provider-states, keep the verifier's JSON and JUnit reports.
#   usage: examples/graph_consumer/ci.sh [REPORT_DIR]     (default build/pact; needs python,
#   mockgraph and pact — from pip install 'mockgraph[pact]' — on PATH)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reports=$(mkdir -p "${1:-build/pact}" && cd "${1:-build/pact}" && pwd)
export PACT_DO_NOT_TRACK=true PACT_DIR="$reports/pacts"

python -m pytest -q -p no:cacheprovider "$here"              # consumer test → $PACT_DIR/scheduler-microsoft-graph.json

port=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mockgraph serve --host 127.0.0.1 --port "$port" --workers 2 >"$reports/mockgraph.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
python - "$port" <<'PY'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/_mockgraph/health"
for _ in range(100):
    try:
        urllib.request.urlopen(url, timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(f"mockgraph did not answer on {url}")
PY

pact verifier --file "$PACT_DIR/scheduler-microsoft-graph.json" \
  --hostname 127.0.0.1 --port "$port" \
  --state-change-url "http://127.0.0.1:$port/_mockgraph/provider-states" --state-change-teardown \
  --json "$reports/verification.json" --junit "$reports/verification.xml"
echo "pact verified; reports in $reports/verification.{json,xml}"
