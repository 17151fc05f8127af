// Command line of the simulated board (see sim/README.md, "The board on a pseudo-terminal").
#pragma once

#include <cstdint>
#include <string>

namespace fpga_board {

struct BoardOptions {
    // The line rate the RTL was generated for: one bit lasts clockHz / baud clocks.
    uint64_t clockHz = 0;
    uint64_t baud = 0;
    std::string tracePath;   // FST or VCD, whichever the model was verilated with
    uint64_t maxCycles = 0;  // 0: no limit
    std::string linkPath;    // optional symlink to the pseudo-terminal, for a stable name
};

extern const char* const boardUsage;

bool parseBoardOptions(int argc, char** argv, BoardOptions& options, std::string& error);

}  // namespace fpga_board
