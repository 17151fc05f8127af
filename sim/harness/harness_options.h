// Command-line options of the harness binary. Arguments starting with '+' belong to Verilator
// (+verilator+seed+..., plusargs for $test$plusargs) and are passed through untouched.
#pragma once

#include <string>

namespace fpga_sim {

struct HarnessOptions {
    std::string clockPort = "clk";
    std::string waveformPath;  // empty: no waveform
};

// Returns false and fills error on an unknown or incomplete option.
bool parseHarnessOptions(int argc, char** argv, HarnessOptions& options, std::string& error);

extern const char* const harnessUsage;

}  // namespace fpga_sim
