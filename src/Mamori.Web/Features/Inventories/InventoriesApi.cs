using System.Globalization;
using Mamori.Domain.Inventories;
using Mamori.Features;
using Mamori.Features.Inventories;
using Mamori.Import;
using Mamori.Web.Features.Assets;
using Mamori.Web.Infrastructure;
using Mamori.Web.Infrastructure.Api;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Features.Inventories;

/// <summary>
/// /api/v1/organizations/{org}/inventories/{kind} (devices, networks, external-services, admin-ids): the
/// entries of one inventory, one entry, its writes, the file import (all or nothing) and the export,
/// through the same use cases and permissions as the pages. An unknown kind is 404.
/// </summary>
public static class InventoriesApi
{
    private const string Tag = "Inventories";

    /// <summary>As the import page: a little over the use case's 10 MB, so the use case names the limit.</summary>
    private const long MaxUploadBytes = 11L * 1024 * 1024;

    public static void MapInventoriesApi(this RouteGroupBuilder org)
    {
        const string Route = "/inventories/{kind}";
        org.MapGet(Route, ListAsync).WithTags(Tag)
            .WithName("listInventoryItems").WithSummary("List one inventory's entries, a page at a time")
            .Produces<ApiPage<InventoryItemDto>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        org.MapGet(Route + "/{id:guid}", GetAsync).WithTags(Tag)
            .WithName("getInventoryItem").WithSummary("Read one entry of an inventory")
            .Produces<InventoryItemDto>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        org.MapPost(Route, CreateAsync).WithTags(Tag)
            .WithName("createInventoryItem").WithSummary("Add an entry to an inventory")
            .Produces<InventoryItemDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        org.MapPut(Route + "/{id:guid}", UpdateAsync).WithTags(Tag)
            .WithName("updateInventoryItem").WithSummary("Change an entry of an inventory (send the version you read)")
            .Produces<InventoryItemDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        org.MapDelete(Route + "/{id:guid}", DeleteAsync).WithTags(Tag)
            .WithName("deleteInventoryItem").WithSummary("Delete an entry of an inventory")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        org.MapPost(Route + "/import", ImportAsync).WithTags(Tag)
            .WithName("importInventory").WithSummary("Import an inventory file (.xlsx, .csv, .tsv): every row or none")
            .AcceptsSpreadsheetFile("The inventory: .xlsx, .csv or .tsv", MaxUploadBytes)
            .Produces<InventoryImportedDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        org.MapGet(Route + "/export", ExportAsync).WithTags(Tag)
            .WithName("exportInventory").WithSummary("Export one inventory as .xlsx or CSV (the import reads it back)")
            .Produces(StatusCodes.Status200OK, contentType: RegisterExports.XlsxContentType)
            .Produces(StatusCodes.Status200OK, contentType: RegisterExports.CsvContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(string kind, int? page, int? pageSize, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (Refused(kind, context.Membership.CanReadRegister) is { } refused)
        {
            return refused;
        }

        // An inventory holds dozens of entries: the page is cut from the use case's ordered list.
        var (number, size) = ApiProblems.Paging(page, pageSize);
        var items = await ListInventory.EntriesAsync(data.Db, Inventory.FromSlug(kind)!.Value, cancellationToken);
        return Results.Ok(new ApiPage<InventoryItemDto>(items.Count, number, size, [.. items.Skip((number - 1) * size).Take(size).Select(InventoryItemDto.From)]));
    }

    private static async Task<IResult> GetAsync(string kind, Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (Refused(kind, context.Membership.CanReadRegister) is { } refused)
        {
            return refused;
        }

        var inventory = Inventory.FromSlug(kind)!.Value;
        var item = await data.Db.InventoryItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.Kind == inventory, cancellationToken);
        return item is null ? Results.NotFound() : Results.Ok(InventoryItemDto.From(item));
    }

    private static Task<IResult> CreateAsync(string kind, SaveInventoryItem.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        SaveAsync(kind, null, request, context, data, cancellationToken);

    private static Task<IResult> UpdateAsync(string kind, Guid id, SaveInventoryItem.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken) =>
        SaveAsync(kind, id, request, context, data, cancellationToken);

    private static async Task<IResult> SaveAsync(
        string kind, Guid? id, SaveInventoryItem.Request request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        if (Inventory.FromSlug(kind) is not { } inventory)
        {
            return Results.NotFound();
        }

        var result = await SaveInventoryItem.HandleAsync(data.Db, context.Membership, inventory, id, request, cancellationToken);
        return ApiResults.Saved(result.Status, result.Errors, id,
            () => InventoryItemDto.From(result.Item!),
            dto => $"/api/v1/organizations/{context.Organization.Slug}/inventories/{kind}/{dto.Id}");
    }

    private static async Task<IResult> DeleteAsync(string kind, Guid id, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        // The permission first, so a caller without it learns nothing of which ids exist.
        if (Refused(kind, context.Membership.CanManageRisks) is { } refused)
        {
            return refused;
        }

        var inventory = Inventory.FromSlug(kind)!.Value;

        var result = await DeleteInventoryItem.HandleAsync(data.Db, context.Membership, inventory, id, cancellationToken);
        return result.Status switch
        {
            SaveStatus.NotFound => Results.NotFound(),
            SaveStatus.Forbidden => Results.Forbid(),
            _ => Results.NoContent(),
        };
    }

    private static async Task<IResult> ImportAsync(string kind, HttpRequest request, OrganizationContext context, OrganizationData data, CancellationToken cancellationToken)
    {
        // The form is read after this check, so a caller without the right learns nothing from how its upload is read.
        if (Refused(kind, context.Membership.CanManageRisks) is { } refused)
        {
            return refused;
        }

        var file = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken)).Files.GetFile("file") : null;
        if (file is null || file.Length == 0)
        {
            return ApiProblems.Invalid("file", InventoryText.ImportNoFile);
        }

        // Only the known kinds, judged on the name as sent: "evil.c\0sv" is not a .csv.
        if (!UploadName.IsRegisterFile(file.FileName))
        {
            return ApiProblems.Invalid("file", Mamori.Resources.Messages.FileKindNotAccepted);
        }

        await using var content = file.OpenReadStream();
        var result = await ImportInventory.HandleAsync(data.Db, context.Membership, Inventory.FromSlug(kind)!.Value, content, UploadName.Clean(file.FileName), cancellationToken);
        return result.Status switch
        {
            SaveStatus.Forbidden => Results.Forbid(),
            SaveStatus.Saved => Results.Ok(new InventoryImportedDto(result.Imported)),
            _ => ApiProblems.ImportRejected(result.Problems),
        };
    }

