using System.Security.Cryptography;
using System.Text;

namespace Mamori.Accounts;

/// <summary>
/// A token a user creates for the REST API. Only its SHA-256 hash is stored; the token
/// itself is shown once, when created.
/// </summary>
public sealed class PersonalAccessToken
{
    /// <summary>Every token starts with this, so a leaked one is easy to recognise.</summary>
    public const string Prefix = "mamori_";

    public PersonalAccessToken(string userId, string name, string tokenHash, string hint, DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        Name = name;
        TokenHash = tokenHash;
        Hint = hint;
        CreatedAt = createdAt.ToUniversalTime();
        ExpiresAt = expiresAt?.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public string Name { get; private set; }

    public string TokenHash { get; private set; }

    /// <summary>The first characters of the token, to tell tokens apart in the list.</summary>
    public string Hint { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>A new random token and the hash to store for it.</summary>
    public static (string Token, string Hash) Generate()
    {
        var token = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
