using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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
    private readonly PostgresCopy<T>? _copy;
    private readonly DbCommand? _pragma;
    private readonly SqliteInsert<T>? _insert;

    private BulkInsert(PostgresCopy<T>? copy, DbCommand? pragma, SqliteInsert<T>? insert)
    {
        _copy = copy;
        _pragma = pragma;
        _insert = insert;
    }

    /// <param name="shadowValue">The value of a shadow property (one the entity class does not hold) for a row.</param>
    public static async Task<BulkInsert<T>> StartAsync(MamoriDb db, IEntityType type, Func<T, IProperty, object?> shadowValue, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction, so that it is all or nothing.");
        if (connection is NpgsqlConnection)
        {
            // Made first: a column it cannot write fails here, before anything is changed.
            return new(PostgresCopy<T>.Prepare(db, type, shadowValue), null, null);
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

        return new(null, command, insert);
    }

    public async Task WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        if (_copy is not null)
        {
            await _copy.WriteAsync(rows, cancellationToken);
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
}
