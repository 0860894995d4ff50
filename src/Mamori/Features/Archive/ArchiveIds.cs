using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Features.Archive;

/// <summary>
/// The ids an import gives in place of the archive's: accounts linked to another id by their e-mail,
/// and, for a copy beside the original organization, a new id for every row. An id is replaced wherever it
/// stands: in a key column, in a column that names an account, and inside JSON text (an audit entry's values).
/// </summary>
internal sealed partial class ArchiveIds
{
    private readonly Dictionary<Guid, Guid> _guids = [];
    private readonly Dictionary<string, string> _texts = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEmpty => _guids.Count == 0 && _texts.Count == 0;

    public void Add(Guid from, Guid to)
    {
        _guids[from] = to;
        _texts[from.ToString("D")] = to.ToString("D");
    }

    public void Add(string from, string to)
    {
        _texts[from] = to;
        if (Guid.TryParse(from, out var fromId) && Guid.TryParse(to, out var toId))
        {
            _guids[fromId] = toId;
        }
    }

    /// <summary>A new id for every row of <paramref name="type"/> with a single Guid key (the copy of an organization).</summary>
    public void Renew(IEntityType type, IEnumerable<object?[]> rows)
    {
        var key = type.FindPrimaryKey()!.Properties;
        if (key is not [{ } property] || property.ClrType != typeof(Guid))
        {
            return;
        }

        var index = type.GetProperties().ToList().IndexOf(property);
        foreach (var row in rows)
        {
            Add((Guid)row[index]!, Guid.CreateVersion7());
        }
    }

    /// <summary>A row with every id replaced.</summary>
    public object?[] Apply(object?[] row) => IsEmpty ? row : [.. row.Select(Apply)];

    private object? Apply(object? value) => value switch
    {
        Guid id => _guids.GetValueOrDefault(id, id),
        string text when _texts.TryGetValue(text, out var replaced) => replaced,
        string text when text.Length > 36 => GuidText().Replace(text, m => _texts.GetValueOrDefault(m.Value, m.Value)),
        _ => value,
    };

    /// <summary>
    /// For a copy: a fresh value in each column that is unique across the installation and is not a key (the public
    /// policy page's token, an invitation link's hash), which the original organization keeps.
    /// </summary>
    public static void RenewInstallationUniqueValues(IEntityType type, List<object?[]> rows, string? except)
    {
        var properties = type.GetProperties().ToList();
        var columns = type.GetIndexes()
            .Where(i => i.IsUnique && i.Properties.All(p => p.ClrType == typeof(string) && !p.IsKey() && !p.IsForeignKey() && p.Name != except))
            .SelectMany(i => i.Properties)
            .Select(p => properties.IndexOf(p))
            .Distinct()
            .ToList();
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                if (row[column] is string { Length: > 0 } old)
                {
                    row[column] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((old.Length + 1) / 2))[..old.Length];
                }
            }
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();
}
