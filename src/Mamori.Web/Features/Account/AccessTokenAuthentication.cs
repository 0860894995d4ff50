using System.Security.Claims;
using System.Text.Encodings.Web;
using Mamori.Accounts;
using Mamori.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Features.Account;

/// <summary>
/// Authenticates API calls by personal access token (Authorization: Bearer mamori_…),
/// looking the token up by its SHA-256 hash. Revoked and expired tokens fail.
/// </summary>
public sealed class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MamoriDatabase database, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(PersonalAccessToken.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Not a Mamori access token.");
        }

        await using var db = database.Open();
        var hash = PersonalAccessToken.Hash(token);
        var stored = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        if (stored is null || !stored.IsActive(now))
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == stored.UserId, Context.RequestAborted);
        if (user is null || (user.LockoutEnd is { } lockout && lockout > now))
        {
            return AuthenticateResult.Fail("The token's user cannot sign in.");
        }

        // Recorded at most once a minute so that busy clients do not write on every call.
        if (stored.LastUsedAt is null || now - stored.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            stored.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(ClaimTypes.Name, user.UserName ?? user.Id),
                new Claim(ClaimTypes.Email, user.Email ?? ""),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
