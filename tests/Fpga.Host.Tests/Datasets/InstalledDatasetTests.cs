using Fpga.Host.Datasets;

namespace Fpga.Host.Tests.Datasets;

/// <summary>The datasets `make datasets` installs (make test depends on it), read as the trainers read them.</summary>
public sealed class InstalledDatasetTests
{
    [Fact]
    public void FashionMnistTestSetHasAThousandImagesPerClass()
    {
        var test = FashionMnist.Test();
        Assert.Equal(10_000, test.Count);
        for (int c = 0; c < FashionMnist.Classes; c++) Assert.Equal(1000, test.Labels.Count(l => l == c));
        Assert.InRange(test.Pixels.Average(), 0.2, 0.4);
    }

    [Fact]
    public void BrownSplitsAboutAMillionTokensOverTheDocumentedVocabulary()
    {
        var corpus = BrownCorpus.Load();
        Assert.Equal(10_002, corpus.Vocabulary.Count);
        long total = corpus.Train.Length + corpus.Valid.Length + corpus.Test.Length;
        Assert.InRange(total, 1_150_000, 1_260_000);
        Assert.InRange(corpus.Train.Length / (double)total, 0.799, 0.801);
        Assert.Equal("the", corpus.Vocabulary.Words[0]);
    }
}
