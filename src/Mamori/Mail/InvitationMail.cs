using System.Globalization;
using Mamori.Domain.Organizations;
using Mamori.Resources;

namespace Mamori.Mail;

/// <summary>The invitation mail, in the language chosen for the invited person.</summary>
public static class InvitationMail
{
    public sealed record Message(string Subject, string Body);

    /// <param name="link">The absolute acceptance link, with its token.</param>
    public static Message Compose(Invitation invitation, Organization organization, string inviterName, string link, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(organization);
        var organizationName = organization.Name;
        var expires = invitation.ExpiresAt.LocalTime(organization).ToString("g", culture);
        var role = MailText.ResourceManager.Text("Role" + invitation.Role, culture);
        return new(
            string.Format(culture, MailText.ResourceManager.Text("InvitationSubject", culture), organizationName),
            string.Format(culture, MailText.ResourceManager.Text("InvitationBody", culture), inviterName, organizationName, role, link, expires));
    }

    /// <summary>The culture of a language code kept on an invitation or account ("ja", "en").</summary>
    public static CultureInfo CultureOf(string? language) =>
        CultureInfo.GetCultureInfo(language == "en" ? "en-US" : "ja-JP");
}
