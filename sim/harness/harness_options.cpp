#include "harness_options.h"

#include <cstring>

namespace fpga_sim {

const char* const harnessUsage
    = "usage: fpga-sim [--clock PORT] [--trace FILE] [+verilator+...]\n"
      "  reads commands from stdin: set PORT HEX | get PORT | step [N] | until PORT HEX MAXCYCLES"
      " | eval | cycles | ports | quit";

bool parseHarnessOptions(int argc, char** argv, HarnessOptions& options, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (arg[0] == '+') continue;
        const bool takesValue = std::strcmp(arg, "--clock") == 0 || std::strcmp(arg, "--trace") == 0;
        if (!takesValue) {
            error = std::string("unknown option '") + arg + "'";
            return false;
        }
        if (i + 1 >= argc || argv[i + 1][0] == '\0') {
            error = std::string("option ") + arg + " needs a value";
            return false;
        }
        const char* value = argv[++i];
        if (std::strcmp(arg, "--clock") == 0) {
            options.clockPort = value;
        } else {
            options.waveformPath = value;
        }
    }
    return true;
}

}  // namespace fpga_sim
