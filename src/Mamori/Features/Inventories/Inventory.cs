using System.Globalization;
using Mamori.Domain.Catalog;
using Mamori.Domain.Inventories;
using Mamori.Import;
using Mamori.Resources;

namespace Mamori.Features.Inventories;

/// <summary>
/// One field of an inventory as its list, form, file and export show it: the entry's property, what
/// the cell holds, and its headers (the first written, all read) in both languages, from
/// <see cref="InventoryWords"/> ("{Kind}{Key}", aliases after '|').
/// </summary>
public sealed class InventoryColumn
{
    public required InventoryKind Inventory { get; init; }

    /// <summary>The entry's property (also the form's field name).</summary>
    public required string Key { get; init; }

    /// <summary>Text, Flag (○ or empty) or Date; the register's cell kinds.</summary>
    public required RegisterCellKind Kind { get; init; }

    public bool Required { get; init; }

    public int MaxLength { get; init; } = InventoryItem.MaxTextLength;

    public required Func<InventoryItem, object?> Get { get; init; }

    /// <summary>Puts a value as <see cref="Get"/> gives it (never null for text and flags) into an entry.</summary>
    public required Action<InventoryItem, object?> Set { get; init; }

    public IReadOnlyList<string> Headers(CultureInfo culture) =>
        InventoryWords.ResourceManager.Text($"{Inventory}{Key}", culture).Split('|', StringSplitOptions.TrimEntries);

    /// <summary>The header written and shown in <paramref name="culture"/>'s language.</summary>
    public string Header(CultureInfo culture) => Headers(culture)[0];

    /// <summary>The value as text: ○ for a flag, 2025/04/01 for a date.</summary>
    public string Display(InventoryItem item) => RegisterColumn.Format(Get(item));

    public override string ToString() => Key;
}

/// <summary>
/// The four small inventories ★3's "a way to know" criteria ask for, their address on the web
/// ("devices"…, the catalog's register keys), their fields, and what an entry still lacks.
/// </summary>
public static class Inventory
{
    public static IReadOnlyList<InventoryKind> Kinds { get; } = [InventoryKind.Devices, InventoryKind.Networks, InventoryKind.ExternalServices, InventoryKind.AdminIds];

    /// <summary>Most rows one file may hold: an inventory of a small company has dozens.</summary>
    public const int MaxImportRows = 5_000;

    private static readonly Dictionary<InventoryKind, ScsRegister> Registers = new()
    {
        [InventoryKind.Devices] = ScsRegister.Devices,
        [InventoryKind.Networks] = ScsRegister.Networks,
        [InventoryKind.ExternalServices] = ScsRegister.ExternalServices,
        [InventoryKind.AdminIds] = ScsRegister.AdminIds,
    };

    private static readonly Dictionary<InventoryKind, IReadOnlyList<InventoryColumn>> ColumnsByKind = new()
    {
        [InventoryKind.Devices] =
        [
            Text(InventoryKind.Devices, nameof(InventoryItem.Name), required: true), Text(InventoryKind.Devices, nameof(InventoryItem.Category)),
            Text(InventoryKind.Devices, nameof(InventoryItem.Maker)), Text(InventoryKind.Devices, nameof(InventoryItem.Model)),
            Text(InventoryKind.Devices, nameof(InventoryItem.Software)), Text(InventoryKind.Devices, nameof(InventoryItem.Holder)),
            Text(InventoryKind.Devices, nameof(InventoryItem.Location)), Date(InventoryKind.Devices, nameof(InventoryItem.SupportEndsOn)),
            Text(InventoryKind.Devices, nameof(InventoryItem.Provider)), Text(InventoryKind.Devices, nameof(InventoryItem.Note)),
        ],
        [InventoryKind.Networks] =
        [
            Text(InventoryKind.Networks, nameof(InventoryItem.Name), required: true), Text(InventoryKind.Networks, nameof(InventoryItem.Category)),
            Text(InventoryKind.Networks, nameof(InventoryItem.Purpose)), Text(InventoryKind.Networks, nameof(InventoryItem.Location)),
            Text(InventoryKind.Networks, nameof(InventoryItem.Maker)), Text(InventoryKind.Networks, nameof(InventoryItem.Model)),
            Text(InventoryKind.Networks, nameof(InventoryItem.Software)), Text(InventoryKind.Networks, nameof(InventoryItem.Holder)),
            Text(InventoryKind.Networks, nameof(InventoryItem.Provider)), Text(InventoryKind.Networks, nameof(InventoryItem.Note)),
        ],
        [InventoryKind.ExternalServices] =
        [
            Text(InventoryKind.ExternalServices, nameof(InventoryItem.Name), required: true), Text(InventoryKind.ExternalServices, nameof(InventoryItem.Provider)),
            Text(InventoryKind.ExternalServices, nameof(InventoryItem.Purpose)), Flag(InventoryKind.ExternalServices, nameof(InventoryItem.Confidential)),
            Text(InventoryKind.ExternalServices, nameof(InventoryItem.DataHeld)), Flag(InventoryKind.ExternalServices, nameof(InventoryItem.TermsChecked)),
            Flag(InventoryKind.ExternalServices, nameof(InventoryItem.MfaEnforced)), Text(InventoryKind.ExternalServices, nameof(InventoryItem.Holder)),
            Text(InventoryKind.ExternalServices, nameof(InventoryItem.Note)),
        ],
        [InventoryKind.AdminIds] =
        [
            Text(InventoryKind.AdminIds, nameof(InventoryItem.System), required: true), Text(InventoryKind.AdminIds, nameof(InventoryItem.Name), required: true),
            Text(InventoryKind.AdminIds, nameof(InventoryItem.Holder)), Text(InventoryKind.AdminIds, nameof(InventoryItem.Privileges)),
            Date(InventoryKind.AdminIds, nameof(InventoryItem.ReviewedOn)), Text(InventoryKind.AdminIds, nameof(InventoryItem.Note)),
        ],
    };

