using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Organizations;
using Mamori.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Accounts;

/// <summary>
/// The installation's first account (the /setup form, or MAMORI_ADMIN_EMAIL at start): a site
/// administrator who becomes 管理者 of every organization that exists (the demo one) and of the
/// first organization when the request names one. The account, the organization and every
/// membership commit together, so a failure leaves no half-made installation.
/// </summary>
public static class CreateFirstAdministrator
{
    public sealed record Request
    {
        public string? Email { get; init; }

        public string? DisplayName { get; init; }

        public string? Password { get; init; }

        /// <summary>The first organization's name, with <see cref="Slug"/>; neither for none.</summary>
        public string? OrganizationName { get; init; }

        public string? Slug { get; init; }
    }

    /// <summary>
    /// The outcome: <see cref="SaveStatus.Conflict"/> when an account already exists (nothing is
    /// written); <see cref="Errors"/> maps a field name of <see cref="Request"/> to its messages.
    /// </summary>
    public sealed record Result(SaveStatus Status, MamoriUser? User, Organization? Organization, IReadOnlyDictionary<string, List<string>> Errors);

    public static async Task<Result> HandleAsync(
        MamoriDatabase database, UserManager<MamoriUser> users, Request request, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var email = (request.Email ?? "").Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add(nameof(Request.Email), Messages.MemberEmailInvalid);
        }

        var named = request.Slug is not null || request.OrganizationName is not null;
        var organizationRequest = new CreateOrganization.Request((request.Slug ?? "").Trim().ToLowerInvariant(), request.OrganizationName ?? "");
        if (named && CreateOrganization.Invalid(organizationRequest) is { } invalid)
        {
            errors.Add(invalid.Field == nameof(CreateOrganization.Request.Slug) ? nameof(Request.Slug) : nameof(Request.OrganizationName), invalid.Message);
        }

        var user = NewAccount.For(email, request.DisplayName, time.GetUtcNow());
        user.IsSiteAdministrator = true;
        var problems = await NewAccount.PrepareAsync(users, user, request.Password ?? "");
        problems.Password.ToList().ForEach(p => errors.Add(nameof(Request.Password), p));
        if (errors.Count == 0)
        {
            problems.Account.ToList().ForEach(p => errors.Add(nameof(Request.Email), p));
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, null, null, errors);
        }

        var actor = new Actor(email, time);
        await using var accounts = database.Open(null, actor);
        await using var transaction = await accounts.Database.BeginTransactionAsync(cancellationToken);
        if (await accounts.Users.AnyAsync(MamoriUser.CanSignIn, cancellationToken))
        {
            return new(SaveStatus.Conflict, null, null, FieldErrors.None);
        }

        var existing = await accounts.Organizations.Select(o => o.Id).ToListAsync(cancellationToken);
        accounts.Users.Add(user);
        await accounts.SaveChangesAsync(cancellationToken);

        Organization? organization = null;
        if (named)
        {
            organization = CreateOrganization.New(organizationRequest, time);
            await using var db = await database.OpenInTransactionAsync(accounts, organization.Id, actor, cancellationToken);
            if (await CreateOrganization.AddAsync(db, organization, organizationRequest with { AdministratorId = user.Id }, cancellationToken) is { } taken)
            {
                errors.Add(nameof(Request.Slug), taken);
                return new(SaveStatus.Invalid, null, null, errors);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Each organization's audit log records its new administrator, through a context confined to it.
        foreach (var organizationId in existing)
        {
            await using var db = await database.OpenInTransactionAsync(accounts, organizationId, actor, cancellationToken);
            db.Memberships.Add(new Membership(organizationId, user.Id, MemberRole.Administrator));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new(SaveStatus.Saved, user, organization, FieldErrors.None);
    }
}
