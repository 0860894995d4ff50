using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features.Invitations;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Features.Accounts;

/// <summary>
/// Finds the account of a person whom the installation's identity provider (OpenID Connect) has
/// signed in. The provider's login, once linked, names the account; before that, the address the
/// provider has verified does, and the login is linked to it. A person with no account gets one
/// only through an open invitation for that address, accepted in the same commit as the account is
/// made; anyone else is refused with one answer, which tells nothing about accounts.
/// </summary>
public static class SignInWithProvider
{
    /// <summary>What the provider says about the person: its login (provider and subject) and address.</summary>
    public sealed record ExternalPerson(string Provider, string ProviderDisplayName, string Subject, string? Email, bool EmailVerified, string? Name);

    public enum Outcome
    {
        /// <summary>The account of <see cref="Result.User"/> signs in (linked now or before).</summary>
        Account,

        /// <summary>A new account made through the invitation of <see cref="Result.Joined"/>, which it accepted.</summary>
        Joined,

        /// <summary>The provider gave no address, or did not say it is verified.</summary>
        UnverifiedEmail,

        /// <summary>No account may sign in with this address (none exists, it is locked, or the invitation could not be used).</summary>
        Refused,
    }

    public sealed record Result(Outcome Outcome, MamoriUser? User, AcceptInvitation.Offer? Joined);

    /// <param name="invitationToken">The token of the invitation whose link the person followed before signing in, if any.</param>
    public static async Task<Result> HandleAsync(
        MamoriDatabase database, UserManager<MamoriUser> users, TimeProvider time, ExternalPerson person, string? invitationToken, CancellationToken cancellationToken = default)
    {
        if (!person.EmailVerified || string.IsNullOrWhiteSpace(person.Email) || !System.Net.Mail.MailAddress.TryCreate(person.Email.Trim(), out _))
        {
            return new(Outcome.UnverifiedEmail, null, null);
        }

        var email = person.Email.Trim();
        var user = await users.FindByLoginAsync(person.Provider, person.Subject);
        if (user is null && await users.FindByEmailAsync(email) is { } byEmail)
        {
            // A locked account (the demo's members, or one after repeated wrong passwords) gets no login linked.
            if (await users.IsLockedOutAsync(byEmail))
            {
                return new(Outcome.Refused, null, null);
            }

            var linked = await users.AddLoginAsync(byEmail, new UserLoginInfo(person.Provider, person.Subject, person.ProviderDisplayName));
            user = linked.Succeeded ? byEmail : null;
        }

        if (user is not null)
        {
            return new(Outcome.Account, user, null);
        }

        return await JoinAsync(database, users, time, person, email, invitationToken, cancellationToken);
    }

    /// <summary>A new account for the invited address, without a password, linked to the login and member of the organization, in one commit.</summary>
    private static async Task<Result> JoinAsync(
        MamoriDatabase database, UserManager<MamoriUser> users, TimeProvider time, ExternalPerson person, string email, string? invitationToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (invitationToken is null
            || await AcceptInvitation.FindAsync(database, invitationToken, now, cancellationToken) is not { } offer
            || InviteMember.Normalize(offer.Email) != InviteMember.Normalize(email))
        {
            return new(Outcome.Refused, null, null);
        }

        var name = person.Name?.Trim();
        var user = NewAccount.For(offer.Email, name is { Length: > 0 and <= Domain.Assets.InformationAsset.MaxTextLength } ? name : null, now);
        user.PreferredLanguage = offer.Language;
        if (!await PrepareAsync(users, user))
        {
            return new(Outcome.Refused, null, null);
        }

        await using var db = database.Open(offer.OrganizationId, new Actor(offer.Email, time));
        db.Users.Add(user);
        db.UserLogins.Add(new IdentityUserLogin<string>
        {
            LoginProvider = person.Provider,
            ProviderKey = person.Subject,
            ProviderDisplayName = person.ProviderDisplayName,
            UserId = user.Id,
        });
        var accepted = await AcceptInvitation.SpendAsync(db, offer, user, addMembership: true, now, cancellationToken);
        return accepted.Outcome == AcceptInvitation.Outcome.Accepted
            ? new(Outcome.Joined, user, offer)
            : new(Outcome.Refused, null, null);
    }

    /// <summary>What <see cref="NewAccount.PrepareAsync"/> does, for an account that has no password: it signs in through the provider only.</summary>
    private static async Task<bool> PrepareAsync(UserManager<MamoriUser> users, MamoriUser user)
    {
        foreach (var validator in users.UserValidators)
        {
            if (!(await validator.ValidateAsync(users, user)).Succeeded)
            {
                return false;
            }
        }

        user.NormalizedUserName = users.NormalizeName(user.UserName);
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.LockoutEnabled = users.Options.Lockout.AllowedForNewUsers;
        return true;
    }
}
