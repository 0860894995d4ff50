using System.Globalization;
using Mamori.Features;
using Mamori.Features.Inventories;
using Mamori.Import;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mamori.Web.Features.Inventories;

/// <summary>Imports a spreadsheet into one inventory through the all-or-nothing use case.</summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportModel : InventoryPage
{
    private const long MaxUploadBytes = 11L * 1024 * 1024;

    public IReadOnlyList<ImportProblem> Problems { get; private set; } = [];

    public IActionResult OnGet() => Check(Membership.CanManageRisks) ?? Page();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (Check(Membership.CanManageRisks) is { } refused)
        {
            return refused;
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("", InventoryText.ImportNoFile);
            return Page();
        }

        // Only the known kinds, judged on the name as sent: "evil.c\0sv" is not a .csv.
        if (!UploadName.IsRegisterFile(file.FileName))
        {
            ModelState.AddModelError("", Mamori.Resources.Messages.FileKindNotAccepted);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        await using var content = file.OpenReadStream();
        var result = await ImportInventory.HandleAsync(Db, Membership, Kind, content, UploadName.Clean(file.FileName), cancellationToken);
        if (Refused(result.Status) is { } denied)
        {
            return denied;
        }

        if (!result.Succeeded)
        {
            Problems = result.Problems;
            return Page();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, InventoryText.ImportSucceeded, result.Imported));
        return Redirect(ListUrl);
    }
}
