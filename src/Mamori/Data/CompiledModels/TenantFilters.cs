using System.Linq.Expressions;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Internal;

namespace Mamori.Data.CompiledModels;

/// <summary>
/// What `dotnet ef dbcontext optimize` cannot write into a compiled model: the query filters that
/// confine each context to its organization (<see cref="TenantIsolation"/>). Each provider's
/// generated model calls this from its Customize(), before the model is finalized.
/// </summary>
internal static class TenantFilters
{
    public static void AddTo(RuntimeModel model)
    {
        // A typed null stands for the context: EF replaces it with the context running each query.
        var context = Expression.Constant(null, typeof(MamoriDb));
        foreach (var entityType in ((IModel)model).GetEntityTypes().Where(t => typeof(IBelongsToOrganization).IsAssignableFrom(t.ClrType)))
        {
            // The annotation a model built at run time holds; EF offers no public way to set it on a
            // runtime model (the generated code beside this file uses internal API in the same way).
#pragma warning disable EF1001
            var filters = new QueryFilterCollection([new RuntimeQueryFilter(null!, TenantIsolation.OwnRows(entityType.ClrType, context))]);
            ((RuntimeEntityType)entityType).SetAnnotation(CoreAnnotationNames.QueryFilter, filters);
#pragma warning restore EF1001
        }
    }
}
