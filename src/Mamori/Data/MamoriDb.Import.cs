using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mamori.Data;

// The bulk path of an import: rows written without the change tracker, then the kept file and its one audit entry.
public abstract partial class MamoriDb
{
    /// <summary>
    /// Begins adding the rows of an imported file without the change tracker (through it, an import of
    /// 100,000 assets spends most of its time on bookkeeping), in a transaction of its own. The rows get
    /// no audit entry each: <paramref name="record"/>, saved with them by
    /// <see cref="ImportWriter{T}.CompleteAsync"/>, is their audit entry and keeps the file they came from.
    /// Disposing the writer before that rolls everything back.
    /// </summary>
    public async Task<ImportWriter<T>> StartImportAsync<T>(RegisterImport record, CancellationToken cancellationToken = default)
        where T : class, IBelongsToOrganization
    {
        if (record.OrganizationId != _organizationId)
        {
            throw new InvalidOperationException("An import of another organization cannot be written through this context.");
        }

        var entityType = Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not stored.");
        var now = _actor.Time.GetUtcNow();
        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var rows = await BulkInsert<T>.StartAsync(
                this, entityType, p => p.IsShadowProperty() ? row => StoredValue(row, p.Name, now) : p.GetGetter().GetClrValueUsingContainingEntity, cancellationToken);
            return new ImportWriter<T>(this, transaction, rows, record);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes batches of an import's rows, then its record; see <see cref="StartImportAsync{T}"/>.</summary>
    public sealed class ImportWriter<T> : IAsyncDisposable
        where T : class, IBelongsToOrganization
    {
        private readonly MamoriDb _db;
        private readonly IDbContextTransaction _transaction;
        private readonly RegisterImport _record;
        private BulkInsert<T>? _rows;
        private int _written;

        internal ImportWriter(MamoriDb db, IDbContextTransaction transaction, BulkInsert<T> rows, RegisterImport record) =>
            (_db, _transaction, _rows, _record) = (db, transaction, rows, record);

        public async Task WriteAsync(IReadOnlyCollection<T> entities, CancellationToken cancellationToken = default)
        {
            if (entities.Any(e => e.OrganizationId != _db._organizationId))
            {
                throw new InvalidOperationException($"A {typeof(T).Name} of another organization cannot be written through this context.");
            }

            await (_rows ?? throw new ObjectDisposedException(nameof(ImportWriter<T>))).WriteAsync(entities, cancellationToken);
            _written += entities.Count;
        }

        /// <summary>Saves the record (its audit entry chained like any other) and commits rows and record together.</summary>
        public async Task CompleteAsync(CancellationToken cancellationToken = default)
        {
            await (_rows ?? throw new ObjectDisposedException(nameof(ImportWriter<T>))).FinishAsync(cancellationToken);
            await CloseRowsAsync();
            _record.Completed(_written);
            _db.RegisterImports.Add(_record);
            await _db.SaveChangesAsync(cancellationToken);
            await MamoriDatabase.CommitLeavingCheckpointAsync(_db, _transaction, cancellationToken);
            await DisposeAsync();
        }

        /// <summary>Before <see cref="CompleteAsync"/>, rolls everything back.</summary>
        public async ValueTask DisposeAsync()
        {
            await CloseRowsAsync();
            await _transaction.DisposeAsync();
        }

        private ValueTask CloseRowsAsync() => Interlocked.Exchange(ref _rows, null)?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
