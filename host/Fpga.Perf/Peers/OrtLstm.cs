using Fpga.Host.Formats.Onnx;
using Fpga.Host.Models;
using Microsoft.ML.OnnxRuntime;

namespace Fpga.Perf.Peers;

/// <summary>
/// ONNX Runtime (CPU execution provider) running the float model exported as standard ONNX
/// LSTM operators, on one [steps, 1, features] sequence, with the suite's thread count.
/// </summary>
public sealed class OrtLstm : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly RunOptions _run = new();
    private readonly string[] _inputNames = [OnnxLstmExport.InputName];
    private readonly string[] _outputNames = [OnnxLstmExport.OutputName];
    private readonly OrtValue[] _inputValues;

    public OrtLstm(LstmModel model, float[] sequence, int steps, int threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(OnnxLstmExport.Write(model), options);
        _input = OrtValue.CreateTensorValueFromMemory(sequence, [steps, 1, model.InputSize]);
        _inputValues = [_input];
    }

    /// <summary>The native library's version, or why it did not load.</summary>
    public static (bool Available, string Detail) Probe()
    {
        try
        {
            return (true, "ONNX Runtime " + OrtEnv.Instance().GetVersionString());
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or OnnxRuntimeException or EntryPointNotFoundException or BadImageFormatException)
        {
            return (false, $"ONNX Runtime did not load: {e.GetBaseException().Message}");
        }
    }

    public void RunSequence()
    {
        using var outputs = _session.Run(_run, _inputNames, _inputValues, _outputNames);
    }

    public void Dispose()
    {
        _input.Dispose();
        _run.Dispose();
        _session.Dispose();
    }
}
