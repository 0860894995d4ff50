using Mamori.Data;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Notifications;

/// <summary>
/// Which kinds of notification are on: for an organization (its administrator chooses, audited like
/// any organization write) and for a person (on their account page, with the language of their mail).
/// </summary>
public static class SaveNotificationSettings
{
    /// <summary>The kinds switched on for the organization of <paramref name="db"/>.</summary>
    public static async Task<IReadOnlyList<NotificationKind>> OrganizationAsync(MamoriDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var off = (await db.OrganizationNotificationSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken))?.Off ?? [];
        return [.. NotificationKinds.All.Where(off.IsOn)];
    }

    /// <summary>The kinds <paramref name="userId"/> receives, wherever the organization has them on.</summary>
    public static async Task<IReadOnlyList<NotificationKind>> UserAsync(MamoriDb db, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var off = (await db.UserNotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken))?.Off ?? [];
        return [.. NotificationKinds.All.Where(off.IsOn)];
    }

    /// <summary>Switches the organization's kinds: those in <paramref name="on"/> on, the rest off. Administrators only.</summary>
    public static async Task<SaveStatus> ForOrganizationAsync(MamoriDb db, Membership membership, IEnumerable<NotificationKind> on, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(membership);
        if (!membership.CanAdministerOrganization)
        {
            return SaveStatus.Forbidden;
        }

        var settings = await db.OrganizationNotificationSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new OrganizationNotificationSettings(membership.OrganizationId);
            db.OrganizationNotificationSettings.Add(settings);
        }

        settings.Off = NotificationKinds.OffOf(on);
        await db.SaveChangesAsync(cancellationToken);
        return SaveStatus.Saved;
    }

    /// <summary>Switches a person's kinds and sets the language of their mail ("ja" or "en").</summary>
    public static async Task<SaveStatus> ForUserAsync(MamoriDb db, string userId, IEnumerable<NotificationKind> on, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return SaveStatus.NotFound;
        }

        if (language is not ("ja" or "en"))
        {
            return SaveStatus.Invalid;
        }

        var settings = await db.UserNotificationSettings.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (settings is null)
        {
            settings = new UserNotificationSettings(userId);
            db.UserNotificationSettings.Add(settings);
        }

        settings.Off = NotificationKinds.OffOf(on);
        user.PreferredLanguage = language;
        await db.SaveChangesAsync(cancellationToken);
        return SaveStatus.Saved;
    }
}
