#!/usr/bin/env bash
# `npm test`, the README's test command and what CI runs: install what the tests need (Debian
# packages, as root), start the real servers, check and build, run every suite, stop the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
export CASEPACK_TEST_STATE=${CASEPACK_TEST_STATE:-/tmp/casepack-test-env}
start=$(date +%s)
bash scripts/test-env/install.sh
trap 'bash scripts/test-env/down.sh' EXIT
bash scripts/test-env/up.sh
npm run lint
npm run typecheck
npm run build
npx vitest run
if [ -f playwright.config.ts ]; then npx playwright test; fi
echo "[test-all] all suites passed in $(( $(date +%s) - start ))s"
