using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Scs;

/// <summary>Records who signs the year's 自己適合宣言書: the representative's title and name.</summary>
public static class SaveRepresentative
{
    public sealed record Request(string? Title, string? Name);

    public static async Task<(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors)> HandleAsync(
        MamoriDb db, Membership membership, int year, Request request, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return (SaveStatus.Forbidden, FieldErrors.None);
        }

        var assessment = await db.ScsAssessments.SingleOrDefaultAsync(a => a.Year == year, cancellationToken);
        if (assessment is null)
        {
            return (SaveStatus.NotFound, FieldErrors.None);
        }

        var errors = new FieldErrors();
        errors.Text(nameof(Request.Title), request.Title, ScsAssessment.MaxNameLength);
        errors.Text(nameof(Request.Name), request.Name, ScsAssessment.MaxNameLength, ScsWords.RepresentativeRequired);
        if (errors.Count > 0)
        {
            return (SaveStatus.Invalid, errors);
        }

        assessment.RepresentativeTitle = (request.Title ?? "").Trim();
        assessment.RepresentativeName = request.Name!.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return (SaveStatus.Saved, FieldErrors.None);
    }
}
