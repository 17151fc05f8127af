// The board's end of a pseudo-terminal: the host opens the printed path like a serial port.
#pragma once

#include <cstddef>
#include <string>

namespace fpga_board {

class PseudoTerminal {
public:
    // Opens the master (posix_openpt, grantpt, unlockpt), puts the line in raw mode and keeps
    // a handle on the follower side, so a host closing its end never hangs up the board.
    // Throws std::runtime_error naming the failed call.
    PseudoTerminal();
    ~PseudoTerminal();
    PseudoTerminal(const PseudoTerminal&) = delete;
    PseudoTerminal& operator=(const PseudoTerminal&) = delete;

    const std::string& path() const { return path_; }

    // Non-blocking: bytes read into buffer, 0 if none are waiting.
    size_t read(unsigned char* buffer, size_t capacity);

    // Non-blocking: bytes written (fewer than size if the host is not reading).
    size_t write(const unsigned char* data, size_t size);

    // Blocks until the host writes something or timeoutMs passes; true if input waits.
    bool waitForInput(int timeoutMs);

private:
    int master_ = -1;
    int follower_ = -1;
    std::string path_;
};

}  // namespace fpga_board
