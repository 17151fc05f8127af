#include "board_options.h"

#include <cstdlib>
#include <cstring>

namespace fpga_board {

const char* const boardUsage
    = "usage: fpga-sim --clock-hz HZ --baud BAUD [--trace FILE] [--max-cycles N] [--link PATH]\n"
      "  opens a pseudo-terminal, prints 'pty PATH', and behaves on it like the board";

namespace {

bool parseCount(const char* text, uint64_t& value) {
    char* end = nullptr;
    if (text[0] < '0' || text[0] > '9') return false;
    value = std::strtoull(text, &end, 10);
    return end && *end == '\0';
}

}  // namespace

bool parseBoardOptions(int argc, char** argv, BoardOptions& options, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg[0] == '+') continue;
        if (i + 1 >= argc) {
            error = "option " + arg + " needs a value";
            return false;
        }
        const char* value = argv[++i];
        if (arg == "--clock-hz" || arg == "--baud" || arg == "--max-cycles") {
            uint64_t number = 0;
            if (!parseCount(value, number)) {
                error = "option " + arg + " needs a whole number, not '" + value + "'";
                return false;
            }
            (arg == "--clock-hz" ? options.clockHz : arg == "--baud" ? options.baud : options.maxCycles) = number;
        } else if (arg == "--trace") {
            options.tracePath = value;
        } else if (arg == "--link") {
            options.linkPath = value;
        } else {
            error = "unknown option '" + arg + "'";
            return false;
        }
    }
    if (options.clockHz == 0 || options.baud == 0) {
        error = "--clock-hz and --baud are required: the line rate the board was generated for";
        return false;
    }
    if (options.clockHz < 4 * options.baud) {
        error = "a bit must last at least 4 clocks (--clock-hz / --baud >= 4)";
        return false;
    }
    return true;
}

}  // namespace fpga_board
