// The simulated board: the Verilated board top on a pseudo-terminal. It prints "pty PATH",
// then turns every byte the host writes there into bits on uart_rx and every character on
// uart_tx back into a byte for the host, at the line rate the RTL was generated for. While the
// line is quiet both ways and the board reports link_idle, it sleeps in poll() instead of
// running the clock, so an idle board costs no CPU. SIGUSR1 prints the line statistics so far
// (the same line as at exit), so a host can measure one phase of a session. Exit codes: 0 on SIGINT/SIGTERM,
// 2 usage, 3 cycle limit reached, 4 a system call failed.
#include <csignal>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "Vdut.h"
#include "board_options.h"
#include "pseudo_terminal.h"
#include "uart_line.h"
#include "verilated.h"
#include "waveform.h"

#ifndef BOARD_RESET_PORT
#error "build with -DBOARD_RESET_PORT=<the board's reset port> and -DBOARD_RESET_ACTIVE=<0|1>"
#endif

namespace {

volatile std::sig_atomic_t stopRequested = 0;
volatile std::sig_atomic_t statsRequested = 0;

void requestStop(int) { stopRequested = 1; }
void requestStats(int) { statsRequested = 1; }

// Cycles of a quiet, idle board before it sleeps: long enough for the engine to take a
// frame the receiver just finished.
constexpr uint64_t quietCyclesBeforeSleep = 64;

class Board {
public:
    Board(VerilatedContext& context, Vdut& model, fpga_sim::Waveform* waveform)
        : context_(context), model_(model), waveform_(waveform) {}

    void cycle(bool rxLevel) {
        model_.uart_rx = rxLevel;
        model_.eval();
        halfPeriod();
        model_.clk = 1;
        model_.eval();
        halfPeriod();
        model_.clk = 0;
        model_.eval();
        ++cycles_;
    }

    void reset(bool asserted) { model_.BOARD_RESET_PORT = asserted == (BOARD_RESET_ACTIVE != 0); }
    bool tx() const { return model_.uart_tx != 0; }
    bool idle() const { return model_.link_idle != 0; }
    uint64_t cycles() const { return cycles_; }

private:
    void halfPeriod() {
        if (waveform_) waveform_->dump(context_.time());
        context_.timeInc(1);
    }

    VerilatedContext& context_;
    Vdut& model_;
    fpga_sim::Waveform* waveform_;
    uint64_t cycles_ = 0;
};

int run(const fpga_board::BoardOptions& options, int argc, char** argv) {
    const auto context = std::make_unique<VerilatedContext>();
    context->commandArgs(argc, argv);
    const bool tracing = !options.tracePath.empty();
    if (tracing) fpga_sim::Waveform::enable(*context);
    const auto model = std::make_unique<Vdut>(context.get(), "");
    std::unique_ptr<fpga_sim::Waveform> waveform;
    if (tracing) waveform = std::make_unique<fpga_sim::Waveform>(*model, options.tracePath);

    fpga_board::PseudoTerminal terminal;
    if (!options.linkPath.empty()) {
        unlink(options.linkPath.c_str());
        if (symlink(terminal.path().c_str(), options.linkPath.c_str()) != 0) {
            throw std::runtime_error("cannot link " + options.linkPath + " to " + terminal.path());
        }
    }
    std::printf("pty %s\n", terminal.path().c_str());
    std::fflush(stdout);

    const fpga_board::LineTiming timing(options.clockHz, options.baud);
    fpga_board::LineTransmitter toBoard(timing);
    fpga_board::LineReceiver fromBoard(timing);
    Board board(*context, *model, waveform.get());
    board.reset(true);
    for (int i = 0; i < 4; ++i) board.cycle(true);
    board.reset(false);

    // Line statistics for throughput figures: the cycles from the first to the last character
    // the host sent, and how many characters that was.
    uint64_t firstSend = 0, lastSend = 0, charactersIn = 0, charactersOut = 0;
    bool sending = false;
    unsigned char buffer[4096];
    std::vector<unsigned char> pending;
    uint64_t quiet = 0;
    int exitCode = 0;
    const auto printStats = [&]() {
        std::fprintf(stderr, "fpga-sim: stats cycles=%llu in=%llu out=%llu first_in=%llu last_in=%llu\n",
                     static_cast<unsigned long long>(board.cycles()), static_cast<unsigned long long>(charactersIn),
                     static_cast<unsigned long long>(charactersOut), static_cast<unsigned long long>(firstSend),
                     static_cast<unsigned long long>(lastSend));
        std::fflush(stderr);
    };
    while (!stopRequested) {
        if (statsRequested) {
            statsRequested = 0;
            printStats();
        }
        if (options.maxCycles != 0 && board.cycles() >= options.maxCycles) {
            std::fprintf(stderr, "fpga-sim: cycle limit %llu reached\n", static_cast<unsigned long long>(options.maxCycles));
            exitCode = 3;
            break;
        }
        // Keep a few characters queued; asking the terminal every cycle would cost a system call each.
        if (toBoard.queued() < 2 && (board.cycles() & 63) == 0) {
            const size_t got = terminal.read(buffer, sizeof buffer);
            toBoard.enqueue(buffer, got);
            charactersIn += got;
        }
        const bool level = toBoard.level(board.cycles());
        if (!toBoard.idle()) {
            if (!sending) firstSend = board.cycles();
            sending = true;
            lastSend = board.cycles();
        }
        board.cycle(level);
        fromBoard.sample(board.tx(), board.cycles());
        auto& received = fromBoard.received();
        if (!received.empty()) {
            pending.insert(pending.end(), received.begin(), received.end());
            charactersOut += received.size();
            received.clear();
        }
        if (!pending.empty()) {
            const size_t put = terminal.write(pending.data(), pending.size());
            pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(put));
        }
        const bool quietNow = toBoard.idle() && fromBoard.idle() && pending.empty() && board.idle();
        quiet = quietNow ? quiet + 1 : 0;
        if (quiet >= quietCyclesBeforeSleep) {
            if (terminal.waitForInput(100)) quiet = 0;
        }
    }
    printStats();
    model->final();
    if (waveform) waveform->close();
    if (!options.linkPath.empty()) unlink(options.linkPath.c_str());
    return exitCode;
}

}  // namespace

int main(int argc, char** argv) {
    fpga_board::BoardOptions options;
    std::string error;
    if (!fpga_board::parseBoardOptions(argc, argv, options, error)) {
        std::fprintf(stderr, "fpga-sim: %s\n%s\n", error.c_str(), fpga_board::boardUsage);
        return 2;
    }
    if (!options.tracePath.empty() && !fpga_sim::Waveform::supported()) {
        std::fprintf(stderr, "fpga-sim: --trace needs a model verilated with --trace or --trace-fst\n");
        return 2;
    }
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    std::signal(SIGUSR1, requestStats);
    try {
        return run(options, argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fpga-sim: %s\n", e.what());
        return 4;
    }
}
