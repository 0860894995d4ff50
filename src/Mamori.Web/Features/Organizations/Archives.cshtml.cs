using Mamori.Accounts;
using Mamori.Data;
using Mamori.Features.Archive;
using Mamori.Features.Organizations;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Organizations;

/// <summary>
/// The site administrator's organization archives: any organization written out as one archive, and an
/// archive from another installation (or this one) imported, after a confirmation, through the same use
/// cases as `mamori orgs export|import`.
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ArchivesModel(MamoriDatabase database, UserManager<MamoriUser> users, RequestActor actor, TimeProvider time) : PageModel
{
    public const int MaxUploadMegabytes = 500;
    public const long MaxUploadBytes = MaxUploadMegabytes * 1024L * 1024L;

    public IReadOnlyList<ListOrganizations.Item> Items { get; private set; } = [];

    /// <summary>What the last import did beyond the archive's own rows (accounts linked or created, a copy).</summary>
    public IReadOnlyList<string> Notes { get; private set; } = [];

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await IsSiteAdministratorAsync())
        {
            return Forbid();
        }

        Items = await ListOrganizations.ForSiteAdministratorAsync(database, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(string? org, CancellationToken cancellationToken)
    {
        if (!await IsSiteAdministratorAsync())
        {
            return Forbid();
        }

        // Written to memory first: a refusal is then a page, not half a download.
        var archive = new MemoryStream();
        var result = await ExportOrganization.HandleAsync(database, org ?? "", archive, time, cancellationToken);
        if (result.Manifest is not { } manifest)
        {
            ModelState.AddModelError("", result.Problem!);
            return await OnGetAsync(cancellationToken);
        }

        archive.Position = 0;
        var stamp = manifest.ExportedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return File(archive, "application/zip", $"{manifest.Organization.Slug}-{stamp}.mamori.zip");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await IsSiteAdministratorAsync())
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(nameof(file), ArchivePageText.NoFile);
        }

        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), ArchivePageText.ConfirmRequired);
        }

        if (!ModelState.IsValid)
        {
            return await OnGetAsync(cancellationToken);
        }

        await using var content = file!.OpenReadStream();
        var slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim().ToLowerInvariant();
        var result = await ImportOrganization.HandleAsync(database, content, slug, actor.Actor, cancellationToken);
        if (result.Imported is not { } imported)
        {
            ModelState.AddModelError("", result.Problem!);
            return await OnGetAsync(cancellationToken);
        }

        Notes = result.Notes;
        TempData["Flash"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, ArchivePageText.Imported, imported.Name, imported.Slug);
        return await OnGetAsync(cancellationToken);
    }

    private async Task<bool> IsSiteAdministratorAsync() => (await users.GetUserAsync(User))?.IsSiteAdministrator == true;
}
