#include "clocked_simulation.h"

#include "Vdut.h"
#include "verilated.h"
#include "waveform.h"

namespace fpga_sim {

ClockedSimulation::ClockedSimulation(VerilatedContext& context, Vdut& model, PortTable& ports,
                                     const Port* clock, Waveform* waveform)
    : context_(context), model_(model), ports_(ports), clock_(clock), waveform_(waveform) {}

void ClockedSimulation::start() {
    if (clock_) ports_.writeBit(*clock_, 0);
    eval();
}

void ClockedSimulation::settle() {
    if (inputsDirty_) eval();
}

void ClockedSimulation::eval() {
    model_.eval();
    inputsDirty_ = false;
}

bool ClockedSimulation::step(uint64_t cycles) {
    for (uint64_t i = 0; i < cycles; ++i) {
        // Settling first makes new inputs visible in the waveform before the edge; the edge
        // would capture them either way.
        settle();
        advanceHalfPeriod();
        ports_.writeBit(*clock_, 1);
        model_.eval();
        advanceHalfPeriod();
        ports_.writeBit(*clock_, 0);
        model_.eval();
        ++cycles_;
        if (context_.gotFinish()) return false;
    }
    return true;
}

bool ClockedSimulation::stepUntil(const Port& port, const std::vector<uint32_t>& words,
                                  uint64_t maxCycles, uint64_t& stepped, bool& reached) {
    stepped = 0;
    settle();
    reached = ports_.equals(port, words);
    while (!reached && stepped < maxCycles) {
        if (!step(1)) return false;
        ++stepped;
        reached = ports_.equals(port, words);
    }
    return true;
}

void ClockedSimulation::finish() {
    if (waveform_) waveform_->dump(context_.time());
    model_.final();
}

void ClockedSimulation::advanceHalfPeriod() {
    // A waveform accepts one sample per time point, so the settled state of the current time
    // is written just before time moves on.
    if (waveform_) waveform_->dump(context_.time());
    context_.timeInc(1);
}

}  // namespace fpga_sim
