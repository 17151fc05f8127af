// The host's side of the serial line, bit by bit at the board's pins: a transmitter driving
// uart_rx and a receiver sampling uart_tx, both timed in clock cycles from the line rate.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace fpga_board {

// Bit k of a character starting at cycle s lasts from s + ceil(k * clockHz / baud) on, so the
// rate is exact on average whatever the ratio.
class LineTiming {
public:
    LineTiming(uint64_t clockHz, uint64_t baud) : clockHz_(clockHz), baud_(baud) {}
    // The bit (0 start, 1..8 data, 9 stop, 10 past the end) that cycle offset falls in.
    uint64_t bitAt(uint64_t offset) const { return offset * baud_ / clockHz_; }
    // The cycle offset of the middle of bit k.
    uint64_t middleOf(uint64_t bit) const { return (2 * bit + 1) * clockHz_ / (2 * baud_); }

private:
    uint64_t clockHz_;
    uint64_t baud_;
};

class LineTransmitter {
public:
    explicit LineTransmitter(LineTiming timing) : timing_(timing) {}
    void enqueue(const unsigned char* data, size_t size) { queue_.insert(queue_.end(), data, data + size); }
    size_t queued() const { return queue_.size() + (sending_ ? 1 : 0); }
    bool idle() const { return !sending_ && queue_.empty(); }
    // The pin level for this cycle; characters follow each other without a gap.
    bool level(uint64_t cycle);

private:
    LineTiming timing_;
    std::deque<unsigned char> queue_;
    bool sending_ = false;
    unsigned char current_ = 0;
    uint64_t start_ = 0;
};

class LineReceiver {
public:
    explicit LineReceiver(LineTiming timing) : timing_(timing) {}
    // Looks at the pin once per cycle; a finished character lands in received().
    void sample(bool level, uint64_t cycle);
    bool idle() const { return !receiving_; }
    std::vector<unsigned char>& received() { return received_; }
    uint64_t framingErrors() const { return framingErrors_; }

private:
    LineTiming timing_;
    bool receiving_ = false;
    uint64_t start_ = 0;
    unsigned bit_ = 0;
    unsigned value_ = 0;
    std::vector<unsigned char> received_;
    uint64_t framingErrors_ = 0;
};

}  // namespace fpga_board
