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
    private readonly Table _table;
    private readonly PostgresCopy<T>? _copy;
    private readonly DbCommand? _pragma;
    private readonly SqliteInsert<T>? _insert;
    private DeferredIndexes? _deferred;

    private BulkInsert(Table table, PostgresCopy<T>? copy, DbCommand? pragma, SqliteInsert<T>? insert)
    {
        _table = table;
        _copy = copy;
        _pragma = pragma;
        _insert = insert;
    }

    /// <summary>Whether the table's secondary indexes are dropped until <see cref="FinishAsync"/>.</summary>
    public bool IndexesDeferred => _deferred is not null;

    /// <param name="shadowValue">The value of a shadow property (one the entity class does not hold) for a row.</param>
    public static async Task<BulkInsert<T>> StartAsync(MamoriDb db, IEntityType type, Func<T, IProperty, object?> shadowValue, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the caller's transaction, so that it is all or nothing.");
        var stored = ColumnExpressions.TableOf(db, type);
        var table = new Table(connection, transaction, stored.Name, stored.Delimited);
        if (connection is NpgsqlConnection)
        {
            // Made first: a column it cannot write fails here, before anything is changed.
            var copy = PostgresCopy<T>.Prepare(db, type, shadowValue);
            // Bulk inserts into one table take turns: two that had both written rows would each wait
            // for the other's lock when dropping the indexes (SQLite's single writer needs no such rule).
            await using var turn = table.Command("SELECT pg_advisory_xact_lock('pg_class'::regclass::oid::int, $1::regclass::oid::int)");
            turn.Parameters.Add(new NpgsqlParameter { Value = table.Delimited });
            await turn.ExecuteNonQueryAsync(cancellationToken);
            return new(table, copy, null, null);
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

        return new(table, null, command, insert);
    }

    /// <summary>How many rows the table holds, this transaction's included, counting no further than <paramref name="limit"/>.</summary>
    public async Task<long> CountAsync(long limit, CancellationToken cancellationToken)
    {
        await FinishCopyAsync(cancellationToken);
        await using var count = _table.Command($"SELECT count(*) FROM (SELECT 1 FROM {_table.Delimited} LIMIT {limit}) AS counted");
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the table's secondary indexes until <see cref="FinishAsync"/>.</summary>
    /// <returns>Whether they are dropped: PostgreSQL may not lock the table at once (see <see cref="DeferredIndexes"/>).</returns>
    public async Task<bool> DeferIndexesAsync(CancellationToken cancellationToken)
    {
        if (_deferred is null)
        {
            await FinishCopyAsync(cancellationToken);
            _deferred = await DeferredIndexes.DropAsync(_table.Name, _table.Delimited, _copy is not null, _table.Command, cancellationToken);
        }

        return _deferred is not null;
    }

    /// <summary>Ends the writing: the last rows are stored and any deferred index is built again.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await FinishCopyAsync(cancellationToken);
        if (_deferred is { } deferred)
        {
            _deferred = null;
            await deferred.RebuildAsync(cancellationToken);
        }
    }

    private Task FinishCopyAsync(CancellationToken cancellationToken) =>
        _copy?.FinishAsync(cancellationToken) ?? Task.CompletedTask;

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
        if (_copy is not null)
        {
            await _copy.DisposeAsync();
        }

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

    private sealed record Table(DbConnection Connection, DbTransaction Transaction, string Name, string Delimited)
    {
        public DbCommand Command(string sql)
        {
            var command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = sql;
            return command;
        }
    }
}
