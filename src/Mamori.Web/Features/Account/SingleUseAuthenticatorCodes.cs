using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Mamori.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Features.Account;

/// <summary>
/// Authenticator-app codes (RFC 6238: SHA-1, 30-second steps, 6 digits, two steps of clock drift
/// either way, as Identity's own provider) that are accepted once: the time step of the last accepted
/// code is kept per user as an Identity authentication token, and a code of that step or an earlier
/// one is refused. Two requests racing with one code cannot both pass: the second save of the user
/// fails on its concurrency stamp.
/// </summary>
public sealed class SingleUseAuthenticatorCodes(TimeProvider time) : AuthenticatorTokenProvider<MamoriUser>
{
    public const string ProviderName = "MamoriAuthenticator";

    private const string LoginProvider = "[MamoriAuthenticator]";
    private const string LastStepName = "LastUsedTimeStep";
    private const int Drift = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<MamoriUser> manager, MamoriUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var secret = Base32(key);
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        var stored = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        var last = long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var step) ? step : long.MinValue;
        for (var candidate = now - Drift; candidate <= now + Drift; candidate++)
        {
            if (candidate > last && Code(secret, candidate) == code)
            {
                var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, candidate.ToString(CultureInfo.InvariantCulture));
                return saved.Succeeded;
            }
        }

        return false;
    }

    /// <summary>Forgets the last step, for a new key (whose codes have nothing to do with the old one's).</summary>
    public static Task<IdentityResult> ForgetAsync(UserManager<MamoriUser> manager, MamoriUser user) =>
        manager.RemoveAuthenticationTokenAsync(user, LoginProvider, LastStepName);

    private static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var character in text.TrimEnd('=').ToUpperInvariant())
        {
            var value = Alphabet.IndexOf(character, StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