    private static async Task<IResult> ExportAsync(string kind, [FromQuery] string? format, OrganizationContext context, OrganizationData data, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Refused(kind, context.Membership.CanReadRegister) is { } refused)
        {
            return refused;
        }

        if (format is not (null or "xlsx" or "csv"))
        {
            return ApiProblems.FormatNotOffered(format, "xlsx", "csv");
        }

        var inventory = Inventory.FromSlug(kind)!.Value;
        var items = await ListInventory.EntriesAsync(data.Db, inventory, cancellationToken);
        var organization = context.Organization;
        var xlsx = format != "csv";
        var culture = CultureInfo.CurrentUICulture;
        var stamp = time.Today(organization).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return Results.Stream(
            async body =>
            {
                if (xlsx)
                {
                    await ExportInventory.WriteXlsxAsync(body, inventory, items, culture, CancellationToken.None);
                }
                else
                {
                    await ExportInventory.WriteCsvAsync(body, inventory, items, culture, CancellationToken.None);
                }
            },
            xlsx ? RegisterExports.XlsxContentType : RegisterExports.CsvContentType,
            $"{organization.Slug}-{kind}-{stamp}.{(xlsx ? "xlsx" : "csv")}");
    }

    /// <summary>404 for an unknown inventory, 403 unless <paramref name="allowed"/>, else null (as the pages' check).</summary>
    private static IResult? Refused(string kind, bool allowed) =>
        Inventory.FromSlug(kind) is null ? Results.NotFound()
        : allowed ? null
        : Results.Forbid();
}

/// <param name="Imported">How many entries the file added.</param>
public sealed record InventoryImportedDto(int Imported);

/// <summary>
/// One entry of an inventory: every field of every kind (a kind uses only those its page shows), whether it
/// still lacks something for its ★3 criterion, and the version to send back with a change.
/// </summary>
public sealed record InventoryItemDto(
    Guid Id, string Kind, string Name, string Category, string Maker, string Model, string Software, string Purpose, string Location,
    string Holder, string Provider, string System, string DataHeld, bool Confidential, bool TermsChecked, bool MfaEnforced,
    string Privileges, DateOnly? SupportEndsOn, DateOnly? ReviewedOn, string Note, bool LacksSomething, int Version)
{
    public static InventoryItemDto From(InventoryItem i) => new(
        i.Id, Inventory.Slug(i.Kind), i.Name, i.Category, i.Maker, i.Model, i.Software, i.Purpose, i.Location,
        i.Holder, i.Provider, i.System, i.DataHeld, i.Confidential, i.TermsChecked, i.MfaEnforced,
        i.Privileges, i.SupportEndsOn, i.ReviewedOn, i.Note, Inventory.LacksSomething(i), i.Version);
}
