using System.Linq.Expressions;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Mamori.Data;

/// <summary>
/// How organizations are kept apart, in one place. A context is opened for one organization
/// (<see cref="MamoriDb.OrganizationId"/>, or none): every entity that belongs to an organization
/// gets a query filter to that organization's rows, and a write of another organization's row is
/// refused before anything is sent. A context opened for no organization matches no such row
/// and may write none; it sees organizations and accounts only.
/// </summary>
internal static class TenantIsolation
{
    /// <summary>
    /// Filters every <see cref="IBelongsToOrganization"/> entity to <c>row.OrganizationId == db.TenantId</c>.
    /// The model is built once per context type, so the filter names the context, which EF replaces
    /// with the context running each query: each query gets its own context's organization.
    /// </summary>
    public static void ApplyQueryFilters(ModelBuilder modelBuilder, MamoriDb db)
    {
        var owned = modelBuilder.Model.GetEntityTypes().Select(t => t.ClrType)
            .Where(type => typeof(IBelongsToOrganization).IsAssignableFrom(type))
            .ToList();
        foreach (var type in owned)
        {
            modelBuilder.Entity(type).HasQueryFilter(OwnRows(type, Expression.Constant(db)));
        }
    }

    /// <summary>
    /// <c>row =&gt; row.OrganizationId == context.TenantId</c>. EF puts the context running the query in
    /// place of <paramref name="context"/>, any expression typed as a <see cref="MamoriDb"/>.
    /// </summary>
    internal static LambdaExpression OwnRows(Type type, Expression context)
    {
        var row = Expression.Parameter(type, "row");
        return Expression.Lambda(
            Expression.Equal(
                Expression.Property(row, nameof(IBelongsToOrganization.OrganizationId)),
                Expression.Property(context, nameof(MamoriDb.TenantId))),
            row);
    }

    /// <summary>Refuses the save when any written row belongs to an organization other than <paramref name="organizationId"/>.</summary>
    public static void CheckWrites(IEnumerable<EntityEntry> written, Guid organizationId)
    {
        if (written.FirstOrDefault(e => e.Entity is IBelongsToOrganization owned && owned.OrganizationId != organizationId) is { } foreign)
        {
            throw new InvalidOperationException(
                $"A {foreign.Metadata.ClrType.Name} of another organization cannot be written through this context.");
        }
    }
}