    /// <summary>The fields of <paramref name="kind"/>'s list, in the order they are shown and written.</summary>
    public static IReadOnlyList<InventoryColumn> Columns(InventoryKind kind) => ColumnsByKind[kind];

    /// <summary>The web address and catalog key of an inventory: "devices", "networks", "external-services", "admin-ids".</summary>
    public static string Slug(InventoryKind kind) => Catalogs.ScsCatalog.RegisterKey(Registers[kind]);

    public static InventoryKind? FromSlug(string? slug) => Kinds.Cast<InventoryKind?>().FirstOrDefault(k => Slug(k!.Value) == slug);

    /// <summary>The catalog's register this inventory is.</summary>
    public static ScsRegister RegisterOf(InventoryKind kind) => Registers[kind];

    /// <summary>The inventory that is a ★3 criterion's register, if it is one of these.</summary>
    public static InventoryKind? Of(ScsRegister register) => Registers.Where(r => r.Value == register).Select(r => (InventoryKind?)r.Key).FirstOrDefault();

    /// <summary>The evidence link a ★3 answer keeps for this inventory ("register:devices").</summary>
    public static string Link(InventoryKind kind) => $"register:{Slug(kind)}";

    public static string Title(InventoryKind kind, CultureInfo culture) => InventoryWords.ResourceManager.Text($"Kind{kind}", culture);

    /// <summary>
    /// What an entry of this kind still lacks for its ★3 criterion: a device without its OS and version, a
    /// service holding confidential data whose terms nobody checked, an administrator id without a holder.
    /// </summary>
    public static bool LacksSomething(InventoryItem item) => item.Kind switch
    {
        InventoryKind.Devices => item.Software.Length == 0,
        InventoryKind.ExternalServices => item.Confidential && !item.TermsChecked,
        InventoryKind.AdminIds => item.Holder.Length == 0,
        _ => false,
    };

    /// <summary>What <see cref="LacksSomething"/> means for this kind, as a ground of a proposal; null when nothing can be lacking.</summary>
    public static string? Gap(InventoryKind kind, CultureInfo culture) =>
        kind is InventoryKind.Networks ? null : InventoryWords.ResourceManager.Text($"{kind}Gap", culture);

    /// <summary>What tells two entries apart: the name, and for an administrator id the system it is for.</summary>
    public static (string System, string Name) Identity(InventoryItem item) => (item.System, item.Name);

    /// <summary>The identity as the user reads it: "admin (NAS)" or just the name.</summary>
    public static string Describe(InventoryItem item) => item.System.Length == 0 ? item.Name : $"{item.Name} ({item.System})";

    private static InventoryColumn Text(InventoryKind kind, string key, bool required = false)
    {
        var property = typeof(InventoryItem).GetProperty(key)!;
        return new()
        {
            Inventory = kind, Key = key, Kind = RegisterCellKind.Text, Required = required,
            MaxLength = key == nameof(InventoryItem.Note) ? InventoryItem.MaxNoteLength : InventoryItem.MaxTextLength,
            Get = item => (string)property.GetValue(item)!,
            Set = (item, value) => property.SetValue(item, ((string?)value ?? "").Trim()),
        };
    }

    private static InventoryColumn Flag(InventoryKind kind, string key)
    {
        var property = typeof(InventoryItem).GetProperty(key)!;
        return new()
        {
            Inventory = kind, Key = key, Kind = RegisterCellKind.Flag,
            Get = item => (bool)property.GetValue(item)!, Set = (item, value) => property.SetValue(item, value is true),
        };
    }

    private static InventoryColumn Date(InventoryKind kind, string key)
    {
        var property = typeof(InventoryItem).GetProperty(key)!;
        return new()
        {
            Inventory = kind, Key = key, Kind = RegisterCellKind.Date,
            Get = item => (DateOnly?)property.GetValue(item), Set = (item, value) => property.SetValue(item, (DateOnly?)value),
        };
    }
}
