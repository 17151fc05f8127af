using Fpga.Host.Datasets;
using Fpga.Host.Diagnostics;
using Fpga.Host.Training;

namespace Fpga.Host.Evaluation;

/// <summary>
/// A held-out set a model is scored on: Fashion-MNIST test images (accuracy, higher is better) or
/// the Brown test stream (perplexity, lower is better).
/// </summary>
public sealed class EvaluationData
{
    private readonly ImageSet? _images;
    private readonly int[]? _tokens;

    private EvaluationData(string name, ImageSet? images, int[]? tokens, int vocabulary)
    {
        Name = name;
        _images = images;
        _tokens = tokens;
        VocabularySize = vocabulary;
    }

    public string Name { get; }
    public bool IsLanguageModel => _tokens is not null;
    public string MetricName => IsLanguageModel ? "perplexity" : "accuracy";
    public int VocabularySize { get; }

    public static EvaluationData Load(string dataset, int? limit = null) => dataset switch
    {
        "fashion-mnist" => FromImages(limit is { } n ? FashionMnist.Test().Take(n) : FashionMnist.Test()),
        "brown" => FromCorpus(BrownCorpus.Load(), limit),
        _ => throw new FpgaException($"unknown dataset '{dataset}'; known: fashion-mnist, brown"),
    };

    public static EvaluationData FromImages(ImageSet images) => new("fashion-mnist", images, null, 0);

    public static EvaluationData FromCorpus(WordCorpus corpus, int? limit = null) =>
        new("brown", null, limit is { } n ? corpus.Test[..Math.Min(n, corpus.Test.Length)] : corpus.Test, corpus.Vocabulary.Count);

    /// <summary>Throws when the model does not fit this data (features, classes, vocabulary).</summary>
    public void CheckFits(LstmNetwork network, string source)
    {
        if (_images is { } images)
        {
            if (network.Embedding is not null || network.InputSize != images.Cols || network.OutputSize != images.Classes)
                throw new FpgaException($"{source}: a {Name} model reads {images.Cols} features per step and has {images.Classes} outputs; this one takes {(network.Embedding is null ? $"{network.InputSize} features" : "token ids")} and has {network.OutputSize}");
        }
        else if (network.Embedding is null || network.VocabularySize != VocabularySize || network.OutputSize != VocabularySize)
        {
            throw new FpgaException($"{source}: a {Name} language model needs an embedding and output over the {VocabularySize}-word vocabulary; this one has {(network.Embedding is null ? "no embedding" : $"vocabulary {network.VocabularySize}")} and {network.OutputSize} outputs");
        }
    }

    /// <summary>The metric: accuracy in [0, 1] or perplexity.</summary>
    public double Score(LstmNetwork network, QuantizationAware quantization)
    {
        if (_images is { } images) return ClassifierEvaluation.Run(network, images, quantization).Accuracy;
        return LanguageModelEvaluation.Run(network, _tokens!, quantization).Perplexity;
    }
}
