#include "uart_line.h"

namespace fpga_board {

bool LineTransmitter::level(uint64_t cycle) {
    if (sending_ && timing_.bitAt(cycle - start_) >= 10) sending_ = false;
    if (!sending_ && !queue_.empty()) {
        current_ = queue_.front();
        queue_.pop_front();
        sending_ = true;
        start_ = cycle;
    }
    if (!sending_) return true;
    const uint64_t bit = timing_.bitAt(cycle - start_);
    if (bit == 0) return false;
    if (bit <= 8) return (current_ >> (bit - 1)) & 1;
    return true;
}

void LineReceiver::sample(bool level, uint64_t cycle) {
    if (!receiving_) {
        if (level) return;
        receiving_ = true;
        start_ = cycle;
        bit_ = 0;
        value_ = 0;
        return;
    }
    if (cycle - start_ != timing_.middleOf(bit_)) return;
    if (bit_ == 0 && level) {
        receiving_ = false;  // a glitch, not a start bit
        return;
    }
    if (bit_ >= 1 && bit_ <= 8) value_ |= (level ? 1u : 0u) << (bit_ - 1);
    if (bit_ == 9) {
        receiving_ = false;
        if (level) {
            received_.push_back(static_cast<unsigned char>(value_));
        } else {
            ++framingErrors_;
        }
        return;
    }
    ++bit_;
}

}  // namespace fpga_board
