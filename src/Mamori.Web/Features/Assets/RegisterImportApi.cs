using System.Globalization;
using Mamori.Data;
using Mamori.Documents;
using Mamori.Documents.Xlsx;
using Mamori.Features.Assets;
using Mamori.Import;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Assets;

/// <summary>
/// /api/v1/organizations/{org}/assets/import and /assets/export: a register file in (multipart, all or
/// nothing, through the same use case as the import page and the CLI) and the whole register out.
/// </summary>
public static class RegisterImportApi
{
    public static void MapRegisterImportApi(this RouteGroupBuilder org)
    {
        org.MapPost("/assets/import", ImportAsync)
            .WithName("importRegister")
            .WithSummary("Import a register file (.xlsx, .csv, .tsv): every row or none")
            .WithTags("Assets")
            .AcceptsSpreadsheetFile("The register: .xlsx, .csv or .tsv", ImportModel.MaxUploadBytes)
            .Produces<RegisterImportedDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        org.MapGet("/assets/export", Export)
            .WithName("exportRegister")
            .WithSummary("Export the whole register as .xlsx (IPA layout) or CSV")
            .WithTags("Assets")
            .Produces(StatusCodes.Status200OK, contentType: RegisterExports.XlsxContentType)
            .Produces(StatusCodes.Status200OK, contentType: RegisterExports.CsvContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request, OrganizationContext context, MamoriDatabase database, RequestActor actor, TimeProvider time, CancellationToken cancellationToken)
    {
        // Importing writes assets of every department, so it is for those who manage the whole register (as the page).
        // The form is read here, after this check, so a caller without the right learns nothing from how its upload is read.
        if (!context.Membership.CanManageRisks)
        {
            return Results.Forbid();
        }

        var file = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken)).Files.GetFile("file") : null;
        if (file is null || file.Length == 0)
        {
            return ApiProblems.Invalid("file", AssetText.ImportNoFile);
        }

        // Only the known kinds, judged on the name as sent.
        if (!UploadName.IsRegisterFile(file.FileName))
        {
            return ApiProblems.Invalid("file", Mamori.Resources.Messages.FileKindNotAccepted);
        }

        await using var content = file.OpenReadStream();
        var result = await ImportAssets.HandleAsync(
            new MamoriDatabase(database.Options, actor.Actor), context.Organization.Id, content, UploadName.Clean(file.FileName), time, cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.ImportRejected(result.Problems);
        }

        return Results.Ok(new RegisterImportedDto(result.Imported));
    }

    private static IResult Export([FromQuery] string? format, OrganizationContext context, OrganizationData data, TimeProvider time)
    {
        if (!context.Membership.CanReadRegister)
        {
            return Results.Forbid();
        }

        if (format is not (null or "xlsx" or "csv"))
        {
            return ApiProblems.FormatNotOffered(format, "xlsx", "csv");
        }

        var organization = context.Organization;
        var xlsx = format != "csv";
        var culture = CultureInfo.CurrentUICulture;
        var stamp = time.Today(organization).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return Results.Stream(
            async body =>
            {
                var assets = data.Db.Assets.AsNoTracking().OrderBy(a => a.BusinessCategory).ThenBy(a => a.Name).AsAsyncEnumerable();
                if (xlsx)
                {
                    await RegisterWorkbook.WriteAsync(body, assets, organization.RiskBands, culture, CancellationToken.None);
                }
                else
                {
                    await RegisterExport.WriteCsvAsync(body, assets, culture, CancellationToken.None);
                }
            },
            xlsx ? RegisterExports.XlsxContentType : RegisterExports.CsvContentType,
            $"{organization.Slug}-register-{stamp}.{(xlsx ? "xlsx" : "csv")}");
    }
}

/// <param name="Imported">How many assets the file added.</param>
public sealed record RegisterImportedDto(int Imported);

/// <summary>The content types of the register's exports.</summary>
public static class RegisterExports
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string CsvContentType = "text/csv; charset=utf-8";
}
