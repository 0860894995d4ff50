using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>Any two versions of a document, line by line.</summary>
public sealed class CompareModel : OrganizationPage
{
    public PolicyDocument? Document { get; private set; }

    public int From { get; private set; }

    public int To { get; private set; }

    public IReadOnlyList<CompareVersions.Line> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int from, int to, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Document = await Db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        var versions = await Db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == id && (v.Number == from || v.Number == to)).ToListAsync(cancellationToken);
        var older = versions.SingleOrDefault(v => v.Number == from);
        var newer = versions.SingleOrDefault(v => v.Number == to);
        if (Document is null || older is null || newer is null)
        {
            return NotFound();
        }

        (From, To) = (from, to);
        Lines = CompareVersions.Lines(older.Body, newer.Body);
        return Page();
    }
}
