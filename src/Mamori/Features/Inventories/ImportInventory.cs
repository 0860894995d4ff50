using System.Globalization;
using System.Text;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Inventories;
using Mamori.Domain.Organizations;
using Mamori.Import;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Inventories;

/// <summary>
/// Adds every row of a spreadsheet (xlsx, CSV/TSV; Japanese or English headers) to one inventory, all or
/// nothing, as the asset register's import does: every bad cell, unknown header, repeated row and entry
/// already listed is reported with its row and column, and nothing is stored unless there is none.
/// The file is read by the register's readers and checked by <see cref="ImportGuard"/>.
/// </summary>
public static class ImportInventory
{
    /// <summary>A file of a few thousand rows is already far more than an inventory holds.</summary>
    public static ImportLimits Limits { get; } = new() { MaxFileBytes = 10L * 1024 * 1024, MaxRows = Inventory.MaxImportRows };

    public sealed record Result(SaveStatus Status, int Imported, IReadOnlyList<ImportProblem> Problems)
    {
        public bool Succeeded => Status == SaveStatus.Saved;
    }

    public static async Task<Result> HandleAsync(
        MamoriDb db, Membership membership, InventoryKind kind, Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return new(SaveStatus.Forbidden, 0, []);
        }

        var problems = new List<ImportProblem>();
        List<(int Row, InventoryItem Item)> items;
        try
        {
            var content = await ImportGuard.ReadAllAsync(file, Limits, cancellationToken);
            using var stream = new MemoryStream(content, writable: false);
            items = Read(SheetReader.Read(stream, fileName, Limits), kind, membership.OrganizationId, problems);
        }
        catch (UnreadableFileException e)
        {
            return new(SaveStatus.Invalid, 0, [new ImportProblem(null, null, e.Message)]);
        }

        if (problems.Count == 0)
        {
            var listed = (await db.InventoryItems.AsNoTracking().Where(i => i.Kind == kind).Select(i => new { i.System, i.Name }).ToListAsync(cancellationToken))
                .Select(i => (i.System, i.Name)).ToHashSet();
            problems.AddRange(items.Where(i => listed.Contains(Inventory.Identity(i.Item)))
                .Select(i => new ImportProblem(i.Row, null, Format(InventoryWords.AlreadyRegistered, Inventory.Describe(i.Item)))));
        }

        if (problems.Count > 0)
        {
            return new(SaveStatus.Invalid, 0, problems);
        }

