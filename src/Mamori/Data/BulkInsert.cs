using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Mamori.Data;

/// <summary>
/// Writes many new rows of one entity type inside the caller's transaction, with the columns, names
/// and value conversions of the EF model but without the change tracker: binary COPY on PostgreSQL;
/// on SQLite one INSERT prepared with SQLitePCL and bound by index with typed values
/// (<see cref="SqliteInsert{T}"/>), storing the same bytes Microsoft.Data.Sqlite would. Rows can be
/// written in several batches (an import stores rows while the rest of its file is still being
/// read); the statement is prepared once.
/// </summary>
internal sealed class BulkInsert<T> : IAsyncDisposable
    where T : class
{
    private readonly List<Column> _columns;
    private readonly Func<T, IProperty, object?> _shadowValue;
    private readonly NpgsqlConnection? _npgsql;
    private readonly string _copy = "";
    private readonly DbCommand? _pragma;
    private readonly SqliteInsert<T>? _insert;

    private BulkInsert(List<Column> columns, Func<T, IProperty, object?> shadowValue, NpgsqlConnection? npgsql, string copy, DbCommand? pragma, SqliteInsert<T>? insert)
    {
        _columns = columns;
        _shadowValue = shadowValue;
        _npgsql = npgsql;
        _copy = copy;
        _pragma = pragma;
        _insert = insert;
    }

    /// <param name="shadowValue">The value of a shadow property (one the entity class does not hold) for a row.</param>
    public static async Task<BulkInsert<T>> StartAsync(MamoriDb db, IEntityType type, Func<T, IProperty, object?> shadowValue, CancellationToken cancellationToken)
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

        if (connection is NpgsqlConnection npgsql)
        {
            return new(columns, shadowValue, npgsql, $"COPY {tableName} ({columnList}) FROM STDIN (FORMAT BINARY)", null, null);
        }

        // Prepared first: a column it cannot bind fails here, before anything is changed.
        var insert = SqliteInsert<T>.Prepare(db, type, shadowValue);
        var command = connection.CreateCommand();
        try
        {
            command.Transaction = transaction;
            // The B-trees of a large table's indexes do not fit SQLite's default 2 MB page cache, and
            // spilling pages mid-transaction doubles the writes; the cache only fills as far as needed.
            command.CommandText = "PRAGMA cache_size = -65536";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            insert.Dispose();
            await command.DisposeAsync();
            throw;
        }

        return new(columns, shadowValue, null, "", command, insert);
    }

    /// <summary>Writes all of <paramref name="rows"/> at once (the rows are read as they are written).</summary>
    public static async Task InsertAsync(
        MamoriDb db, IEntityType type, IEnumerable<T> rows, Func<T, IProperty, object?> shadowValue, CancellationToken cancellationToken)
    {
        await using var insert = await StartAsync(db, type, shadowValue, cancellationToken);
        await insert.WriteAsync(rows, cancellationToken);
    }

    public async Task WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        if (_npgsql is not null)
        {
            await using var importer = await _npgsql.BeginBinaryImportAsync(_copy, cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in _columns)
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

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _insert!.Write(row);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pragma is null)
        {
            return;
        }

        _insert?.Dispose();
        // The connection may be broken already (the import failing): the cache then goes with it.
        if (_pragma.Connection is { State: System.Data.ConnectionState.Open })
        {
            try
            {
                _pragma.CommandText = "PRAGMA cache_size = -2000";
                await _pragma.ExecuteNonQueryAsync();
            }
            catch (SqliteException)
            {
            }
        }

        await _pragma.DisposeAsync();
    }

    private object? ValueOf(T row, Column column) =>
        column.Getter is { } getter ? getter.GetClrValueUsingContainingEntity(row) : _shadowValue(row, column.Property);

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
