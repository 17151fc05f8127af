#include "command_loop.h"

#include <array>
#include <charconv>

#include "hex_words.h"

namespace fpga_sim {

namespace {

constexpr size_t maxTokens = 4;

// Splits on spaces and tabs; returns how many tokens were found, or maxTokens + 1 for more.
size_t tokenize(std::string_view line, std::array<std::string_view, maxTokens>& tokens) {
    size_t count = 0;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        if (i == line.size()) break;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (count == maxTokens) return maxTokens + 1;
        tokens[count++] = line.substr(start, i - start);
    }
    return count;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

CommandLoop::CommandLoop(ClockedSimulation& simulation, PortTable& ports, std::string clockName,
                         ResponseWriter& out)
    : simulation_(simulation), ports_(ports), clockName_(std::move(clockName)), out_(out) {}

int CommandLoop::run(LineReader& in) {
    std::string_view line;
    while (in.next(line)) {
        switch (execute(line)) {
        case Outcome::Continue: break;
        case Outcome::Quit: return 0;
        case Outcome::Failed: return 1;
        }
    }
    // End of input is an orderly end: the client closed its side after its last command.
    return 0;
}

CommandLoop::Outcome CommandLoop::execute(std::string_view line) {
    std::array<std::string_view, maxTokens> tokens;
    const size_t count = tokenize(line, tokens);
    if (count == 0 || tokens[0][0] == '#') return Outcome::Continue;
    if (count > maxTokens) return fail("too many arguments in " + quoted(line));
    const std::string_view command = tokens[0];
    if (command == "set" && count == 3) return set(tokens[1], tokens[2]);
    if (command == "get" && count == 2) return get(tokens[1]);
    if (command == "step" && count <= 2) return step(count == 2 ? tokens[1] : "1");
    if (command == "until" && count == 4) return stepUntil(tokens[1], tokens[2], tokens[3]);
    if (command == "eval" && count == 1) {
        simulation_.eval();
        return Outcome::Continue;
    }
    if (command == "cycles" && count == 1) {
        out_.line(std::to_string(simulation_.cycles()));
        return Outcome::Continue;
    }
    if (command == "ports" && count == 1) return listPorts();
    if (command == "quit" && count == 1) return Outcome::Quit;
    return fail("bad command " + quoted(line)
                + " (expected: set PORT HEX | get PORT | step [N] | until PORT HEX MAXCYCLES | eval | cycles"
                " | ports | quit)");
}

CommandLoop::Outcome CommandLoop::set(std::string_view portName, std::string_view hex) {
    const Port* port = lookup(portName);
    if (!port) return Outcome::Failed;
    if (port->name == clockName_) {
        return fail("port " + quoted(portName) + " is the clock; it is driven by step");
    }
    if (port->direction != PortDirection::Input) {
        return fail("port " + quoted(portName) + " is " + directionDescription(port->direction)
                    + "; only inputs can be set");
    }
    if (!parseValue(*port, hex)) return Outcome::Failed;
    std::string error;
    if (!ports_.write(*port, wordScratch_, error)) {
        return fail("cannot set port " + quoted(portName) + ": " + error);
    }
    simulation_.inputsChanged();
    return Outcome::Continue;
}

CommandLoop::Outcome CommandLoop::get(std::string_view portName) {
    const Port* port = lookup(portName);
    if (!port) return Outcome::Failed;
    simulation_.settle();
    responseScratch_.clear();
    ports_.appendHex(*port, responseScratch_);
    out_.line(responseScratch_);
    return Outcome::Continue;
}

CommandLoop::Outcome CommandLoop::step(std::string_view count) {
    uint64_t cycles = 0;
    if (!parseCycles(count, cycles)) return Outcome::Failed;
    if (!simulation_.hasClock()) {
        return fail("no clock port " + quoted(clockName_)
                    + " in the design; name it with --clock PORT");
    }
    if (!simulation_.step(cycles)) {
        return fail("the design called $finish at cycle " + std::to_string(simulation_.cycles()));
    }
    return Outcome::Continue;
}

CommandLoop::Outcome CommandLoop::stepUntil(std::string_view portName, std::string_view hex,
                                            std::string_view maxCycles) {
    const Port* port = lookup(portName);
    if (!port || !parseValue(*port, hex)) return Outcome::Failed;
    uint64_t limit = 0;
    if (!parseCycles(maxCycles, limit)) return Outcome::Failed;
    if (!simulation_.hasClock()) {
        return fail("no clock port " + quoted(clockName_)
                    + " in the design; name it with --clock PORT");
    }
    uint64_t stepped = 0;
    bool reached = false;
    if (!simulation_.stepUntil(*port, wordScratch_, limit, stepped, reached)) {
        return fail("the design called $finish at cycle " + std::to_string(simulation_.cycles()));
    }
    // Not reaching the value is an answer, not an error: the caller decides what it means.
    out_.line(reached ? std::to_string(stepped) : "none");
    return Outcome::Continue;
}

bool CommandLoop::parseValue(const Port& port, std::string_view hex) {
    if (!parseHexWords(hex, wordScratch_)) {
        fail("bad hex value " + quoted(hex) + " for port " + quoted(port.name));
        return false;
    }
    const int bits = significantBits(wordScratch_);
    if (bits > port.width) {
        fail("value " + std::string(hex) + " needs " + std::to_string(bits) + " bits but port "
             + quoted(port.name) + " is " + std::to_string(port.width) + " bits wide");
        return false;
    }
    return true;
}

bool CommandLoop::parseCycles(std::string_view text, uint64_t& cycles) {
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), cycles);
    if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size()) {
        fail("bad cycle count " + quoted(text));
        return false;
    }
    return true;
}

CommandLoop::Outcome CommandLoop::listPorts() {
    responseScratch_.clear();
    for (const Port& port : ports_.topPorts()) {
        if (!responseScratch_.empty()) responseScratch_.push_back(' ');
        responseScratch_ += port.name + ":" + directionName(port.direction) + ":"
                            + std::to_string(port.width);
    }
    out_.line(responseScratch_);
    return Outcome::Continue;
}

const Port* CommandLoop::lookup(std::string_view portName) {
    nameScratch_.assign(portName);
    const Port* port = ports_.find(nameScratch_);
    if (port) {
        if (port->width > PortTable::maxWidth) {
            fail("port " + quoted(portName) + " is " + std::to_string(port->width)
                 + " bits wide; the harness supports up to " + std::to_string(PortTable::maxWidth));
            return nullptr;
        }
        return port;
    }
    std::string known;
    for (const Port& candidate : ports_.topPorts()) known += (known.empty() ? "" : ", ") + candidate.name;
    fail("unknown port " + quoted(portName) + " (top-level ports: " + known + ")");
    return nullptr;
}

CommandLoop::Outcome CommandLoop::fail(const std::string& message) {
    out_.line("error " + message);
    out_.flush();
    return Outcome::Failed;
}

}  // namespace fpga_sim
