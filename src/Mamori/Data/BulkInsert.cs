using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Mamori.Data;

/// <summary>
/// Writes many new rows of one entity type inside the caller's transaction, with the columns, names
/// and value conversions of the EF model but without the change tracker: binary COPY on PostgreSQL,
/// one prepared INSERT reused on SQLite.
/// </summary>
internal static class BulkInsert
{
    /// <param name="shadowValue">The value of a shadow property (one the entity class does not hold) for a row.</param>
    public static async Task InsertAsync<T>(
        MamoriDb db, IEntityType type, IEnumerable<T> rows, Func<T, IProperty, object?> shadowValue, CancellationToken cancellationToken)
        where T : class
    {
        var table = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = type.GetProperties()
            .Select(p => new Column(p, p.GetColumnName(store)!, p.GetRelationalTypeMapping(), p.IsShadowProperty() ? null : p.GetGetter()))
            .ToList();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction, so that it is all or nothing.");
        var tableName = sql.DelimitIdentifier(table, type.GetSchema());
        var columnList = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));

        object? ValueOf(T row, Column column) =>
            column.Getter is { } getter ? getter.GetClrValueUsingContainingEntity(row) : shadowValue(row, column.Property);

        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync($"COPY {tableName} ({columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    if (ProviderValue(column, ValueOf(row, column)) is { } value)
                    {
                        await importer.WriteAsync(value, column.Mapping.StoreTypeNameBase, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // The B-trees of a large table's indexes do not fit SQLite's default 2 MB page cache, and
        // spilling pages mid-transaction doubles the writes; the cache only fills as far as needed.
        command.CommandText = "PRAGMA cache_size = -65536";
        await command.ExecuteNonQueryAsync(cancellationToken);

        command.CommandText = $"INSERT INTO {tableName} ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        // Parameters are made once by each column's type mapping (which sets their store type as
        // SaveChanges would) and given each row's value as the mapping converts it.
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, $"@p{i}", null, c.Property.IsNullable)).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = ProviderValue(columns[i], ValueOf(row, columns[i])) ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        command.Parameters.Clear();
        command.CommandText = "PRAGMA cache_size = -2000";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static object? ProviderValue(Column column, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var converted = column.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        return converted is Enum e ? Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture) : converted;
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter? Getter);
}
