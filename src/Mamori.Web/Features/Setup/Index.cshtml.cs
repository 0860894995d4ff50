using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features.Organizations;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Setup;

/// <summary>First start: the administrator account and the first organization, in one form.</summary>
public sealed class IndexModel(MamoriDatabase database, SetupState setup, FirstAdministrator firstAdministrator, SignInManager<MamoriUser> signIn, UserManager<MamoriUser> users, TimeProvider time) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await setup.IsSetUpAsync(cancellationToken) ? Redirect("/account/signin") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await setup.IsSetUpAsync(cancellationToken))
        {
            return Redirect("/account/signin");
        }

        Require(Input.DisplayName, "Input.DisplayName");
        Require(Input.Email, "Input.Email");
        Require(Input.Password, "Input.Password");
        Require(Input.OrganizationName, "Input.OrganizationName");
        Require(Input.Slug, "Input.Slug");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The password is checked before anything is stored, so a weak one leaves no half-made installation.
        var probe = new MamoriUser { UserName = Input.Email, Email = Input.Email };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, probe, Input.Password!);
            foreach (var error in check.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
        }

        if (!System.Net.Mail.MailAddress.TryCreate(Input.Email!.Trim(), out _))
        {
            ModelState.AddModelError("Input.Email", AccountText.EmailInvalid);
        }

        var slug = Input.Slug!.Trim().ToLowerInvariant();
        if (!Domain.Organizations.Organization.IsValidSlug(slug))
        {
            ModelState.AddModelError("Input.Slug", string.Format(System.Globalization.CultureInfo.CurrentCulture, Mamori.Resources.Messages.OrganizationSlugInvalid, slug));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var organization = await CreateOrganization.HandleAsync(database, new(slug, Input.OrganizationName!), time, cancellationToken: cancellationToken);
        if (organization.Created is null)
        {
            ModelState.AddModelError("Input.Slug", organization.Problem!);
            return Page();
        }

        var errors = await firstAdministrator.CreateIfNoneAsync(Input.Email!, Input.DisplayName!, Input.Password!, cancellationToken);
        foreach (var error in errors)
        {
            ModelState.AddModelError("Input.Email", error);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email!.Trim());
        await signIn.SignInAsync(user!, isPersistent: false);
        return Redirect($"/o/{slug}");
    }

    private void Require(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(key, AccountText.Required);
        }
    }

    public sealed class SetupInput
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? OrganizationName { get; set; }

        public string? Slug { get; set; }
    }
}
