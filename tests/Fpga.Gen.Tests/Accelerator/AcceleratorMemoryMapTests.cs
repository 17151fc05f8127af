using Fpga.Gen.Cores.Accelerator;
using Fpga.Gen.Spec;

namespace Fpga.Gen.Tests.Accelerator;

public class AcceleratorMemoryMapTests
{
    public static TheoryData<AcceleratorSpec> Specs => new()
    {
        new AcceleratorSpec().Validate(),
        new AcceleratorSpec { InputSize = 28, HiddenSize = 64, Layers = 2, DenseOutputs = 10, Simd = 16, Output = OutputMode.LogitsAtEnd }.Validate(),
        new AcceleratorSpec { InputSize = 9, HiddenSize = 12, Layers = 3, WeightCodes = 3, ActivationCodes = 3, Simd = 8, Requantization = HiddenRequantization.Static }.Validate(),
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryWordOfAnImageHasItsOwnAddressInsideItsRegion(AcceleratorSpec spec)
    {
        var map = new AcceleratorMemoryMap(spec);
        var addresses = new List<ulong>();
        for (int l = 0; l < spec.Layers; l++)
        {
            var folding = map.Folding.Layers[l];
            for (int r = 0; r < spec.GateRows; r++)
            {
                for (int i = 0; i < spec.WeightCodes; i++)
                {
                    for (int cf = 0; cf < folding.Input.ColFolds; cf++) addresses.Add(map.InputWeightAddress(l, r, i, cf));
                    for (int cf = 0; cf < folding.Recurrent.ColFolds; cf++) addresses.Add(map.RecurrentWeightAddress(l, r, i, cf));
                    addresses.Add(map.InputCoefficientAddress(l, r, i));
                    addresses.Add(map.RecurrentCoefficientAddress(l, r, i));
                }
            }
            for (int k = 0; k < spec.HiddenSize; k++) addresses.Add(map.BiasAddress(l, k));
            if (spec.Requantization == HiddenRequantization.Static)
                for (int j = 0; j < spec.ActivationCodes; j++) addresses.Add(map.StaticCoefficientAddress(l, j));
        }
        if (AcceleratorFolding.HasDense(spec))
        {
            for (int r = 0; r < AcceleratorFolding.PaddedDenseRows(spec); r++)
            {
                for (int i = 0; i < spec.WeightCodes; i++)
                {
                    for (int cf = 0; cf < map.Folding.Layers[^1].Recurrent.ColFolds; cf++) addresses.Add(map.DenseWeightAddress(r, i, cf));
                    addresses.Add(map.DenseCoefficientAddress(r, i));
                }
                addresses.Add(map.DenseBiasAddress(r));
            }
        }

        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.Equal(map.Regions.Sum(r => r.Writes), addresses.Count);
        foreach (var region in map.Regions)
        {
            var inside = addresses.Where(a => (int)(a >> map.LocalBits) == region.Index).ToArray();
            Assert.Equal(region.Writes, inside.Length);
            Assert.All(inside, a => Assert.True((a & ((1UL << map.LocalBits) - 1)) < (1UL << region.AddressBits), $"{region.Name}: 0x{a:x}"));
        }
        Assert.All(addresses, a => Assert.True(a < 1UL << map.AddressWidth));
    }

    [Fact]
    public void CanonicalGateRowsAreStoredUnitMajor()
    {
        var map = new AcceleratorMemoryMap(new AcceleratorSpec { InputSize = 4, HiddenSize = 8, Simd = 8 }.Validate());
        // Gate f (q = 1) of unit 3 is canonical row 1 * 8 + 3 and physical row 4 * 3 + 1.
        Assert.Equal(13, map.PhysicalGateRow(11));
        Assert.Equal(0, map.PhysicalGateRow(0));
        Assert.Equal(31, map.PhysicalGateRow(31));
    }

    [Fact]
    public void TheInputUnitIsFoldedLikeTheRecurrentOne()
    {
        var folding = AcceleratorFolding.For(new AcceleratorSpec().Validate());
        Assert.Equal(7, folding.Layers[0].Input.Simd);
        Assert.Equal(folding.Layers[0].Recurrent.IssueCycles, folding.Layers[0].Input.IssueCycles);
        Assert.Equal(2048, folding.IdealCyclesPerStep);
    }
}
