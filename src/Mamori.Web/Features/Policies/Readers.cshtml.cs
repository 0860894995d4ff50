using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Policies;

/// <summary>Who has and has not acknowledged the published version of a procedure.</summary>
public sealed class ReadersModel : OrganizationPage
{
    public PolicyDocument? Document { get; private set; }

    public IReadOnlyList<Acknowledgements.Reader> Readers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Document = await Db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (Document is null)
        {
            return NotFound();
        }

        Readers = await Acknowledgements.ReadersAsync(Db, id, cancellationToken);
        return Page();
    }
}
