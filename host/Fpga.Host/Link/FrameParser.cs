using Fpga.Gen.Cores.Link;

namespace Fpga.Host.Link;

/// <summary>
/// Frames out of a byte stream, the host's mirror of the board's decoder: hunts for SYNC,
/// reads the header, and yields a frame only when its CRC checks. Anything else (noise, a
/// corrupted frame, a length above the limit) is skipped and counted; a false SYNC inside
/// a damaged frame costs at most one frame, as the hunt restarts one byte after it.
/// </summary>
public sealed class FrameParser(int maxPayload = 16384)
{
    private readonly List<byte> _pending = [];

    public long SkippedBytes { get; private set; }
    public long BadFrames { get; private set; }

    public IEnumerable<Frame> Feed(ReadOnlySpan<byte> data)
    {
        _pending.AddRange(data);
        var frames = new List<Frame>();
        while (true)
        {
            int sync = _pending.IndexOf(LinkProtocol.Sync);
            if (sync < 0)
            {
                SkippedBytes += _pending.Count;
                _pending.Clear();
                break;
            }
            if (sync > 0)
            {
                SkippedBytes += sync;
                _pending.RemoveRange(0, sync);
            }
            if (_pending.Count < LinkProtocol.HeaderBytes) break;
            int length = _pending[3] | _pending[4] << 8;
            if (length > maxPayload || !Enum.IsDefined((FrameType)_pending[1]))
            {
                Skip();
                continue;
            }
            int total = length + LinkProtocol.Overhead;
            if (_pending.Count < total) break;
            var bytes = _pending.GetRange(0, total).ToArray();
            if (LinkCrc.Compute(bytes.AsSpan(1)) != 0)
            {
                Skip();
                continue;
            }
            _pending.RemoveRange(0, total);
            frames.Add(new Frame((FrameType)bytes[1], bytes[2], bytes[LinkProtocol.HeaderBytes..^LinkProtocol.CrcBytes]));
        }
        return frames;
    }

    /// <summary>Drops whatever is half-parsed (after a timeout: the rest will not come).</summary>
    public void Reset()
    {
        SkippedBytes += _pending.Count;
        _pending.Clear();
    }

    private void Skip()
    {
        BadFrames++;
        SkippedBytes++;
        _pending.RemoveAt(0);
    }
}
