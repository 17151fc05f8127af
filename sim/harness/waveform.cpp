#include "waveform.h"

#include "Vdut.h"
#include "verilated.h"

#if VM_TRACE_FST
#include "verilated_fst_c.h"
#elif VM_TRACE
#include "verilated_vcd_c.h"
#endif

namespace fpga_sim {

#if VM_TRACE_FST
struct Waveform::Writer : VerilatedFstC {};
#elif VM_TRACE
struct Waveform::Writer : VerilatedVcdC {};
#else
struct Waveform::Writer {};
#endif

bool Waveform::supported() { return VM_TRACE != 0; }

void Waveform::enable(VerilatedContext& context) {
#if VM_TRACE
    context.traceEverOn(true);
#else
    static_cast<void>(context);
#endif
}

Waveform::Waveform(Vdut& model, const std::string& path) : writer_(std::make_unique<Writer>()) {
#if VM_TRACE
    // 99 levels: the whole hierarchy, which is what a debugging session wants.
    model.trace(writer_.get(), 99);
    writer_->open(path.c_str());
#else
    static_cast<void>(model);
    static_cast<void>(path);
#endif
}

Waveform::~Waveform() { close(); }

void Waveform::dump(uint64_t time) {
#if VM_TRACE
    writer_->dump(time);
#else
    static_cast<void>(time);
#endif
}

void Waveform::close() {
#if VM_TRACE
    if (writer_->isOpen()) writer_->close();
#endif
}

}  // namespace fpga_sim
