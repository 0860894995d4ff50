using System.Linq.Expressions;
using Mamori.Data;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Tests.Persistence;

/// <summary>
/// The compiled models (src/Mamori/Data/CompiledModels/) that every context runs with are the model
/// the entity configurations build: a configuration changed without regenerating them fails here.
/// </summary>
public class The_compiled_models
{
    private const string Regenerate = "The compiled model is out of date: regenerate it (docs/bench-notes.md, \"The compiled EF models\").";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public void Have_the_entity_types_properties_keys_and_indexes_the_configurations_build(DatabaseProvider provider)
    {
        var (compiled, built) = Models(provider);

        AssertSameText(built.ToDebugString(MetadataDebugStringOptions.LongDefault), compiled.ToDebugString(MetadataDebugStringOptions.LongDefault));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public void Map_to_the_tables_columns_and_constraints_the_configurations_build(DatabaseProvider provider)
    {
        var (compiled, built) = Models(provider);

        AssertSameText(
            built.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.LongDefault),
            compiled.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.LongDefault));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public void Convert_the_same_properties_to_the_same_stored_types(DatabaseProvider provider)
    {
        var (compiled, built) = Models(provider);

        Assert.Equal(Conversions(built), Conversions(compiled));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public void Confine_the_same_entity_types_to_the_contexts_organization(DatabaseProvider provider)
    {
        var (compiled, built) = Models(provider);

        var filters = Filters(built);
        Assert.Contains("InformationAsset: row => (row.OrganizationId == context.TenantId)", filters);
        Assert.Equal(filters, Filters(compiled));
    }

    private static (IModel Compiled, IModel Built) Models(DatabaseProvider provider)
    {
        using var context = Context(provider);
        // The model source builds from the configurations, as it would without a compiled model.
        var built = context.GetService<IModelSource>().GetModel(context, context.GetService<ModelCreationDependencies>(), designTime: false);
        Assert.NotSame(built, context.Model);
        return (context.Model, built);
    }

    private static MamoriDb Context(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
        ? new SqliteMamoriDb(MamoriDatabase.SqliteOptions("Data Source=:memory:"))
        : new PostgresMamoriDb(MamoriDatabase.PostgresOptions("Host=127.0.0.1;Database=unused"));

    private static List<string> Conversions(IModel model) =>
        [.. model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Where(p => p.GetValueConverter() is not null).Select(p => $"{t.Name}.{p.Name}: {p.ClrType.Name} → {p.GetProviderClrType()?.Name}"))
            .Order(StringComparer.Ordinal)];

    /// <summary>Each entity type's query filters, the context written as "context" (EF puts the running context there).</summary>
    private static List<string> Filters(IModel model) =>
        [.. model.GetEntityTypes()
            .SelectMany(t => t.GetDeclaredQueryFilters().Select(f => $"{t.ClrType.Name}: {new ContextAsParameter().Visit(f.Expression)}"))
            .Order(StringComparer.Ordinal)];

    private static void AssertSameText(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .FirstOrDefault(i => expectedLines.ElementAtOrDefault(i) != actualLines.ElementAtOrDefault(i), -1);
        Assert.True(first < 0, $"{Regenerate} First difference, line {first + 1}: built \"{expectedLines.ElementAtOrDefault(first)?.Trim()}\", compiled \"{actualLines.ElementAtOrDefault(first)?.Trim()}\".");
    }

    private sealed class ContextAsParameter : ExpressionVisitor
    {
        private static readonly ParameterExpression Context = Expression.Parameter(typeof(MamoriDb), "context");

        public override Expression? Visit(Expression? node) =>
            node is not null && typeof(MamoriDb).IsAssignableFrom(node.Type) ? Context : base.Visit(node);
    }
}
