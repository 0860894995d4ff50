using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mamori.Data;

/// <summary>What the bulk writers (<see cref="SqliteInsert{T}"/>, <see cref="PostgresCopy{T}"/>) compile once per column, and the table they write.</summary>
internal static class ColumnExpressions
{
    /// <summary>An entity type's table as SQL names it: its name as stored, delimited and schema-qualified, and its columns in property order.</summary>
    public sealed record StoredTable(string Name, string Delimited, IReadOnlyList<IProperty> Properties, string Columns);

    public static StoredTable TableOf(DbContext context, IEntityType type)
    {
        var name = type.GetTableName() ?? throw new InvalidOperationException($"{type.DisplayName()} has no table.");
        var store = StoreObjectIdentifier.Table(name, type.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        var properties = type.GetProperties().ToList();
        return new(
            name,
            sql.DelimitIdentifier(name, type.GetSchema()),
            properties,
            string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!))));
    }

    /// <summary>The column's value as the mapping's converter turns it into its provider value (nulls are never converted, as in EF).</summary>
    public static Expression ProviderValue<T>(IProperty property, RelationalTypeMapping mapping, ParameterExpression row, Func<T, IProperty, object?> shadowValue)
    {
        Expression value = property.IsShadowProperty()
            ? Expression.Convert(Expression.Invoke(Expression.Constant(shadowValue), row, Expression.Constant(property)), property.ClrType)
            : Expression.MakeMemberAccess(row, property.GetMemberInfo(forMaterialization: false, forSet: false));
        if (mapping.Converter is not { } converter)
        {
            return value;
        }

        var convert = converter.ConvertToProviderExpression;
        if (converter.ConvertsNulls || (value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null))
        {
            return Expression.Invoke(convert, Expression.Convert(value, convert.Parameters[0].Type));
        }

        var provider = convert.ReturnType.IsValueType ? typeof(Nullable<>).MakeGenericType(convert.ReturnType) : convert.ReturnType;
        var held = Expression.Variable(value.Type, "value");
        return Expression.Block(
            provider,
            [held],
            Expression.Assign(held, value),
            Expression.Condition(
                value.Type.IsValueType ? Expression.Not(Expression.Property(held, nameof(Nullable<int>.HasValue))) : Expression.ReferenceEqual(held, Expression.Constant(null)),
                Expression.Constant(null, provider),
                Expression.Convert(Expression.Invoke(convert, Expression.Convert(held, convert.Parameters[0].Type)), provider)));
    }

    public static Func<T, TValue> Compile<T, TValue>(Expression value, ParameterExpression row) =>
        Expression.Lambda<Func<T, TValue>>(Expression.Convert(value, typeof(TValue)), row).Compile();

    /// <summary>"Entity.Property", for messages about a column.</summary>
    public static string Name(IProperty property) => $"{property.DeclaringType.DisplayName()}.{property.Name}";
}
