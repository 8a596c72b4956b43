#!/usr/bin/env bash
# Peak RSS of `casepack collect` over a 2 GiB tree of logs, all of it inside the window (so every
# byte streams through the collector, the redaction session and the zip writer).
#   bash scripts/bench/collect-rss.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/casepack-bench-rss}
mkdir -p "$work/out"
if [ ! -f "$work/tree.done" ]; then
  rm -rf "$work/tree"
  npx tsx scripts/bench/log-tree.ts "$work/tree" --files 16 --size 128MiB --days 10
  touch "$work/tree.done"
fi
cat > "$work/tree.yaml" <<YAML
name: bench-tree
files:
  - { id: tree, kind: log, paths: ["$work/tree/*.log"], maxBytes: 1GiB }
YAML
npm run build >/dev/null
rm -f "$work/out/"*.zip
du -sh "$work/tree"
/usr/bin/time -v node bin/casepack.js collect --profile "$work/tree.yaml" --since 30d --out "$work/out" \
  --yes --json --no-system-report 2> "$work/time.txt" > "$work/result.json"
grep -E 'Maximum resident set size|Elapsed \(wall clock\)' "$work/time.txt"
node -e 'const r=require(process.argv[1]); console.log(`bundle ${r.bundle}: ${r.summary.bytes} bytes in entries, zip ${r.size} bytes`)' "$work/result.json"
