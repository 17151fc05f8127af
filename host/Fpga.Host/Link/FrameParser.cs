using Fpga.Gen.Cores.Link;

namespace Fpga.Host.Link;

/// <summary>
/// Frames out of a byte stream, the host's mirror of the board's decoder: hunts for SYNC,
/// reads the header, and yields a frame only when its CRC checks. Anything else (noise, a
/// corrupted frame, a length above the limit) is skipped and counted; a false SYNC inside
/// a damaged frame costs at most one frame, as the hunt restarts one byte after it.
/// A damaged header can announce a plausible length whose bytes never come (a flipped LEN,
/// or a data byte taken for SYNC): rather than wait for them while every later answer is
/// swallowed as its payload, the parser drops such a frame as soon as a complete frame with a
/// good CRC starts after its SYNC (the board's decoder closes it on a quiet line instead).
/// </summary>
public sealed class FrameParser(int maxPayload = 16384)
{
    private readonly List<byte> _pending = [];

    /// <summary>The largest LEN taken for a frame; the board's max payload once it is known.</summary>
    public int MaxPayload { get; set; } = maxPayload;

    /// <summary>Bytes held for a frame not complete yet.</summary>
    public int PendingBytes => _pending.Count;

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
            if (length > MaxPayload || !Enum.IsDefined((FrameType)_pending[1]))
            {
                Skip();
                continue;
            }
            int total = length + LinkProtocol.Overhead;
            if (_pending.Count < total)
            {
                int later = CompleteFrameAfter(1);
                if (later < 0) break;
                BadFrames++;
                SkippedBytes += later;
                _pending.RemoveRange(0, later);
                continue;
            }
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

    /// <summary>Where the first complete frame with a good CRC starts at or after <paramref name="from"/>; -1 if none.</summary>
    private int CompleteFrameAfter(int from)
    {
        for (int i = _pending.IndexOf(LinkProtocol.Sync, from); i >= 0; i = _pending.IndexOf(LinkProtocol.Sync, i + 1))
        {
            if (_pending.Count - i < LinkProtocol.HeaderBytes) return -1;
            int length = _pending[i + 3] | _pending[i + 4] << 8;
            int total = length + LinkProtocol.Overhead;
            if (length > MaxPayload || !Enum.IsDefined((FrameType)_pending[i + 1]) || _pending.Count - i < total) continue;
            var bytes = _pending.GetRange(i + 1, total - 1).ToArray();
            if (LinkCrc.Compute(bytes) == 0) return i;
        }
        return -1;
    }

    private void Skip()
    {
        BadFrames++;
        SkippedBytes++;
        _pending.RemoveAt(0);
    }
}
