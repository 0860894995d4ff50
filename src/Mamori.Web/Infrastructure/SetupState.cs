using Mamori.Accounts;
using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// Whether this application's database has its first account: asked of the database until it
/// has, then remembered (a singleton, so one per application and its database).
/// </summary>
public sealed class SetupState(MamoriDatabase database)
{
    // Once true it stays true: accounts are never all deleted through the product.
    private volatile bool _setUp;

    public async Task<bool> IsSetUpAsync(CancellationToken cancellationToken)
    {
        if (_setUp)
        {
            return true;
        }

        await using var db = database.Open();
        if (await db.Users.AnyAsync(MamoriUser.CanSignIn, cancellationToken))
        {
            _setUp = true;
        }

        return _setUp;
    }
}
