using System.Globalization;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Procedures;

/// <summary>For every member (従業員 included): the published procedures that apply to them, to read and acknowledge.</summary>
public sealed class IndexModel : OrganizationPage
{
    public sealed record Shown(Acknowledgements.ProcedureForMember Procedure, IHtmlContent Html);

    public IReadOnlyList<Shown> Procedures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var roles = await Db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        Procedures = (await Acknowledgements.ForMemberAsync(Db, Membership, cancellationToken))
            .Select(p => new Shown(p, SafeHtml.FromMarkdown(RenderPolicy.Fill(p.Published.Body, Organization, roles, p.Document, p.Published, Today, CultureInfo.CurrentUICulture).Text)))
            .ToList();
    }

    public async Task<IActionResult> OnPostAsync(Guid versionId, CancellationToken cancellationToken)
    {
        if (Refused(await Acknowledgements.AcknowledgeAsync(Db, Membership, versionId, Time.GetUtcNow(), cancellationToken)) is { } refused)
        {
            return refused;
        }

        Flash(PolicyText.AcknowledgedMessage);
        return Redirect($"{Base}/procedures");
    }
}
