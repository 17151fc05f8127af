// The stdin/stdout protocol. Only get, until, cycles and ports answer (one line each), so a client can
// write any number of commands without waiting. The first failing command answers
// "error <message>" and ends the session with a non-zero exit code: after a failed command the
// client's view of the design is wrong, and carrying on would only hide that.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clocked_simulation.h"
#include "line_io.h"
#include "port_table.h"

namespace fpga_sim {

class CommandLoop {
public:
    CommandLoop(ClockedSimulation& simulation, PortTable& ports, std::string clockName,
                ResponseWriter& out);

    // Runs until quit or end of input. Returns the process exit code.
    int run(LineReader& in);

private:
    enum class Outcome { Continue, Quit, Failed };

    Outcome execute(std::string_view line);
    Outcome set(std::string_view portName, std::string_view hex);
    Outcome get(std::string_view portName);
    Outcome step(std::string_view count);
    Outcome stepUntil(std::string_view portName, std::string_view hex, std::string_view maxCycles);
    bool parseValue(const Port& port, std::string_view hex);
    bool parseCycles(std::string_view text, uint64_t& cycles);
    Outcome listPorts();
    const Port* lookup(std::string_view portName);
    Outcome fail(const std::string& message);

    ClockedSimulation& simulation_;
    PortTable& ports_;
    std::string clockName_;
    ResponseWriter& out_;
    std::string nameScratch_;
    std::string responseScratch_;
    std::vector<uint32_t> wordScratch_;
};

}  // namespace fpga_sim
