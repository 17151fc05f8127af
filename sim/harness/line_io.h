// Line-oriented stdin/stdout for the protocol. Responses are buffered and flushed only when the
// harness is about to block waiting for input, so a client that pipelines many commands gets
// its answers in few writes while a client waiting on an answer never waits on a full buffer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fpga_sim {

class ResponseWriter {
public:
    // Takes over stdout for the protocol: answers go to a private duplicate of it, and file
    // descriptor 1 is pointed at stderr, so $display output and Verilator's own messages
    // (which print to stdout) can never be mistaken for an answer.
    ResponseWriter();
    void line(std::string_view text);
    void flush();

private:
    int fd_;
    std::vector<char> buffer_;
};

class LineReader {
public:
    LineReader(int fd, ResponseWriter& writer) : fd_(fd), writer_(writer) {}

    // Next line without its terminator; false at end of input. The view stays valid until the
    // next call.
    bool next(std::string_view& line);

private:
    bool fill();

    int fd_;
    ResponseWriter& writer_;
    std::vector<char> buffer_ = std::vector<char>(1 << 16);
    size_t begin_ = 0;
    size_t end_ = 0;
    bool eof_ = false;
};

}  // namespace fpga_sim
