// Optional waveform dumping. Which format exists is decided when the model is verilated
// (--trace gives VCD, --trace-fst gives FST); a model built without either cannot trace.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

class VerilatedContext;
class Vdut;

namespace fpga_sim {

class Waveform {
public:
    // True when the model was verilated with tracing support.
    static bool supported();

    // Call before the model is constructed: Verilator must know tracing is wanted up front.
    static void enable(VerilatedContext& context);

    Waveform(Vdut& model, const std::string& path);
    ~Waveform();
    Waveform(const Waveform&) = delete;
    Waveform& operator=(const Waveform&) = delete;

    void dump(uint64_t time);
    void close();

private:
    struct Writer;
    std::unique_ptr<Writer> writer_;
};

}  // namespace fpga_sim
