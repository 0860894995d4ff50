using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Accounts;

/// <summary>Revokes one of the user's own personal access tokens; another user's is not found.</summary>
public static class RevokeAccessToken
{
    /// <param name="db">A context on the accounts (opened for no organization).</param>
    public static async Task<SaveStatus> HandleAsync(MamoriDb db, string userId, Guid tokenId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return SaveStatus.NotFound;
        }

        token.RevokedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return SaveStatus.Saved;
    }
}
