using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Mamori.Data;

/// <summary>
/// Binary COPY of one entity type's rows, each column written by a writer made once: a delegate
/// compiled from the model reads the typed provider value (EF converter applied, nulls never
/// converted, as in EF) and hands it to Npgsql's generic, synchronous
/// <see cref="NpgsqlBinaryImporter.Write{T}(T)"/>. Each value boxed (twice for a converted one)
/// through the asynchronous, untyped call allocated about 35 MB for 100,000 assets; now only the
/// shadow values MamoriDb hands over as objects are boxed (6 MB). Only the pairs of provider type and store type listed
/// in <see cref="ColumnWriter.For"/> are written: for each, the PostgreSQL type Npgsql infers from
/// the provider type has the store type's binary form (varchar's is text's), the one SaveChanges
/// sends, so the stored values do not depend on which path wrote a row.
/// </summary>
internal sealed class PostgresCopy<T> : IAsyncDisposable
    where T : class
{
    private readonly NpgsqlConnection _connection;
    private readonly string _copy;
    private readonly ColumnWriter[] _columns;
    private NpgsqlBinaryImporter? _importer;

    private PostgresCopy(NpgsqlConnection connection, string copy, ColumnWriter[] columns)
    {
        _connection = connection;
        _copy = copy;
        _columns = columns;
    }

    /// <summary>Makes the writers of <paramref name="type"/>'s columns; throws for a column it cannot write as SaveChanges would.</summary>
    /// <param name="shadowValue">The value of a shadow property (one the entity class does not hold) for a row.</param>
    public static PostgresCopy<T> Prepare(DbContext context, IEntityType type, Func<T, IProperty, object?> shadowValue)
    {
        var table = ColumnExpressions.TableOf(context, type);
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        var columns = table.Properties.Select(p => ColumnWriter.For(p, command, shadowValue)).ToArray();
        return new(connection, $"COPY {table.Delimited} ({table.Columns}) FROM STDIN (FORMAT BINARY)", columns);
    }

    /// <summary>
    /// Writes <paramref name="rows"/> into the COPY begun by the first call and left open, so that the
    /// server stores rows while the next are being read; <see cref="FinishAsync"/> ends it. A failure
    /// here cancels the COPY (which fails the transaction) and leaves the connection usable.
    /// </summary>
    public async Task WriteAsync(IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        _importer ??= await _connection.BeginBinaryImportAsync(_copy, cancellationToken);
        try
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Synchronous: the storing thread only waits for these writes, and an async step per value is not free.
                _importer.StartRow();
                foreach (var column in _columns)
                {
                    column.Write(_importer, row);
                }
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the open COPY, if any, once the server has stored its rows (a clash with a unique index throws here).</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_importer is not { } importer)
        {
            return;
        }

        _importer = null;
        try
        {
            await importer.CompleteAsync(cancellationToken);
        }
        finally
        {
            await importer.DisposeAsync();
        }
    }

    /// <summary>Cancels a COPY left open (its rows are not stored).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_importer is { } importer)
        {
            _importer = null;
            await importer.DisposeAsync();
        }
    }

    /// <summary>Reads one column's provider value from a row (typed, through a delegate compiled once) and writes it.</summary>
    private abstract class ColumnWriter
    {
        public abstract void Write(NpgsqlBinaryImporter importer, T row);

        public static ColumnWriter For(IProperty property, NpgsqlCommand command, Func<T, IProperty, object?> shadowValue)
        {
            var mapping = property.GetRelationalTypeMapping();
            // The parameter SaveChanges would make: a size on it would make Npgsql cut longer values.
            var parameter = (NpgsqlParameter)mapping.CreateParameter(command, "@p", null, property.IsNullable);
            if (parameter.Size > 0)
            {
                throw new NotSupportedException($"The bulk insert does not cut values to a parameter size ({ColumnExpressions.Name(property)}: {parameter.Size}).");
            }

            var row = Expression.Parameter(typeof(T), "row");
            var value = ColumnExpressions.ProviderValue(property, mapping, row, shadowValue);
            var type = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
            if (type.IsEnum)
            {
                type = Enum.GetUnderlyingType(type);
                value = Expression.Convert(value, Nullable.GetUnderlyingType(value.Type) is null ? type : typeof(Nullable<>).MakeGenericType(type));
            }

            // The server reads a COPY's binary values as the column's type: the value's type must have its form.
            // Naming the type on each write would cost a boxed value per write on EF's Npgsql data source.
            var storeType = mapping.StoreTypeNameBase;
            return type switch
            {
                _ when type == typeof(string) && storeType is "text" or "character varying" => new ReferenceWriter<string>(ColumnExpressions.Compile<T, string?>(value, row)),
                _ when type == typeof(byte[]) && storeType == "bytea" => new ReferenceWriter<byte[]>(ColumnExpressions.Compile<T, byte[]?>(value, row)),
                _ when type == typeof(Guid) && storeType == "uuid" => ValueWriter<Guid>(value, row),
                _ when type == typeof(int) && storeType == "integer" => ValueWriter<int>(value, row),
                _ when type == typeof(bool) && storeType == "boolean" => ValueWriter<bool>(value, row),
                _ when type == typeof(DateOnly) && storeType == "date" => ValueWriter<DateOnly>(value, row),
                // Npgsql refuses an offset other than zero here, as it does for SaveChanges.
                _ when type == typeof(DateTimeOffset) && storeType == "timestamp with time zone" => ValueWriter<DateTimeOffset>(value, row),
                _ => throw new NotSupportedException(
                    $"The bulk insert cannot write {ColumnExpressions.Name(property)} ({type.Name} stored as {storeType}) as SaveChanges would."),
            };
        }

        private static ColumnWriter ValueWriter<TValue>(Expression value, ParameterExpression row)
            where TValue : struct =>
            new ValueWriter<TValue>(ColumnExpressions.Compile<T, TValue?>(value, row));

    }

    private sealed class ValueWriter<TValue>(Func<T, TValue?> value) : ColumnWriter
        where TValue : struct
    {
        public override void Write(NpgsqlBinaryImporter importer, T row)
        {
            if (value(row) is { } typed)
            {
                importer.Write(typed);
            }
            else
            {
                importer.WriteNull();
            }
        }
    }

    private sealed class ReferenceWriter<TValue>(Func<T, TValue?> value) : ColumnWriter
        where TValue : class
    {
        public override void Write(NpgsqlBinaryImporter importer, T row)
        {
            if (value(row) is { } typed)
            {
                importer.Write(typed);
            }
            else
            {
                importer.WriteNull();
            }
        }
    }
}
