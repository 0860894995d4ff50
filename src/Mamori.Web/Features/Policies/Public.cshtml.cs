using System.Globalization;
using System.Net;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Policies;

/// <summary>The organization administrator's switch for the public basic-policy page, its URL and the HTML to paste.</summary>
public sealed class PublicModel : OrganizationPage
{
    public string? PublicUrl { get; private set; }

    public PublicBasicPolicy.Shown? Policy { get; private set; }

    /// <summary>The short block of HTML for the organization's own web site: name, title, date and a link, nothing else.</summary>
    public string Snippet { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        Policy = await PublicBasicPolicy.ReadAsync(Db, Organization, CultureInfo.CurrentUICulture, Today, cancellationToken);
        if (Organization.PublicPolicyToken is { } token)
        {
            PublicUrl = $"{Request.Scheme}://{Request.Host}/p/{token}";
            Snippet = Policy is { } shown ? SnippetOf(shown, PublicUrl) : "";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        var (outcome, _) = await PublicBasicPolicy.PublishAsync(Db, Membership, cancellationToken);
        return Answer(outcome, PublicPolicyText.Published);
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken) =>
        Answer(await PublicBasicPolicy.RevokeAsync(Db, Membership, cancellationToken), PublicPolicyText.Revoked);

    private IActionResult Answer(PublicBasicPolicy.Outcome outcome, string message)
    {
        switch (outcome)
        {
            case PublicBasicPolicy.Outcome.Forbidden:
                return Forbid();
            case PublicBasicPolicy.Outcome.NotFound:
                return NotFound();
        }

        Flash(message);
        return Redirect($"{Base}/policy/public");
    }

    private static string SnippetOf(PublicBasicPolicy.Shown shown, string url)
    {
        string E(string text) => WebUtility.HtmlEncode(text);
        var date = RenderPolicy.FormatDate(shown.EffectiveOn, CultureInfo.CurrentUICulture);
        var version = string.Format(CultureInfo.CurrentCulture, PublicPolicyText.Version, shown.Version.Number);
        var title = string.Format(CultureInfo.CurrentCulture, PublicPolicyText.SnippetTitle, shown.Document.Title, version, string.Format(CultureInfo.CurrentCulture, PublicPolicyText.EffectiveOn, date));
        return $"""
            <div class="security-policy">
              <p><strong>{E(shown.Organization.Name)}</strong><br>{E(title)}</p>
              <p><a href="{E(url)}">{E(PublicPolicyText.SnippetRead)}</a></p>
            </div>
            """;
    }
}
