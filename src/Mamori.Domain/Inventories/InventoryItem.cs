using Mamori.Domain.Organizations;

namespace Mamori.Domain.Inventories;

/// <summary>Which of the small inventories (一覧) an entry belongs to.</summary>
public enum InventoryKind
{
    /// <summary>端末・OS: PCs, servers, smartphones and what they run.</summary>
    Devices = 1,

    /// <summary>ネットワーク・ネットワーク機器: LANs, Wi-Fi, VPNs, routers, firewalls, switches.</summary>
    Networks = 2,

    /// <summary>外部サービス: cloud and other services that hold the company's information.</summary>
    ExternalServices = 3,

    /// <summary>管理者 ID: administrator accounts and who holds them.</summary>
    AdminIds = 4,
}

/// <summary>
/// One entry of a small inventory: a device, a network or network device, an external service or an
/// administrator id. The four share one shape; each kind uses the fields its list shows (docs/adr/0009),
/// and leaves the others empty.
/// </summary>
public sealed class InventoryItem : IBelongsToOrganization
{
    public const int MaxTextLength = 200;
    public const int MaxNoteLength = 1000;

    private string _name = "";

    public InventoryItem(Guid organizationId, InventoryKind kind, string name)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        Kind = kind;
        Name = name;
    }

    // For EF Core (no new id drawn only to be overwritten) and for the importer, which names the entry once its row is read.
    private InventoryItem()
    {
    }

    /// <summary>An entry whose name a caller sets before it is stored (an imported row).</summary>
    public static InventoryItem Unnamed(Guid organizationId, InventoryKind kind) =>
        new() { Id = Guid.CreateVersion7(), OrganizationId = organizationId, Kind = kind };

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public InventoryKind Kind { get; private set; }

    /// <summary>機器名, 名称, サービス名 or the administrator id itself: required.</summary>
    public string Name
    {
        get => _name;
        set => _name = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("An inventory entry needs a name.", nameof(value))
            : value.Trim();
    }

    /// <summary>種別: PC, server, smartphone; LAN, Wi-Fi, VPN, router, firewall, switch…</summary>
    public string Category { get; set; } = "";

    /// <summary>メーカー</summary>
    public string Maker { get; set; } = "";

    /// <summary>機種</summary>
    public string Model { get; set; } = "";

    /// <summary>A device's OS and its version, a network device's firmware version.</summary>
    public string Software { get; set; } = "";

    /// <summary>用途・目的</summary>
    public string Purpose { get; set; } = "";

    /// <summary>設置場所・使う場所</summary>
    public string Location { get; set; } = "";

    /// <summary>The person or department using a device, administering a network or service, or holding an id.</summary>
    public string Holder { get; set; } = "";

    /// <summary>A service's provider; the maintenance company of a device or network.</summary>
    public string Provider { get; set; } = "";

    /// <summary>The system, device or service an administrator id is for.</summary>
    public string System { get; set; } = "";

    /// <summary>What information a service holds.</summary>
    public string DataHeld { get; set; } = "";

    /// <summary>A service holds confidential information.</summary>
    public bool Confidential { get; set; }

    /// <summary>A service's contract or terms were checked before use.</summary>
    public bool TermsChecked { get; set; }

    /// <summary>A service requires multi-factor authentication of every user.</summary>
    public bool MfaEnforced { get; set; }

    /// <summary>What an administrator id may do.</summary>
    public string Privileges { get; set; } = "";

    /// <summary>Until when the maker supports a device's OS; null when not known.</summary>
    public DateOnly? SupportEndsOn { get; set; }

    /// <summary>When an administrator id was last reviewed.</summary>
    public DateOnly? ReviewedOn { get; set; }

    /// <summary>備考</summary>
    public string Note { get; set; } = "";

    public int Version { get; set; }
}
