// Conversion between the protocol's hexadecimal text and the 32-bit words (least significant
// first) that VPI vector values use. Kept free of Verilator headers so it is plain C++.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fpga_sim {

// Parses one or more hex digits (no prefix, either case) into words. Returns false on an empty
// string or on any character that is not a hex digit; words is then unspecified.
bool parseHexWords(std::string_view text, std::vector<uint32_t>& words);

// Number of bits up to and including the most significant set bit; 0 for zero.
int significantBits(const std::vector<uint32_t>& words);

// Appends the value as minimal lowercase hex ("0" for zero) to out.
void appendHexWords(const uint32_t* words, int wordCount, std::string& out);

}  // namespace fpga_sim
