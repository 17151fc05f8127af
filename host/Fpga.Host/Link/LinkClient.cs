using System.Buffers.Binary;
using System.Diagnostics;
using Fpga.Gen.Cores.Link;

namespace Fpga.Host.Link;

/// <summary>
/// The host end of the board link (docs/PROTOCOL.md). Commands with an answer go one at a
/// time and are sent again, with the same sequence number, until answered; WRITE frames
/// stream through a go-back-N window so acknowledgements never stall the line. Because the
/// board executes a sequence number once and replays or re-acknowledges it afterwards, every
/// retry is safe: nothing is applied twice. Not thread-safe: one caller at a time.
/// </summary>
public sealed class LinkClient : IDisposable
{
    private static readonly TimeSpan ReadSlice = TimeSpan.FromMilliseconds(20);
    private readonly ILinkTransport _transport;
    private readonly LinkClientOptions _options;
    private readonly FrameParser _parser = new();
    private readonly Queue<Frame> _answers = new();
    private readonly byte[] _readBuffer = new byte[8192];
    private readonly RetryTimer _timer;
    private byte _nextSeq;

    public LinkClient(ILinkTransport transport, LinkClientOptions? options = null)
    {
        _transport = transport;
        _options = options ?? new LinkClientOptions();
        _timer = new RetryTimer(_options.AnswerTimeout);
        if (_options.Window is < 1 or > LinkProtocol.MaxWindow)
            throw new ArgumentException($"window {_options.Window} is outside 1..{LinkProtocol.MaxWindow}");
        // Any start works (IDENTIFY re-synchronizes); a random one keeps two sessions apart.
        _nextSeq = (byte)Random.Shared.Next(256);
    }

    public LinkStatistics Statistics { get; } = new();

    public ILinkTransport Transport => _transport;

    /// <summary>The board's answer to the last IDENTIFY.</summary>
    public LinkIdentity? Identity { get; private set; }

    public LinkIdentity Identify(CancellationToken cancellation = default)
    {
        var answer = Exchange(FrameType.Identify, [], cancellation);
        try
        {
            Identity = LinkIdentity.Decode(answer);
            _parser.MaxPayload = Math.Max(Identity.MaxPayload, LinkIdentity.Size);
        }
        catch (FormatException e)
        {
            throw new LinkException($"the board on '{_transport.Name}' answered IDENTIFY with {answer.Length} bytes: not this protocol", e);
        }
        return Identity;
    }

    public void ResetState(CancellationToken cancellation = default) => Exchange(FrameType.ResetState, [], cancellation);

    /// <summary>Input beats in (whole beats of the board's input beat size), output beats out.</summary>
    public byte[] Run(ReadOnlySpan<byte> inputBeats, CancellationToken cancellation = default) => Exchange(FrameType.Run, inputBeats.ToArray(), cancellation);

    /// <summary>Every counter, the link's (<see cref="LinkCounters.Names"/>) first.</summary>
    public uint[] ReadCounters(CancellationToken cancellation = default)
    {
        var answer = Exchange(FrameType.ReadCounters, [], cancellation);
        var counters = new uint[answer.Length / 4];
        for (int i = 0; i < counters.Length; i++) counters[i] = BinaryPrimitives.ReadUInt32LittleEndian(answer.AsSpan(4 * i));
        return counters;
    }

    /// <summary>
    /// Writes whole words from <paramref name="address"/> on, as many frames as it takes,
    /// several in flight. Reports acknowledged payload bytes to <paramref name="progress"/>.
    /// </summary>
    public void Write(uint address, ReadOnlySpan<byte> words, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        var identity = Identity ?? throw new InvalidOperationException("identify the board before writing");
        int wordBytes = identity.WordBytes;
        if (words.Length == 0 || words.Length % wordBytes != 0)
            throw new ArgumentException($"{words.Length} bytes are not whole {wordBytes}-byte words");
        int room = _options.WritePayload > 0 ? Math.Min(_options.WritePayload, identity.MaxPayload) : identity.MaxPayload;
        int chunk = (room - LinkProtocol.WriteAddressBytes) / wordBytes * wordBytes;
        var frames = new List<(byte[] Bytes, int Payload)>();
        byte firstSeq = _nextSeq;
        for (int offset = 0, index = 0; offset < words.Length; offset += chunk, index++)
        {
            int count = Math.Min(chunk, words.Length - offset);
            var payload = new byte[LinkProtocol.WriteAddressBytes + count];
            BinaryPrimitives.WriteUInt32LittleEndian(payload, address + (uint)(offset / wordBytes));
            words.Slice(offset, count).CopyTo(payload.AsSpan(LinkProtocol.WriteAddressBytes));
            frames.Add((new Frame(FrameType.Write, (byte)(firstSeq + index), payload).Encode(), count));
        }
        SendWindowed(frames, firstSeq, progress, cancellation);
        _nextSeq = (byte)(firstSeq + frames.Count);
    }

