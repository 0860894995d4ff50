using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Features.Archive;

/// <summary>
/// The rows of a checked archive (<see cref="ArchiveContents"/>) as the model's values, by entity type, refused
/// by part and column when they do not fit this installation's model or another organization's rows are among them.
/// </summary>
internal static class ArchiveRows
{
    public static (Dictionary<IEntityType, List<object?[]>>? Tables, string? Problem) Read(ArchiveContents contents, IModel model)
    {
        var types = ArchiveTables.OrganizationTypes(model);
        var known = types.ToDictionary(t => ArchiveManifest.DataPart(ArchiveTables.Name(t)), StringComparer.Ordinal);
        if (contents.Manifest.Parts.FirstOrDefault(p => p.Name.StartsWith("data/", StringComparison.Ordinal) && !known.ContainsKey(p.Name)) is { } unknown)
        {
            return (null, Format(ArchiveText.PartUnknown, unknown.Name));
        }

        var tables = new Dictionary<IEntityType, List<object?[]>>();
        foreach (var (name, type) in known)
        {
            // A type this version has and the archive's does not: none of its rows.
            if (contents.Part(name) is not { } bytes)
            {
                tables[type] = [];
                continue;
            }

            var (rows, problem) = ReadPart(contents, type, name, bytes);
            if (rows is null)
            {
                return (null, problem);
            }

            if (contents.Manifest.Parts.Single(p => p.Name == name).Rows is { } expected && expected != rows.Count)
            {
                return (null, Format(ArchiveText.PartWrongRowCount, name, rows.Count, expected));
            }

            if (Foreign(type, rows, contents.Manifest.Organization.Id))
            {
                return (null, Format(ArchiveText.PartForeignRows, name));
            }

            tables[type] = rows;
        }

        return (tables, null);
    }

    private static (List<object?[]>? Rows, string? Problem) ReadPart(ArchiveContents contents, IEntityType type, string name, byte[] bytes)
    {
        var properties = type.GetProperties().ToList();
        var byName = properties.Select((p, i) => (p, i)).ToDictionary(p => p.p.Name, p => p.i, StringComparer.Ordinal);
        var rows = new List<object?[]>();
        try
        {
            foreach (var item in JsonNode.Parse(bytes)?.AsArray() ?? throw new JsonException())
            {
                var json = item?.AsObject() ?? throw new JsonException();
                if (json.Select(c => c.Key).FirstOrDefault(key => !byName.ContainsKey(key)) is { } column)
                {
                    return (null, Format(ArchiveText.PartUnknownColumn, name, column));
                }

                var row = new object?[properties.Count];
                foreach (var property in properties)
                {
                    if (!json.TryGetPropertyValue(property.Name, out var node) && !property.IsNullable)
                    {
                        return (null, Format(ArchiveText.PartMissingColumn, name, property.Name));
                    }

                    if (ArchiveTables.IsFile(property) && node is not null)
                    {
                        var file = node.GetValue<string>();
                        if (contents.Part(file) is not { } content)
                        {
                            return (null, Format(ArchiveText.PartMissing, file));
                        }

                        row[byName[property.Name]] = content;
                    }
                    else
                    {
                        row[byName[property.Name]] = ArchiveTables.FromJson(property, node);
                    }
                }

                rows.Add(row);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return (null, Format(ArchiveText.PartUnreadable, name));
        }

        return (rows, null);
    }

    private static bool Foreign(IEntityType type, List<object?[]> rows, Guid organizationId)
    {
        var owner = type.FindProperty(type.ClrType == typeof(Organization) ? nameof(Organization.Id) : nameof(IBelongsToOrganization.OrganizationId))!;
        var index = type.GetProperties().ToList().IndexOf((IProperty)owner);
        return rows.Any(r => r[index] is not Guid id || id != organizationId) || (type.ClrType == typeof(Organization) && rows.Count != 1);
    }

    /// <summary>Where the archived audit chain breaks (the sequence number), or null when it holds from the first entry to the manifest's head.</summary>
    public static long? ChainBreak(IEntityType auditType, IEnumerable<object?[]> rows, ArchivedAuditHead head)
    {
        var (previous, expected) = (AuditEntry.Genesis, 1L);
        foreach (var entry in rows.Select(r => (AuditEntry)ToEntity(auditType, r)).OrderBy(e => e.Sequence))
        {
            if (entry.Sequence != expected || entry.PreviousHash != previous || entry.ComputeHash() != entry.Hash)
            {
                return entry.Sequence;
            }

            (previous, expected) = (entry.Hash, expected + 1);
        }

        return expected - 1 == head.Entries && previous == head.Hash ? null : expected;
    }

    /// <summary>An entity with a row's values (through its properties' setters, private ones included).</summary>
    public static object ToEntity(IEntityType type, object?[] row)
    {
        var entity = RuntimeHelpers.GetUninitializedObject(type.ClrType);
        var properties = type.GetProperties().ToList();
        for (var i = 0; i < properties.Count; i++)
        {
            if (!properties[i].IsShadowProperty())
            {
                properties[i].PropertyInfo!.SetValue(entity, row[i]);
            }
        }

        return entity;
    }

    /// <summary>A row's values taken back from an entity (shadow values from <paramref name="row"/>).</summary>
    public static object?[] FromEntity(IEntityType type, object entity, object?[] row) =>
        [.. type.GetProperties().Select((p, i) => p.IsShadowProperty() ? row[i] : p.GetGetter().GetClrValueUsingContainingEntity(entity))];

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);
}
