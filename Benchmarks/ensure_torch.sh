#!/usr/bin/env bash
# Installs the PyTorch CPU reference (torch, numpy, pillow) with pip when it is missing; the benchmarks'
# scripts run it before timing PyTorch. The pinned CPU wheel first, any torch if that index is unreachable.
set -euo pipefail
if ! python3 -c "import torch, numpy, PIL" 2>/dev/null; then
    echo "Installing the PyTorch CPU reference (torch, numpy, pillow) with pip…"
    python3 -m pip install -q "torch==2.13.0+cpu" numpy pillow 2>/dev/null \
        || python3 -m pip install -q torch numpy pillow
fi
