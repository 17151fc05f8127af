// Owns the notion of time: a clock period is two time units, the clock rests low between
// commands, and inputs written while it is low are seen at the next rising edge.
#pragma once

#include <cstdint>
#include <vector>

#include "port_table.h"

class VerilatedContext;
class Vdut;

namespace fpga_sim {

class Waveform;

class ClockedSimulation {
public:
    // clock may be null for a purely combinational design; step then reports an error.
    ClockedSimulation(VerilatedContext& context, Vdut& model, PortTable& ports, const Port* clock,
                      Waveform* waveform);

    // Evaluates the initial state (initial blocks, combinational logic with the clock low).
    void start();

    void inputsChanged() { inputsDirty_ = true; }

    // Re-evaluates only if an input changed since the last evaluation.
    void settle();

    void eval();

    // Runs cycles rising edges. Returns false if the design called $finish on the way.
    bool step(uint64_t cycles);

    // Runs single cycles until port equals words, at most maxCycles of them; the value is
    // checked before the first edge too. Sets stepped to the cycles run and reached to whether
    // the value was seen. Returns false if the design called $finish on the way.
    bool stepUntil(const Port& port, const std::vector<uint32_t>& words, uint64_t maxCycles,
                   uint64_t& stepped, bool& reached);

    uint64_t cycles() const { return cycles_; }

    bool hasClock() const { return clock_ != nullptr; }

    // Writes the last time point to the waveform and runs final blocks.
    void finish();

private:
    void advanceHalfPeriod();

    VerilatedContext& context_;
    Vdut& model_;
    PortTable& ports_;
    const Port* clock_;
    Waveform* waveform_;
    uint64_t cycles_ = 0;
    bool inputsDirty_ = false;
};

}  // namespace fpga_sim
