namespace Fpga.Host.Models;

/// <summary>The four gates of an LSTM cell.</summary>
public enum LstmGate
{
    /// <summary>i: how much of the candidate enters the cell (sigmoid).</summary>
    Input,
    /// <summary>f: how much of the old cell state is kept (sigmoid).</summary>
    Forget,
    /// <summary>g (PyTorch), c (Keras, ONNX): the candidate cell value (tanh).</summary>
    Cell,
    /// <summary>o: how much of tanh(cell) becomes the hidden state (sigmoid).</summary>
    Output,
}
