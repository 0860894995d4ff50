using System.Globalization;
using Mamori.Features;
using Mamori.Features.GettingStarted;
using Mamori.Features.Levels;
using Mamori.Features.Organizations;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.GettingStarted;

/// <summary>
/// The path's first step, 会社のこと: the profile in eight plain questions, with the level they
/// recommend and why. Saving goes back to the path; the full profile page keeps the rest (name, risk bands).
/// </summary>
public sealed class CompanyModel : OrganizationPage
{
    /// <summary>How the company handles personal data, one answer for two profile flags.</summary>
    public enum PersonalData
    {
        None,
        Personal,
        MyNumber,
    }

    public sealed class Answers
    {
        public string? Industry { get; set; }

        public int? EmployeeCount { get; set; }

        public string? Representative { get; set; }

        public bool UsesCloudServices { get; set; }

        public bool Teleworks { get; set; }

        public PersonalData PersonalData { get; set; }

        public bool HasPublicWebsite { get; set; }

        public bool CustomersRequireIsms { get; set; }

        public bool CustomersRequireScs { get; set; }

        public int Version { get; set; }
    }

    [BindProperty]
    public Answers Input { get; set; } = new();

    /// <summary>The level the saved answers recommend, and why.</summary>
    public LevelOverview.Overview Levels { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        var o = Organization;
        Input = new Answers
        {
            Industry = o.Industry,
            EmployeeCount = o.EmployeeCount,
            Representative = o.Representative,
            UsesCloudServices = o.UsesCloudServices,
            Teleworks = o.Teleworks,
            PersonalData = o.HandlesMyNumber ? PersonalData.MyNumber : o.HandlesPersonalInformation ? PersonalData.Personal : PersonalData.None,
            HasPublicWebsite = o.HasPublicWebsite,
            CustomersRequireIsms = o.CustomersRequireIsmsCertification,
            CustomersRequireScs = o.CustomersRequireScsLevel3,
            Version = o.Version,
        };
        Levels = await LevelOverview.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(Membership.CanAdministerOrganization) is { } denied)
        {
            return denied;
        }

        if (ModelState.IsValid)
        {
            // The questions not asked here (name, risk bands) keep their values.
            var request = SaveProfile.Request.From(Organization) with
            {
                Industry = Input.Industry,
                EmployeeCount = Input.EmployeeCount,
                Representative = Input.Representative,
                UsesCloudServices = Input.UsesCloudServices,
                Teleworks = Input.Teleworks,
                HandlesPersonalInformation = Input.PersonalData != PersonalData.None,
                HandlesMyNumber = Input.PersonalData == PersonalData.MyNumber,
                HasPublicWebsite = Input.HasPublicWebsite,
                CustomersRequireIsmsCertification = Input.CustomersRequireIsms,
                CustomersRequireScsLevel3 = Input.CustomersRequireScs,
                Version = Input.Version,
            };
            var result = await SaveProfile.HandleAsync(Db, Membership, request, cancellationToken);
            if (Refused(result.Status) is { } refused)
            {
                return refused;
            }

            if (result.Status == SaveStatus.Saved)
            {
                Flash(PathText.CompanySaved);
                return Redirect($"{Base}/path#step-{PathProgress.StepKey.Profile}");
            }

            ShowProblems(result.Status, result.Errors, nameof(Input));
        }

        Levels = await LevelOverview.BuildAsync(Db, Organization, CultureInfo.CurrentUICulture, cancellationToken);
        return Page();
    }
}
