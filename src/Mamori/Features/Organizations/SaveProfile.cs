using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>
/// Saves the organization profile (業種, 従業員数, cloud, telework, personal data…) and its risk
/// bands. Only a 管理者 does; a stale version is refused instead of overwriting another change.
/// </summary>
public static class SaveProfile
{
    public const int MaxEmployeeCount = 100_000;

    public sealed record Request
    {
        public string? Name { get; init; }

        public string? Industry { get; init; }

        public string? Representative { get; init; }

        public int? EmployeeCount { get; init; }

        public bool UsesCloudServices { get; init; }

        public bool Teleworks { get; init; }

        public bool HandlesPersonalInformation { get; init; }

        public bool HandlesMyNumber { get; init; }

        public bool HasPublicWebsite { get; init; }

        public bool CustomersRequireIsmsCertification { get; init; }

        public bool CustomersRequireScsLevel3 { get; init; }

        /// <summary>A preset's key (ipa, iso27005); anything else keeps the current scheme.</summary>
        public string? RiskBands { get; init; }

        /// <summary>The version the user edited.</summary>
        public int Version { get; init; }

        public static Request From(Organization o) => new()
        {
            Name = o.Name,
            Industry = o.Industry,
            Representative = o.Representative,
            EmployeeCount = o.EmployeeCount,
            UsesCloudServices = o.UsesCloudServices,
            Teleworks = o.Teleworks,
            HandlesPersonalInformation = o.HandlesPersonalInformation,
            HandlesMyNumber = o.HandlesMyNumber,
            HasPublicWebsite = o.HasPublicWebsite,
            CustomersRequireIsmsCertification = o.CustomersRequireIsmsCertification,
            CustomersRequireScsLevel3 = o.CustomersRequireScsLevel3,
            RiskBands = o.RiskBands.Key,
            Version = o.Version,
        };
    }

    /// <summary>The outcome, with the organization as stored (the latest one after a conflict).</summary>
    public sealed record Result(SaveStatus Status, Organization? Organization, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="actor">The membership of whoever saves it.</param>
    public static async Task<Result> HandleAsync(MamoriDb db, Membership actor, Request request, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdministerOrganization)
        {
            return new(SaveStatus.Forbidden, null, FieldErrors.None);
        }

        var errors = new FieldErrors();
        errors.Text(nameof(Request.Name), request.Name, InformationAsset.MaxTextLength, Messages.FieldRequired);
        errors.Text(nameof(Request.Industry), request.Industry, InformationAsset.MaxTextLength);
        errors.Text(nameof(Request.Representative), request.Representative, InformationAsset.MaxTextLength);
        if (request.EmployeeCount is < 0 or > MaxEmployeeCount)
        {
            errors.Add(nameof(Request.EmployeeCount), Messages.OrganizationEmployeeCountInvalid);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, null, errors);
        }

        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == actor.OrganizationId, cancellationToken);
        if (organization is null)
        {
            return new(SaveStatus.NotFound, null, FieldErrors.None);
        }

        db.Entry(organization).Property(o => o.Version).OriginalValue = request.Version;
        organization.Name = request.Name!;
        organization.Industry = (request.Industry ?? "").Trim();
        organization.Representative = (request.Representative ?? "").Trim();
        organization.EmployeeCount = request.EmployeeCount;
        organization.UsesCloudServices = request.UsesCloudServices;
        organization.Teleworks = request.Teleworks;
        organization.HandlesPersonalInformation = request.HandlesPersonalInformation;
        organization.HandlesMyNumber = request.HandlesMyNumber;
        organization.HasPublicWebsite = request.HasPublicWebsite;
        organization.CustomersRequireIsmsCertification = request.CustomersRequireIsmsCertification;
        organization.CustomersRequireScsLevel3 = request.CustomersRequireScsLevel3;
        organization.RiskBands = RiskBandScheme.FindPreset(request.RiskBands ?? "") ?? organization.RiskBands;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(SaveStatus.Conflict, await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organization.Id, cancellationToken), FieldErrors.None);
        }

        return new(SaveStatus.Saved, organization, FieldErrors.None);
    }
}
