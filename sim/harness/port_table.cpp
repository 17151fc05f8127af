#include "port_table.h"

#include <algorithm>

#include "hex_words.h"

namespace fpga_sim {

namespace {

PortDirection toDirection(PLI_INT32 vpiDir) {
    switch (vpiDir) {
    case vpiInput: return PortDirection::Input;
    case vpiOutput: return PortDirection::Output;
    case vpiInout: return PortDirection::Inout;
    default: return PortDirection::Internal;
    }
}

Port describe(const std::string& name, vpiHandle handle) {
    return Port{name, handle, static_cast<int>(vpi_get(vpiSize, handle)),
                toDirection(vpi_get(vpiDirection, handle))};
}

// VPI reports problems through vpi_chk_error rather than return values.
bool takeVpiError(std::string& error) {
    s_vpi_error_info info{};
    if (vpi_chk_error(&info) == 0) return false;
    error = info.message ? info.message : "VPI error";
    return true;
}

}  // namespace

const Port* PortTable::find(const std::string& name) {
    const auto cached = ports_.find(name);
    if (cached != ports_.end()) return &cached->second;
    const vpiHandle handle = vpi_handle_by_name(const_cast<PLI_BYTE8*>(name.c_str()), nullptr);
    if (!handle) return nullptr;
    if (vpi_get(vpiType, handle) != vpiReg) {  // a scope or parameter, not a signal
        vpi_release_handle(handle);
        return nullptr;
    }
    return &ports_.emplace(name, describe(name, handle)).first->second;
}

std::vector<Port> PortTable::topPorts() {
    std::vector<Port> result;
    // Verilator registers the model's ports, with their directions, in the scope named TOP.
    const vpiHandle top = vpi_handle_by_name(const_cast<PLI_BYTE8*>("TOP"), nullptr);
    if (!top) return result;
    const vpiHandle iterator = vpi_iterate(vpiReg, top);
    vpi_release_handle(top);
    if (!iterator) return result;
    // The iterator frees itself when vpi_scan reports the end.
    while (const vpiHandle handle = vpi_scan(iterator)) {
        Port port = describe(vpi_get_str(vpiName, handle), handle);
        vpi_release_handle(handle);
        port.handle = nullptr;  // a listing, not a way to access the port
        if (port.direction != PortDirection::Internal) result.push_back(port);
    }
    return result;
}

bool PortTable::write(const Port& port, const std::vector<uint32_t>& words, std::string& error) {
    const size_t needed = static_cast<size_t>((port.width + 31) / 32);
    vectorScratch_.assign(needed, s_vpi_vecval{0, 0});
    for (size_t i = 0; i < needed && i < words.size(); ++i) {
        vectorScratch_[i].aval = static_cast<PLI_INT32>(words[i]);
    }
    s_vpi_value value{};
    value.format = vpiVectorVal;
    value.value.vector = vectorScratch_.data();
    vpi_put_value(port.handle, &value, nullptr, vpiNoDelay);
    return !takeVpiError(error);
}

void PortTable::writeBit(const Port& port, int bit) {
    s_vpi_value value{};
    value.format = vpiIntVal;
    value.value.integer = bit;
    vpi_put_value(port.handle, &value, nullptr, vpiNoDelay);
}

void PortTable::appendHex(const Port& port, std::string& out) {
    s_vpi_value value{};
    value.format = vpiVectorVal;
    vpi_get_value(port.handle, &value);
    const int wordCount = (port.width + 31) / 32;
    // aval words are the value bits; Verilator is two-state so bval is always zero.
    static_assert(sizeof(s_vpi_vecval) == 2 * sizeof(uint32_t), "VPI vecval layout");
    uint32_t stackWords[64];
    std::vector<uint32_t> heapWords;
    uint32_t* words = stackWords;
    if (wordCount > 64) {
        heapWords.resize(static_cast<size_t>(wordCount));
        words = heapWords.data();
    }
    for (int i = 0; i < wordCount; ++i) words[i] = static_cast<uint32_t>(value.value.vector[i].aval);
    appendHexWords(words, wordCount, out);
}

bool PortTable::equals(const Port& port, const std::vector<uint32_t>& words) {
    s_vpi_value value{};
    value.format = vpiVectorVal;
    vpi_get_value(port.handle, &value);
    const size_t wordCount = static_cast<size_t>((port.width + 31) / 32);
    for (size_t i = 0; i < std::max(wordCount, words.size()); ++i) {
        const uint32_t actual = i < wordCount ? static_cast<uint32_t>(value.value.vector[i].aval) : 0;
        const uint32_t expected = i < words.size() ? words[i] : 0;
        if (actual != expected) return false;
    }
    return true;
}

const char* directionName(PortDirection direction) {
    switch (direction) {
    case PortDirection::Input: return "in";
    case PortDirection::Output: return "out";
    case PortDirection::Inout: return "inout";
    default: return "internal";
    }
}

const char* directionDescription(PortDirection direction) {
    switch (direction) {
    case PortDirection::Input: return "an input";
    case PortDirection::Output: return "an output";
    case PortDirection::Inout: return "an inout";
    default: return "an internal signal";
    }
}

}  // namespace fpga_sim
