// Generic Verilator harness: one source for every design. The model class is always Vdut
// (verilated with --prefix Vdut) and ports are reached by name through VPI, so nothing here
// depends on the top module. See sim/README.md for the protocol.
#include <cstdio>
#include <memory>
#include <string>

#include "Vdut.h"
#include "clocked_simulation.h"
#include "command_loop.h"
#include "harness_options.h"
#include "line_io.h"
#include "port_table.h"
#include "verilated.h"
#include "waveform.h"

namespace {

int usageError(fpga_sim::ResponseWriter& out, const std::string& message) {
    out.line("error " + message);
    out.flush();
    std::fprintf(stderr, "%s\n", fpga_sim::harnessUsage);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    // First, before anything can print to stdout.
    fpga_sim::ResponseWriter out;
    fpga_sim::HarnessOptions options;
    std::string error;
    if (!fpga_sim::parseHarnessOptions(argc, argv, options, error)) return usageError(out, error);
    const bool tracing = !options.waveformPath.empty();
    if (tracing && !fpga_sim::Waveform::supported()) {
        return usageError(out, "--trace needs a model verilated with --trace or --trace-fst");
    }

    const auto context = std::make_unique<VerilatedContext>();
    context->commandArgs(argc, argv);
    if (tracing) fpga_sim::Waveform::enable(*context);
    // An empty instance name keeps VPI scope names as Verilator registers them ("TOP", and the
    // top module's own name), which is what PortTable looks up.
    const auto model = std::make_unique<Vdut>(context.get(), "");

    fpga_sim::PortTable ports;
    const fpga_sim::Port* clock = ports.find(options.clockPort);
    if (clock && (clock->direction != fpga_sim::PortDirection::Input || clock->width != 1)) {
        return usageError(out, "clock port '" + options.clockPort + "' must be a one-bit input");
    }
    std::unique_ptr<fpga_sim::Waveform> waveform;
    if (tracing) waveform = std::make_unique<fpga_sim::Waveform>(*model, options.waveformPath);

    fpga_sim::ClockedSimulation simulation(*context, *model, ports, clock, waveform.get());
    simulation.start();
    fpga_sim::LineReader in(0, out);
    fpga_sim::CommandLoop loop(simulation, ports, options.clockPort, out);
    const int exitCode = loop.run(in);
    simulation.finish();
    if (waveform) waveform->close();
    out.flush();
    return exitCode;
}
