namespace Mamori.Import;

/// <summary>A cell as read from a file: its text and whether it held a formula.</summary>
public readonly record struct SheetCell(string? Value, bool IsFormula)
{
    /// <summary>Never null: a cell missing from its row (the default value) reads as empty, as in Excel.</summary>
    public string Text => Value ?? "";

    public bool IsEmpty => string.IsNullOrWhiteSpace(Value);
}

/// <summary>A row of a CSV or worksheet, numbered as the user sees it in Excel.</summary>
public sealed record SheetRow(int RowNumber, IReadOnlyList<SheetCell> Cells)
{
    public SheetCell this[int column] => column < Cells.Count ? Cells[column] : default;

    public bool IsBlank => Cells.All(c => c.IsEmpty);
}

/// <summary>The file could not be read at all (wrong format, wrong encoding, damaged).</summary>
public sealed class UnreadableFileException(string message, Exception? inner = null) : Exception(message, inner);
