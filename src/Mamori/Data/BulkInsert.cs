using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Mamori.Data;

/// <summary>
/// Writes many new rows of one entity type inside the caller's transaction without the change
/// tracker, with the columns and value conversions of the EF model: binary COPY on PostgreSQL, one
/// prepared INSERT reused for every row on SQLite (its parameters made by EF's own type mappings, so
/// the stored values are those SaveChanges stores). Rows can be written in several batches.
/// </summary>
internal abstract class BulkInsert<T> : IAsyncDisposable
    where T : class
{
    private readonly Column[] _columns;

    private BulkInsert(Column[] columns) => _columns = columns;

    /// <param name="shadowValue">The value of a shadow property (one the entity class does not hold) for a row.</param>
    public static async Task<BulkInsert<T>> StartAsync(DbContext db, IEntityType type, Func<T, IProperty, object?> shadowValue, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction, so that it is all or nothing.");
        var table = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = type.GetProperties()
            .Select(p => new Column(p, p.GetRelationalTypeMapping(), sql.DelimitIdentifier(p.GetColumnName(store)!), shadowValue))
            .ToArray();
        var into = $"{sql.DelimitIdentifier(table, type.GetSchema())} ({string.Join(", ", columns.Select(c => c.Name))})";
        return transaction.Connection switch
        {
            NpgsqlConnection postgres => new PostgresCopy(columns, await postgres.BeginBinaryImportAsync($"COPY {into} FROM STDIN (FORMAT BINARY)", cancellationToken)),
            SqliteConnection sqlite => new SqliteInsert(columns, sqlite, transaction, into),
            var other => throw new NotSupportedException($"No bulk insert on {other?.GetType().Name}."),
        };
    }

    public abstract Task WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken);

    /// <summary>Ends the writing once the database holds every row (PostgreSQL reports a clash with a unique index here).</summary>
    public abstract Task FinishAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>A column and how to read its provider value (EF's converter applied, nulls never converted) from a row.</summary>
    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, string Name, Func<T, IProperty, object?> ShadowValue)
    {
        public object? Value(T row)
        {
            var value = Property.IsShadowProperty() ? ShadowValue(row, Property) : Property.GetGetter().GetClrValueUsingContainingEntity(row);
            return value is not null && Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }

    private sealed class PostgresCopy(Column[] columns, NpgsqlBinaryImporter importer) : BulkInsert<T>(columns)
    {
        public override async Task WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in _columns)
                {
                    if (column.Value(row) is { } value)
                    {
                        // Written as the column's own type: the server reads binary COPY values without converting them.
                        await importer.WriteAsync(value, column.Mapping.StoreTypeNameBase, cancellationToken);
                    }
                    else
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                }
            }
        }

        public override async Task FinishAsync(CancellationToken cancellationToken) => await importer.CompleteAsync(cancellationToken);

        // Before FinishAsync, this cancels the COPY, which fails the transaction.
        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }

    private sealed class SqliteInsert : BulkInsert<T>
    {
        private readonly SqliteCommand _insert;

        public SqliteInsert(Column[] columns, SqliteConnection connection, DbTransaction transaction, string into)
            : base(columns)
        {
            _insert = connection.CreateCommand();
            _insert.Transaction = (SqliteTransaction)transaction;
            _insert.CommandText = $"INSERT INTO {into} VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < columns.Length; i++)
            {
                _insert.Parameters.Add(columns[i].Mapping.CreateParameter(_insert, $"$p{i}", null, columns[i].Property.IsNullable));
            }

            _insert.Prepare();
        }

        public override async Task WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    _insert.Parameters[i].Value = _columns[i].Value(row) ?? DBNull.Value;
                }

                await _insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public override Task FinishAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask DisposeAsync() => _insert.DisposeAsync();
    }
}
