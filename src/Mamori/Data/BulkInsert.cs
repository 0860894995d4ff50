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

    /// <param name="valueOf">How to read a property's value (as the model holds it, before conversion) from a row that need not be an entity.</param>
    public static async Task<BulkInsert<T>> StartAsync(DbContext db, IEntityType type, Func<IProperty, Func<T, object?>> valueOf, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction, so that it is all or nothing.");
        var table = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = type.GetProperties()
            .Select(p => new Column(p, p.GetRelationalTypeMapping(), sql.DelimitIdentifier(p.GetColumnName(store)!), valueOf(p)))
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

    /// <summary>A column and how to read its provider value from a row (EF's converter applied; nulls are never converted).</summary>
    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, string Name, Func<T, object?> Get)
    {
        public object? Value(T row) => Get(row) switch
        {
            { } value when Mapping.Converter is { } converter => converter.ConvertToProvider(value),
            var value => value,
        };
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
                    // Written as the column's own type: the server reads binary COPY values without converting them.
                    await (column.Value(row) is { } value
                        ? importer.WriteAsync(value, column.Mapping.StoreTypeNameBase, cancellationToken)
                        : importer.WriteNullAsync(cancellationToken));
                }
            }
        }

        public override async Task FinishAsync(CancellationToken cancellationToken) => await importer.CompleteAsync(cancellationToken);

        // Before FinishAsync, this cancels the COPY, which fails the transaction.
        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }

    private sealed class SqliteInsert : BulkInsert<T>
    {
        /// <summary>
        /// SQLite's page cache during the import, in KiB (its default is 2 MB, with which the indexes' pages were
        /// evicted and read back for nearly every row: a third of a 100,000-row import). Set back afterwards.
        /// </summary>
        private const int ImportCacheKibibytes = 32 * 1024;

        private readonly SqliteCommand _insert;
        private readonly long _cacheSize;

        public SqliteInsert(Column[] columns, SqliteConnection connection, DbTransaction transaction, string into)
            : base(columns)
        {
            _cacheSize = (long)Pragma(connection, "cache_size")!;
            Pragma(connection, $"cache_size = {-ImportCacheKibibytes}");
            _insert = connection.CreateCommand();
            _insert.Transaction = (SqliteTransaction)transaction;
            _insert.CommandText = $"INSERT INTO {into} VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < columns.Length; i++)
            {
                _insert.Parameters.Add(columns[i].Mapping.CreateParameter(_insert, $"$p{i}", null, columns[i].Property.IsNullable));
            }

            _insert.Prepare();
        }

        public override Task WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
        {
            // Microsoft.Data.Sqlite runs every command synchronously; its async methods only wrap the same work.
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < _columns.Length; i++)
                {
                    _insert.Parameters[i].Value = _columns[i].Value(row) ?? DBNull.Value;
                }

                _insert.ExecuteNonQuery();
            }

            return Task.CompletedTask;
        }

        public override Task FinishAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override async ValueTask DisposeAsync()
        {
            var connection = _insert.Connection!;
            await _insert.DisposeAsync();
            if (connection.State == System.Data.ConnectionState.Open)
            {
                Pragma(connection, $"cache_size = {_cacheSize}");
            }
        }

        private static object? Pragma(SqliteConnection connection, string pragma)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {pragma}";
            return command.ExecuteScalar();
        }
    }
}
