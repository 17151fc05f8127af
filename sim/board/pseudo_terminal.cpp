#include "pseudo_terminal.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <termios.h>
#include <unistd.h>

namespace fpga_board {

namespace {

std::runtime_error systemError(const char* call) {
    return std::runtime_error(std::string(call) + " failed: " + std::strerror(errno));
}

}  // namespace

PseudoTerminal::PseudoTerminal() {
    master_ = posix_openpt(O_RDWR | O_NOCTTY);
    if (master_ < 0) throw systemError("posix_openpt");
    if (grantpt(master_) != 0) throw systemError("grantpt");
    if (unlockpt(master_) != 0) throw systemError("unlockpt");
    const char* name = ptsname(master_);
    if (!name) throw systemError("ptsname");
    path_ = name;
    follower_ = open(path_.c_str(), O_RDWR | O_NOCTTY);
    if (follower_ < 0) throw systemError("open of the pseudo-terminal");
    // Raw: no echo, no line editing, no CR/LF translation, no flow-control characters; every
    // byte value passes as it is, as on a UART.
    termios settings{};
    if (tcgetattr(follower_, &settings) != 0) throw systemError("tcgetattr");
    cfmakeraw(&settings);
    if (tcsetattr(follower_, TCSANOW, &settings) != 0) throw systemError("tcsetattr");
    const int flags = fcntl(master_, F_GETFL);
    if (flags < 0 || fcntl(master_, F_SETFL, flags | O_NONBLOCK) != 0) throw systemError("fcntl O_NONBLOCK");
}

PseudoTerminal::~PseudoTerminal() {
    if (follower_ >= 0) close(follower_);
    if (master_ >= 0) close(master_);
}

size_t PseudoTerminal::read(unsigned char* buffer, size_t capacity) {
    const ssize_t got = ::read(master_, buffer, capacity);
    if (got > 0) return static_cast<size_t>(got);
    if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EIO && errno != EINTR) {
        throw systemError("read from the pseudo-terminal");
    }
    return 0;
}

size_t PseudoTerminal::write(const unsigned char* data, size_t size) {
    const ssize_t put = ::write(master_, data, size);
    if (put >= 0) return static_cast<size_t>(put);
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return 0;
    throw systemError("write to the pseudo-terminal");
}

bool PseudoTerminal::waitForInput(int timeoutMs) {
    pollfd descriptor{master_, POLLIN, 0};
    const int ready = poll(&descriptor, 1, timeoutMs);
    if (ready < 0 && errno != EINTR) throw systemError("poll");
    return ready > 0 && (descriptor.revents & POLLIN) != 0;
}

}  // namespace fpga_board
