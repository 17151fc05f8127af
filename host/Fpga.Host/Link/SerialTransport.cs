using System.Diagnostics;
using System.IO.Ports;

namespace Fpga.Host.Link;

/// <summary>
/// A serial port through System.IO.Ports: a USB UART to a board, or the simulator's
/// pseudo-terminal, by the same code. The port is claimed with an advisory lock file, so a
/// second program of ours gets "in use" (the kernel's exclusive mode does not stop root).
/// Reads ask only for bytes the driver already holds: on Unix, SerialPort queues each read for
/// its I/O thread and a read that times out is cancelled, and when the cancellation lands
/// while that thread is reading, the bytes it read are delivered to nobody. Short read
/// timeouts made that a steady loss of answers under load; asking for what is there never times out.
/// </summary>
public sealed class SerialTransport : ILinkTransport
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);
    private const int WriteChunk = 256;
    private readonly SerialPort _port;
    private readonly FileStream _lock;

    private SerialTransport(SerialPort port, FileStream lockFile)
    {
        _port = port;
        _lock = lockFile;
    }

    public string Name => _port.PortName;

    /// <exception cref="LinkException">The port does not exist, is in use, or cannot be opened.</exception>
    public static SerialTransport Open(string path, int baudRate)
    {
        if (!File.Exists(path)) throw new LinkException($"serial port '{path}' does not exist");
        var lockFile = ClaimLock(path);
        var port = new SerialPort(path, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = (int)Slice.TotalMilliseconds,
            WriteTimeout = 5000,
            ReadBufferSize = 1 << 16,
            WriteBufferSize = 1 << 16,
        };
        try
        {
            OpenPort(port, path);
            port.DiscardInBuffer();
            return new SerialTransport(port, lockFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            lockFile.Dispose();
            throw e is UnauthorizedAccessException
                ? new LinkException($"serial port '{path}' is in use by another program or not permitted: {e.Message}", e)
                : new LinkException($"serial port '{path}' cannot be opened: {e.Message}", e);
        }
    }

    private static void OpenPort(SerialPort port, string path)
    {
        try
        {
            port.Open();
        }
        catch (IOException) when (IsPseudoTerminal(path) && port.BaudRate != 115200)
        {
            // A pseudo-terminal has no line rate, and some kernels refuse unusual rates on it
            // (the custom-rate ioctl). Any standard rate serves, as no bits are timed.
            port.BaudRate = 115200;
            port.Open();
        }
    }

    private static bool IsPseudoTerminal(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        return target.StartsWith("/dev/pts/", StringComparison.Ordinal);
    }

    private static FileStream ClaimLock(string path)
    {
        var name = "fpga-link-" + string.Concat(Path.GetFullPath(path).Select(c => char.IsLetterOrDigit(c) ? c : '_')) + ".lock";
        var lockPath = Path.Combine(Path.GetTempPath(), name);
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new LinkException($"serial port '{path}' is in use by another fpga process (lock {lockPath})", e);
        }
    }

    public void Write(ReadOnlySpan<byte> data, CancellationToken cancellation)
    {
        var chunk = new byte[Math.Min(WriteChunk, data.Length)];
        for (int offset = 0; offset < data.Length; offset += chunk.Length)
        {
            cancellation.ThrowIfCancellationRequested();
            int count = Math.Min(chunk.Length, data.Length - offset);
            data.Slice(offset, count).CopyTo(chunk);
            try
            {
                _port.Write(chunk, 0, count);
            }
            catch (TimeoutException e)
            {
                throw new LinkException($"writing to '{Name}' timed out: the other end does not read", e);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                throw new LinkException($"writing to '{Name}' failed: {e.Message}", e);
            }
        }
    }

    public int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                int available = _port.BytesToRead;
                if (available > 0)
                {
                    var scratch = new byte[Math.Min(available, buffer.Length)];
                    int got = _port.Read(scratch, 0, scratch.Length);
                    scratch.AsSpan(0, got).CopyTo(buffer);
                    return got;
                }
            }
            catch (TimeoutException)
            {
                // The driver held bytes but the I/O thread did not deliver them within the (long) read timeout.
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                throw new LinkException($"reading from '{Name}' failed: {e.Message}", e);
            }
            if (clock.Elapsed >= timeout) return 0;
            Thread.Sleep(Poll);
        }
    }

    public void Dispose()
    {
        // Bytes still queued for the board belong to this session; the next must not inherit them.
        try
        {
            if (_port.IsOpen) _port.DiscardOutBuffer();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
        }
        _port.Dispose();
        _lock.Dispose();
    }
}
