using Fpga.Gen.Cores.Link;
using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Link;
using Xunit.Abstractions;

namespace Fpga.Cosim.Tests.Link;

/// <summary>
/// The real accelerator behind the link: a random quantized model uploaded through the
/// pseudo-terminal with SerialPort, sequences run step by step, every output equal to the
/// golden model's bit for bit, and the accelerator's step counter advanced once per step.
/// </summary>
public class AcceleratorLinkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(OutputMode.HiddenEveryStep, 1, 0)]
    [InlineData(OutputMode.LogitsAtEnd, 2, 5)]
    public void UploadedModelAnswersAsTheGoldenModel(OutputMode mode, int layers, int denseOutputs)
    {
        var model = LinkModel.Create(inputs: 10, hidden: 8, layers, denseOutputs, mode, codes: 2, simd: 4, sequences: 3, steps: 5, seed: 21 + layers);
        using var work = new TestDirectory();
        using var board = SimulatedBoard.Start(model.Accelerator.Spec, new LinkOptions(UartOptions.Fast(32), MaxPayload: 512), model.Accelerator.Module, work.Path);
        using var client = new LinkClient(SerialTransport.Open(board.PortPath, 115200), new LinkClientOptions { AnswerTimeout = TimeSpan.FromSeconds(3), MaxRetries = 12 });
        var session = new AcceleratorSession(client, model.Accelerator);
        session.Identify();
        long uploaded = session.Upload(model.Image);
        Assert.Equal(session.UploadBytes(model.Image), uploaded);

        var golden = new GoldenLstm(model.Image);
        int values = 0;
        foreach (var sequence in model.Sequences)
        {
            var expected = golden.RunSequence(sequence).Values;
            var actual = session.RunSequence(sequence);
            Assert.Equal(expected.Count, actual.Count);
            for (int v = 0; v < expected.Count; v++)
            {
                Assert.Equal(expected[v], actual[v]);
                values += expected[v].Length;
            }
        }
        var counters = client.ReadCounters();
        int stepCount = LinkCounters.Names.Count + AcceleratorPorts.Of(model.Accelerator.Module).Counters.ToList().IndexOf("step_count");
        Assert.Equal((uint)model.Sequences.Sum(s => s.Count), counters[stepCount]);
        Assert.Equal(mode == OutputMode.HiddenEveryStep ? 3 * 5 * 8 : 3 * denseOutputs, values);
        output.WriteLine($"{uploaded} payload bytes uploaded, {values} output values equal to the golden model; {client.Statistics.FramesSent} frames sent");
    }
}
