using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Accounts;

/// <summary>A person who signs in. Users belong to the installation; what they may see comes from their memberships.</summary>
public sealed class MamoriUser : IdentityUser
{
    /// <summary>The name shown in the UI and the audit log.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>May create organizations and see every one (the first administrator).</summary>
    public bool IsSiteAdministrator { get; set; }

    /// <summary>"ja" or "en".</summary>
    public string PreferredLanguage { get; set; } = "ja";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// An account someone can sign in with: every account but the demo organization's members, which
    /// have no password. The installation is set up once one exists.
    /// </summary>
    public static Expression<Func<MamoriUser, bool>> CanSignIn { get; } = u => u.PasswordHash != null;
}
