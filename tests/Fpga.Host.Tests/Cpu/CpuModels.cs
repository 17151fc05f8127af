using Fpga.Gen.Spec;
using Fpga.Host.Cpu;
using Fpga.Host.Golden;
using Fpga.Host.Models;
using Fpga.Host.Quantization;

namespace Fpga.Host.Tests.Cpu;

/// <summary>One configuration of the CPU-engine-versus-golden grid.</summary>
public sealed record CpuCase(int Inputs, int Hidden, int Layers, int Dense, int Kw, int Ka, HiddenRequantization Requantization = HiddenRequantization.Greedy,
    NonlinearityKind Nonlinearity = NonlinearityKind.Table)
{
    public override string ToString() => $"{Inputs}->{Hidden}x{Layers} dense {Dense} kw {Kw} ka {Ka} {Requantization} {Nonlinearity}";
}

/// <summary>Random models and inputs for the CPU engine tests, and engine options that split even small layers across threads.</summary>
internal static class CpuModels
{
    public static (LstmModel Float, QuantizedModel Quantized, ModelImage Image) Build(CpuCase c, int seed)
    {
        var model = RandomLstmModel.Create(c.Inputs, c.Hidden, c.Layers, c.Dense, seed);
        var (quantized, _) = ModelQuantizer.Quantize(model, new QuantizerOptions(QuantMethod.Alternating, c.Kw), new ActivationQuantization(QuantMethod.Alternating, c.Ka));
        var template = new AcceleratorSpec { Requantization = c.Requantization, Nonlinearity = c.Nonlinearity };
        var spec = AcceleratorSpecs.ForModel(quantized, template);
        var calibration = c.Requantization == HiddenRequantization.Static
            ? StaticCalibration.Calibrate(model, RandomLstmModel.Inputs(4, 6, c.Inputs, seed + 1), c.Ka)
            : null;
        return (model, quantized, ModelImage.Build(quantized, spec, calibration));
    }

    /// <summary>Two threads, and a part as small as two units, so the tests split their small layers.</summary>
    public static CpuLstmOptions Options(PopcountIsa isa) => new() { Isa = isa, Threads = 2, MinimumUnitsPerThread = 2 };
}