    private void SendWindowed(List<(byte[] Bytes, int Payload)> frames, byte firstSeq, IProgress<long>? progress, CancellationToken cancellation)
    {
        int acknowledged = 0, next = 0, retries = 0;
        // Frames allowed in flight: the configured window, one after a silence (the board may
        // be slow, and copies would only queue up before it), one more for each acknowledgement.
        int window = _options.Window;
        var sentAt = new TimeSpan[frames.Count];
        var resent = new bool[frames.Count];
        long payloadDone = 0;
        var clock = Stopwatch.StartNew();
        var lastAnswer = TimeSpan.Zero;
        var lastRewind = TimeSpan.FromDays(-1);
        void Acknowledge(int upTo)
        {
            int last = upTo - 1;
            if (!resent[last]) _timer.Sample(clock.Elapsed - sentAt[last]);
            while (acknowledged < upTo)
            {
                payloadDone += frames[acknowledged].Payload;
                Statistics.PayloadBytesAcknowledged += frames[acknowledged++].Payload;
            }
            progress?.Report(payloadDone);
            retries = 0;
            window = Math.Min(_options.Window, window + 1);
            _timer.Progressed();
        }
        void Rewind(int to)
        {
            for (int i = to; i < next; i++) resent[i] = true;
            next = to;
            lastRewind = clock.Elapsed;
        }
        int Index(byte seq) => (byte)(seq - firstSeq);
        while (acknowledged < frames.Count)
        {
            while (next < frames.Count && next - acknowledged < window)
            {
                Send(frames[next].Bytes, resent[next], cancellation);
                sentAt[next++] = clock.Elapsed;
            }
            var answer = Receive(ReadSlice, cancellation);
            if (answer is null)
            {
                // Any answer, even to an old frame, shows the board still works through the line.
                if (clock.Elapsed - lastAnswer < _timer.Timeout) continue;
                Statistics.Timeouts++;
                GiveUpAfter(++retries, $"WRITE frame {acknowledged + 1} of {frames.Count}");
                _timer.Expired();
                window = 1;
                Rewind(acknowledged);
                lastAnswer = clock.Elapsed;
                continue;
            }
            lastAnswer = clock.Elapsed;
            if (answer.Type == FrameType.Ack)
            {
                int index = Index(answer.Seq);
                if (index >= acknowledged && index < next) Acknowledge(index + 1);
            }
            else if (answer.Type == FrameType.Nak)
            {
                Statistics.NaksReceived++;
                int resume = Index(answer.Expected);
                if (resume < acknowledged || resume > next) continue;
                if (IsFatal(answer.Reason) && resume < next)
                    throw new LinkException($"the board refused WRITE frame {resume + 1} of {frames.Count}: {Describe(answer.Reason)}");
                if (resume > acknowledged) Acknowledge(resume);
                // A NAK sooner than a round trip after a rewind was caused by a frame sent before it;
                // NAKs that keep coming without progress are most likely garbage still queued in
                // the line's buffers, so each further rewind waits twice as long, with one frame in flight.
                if (resume == next || clock.Elapsed - lastRewind < NakBackoff(retries)) continue;
                GiveUpAfter(++retries, $"WRITE frame {acknowledged + 1} of {frames.Count}");
                if (retries > 1) window = 1;
                Rewind(resume);
            }
        }
    }

