#!/usr/bin/env bash
# On a machine with a GPU, after the README's setup line: prints the WebGPU adapter, runs the webgpu
# parity tests (every kernel and a whole training step of each seed network against the native
# CPU kernels), then the five reference models' step times on webgpu and native and their ratios
# (bench:kernels). Under 10 minutes on a GPU server.
#   bash tools/gpu-check.sh            [--force: also time a software adapter such as lavapipe]
# PyTorch's step times join the table when /usr/bin/python3 has torch (python3-torch: CPU only),
# or ABLATE_PYTHON names a Python whose torch sees the GPU (then ratio_vs_pytorch is against CUDA).
set -uo pipefail
cd "$(dirname "$0")/.."
force=0
[ "${1:-}" = "--force" ] && force=1

echo "== adapter"
npx tsx tools/gpu-adapter.ts
status=$?
if [ "$status" -eq 1 ]; then exit 1; fi
if [ "$status" -eq 2 ] && [ "$force" -eq 0 ]; then
  echo "(running the parity tests only; --force times the software adapter too, slowly)"
fi

echo
echo "== parity: webgpu against the native CPU kernels"
ABLATE_REQUIRE_WEBGPU=1 npx jest -c libs/training/jest.config.js src/webgpu || { echo "gpu-check: the parity tests FAILED on this adapter"; exit 1; }
[ "$status" -eq 2 ] && [ "$force" -eq 0 ] && exit 0

echo
echo "== step times: native and webgpu, 3 alternated rounds of 5 steps"
python="${ABLATE_PYTHON:-/usr/bin/python3}"
pytorch=""
if ! "$python" -c 'import torch' 2>/dev/null; then
  pytorch="--no-pytorch"
  echo "(PyTorch is not importable from $python: ratio_vs_pytorch left out. apt-get install python3-torch, or ABLATE_PYTHON=/path/to/python with a CUDA PyTorch)"
fi
npx tsx benchmarks/kernels.ts --backends native,webgpu --rounds 3 --steps 5 --no-js $pytorch || { echo "gpu-check: the benchmark FAILED"; exit 1; }
