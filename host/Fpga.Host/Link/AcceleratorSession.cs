using System.Numerics;
using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Cores.Link;
using Fpga.Host.Golden;
using Fpga.Host.Packing;
using Fpga.Host.Verification;

namespace Fpga.Host.Link;

/// <summary>
/// The accelerator on the far side of a link: checks the board was built for the model's spec,
/// uploads a packed image (runs of consecutive addresses as windowed WRITEs) and runs
/// sequences, one RUN a step, each beat carrying tuser/tlast above tdata as the board top
/// does (<see cref="AcceleratorPorts"/>). Outputs come back as the golden model's vectors.
/// </summary>
public sealed class AcceleratorSession
{
    private readonly LinkClient _client;
    private readonly AcceleratorPorts _ports;

    public AcceleratorSession(LinkClient client, LstmAccelerator accelerator)
    {
        _client = client;
        Accelerator = accelerator;
        _ports = AcceleratorPorts.Of(accelerator.Module);
    }

    public LstmAccelerator Accelerator { get; }

    /// <summary>IDENTIFY, refused unless the board carries this accelerator's spec.</summary>
    public LinkIdentity Identify(CancellationToken cancellation = default)
    {
        var identity = _client.Identify(cancellation);
        CheckIdentity(identity, Accelerator, _client.Transport.Name);
        return identity;
    }

    /// <exception cref="LinkException">The board was generated for another spec or another link shape.</exception>
    public static void CheckIdentity(LinkIdentity identity, LstmAccelerator accelerator, string port)
    {
        var spec = accelerator.Spec;
        if (!string.Equals(identity.SpecHashHex, spec.Hash, StringComparison.OrdinalIgnoreCase))
            throw new LinkException($"the board on '{port}' was built for spec {identity.SpecHashHex[..16]}, not this model's spec {spec.Hash[..16]}: generate and load the bitstream for this model");
        var ports = AcceleratorPorts.Of(accelerator.Module);
        if (identity.InputBeatBytes != ports.InputBeatBytes || identity.OutputBeatBytes != ports.OutputBeatBytes || identity.WordBytes != ports.WordBytes)
            throw new LinkException($"the board on '{port}' has the spec but other beat sizes (in {identity.InputBeatBytes}, out {identity.OutputBeatBytes}, word {identity.WordBytes}): a different generator version");
    }

    /// <summary>Every write of the image, grouped into runs of consecutive addresses; progress in payload bytes.</summary>
    public long Upload(ModelImage image, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        var writes = ImagePacker.Pack(image, Accelerator.MemoryMap).OrderBy(w => w.Address).ToArray();
        int wordBytes = _ports.WordBytes;
        long done = 0;
        for (int start = 0; start < writes.Length;)
        {
            int end = start + 1;
            while (end < writes.Length && writes[end].Address == writes[end - 1].Address + 1) end++;
            var bytes = new byte[(end - start) * wordBytes];
            for (int i = start; i < end; i++) Put(writes[i].Data, bytes.AsSpan((i - start) * wordBytes, wordBytes));
            long before = done;
            _client.Write((uint)writes[start].Address, bytes, progress is null ? null : new Progress(p => progress.Report(before + p)), cancellation);
            done += bytes.Length;
            start = end;
        }
        return done;
    }

    /// <summary>The accelerator's own counters by port name (step_count, busy_cycles, ...), read over the link.</summary>
    public IReadOnlyDictionary<string, uint> ReadAcceleratorCounters(CancellationToken cancellation = default)
    {
        var all = _client.ReadCounters(cancellation);
        if (all.Length != LinkCounters.Names.Count + _ports.Counters.Count)
            throw new LinkException($"the board reported {all.Length} counters but this accelerator has {LinkCounters.Names.Count} + {_ports.Counters.Count}");
        return _ports.Counters.Select((name, i) => (name, all[LinkCounters.Names.Count + i])).ToDictionary(p => p.name, p => p.Item2);
    }

    /// <summary>Bytes the image takes on the line as payload.</summary>
    public long UploadBytes(ModelImage image) => (long)ImagePacker.Pack(image, Accelerator.MemoryMap).Count * _ports.WordBytes;

    /// <summary>One sequence, a RUN per step; the output vectors in order (h every step, or the logits at the end).</summary>
    public IReadOnlyList<long[]> RunSequence(IReadOnlyList<CodedVector> steps, CancellationToken cancellation = default)
    {
        int ib = _ports.InputBeatBytes, ob = _ports.OutputBeatBytes, dataWidth = _ports.OutputDataWidth;
        var vectors = new List<long[]>();
        var current = new List<long>();
        for (int t = 0; t < steps.Count; t++)
        {
            var beats = StepBeats.Pack(steps[t], Accelerator, t == 0, t == steps.Count - 1);
            var payload = new byte[beats.Count * ib];
            for (int b = 0; b < beats.Count; b++) Put(Beat(beats[b]), payload.AsSpan(b * ib, ib));
            var answer = _client.Run(payload, cancellation);
            for (int o = 0; o + ob <= answer.Length; o += ob)
            {
                var raw = new BigInteger(answer.AsSpan(o, ob), isUnsigned: true);
                current.Add(TwosComplement.Signed(raw & ((BigInteger.One << dataWidth) - 1), dataWidth));
                bool last = _ports.OutputSideband.Count == 0 ? current.Count == Accelerator.Spec.HiddenSize : !(raw >> dataWidth).IsZero;
                if (!last) continue;
                vectors.Add(current.ToArray());
                current.Clear();
            }
        }
        if (current.Count > 0) throw new LinkException($"the board's output ended inside a vector ({current.Count} values after the last tlast)");
        return vectors;
    }

    private BigInteger Beat(InputBeat beat)
    {
        var value = beat.Data;
        for (int i = 0; i < _ports.InputSideband.Count; i++)
        {
            bool bit = _ports.InputSideband[i] == "s_axis_tuser" ? beat.First : beat.Last;
            if (bit) value |= BigInteger.One << (_ports.InputDataWidth + i);
        }
        return value;
    }

    private static void Put(BigInteger value, Span<byte> destination)
    {
        destination.Clear();
        if (!value.TryWriteBytes(destination, out _, isUnsigned: true))
            throw new LinkException($"value {value} does not fit {destination.Length} bytes");
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