    /// <summary>One command, one answer: sent again (same sequence number) on silence or a line error.</summary>
    private byte[] Exchange(FrameType type, byte[] payload, CancellationToken cancellation)
    {
        byte seq = _nextSeq;
        var bytes = new Frame(type, seq, payload).Encode();
        for (int attempt = 1; ; attempt++)
        {
            Send(bytes, attempt > 1, cancellation);
            var waited = Stopwatch.StartNew();
            var timeout = _timer.Timeout;
            Frame? refusal = null;
            while (waited.Elapsed < timeout)
            {
                var answer = Receive(ReadSlice, cancellation);
                if (answer is null) continue;
                if (answer.Type == FrameType.Ack && answer.Seq == seq)
                {
                    if (attempt == 1) _timer.Sample(waited.Elapsed);
                    _timer.Progressed();
                    _nextSeq = (byte)(seq + 1);
                    return answer.Payload;
                }
                if (answer.Type != FrameType.Nak) continue;
                Statistics.NaksReceived++;
                if (answer.Reason == NakReason.Overflow && type == FrameType.Run && answer.Expected == (byte)(seq + 1))
                {
                    _nextSeq = (byte)(seq + 1);
                    throw new LinkException($"the RUN produced more output than one answer holds ({Identity?.MaxPayload} bytes): send fewer input beats per RUN");
                }
                if (IsFatal(answer.Reason) && answer.Expected == seq)
                    throw new LinkException($"the board refused {type}: {Describe(answer.Reason)}");
                refusal = answer;
                // A NAK sooner than a round trip after this copy went out answers an earlier copy
                // or garbage still in the line's buffers: sending again at once for each such NAK
                // would only add to the backlog that causes them. Send again a round trip after
                // this copy, twice as long after each further refusal.
                var backoff = NakBackoff(attempt - 1);
                if (waited.Elapsed >= backoff) break;
                timeout = backoff < timeout ? backoff : timeout;
            }
            if (refusal is null)
            {
                Statistics.Timeouts++;
                _timer.Expired();
            }
            GiveUpAfter(attempt, $"{type} (sequence {seq})" + (refusal is null ? "" : $", last answer {refusal}"));
        }
    }

    /// <summary>
    /// How long after a copy a NAK may prompt the next one: a round trip, doubled for each
    /// refusal in a row (at most 16 times), so a line whose buffers still hold garbage drains
    /// instead of filling with more copies.
    /// </summary>
    private TimeSpan NakBackoff(int refusalsInARow) => _timer.RoundTrip * (1 << Math.Clamp(refusalsInARow, 0, 4));

    private void GiveUpAfter(int attempts, string what)
    {
        if (attempts > _options.MaxRetries)
            throw new LinkException($"no answer from the board on '{_transport.Name}' to {what} after {attempts} tries (timeout {_timer.Timeout.TotalSeconds:0.#} s at the end): is it connected, powered and built for this protocol?");
    }

    private void Send(byte[] bytes, bool again, CancellationToken cancellation)
    {
        _transport.Write(bytes, cancellation);
        Statistics.FramesSent++;
        Statistics.BytesSent += bytes.Length;
        if (again) Statistics.FramesResent++;
    }

    private Frame? Receive(TimeSpan timeout, CancellationToken cancellation)
    {
        if (_answers.Count > 0) return _answers.Dequeue();
        int got = _transport.Read(_readBuffer, timeout, cancellation);
        Statistics.BytesReceived += got;
        foreach (var frame in _parser.Feed(_readBuffer.AsSpan(0, got)))
        {
            Statistics.AnswersReceived++;
            _answers.Enqueue(frame);
        }
        return _answers.Count > 0 ? _answers.Dequeue() : null;
    }

    private static bool IsFatal(NakReason reason) => reason is NakReason.UnknownType or NakReason.Malformed or NakReason.Address or NakReason.Overflow;

    public static string Describe(NakReason reason) => reason switch
    {
        NakReason.Crc => "bad CRC",
        NakReason.Length => "length above the board's maximum",
        NakReason.Timeout => "frame cut short",
        NakReason.Sequence => "out of sequence",
        NakReason.UnknownType => "unknown frame type",
        NakReason.Noise => "noise between frames",
        NakReason.Overflow => "output overflow",
        NakReason.Address => "address beyond the accelerator's memory map",
        NakReason.Malformed => "length does not suit the frame type",
        _ => $"reason {(int)reason}",
    };

    public void Dispose() => _transport.Dispose();
}
