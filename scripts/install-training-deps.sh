#!/usr/bin/env bash
# Debian's PyTorch and ONNX for training and export, with OpenBLAS (without it matmuls
# are ~30x slower). Run with /usr/bin/python3: another python3 on PATH may lack torch.
set -euo pipefail
if /usr/bin/python3 -c 'import torch, onnx' 2>/dev/null && dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3-torch python3-onnx libopenblas0-pthread >/dev/null
/usr/bin/python3 -c 'import torch, onnx; print("torch", torch.__version__, "onnx", onnx.__version__)'
