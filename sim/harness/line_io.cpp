#include "line_io.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace fpga_sim {

namespace {

void writeAll(int fd, const char* data, size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0) {
            if (errno == EINTR) continue;
            // The client went away; nothing useful can be reported to it any more.
            _exit(3);
        }
        data += written;
        size -= static_cast<size_t>(written);
    }
}

}  // namespace

ResponseWriter::ResponseWriter() : fd_(::dup(STDOUT_FILENO)) {
    if (fd_ < 0) fd_ = STDOUT_FILENO;  // no spare descriptor: keep sharing stdout
    else ::dup2(STDERR_FILENO, STDOUT_FILENO);
    buffer_.reserve(1 << 16);
}

void ResponseWriter::line(std::string_view text) {
    buffer_.insert(buffer_.end(), text.begin(), text.end());
    buffer_.push_back('\n');
    if (buffer_.size() >= (1 << 16)) flush();
}

void ResponseWriter::flush() {
    if (buffer_.empty()) return;
    writeAll(fd_, buffer_.data(), buffer_.size());
    buffer_.clear();
}

bool LineReader::next(std::string_view& line) {
    for (;;) {
        const char* start = buffer_.data() + begin_;
        const void* newline = std::memchr(start, '\n', end_ - begin_);
        if (newline) {
            const size_t length = static_cast<const char*>(newline) - start;
            line = std::string_view(start, length);
            begin_ += length + 1;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            return true;
        }
        if (eof_) {
            if (begin_ == end_) return false;
            line = std::string_view(start, end_ - begin_);
            begin_ = end_;
            return true;
        }
        if (!fill()) eof_ = true;
    }
}

bool LineReader::fill() {
    // Keep the unfinished line, grow if a single line outgrows the buffer.
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    // About to block: whatever the client is waiting for must be out first.
    writer_.flush();
    for (;;) {
        const ssize_t got = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        end_ += static_cast<size_t>(got);
        return true;
    }
}

}  // namespace fpga_sim
