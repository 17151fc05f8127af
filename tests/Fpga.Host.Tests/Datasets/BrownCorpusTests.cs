using Fpga.Host.Datasets;
using Fpga.Host.Training;

namespace Fpga.Host.Tests.Datasets;

public sealed class BrownCorpusTests
{
    [Fact]
    public void TaggedLinesBecomeLowercasedWordsWithEndOfSentence()
    {
        var words = new List<string>();
        BrownCorpus.AppendWords(["", "\tThe/at Jury/nn-tl said/vbd 1/2/cd ./.", "   ", "\tIt/pps ran/vbd ./."], words);
        Assert.Equal(["the", "jury", "said", "1/2", ".", "<eos>", "it", "ran", ".", "<eos>"], words);
    }

    [Fact]
    public void SplitsEightyTenTenWithTheVocabularyFromTrainingOnly()
    {
        // 20 words: train is the first 16, valid the next 2, test the last 2.
        var words = "a a a b b c d e f g a b a <eos> b c x y z q".Split(' ');
        var corpus = BrownCorpus.Split(words, vocabularyWords: 3);
        Assert.Equal(16, corpus.Train.Length);
        Assert.Equal(2, corpus.Valid.Length);
        Assert.Equal(2, corpus.Test.Length);
        Assert.Equal(["a", "b", "c", "<unk>", "<eos>"], corpus.Vocabulary.Words);
        var v = corpus.Vocabulary;
        Assert.Equal([v.Id("b"), v.Id("c")], corpus.Split("train")[14..]);
        Assert.Equal([v.UnknownId, v.UnknownId], corpus.Valid);
        Assert.Equal(v.EndOfSentenceId, corpus.Train[13]);
    }

    [Fact]
    public void TokenWindowsReadParallelStreamsAndTargetTheNextToken()
    {
        var tokens = Enumerable.Range(0, 11).ToArray();
        var windows = new TokenStreamBatches(tokens, batch: 2, steps: 2).Windows().ToArray();
        // Streams 0..4 and 5..9 (token 10 is dropped); 4 predictions each.
        Assert.Equal(2, windows.Length);
        Assert.Equal([0, 5, 1, 6], windows[0].Tokens!);
        Assert.Equal([1, 6, 2, 7], windows[0].Targets);
        Assert.Equal([2, 7, 3, 8], windows[1].Tokens!);
        Assert.Equal([4, 9], windows[1].Targets[2..]);
    }
}
