#include "hex_words.h"

namespace fpga_sim {

namespace {

int hexDigitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool parseHexWords(std::string_view text, std::vector<uint32_t>& words) {
    if (text.empty()) return false;
    words.assign((text.size() + 7) / 8, 0);
    // Walk from the least significant digit so digit i lands in word i / 8.
    for (size_t i = 0; i < text.size(); ++i) {
        const int digit = hexDigitValue(text[text.size() - 1 - i]);
        if (digit < 0) return false;
        words[i / 8] |= static_cast<uint32_t>(digit) << (4 * (i % 8));
    }
    return true;
}

int significantBits(const std::vector<uint32_t>& words) {
    for (size_t w = words.size(); w-- > 0;) {
        if (words[w] != 0) return static_cast<int>(w * 32) + (32 - __builtin_clz(words[w]));
    }
    return 0;
}

void appendHexWords(const uint32_t* words, int wordCount, std::string& out) {
    static const char digits[] = "0123456789abcdef";
    bool started = false;
    for (int w = wordCount - 1; w >= 0; --w) {
        for (int nibble = 7; nibble >= 0; --nibble) {
            const uint32_t digit = (words[w] >> (4 * nibble)) & 0xFu;
            if (digit == 0 && !started) continue;
            started = true;
            out.push_back(digits[digit]);
        }
    }
    if (!started) out.push_back('0');
}

}  // namespace fpga_sim
