using System.Globalization;
using Mamori.Resources;

namespace Mamori.Import;

/// <summary>
/// Something wrong with an input file, located as the user sees it: the row number in
/// Excel and the column header of their own file.
/// </summary>
public sealed record ImportProblem(int? Row, string? Column, string Message)
{
    public override string ToString() => (Row, Column) switch
    {
        ({ } row, { } column) => string.Format(CultureInfo.CurrentCulture, Messages.ProblemAtRowAndColumn, row, column, Message),
        ({ } row, null) => string.Format(CultureInfo.CurrentCulture, Messages.ProblemAtRow, row, Message),
        (null, { } column) => string.Format(CultureInfo.CurrentCulture, Messages.ProblemInColumn, column, Message),
        _ => Message,
    };
}
