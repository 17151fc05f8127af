using Fpga.Gen.Spec;
using Fpga.Host.Golden;
using Fpga.Host.Models;

namespace Fpga.Host.Tests.Golden;

public sealed class StaticCalibrationTests
{
    [Fact]
    public void OneCodeIsTheAverageMeanMagnitudeOfTheFloatHiddenState()
    {
        var model = RandomLstmModel.Create(3, 5, layers: 1, denseOutputs: 0, seed: 12);
        var inputs = RandomLstmModel.Inputs(3, 4, 3, seed: 13);
        var coefficients = StaticCalibration.Calibrate(model, inputs, 1);
        // With one code the greedy coefficient is mean |h|: average it over every step of every sequence.
        var hidden = LstmForwardPass.Run(model, inputs);
        double expected = Enumerable.Range(0, 12).Average(v => hidden.AsSpan(v * 5, 5).ToArray().Average(h => Math.Abs(h)));
        Assert.Equal(expected, Assert.Single(Assert.Single(coefficients)), 5);
    }

    [Fact]
    public void StaticRunUsesTheCalibratedLevelsEveryStep()
    {
        var (model, quantized) = GoldenModels.Random(4, 6, layers: 2, dense: 0, codes: 2, seed: 14);
        var inputs = RandomLstmModel.Inputs(4, 5, 4, seed: 15);
        var calibration = StaticCalibration.Calibrate(model, inputs, 2);
        Assert.All(calibration, layer => Assert.True(layer[0] > layer[1] && layer[1] > 0));
        var spec = AcceleratorSpecs.ForModel(quantized, new AcceleratorSpec { Requantization = HiddenRequantization.Static });
        var image = ModelImage.Build(quantized, spec, calibration);
        var trace = new List<GoldenStepTrace>();
        new GoldenLstm(image).RunSequence(GoldenModels.Inputs(image, quantized.Layers[0].Activations, 5, seed: 16), trace);
        for (int l = 0; l < 2; l++)
        {
            var levels = image.Layers[l].StaticCoefficients!;
            Assert.All(trace, step => Assert.Equal(levels, step.Layers[l].Requantized.Coefficients));
        }
    }
}
