using Mamori.Data;
using Mamori.Domain.Assets;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Assets;

/// <summary>An organization's register, in 業務分類 then name order.</summary>
public static class ListAssets
{
    public static async Task<IReadOnlyList<InformationAsset>> HandleAsync(
        MamoriDatabase database, Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open(organizationId);
        return await db.Assets.AsNoTracking()
            .OrderBy(a => a.BusinessCategory).ThenBy(a => a.Name)
            .ToListAsync(cancellationToken);
    }
}
