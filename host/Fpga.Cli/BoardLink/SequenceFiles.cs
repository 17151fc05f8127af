using System.Globalization;
using System.Text;
using Fpga.Gen.Spec;
using Fpga.Host.Datasets;
using Fpga.Host.Diagnostics;
using Fpga.Host.Formats;
using Fpga.Host.Formats.Numpy;
using Fpga.Host.Golden;
using Fpga.Host.Models;

namespace Fpga.Cli.BoardLink;

/// <summary>A batch of float input sequences and, for a labelled dataset, the class of each.</summary>
internal sealed record SequenceBatch(LstmSequenceBatch Batch, byte[]? Labels, string Source);

/// <summary>
/// The input and output files of `fpga run` (README, "fpga run"):
/// - `.npy`: float32 or float64, [batch, steps, features] or [steps, features] (one sequence), as `fpga infer` reads;
/// - `.csv`: one sequence a line, steps x features numbers, step major (the features of step 0,
///   then of step 1, ...); blank lines and lines starting with # are skipped; every line equally long;
/// - `--data fashion-mnist`: test images from --offset on, each image one sequence of 28 rows.
/// Outputs are written whole or not at all: `.npy` float32 [batch, outputs] for logits or
/// [batch, steps, hidden] for hidden states (the dequantized integers), `.csv` one sequence a line.
/// </summary>
internal static class SequenceFiles
{
    public static SequenceBatch Read(string? path, string? dataset, int count, int offset, int inputSize)
    {
        if ((path is null) == (dataset is null)) throw new FpgaException("give the inputs as --input FILE (.npy or .csv) or --data fashion-mnist");
        if (dataset is not null)
        {
            if (dataset != "fashion-mnist") throw new FpgaException($"unknown dataset '{dataset}'; known: fashion-mnist");
            var test = FashionMnist.Test();
            if (count < 1 || offset < 0 || offset + count > test.Count)
                throw new FpgaException($"--offset {offset} --count {count} is outside the {test.Count} Fashion-MNIST test images");
            if (test.Cols != inputSize) throw new FpgaException($"Fashion-MNIST has {test.Cols} features a step but the accelerator takes {inputSize}");
            int size = test.Rows * test.Cols;
            var pixels = test.Pixels.AsSpan(offset * size, count * size).ToArray();
            return new SequenceBatch(LstmSequenceBatch.FromFeatures(pixels, count, test.Rows, test.Cols), test.Labels[offset..(offset + count)], $"Fashion-MNIST test images {offset}..{offset + count - 1}");
        }
        if (!File.Exists(path)) throw FileErrors.File(path!, "does not exist");
        if (path!.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return new SequenceBatch(ReadCsv(path, inputSize), null, path);
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            return new SequenceBatch(LstmSequenceBatch.FromTensor(NpyReader.Read(path), inputSize, null, path), null, path);
        throw FileErrors.File(path, "is neither .npy nor .csv");
    }

    private static LstmSequenceBatch ReadCsv(string path, int inputSize)
    {
        var values = new List<float>();
        int perLine = -1, lines = 0, number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',');
            if (perLine < 0)
            {
                perLine = fields.Length;
                if (perLine % inputSize != 0)
                    throw FileErrors.File(path, $"line {number} has {perLine} values, not a whole number of steps of {inputSize} features");
            }
            else if (fields.Length != perLine)
            {
                throw FileErrors.File(path, $"line {number} has {fields.Length} values but the first sequence {perLine}; every sequence must have as many steps");
            }
            foreach (var field in fields)
            {
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                    throw FileErrors.File(path, $"line {number}: '{field.Trim()}' is not a finite number");
                values.Add(value);
            }
            lines++;
        }
        if (lines == 0) throw FileErrors.File(path, "holds no sequence");
        return LstmSequenceBatch.FromFeatures(values.ToArray(), lines, perLine / inputSize, inputSize);
    }

    /// <summary>The outputs of every sequence, dequantized, to .npy or .csv; nothing is left behind on failure.</summary>
    public static void Write(string path, AcceleratorSpec spec, IReadOnlyList<GoldenOutput> outputs, int steps)
    {
        var values = outputs.SelectMany(o => o.Dequantize(spec)).ToArray();
        int perSequence = outputs.Count == 0 ? 0 : values.Length / outputs.Count;
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            var text = new StringBuilder();
            text.Append(spec.Output == OutputMode.LogitsAtEnd ? $"# {spec.DenseOutputs} logits a line\n" : $"# {steps} steps x {spec.HiddenSize} hidden values a line, step major\n");
            for (int s = 0; s < outputs.Count; s++)
                text.Append(string.Join(',', values.Skip(s * perSequence).Take(perSequence).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
            AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));
            return;
        }
        if (!path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) throw FileErrors.File(path, "the output must be .npy or .csv");
        int[] shape = spec.Output == OutputMode.LogitsAtEnd ? [outputs.Count, spec.DenseOutputs] : [outputs.Count, steps, spec.HiddenSize];
        NpyWriter.Write(path, TensorData.FromFloat32("output", shape, values));
    }

    /// <summary>Refuses an output path before any work: an unknown extension or a missing directory.</summary>
    public static void CheckOutput(string path)
    {
        if (!path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            throw FileErrors.File(path, "the output must be .npy or .csv");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory)) throw FileErrors.File(path, "cannot write: the directory does not exist");
    }
}
