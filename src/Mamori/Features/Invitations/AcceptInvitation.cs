using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Invitations;

/// <summary>
/// A person answers an invitation through its link: signed in with the account of the invited
/// address, or with a new account made with a password. The membership, the acceptance (the link is then spent)
/// and any new account are stored in one commit, audited in the organization's log.
/// </summary>
public static class AcceptInvitation
{
    /// <summary>An open invitation, as its link shows it.</summary>
    public sealed record Offer(Guid InvitationId, Guid OrganizationId, string OrganizationName, string OrganizationSlug, string Email, MemberRole Role, string Language, DateTimeOffset ExpiresAt);

    public enum Outcome
    {
        Accepted,

        /// <summary>The link is unknown, spent, withdrawn or expired (one answer for all).</summary>
        NotValid,

        /// <summary>The account signed in has another address than the invited one.</summary>
        OtherAccount,

        /// <summary>The invited address has an account: the person signs in with it to accept.</summary>
        AccountExists,

        /// <summary>What was entered for a new account is refused (<see cref="Result.Errors"/>).</summary>
        Invalid,
    }

    public sealed record Result(Outcome Outcome, MamoriUser? User, IReadOnlyDictionary<string, List<string>> Errors);

    public sealed record NewAccountRequest
    {
        public string? DisplayName { get; init; }

        public string? Password { get; init; }
    }

    /// <summary>The open invitation whose link carries <paramref name="token"/>, or null (unknown, spent, withdrawn, expired).</summary>
    public static async Task<Offer?> FindAsync(MamoriDatabase database, string? token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return null;
        }

        // The link names no organization: the invitation is found by its token's hash in every
        // organization (the tenant filter lifted, for reading only), then accepted through a
        // context confined to its own organization.
        var hash = InviteMember.Hash(token);
        await using var db = database.Open();
        var found = await (
                from invitation in db.Invitations.IgnoreQueryFilters()
                join organization in db.Organizations on invitation.OrganizationId equals organization.Id
                where invitation.TokenHash == hash && invitation.AcceptedAt == null && invitation.RevokedAt == null
                select new { invitation, organization.Name, organization.Slug })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        return found is null || !found.invitation.IsPending(now)
            ? null
            : new Offer(found.invitation.Id, found.invitation.OrganizationId, found.Name, found.Slug, found.invitation.Email, found.invitation.Role, found.invitation.Language, found.invitation.ExpiresAt);
    }

    /// <summary>Accepts as <paramref name="user"/>, who is signed in and must hold the invited address.</summary>
    public static async Task<Result> AsAccountAsync(MamoriDatabase database, TimeProvider time, string? token, MamoriUser user, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (await FindAsync(database, token, now, cancellationToken) is not { } offer)
        {
            return new(Outcome.NotValid, null, FieldErrors.None);
        }

        if (user.NormalizedEmail != InviteMember.Normalize(offer.Email))
        {
            return new(Outcome.OtherAccount, null, FieldErrors.None);
        }

        await using var db = database.Open(offer.OrganizationId, new Actor(user.Email ?? user.Id, time));
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            // Already a member (joined another way): the link is spent all the same.
            return await SpendAsync(db, offer, user, addMembership: false, now, cancellationToken);
        }

        return await SpendAsync(db, offer, user, addMembership: true, now, cancellationToken);
    }

    /// <summary>Accepts with a new account for the invited address, signing in with the password chosen.</summary>
    public static async Task<Result> WithNewAccountAsync(
        MamoriDatabase database, TimeProvider time, UserManager<MamoriUser> users, string? token, NewAccountRequest request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (await FindAsync(database, token, now, cancellationToken) is not { } offer)
        {
            return new(Outcome.NotValid, null, FieldErrors.None);
        }

        if (await users.FindByEmailAsync(offer.Email) is not null)
        {
            return new(Outcome.AccountExists, null, FieldErrors.None);
        }

        var errors = new FieldErrors();
        errors.Text(nameof(NewAccountRequest.DisplayName), request.DisplayName, Domain.Assets.InformationAsset.MaxTextLength);
        var user = NewAccount.For(offer.Email, request.DisplayName, now);
        user.PreferredLanguage = offer.Language;
        var problems = await NewAccount.PrepareAsync(users, user, request.Password ?? "");
        problems.Password.ToList().ForEach(e => errors.Add(nameof(NewAccountRequest.Password), e));
        problems.Account.ToList().ForEach(e => errors.Add("", e));

        if (errors.Count > 0)
        {
            return new(Outcome.Invalid, null, errors);
        }

        await using var db = database.Open(offer.OrganizationId, new Actor(offer.Email, time));
        db.Users.Add(user);

        return await SpendAsync(db, offer, user, addMembership: true, now, cancellationToken);
    }

    /// <summary>Marks the invitation accepted and adds the membership, in one commit; a second use of the link loses.</summary>
    internal static async Task<Result> SpendAsync(MamoriDb db, Offer offer, MamoriUser user, bool addMembership, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleAsync(i => i.Id == offer.InvitationId, cancellationToken);
        invitation.Accept(user.Id, now);
        if (addMembership)
        {
            db.Memberships.Add(new Membership(offer.OrganizationId, user.Id, invitation.Role) { Department = invitation.Department });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Accepted or withdrawn meanwhile through another request: the version moved on.
            return new(Outcome.NotValid, null, new FieldErrors { { "", Messages.InvitationNotOpen } });
        }

        return new(Outcome.Accepted, user, FieldErrors.None);
    }
}
