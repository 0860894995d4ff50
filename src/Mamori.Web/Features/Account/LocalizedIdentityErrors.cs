using System.Globalization;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;

namespace Mamori.Web.Features.Account;

/// <summary>Identity's validation messages in the user's language, and without revealing which accounts exist.</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    private static string Format(string template, object arg) => string.Format(CultureInfo.CurrentCulture, template, arg);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), Format(AccountText.PasswordTooShort, length));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), AccountText.PasswordRequiresDigit);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), AccountText.PasswordMismatch);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), AccountText.EmailInvalid);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), AccountText.EmailInvalid);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), AccountText.EmailTaken);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), AccountText.EmailTaken);

    public override IdentityError DefaultError() => Error(nameof(DefaultError), AccountText.UnknownError);
}
