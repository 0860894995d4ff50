using Mamori.Features.Audit;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.Audit;

/// <summary>The register file an import kept, as uploaded: the values behind the import's audit entry.</summary>
public sealed class ImportedFileModel : OrganizationPage
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanReadAuditLog) is { } denied)
        {
            return denied;
        }

        var file = await KeptImports.FindAsync(Db, id, cancellationToken);
        return file is null ? NotFound() : File(file.Content, ContentTypeOf(file.FileName), file.FileName);
    }

    private static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".csv" => "text/csv",
        ".tsv" or ".txt" => "text/plain",
        _ => "application/octet-stream",
    };
}
