using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Mamori.Data;

/// <summary>
/// One INSERT prepared with SQLitePCL on the connection's own handle and bound by parameter index
/// with typed calls, each column's value read by a delegate compiled once. Through a
/// <see cref="SqliteCommand"/>, every row looked each parameter up by name, boxed each value and
/// encoded each string into a new array, which cost a third of the time of writing a large
/// register's rows. The values bound are those Microsoft.Data.Sqlite binds for the same provider
/// values (its SqliteValueBinder), so the stored bytes do not depend on which path wrote a row.
/// </summary>
internal sealed class SqliteInsert<T> : IDisposable
    where T : class
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly ColumnBinder[] _columns;
    private readonly Utf8Text _text = new();

    private SqliteInsert(sqlite3 db, sqlite3_stmt statement, ColumnBinder[] columns)
    {
        _db = db;
        _statement = statement;
        _columns = columns;
    }

    /// <summary>
    /// Prepares the INSERT of <paramref name="type"/>'s rows on <paramref name="context"/>'s open
    /// connection (in whatever transaction it has open); throws for a column it cannot bind as
    /// Microsoft.Data.Sqlite would.
    /// </summary>
    /// <param name="shadowValue">The value of a shadow property (one the entity class does not hold) for a row.</param>
    public static SqliteInsert<T> Prepare(DbContext context, IEntityType type, Func<T, IProperty, object?> shadowValue)
    {
        var table = ColumnExpressions.TableOf(context, type);
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        var binders = table.Properties.Select(p => ColumnBinder.For(p, command, shadowValue)).ToArray();
        var insert = $"INSERT INTO {table.Delimited} ({table.Columns}) VALUES ({string.Join(", ", table.Properties.Select((_, i) => $"?{i + 1}"))})";
        var db = connection.Handle ?? throw new InvalidOperationException("A bulk insert needs an open connection.");
        var rc = raw.sqlite3_prepare_v2(db, insert, out var statement);
        if (rc != raw.SQLITE_OK || statement is null)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
            throw new SqliteException($"SQLite prepared no statement for {table.Name}.", rc);
        }

        return new(db, statement, binders);
    }

    public void Write(T row)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var bound = _columns[i].Bind(_statement, i + 1, row, _text);
            if (bound != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(bound, _db);
            }
        }

        var rc = raw.sqlite3_step(_statement);
        // Reset before throwing, so the statement holds nothing; the step's error stays the connection's.
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new SqliteException($"An INSERT answered {rc} instead of finishing.", rc);
        }
    }

    // SafeHandle.Dispose finalizes the statement once, however often it is called.
    public void Dispose() => _statement.Dispose();

    /// <summary>A reused buffer that strings and formatted values are written into as UTF-8.</summary>
    private sealed class Utf8Text
    {
        private byte[] _bytes = new byte[256];

        public Span<byte> Room(int length)
        {
            if (_bytes.Length < length)
            {
                _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
            }

            return _bytes;
        }
    }

    /// <summary>Reads one column's provider value from a row (typed, through a delegate compiled once) and binds it.</summary>
    private abstract class ColumnBinder
    {
        public abstract int Bind(sqlite3_stmt statement, int index, T row, Utf8Text text);

        public static ColumnBinder For(IProperty property, SqliteCommand command, Func<T, IProperty, object?> shadowValue)
        {
            var mapping = property.GetRelationalTypeMapping();
            // The parameter SaveChanges would make: its settings (store type, size) decide what
            // Microsoft.Data.Sqlite would bind, so they decide the binder.
            var parameter = (SqliteParameter)mapping.CreateParameter(command, "@p", null, property.IsNullable);
            var row = Expression.Parameter(typeof(T), "row");
            var value = ColumnExpressions.ProviderValue(property, mapping, row, shadowValue);
            var type = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
            if (type.IsEnum)
            {
                type = Enum.GetUnderlyingType(type);
                value = Expression.Convert(value, Nullable.GetUnderlyingType(value.Type) is null ? type : typeof(Nullable<>).MakeGenericType(type));
            }

            if ((type == typeof(string) || type == typeof(byte[])) && parameter.Size > 0)
            {
                // Microsoft.Data.Sqlite would cut longer values to the size; EF's SQLite mappings set none.
                throw new NotSupportedException($"The bulk insert does not cut values to a parameter size ({ColumnExpressions.Name(property)}: {parameter.Size}).");
            }

            // The cases of Microsoft.Data.Sqlite's SqliteValueBinder that EF's SQLite mappings reach with
            // the parameter's default store type; anything else is refused rather than guessed at.
            var storeType = parameter.SqliteType;
            return type switch
            {
                _ when type == typeof(string) => new TextBinder(ColumnExpressions.Compile<T, string?>(value, row)),
                _ when type == typeof(byte[]) => new BlobBinder(ColumnExpressions.Compile<T, byte[]?>(value, row)),
                _ when type == typeof(bool) => new IntegerBinder(ColumnExpressions.Compile<T, long?>(Lift(value, v => Expression.Condition(v, Expression.Constant(1L), Expression.Constant(0L))), row)),
                _ when type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
                    || type == typeof(int) || type == typeof(uint) || type == typeof(long) => new IntegerBinder(ColumnExpressions.Compile<T, long?>(Lift(value, v => Expression.Convert(v, typeof(long))), row)),
                _ when type == typeof(double) || type == typeof(float) => new RealBinder(ColumnExpressions.Compile<T, double?>(Lift(value, v => Expression.Convert(v, typeof(double))), row)),
                _ when type == typeof(Guid) && storeType == SqliteType.Text => new FormattedBinder<Guid>(ColumnExpressions.Compile<T, Guid?>(Lift(value, v => v), row), "D", upperCase: true),
                _ when type == typeof(DateOnly) && storeType == SqliteType.Text => new FormattedBinder<DateOnly>(ColumnExpressions.Compile<T, DateOnly?>(Lift(value, v => v), row), @"yyyy\-MM\-dd", upperCase: false),
                _ when type == typeof(DateTime) && storeType == SqliteType.Text => new FormattedBinder<DateTime>(ColumnExpressions.Compile<T, DateTime?>(Lift(value, v => v), row), @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", upperCase: false),
                _ when type == typeof(DateTimeOffset) && storeType == SqliteType.Text => new FormattedBinder<DateTimeOffset>(ColumnExpressions.Compile<T, DateTimeOffset?>(Lift(value, v => v), row), @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", upperCase: false),
                _ => throw new NotSupportedException(
                    $"The bulk insert cannot bind {ColumnExpressions.Name(property)} ({type.Name} stored as {storeType}) as Microsoft.Data.Sqlite would."),
            };
        }

        /// <summary><paramref name="map"/> applied to a value that may be null, giving a nullable result.</summary>
        private static Expression Lift(Expression value, Func<Expression, Expression> map)
        {
            if (Nullable.GetUnderlyingType(value.Type) is null)
            {
                var mapped = map(value);
                return Expression.Convert(mapped, typeof(Nullable<>).MakeGenericType(mapped.Type));
            }

            var held = Expression.Variable(value.Type, "value");
            var result = map(Expression.Property(held, nameof(Nullable<int>.Value)));
            var nullable = typeof(Nullable<>).MakeGenericType(result.Type);
            return Expression.Block(
                nullable,
                [held],
                Expression.Assign(held, value),
                Expression.Condition(
                    Expression.Property(held, nameof(Nullable<int>.HasValue)),
                    Expression.Convert(result, nullable),
                    Expression.Constant(null, nullable)));
        }

    }

    private sealed class TextBinder(Func<T, string?> value) : ColumnBinder
    {
        public override int Bind(sqlite3_stmt statement, int index, T row, Utf8Text text)
        {
            if (value(row) is not { } s)
            {
                return raw.sqlite3_bind_null(statement, index);
            }

            var room = text.Room(Encoding.UTF8.GetMaxByteCount(s.Length));
            return raw.sqlite3_bind_text(statement, index, room[..Encoding.UTF8.GetBytes(s, room)]);
        }
    }

    private sealed class BlobBinder(Func<T, byte[]?> value) : ColumnBinder
    {
        public override int Bind(sqlite3_stmt statement, int index, T row, Utf8Text text) =>
            value(row) is { } bytes ? raw.sqlite3_bind_blob(statement, index, bytes) : raw.sqlite3_bind_null(statement, index);
    }

    private sealed class IntegerBinder(Func<T, long?> value) : ColumnBinder
    {
        public override int Bind(sqlite3_stmt statement, int index, T row, Utf8Text text) =>
            value(row) is { } number ? raw.sqlite3_bind_int64(statement, index, number) : raw.sqlite3_bind_null(statement, index);
    }

    private sealed class RealBinder(Func<T, double?> value) : ColumnBinder
    {
        public override int Bind(sqlite3_stmt statement, int index, T row, Utf8Text text) => value(row) switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            // As Microsoft.Data.Sqlite: SQLite would store NaN as NULL.
            double.NaN => throw new InvalidOperationException("Cannot store 'NaN' values."),
            { } number => raw.sqlite3_bind_double(statement, index, number),
        };
    }

    /// <summary>A value stored as text in the invariant culture's <paramref name="format"/>, written straight into the buffer.</summary>
    private sealed class FormattedBinder<TValue>(Func<T, TValue?> value, string format, bool upperCase) : ColumnBinder
        where TValue : struct, IUtf8SpanFormattable
    {
        public override int Bind(sqlite3_stmt statement, int index, T row, Utf8Text text)
        {
            if (value(row) is not { } formattable)
            {
                return raw.sqlite3_bind_null(statement, index);
            }

            var room = text.Room(64);
            if (!formattable.TryFormat(room, out var written, format, System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"{formattable} does not fit the bulk insert's buffer.");
            }

            var utf8 = room[..written];
            if (upperCase)
            {
                Ascii.ToUpperInPlace(utf8, out _);
            }

            return raw.sqlite3_bind_text(statement, index, utf8);
        }
    }
}
