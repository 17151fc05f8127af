using Fpga.Host.Formats.Onnx;
using Fpga.Host.Models;
using Fpga.Host.Models.Import;

namespace Fpga.Host.Tests.Formats;

public sealed class OnnxLstmExportTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TheImporterReadsBackTheSameLayers(int layers)
    {
        var model = RandomLstmModel.Create(7, 5, layers, 0, seed: 11);
        var imported = OnnxLstmImporter.Import(OnnxLstmExport.Write(model), "exported.onnx");
        Assert.Equal(OnnxLstmExport.InputName, imported.InputName);
        Assert.Equal(OnnxLstmExport.OutputName, imported.OutputName);
        Assert.False(imported.OutputsLastStepOnly);
        Assert.Equal(layers, imported.Model.Layers.Count);
        for (int l = 0; l < layers; l++)
        {
            var expected = model.Layers[l];
            var actual = imported.Model.Layers[l];
            Assert.Equal(expected.WeightIh, actual.WeightIh);
            Assert.Equal(expected.WeightHh, actual.WeightHh);
            Assert.Equal(expected.BiasIh, actual.BiasIh);
            Assert.Equal(expected.BiasHh, actual.BiasHh);
        }
    }
}
