// Name-based access to the top module's ports through VPI, so one harness source serves every
// design. Requires the model to be built with --vpi and the top's signals public (public_flat_rw).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "verilated_vpi.h"

namespace fpga_sim {

enum class PortDirection { Input, Output, Inout, Internal };

struct Port {
    std::string name;
    vpiHandle handle;
    int width;
    PortDirection direction;
};

class PortTable {
public:
    // Verilator's VPI aborts on values of VL_VALUE_STRING_MAX_WORDS words or more; the build
    // raises that limit, and the harness refuses wider ports with a clear message instead.
    static constexpr int maxWidth = (VL_VALUE_STRING_MAX_WORDS - 1) * 32;

    // Resolves a name (a top-level port, or a dotted hierarchical name when the signal is
    // public) once and caches the handle. Returns nullptr when VPI does not know the name.
    const Port* find(const std::string& name);

    // Every port of the top module, in VPI order, for listings: the handles are null.
    std::vector<Port> topPorts();

    // Writes words (least significant first; the caller has checked the width). Returns false
    // and fills error when VPI refuses the write.
    bool write(const Port& port, const std::vector<uint32_t>& words, std::string& error);

    // Writes a 0/1 value to a one-bit port; used for the clock on every half period.
    void writeBit(const Port& port, int bit);

    // Appends the current value as minimal lowercase hex.
    void appendHex(const Port& port, std::string& out);

    // True when the port's current value equals words (least significant first, any length).
    bool equals(const Port& port, const std::vector<uint32_t>& words);

private:
    std::unordered_map<std::string, Port> ports_;
    std::vector<s_vpi_vecval> vectorScratch_;
};

// "in", "out", "inout" or "internal": the spelling the ports command uses.
const char* directionName(PortDirection direction);

// "an input", "an output", ...: for error messages.
const char* directionDescription(PortDirection direction);

}  // namespace fpga_sim
