using Mamori.Domain.Risk;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Organizations;

/// <summary>The organization profile (業種, 従業員数, cloud, telework, personal data…) and its risk bands.</summary>
public sealed class ProfileModel : OrganizationPage
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public IActionResult OnGet()
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        Input = ProfileInput.From(Organization);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrWhiteSpace(Input.Name))
        {
            ModelState.AddModelError("Input.Name", AccountText.Required);
        }

        if (Input.EmployeeCount is < 0 or > 100_000)
        {
            ModelState.AddModelError("Input.EmployeeCount", OrganizationText.EmployeeCountInvalid);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Organizations are read through the unscoped context; the row is this request's organization.
        await using var db = HttpContext.RequestServices.GetRequiredService<Mamori.Data.MamoriDatabase>()
            .Open(null, HttpContext.RequestServices.GetRequiredService<RequestActor>().Actor);
        var organization = await db.Organizations.SingleAsync(o => o.Id == Organization.Id, cancellationToken);
        db.Entry(organization).Property(o => o.Version).OriginalValue = Input.Version;
        organization.Name = Input.Name!;
        organization.Industry = (Input.Industry ?? "").Trim();
        organization.Representative = (Input.Representative ?? "").Trim();
        organization.EmployeeCount = Input.EmployeeCount;
        organization.UsesCloudServices = Input.UsesCloudServices;
        organization.Teleworks = Input.Teleworks;
        organization.HandlesPersonalInformation = Input.HandlesPersonalInformation;
        organization.HandlesMyNumber = Input.HandlesMyNumber;
        organization.HasPublicWebsite = Input.HasPublicWebsite;
        organization.CustomersRequireIsmsCertification = Input.CustomersRequireIsmsCertification;
        organization.RiskBands = RiskBandScheme.FindPreset(Input.RiskBands ?? "") ?? organization.RiskBands;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", CommonText.ConcurrencyConflict);
            Input = ProfileInput.From(await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == Organization.Id, cancellationToken));
            return Page();
        }

        Flash(CommonText.Saved);
        return Redirect($"{Base}/profile");
    }

    public sealed class ProfileInput
    {
        public string? Name { get; set; }

        public string? Industry { get; set; }

        public string? Representative { get; set; }

        public int? EmployeeCount { get; set; }

        public bool UsesCloudServices { get; set; }

        public bool Teleworks { get; set; }

        public bool HandlesPersonalInformation { get; set; }

        public bool HandlesMyNumber { get; set; }

        public bool HasPublicWebsite { get; set; }

        public bool CustomersRequireIsmsCertification { get; set; }

        public string? RiskBands { get; set; }

        public int Version { get; set; }

        public static ProfileInput From(Domain.Organizations.Organization o) => new()
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
            RiskBands = o.RiskBands.Key,
            Version = o.Version,
        };
    }
}
