using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Mamori.Domain.Organizations;

namespace Mamori.Domain.Audit;

/// <summary>What kind of write an audit entry records.</summary>
public enum AuditAction
{
    Created = 1,
    Updated = 2,
    Deleted = 3,
}

/// <summary>
/// One write to an organization's data: who, when, what, and the values before and after
/// (JSON objects of the changed properties). Entries are only ever added, and each one is
/// chained to the one before it in its organization (<see cref="Sequence"/>,
/// <see cref="PreviousHash"/>, <see cref="Hash"/>), so that a row changed, inserted or
/// deleted behind the product's back shows.
/// </summary>
public sealed class AuditEntry : IBelongsToOrganization
{
    public AuditEntry(Guid organizationId, DateTimeOffset at, string actor, AuditAction action, string entityType, string entityId, string? before, string? after)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        // PostgreSQL keeps microseconds: a finer time would not hash the same once read back.
        var utc = at.ToUniversalTime();
        At = utc.AddTicks(-(utc.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Before = before;
        After = after;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Who wrote: a user's e-mail address, or "cli:NAME" for the command line.</summary>
    public string Actor { get; private set; }

    public AuditAction Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    /// <summary>Position in the organization's chain, from 1, without gaps.</summary>
    public long Sequence { get; private set; }

    /// <summary>The <see cref="Hash"/> of the entry before (<see cref="Genesis"/> for the first).</summary>
    public string PreviousHash { get; private set; } = "";

    /// <summary>SHA-256 (hex) of this entry's canonical form, which includes <see cref="PreviousHash"/>.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>What the first entry of a chain points back to.</summary>
    public static string Genesis { get; } = new('0', 64);

    /// <summary>Places the entry after <paramref name="previousHash"/> at <paramref name="sequence"/> and seals it.</summary>
    public void Chain(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>
    /// The hash this entry's current values give: SHA-256 over a JSON array of every field
    /// in a fixed order (times as UTC with microseconds), so the same values always give the
    /// same bytes whichever database stored them.
    /// </summary>
    public string ComputeHash()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using var json = new Utf8JsonWriter(buffer);
        json.WriteStartArray();
        json.WriteStringValue("mamori-audit-v1");
        json.WriteNumberValue(Sequence);
        json.WriteStringValue(Id.ToString("D"));
        json.WriteStringValue(OrganizationId.ToString("D"));
        json.WriteStringValue(At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteStringValue(Actor);
        json.WriteNumberValue((int)Action);
        json.WriteStringValue(EntityType);
        json.WriteStringValue(EntityId);
        WriteNullable(json, Before);
        WriteNullable(json, After);
        json.WriteStringValue(PreviousHash);
        json.WriteEndArray();
        json.Flush();
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
