using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Resources;

namespace Mamori.Features.Accounts;

/// <summary>
/// Creates a personal access token for the REST API, valid for 1 to 365 days. Only its hash is
/// stored: the token itself is in the result, to be shown once.
/// </summary>
public static class CreateAccessToken
{
    public const int MaxDays = 365;

    public sealed record Request(string? Name, int? Days);

    /// <summary>The outcome; <see cref="Token"/> is the secret, set only when saved.</summary>
    public sealed record Result(SaveStatus Status, string? Token, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="db">A context on the accounts (opened for no organization).</param>
    public static async Task<Result> HandleAsync(MamoriDb db, string userId, Request request, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        errors.Text(nameof(Request.Name), request.Name, InformationAsset.MaxTextLength, Messages.FieldRequired);
        if (request.Days is not (>= 1 and <= MaxDays))
        {
            errors.Add(nameof(Request.Days), Messages.TokenDaysInvalid);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, null, errors);
        }

        var (token, hash) = PersonalAccessToken.Generate();
        db.PersonalAccessTokens.Add(new PersonalAccessToken(userId, request.Name!.Trim(), hash, token[..12], now, now.AddDays(request.Days!.Value)));
        await db.SaveChangesAsync(cancellationToken);
        return new(SaveStatus.Saved, token, FieldErrors.None);
    }
}
