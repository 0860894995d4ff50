using Microsoft.AspNetCore.Identity;

namespace Mamori.Accounts;

/// <summary>
/// Makes a new account ready to be stored in the caller's context, so that it commits with the rest
/// of the user action (the membership that gives it a role, the first organization).
/// <see cref="UserManager{TUser}.CreateAsync(TUser, string)"/> would do the same checks but save
/// through Identity's own context, a commit of its own.
/// </summary>
public static class NewAccount
{
    /// <summary>What is wrong with the password, and with the account (its address or name).</summary>
    public sealed record Problems(IReadOnlyList<string> Password, IReadOnlyList<string> Account)
    {
        public bool Any => Password.Count > 0 || Account.Count > 0;
    }

    /// <summary>An account signing in with <paramref name="email"/>, shown as <paramref name="displayName"/> (the address when blank).</summary>
    public static MamoriUser For(string email, string? displayName, DateTimeOffset now) => new()
    {
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
        CreatedAt = now,
    };

    /// <summary>
    /// Checks <paramref name="user"/> and <paramref name="password"/> with Identity's validators and,
    /// when both pass, sets what <c>CreateAsync</c> sets: the password hash, the normalized name and
    /// address, a security stamp and lockout. The caller adds the user to its context.
    /// </summary>
    public static async Task<Problems> PrepareAsync(UserManager<MamoriUser> users, MamoriUser user, string password)
    {
        var passwordProblems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            passwordProblems.AddRange(result.Errors.Select(e => e.Description));
        }

        var accountProblems = new List<string>();
        foreach (var validator in users.UserValidators)
        {
            var result = await validator.ValidateAsync(users, user);
            accountProblems.AddRange(result.Errors.Select(e => e.Description));
        }

        var problems = new Problems(passwordProblems, accountProblems);
        if (problems.Any)
        {
            return problems;
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.NormalizedUserName = users.NormalizeName(user.UserName);
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.LockoutEnabled = users.Options.Lockout.AllowedForNewUsers;
        return problems;
    }
}
