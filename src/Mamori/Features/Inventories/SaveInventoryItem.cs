using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Inventories;
using Mamori.Domain.Organizations;
using Mamori.Import;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Inventories;

/// <summary>
/// Adds or changes one entry of an inventory: only the fields its kind shows are taken, checked
/// against their lengths, with the name required and unique in its list (for an administrator id,
/// unique for its system). For whoever may change the asset register as a whole.
/// </summary>
public static class SaveInventoryItem
{
    /// <summary>Every field of every kind; a kind reads only its own (<see cref="Inventory.Columns"/>).</summary>
    public sealed class Request
    {
        public string? Name { get; set; }
        public string? Category { get; set; }
        public string? Maker { get; set; }
        public string? Model { get; set; }
        public string? Software { get; set; }
        public string? Purpose { get; set; }
        public string? Location { get; set; }
        public string? Holder { get; set; }
        public string? Provider { get; set; }
        public string? System { get; set; }
        public string? DataHeld { get; set; }
        public bool Confidential { get; set; }
        public bool TermsChecked { get; set; }
        public bool MfaEnforced { get; set; }
        public string? Privileges { get; set; }
        public DateOnly? SupportEndsOn { get; set; }
        public DateOnly? ReviewedOn { get; set; }
        public string? Note { get; set; }

        /// <summary>The version the form was read at; a save over a newer one is a conflict.</summary>
        public int Version { get; set; }

        public object? ValueOf(string key) => typeof(Request).GetProperty(key)!.GetValue(this);

        public static Request From(InventoryItem item)
        {
            var request = new Request { Version = item.Version };
            foreach (var property in typeof(Request).GetProperties().Where(p => p.CanWrite && p.Name != nameof(Version)))
            {
                property.SetValue(request, typeof(InventoryItem).GetProperty(property.Name)!.GetValue(item));
            }

            return request;
        }
    }

    public sealed record Result(SaveStatus Status, InventoryItem? Item, IReadOnlyDictionary<string, List<string>> Errors);

    public static async Task<Result> HandleAsync(
        MamoriDb db, Membership membership, InventoryKind kind, Guid? id, Request request, CancellationToken cancellationToken = default)
    {
        if (!membership.CanManageRisks)
        {
            return new(SaveStatus.Forbidden, null, FieldErrors.None);
        }

        InventoryItem? item = null;
        if (id is { } existing)
        {
            item = await db.InventoryItems.SingleOrDefaultAsync(i => i.Id == existing && i.Kind == kind, cancellationToken);
            if (item is null)
            {
                return new(SaveStatus.NotFound, null, FieldErrors.None);
            }
        }

        var columns = Inventory.Columns(kind);
        var errors = new FieldErrors();
        foreach (var column in columns.Where(c => c.Kind == RegisterCellKind.Text))
        {
            errors.Text(column.Key, (string?)request.ValueOf(column.Key), column.MaxLength, column.Required ? Format(InventoryWords.NameRequired, column.Header(CultureInfo.CurrentUICulture)) : null);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, item, errors);
        }

        var name = request.Name!.Trim();
        var system = columns.Any(c => c.Key == nameof(InventoryItem.System)) ? (request.System ?? "").Trim() : "";
        var selfId = item?.Id;
        if (await db.InventoryItems.AnyAsync(i => i.Kind == kind && i.Name == name && i.System == system && i.Id != selfId, cancellationToken))
        {
            errors.Add(nameof(Request.Name), Format(InventoryWords.NameTaken, columns.First(c => c.Key == nameof(Request.Name)).Header(CultureInfo.CurrentUICulture)));
            return new(SaveStatus.Invalid, item, errors);
        }

        if (item is null)
        {
            item = new InventoryItem(membership.OrganizationId, kind, name);
            db.InventoryItems.Add(item);
        }
        else
        {
            db.Entry(item).Property(i => i.Version).OriginalValue = request.Version;
        }

        foreach (var column in columns)
        {
            column.Set(item, request.ValueOf(column.Key));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(SaveStatus.Conflict, await db.InventoryItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == item.Id, cancellationToken), FieldErrors.None);
        }

        return new(SaveStatus.Saved, item, FieldErrors.None);
    }

    private static string Format(string template, object argument) => string.Format(CultureInfo.CurrentCulture, template, argument);
}
