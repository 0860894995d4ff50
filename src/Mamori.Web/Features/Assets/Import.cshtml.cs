using System.Globalization;
using Mamori.Data;
using Mamori.Features.Assets;
using Mamori.Import;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Assets;

/// <summary>Imports a register file through the same all-or-nothing use case as the CLI.</summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportModel : OrganizationPage
{
    public const int MaxUploadMegabytes = 100;
    public const long MaxUploadBytes = MaxUploadMegabytes * 1024L * 1024L;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public IActionResult OnGet() => Require(Membership.CanManageRisks) ?? Page();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        // Importing writes assets of every department, so it is for those who manage the whole register.
        if (Require(Membership.CanManageRisks) is { } denied)
        {
            return denied;
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("", AssetText.ImportNoFile);
            return Page();
        }

        // Only the known kinds, judged on the name as sent: "evil.c\0sv" is not a .csv.
        if (!UploadName.IsRegisterFile(file.FileName))
        {
            ModelState.AddModelError("", Mamori.Resources.Messages.FileKindNotAccepted);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        if (file.Length > MaxUploadBytes)
        {
            ModelState.AddModelError("", string.Format(CultureInfo.CurrentCulture, AssetText.ImportTooLarge, MaxUploadMegabytes));
            return Page();
        }

        var database = HttpContext.RequestServices.GetRequiredService<MamoriDatabase>();
        var actor = HttpContext.RequestServices.GetRequiredService<RequestActor>().Actor;
        await using var content = file.OpenReadStream();
        var result = await ImportAssets.HandleAsync(
            new MamoriDatabase(database.Options, actor), Organization.Id, content, UploadName.Clean(file.FileName), Time, cancellationToken);
        if (!result.Succeeded)
        {
            Problems = result.Problems;
            return Page();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, AssetText.ImportSucceeded, result.Imported));
        return Redirect($"{Base}/assets");
    }
}
