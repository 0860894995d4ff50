using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Assets;

/// <summary>How many assets an organization's register holds, and the values its list's filters offer.</summary>
public sealed record RegisterSummary(int Count, IReadOnlyList<string> Categories, IReadOnlyList<string> Departments)
{
    public static async Task<RegisterSummary> ReadAsync(MamoriDb db, CancellationToken cancellationToken = default)
    {
        var count = await db.Assets.CountAsync(cancellationToken);
        var values = await RegisterFilterValues.HandleAsync(db, cancellationToken);
        return new(count, values.Categories, values.Departments);
    }
}