        db.InventoryItems.AddRange(items.Select(i => i.Item));
        await db.SaveChangesAsync(cancellationToken);
        return new(SaveStatus.Saved, items.Count, []);
    }

    /// <summary>The entries of the file's rows; every problem is added to <paramref name="problems"/>, and the entries count only if there is none.</summary>
    internal static List<(int Row, InventoryItem Item)> Read(IEnumerable<SheetRow> rows, InventoryKind kind, Guid organizationId, List<ImportProblem> problems)
    {
        var columns = Inventory.Columns(kind);
        var name = columns.First(c => c.Key == nameof(InventoryItem.Name));
        int[]? cells = null;
        string?[] texts = new string?[columns.Count];
        var items = new List<(int Row, InventoryItem Item)>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in rows)
        {
            if (cells is null)
            {
                if (row.RowNumber > RegisterParser.HeaderSearchRows)
                {
                    break;
                }

                cells = Header(row, columns, texts, problems);
                if (cells is not null && problems.Count > 0)
                {
                    return [];
                }

                continue;
            }

            if (row.IsBlank)
            {
                continue;
            }

            var before = problems.Count;
            var item = InventoryItem.Unnamed(organizationId, kind);
            string Where(int column) => texts[column] ?? columns[column].Header(Language.Japanese);
            for (var cell = 0; cell < row.Cells.Count; cell++)
            {
                if (Array.IndexOf(cells, cell) < 0 && !row[cell].IsEmpty)
                {
                    problems.Add(new(row.RowNumber, null, Format(Messages.CellInUnnamedColumn, XlsxSheetReader.ColumnLetter(cell), row[cell].Text.Trim())));
                }
            }

            for (var column = 0; column < columns.Count; column++)
            {
                var sheetCell = cells[column] >= 0 ? row[cells[column]] : default;
                var (value, problem) = sheetCell.IsFormula ? (null, Messages.CellFormulaNotAllowed) : Value(columns[column], sheetCell.Text);
                if (problem is not null)
                {
                    problems.Add(new(row.RowNumber, Where(column), problem));
                }
                else if (problems.Count == before)
                {
                    columns[column].Set(item, value);
                }
            }

            if (problems.Count > before)
            {
                continue;
            }

            if (seen.TryGetValue(Inventory.Identity(item), out var first))
            {
                problems.Add(new(row.RowNumber, Where(columns.ToList().IndexOf(name)), Format(InventoryWords.DuplicateInFile, Inventory.Describe(item), first)));
                continue;
            }

            seen[Inventory.Identity(item)] = row.RowNumber;
            items.Add((row.RowNumber, item));
        }

        if (cells is null)
        {
            problems.Add(new(null, null, Format(Messages.HeaderNotFound, name.Header(Language.Japanese), RegisterParser.HeaderSearchRows)));
        }
        else if (problems.Count == 0 && items.Count == 0)
        {
            problems.Add(new(null, null, InventoryWords.NoRows));
        }

        return items;
    }

    /// <summary>The cell of each column (-1 when the file has none) if this row is the header (it names the name column); its problems are reported.</summary>
    private static int[]? Header(SheetRow row, IReadOnlyList<InventoryColumn> columns, string?[] texts, List<ImportProblem> problems)
    {
        var byHeader = HeaderMap(columns);
        var matches = row.Cells.Select((cell, index) => (Index: index, Text: cell.Text.Trim(), Column: byHeader.GetValueOrDefault(RegisterColumns.Normalize(cell.Text), -1))).ToList();
        var nameColumn = columns.ToList().FindIndex(c => c.Key == nameof(InventoryItem.Name));
        if (!matches.Any(m => m.Column == nameColumn))
        {
            return null;
        }

        var cells = Enumerable.Repeat(-1, columns.Count).ToArray();
        foreach (var (index, text, column) in matches.Where(m => m.Text.Length > 0))
        {
            if (column < 0)
            {
                problems.Add(new(row.RowNumber, text, Format(Messages.HeaderUnknown, text, XlsxSheetReader.ColumnLetter(index))));
            }
            else if (cells[column] >= 0)
            {
                problems.Add(new(row.RowNumber, text, Format(Messages.HeaderDuplicate, text, XlsxSheetReader.ColumnLetter(cells[column]), XlsxSheetReader.ColumnLetter(index))));
            }
            else
            {
                (cells[column], texts[column]) = (index, text);
            }
        }

        for (var column = 0; column < columns.Count; column++)
        {
            if (columns[column].Required && cells[column] < 0)
            {
                problems.Add(new(row.RowNumber, null, Format(Messages.HeaderMissing, columns[column].Header(Language.Japanese), columns[column].Header(Language.English))));
            }
        }

        return cells;
    }

    /// <summary>Every header of both languages, normalised as the register's are, to its column's position.</summary>
    internal static Dictionary<string, int> HeaderMap(IReadOnlyList<InventoryColumn> columns)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var column = 0; column < columns.Count; column++)
        {
            foreach (var header in columns[column].Headers(Language.Japanese).Concat(columns[column].Headers(Language.English)))
            {
                map.TryAdd(RegisterColumns.Normalize(header), column);
            }
        }

        return map;
    }

    /// <summary>A cell's value as the column's Get gives it, or why it cannot be read.</summary>
    private static (object? Value, string? Problem) Value(InventoryColumn column, string text)
    {
        if (column.Kind == RegisterCellKind.Text)
        {
            text = text.Trim();
            return text.Length > column.MaxLength ? (null, Format(Messages.CellTooLong, column.MaxLength, text.Length))
                : column.Required && text.Length == 0 ? (null, Messages.CellRequired)
                : (text, null);
        }

        var raw = text.Normalize(NormalizationForm.FormKC).Trim();
        if (column.Kind == RegisterCellKind.Flag)
        {
            return RegisterParser.Flag(raw) is { } flag ? (flag, null) : (null, Format(Messages.CellFlagInvalid, raw));
        }

        return raw.Length == 0 ? (null, null)
            : RegisterParser.Date(raw) is { } date ? (date, null)
            : (null, Format(Messages.CellDateInvalid, raw));
    }

    private static string Format(string template, params object[] arguments) => string.Format(CultureInfo.CurrentCulture, template, arguments);
}
