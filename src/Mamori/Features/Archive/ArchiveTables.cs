using System.Linq.Expressions;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Features.Archive;

/// <summary>
/// The tables of the EF model as an archive and a migration see them: which entity types hold an
/// organization's data, the order in which they can be written (every row after the rows it points
/// to), each row read as the values of all its properties (shadow ones included), those values as
/// JSON and back, and rows written without the change tracker or the audit writer
/// (<see cref="BulkInsert{T}"/>). Nothing here names an entity type: a table added to the model is
/// carried as it is.
/// </summary>
internal static class ArchiveTables
{
    public static JsonSerializerOptions Json { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>The organization's own row type and every type that belongs to an organization, in writing order.</summary>
    public static IReadOnlyList<IEntityType> OrganizationTypes(IModel model) => InWritingOrder(
        model.GetEntityTypes().Where(t => t.ClrType == typeof(Organization) || typeof(IBelongsToOrganization).IsAssignableFrom(t.ClrType)));

    /// <summary>
    /// Types that point at an organization without belonging to one (<see cref="IBelongsToOrganization"/>): an
    /// archive could not carry their rows, so an export refuses to run while there is one.
    /// </summary>
    public static IReadOnlyList<IEntityType> UnclaimedOrganizationTypes(IModel model) =>
        [.. model.GetEntityTypes().Where(t => t.ClrType != typeof(Organization)
            && !typeof(IBelongsToOrganization).IsAssignableFrom(t.ClrType)
            && t.GetForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Organization)))];

    /// <summary>Every stored type, in writing order (a whole installation).</summary>
    public static IReadOnlyList<IEntityType> AllTypes(IModel model) => InWritingOrder(model.GetEntityTypes());

    /// <summary>Each type after every type its foreign keys point to (a key to its own type aside).</summary>
    public static IReadOnlyList<IEntityType> InWritingOrder(IEnumerable<IEntityType> types)
    {
        var remaining = types.OrderBy(Name, StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => t.GetForeignKeys().All(fk => fk.PrincipalEntityType == t || !remaining.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException($"The foreign keys of {string.Join(", ", remaining.Select(Name))} form a cycle.");
            ordered.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }

    /// <summary>The name of a type in an archive and in messages: its class name.</summary>
    public static string Name(IEntityType type) => type.ClrType.Name;

    /// <summary>
    /// Every row of <paramref name="type"/> (of one organization when <paramref name="organizationId"/> is given), each
    /// as the values of <c>type.GetProperties()</c> in that order, as the model holds them (converters applied).
    /// </summary>
    public static Task<List<object?[]>> ReadAsync(DbContext db, IEntityType type, Guid? organizationId, CancellationToken cancellationToken) =>
        (Task<List<object?[]>>)ReadRows.MakeGenericMethod(type.ClrType).Invoke(null, [db, type, organizationId, cancellationToken])!;

    private static readonly MethodInfo ReadRows = typeof(ArchiveTables).GetMethod(nameof(ReadRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task<List<object?[]>> ReadRowsAsync<T>(DbContext db, IEntityType type, Guid? organizationId, CancellationToken cancellationToken)
        where T : class
    {
        var row = Expression.Parameter(typeof(T), "row");
        IQueryable<T> rows = db.Set<T>().IgnoreQueryFilters().AsNoTracking();
        if (organizationId is { } id)
        {
            var owner = type.ClrType == typeof(Organization) ? nameof(Organization.Id) : nameof(IBelongsToOrganization.OrganizationId);
            rows = rows.Where(Expression.Lambda<Func<T, bool>>(Expression.Equal(Property(row, typeof(Guid), owner), Expression.Constant(id)), row));
        }

        var values = Expression.NewArrayInit(typeof(object), type.GetProperties().Select(p => Expression.Convert(Property(row, p.ClrType, p.Name), typeof(object))));
        return await rows.Select(Expression.Lambda<Func<T, object?[]>>(values, row)).ToListAsync(cancellationToken);
    }

    private static MethodCallExpression Property(Expression row, Type type, string name) =>
        Expression.Call(typeof(EF).GetMethod(nameof(EF.Property))!.MakeGenericMethod(type), row, Expression.Constant(name));

    /// <summary>Writes rows read by <see cref="ReadAsync"/> (or from an archive) inside the context's transaction, unaudited.</summary>
    public static async Task WriteAsync(DbContext db, IEntityType type, IReadOnlyCollection<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var index = type.GetProperties().Select((property, i) => (property, i)).ToDictionary(p => p.property, p => p.i);
        await using var insert = await BulkInsert<object?[]>.StartAsync(
            db, type, property => { var i = index[property]; return row => Stored(row[i]); }, cancellationToken);
        await insert.WriteAsync(rows, cancellationToken);
        await insert.FinishAsync(cancellationToken);
    }

    // PostgreSQL keeps a time as an instant in UTC; SQLite keeps the offset it is given. Both get UTC.
    private static object? Stored(object? value) => value is DateTimeOffset at ? at.ToUniversalTime() : value;

    /// <summary>
    /// A property's value as an archive holds it: its stored form when it has a converter (JSON text, a number), times
    /// in UTC to the microsecond (what PostgreSQL keeps), so that the same data gives the same JSON from either database.
    /// </summary>
    public static JsonNode? ToJson(IProperty property, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (property.GetValueConverter() is { } converter)
        {
            value = converter.ConvertToProvider(value)!;
        }

        if (value is DateTimeOffset at)
        {
            var utc = at.ToUniversalTime();
            value = utc.AddTicks(-(utc.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
        }

        return JsonSerializer.SerializeToNode(value, value.GetType(), Json);
    }

    /// <summary>The model's value from <see cref="ToJson"/>'s form.</summary>
    public static object? FromJson(IProperty property, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var converter = property.GetValueConverter();
        var type = converter?.ProviderClrType ?? property.ClrType;
        var value = node.Deserialize(Nullable.GetUnderlyingType(type) ?? type, Json);
        return value is not null && converter is not null ? converter.ConvertFromProvider(value) : value;
    }

    /// <summary>The properties whose values are files (byte arrays): an archive keeps each as a part of its own.</summary>
    public static bool IsFile(IProperty property) => property.ClrType == typeof(byte[]);
}
